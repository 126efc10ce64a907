//! `cfg_if! { if #[cfg(a)] { items } else if #[cfg(b)] { items } else { items } }`
//! (the cfg-if crate) parsed into its branches, so that the branch the build
//! compiles is walked like code (crc32fast and flate2 declare modules in it).
use syn::parse::{Parse, ParseStream, Result};
use syn::{braced, Attribute, Item, Token};

pub struct Branch {
    pub cfg: Vec<Attribute>, // empty for the final `else`
    pub items: Vec<Item>,
}

pub struct CfgIf(pub Vec<Branch>);

fn block(input: ParseStream) -> Result<Vec<Item>> {
    let content;
    braced!(content in input);
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(content.parse()?);
    }
    Ok(items)
}

impl Parse for CfgIf {
    fn parse(input: ParseStream) -> Result<Self> {
        let mut branches = Vec::new();
        loop {
            input.parse::<Token![if]>()?;
            let cfg = input.call(Attribute::parse_outer)?;
            branches.push(Branch {
                cfg,
                items: block(input)?,
            });
            if input.is_empty() {
                break;
            }
            input.parse::<Token![else]>()?;
            if !input.peek(Token![if]) {
                branches.push(Branch {
                    cfg: Vec::new(),
                    items: block(input)?,
                });
                break;
            }
        }
        if !input.is_empty() {
            return Err(input.error("unexpected tokens after cfg_if! branches"));
        }
        Ok(CfgIf(branches))
    }
}

/// Whether a macro call is cfg_if! (`cfg_if!` or `cfg_if::cfg_if!`).
pub fn is_cfg_if(mac: &syn::Macro) -> bool {
    mac.path.segments.last().map_or(false, |s| s.ident == "cfg_if")
}

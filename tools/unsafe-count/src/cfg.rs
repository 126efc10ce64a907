//! `#[cfg]` and `#[cfg_attr]` evaluated against one build configuration: the
//! target's cfg (as `rustc --print cfg` prints it) plus the crate's enabled
//! features. A predicate this tool cannot read counts as true (the code is
//! then counted rather than silently dropped).
use std::collections::HashSet;
use syn::{Attribute, Lit, Meta, NestedMeta};

#[derive(Default)]
pub struct Cfg {
    set: HashSet<(String, Option<String>)>,
}

impl Cfg {
    /// Adds one line of `rustc --print cfg` output: `unix` or `target_os="linux"`.
    pub fn add_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        match line.split_once('=') {
            Some((name, value)) => {
                let value = value.trim().trim_matches('"');
                self.set
                    .insert((name.trim().to_string(), Some(value.to_string())));
            }
            None => {
                self.set.insert((line.to_string(), None));
            }
        }
    }

    pub fn add_feature(&mut self, feature: &str) {
        self.set
            .insert(("feature".to_string(), Some(feature.to_string())));
    }

    /// Evaluates a cfg predicate: a name, `name = "value"`, all/any/not.
    pub fn eval(&self, pred: &NestedMeta) -> bool {
        match pred {
            NestedMeta::Meta(Meta::Path(p)) => self.set.contains(&(path_name(p), None)),
            NestedMeta::Meta(Meta::NameValue(nv)) => match &nv.lit {
                Lit::Str(s) => self.set.contains(&(path_name(&nv.path), Some(s.value()))),
                _ => false,
            },
            NestedMeta::Meta(Meta::List(list)) => {
                let mut args = list.nested.iter();
                match path_name(&list.path).as_str() {
                    "all" => args.all(|a| self.eval(a)),
                    "any" => args.any(|a| self.eval(a)),
                    "not" => !args.next().map_or(false, |a| self.eval(a)),
                    _ => false,
                }
            }
            NestedMeta::Lit(_) => false,
        }
    }

    /// The attributes in effect: `cfg_attr(pred, a, b)` becomes `a, b` when
    /// `pred` holds (recursively) and nothing otherwise. Attributes that are
    /// not meta items (e.g. `doc = include_str!(..)`) are left out.
    pub fn effective(&self, attrs: &[Attribute]) -> Vec<Meta> {
        let mut out = Vec::new();
        for attr in attrs {
            if let Ok(meta) = attr.parse_meta() {
                self.expand(meta, &mut out);
            }
        }
        out
    }

    fn expand(&self, meta: Meta, out: &mut Vec<Meta>) {
        let list = match meta {
            Meta::List(list) if path_name(&list.path) == "cfg_attr" => list,
            other => return out.push(other),
        };
        let mut args = list.nested.into_iter();
        let on = args.next().map_or(false, |pred| self.eval(&pred));
        if on {
            for arg in args {
                if let NestedMeta::Meta(m) = arg {
                    self.expand(m, out);
                }
            }
        }
    }

    /// Whether an item with these attributes is compiled.
    pub fn enabled(&self, attrs: &[Attribute]) -> bool {
        if attrs.is_empty() {
            return true;
        }
        self.effective(attrs).iter().all(|m| match m {
            Meta::List(list) if path_name(&list.path) == "cfg" => {
                list.nested.first().map_or(true, |pred| self.eval(pred))
            }
            _ => true,
        })
    }
}

pub fn path_name(path: &syn::Path) -> String {
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    names.join("::")
}

/// `#[path = "..."]` among effective attributes.
pub fn path_attr(metas: &[Meta]) -> Option<String> {
    metas.iter().find_map(|m| match m {
        Meta::NameValue(nv) if path_name(&nv.path) == "path" => match &nv.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// Whether a lint-level attribute (`forbid`, `deny`) names `unsafe_code`.
pub fn sets_lint(metas: &[Meta], level: &str) -> bool {
    metas.iter().any(|m| match m {
        Meta::List(list) if path_name(&list.path) == level => list
            .nested
            .iter()
            .any(|n| matches!(n, NestedMeta::Meta(Meta::Path(p)) if path_name(p) == "unsafe_code")),
        _ => false,
    })
}

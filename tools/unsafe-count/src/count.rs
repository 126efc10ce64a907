//! Walks a crate's module tree from its root file and counts the `unsafe`
//! that is compiled under one configuration (see cfg.rs). Code that cfg
//! leaves out is counted separately, as excluded.
use crate::cfg::{path_attr, Cfg};
use crate::cfg_if::{is_cfg_if, CfgIf};
use proc_macro2::{TokenStream, TokenTree};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, ForeignItem, ImplItem, Item, Stmt, Token, TraitItem};

#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub blocks: usize,     // unsafe { ... }
    pub functions: usize,  // unsafe fn (free, method, trait method; any ABI)
    pub impls: usize,      // unsafe impl
    pub traits: usize,     // unsafe trait
    pub extern_fns: usize, // fns declared in extern { } blocks (unsafe to call)
    pub in_macros: usize,  // `unsafe` tokens in macro bodies that cannot be evaluated
    pub items: usize,      // items (used for what cfg excluded)
}

pub struct Walker<'c> {
    cfg: &'c Cfg,
    pub compiled: Counts,
    pub excluded: Counts,
    pub files: Vec<PathBuf>,
    pub excluded_files: Vec<PathBuf>,
    pub errors: Vec<String>,
    excluding: bool,
    dir: PathBuf,      // where `mod x;` looks for x.rs / x/mod.rs
    file_dir: PathBuf, // the current file's directory (for #[path])
    inline_depth: usize,
    pending: Vec<(PathBuf, PathBuf)>, // module files cfg left out, with their dirs
}

impl<'c> Walker<'c> {
    pub fn new(cfg: &'c Cfg) -> Self {
        Walker {
            cfg,
            compiled: Counts::default(),
            excluded: Counts::default(),
            files: Vec::new(),
            excluded_files: Vec::new(),
            errors: Vec::new(),
            excluding: false,
            dir: PathBuf::new(),
            file_dir: PathBuf::new(),
            inline_depth: 0,
            pending: Vec::new(),
        }
    }

    fn counts(&mut self) -> &mut Counts {
        if self.excluding {
            &mut self.excluded
        } else {
            &mut self.compiled
        }
    }

    /// Parses and walks one compiled module file; `dir` is where its own
    /// `mod x;` children live. A file that cfg leaves out waits for finish().
    /// Returns the parsed file (for crate attributes).
    pub fn walk_file(&mut self, path: &Path, dir: PathBuf) -> Option<syn::File> {
        if self.excluding {
            self.pending.push((path.to_path_buf(), dir));
            return None;
        }
        let file = self.parse(path)?;
        if !self.cfg.enabled(&file.attrs) {
            self.pending.push((path.to_path_buf(), dir));
            return Some(file);
        }
        self.visit_file_in(&file, path, dir);
        self.files.push(path.to_path_buf());
        Some(file)
    }

    /// Counts the module files that cfg left out (and that no compiled `mod`
    /// declaration also names) as excluded. Missing files are skipped.
    pub fn finish(&mut self) {
        let mut seen: HashSet<PathBuf> = self.files.iter().cloned().collect();
        self.excluding = true;
        while let Some((path, dir)) = self.pending.pop() {
            if !path.is_file() || !seen.insert(path.clone()) {
                continue;
            }
            self.excluded_files.push(path.clone());
            if let Some(file) = self.parse(&path) {
                self.visit_file_in(&file, &path, dir);
            }
        }
        self.excluding = false;
    }

    fn parse(&mut self, path: &Path) -> Option<syn::File> {
        match read_and_parse(path) {
            Ok(file) => Some(file),
            Err(e) => {
                self.errors.push(format!("{}: {}", path.display(), e));
                None
            }
        }
    }

    fn visit_file_in(&mut self, file: &syn::File, path: &Path, dir: PathBuf) {
        let file_dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let saved = (
            std::mem::replace(&mut self.dir, dir),
            std::mem::replace(&mut self.file_dir, file_dir),
            std::mem::replace(&mut self.inline_depth, 0),
        );
        visit::visit_file(self, file);
        (self.dir, self.file_dir, self.inline_depth) = saved;
    }

    /// Visits a node whose attributes may switch it off.
    fn gated<F: FnOnce(&mut Self)>(&mut self, attrs: &[Attribute], is_item: bool, f: F) {
        if self.excluding || self.cfg.enabled(attrs) {
            return f(self);
        }
        self.excluding = true;
        if is_item {
            self.excluded.items += 1;
        }
        f(self);
        self.excluding = false;
    }

    fn external_mod(&mut self, m: &syn::ItemMod) {
        let metas = self.cfg.effective(&m.attrs);
        let name = m.ident.to_string();
        let (file, dir) = match path_attr(&metas) {
            Some(p) => {
                let base = if self.inline_depth > 0 {
                    &self.dir
                } else {
                    &self.file_dir
                };
                let file = base.join(p);
                let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
                (file, dir)
            }
            None => {
                let flat = self.dir.join(format!("{}.rs", name));
                let file = if flat.is_file() {
                    flat
                } else {
                    self.dir.join(&name).join("mod.rs")
                };
                (file, self.dir.join(&name))
            }
        };
        self.walk_file(&file, dir);
    }

    /// The first branch whose cfg holds is compiled; the others are excluded.
    fn cfg_if(&mut self, branches: &CfgIf) {
        let mut chosen = false;
        for branch in &branches.0 {
            let on = !chosen && self.cfg.enabled(&branch.cfg);
            chosen |= on;
            let saved = self.excluding;
            self.excluding |= !on;
            if !on && !saved {
                self.excluded.items += branch.items.len();
            }
            branch.items.iter().for_each(|item| self.visit_item(item));
            self.excluding = saved;
        }
    }

    fn unsafe_tokens(&mut self, tokens: &TokenStream) {
        let n = count_unsafe_tokens(tokens.clone());
        self.counts().in_macros += n;
    }
}

fn read_and_parse(path: &Path) -> Result<syn::File, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    syn::parse_file(&text)
        .or_else(|first| syn::parse_file(&without_c_string_prefixes(&text)).map_err(|_| first))
        .map_err(|e| {
            let at = e.span().start();
            format!("line {}, column {}: {}", at.line, at.column + 1, e)
        })
}

/// C string literals (`c"..."`, `cr#"..."#`, Rust 1.77) are newer than syn
/// 1.0: a file that fails to parse is retried with their `c` turned into a
/// space (same columns), i.e. read as plain strings. A `c"` inside another
/// literal could be spoiled too; then the first error is reported.
fn without_c_string_prefixes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    for i in 0..bytes.len() {
        let starts =
            bytes[i] == b'c' && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        let mut j = i + 1;
        if starts && bytes.get(j) == Some(&b'r') {
            j += 1;
            while bytes.get(j) == Some(&b'#') {
                j += 1;
            }
        }
        if starts && bytes.get(j) == Some(&b'"') {
            out[i] = b' ';
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn count_unsafe_tokens(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if i == "unsafe" => 1,
            TokenTree::Group(g) => count_unsafe_tokens(g.stream()),
            _ => 0,
        })
        .sum()
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Macro2(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

fn impl_item_attrs(item: &ImplItem) -> &[Attribute] {
    match item {
        ImplItem::Const(i) => &i.attrs,
        ImplItem::Method(i) => &i.attrs,
        ImplItem::Type(i) => &i.attrs,
        ImplItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

fn trait_item_attrs(item: &TraitItem) -> &[Attribute] {
    match item {
        TraitItem::Const(i) => &i.attrs,
        TraitItem::Method(i) => &i.attrs,
        TraitItem::Type(i) => &i.attrs,
        TraitItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

fn foreign_item_attrs(item: &ForeignItem) -> &[Attribute] {
    match item {
        ForeignItem::Fn(i) => &i.attrs,
        ForeignItem::Static(i) => &i.attrs,
        ForeignItem::Type(i) => &i.attrs,
        ForeignItem::Macro(i) => &i.attrs,
        _ => &[],
    }
}

macro_rules! expr_attrs {
    ($e:expr, $($v:ident),*) => {
        match $e { $(Expr::$v(x) => &x.attrs[..],)* _ => &[] }
    };
}

fn expr_attrs(e: &Expr) -> &[Attribute] {
    expr_attrs!(
        e, Array, Assign, AssignOp, Async, Await, Binary, Block, Box, Break, Call, Cast, Closure, Continue,
        Field, ForLoop, Group, If, Index, Let, Lit, Loop, Macro, Match, MethodCall, Paren, Path, Range,
        Reference, Repeat, Return, Struct, Try, TryBlock, Tuple, Type, Unary, Unsafe, While, Yield
    )
}

impl<'ast, 'c> Visit<'ast> for Walker<'c> {
    fn visit_item(&mut self, i: &'ast Item) {
        self.gated(item_attrs(i), true, |w| visit::visit_item(w, i));
    }
    fn visit_impl_item(&mut self, i: &'ast ImplItem) {
        self.gated(impl_item_attrs(i), true, |w| visit::visit_impl_item(w, i));
    }
    fn visit_trait_item(&mut self, i: &'ast TraitItem) {
        self.gated(trait_item_attrs(i), true, |w| visit::visit_trait_item(w, i));
    }
    fn visit_foreign_item(&mut self, i: &'ast ForeignItem) {
        self.gated(foreign_item_attrs(i), true, |w| visit::visit_foreign_item(w, i));
    }
    fn visit_stmt(&mut self, s: &'ast Stmt) {
        match s {
            Stmt::Local(l) => self.gated(&l.attrs, false, |w| visit::visit_stmt(w, s)),
            _ => visit::visit_stmt(self, s),
        }
    }
    fn visit_expr(&mut self, e: &'ast Expr) {
        self.gated(expr_attrs(e), false, |w| visit::visit_expr(w, e));
    }
    fn visit_arm(&mut self, a: &'ast syn::Arm) {
        self.gated(&a.attrs, false, |w| visit::visit_arm(w, a));
    }
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        match &m.content {
            None => self.external_mod(m),
            Some(_) => {
                let child = self.dir.join(m.ident.to_string());
                let saved = std::mem::replace(&mut self.dir, child);
                self.inline_depth += 1;
                visit::visit_item_mod(self, m);
                self.inline_depth -= 1;
                self.dir = saved;
            }
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.counts().functions += f.sig.unsafety.is_some() as usize;
        visit::visit_item_fn(self, f);
    }
    fn visit_impl_item_method(&mut self, f: &'ast syn::ImplItemMethod) {
        self.counts().functions += f.sig.unsafety.is_some() as usize;
        visit::visit_impl_item_method(self, f);
    }
    fn visit_trait_item_method(&mut self, f: &'ast syn::TraitItemMethod) {
        self.counts().functions += f.sig.unsafety.is_some() as usize;
        visit::visit_trait_item_method(self, f);
    }
    fn visit_foreign_item_fn(&mut self, f: &'ast syn::ForeignItemFn) {
        self.counts().extern_fns += 1;
        visit::visit_foreign_item_fn(self, f);
    }
    fn visit_expr_unsafe(&mut self, e: &'ast syn::ExprUnsafe) {
        self.counts().blocks += 1;
        visit::visit_expr_unsafe(self, e);
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.counts().impls += i.unsafety.is_some() as usize;
        visit::visit_item_impl(self, i);
    }
    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        self.counts().traits += t.unsafety.is_some() as usize;
        visit::visit_item_trait(self, t);
    }
    /// cfg_if! is evaluated; macro_rules! definitions and other item-level
    /// macro calls cannot be, so their `unsafe` tokens are counted apart.
    fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
        match m.mac.parse_body::<CfgIf>() {
            Ok(branches) if m.ident.is_none() && is_cfg_if(&m.mac) => self.cfg_if(&branches),
            _ => self.unsafe_tokens(&m.mac.tokens),
        }
    }
    /// Other macro calls: arguments that parse as comma-separated expressions
    /// (assert!, format!, ...) are walked as code; anything else is counted
    /// as tokens.
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let parser = Punctuated::<Expr, Token![,]>::parse_terminated;
        match m.parse_body_with(parser) {
            Ok(args) => args.iter().for_each(|e| self.visit_expr(e)),
            Err(_) => self.unsafe_tokens(&m.tokens),
        }
    }
}

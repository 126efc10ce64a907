//! duet-unsafe-count: the unsafe code one Rust crate compiles, as JSON.
//!
//! usage: duet-unsafe-count --root SRC/LIB.RS [--feature NAME]... [--cfg SPEC]... [--cfg-file FILE]
//!
//! --cfg SPEC is `name` or `name="value"`; --cfg-file holds one SPEC a line
//! (the output of `rustc --print cfg`). Exit status 0 with the JSON on
//! stdout, 2 on bad usage or an unreadable root file.
mod cfg;
mod cfg_if;
mod count;

use cfg::{sets_lint, Cfg};
use count::{Counts, Walker};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

struct Args {
    root: PathBuf,
    cfg: Cfg,
}

fn parse_args() -> Result<Args, String> {
    let mut root = None;
    let mut cfg = Cfg::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{} needs a value", arg));
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(value()?)),
            "--feature" => cfg.add_feature(&value()?),
            "--cfg" => cfg.add_line(&value()?),
            "--cfg-file" => {
                let path = value()?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {}", path, e))?;
                text.lines().for_each(|l| cfg.add_line(l));
            }
            _ => return Err(format!("unknown argument {}", arg)),
        }
    }
    let root = root.ok_or("--root is required")?;
    Ok(Args { root, cfg })
}

fn counts_json(c: &Counts) -> Value {
    json!({
        "unsafe_blocks": c.blocks,
        "unsafe_functions": c.functions,
        "unsafe_impls": c.impls,
        "unsafe_traits": c.traits,
        "extern_block_functions": c.extern_fns,
        "in_macros": c.in_macros,
    })
}

fn paths(list: &[PathBuf]) -> Vec<String> {
    list.iter().map(|p| p.display().to_string()).collect()
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("duet-unsafe-count: {}", e);
            std::process::exit(2);
        }
    };
    let mut walker = Walker::new(&args.cfg);
    let dir = args.root.parent().unwrap_or(Path::new(".")).to_path_buf();
    let root = match walker.walk_file(&args.root, dir) {
        Some(file) => file,
        None => {
            eprintln!("duet-unsafe-count: {}", walker.errors.join("; "));
            std::process::exit(2);
        }
    };
    walker.finish();
    let metas = args.cfg.effective(&root.attrs);
    let mut out = counts_json(&walker.compiled);
    let mut excluded = counts_json(&walker.excluded);
    excluded["items"] = json!(walker.excluded.items);
    excluded["files"] = json!(paths(&walker.excluded_files));
    out["files"] = json!(walker.files.len());
    out["forbids_unsafe_code"] = json!(sets_lint(&metas, "forbid"));
    out["denies_unsafe_code"] = json!(sets_lint(&metas, "deny"));
    out["excluded_by_cfg"] = excluded;
    out["errors"] = json!(walker.errors);
    println!("{}", out);
}

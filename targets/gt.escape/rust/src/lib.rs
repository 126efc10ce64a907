//! gt.escape, Rust side: two candidates behind the same contract.
//! `rust`: the rewrite a careful team would write (safe.rs);
//! `rust-unsafe`: a literal c2rust-style translation of escape.c that keeps its
//! shape and its planted bugs (literal.rs).

mod literal;
mod safe;

duet_ffi::export!(duet_gt_escape_rust, safe::decode);
duet_ffi::export!(duet_gt_escape_rust_unsafe, literal::decode);

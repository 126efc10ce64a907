//! gt.kv, Rust side: two candidates behind the same contract.
//! `rust`: the rewrite a careful team would write (safe.rs);
//! `rust-unsafe`: a literal c2rust-style translation of kv.c that keeps its
//! shape and its planted bugs (literal.rs).

mod literal;
mod safe;

duet_ffi::export!(duet_gt_kv_rust, safe::parse);
duet_ffi::export!(duet_gt_kv_rust_unsafe, literal::parse);

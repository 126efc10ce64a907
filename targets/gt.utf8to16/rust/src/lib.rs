//! gt.utf8to16, Rust side: two candidates behind the same contract.
//! `rust`: the rewrite a careful team would write (safe.rs);
//! `rust-unsafe`: a literal c2rust-style translation of utf8to16.c that keeps its
//! shape and its planted bugs (literal.rs).

mod literal;
mod safe;

duet_ffi::export!(duet_gt_utf8to16_rust, safe::transcode);
duet_ffi::export!(duet_gt_utf8to16_rust_unsafe, literal::transcode);

//! brotli.decode-abi, Rust side: nothing of ours. Naming both crates links
//! their `#[no_mangle]` C exports (src/ffi of brotli-decompressor) into the
//! staticlib, where rust/prefix-exports renames them per crate.

pub use brotli_decompressor;
pub use brotli_decompressor_unsafe;

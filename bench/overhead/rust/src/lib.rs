//! miniz_oxide called directly from C, without duet's contract (no `Sink`,
//! no `catch_unwind`, no copy into a harness buffer): the baseline that
//! bench/overhead measures the contract against. Same one-shot API and the
//! same 64 MiB output bound as the zlib.inflate adapter.

use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;

const OUTPUT_BOUND: usize = 64 << 20;

fn inflate(input: *const u8, size: usize) -> Option<Vec<u8>> {
    let bytes: &[u8] = if size == 0 {
        &[]
    } else {
        // SAFETY: the caller passes `size` readable bytes at `input`.
        unsafe { std::slice::from_raw_parts(input, size) }
    };
    decompress_to_vec_zlib_with_limit(bytes, OUTPUT_BOUND).ok()
}

/// Inflates a zlib stream and drops the output; returns its length, or -1
/// when the stream is rejected.
///
/// # Safety
/// `input` points to `size` readable bytes (or `size` is 0).
#[no_mangle]
pub unsafe extern "C" fn duet_bench_miniz_inflate(input: *const u8, size: usize) -> isize {
    match inflate(input, size) {
        Some(out) => out.len() as isize,
        None => -1,
    }
}

/// Inflates a zlib stream and says whether the result matches the C side's:
/// both rejected (`c_accepted` 0), or both accepted with equal bytes.
///
/// # Safety
/// `input` points to `size` readable bytes, `c_out` to `c_len` (either may be
/// null with a zero length).
#[no_mangle]
pub unsafe extern "C" fn duet_bench_miniz_matches(
    input: *const u8,
    size: usize,
    c_accepted: i32,
    c_out: *const u8,
    c_len: usize,
) -> i32 {
    let expected: &[u8] = if c_len == 0 { &[] } else { std::slice::from_raw_parts(c_out, c_len) };
    match inflate(input, size) {
        Some(out) => (c_accepted != 0 && out == expected) as i32,
        None => (c_accepted == 0) as i32,
    }
}

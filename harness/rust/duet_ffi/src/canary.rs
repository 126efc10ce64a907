//! Bug canaries for the ground-truth targets (harness/include/duet/canary.h):
//! `canary("TLV-1", payload_len + 2 > len)` at a planted bug's site records
//! "reached" and, when the condition holds, "triggered", without changing
//! behaviour. Hits go to the same per-process table as the C side's.

extern "C" {
    fn duet_canary_hit(id: *const u8, id_len: usize, triggered: std::ffi::c_int);
}

/// Records one pass through canary `id`; `triggered` is the bug's condition.
#[inline]
pub fn canary(id: &str, triggered: bool) {
    // SAFETY: the C side copies `id_len` bytes from `id` and keeps no pointer.
    unsafe { duet_canary_hit(id.as_ptr(), id.len(), triggered as std::ffi::c_int) }
}

//! A literal translation of rle.c in the style of c2rust: raw pointers and
//! libc malloc/free/memcpy/memset. It keeps rle.c's shape and its planted
//! bugs (RLE-1, RLE-2).

use duet_ffi::{canary, Sink, Status};
use std::ffi::c_void;

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
    fn memset(dst: *mut c_void, c: i32, n: usize) -> *mut c_void;
}

const FLAG_TEXT: u8 = 0x01;
const HEADER: usize = 7;
const GT_RLE_MAX_OUTPUT: u32 = 1 << 20;

unsafe fn be32(p: *const u8) -> u32 {
    (*p as u32) << 24 | (*p.add(1) as u32) << 16 | (*p.add(2) as u32) << 8 | *p.add(3) as u32
}

unsafe fn fail(why: &mut &'static str, reason: &'static str, buf: *mut u8) -> i32 {
    free(buf as *mut c_void);
    *why = reason;
    -1
}

pub unsafe fn gt_rle_decode(input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    if size < HEADER || *input != b'R' || *input.add(1) != b'L' {
        return fail(why, "bad magic", std::ptr::null_mut());
    }
    let flags = *input.add(2);
    if flags & !FLAG_TEXT != 0 {
        return fail(why, "unknown flags", std::ptr::null_mut());
    }
    let cap = be32(input.add(3));
    if cap > GT_RLE_MAX_OUTPUT {
        return fail(why, "declared size too large", std::ptr::null_mut());
    }
    let buf = malloc(if cap != 0 { cap as usize } else { 1 }) as *mut u8;
    if buf.is_null() {
        return fail(why, "out of memory", std::ptr::null_mut());
    }
    let mut pos: usize = 0;
    let mut p = input.add(HEADER);
    let end = input.add(size);
    while p < end {
        let op = *p;
        p = p.add(1);
        if op < 0x80 {
            let n = op as usize + 1;
            if (end.offset_from(p) as usize) < n {
                return fail(why, "truncated literal", buf);
            }
            if n > (cap as usize).wrapping_sub(pos) {
                return fail(why, "output exceeds declared size", buf);
            }
            memcpy(buf.add(pos) as *mut c_void, p as *const c_void, n);
            p = p.add(n);
            pos = pos.wrapping_add(n);
        } else if op < 0xc0 {
            let n = (op & 0x3f) as usize + 3;
            if p == end {
                return fail(why, "truncated run", buf);
            }
            if n > (cap as usize).wrapping_sub(pos) {
                return fail(why, "output exceeds declared size", buf);
            }
            memset(buf.add(pos) as *mut c_void, *p as i32, n);
            p = p.add(1);
            pos = pos.wrapping_add(n);
        } else {
            let n = (op & 0x3f) as usize + 3;
            if end.offset_from(p) < 2 {
                return fail(why, "truncated back-reference", buf);
            }
            let dist = (*p as usize) << 8 | *p.add(1) as usize;
            p = p.add(2);
            canary("RLE-2", dist > pos);
            if dist == 0 || dist > cap as usize {
                return fail(why, "bad distance", buf);
            }
            if n > (cap as usize).wrapping_sub(pos) {
                return fail(why, "output exceeds declared size", buf);
            }
            let src = buf.offset(pos as isize - dist as isize);
            let mut i = 0usize;
            while i < n {
                *buf.add(pos + i) = *src.add(i);
                i += 1;
            }
            pos = pos.wrapping_add(n);
        }
    }
    if pos != cap as usize {
        return fail(why, "output shorter than declared size", buf);
    }
    if flags & FLAG_TEXT != 0 {
        canary("RLE-1", pos >= if cap != 0 { cap as usize } else { 1 });
        *buf.add(pos) = 0;
    }
    let rc = if pos != 0 { out.write(std::slice::from_raw_parts(buf, pos)).is_err() } else { false };
    free(buf as *mut c_void);
    if rc {
        *why = "output limit";
        return -1;
    }
    0
}

pub fn decode(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_rle_decode(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}

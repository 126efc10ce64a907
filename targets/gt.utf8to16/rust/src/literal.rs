//! A literal translation of utf8to16.c in the style of c2rust: two passes
//! over raw pointers, a malloc'd unit array sized by the first pass. It
//! keeps utf8to16.c's shape and its planted bugs (U16-1, U16-2).

use duet_ffi::{canary, Sink, Status};
use std::ffi::c_void;

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
}

const FLAG_REPLACE: u8 = 0x01;
const FLAG_BOM: u8 = 0x02;
const REPLACEMENT: u32 = 0xfffd;

static SEQ_LEN: [u8; 32] = [
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 0,
];
static MIN_FOR_LEN: [u32; 5] = [0, 0, 0x80, 0x800, 0x10000];

unsafe fn decode_one(p: *const u8, end: *const u8, cp: *mut u32) -> usize {
    let len = SEQ_LEN[(*p >> 3) as usize] as usize;
    if len == 1 {
        if *p >= 0x80 {
            return 0;
        }
        *cp = *p as u32;
        return 1;
    }
    if len == 0 || (end.offset_from(p) as usize) < len {
        return 0;
    }
    let mut c: u32 = *p as u32 & (0x7f_u32 >> len);
    let mut i = 1usize;
    while i < len {
        if *p.add(i) & 0xc0 != 0x80 {
            return 0;
        }
        c = c << 6 | (*p.add(i) & 0x3f) as u32;
        i += 1;
    }
    if c < MIN_FOR_LEN[len] || c > 0x10ffff || (0xd800..=0xdfff).contains(&c) {
        return 0;
    }
    *cp = c;
    len
}

unsafe fn next(p: *const u8, end: *const u8, replace: i32, cp: *mut u32, advance: *mut usize) -> i32 {
    let mut n = decode_one(p, end, cp);
    if n == 0 {
        if replace == 0 {
            return -1;
        }
        *cp = REPLACEMENT;
        n = SEQ_LEN[(*p >> 3) as usize] as usize;
        if n > end.offset_from(p) as usize {
            n = end.offset_from(p) as usize;
        }
        canary("U16-2", n == 0);
    }
    *advance = n;
    0
}

pub unsafe fn gt_utf8to16(input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    if size == 0 {
        *why = "missing flags";
        return -1;
    }
    let flags = *input;
    if flags & !(FLAG_REPLACE | FLAG_BOM) != 0 {
        *why = "unknown flags";
        return -1;
    }
    let replace = (flags & FLAG_REPLACE) as i32;
    let text = input.add(1);
    let end = input.add(size);

    let mut count: usize = 0;
    let mut p = text;
    while p < end {
        let mut cp: u32 = 0;
        let mut n: usize = 0;
        if next(p, end, replace, &mut cp, &mut n) != 0 {
            *why = "invalid UTF-8";
            return -1;
        }
        count = count.wrapping_add(1);
        p = p.add(n);
    }

    let cap = count.wrapping_add(if flags & FLAG_BOM != 0 { 1 } else { 0 });
    let units = malloc(if cap != 0 { cap.wrapping_mul(2) } else { 1 }) as *mut u16;
    if units.is_null() {
        *why = "out of memory";
        return -1;
    }
    let mut w: usize = 0;
    if flags & FLAG_BOM != 0 {
        *units.add(w) = 0xfeff;
        w += 1;
    }
    let mut p = text;
    while p < end {
        let mut cp: u32 = 0;
        let mut n: usize = 0;
        next(p, end, replace, &mut cp, &mut n);
        canary("U16-1", cp > 0xffff);
        if cp > 0xffff {
            *units.add(w) = (0xd800 + ((cp - 0x10000) >> 10)) as u16;
            w += 1;
            *units.add(w) = (0xdc00 + ((cp - 0x10000) & 0x3ff)) as u16;
            w += 1;
        } else {
            *units.add(w) = cp as u16;
            w += 1;
        }
        p = p.add(n);
    }

    let mut rc = 0;
    let mut i = 0usize;
    while i < w && rc == 0 {
        let le = [(*units.add(i) & 0xff) as u8, (*units.add(i) >> 8) as u8];
        rc = if out.write(&le).is_ok() { 0 } else { -1 };
        i += 1;
    }
    free(units as *mut c_void);
    if rc != 0 {
        *why = "output limit";
        return -1;
    }
    0
}

pub fn transcode(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_utf8to16(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}

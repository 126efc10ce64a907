//! A literal translation of escape.c in the style of c2rust: `c_char`
//! pointers (signed on x86-64, as in C), a fixed stack array for the digits
//! and libc malloc/free/memcpy/memchr. It keeps escape.c's shape and its
//! planted bugs (ESC-1, ESC-2, ESC-3).

use duet_ffi::{canary, Sink, Status};
use std::ffi::{c_char, c_void};

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
    fn memchr(s: *const c_void, c: i32, n: usize) -> *mut c_void;
}

fn hexval(c: c_char) -> i32 {
    let c = c as i32;
    if c >= '0' as i32 && c <= '9' as i32 {
        return c - '0' as i32;
    }
    if c >= 'a' as i32 && c <= 'f' as i32 {
        return c - 'a' as i32 + 10;
    }
    if c >= 'A' as i32 && c <= 'F' as i32 {
        return c - 'A' as i32 + 10;
    }
    -1
}

unsafe fn utf8_encode(cp: u32, to: *mut u8) -> usize {
    if cp < 0x80 {
        *to = cp as u8;
        return 1;
    }
    if cp < 0x800 {
        *to = (0xc0 | cp >> 6) as u8;
        *to.add(1) = (0x80 | (cp & 0x3f)) as u8;
        return 2;
    }
    if cp < 0x10000 {
        *to = (0xe0 | cp >> 12) as u8;
        *to.add(1) = (0x80 | (cp >> 6 & 0x3f)) as u8;
        *to.add(2) = (0x80 | (cp & 0x3f)) as u8;
        return 3;
    }
    *to = (0xf0 | cp >> 18) as u8;
    *to.add(1) = (0x80 | (cp >> 12 & 0x3f)) as u8;
    *to.add(2) = (0x80 | (cp >> 6 & 0x3f)) as u8;
    *to.add(3) = (0x80 | (cp & 0x3f)) as u8;
    4
}

unsafe fn code_point(from: &mut *const c_char, to: *mut u8, why: &mut &'static str) -> i32 {
    let mut digits: [c_char; 8] = [0; 8];
    let mut nd: usize = 0;
    let mut p = *from;
    while *p != 0 && *p != '}' as c_char {
        canary("ESC-2", nd >= 8);
        *digits.as_mut_ptr().add(nd) = *p;
        nd += 1;
        p = p.add(1);
    }
    if *p != '}' as c_char {
        *why = "unterminated code point escape";
        return -1;
    }
    if nd == 0 || nd > 6 {
        *why = "bad code point escape";
        return -1;
    }
    let mut cp: u32 = 0;
    let mut i = 0usize;
    while i < nd {
        let v = hexval(*digits.as_ptr().add(i));
        if v < 0 {
            *why = "bad code point escape";
            return -1;
        }
        cp = cp.wrapping_mul(16).wrapping_add(v as u32);
        i += 1;
    }
    if cp > 0x10ffff || (0xd800..=0xdfff).contains(&cp) {
        *why = "code point out of range";
        return -1;
    }
    *from = p.add(1);
    utf8_encode(cp, to) as i32
}

unsafe fn unescape(mut from: *const c_char, mut to: *mut u8, len: &mut usize, why: &mut &'static str) -> i32 {
    let start = to;
    while *from != 0 {
        canary("ESC-3", *from as u8 >= 0x80);
        if *from < 0x20 {
            *why = "raw control character";
            return -1;
        }
        if *from != '\\' as c_char {
            *to = *from as u8;
            to = to.add(1);
            from = from.add(1);
            continue;
        }
        from = from.add(1);
        canary("ESC-1", *from == 0);
        match *from as u8 {
            b'n' | b't' | b'r' | b'0' => {
                *to = match *from as u8 {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    _ => 0,
                };
                to = to.add(1);
                from = from.add(1);
            }
            b'x' => {
                if *from.add(1) == '{' as c_char {
                    from = from.add(2);
                    let n = code_point(&mut from, to, why);
                    if n < 0 {
                        return -1;
                    }
                    to = to.add(n as usize);
                } else {
                    let hi = hexval(*from.add(1));
                    let lo = if hi < 0 { -1 } else { hexval(*from.add(2)) };
                    if lo < 0 {
                        *why = "bad hex escape";
                        return -1;
                    }
                    *to = (hi << 4 | lo) as u8;
                    to = to.add(1);
                    from = from.add(3);
                }
            }
            _ => {
                *to = *from as u8;
                to = to.add(1);
                from = from.add(1);
            }
        }
    }
    *len = to.offset_from(start) as usize;
    0
}

pub unsafe fn gt_escape_decode(input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    if size != 0 && !memchr(input as *const c_void, 0, size).is_null() {
        *why = "raw control character";
        return -1;
    }
    let src = malloc(size + 1) as *mut c_char;
    let dst = malloc(size + 1) as *mut u8;
    let mut rc = -1;
    let mut len = 0usize;
    if src.is_null() || dst.is_null() {
        *why = "out of memory";
    } else {
        if size != 0 {
            memcpy(src as *mut c_void, input as *const c_void, size);
        }
        *src.add(size) = 0;
        rc = unescape(src, dst, &mut len, why);
        if rc == 0 && len != 0 && out.write(std::slice::from_raw_parts(dst, len)).is_err() {
            *why = "output limit";
            rc = -1;
        }
    }
    free(src as *mut c_void);
    free(dst as *mut c_void);
    rc
}

pub fn decode(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_escape_decode(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}

//! A literal translation of kv.c in the style of c2rust: raw pointers, a
//! NUL-terminated copy and libc malloc/free/memcpy/strlen/strchr/strcmp. It
//! keeps kv.c's shape and its planted bugs (KV-1, KV-2).

use duet_ffi::{canary, Sink, Status};
use std::ffi::{c_char, c_int, c_void};

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
    fn strlen(s: *const c_char) -> usize;
    fn strchr(s: *const c_char, c: c_int) -> *mut c_char;
    fn strcmp(a: *const c_char, b: *const c_char) -> c_int;
}

const GT_KV_MAX_BLOB: usize = 4096;

unsafe fn fail(why: &mut &'static str, reason: &'static str, buf: *mut c_char) -> i32 {
    free(buf as *mut c_void);
    *why = reason;
    -1
}

unsafe fn next_line(p: &mut *mut c_char) -> *mut c_char {
    let line = *p;
    let nl = strchr(line, b'\n' as c_int);
    if !nl.is_null() {
        *nl = 0;
        *p = nl.add(1);
    } else {
        *p = std::ptr::null_mut();
    }
    line
}

unsafe fn is_name(s: *const c_char, len: usize) -> bool {
    if len == 0 {
        return false;
    }
    let mut i = 0usize;
    while i < len {
        let c = *s.add(i) as u8;
        let ok = c.is_ascii_lowercase()
            || c.is_ascii_uppercase()
            || c.is_ascii_digit()
            || c == b'_'
            || c == b'.'
            || c == b'-';
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

unsafe fn parse_size(mut s: *const c_char, size: &mut usize) -> i32 {
    let mut v: usize = 0;
    if *s == 0 {
        return -1;
    }
    while *s != 0 {
        if (*s as u8) < b'0' || (*s as u8) > b'9' {
            return -1;
        }
        v = v.wrapping_mul(10).wrapping_add((*s as u8 - b'0') as usize);
        if v > GT_KV_MAX_BLOB {
            return -1;
        }
        s = s.add(1);
    }
    if v == 0 {
        return -1;
    }
    *size = v;
    0
}

unsafe fn emit(out: &mut Sink, a: *const c_char, alen: usize, b: *const c_char, blen: usize) -> i32 {
    if out.write(std::slice::from_raw_parts(a as *const u8, alen)).is_err() {
        return -1;
    }
    if !b.is_null()
        && (out.write(b"\t").is_err() || out.write(std::slice::from_raw_parts(b as *const u8, blen)).is_err())
    {
        return -1;
    }
    if out.write(b"\n").is_err() {
        -1
    } else {
        0
    }
}

pub unsafe fn gt_kv_parse(input: *const u8, n: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    if n == 0 {
        return fail(why, "empty input", std::ptr::null_mut());
    }
    let buf = malloc(n) as *mut c_char;
    if buf.is_null() {
        return fail(why, "out of memory", std::ptr::null_mut());
    }
    memcpy(buf as *mut c_void, input as *const c_void, n);
    let end = if *buf.add(n - 1) == b'\n' as c_char { n - 1 } else { n };
    canary("KV-1", end >= n);
    *buf.add(end) = 0;
    if end == n {
        return fail(why, "no final newline", buf);
    }
    if strlen(buf) != end {
        return fail(why, "NUL byte", buf);
    }
    let mut p = buf;
    if strcmp(next_line(&mut p), c"kv/1".as_ptr()) != 0 {
        return fail(why, "bad header", buf);
    }
    let mut in_blob = false;
    let mut declared: usize = 0;
    while !p.is_null() {
        let line = next_line(&mut p);
        if *line == 0 || *line == b'#' as c_char {
            continue;
        }
        if *line == b'[' as c_char {
            let len = strlen(line);
            if len < 3 || *line.add(len - 1) != b']' as c_char || !is_name(line.add(1), len - 2) {
                return fail(why, "bad section", buf);
            }
            if emit(out, line, len, std::ptr::null(), 0) != 0 {
                return fail(why, "output limit", buf);
            }
            in_blob = strcmp(line, c"[blob]".as_ptr()) == 0;
            declared = 0;
            continue;
        }
        let eq = strchr(line, b'=' as c_int);
        if eq.is_null() {
            return fail(why, "missing =", buf);
        }
        *eq = 0;
        let key: *const c_char = line;
        let value: *const c_char = eq.add(1);
        let klen = eq.offset_from(line) as usize;
        let vlen = strlen(value);
        if !is_name(key, klen) {
            return fail(why, "bad key", buf);
        }
        if in_blob && strcmp(key, c"size".as_ptr()) == 0 {
            if parse_size(value, &mut declared) != 0 {
                return fail(why, "bad size", buf);
            }
        } else if in_blob && strcmp(key, c"data".as_ptr()) == 0 {
            if declared == 0 {
                return fail(why, "data before size", buf);
            }
            let blob = malloc(declared) as *mut c_char;
            if blob.is_null() {
                return fail(why, "out of memory", buf);
            }
            canary("KV-2", vlen > declared);
            memcpy(blob as *mut c_void, value as *const c_void, vlen);
            let rc = emit(out, key, klen, blob, vlen);
            free(blob as *mut c_void);
            declared = 0;
            if rc != 0 {
                return fail(why, "output limit", buf);
            }
            continue;
        }
        if emit(out, key, klen, value, vlen) != 0 {
            return fail(why, "output limit", buf);
        }
    }
    free(buf as *mut c_void);
    0
}

pub fn parse(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_kv_parse(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}

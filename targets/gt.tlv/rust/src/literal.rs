//! A literal translation of tlv.c in the style of c2rust: raw pointers, libc
//! malloc/free/memcpy, wrapping unsigned arithmetic where C wraps. It keeps
//! tlv.c's shape and therefore its planted bugs (TLV-1 to TLV-5).
#![allow(clippy::missing_safety_doc)]

use duet_ffi::{canary, Sink, Status};
use std::ffi::c_void;

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
}

const REC_ECHO: u8 = 0x01;
const REC_LIST: u8 = 0x02;
const REC_NOTE: u8 = 0x03;
const REC_STAMP: u8 = 0x04;
const HEADER: usize = 3;

unsafe fn be16(p: *const u8) -> u16 {
    ((*p as u16) << 8) | *p.add(1) as u16
}

unsafe fn be32(p: *const u8) -> u32 {
    (*p as u32) << 24 | (*p.add(1) as u32) << 16 | (*p.add(2) as u32) << 8 | *p.add(3) as u32
}

unsafe fn emit(out: &mut Sink, text: *const u8, n: usize) -> i32 {
    if out.write(std::slice::from_raw_parts(text, n)).is_ok() { 0 } else { -1 }
}

static mut HEX_PAIRS: [[u8; 3]; 256] = [[0; 3]; 256];
static mut HEX_READY: bool = false;
static mut HEX_BUILT: bool = false;

unsafe fn hex_init() {
    // TLV-5, as in C: the flag first, then the table, nothing ordering them.
    HEX_READY = true;
    let pairs = std::ptr::addr_of_mut!(HEX_PAIRS) as *mut [u8; 3];
    let mut i = 0usize;
    while i < 256 {
        let text = format!("{:02x}", i);
        std::ptr::copy_nonoverlapping(text.as_ptr(), (*pairs.add(i)).as_mut_ptr(), 2);
        i += 1;
    }
    HEX_BUILT = true;
}

unsafe fn emit_hex(out: &mut Sink, bytes: *const u8, n: usize) -> i32 {
    if !HEX_READY {
        hex_init();
    }
    canary("TLV-5", !HEX_BUILT);
    let pairs = std::ptr::addr_of!(HEX_PAIRS) as *const [u8; 3];
    let mut i = 0usize;
    while i < n {
        if emit(out, (*pairs.add(*bytes.add(i) as usize)).as_ptr(), 2) != 0 {
            return -1;
        }
        i += 1;
    }
    0
}

unsafe fn decode_echo(value: *const u8, len: u16, out: &mut Sink, why: &mut &'static str) -> i32 {
    if (len as i32) < 2 {
        *why = "echo header truncated";
        return -1;
    }
    let plen = be16(value);
    canary("TLV-1", plen as usize + 2 > len as usize);
    let copy = malloc(if plen != 0 { plen as usize } else { 1 }) as *mut u8;
    if copy.is_null() {
        *why = "out of memory";
        return -1;
    }
    memcpy(copy as *mut c_void, value.add(2) as *const c_void, plen as usize);
    let rc = emit(out, b"echo ".as_ptr(), 5) != 0 || emit_hex(out, copy, plen as usize) != 0 || emit(out, b"\n".as_ptr(), 1) != 0;
    free(copy as *mut c_void);
    if rc { -1 } else { 0 }
}

unsafe fn decode_list(value: *const u8, len: u16, out: &mut Sink, why: &mut &'static str) -> i32 {
    if (len as i32) < 4 {
        *why = "list header truncated";
        return -1;
    }
    let count = be32(value);
    canary("TLV-2", count as u64 * 4 > u32::MAX as u64);
    let bytes = count.wrapping_mul(4);
    if bytes > (len as u32).wrapping_sub(4) {
        *why = "list count exceeds record";
        return -1;
    }
    let items = malloc(if bytes != 0 { bytes as usize } else { 1 }) as *mut u32;
    if items.is_null() {
        *why = "out of memory";
        return -1;
    }
    let mut i = 0u32;
    while i < count {
        let item = be32(value.add(4 + 4 * i as usize));
        canary("TLV-3", item == 0);
        if item == 0 {
            *why = "list item zero";
            return -1;
        }
        *items.add(i as usize) = item;
        i = i.wrapping_add(1);
    }
    let mut rc = emit(out, b"list".as_ptr(), 4);
    let mut i = 0u32;
    while i < count && rc == 0 {
        let num = format!(" {}", *items.add(i as usize));
        rc = emit(out, num.as_ptr(), num.len());
        i = i.wrapping_add(1);
    }
    if rc == 0 {
        rc = emit(out, b"\n".as_ptr(), 1);
    }
    free(items as *mut c_void);
    if rc != 0 { -1 } else { 0 }
}

unsafe fn decode_note(len: u16, out: &mut Sink) -> i32 {
    let line = format!("note {}\n", len as u32);
    if emit(out, line.as_ptr(), line.len()) != 0 { -1 } else { 0 }
}

unsafe fn decode_stamp(value: *const u8, len: u16, out: &mut Sink, why: &mut &'static str) -> i32 {
    if len != 4 {
        *why = "stamp is not 4 bytes";
        return -1;
    }
    canary("TLV-4", value as usize & 3 != 0);
    // TLV-4, as in C: a plain dereference of a cast pointer, aligned or not
    // (the fuzz build's debug assertions stop on a misaligned one).
    let stamp = *(value as *const u32);
    let line = format!("stamp {}\n", stamp);
    if emit(out, line.as_ptr(), line.len()) != 0 { -1 } else { 0 }
}

pub unsafe fn gt_tlv_decode(input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    if size == 0 {
        *why = "empty packet";
        return -1;
    }
    let mut pos = 0usize;
    while pos < size {
        if size - pos < HEADER {
            *why = "truncated record header";
            return -1;
        }
        let kind = *input.add(pos);
        let len = be16(input.add(pos + 1));
        if size - pos - HEADER < len as usize {
            *why = "truncated record";
            return -1;
        }
        let value = input.add(pos + HEADER);
        let rc = match kind {
            REC_ECHO => decode_echo(value, len, out, why),
            REC_LIST => decode_list(value, len, out, why),
            REC_NOTE => decode_note(len, out),
            REC_STAMP => decode_stamp(value, len, out, why),
            _ => {
                *why = "unknown record type";
                -1
            }
        };
        if rc != 0 {
            return -1;
        }
        pos += HEADER + len as usize;
    }
    0
}

pub fn decode(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_tlv_decode(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}

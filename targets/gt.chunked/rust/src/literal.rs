//! A literal translation of chunked.c in the style of c2rust: a C struct
//! with raw pointers, libc malloc/free/memcpy and an i32 strip length. It
//! keeps chunked.c's shape and its planted bugs (CHK-1, CHK-2, CHK-3).

use duet_ffi::{canary, Sink, Status};
use std::ffi::c_void;

extern "C" {
    fn malloc(size: usize) -> *mut c_void;
    fn free(ptr: *mut c_void);
    fn memcpy(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
    fn memcmp(a: *const c_void, b: *const c_void, n: usize) -> i32;
}

const GT_CHUNKED_MAX_PIXELS: usize = 1 << 22;

#[repr(C)]
struct Image {
    width: u16,
    height: u16,
    depth: u8,
    pixels: *mut u8,
    need: usize,
    have: usize,
    palette: *mut u8,
    entries: usize,
}

unsafe fn be16(p: *const u8) -> u16 {
    ((*p as u16) << 8) | *p.add(1) as u16
}

unsafe fn be32(p: *const u8) -> u32 {
    (*p as u32) << 24 | (*p.add(1) as u32) << 16 | (*p.add(2) as u32) << 8 | *p.add(3) as u32
}

fn reject(why: &mut &'static str, reason: &'static str) -> i32 {
    *why = reason;
    -1
}

unsafe fn read_header(img: *mut Image, data: *const u8, len: usize, why: &mut &'static str) -> i32 {
    canary("CHK-3", !(*img).pixels.is_null());
    if !(*img).pixels.is_null() {
        free((*img).pixels as *mut c_void);
        return reject(why, "duplicate header");
    }
    if len != 5 {
        return reject(why, "bad header length");
    }
    (*img).width = be16(data);
    (*img).height = be16(data.add(2));
    (*img).depth = *data.add(4);
    if (*img).width == 0 || (*img).height == 0 {
        return reject(why, "empty image");
    }
    if (*img).depth != 1 && (*img).depth != 3 {
        return reject(why, "bad depth");
    }
    (*img).need = (*img).width as usize * (*img).height as usize * (*img).depth as usize;
    if (*img).need > GT_CHUNKED_MAX_PIXELS {
        return reject(why, "image too large");
    }
    (*img).pixels = malloc((*img).need) as *mut u8;
    if !(*img).pixels.is_null() { 0 } else { reject(why, "out of memory") }
}

unsafe fn read_palette(img: *mut Image, data: *const u8, len: usize) {
    let malformed = len == 0 || len % 3 != 0 || len > 768;
    canary("CHK-2", malformed && !(*img).palette.is_null());
    free((*img).palette as *mut c_void);
    if malformed {
        return;
    }
    (*img).palette = malloc(len) as *mut u8;
    if (*img).palette.is_null() {
        return;
    }
    memcpy((*img).palette as *mut c_void, data as *const c_void, len);
    (*img).entries = len / 3;
}

unsafe fn read_strip(img: *mut Image, data: *const u8, len: usize, why: &mut &'static str) -> i32 {
    if len < 4 {
        return reject(why, "truncated strip");
    }
    let strip = be32(data) as i32;
    canary("CHK-1", strip < 0);
    if strip > (len - 4) as i32 {
        return reject(why, "strip exceeds chunk");
    }
    let room = (*img).need.wrapping_sub((*img).have) as i32;
    if strip > room {
        return reject(why, "too much pixel data");
    }
    memcpy((*img).pixels.add((*img).have) as *mut c_void, data.add(4) as *const c_void, strip as usize);
    (*img).have = (*img).have.wrapping_add(strip as usize);
    0
}

unsafe fn finish(img: *const Image, out: &mut Sink, why: &mut &'static str) -> i32 {
    if (*img).have != (*img).need {
        return reject(why, "short pixel data");
    }
    if (*img).depth == 1 && (*img).palette.is_null() {
        return reject(why, "palette required");
    }
    let line = format!("GTIM {}x{}\n", (*img).width as u32, (*img).height as u32);
    if out.write(line.as_bytes()).is_err() {
        return reject(why, "output limit");
    }
    if (*img).depth == 3 {
        return if out.write(std::slice::from_raw_parts((*img).pixels, (*img).need)).is_err() {
            reject(why, "output limit")
        } else {
            0
        };
    }
    let mut i = 0usize;
    while i < (*img).need {
        let index = *(*img).pixels.add(i) as usize;
        if index >= (*img).entries {
            return reject(why, "palette index out of range");
        }
        if out.write(std::slice::from_raw_parts((*img).palette.add(3 * index), 3)).is_err() {
            return reject(why, "output limit");
        }
        i += 1;
    }
    0
}

unsafe fn read_chunks(img: *mut Image, input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    let mut pos: usize = 4;
    loop {
        if pos == size {
            return reject(why, "missing end chunk");
        }
        if size - pos < 8 {
            return reject(why, "truncated chunk header");
        }
        let len = be32(input.add(pos));
        let kind = input.add(pos + 4);
        let data = input.add(pos + 8);
        if len as usize > size - pos - 8 {
            return reject(why, "truncated chunk");
        }
        let same = |tag: &[u8; 4]| memcmp(kind as *const c_void, tag.as_ptr() as *const c_void, 4) == 0;
        let mut rc = 0;
        if same(b"HDR ") {
            rc = read_header(img, data, len as usize, why);
        } else if (*img).pixels.is_null() {
            rc = reject(why, "header must come first");
        } else if same(b"PAL ") {
            read_palette(img, data, len as usize);
        } else if same(b"DAT ") {
            rc = read_strip(img, data, len as usize, why);
        } else if same(b"END ") {
            return finish(img, out, why);
        } else if *kind < b'a' || *kind > b'z' {
            rc = reject(why, "unknown critical chunk");
        }
        if rc != 0 {
            return rc;
        }
        pos += 8 + len as usize;
    }
}

pub unsafe fn gt_chunked_read(input: *const u8, size: usize, out: &mut Sink, why: &mut &'static str) -> i32 {
    if size < 4 || memcmp(input as *const c_void, b"GTIM".as_ptr() as *const c_void, 4) != 0 {
        return reject(why, "bad magic");
    }
    let mut img: Image = std::mem::zeroed();
    let rc = read_chunks(&mut img, input, size, out, why);
    free(img.pixels as *mut c_void);
    free(img.palette as *mut c_void);
    rc
}

pub fn read(input: &[u8], sink: &mut Sink) -> Status {
    let mut why: &'static str = "output limit";
    // SAFETY: none; this is the literal translation, bugs included.
    if unsafe { gt_chunked_read(input.as_ptr(), input.len(), sink, &mut why) } == 0 {
        Status::Accept
    } else {
        sink.reject(why)
    }
}

//! The rewrite: slices and a Vec instead of pointers. It ports rle.c's
//! validation as written, including the back-reference check against the
//! declared size (RLE-2): in Rust the resulting out-of-range index is a
//! panic (a denial of service), not a read before the buffer.

use duet_ffi::{canary, Sink, Status};

const FLAG_TEXT: u8 = 0x01;
const MAX_OUTPUT: usize = 1 << 20;

fn decompress(input: &[u8]) -> Result<Vec<u8>, &'static str> {
    if input.len() < 7 || &input[..2] != b"RL" {
        return Err("bad magic");
    }
    let flags = input[2];
    if flags & !FLAG_TEXT != 0 {
        return Err("unknown flags");
    }
    let cap = u32::from_be_bytes([input[3], input[4], input[5], input[6]]) as usize;
    if cap > MAX_OUTPUT {
        return Err("declared size too large");
    }
    let mut out: Vec<u8> = Vec::with_capacity(cap);
    let mut p = 7;
    while p < input.len() {
        let op = input[p];
        p += 1;
        if op < 0x80 {
            let n = usize::from(op) + 1;
            let literal = input.get(p..p + n).ok_or("truncated literal")?;
            if n > cap - out.len() {
                return Err("output exceeds declared size");
            }
            out.extend_from_slice(literal);
            p += n;
        } else if op < 0xc0 {
            let n = usize::from(op & 0x3f) + 3;
            let byte = *input.get(p).ok_or("truncated run")?;
            if n > cap - out.len() {
                return Err("output exceeds declared size");
            }
            p += 1;
            out.resize(out.len() + n, byte);
        } else {
            let n = usize::from(op & 0x3f) + 3;
            if input.len() - p < 2 {
                return Err("truncated back-reference");
            }
            let dist = usize::from(u16::from_be_bytes([input[p], input[p + 1]]));
            p += 2;
            canary("RLE-2", dist > out.len());
            if dist == 0 || dist > cap {
                return Err("bad distance");
            }
            if n > cap - out.len() {
                return Err("output exceeds declared size");
            }
            let start = out.len() - dist; // panics when dist > out.len() (RLE-2)
            for i in 0..n {
                let byte = out[start + i];
                out.push(byte);
            }
        }
    }
    if out.len() != cap {
        return Err("output shorter than declared size");
    }
    if flags & FLAG_TEXT != 0 {
        // Text mode needs no terminator here; the canary marks rle.c's RLE-1 site.
        canary("RLE-1", out.len() >= cap.max(1));
    }
    Ok(out)
}

pub fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match decompress(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}

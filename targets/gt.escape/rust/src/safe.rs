//! The careful rewrite: indexes into the byte slice, treats bytes as u8 and
//! checks every escape's length before it looks at it. Canaries mark where
//! escape.c's bugs are, with escape.c's conditions.

use duet_ffi::{canary, Sink, Status};

fn hexval(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

fn code_point(digits: &[u8], out: &mut Vec<u8>) -> Result<(), &'static str> {
    if digits.is_empty() || digits.len() > 6 {
        return Err("bad code point escape");
    }
    let mut cp = 0u32;
    for &d in digits {
        cp = cp * 16 + hexval(d).ok_or("bad code point escape")?;
    }
    let c = char::from_u32(cp).ok_or("code point out of range")?;
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    Ok(())
}

fn unescape(input: &[u8]) -> Result<Vec<u8>, &'static str> {
    if input.contains(&0) {
        return Err("raw control character");
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        canary("ESC-3", c >= 0x80);
        if c < 0x20 {
            return Err("raw control character");
        }
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        canary("ESC-1", i == input.len());
        let e = *input.get(i).ok_or("dangling backslash")?;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'0' => out.push(0),
            b'x' if input.get(i + 1) == Some(&b'{') => {
                let rest = &input[i + 2..];
                let digits = rest.iter().position(|&b| b == b'}');
                canary("ESC-2", digits.unwrap_or(rest.len()) > 8);
                let n = digits.ok_or("unterminated code point escape")?;
                code_point(&rest[..n], &mut out)?;
                i += 2 + n;
            }
            b'x' => {
                let hi = input.get(i + 1).copied().and_then(hexval);
                let lo = input.get(i + 2).copied().and_then(hexval);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => out.push((hi << 4 | lo) as u8),
                    _ => return Err("bad hex escape"),
                }
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    Ok(out)
}

pub fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match unescape(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}

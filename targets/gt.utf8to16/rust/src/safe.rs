//! The careful rewrite: one pass into a Vec<u16> (char::encode_utf16 knows
//! about surrogate pairs), and resynchronisation always moves forward.
//! It decodes exactly as utf8to16.c means to (same validity rules, same
//! replacement rule); canaries mark utf8to16.c's bug sites.

use duet_ffi::{canary, Sink, Status};

const FLAG_REPLACE: u8 = 0x01;
const FLAG_BOM: u8 = 0x02;

/// Bytes announced by a lead byte, by lead >> 3 (as in utf8to16.c).
const SEQ_LEN: [usize; 32] = [
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 0,
];

/// One well-formed sequence at the start of `s`: (code point, length).
fn decode_one(s: &[u8]) -> Option<(char, usize)> {
    let len = SEQ_LEN[usize::from(s[0] >> 3)];
    if len == 1 {
        return (s[0] < 0x80).then(|| (char::from(s[0]), 1));
    }
    if len == 0 || s.len() < len {
        return None;
    }
    let mut c = u32::from(s[0]) & (0x7f >> len);
    for &b in &s[1..len] {
        if b & 0xc0 != 0x80 {
            return None;
        }
        c = c << 6 | u32::from(b & 0x3f);
    }
    let min = [0, 0, 0x80, 0x800, 0x10000][len];
    if c < min {
        return None;
    }
    char::from_u32(c).map(|ch| (ch, len))
}

fn convert(input: &[u8]) -> Result<Vec<u8>, &'static str> {
    let (&flags, mut text) = input.split_first().ok_or("missing flags")?;
    if flags & !(FLAG_REPLACE | FLAG_BOM) != 0 {
        return Err("unknown flags");
    }
    let mut units: Vec<u16> = Vec::with_capacity(text.len() + 1);
    if flags & FLAG_BOM != 0 {
        units.push(0xfeff);
    }
    while !text.is_empty() {
        let (ch, n) = match decode_one(text) {
            Some(found) => found,
            None if flags & FLAG_REPLACE != 0 => {
                let announced = SEQ_LEN[usize::from(text[0] >> 3)];
                canary("U16-2", announced.min(text.len()) == 0);
                (char::REPLACEMENT_CHARACTER, announced.clamp(1, text.len()))
            }
            None => return Err("invalid UTF-8"),
        };
        canary("U16-1", u32::from(ch) > 0xffff);
        let mut buf = [0u16; 2];
        units.extend_from_slice(ch.encode_utf16(&mut buf));
        text = &text[n..];
    }
    Ok(units.iter().flat_map(|u| u.to_le_bytes()).collect())
}

pub fn transcode(input: &[u8], sink: &mut Sink) -> Status {
    match convert(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}

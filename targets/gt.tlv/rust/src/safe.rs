//! The careful rewrite: every length is checked against what is there, sizes
//! are computed in usize with checked arithmetic, and Vec owns the items.
//! Canaries mark where tlv.c's bugs are, with tlv.c's conditions.

use duet_ffi::{canary, Sink, Status};
use std::fmt::Write as _;

const REC_ECHO: u8 = 0x01;
const REC_LIST: u8 = 0x02;
const REC_NOTE: u8 = 0x03;
const REC_STAMP: u8 = 0x04;

fn be16(b: &[u8]) -> usize {
    usize::from(u16::from_be_bytes([b[0], b[1]]))
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn echo(value: &[u8], text: &mut String) -> Result<(), &'static str> {
    if value.len() < 2 {
        return Err("echo header truncated");
    }
    let plen = be16(value);
    canary("TLV-1", plen + 2 > value.len());
    let payload = value.get(2..2 + plen).ok_or("echo payload exceeds record")?;
    text.push_str("echo ");
    canary("TLV-5", false); // no shared table: digits are formatted per call
    for b in payload {
        let _ = write!(text, "{b:02x}");
    }
    text.push('\n');
    Ok(())
}

fn list(value: &[u8], text: &mut String) -> Result<(), &'static str> {
    if value.len() < 4 {
        return Err("list header truncated");
    }
    let count = be32(value);
    canary("TLV-2", u64::from(count) * 4 > u64::from(u32::MAX));
    let bytes = usize::try_from(count).ok().and_then(|c| c.checked_mul(4)).ok_or("list count exceeds record")?;
    if bytes > value.len() - 4 {
        return Err("list count exceeds record");
    }
    let mut items = Vec::with_capacity(bytes / 4);
    for chunk in value[4..4 + bytes].chunks_exact(4) {
        let item = be32(chunk);
        canary("TLV-3", item == 0);
        if item == 0 {
            return Err("list item zero");
        }
        items.push(item);
    }
    text.push_str("list");
    for item in items {
        let _ = write!(text, " {item}");
    }
    text.push('\n');
    Ok(())
}

/// STAMP: a little-endian u32 read from its bytes, wherever they are.
fn stamp(value: &[u8], text: &mut String) -> Result<(), &'static str> {
    let bytes: [u8; 4] = value.try_into().map_err(|_| "stamp is not 4 bytes")?;
    canary("TLV-4", value.as_ptr() as usize & 3 != 0);
    let _ = writeln!(text, "stamp {}", u32::from_le_bytes(bytes));
    Ok(())
}

fn packet(input: &[u8]) -> Result<String, &'static str> {
    if input.is_empty() {
        return Err("empty packet");
    }
    let mut text = String::new();
    let mut rest = input;
    while !rest.is_empty() {
        if rest.len() < 3 {
            return Err("truncated record header");
        }
        let (kind, len) = (rest[0], be16(&rest[1..3]));
        let value = rest.get(3..3 + len).ok_or("truncated record")?;
        match kind {
            REC_ECHO => echo(value, &mut text)?,
            REC_LIST => list(value, &mut text)?,
            REC_NOTE => {
                let _ = writeln!(text, "note {len}");
            }
            REC_STAMP => stamp(value, &mut text)?,
            _ => return Err("unknown record type"),
        }
        rest = &rest[3 + len..];
    }
    Ok(text)
}

pub fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match packet(input) {
        Ok(text) => match sink.write(text.as_bytes()) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}

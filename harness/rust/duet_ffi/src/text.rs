//! Canonical text for event-stream adapters: the Rust twin of
//! harness/include/duet/text.h (`duet_text_escape`), byte-for-byte equal.

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` to `out`, with backslash, control bytes and DEL escaped
/// (`\\`, `\n`, `\r`, `\t`, `\xHH`) so that every event stays one line.
pub fn escape_into(out: &mut Vec<u8>, s: &[u8]) {
    for &c in s {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            c if c < 0x20 || c == 0x7f => {
                out.extend_from_slice(&[b'\\', b'x', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]])
            }
            c => out.push(c),
        }
    }
}

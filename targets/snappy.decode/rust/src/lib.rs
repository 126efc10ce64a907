//! snappy.decode, Rust side: snap's raw (unframed) decoder,
//! `raw::decompress_len` then `raw::Decoder::decompress_vec`.

use duet_ffi::{Sink, Status};
use snap::Error;

/// The error's kind without the lengths and offsets it carries: one cause
/// each (README, "Causes"). snap raises `Literal` at two places: an extended
/// length field read with under 4 input bytes left (its check assumes such
/// literals are long), or a literal longer than the input or output left.
fn reason(error: &Error) -> &'static str {
    match error {
        Error::Literal { len: 4, src_len, .. } if *src_len < 4 => {
            "literal out of bounds: an extended length with under 4 bytes left"
        }
        Error::Literal { len, src_len, .. } if src_len < len => {
            "literal out of bounds: longer than the input left"
        }
        Error::Literal { .. } => "literal out of bounds: longer than the output left",
        Error::TooBig { .. } => "too big",
        Error::BufferTooSmall { .. } => "buffer too small",
        Error::Empty => "empty",
        Error::Header => "invalid length header",
        Error::HeaderMismatch { .. } => "length mismatch",
        Error::CopyRead { .. } => "copy read out of bounds",
        Error::CopyWrite { .. } => "copy write out of bounds",
        Error::Offset { .. } => "invalid copy offset",
        _ => "other error",
    }
}

fn decode(input: &[u8], sink: &mut Sink) -> Status {
    let declared = match snap::raw::decompress_len(input) {
        Ok(n) => n,
        Err(e) => return sink.reject(reason(&e)),
    };
    // Same bound as the C side, checked before decompress_vec allocates.
    if declared > sink.room() {
        return sink.reject("declared length over output bound");
    }
    match snap::raw::Decoder::new().decompress_vec(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(e) => sink.reject(reason(&e)),
    }
}

duet_ffi::export!(duet_snappy_decode_rust, decode);

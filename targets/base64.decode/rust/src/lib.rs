//! base64.decode, Rust side: `base64::decode`, the crate's one-call API with
//! its STANDARD config (RFC 4648 alphabet, strict about every byte).

use base64::DecodeError;
use duet_ffi::{Sink, Status};

/// The error kind without its offset, and for an invalid byte the class of
/// that byte: one reason per cause (README, "Causes"), since libb64 treats
/// each class its own way (skips whitespace and '=' anywhere; reads past its
/// table for bytes above 'z').
fn reason(error: &DecodeError) -> &'static str {
    match error {
        DecodeError::InvalidByte(_, b'=') => "invalid byte: padding before the end",
        DecodeError::InvalidByte(_, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => "invalid byte: whitespace",
        DecodeError::InvalidByte(_, b'{'..=0xff) => "invalid byte: above 'z'",
        DecodeError::InvalidByte(..) => "invalid byte: another byte outside the alphabet",
        DecodeError::InvalidLength => "invalid length",
        DecodeError::InvalidLastSymbol(..) => "invalid last symbol",
    }
}

/// The crate checks the length before the bytes (an input of 8k+1 or 8k+5
/// bytes is `InvalidLength`, or `InvalidByte` at its last byte, whatever
/// comes before), so its error can name a later departure than the first.
/// The first byte outside the alphabet, trailing padding aside, is the cause
/// (README, "Causes"); only an input without one keeps the crate's error.
fn first_departure(input: &[u8]) -> Option<DecodeError> {
    let mut end = input.len();
    while end > 0 && input.len() - end < 2 && input[end - 1] == b'=' {
        end -= 1;
    }
    input[..end]
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'+' || b == b'/'))
        .map(|at| DecodeError::InvalidByte(at, input[at]))
}

fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match base64::decode(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(e) => sink.reject(reason(&first_departure(input).unwrap_or(e))),
    }
}

duet_ffi::export!(duet_base64_decode_rust, decode);

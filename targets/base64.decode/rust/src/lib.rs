//! base64.decode, Rust side: `base64::decode`, the crate's one-call API with
//! its STANDARD config (RFC 4648 alphabet, strict about every byte).

use base64::DecodeError;
use duet_ffi::{Sink, Status};

/// The error kind without its offset or byte, so the reason is the same for
/// every input that fails the same way.
fn reason(error: &DecodeError) -> &'static str {
    match error {
        DecodeError::InvalidByte(..) => "invalid byte",
        DecodeError::InvalidLength => "invalid length",
        DecodeError::InvalidLastSymbol(..) => "invalid last symbol",
    }
}

fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match base64::decode(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(e) => sink.reject(reason(&e)),
    }
}

duet_ffi::export!(duet_base64_decode_rust, decode);

//! zlib.inflate, Rust side: miniz_oxide's one-shot zlib decoder, the API a
//! team replacing `uncompress()` would reach for.

use duet_ffi::{Sink, Status};
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};

fn reason(status: TINFLStatus) -> &'static str {
    match status {
        TINFLStatus::FailedCannotMakeProgress => "truncated input",
        TINFLStatus::BadParam => "bad parameter",
        TINFLStatus::Adler32Mismatch => "adler32 mismatch",
        TINFLStatus::Failed => "invalid data",
        TINFLStatus::Done => "done",
        TINFLStatus::NeedsMoreInput => "truncated input",
        TINFLStatus::HasMoreOutput => "output limit",
    }
}

fn inflate(input: &[u8], sink: &mut Sink) -> Status {
    // One byte more than the sink can take, so hitting the bound shows up as
    // a failed write (output-limit) rather than as a decode error.
    match decompress_to_vec_zlib_with_limit(input, sink.room().saturating_add(1)) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(e) if e.status == TINFLStatus::HasMoreOutput => {
            // e.output is room + 1 bytes: this write trips the bound.
            let _ = sink.write(&e.output);
            Status::Reject
        }
        Err(e) => sink.reject(reason(e.status)),
    }
}

duet_ffi::export!(duet_zlib_inflate_rust, inflate);

//! brotli.decode, Rust side: brotli-decompressor's streaming state machine
//! (`BrotliState` + `BrotliDecompressStream`), the crate's own Rust API that
//! its `Decompressor` reader and C exports are built on. Same loop as the C
//! adapter: decode into a 16 KiB window, push each window into the sink.

use brotli_decompressor::{BrotliDecompressStream, BrotliResult, BrotliState, StandardAlloc};
use duet_ffi::{Sink, Status};

fn decode(input: &[u8], sink: &mut Sink) -> Status {
    let mut state = BrotliState::new(StandardAlloc::default(), StandardAlloc::default(), StandardAlloc::default());
    let mut window = vec![0u8; 16384];
    let mut available_in = input.len();
    let mut input_offset = 0usize;
    let mut total_out = 0usize;
    loop {
        let mut available_out = window.len();
        let mut output_offset = 0usize;
        let result = BrotliDecompressStream(
            &mut available_in,
            &mut input_offset,
            input,
            &mut available_out,
            &mut output_offset,
            &mut window,
            &mut total_out,
            &mut state,
        );
        if output_offset > 0 && sink.write(&window[..output_offset]).is_err() {
            return Status::Reject; // bound hit: the harness reports output-limit
        }
        match result {
            BrotliResult::ResultSuccess => return Status::Accept,
            BrotliResult::NeedsMoreOutput => continue,
            BrotliResult::NeedsMoreInput => return sink.reject("truncated input"),
            // The enum's Debug name is the C header's name: same reason on both sides.
            BrotliResult::ResultFailure => return sink.reject(&format!("{:?}", state.error_code)),
        }
    }
}

duet_ffi::export!(duet_brotli_decode_rust, decode);

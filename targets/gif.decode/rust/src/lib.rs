//! gif.decode, Rust side: the gif crate's `Decoder` with RGBA output (the
//! crate resolves palettes and transparency itself) and a memory limit equal
//! to the C side's frame limit; frames come from `read_next_frame`, which
//! also deinterlaces.

use duet_ffi::{Full, Sink, Status};
use gif::{ColorOutput, DecodeOptions, DecodingError, DisposalMethod, MemoryLimit};

/// Largest frame decoded, in RGBA bytes (README: both sides use it).
const FRAME_RGBA_MAX: u32 = 1 << 24;

fn reason(e: &DecodingError) -> String {
    match e {
        // The crate's format messages are constant strings.
        DecodingError::Format(f) => f.to_string(),
        DecodingError::Io(io) => format!("io error: {:?}", io.kind()),
    }
}

/// README's disposal words: "unspecified" (Any, also what the crate makes of
/// the reserved values) and "do not dispose" (Keep) both leave the frame.
fn disposal(d: DisposalMethod) -> &'static str {
    match d {
        DisposalMethod::Any | DisposalMethod::Keep => "keep",
        DisposalMethod::Background => "background",
        DisposalMethod::Previous => "previous",
    }
}

fn decode_into(input: &[u8], sink: &mut Sink) -> Result<Result<(), Full>, DecodingError> {
    let mut options = DecodeOptions::new();
    options.set_color_output(ColorOutput::RGBA);
    options.set_memory_limit(MemoryLimit(FRAME_RGBA_MAX));
    let mut decoder = options.read_info(input)?;
    let screen = format!("screen {} {}\n", decoder.width(), decoder.height());
    if let Err(full) = sink.write(screen.as_bytes()) {
        return Ok(Err(full));
    }
    while let Some(frame) = decoder.read_next_frame()? {
        let header = format!(
            "frame {} {} {} {} delay {} dispose {}\n",
            frame.left,
            frame.top,
            frame.width,
            frame.height,
            frame.delay,
            disposal(frame.dispose)
        );
        if let Err(full) = sink.write(header.as_bytes()).and_then(|()| sink.write(&frame.buffer)) {
            return Ok(Err(full));
        }
    }
    Ok(Ok(()))
}

fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match decode_into(input, sink) {
        Ok(Ok(())) => Status::Accept,
        Ok(Err(Full)) => Status::Reject, // the harness reports output-limit
        Err(e) => {
            let why = reason(&e);
            if why == "image is too large to decode" {
                return sink.reject("frame too large");
            }
            sink.reject(&why)
        }
    }
}

duet_ffi::export!(duet_gif_decode_rust, decode);

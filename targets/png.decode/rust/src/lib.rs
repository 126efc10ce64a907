//! png.decode, Rust side: the png crate's `Decoder` with `EXPAND | STRIP_16`
//! (its "normalize to 8-bit color"), one `next_frame`, then the adapter
//! widens gray and RGB to RGBA: the same 8-bit RGBA as the C side.

use duet_ffi::{Full, Sink, Status};
use png::{ColorType, Decoder, DecodingError, Limits, Transformations};

/// Largest image decoded, in RGBA bytes (README: both sides use it).
const IMAGE_RGBA_MAX: u64 = 1 << 24;

/// The crate's own limit, above ours so that ours is the one that decides.
const CRATE_LIMIT_BYTES: usize = 1 << 27;

/// Stable phrases for the crate's format errors, whose messages embed
/// values and chunk names read from the input.
fn format_reason(message: &str) -> String {
    const NEEDLES: &[&str] = &[
        "CRC error",
        "chunk appeared before IHDR chunk",
        "is invalid after IDAT chunk",
        "is invalid after PLTE chunk",
        "must appear between PLTE and IDAT chunks",
        "must appear at most once",
        "Sequence is not in order",
        "Not enough palette entries",
        "Invalid color/depth combination in header",
        "Transparency chunk found for color type",
        "Invalid dispose operation",
        "Invalid color type",
        "Invalid dispose op",
        "Invalid blend op",
        "Invalid physical pixel size unit",
        "Invalid sRGB rendering intent",
        "Unknown compression method",
        "Unknown filter method",
        "Unknown interlace method",
        "Corrupt deflate stream",
    ];
    if let Some(n) = NEEDLES.iter().find(|n| message.contains(**n)) {
        return (*n).to_string();
    }
    // The remaining messages are constant; drop digits just in case.
    message.chars().filter(|c| !c.is_ascii_digit()).collect()
}

fn reason(e: &DecodingError) -> String {
    match e {
        DecodingError::IoError(io) => format!("io error: {:?}", io.kind()),
        DecodingError::Format(f) => format_reason(&f.to_string()),
        DecodingError::Parameter(_) => "parameter error".to_string(),
        DecodingError::LimitsExceeded => "limits exceeded".to_string(),
    }
}

/// Widens the crate's 8-bit output (gray, gray+alpha, RGB or RGBA) to RGBA.
fn to_rgba(color: ColorType, data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() * 4);
    match color {
        ColorType::Grayscale => data.iter().for_each(|&g| out.extend_from_slice(&[g, g, g, 255])),
        ColorType::GrayscaleAlpha => {
            data.chunks_exact(2).for_each(|p| out.extend_from_slice(&[p[0], p[0], p[0], p[1]]))
        }
        ColorType::Rgb => data.chunks_exact(3).for_each(|p| out.extend_from_slice(&[p[0], p[1], p[2], 255])),
        ColorType::Rgba => out.extend_from_slice(data),
        ColorType::Indexed => return None, // EXPAND never leaves indices
    }
    Some(out)
}

fn decode_into(input: &[u8], sink: &mut Sink) -> Result<Status, DecodingError> {
    let mut decoder = Decoder::new_with_limits(input, Limits { bytes: CRATE_LIMIT_BYTES });
    decoder.set_transformations(Transformations::EXPAND | Transformations::STRIP_16);
    let mut reader = decoder.read_info()?;
    let info = reader.info();
    let (w, h) = (info.width, info.height);
    let header = format!(
        "png {} {} depth {} color {} interlace {}\n",
        w,
        h,
        info.bit_depth as u8,
        info.color_type as u8,
        info.interlaced as u8
    );
    if u64::from(w) * u64::from(h) > IMAGE_RGBA_MAX / 4 {
        return Ok(sink.reject("image too large"));
    }
    let mut buf = vec![0; reader.output_buffer_size()];
    let frame = reader.next_frame(&mut buf)?;
    let (color, _) = reader.output_color_type();
    let rgba = match to_rgba(color, &buf[..frame.buffer_size()]) {
        Some(rgba) => rgba,
        None => return Ok(sink.reject("unexpected output color type")),
    };
    match sink.write(header.as_bytes()).and_then(|()| sink.write(&rgba)) {
        Ok(()) => Ok(Status::Accept),
        Err(Full) => Ok(Status::Reject), // the harness reports output-limit
    }
}

fn decode(input: &[u8], sink: &mut Sink) -> Status {
    match decode_into(input, sink) {
        Ok(status) => status,
        Err(e) => {
            let why = reason(&e);
            sink.reject(&why)
        }
    }
}

duet_ffi::export!(duet_png_decode_rust, decode);

//! tiff.decode, Rust side: the tiff crate's `Decoder` on the first image,
//! `read_image` (all strips or tiles), then the adapter converts the samples
//! to 8-bit RGBA exactly as libtiff's RGBA reader does (README, "Canonical
//! output"): 16-bit gray by its high byte, 16-bit colour rounded (`(v+128)/257`),
//! unassociated alpha premultiplied. An image outside the formats both
//! sides convert is decoded all the same, then rejected.

use std::io::Cursor;

use duet_ffi::{Full, Sink, Status};
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::tags::Tag;
use tiff::{ColorType, TiffError, TiffResult};

/// Largest image decoded, in RGBA bytes (README: both sides use it).
const IMAGE_RGBA_MAX: u64 = 1 << 24;
/// The reason when the image is outside the formats both sides convert.
const OUTSIDE_SHARED: &str = "a format outside the shared set";

/// A reason names the cause, not the input: the error's variant path
/// without digits or the values in brackets and braces.
fn reason(e: &TiffError) -> String {
    let text = match e {
        TiffError::IoError(io) => format!("IoError({:?})", io.kind()),
        other => format!("{:?}", other),
    };
    let cut = text.find(|c| c == '[' || c == '{').unwrap_or(text.len());
    text[..cut].chars().filter(|c| !c.is_ascii_digit()).take(120).collect()
}

/// What the first image's tags say, read through the crate.
struct Format {
    width: u32,
    height: u32,
    photometric: u32,
    samples: u16,
    uint: bool,  // SampleFormat absent or unsigned integer for every sample
    jpeg: bool,  // Compression 6 or 7 (not built into the C side)
    alpha: u16,  // first ExtraSamples value, 0 without the tag
    has_extra: bool,
}

fn read_format<R: std::io::Read + std::io::Seek>(d: &mut Decoder<R>) -> TiffResult<Format> {
    let (width, height) = d.dimensions()?;
    let formats: Option<Vec<u16>> = d.find_tag_unsigned_vec(Tag::SampleFormat)?;
    let extra: Option<Vec<u16>> = d.find_tag_unsigned_vec(Tag::ExtraSamples)?;
    let compression: u16 = d.find_tag_unsigned(Tag::Compression)?.unwrap_or(1);
    Ok(Format {
        width,
        height,
        photometric: d.get_tag_u32(Tag::PhotometricInterpretation)?,
        samples: d.find_tag_unsigned(Tag::SamplesPerPixel)?.unwrap_or(1),
        uint: formats.map_or(true, |v| v.iter().all(|&f| f == 1)),
        jpeg: compression == 6 || compression == 7,
        alpha: extra.as_ref().and_then(|v| v.first().copied()).unwrap_or(0),
        has_extra: extra.map_or(false, |v| !v.is_empty()),
    })
}

/// libtiff's alpha for 4-sample RGB (tif_getimage.c, TIFFRGBAImageBegin with
/// DEFAULT_EXTRASAMPLE_AS_ALPHA): no ExtraSamples, unspecified (0) or
/// associated (1): as stored; unassociated (2): premultiplied; else opaque.
#[derive(Clone, Copy)]
enum Alpha {
    Stored,
    Premultiply,
    Opaque,
}

fn alpha_mode(f: &Format) -> Alpha {
    match (f.has_extra, f.alpha) {
        (false, _) | (true, 0) | (true, 1) => Alpha::Stored,
        (true, 2) => Alpha::Premultiply,
        _ => Alpha::Opaque,
    }
}

/// libtiff's Bitdepth16To8 table: rounded.
fn to8(v: u16) -> u8 {
    ((u32::from(v) + 128) / 257) as u8
}

/// libtiff's UaToAa table: `(v * a + 127) / 255`.
fn premultiply(v: u8, a: u8) -> u8 {
    ((u32::from(v) * u32::from(a) + 127) / 255) as u8
}

fn rgba_pixel(s: &[u8], alpha: Alpha, out: &mut Vec<u8>) {
    match (s.len(), alpha) {
        (3, _) | (4, Alpha::Opaque) => out.extend_from_slice(&[s[0], s[1], s[2], 255]),
        (4, Alpha::Stored) => out.extend_from_slice(&s[..4]),
        (4, Alpha::Premultiply) => {
            let a = s[3];
            out.extend_from_slice(&[premultiply(s[0], a), premultiply(s[1], a), premultiply(s[2], a), a])
        }
        _ => {}
    }
}

/// The crate's samples as RGBA8, or None outside the shared formats.
fn to_rgba(color: ColorType, image: &DecodingResult, f: &Format) -> Option<Vec<u8>> {
    let pixels = f.width as usize * f.height as usize;
    let mut out = Vec::with_capacity(pixels * 4);
    let alpha = alpha_mode(f);
    match (color, image) {
        // 16-bit gray: libtiff keeps the high byte (put16bitbwtile); the
        // crate has already inverted WhiteIsZero, as libtiff's map does.
        (ColorType::Gray(8), DecodingResult::U8(v)) => v.iter().for_each(|&g| out.extend_from_slice(&[g, g, g, 255])),
        (ColorType::Gray(16), DecodingResult::U16(v)) => v.iter().for_each(|&g| {
            let g = (g >> 8) as u8;
            out.extend_from_slice(&[g, g, g, 255])
        }),
        (ColorType::RGB(8), DecodingResult::U8(v)) | (ColorType::RGBA(8), DecodingResult::U8(v)) => {
            v.chunks_exact(f.samples as usize).for_each(|s| rgba_pixel(s, alpha, &mut out))
        }
        (ColorType::RGB(16), DecodingResult::U16(v)) | (ColorType::RGBA(16), DecodingResult::U16(v)) => {
            v.chunks_exact(f.samples as usize).for_each(|s| {
                let s8: Vec<u8> = s.iter().map(|&x| to8(x)).collect();
                rgba_pixel(&s8, alpha, &mut out)
            })
        }
        _ => return None,
    }
    Some(out)
}

fn shared_format(f: &Format) -> bool {
    let gray = f.photometric <= 1 && f.samples == 1;
    let rgb = f.photometric == 2 && (f.samples == 3 || f.samples == 4);
    (gray || rgb) && f.uint && !f.jpeg
}

fn decode_into(input: &[u8], sink: &mut Sink) -> TiffResult<Status> {
    let mut limits = Limits::default();
    limits.decoding_buffer_size = 64 << 20; // above ours, so that ours decides
    let mut d = Decoder::new(Cursor::new(input))?.with_limits(limits);
    let (w, h) = d.dimensions()?;
    if u64::from(w) * u64::from(h) > IMAGE_RGBA_MAX / 4 {
        return Ok(sink.reject("image too large"));
    }
    let image = d.read_image()?;
    let color = d.colortype()?;
    let f = read_format(&mut d)?;
    let bits = match color {
        ColorType::Gray(n) | ColorType::RGB(n) | ColorType::RGBA(n) if n == 8 || n == 16 => n,
        _ => return Ok(sink.reject(OUTSIDE_SHARED)),
    };
    let rgba = match to_rgba(color, &image, &f) {
        Some(rgba) if shared_format(&f) && rgba.len() == w as usize * h as usize * 4 => rgba,
        _ => return Ok(sink.reject(OUTSIDE_SHARED)),
    };
    let header = format!("tiff {} {} photometric {} samples {} bits {}\n", w, h, f.photometric, f.samples, bits);
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

duet_ffi::export!(duet_tiff_decode_rust, decode);

//! The careful rewrite: lengths stay u32/usize, the palette is replaced only
//! by a valid one (Option<Vec<u8>>), buffers are owned by the Image and
//! dropped once. Canaries mark chunked.c's bug sites with its conditions.

use duet_ffi::{canary, Sink, Status};

const MAX_PIXELS: usize = 1 << 22;

#[derive(Default)]
struct Image {
    width: u16,
    height: u16,
    depth: u8,
    pixels: Option<Vec<u8>>,
    need: usize,
    palette: Option<Vec<u8>>,
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn header(img: &mut Image, data: &[u8]) -> Result<(), &'static str> {
    canary("CHK-3", img.pixels.is_some());
    if img.pixels.is_some() {
        return Err("duplicate header");
    }
    if data.len() != 5 {
        return Err("bad header length");
    }
    let (width, height, depth) = (be16(data), be16(&data[2..]), data[4]);
    if width == 0 || height == 0 {
        return Err("empty image");
    }
    if depth != 1 && depth != 3 {
        return Err("bad depth");
    }
    let need = usize::from(width) * usize::from(height) * usize::from(depth);
    if need > MAX_PIXELS {
        return Err("image too large");
    }
    *img = Image { width, height, depth, pixels: Some(Vec::with_capacity(need)), need, palette: None };
    Ok(())
}

fn palette(img: &mut Image, data: &[u8]) {
    let malformed = data.is_empty() || data.len() % 3 != 0 || data.len() > 768;
    canary("CHK-2", malformed && img.palette.is_some());
    if !malformed {
        img.palette = Some(data.to_vec());
    }
}

fn strip(img: &mut Image, data: &[u8]) -> Result<(), &'static str> {
    if data.len() < 4 {
        return Err("truncated strip");
    }
    let len = be32(data) as usize;
    canary("CHK-1", len > i32::MAX as usize);
    let bytes = data[4..].get(..len).ok_or("strip exceeds chunk")?;
    let pixels = img.pixels.as_mut().expect("strip after header");
    if len > img.need - pixels.len() {
        return Err("too much pixel data");
    }
    pixels.extend_from_slice(bytes);
    Ok(())
}

fn finish(img: &Image) -> Result<Vec<u8>, &'static str> {
    let pixels = img.pixels.as_deref().unwrap_or_default();
    if pixels.len() != img.need {
        return Err("short pixel data");
    }
    let mut out = format!("GTIM {}x{}\n", img.width, img.height).into_bytes();
    if img.depth == 3 {
        out.extend_from_slice(pixels);
        return Ok(out);
    }
    let palette = img.palette.as_deref().ok_or("palette required")?;
    for &index in pixels {
        let rgb = palette.get(3 * usize::from(index)..3 * usize::from(index) + 3);
        out.extend_from_slice(rgb.ok_or("palette index out of range")?);
    }
    Ok(out)
}

fn chunks(input: &[u8]) -> Result<Vec<u8>, &'static str> {
    if input.len() < 4 || &input[..4] != b"GTIM" {
        return Err("bad magic");
    }
    let mut img = Image::default();
    let mut rest = &input[4..];
    loop {
        if rest.is_empty() {
            return Err("missing end chunk");
        }
        if rest.len() < 8 {
            return Err("truncated chunk header");
        }
        let len = be32(rest) as usize;
        let kind: &[u8] = &rest[4..8];
        let data = rest[8..].get(..len).ok_or("truncated chunk")?;
        match kind {
            b"HDR " => header(&mut img, data)?,
            _ if img.pixels.is_none() => return Err("header must come first"),
            b"PAL " => palette(&mut img, data),
            b"DAT " => strip(&mut img, data)?,
            b"END " => return finish(&img),
            _ if kind[0].is_ascii_lowercase() => {}
            _ => return Err("unknown critical chunk"),
        }
        rest = &rest[8 + len..];
    }
}

pub fn read(input: &[u8], sink: &mut Sink) -> Status {
    match chunks(input) {
        Ok(bytes) => match sink.write(&bytes) {
            Ok(()) => Status::Accept,
            Err(_) => Status::Reject,
        },
        Err(why) => sink.reject(why),
    }
}

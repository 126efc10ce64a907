//! vorbis.decode, Rust side: lewton's `OggStreamReader` over the input
//! (read forward only), `read_dec_packet_generic` into interleaved f32
//! samples until the end of the first logical bitstream. Output: the same
//! header line and float samples as the C side (README.md).

use std::io::Cursor;
use std::sync::OnceLock;

use duet_ffi::{Full, Sink, Status};
use lewton::inside_ogg::OggStreamReader;
use lewton::samples::InterleavedSamples;
use lewton::VorbisError;

/// The variant's name alone: the values some variants carry (a header type,
/// two checksums) come from the input.
fn variant<T: std::fmt::Debug>(value: &T) -> String {
    let text = format!("{value:?}");
    text.split('(').next().unwrap_or_default().to_string()
}

fn reason(e: &VorbisError) -> String {
    match e {
        VorbisError::BadAudio(a) => format!("bad audio: {}", variant(a)),
        VorbisError::BadHeader(h) => format!("bad header: {}", variant(h)),
        VorbisError::OggError(lewton::OggReadError::ReadError(io)) => format!("ogg: read error: {:?}", io.kind()),
        VorbisError::OggError(o) => format!("ogg: {}", variant(o)),
    }
}

/// A planted difference for the pair's test (test.sh), never set otherwise:
/// `DUET_VORBIS_PLANTED_OFFSET=X` adds X to the middle sample of every
/// packet, so that a difference beyond the tolerance is known to exist.
fn planted_offset() -> f32 {
    static OFFSET: OnceLock<f32> = OnceLock::new();
    *OFFSET.get_or_init(|| {
        let offset = std::env::var("DUET_VORBIS_PLANTED_OFFSET").ok().and_then(|v| v.parse().ok()).unwrap_or(0.0);
        if offset != 0.0 {
            eprintln!("duet: vorbis.decode: the rust side is PLANTED (DUET_VORBIS_PLANTED_OFFSET={offset})");
        }
        offset
    })
}

/// Samples of the first logical bitstream; any error after the headers
/// rejects the stream (README: "Accept rule").
fn decode_audio(reader: &mut OggStreamReader<Cursor<&[u8]>>, sink: &mut Sink) -> Result<Status, VorbisError> {
    let first_serial = reader.stream_serial();
    while let Some(packet) = reader.read_dec_packet_generic::<InterleavedSamples<f32>>()? {
        if reader.stream_serial() != first_serial {
            break; // a chained stream's next link
        }
        let mut samples = packet.samples;
        if planted_offset() != 0.0 && !samples.is_empty() {
            let middle = samples.len() / 2;
            samples[middle] += planted_offset();
        }
        if let Err(Full) = sink.write_f32le(&samples) {
            return Ok(Status::Reject); // the harness reports output-limit
        }
    }
    Ok(Status::Accept)
}

fn decode_into(input: &[u8], sink: &mut Sink) -> Result<Status, VorbisError> {
    let mut reader = OggStreamReader::new(Cursor::new(input))?;
    let ident = &reader.ident_hdr;
    let header = format!("vorbis channels {} rate {}\n", ident.audio_channels, ident.audio_sample_rate);
    if let Err(Full) = sink.write(header.as_bytes()) {
        return Ok(Status::Reject);
    }
    decode_audio(&mut reader, sink)
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

duet_ffi::export!(duet_vorbis_decode_rust, decode);

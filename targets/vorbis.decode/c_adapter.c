/*
 * vorbis.decode, C side: libvorbisfile reading the input as a stream (no
 * seek callback, as an application decoding from a pipe or a socket would,
 * and as lewton reads), ov_read_float until the end of the first logical
 * bitstream. Output: README.md's canonical form, a header line and float
 * samples compared within the tolerance below.
 */
#include <stdio.h>
#include <string.h>
#include <vorbis/vorbisfile.h>

#include "duet/contract.h"

/* Samples asked of ov_read_float per call, per channel. */
#define CHUNK_FRAMES 4096

/* The README's "Tolerance": one step of 16-bit output, which is what every
   player makes of these floats; well above the two decoders' float rounding
   differences, well below a decoding error. Every sample may differ by that
   much: two correct IMDCTs differ in the last bits of nearly all samples. */
const struct duet_tolerance duet_vorbis_decode_tolerance = {
    .format = DUET_SAMPLES_F32LE,
    .max_difference = 1.0 / 32768,
    .max_differing_share = 1.0,
    .why = "float PCM: the Vorbis I spec leaves float rounding to the implementation; within one 16-bit step",
};

struct reader {
  const uint8_t *data;
  size_t size, pos;
};

static size_t read_input(void *buf, size_t size, size_t count, void *source) {
  struct reader *r = source;
  size_t want = size && count ? size * count : 0, n = r->size - r->pos;
  if (want < n) n = want;
  memcpy(buf, r->data + r->pos, n);
  r->pos += n;
  return size ? n / size : 0;
}

/* A stable phrase for each of vorbisfile's error codes. */
static const char *error_reason(long rc) {
  switch (rc) {
  case OV_EREAD: return "read error";
  case OV_EFAULT: return "internal fault";
  case OV_EIMPL: return "feature not implemented";
  case OV_EINVAL: return "invalid argument";
  case OV_ENOTVORBIS: return "not vorbis data";
  case OV_EBADHEADER: return "bad header";
  case OV_EVERSION: return "vorbis version mismatch";
  case OV_ENOTAUDIO: return "not an audio packet";
  case OV_EBADPACKET: return "bad packet";
  case OV_EBADLINK: return "bad link";
  case OV_ENOSEEK: return "stream not seekable";
  case OV_HOLE: return "hole in data";
  default: return "unknown error";
  }
}

/* Appends `frames` frames of `channels` planar channels, interleaved. */
static int put_frames(struct duet_sink *out, float **pcm, long frames, int channels) {
  size_t bytes = (size_t)frames * (size_t)channels * sizeof(float);
  unsigned char *dst = duet_sink_reserve(out, bytes); /* NULL past the bound: output-limit */
  if (!dst) return -1;
  /* Byte copies: the header line leaves the samples unaligned (x86 is
     little-endian, the canonical order). */
  for (long i = 0; i < frames; i++, dst += (size_t)channels * sizeof(float))
    for (int c = 0; c < channels; c++) memcpy(dst + (size_t)c * sizeof(float), &pcm[c][i], sizeof(float));
  return duet_sink_commit(out, bytes);
}

/* Samples of the first logical bitstream. A hole (a damaged or missing
   page, or the jump to a chained link) is skipped, as vorbisfile's own
   example player does; any other error rejects the stream (README:
   "Accept rule"). */
static int decode_audio(OggVorbis_File *vf, int channels, struct duet_sink *out) {
  int first_link = -1;
  for (;;) {
    float **pcm;
    int link;
    long frames = ov_read_float(vf, &pcm, CHUNK_FRAMES, &link);
    if (frames == 0) return DUET_ACCEPT;
    if (frames == OV_HOLE) continue;
    if (frames < 0) return duet_sink_reject(out, error_reason(frames));
    if (first_link < 0) first_link = link;
    if (link != first_link) return DUET_ACCEPT; /* a chained stream's next link */
    if (put_frames(out, pcm, frames, channels) != 0) return DUET_REJECT; /* the harness says output-limit */
  }
}

static int vorbis_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  struct reader r = {input, size, 0};
  ov_callbacks callbacks = {.read_func = read_input};
  OggVorbis_File vf;
  int rc = ov_open_callbacks(&r, &vf, NULL, 0, callbacks);
  if (rc < 0) return duet_sink_reject(out, error_reason(rc)); /* ov_open frees what it made */
  vorbis_info *info = ov_info(&vf, -1);
  char header[64];
  int n = snprintf(header, sizeof header, "vorbis channels %d rate %ld\n", info->channels, info->rate);
  int status = duet_sink_write(out, header, (size_t)n) == 0 ? decode_audio(&vf, info->channels, out) : DUET_REJECT;
  ov_clear(&vf);
  return status;
}

const struct duet_impl duet_vorbis_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libvorbis",
    .version = "1.3.7 (Debian 1.3.7-1), libogg 1.3.5 (Debian 1.3.5-3)",
    .api = "ov_open_callbacks (no seek)/ov_read_float",
    .run = vorbis_decode_c,
};

/* The Rust candidate's entry point (targets/vorbis.decode/rust). */
int duet_vorbis_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "lewton",
    .version = "0.10.2",
    .api = "OggStreamReader::new/read_dec_packet_generic::<InterleavedSamples<f32>>",
    .run = duet_vorbis_decode_rust,
};

const struct duet_impl *const duet_vorbis_decode_candidates[] = {&rust_candidate, NULL};

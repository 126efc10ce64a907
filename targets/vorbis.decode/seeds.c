/*
 * Seed corpus for vorbis.decode, made at build time with libvorbis's own
 * encoder (vorbisenc) from synthetic signals: mono to 6 channels, 8 to
 * 48 kHz, VBR at low and high quality and managed bitrate, silence, a clip
 * shorter than one block (end trimming by granule position), clips paged
 * every few packets, and a chained stream whose second link has another
 * channel count. Short clips keep the fuzzer fast.
 * Usage: duet_seeds_vorbis_decode OUTDIR
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vorbis/vorbisenc.h>

#include "duet/seedkit.h"

struct clip {
  const char *name;
  int channels;
  long rate;
  long frames;
  float quality;   /* VBR quality, -0.1 .. 1 */
  long bitrate;    /* > 0: managed average bitrate instead */
  int signal;      /* 0 tones, 1 noise, 2 silence */
  int flush_every; /* > 0: a page after every this many packets, not ~4 KiB pages */
};

struct bytes {
  unsigned char *data;
  size_t size;
};

static int append(struct bytes *b, const void *p, size_t n) {
  unsigned char *grown = realloc(b->data, b->size + n);
  if (!grown) return -1;
  memcpy(grown + b->size, p, n);
  b->data = grown;
  b->size += n;
  return 0;
}

static int append_page(struct bytes *b, const ogg_page *page) {
  return append(b, page->header, (size_t)page->header_len) || append(b, page->body, (size_t)page->body_len);
}

static float sample(const struct clip *c, long i, int channel, unsigned *noise) {
  if (c->signal == 2) return 0;
  if (c->signal == 1) {
    *noise = *noise * 1103515245u + 12345u;
    return (float)((*noise >> 8) & 0xffff) / 65536.0f - 0.5f;
  }
  const double two_pi = 6.283185307179586;
  double t = (double)i / (double)c->rate, f = 220.0 * (channel + 1) + 300.0 * t;
  return (float)(0.4 * sin(two_pi * f * t) + 0.1 * sin(two_pi * 3 * f * t));
}

static int init_encoder(vorbis_info *vi, const struct clip *c) {
  vorbis_info_init(vi);
  if (c->bitrate > 0) return vorbis_encode_init(vi, c->channels, c->rate, -1, c->bitrate, -1);
  return vorbis_encode_init_vbr(vi, c->channels, c->rate, c->quality);
}

/* Every packet the encoder has ready, paged into `out`. */
static int drain(vorbis_dsp_state *vd, vorbis_block *vb, ogg_stream_state *os, int flush_every,
                 struct bytes *out) {
  ogg_packet op;
  ogg_page page;
  while (vorbis_analysis_blockout(vd, vb) == 1) {
    vorbis_analysis(vb, NULL);
    vorbis_bitrate_addblock(vb);
    while (vorbis_bitrate_flushpacket(vd, &op)) {
      ogg_stream_packetin(os, &op);
      bool flush = flush_every > 0 && op.packetno % flush_every == 0;
      while (flush ? ogg_stream_flush(os, &page) : ogg_stream_pageout(os, &page))
        if (append_page(out, &page)) return -1;
    }
  }
  return 0;
}

static int put_headers(vorbis_dsp_state *vd, ogg_stream_state *os, struct bytes *out) {
  vorbis_comment vc;
  vorbis_comment_init(&vc);
  vorbis_comment_add_tag(&vc, "ENCODER", "duet seeds");
  vorbis_comment_add_tag(&vc, "TITLE", "synthetic");
  ogg_packet id, comment, code;
  ogg_page page;
  int rc = vorbis_analysis_headerout(vd, &vc, &id, &comment, &code);
  vorbis_comment_clear(&vc);
  if (rc) return -1;
  ogg_stream_packetin(os, &id);
  ogg_stream_packetin(os, &comment);
  ogg_stream_packetin(os, &code);
  while (ogg_stream_flush(os, &page))
    if (append_page(out, &page)) return -1;
  return 0;
}

static int feed(vorbis_dsp_state *vd, vorbis_block *vb, ogg_stream_state *os, const struct clip *c,
                struct bytes *out) {
  unsigned noise = 1;
  for (long done = 0; done < c->frames;) {
    long n = c->frames - done < 1024 ? c->frames - done : 1024;
    float **buffer = vorbis_analysis_buffer(vd, (int)n);
    for (long i = 0; i < n; i++)
      for (int ch = 0; ch < c->channels; ch++) buffer[ch][i] = sample(c, done + i, ch, &noise);
    vorbis_analysis_wrote(vd, (int)n);
    done += n;
    if (drain(vd, vb, os, c->flush_every, out)) return -1;
  }
  vorbis_analysis_wrote(vd, 0);
  return drain(vd, vb, os, c->flush_every, out);
}

/* One logical bitstream of `c`, serial number `serial`, appended to `out`. */
static int encode(const struct clip *c, int serial, struct bytes *out) {
  vorbis_info vi;
  if (init_encoder(&vi, c)) {
    fprintf(stderr, "seeds: vorbisenc refuses %s\n", c->name);
    vorbis_info_clear(&vi);
    return -1;
  }
  vorbis_dsp_state vd;
  vorbis_block vb;
  ogg_stream_state os;
  vorbis_analysis_init(&vd, &vi);
  vorbis_block_init(&vd, &vb);
  ogg_stream_init(&os, serial);
  int rc = put_headers(&vd, &os, out) || feed(&vd, &vb, &os, c, out);
  ogg_page page;
  while (!rc && ogg_stream_flush(&os, &page)) rc = append_page(out, &page);
  ogg_stream_clear(&os);
  vorbis_block_clear(&vb);
  vorbis_dsp_clear(&vd);
  vorbis_info_clear(&vi);
  return rc;
}

/* Most clips fit one audio page (libogg pages at about 4 KiB); the paged
   ones put a page boundary every few packets, as long recordings have. */
static const struct clip clips[] = {
    {"mono-8k-q0", 1, 8000, 1600, 0.0f, 0, 0, 0},
    {"stereo-44k-q5", 2, 44100, 8820, 0.5f, 0, 0, 0},
    {"stereo-48k-lowest", 2, 48000, 4800, -0.1f, 0, 1, 0},
    {"stereo-22k-abr64", 2, 22050, 4410, 0, 64000, 0, 0},
    {"mono-16k-q10-noise", 1, 16000, 3200, 1.0f, 0, 1, 0},
    {"surround-6ch-22k", 6, 22050, 2205, 0.3f, 0, 0, 0},
    {"mono-11k-silence", 1, 11025, 2205, 0.2f, 0, 2, 0},
    {"mono-8k-shorter-than-a-block", 1, 8000, 100, 0.1f, 0, 0, 0},
    {"paged-mono-8k-q0", 1, 8000, 1600, 0.0f, 0, 0, 3},
    {"paged-stereo-44k-q5", 2, 44100, 8820, 0.5f, 0, 0, 4},
    {"paged-surround-6ch-22k", 6, 22050, 2205, 0.3f, 0, 1, 2},
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  for (size_t i = 0; i < sizeof clips / sizeof clips[0]; i++) {
    struct bytes b = {NULL, 0};
    int rc = encode(&clips[i], (int)i + 1, &b) || duet_seed_writef(dir, b.data, b.size, "%s.ogg", clips[i].name);
    free(b.data);
    if (rc) return 1;
  }
  /* Chained: a mono link, then a stereo one (only the first is compared). */
  struct bytes b = {NULL, 0};
  int rc = encode(&clips[0], 100, &b) || encode(&clips[1], 101, &b) ||
           duet_seed_write(dir, "chained-mono-then-stereo.ogg", b.data, b.size);
  free(b.data);
  return rc ? 1 : 0;
}

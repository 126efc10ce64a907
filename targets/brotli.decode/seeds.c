/*
 * Seed corpus for the brotli pairs, made at build time with libbrotlienc from
 * the same Debian source: several kinds of data at every quality, with window
 * sizes from 10 to 24 bits and the text/font/generic modes, plus the empty
 * stream and a few cut-short streams (which every side must reject).
 * Built with DUET_BROTLI_ABI_SEEDS (brotli.decode-abi), each stream is written
 * three times behind a control byte: one-shot (0x80), 1-byte chunks and
 * 1-byte output windows (0x00), and a chunk/window mix that varies per stream.
 * Usage: duet_seeds_<pair> OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/encode.h>

#include "duet/seedkit.h"

enum { SAMPLE_SIZE = 4096 };

static void fill_sample(int kind, uint8_t *buf, size_t size) {
  unsigned state = 2024u + (unsigned)kind;
  static const char text[] = "duet compares a C library with its Rust rewrite. <html><body>the of and to</body></html> ";
  for (size_t i = 0; i < size; i++) {
    state = state * 1103515245u + 12345u;
    switch (kind) {
    case 0: buf[i] = (uint8_t)text[i % (sizeof text - 1)]; break;                /* text */
    case 1: buf[i] = (uint8_t)(state >> 16); break;                             /* noise */
    case 2: buf[i] = (uint8_t)(i / 97); break;                                  /* runs */
    case 3: buf[i] = (uint8_t)((i % 7 == 0) ? (state >> 20) : text[(i / 3) % 40]); break; /* mixed */
    default: buf[i] = 0; break;                                                 /* zeros */
    }
  }
}

/* Writes seed-NNN[-CC].br: the stream, behind control byte CC when control >= 0. */
static int write_file(const char *dir, int n, int control, const uint8_t *data, size_t size) {
  if (control < 0) return duet_seed_writef(dir, data, size, "seed-%03d.br", n);
  uint8_t *framed = malloc(size + 1);
  if (!framed) return -1;
  framed[0] = (uint8_t)control;
  memcpy(framed + 1, data, size);
  int rc = duet_seed_writef(dir, framed, size + 1, "seed-%03d-%02x.br", n, (unsigned)control);
  free(framed);
  return rc;
}

static int write_seed(const char *dir, int n, const uint8_t *data, size_t size) {
#ifdef DUET_BROTLI_ABI_SEEDS
  const int controls[3] = {0x80, 0x00, (n * 37 + 5) & 0x7f};
  for (int i = 0; i < 3; i++)
    if (write_file(dir, n, controls[i], data, size) != 0) return -1;
  return 0;
#else
  return write_file(dir, n, -1, data, size);
#endif
}

static int compress_one(const uint8_t *in, size_t in_size, int quality, int lgwin, BrotliEncoderMode mode,
                        uint8_t *out, size_t *out_size) {
  BrotliEncoderState *s = BrotliEncoderCreateInstance(NULL, NULL, NULL);
  if (!s) return -1;
  BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, (uint32_t)quality);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, (uint32_t)lgwin);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_MODE, (uint32_t)mode);
  BrotliEncoderSetParameter(s, BROTLI_PARAM_SIZE_HINT, (uint32_t)in_size);
  size_t available_in = in_size, available_out = *out_size;
  const uint8_t *next_in = in;
  uint8_t *next_out = out;
  int ok = BrotliEncoderCompressStream(s, BROTLI_OPERATION_FINISH, &available_in, &next_in, &available_out,
                                       &next_out, NULL) &&
           BrotliEncoderIsFinished(s);
  *out_size -= available_out;
  BrotliEncoderDestroyInstance(s);
  return ok ? 0 : -1;
}

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  static const size_t sizes[] = {0, 1, 100, 1000, SAMPLE_SIZE};
  static const BrotliEncoderMode modes[] = {BROTLI_MODE_GENERIC, BROTLI_MODE_TEXT, BROTLI_MODE_FONT};
  static uint8_t in[SAMPLE_SIZE], out[2 * SAMPLE_SIZE + 1024];
  int n = 0;
  for (int kind = 0; kind < 5; kind++) {
    fill_sample(kind, in, sizeof in);
    for (int quality = 0; quality <= 11; quality++) {
      size_t in_size = sizes[(size_t)(quality + kind) % 5];
      int lgwin = 10 + (quality * 3 + kind) % 15; /* 10..24 */
      size_t out_size = sizeof out;
      if (compress_one(in, in_size, quality, lgwin, modes[(quality + kind) % 3], out, &out_size) != 0) {
        fprintf(stderr, "seeds: encoder failed (kind %d, quality %d)\n", kind, quality);
        return 1;
      }
      if (write_seed(dir, n++, out, out_size) != 0) return 1;
      /* Every seventh stream also cut short: a truncated stream. */
      if ((quality + kind) % 7 == 0 && out_size > 2 && write_seed(dir, n++, out, out_size / 2) != 0) return 1;
    }
  }
  printf("seeds: wrote %d brotli streams to %s\n", n, dir);
  return 0;
}

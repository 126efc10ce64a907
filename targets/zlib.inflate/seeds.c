/*
 * Seed corpus for zlib.inflate, made at build time with zlib's own deflate:
 * several kinds of data at every level and strategy, window sizes, and with a
 * preset dictionary (which both sides must reject without it).
 * Usage: duet_seeds_zlib_inflate OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "duet/seedkit.h"

enum { SAMPLE_SIZE = 2048 };

static void fill_sample(int kind, unsigned char *buf, size_t size) {
  unsigned state = 12345u + (unsigned)kind;
  static const char text[] = "duet compares a C library with its Rust rewrite. ";
  for (size_t i = 0; i < size; i++) {
    state = state * 1103515245u + 12345u;
    switch (kind) {
    case 0: buf[i] = (unsigned char)text[i % (sizeof text - 1)]; break; /* text */
    case 1: buf[i] = (unsigned char)(state >> 16); break;             /* noise */
    case 2: buf[i] = (unsigned char)(i / 97); break;                  /* runs */
    default: buf[i] = 0; break;                                       /* zeros */
    }
  }
}

static int write_seed(const char *dir, int n, const unsigned char *data, size_t size) {
  return duet_seed_writef(dir, data, size, "seed-%03d.zz", n);
}

static int compress_one(const unsigned char *in, size_t in_size, int level, int strategy, int window_bits,
                        int with_dict, unsigned char *out, size_t *out_size) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, level, Z_DEFLATED, window_bits, 8, strategy) != Z_OK) return -1;
  if (with_dict) {
    static const unsigned char dict[] = "duet compares a C library";
    deflateSetDictionary(&zs, dict, sizeof dict - 1);
  }
  zs.next_in = (unsigned char *)in;
  zs.avail_in = (uInt)in_size;
  zs.next_out = out;
  zs.avail_out = (uInt)*out_size;
  int rc = deflate(&zs, Z_FINISH);
  *out_size = zs.total_out;
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? 0 : -1;
}

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  static const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED};
  static const size_t sizes[] = {0, 1, 100, SAMPLE_SIZE};
  unsigned char in[SAMPLE_SIZE], out[2 * SAMPLE_SIZE + 64];
  int n = 0;
  for (int kind = 0; kind < 4; kind++) {
    fill_sample(kind, in, sizeof in);
    for (int level = 0; level <= 9; level++)
      for (size_t s = 0; s < sizeof strategies / sizeof strategies[0]; s++) {
        size_t in_size = sizes[(size_t)(level + kind) % 4];
        int window_bits = 9 + (level + (int)s) % 7; /* 9..15 */
        int with_dict = (level == 6 && s == 0);
        size_t out_size = sizeof out;
        if (compress_one(in, in_size, level, strategies[s], window_bits, with_dict, out, &out_size) != 0) continue;
        if (write_seed(dir, n++, out, out_size) != 0) return 1;
      }
  }
  printf("seeds: wrote %d zlib streams to %s\n", n, dir);
  return 0;
}

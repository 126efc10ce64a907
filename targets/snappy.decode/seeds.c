/*
 * Seed corpus for snappy.decode, made at build time with snappy's own
 * compressor (its C API): text, noise, runs and zeros of several sizes, so the
 * corpus has literals, 1-, 2- and 4-byte-offset copies and long lengths.
 * Usage: duet_seeds_snappy_decode OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snappy-c.h"

#include "duet/seedkit.h"

enum { SAMPLE_MAX = 70000 };

static void fill_sample(int kind, char *buf, size_t size) {
  static const char text[] = "duet compares a C library with its Rust rewrite. ";
  unsigned state = 4242u + (unsigned)kind;
  for (size_t i = 0; i < size; i++) {
    state = state * 1103515245u + 12345u;
    switch (kind) {
    case 0: buf[i] = text[i % (sizeof text - 1)]; break;
    case 1: buf[i] = (char)(state >> 16); break;
    case 2: buf[i] = (char)(i / 300); break;
    default: buf[i] = 0; break;
    }
  }
}

static int write_seed(const char *dir, int n, const char *data, size_t size) {
  return duet_seed_writef(dir, data, size, "seed-%03d.snappy", n);
}

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  static const size_t sizes[] = {0, 1, 7, 60, 61, 300, 4096, 65536, SAMPLE_MAX};
  char *plain = malloc(SAMPLE_MAX);
  size_t cap = snappy_max_compressed_length(SAMPLE_MAX);
  char *packed = malloc(cap);
  if (!plain || !packed) return 1;
  int n = 0;
  for (int kind = 0; kind < 4; kind++) {
    fill_sample(kind, plain, SAMPLE_MAX);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
      size_t packed_size = cap;
      if (snappy_compress(plain, sizes[s], packed, &packed_size) != SNAPPY_OK) continue;
      /* Large noisy samples make large seeds; keep the corpus small. */
      if (packed_size > 8192) continue;
      if (write_seed(dir, n++, packed, packed_size) != 0) return 1;
    }
  }
  free(plain);
  free(packed);
  printf("seeds: wrote %d snappy blocks to %s\n", n, dir);
  return 0;
}

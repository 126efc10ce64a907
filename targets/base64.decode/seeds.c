/*
 * Seed corpus for base64.decode, made at build time with libb64's own
 * encoder: samples of every length class (0..2 mod 3) and several kinds of
 * data, each as libb64 writes it (a newline every 72 characters and at the
 * end) and with the newlines removed (the strict RFC 4648 form).
 * Usage: duet_seeds_base64_decode OUTDIR
 */
#include <stdio.h>
#include <string.h>

#include <b64/cencode.h>

#include "duet/seedkit.h"

enum { SAMPLE_MAX = 300 };

static int write_seed(const char *dir, int n, const char *data, size_t size) {
  return duet_seed_writef(dir, data, size, "seed-%03d.b64", n);
}

static void fill_sample(int kind, char *buf, size_t size) {
  static const char text[] = "duet compares a C library with its Rust rewrite. ";
  unsigned state = 777u + (unsigned)kind;
  for (size_t i = 0; i < size; i++) {
    state = state * 1103515245u + 12345u;
    buf[i] = kind == 0 ? text[i % (sizeof text - 1)] : kind == 1 ? (char)(state >> 16) : (char)(0xff - i);
  }
}

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 31, 54, 55, 56, 100, SAMPLE_MAX};
  char plain[SAMPLE_MAX], code[2 * SAMPLE_MAX + 16], stripped[sizeof code];
  int n = 0;
  for (int kind = 0; kind < 3; kind++) {
    fill_sample(kind, plain, sizeof plain);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
      base64_encodestate state;
      base64_init_encodestate(&state);
      int len = base64_encode_block(plain, (int)sizes[s], code, &state);
      len += base64_encode_blockend(code + len, &state);
      size_t kept = 0;
      for (int i = 0; i < len; i++)
        if (code[i] != '\n') stripped[kept++] = code[i];
      if (write_seed(dir, n++, code, (size_t)len) != 0) return 1;
      if (write_seed(dir, n++, stripped, kept) != 0) return 1;
    }
  }
  printf("seeds: wrote %d base64 texts to %s\n", n, dir);
  return 0;
}

/*
 * Seed corpus for gt.rle: valid binary-mode streams only (flags 0, so no
 * seed reaches RLE-1's text-mode terminator; back-references stay within
 * the output, so none triggers RLE-2). Usage: duet_seeds_gt_rle OUTDIR
 */
#include <stdio.h>

struct seed {
  const char *name;
  const unsigned char *bytes;
  size_t size;
};

#define SEED(name, ...) {name, (const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})}

static const struct seed seeds[] = {
    SEED("literal", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x05, 0x04, 'h', 'e', 'l', 'l', 'o'),
    SEED("run", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x0a, 0x87, 'z'),
    SEED("backref", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x09, 0x02, 'a', 'b', 'c', 0xc3, 0x00, 0x03),
    SEED("overlap", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x08, 0x01, 'x', 'y', 0xc3, 0x00, 0x02),
    SEED("mixed", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x10, 0x03, 'd', 'u', 'e', 't', 0x85, '-', 0xc1, 0x00, 0x08,
         0x00, '!'),
    SEED("empty", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x00),
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.rl", argv[1], seeds[i].name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(seeds[i].bytes, 1, seeds[i].size, f) != seeds[i].size || fclose(f) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

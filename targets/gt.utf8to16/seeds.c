/*
 * Seed corpus for gt.utf8to16: text below U+10000 only (no seed reaches
 * U16-1's surrogate pairs) and no F8..FF byte (none reaches U16-2), in
 * strict and replace mode. Usage: duet_seeds_gt_utf8to16 OUTDIR
 */
#include <stdio.h>

struct seed {
  const char *name;
  const unsigned char *bytes;
  size_t size;
};

#define SEED(name, ...) {name, (const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})}

static const struct seed seeds[] = {
    SEED("ascii", 0x00, 'd', 'u', 'e', 't'),
    SEED("bom", 0x02, 'h', 'i'),
    SEED("latin", 0x00, 'c', 'a', 'f', 0xc3, 0xa9),
    SEED("cjk", 0x00, 0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87),
    SEED("euro", 0x02, 0xe2, 0x82, 0xac, '5'),
    SEED("replace", 0x01, 'a', 0x80, 'b', 0xc3, 'c', 0xed, 0xa0, 0x80),
    SEED("empty", 0x00),
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.u8", argv[1], seeds[i].name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(seeds[i].bytes, 1, seeds[i].size, f) != seeds[i].size || fclose(f) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

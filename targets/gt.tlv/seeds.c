/*
 * Seed corpus for gt.tlv: valid packets only (no seed triggers a planted
 * bug), covering each record type. Usage: duet_seeds_gt_tlv OUTDIR
 */
#include <stdio.h>

struct seed {
  const char *name;
  const unsigned char *bytes;
  size_t size;
};

#define SEED(name, ...) {name, (const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})}

static const struct seed seeds[] = {
    SEED("echo", 0x01, 0x00, 0x07, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'),
    SEED("echo-padded", 0x01, 0x00, 0x06, 0x00, 0x02, 0xbe, 0xef, 0x00, 0x00),
    SEED("list", 0x02, 0x00, 0x10, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x7f, 0xff,
         0xff, 0xff),
    SEED("note", 0x03, 0x00, 0x04, 'n', 'o', 't', 'e'),
    SEED("mixed", 0x03, 0x00, 0x01, 'x', 0x01, 0x00, 0x03, 0x00, 0x01, 0x2a, 0x02, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01,
         0x00, 0x00, 0x00, 0x09),
    SEED("empty-list", 0x02, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00),
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.tlv", argv[1], seeds[i].name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(seeds[i].bytes, 1, seeds[i].size, f) != seeds[i].size || fclose(f) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

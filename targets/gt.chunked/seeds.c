/*
 * Seed corpus for gt.chunked: valid containers only (one header, valid
 * palettes, non-negative strip lengths), RGB and palette images, with an
 * ancillary chunk. Usage: duet_seeds_gt_chunked OUTDIR
 */
#include <stdio.h>

struct seed {
  const char *name;
  const unsigned char *bytes;
  size_t size;
};

#define SEED(name, ...) {name, (const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})}
#define CHUNK(len, t0, t1, t2, t3) 0, 0, 0, len, t0, t1, t2, t3
#define MAGIC 'G', 'T', 'I', 'M'

static const struct seed seeds[] = {
    SEED("rgb", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 2, 0, 1, 3, CHUNK(10, 'D', 'A', 'T', ' '), 0, 0, 0, 6, 255,
         0, 0, 0, 255, 0, CHUNK(0, 'E', 'N', 'D', ' ')),
    SEED("palette", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 2, 0, 2, 1, CHUNK(6, 'P', 'A', 'L', ' '), 0, 0, 0, 255,
         255, 255, CHUNK(8, 'D', 'A', 'T', ' '), 0, 0, 0, 4, 0, 1, 1, 0, CHUNK(0, 'E', 'N', 'D', ' ')),
    SEED("strips", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 1, 0, 2, 3, CHUNK(7, 'D', 'A', 'T', ' '), 0, 0, 0, 3, 1, 2,
         3, CHUNK(8, 'D', 'A', 'T', ' '), 0, 0, 0, 3, 4, 5, 6, 9, CHUNK(0, 'E', 'N', 'D', ' ')),
    SEED("ancillary", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 1, 0, 1, 1, CHUNK(3, 't', 'E', 'X', 't'), 'h', 'i', '!',
         CHUNK(3, 'P', 'A', 'L', ' '), 9, 8, 7, CHUNK(5, 'D', 'A', 'T', ' '), 0, 0, 0, 1, 0,
         CHUNK(0, 'E', 'N', 'D', ' ')),
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.gtim", argv[1], seeds[i].name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(seeds[i].bytes, 1, seeds[i].size, f) != seeds[i].size || fclose(f) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

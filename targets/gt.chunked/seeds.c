/*
 * Seed corpus for gt.chunked: valid containers only (one header, valid
 * palettes, non-negative strip lengths), RGB and palette images, with an
 * ancillary chunk. Usage: duet_seeds_gt_chunked OUTDIR
 */
#include "duet/seedkit.h"

#define CHUNK(len, t0, t1, t2, t3) 0, 0, 0, len, t0, t1, t2, t3
#define MAGIC 'G', 'T', 'I', 'M'

static const struct duet_seed seeds[] = {
    DUET_SEED("rgb", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 2, 0, 1, 3, CHUNK(10, 'D', 'A', 'T', ' '), 0, 0, 0, 6, 255,
         0, 0, 0, 255, 0, CHUNK(0, 'E', 'N', 'D', ' ')),
    DUET_SEED("palette", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 2, 0, 2, 1, CHUNK(6, 'P', 'A', 'L', ' '), 0, 0, 0, 255,
         255, 255, CHUNK(8, 'D', 'A', 'T', ' '), 0, 0, 0, 4, 0, 1, 1, 0, CHUNK(0, 'E', 'N', 'D', ' ')),
    DUET_SEED("strips", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 1, 0, 2, 3, CHUNK(7, 'D', 'A', 'T', ' '), 0, 0, 0, 3, 1, 2,
         3, CHUNK(8, 'D', 'A', 'T', ' '), 0, 0, 0, 3, 4, 5, 6, 9, CHUNK(0, 'E', 'N', 'D', ' ')),
    DUET_SEED("ancillary", MAGIC, CHUNK(5, 'H', 'D', 'R', ' '), 0, 1, 0, 1, 1, CHUNK(3, 't', 'E', 'X', 't'), 'h', 'i', '!',
         CHUNK(3, 'P', 'A', 'L', ' '), 9, 8, 7, CHUNK(5, 'D', 'A', 'T', ' '), 0, 0, 0, 1, 0,
         CHUNK(0, 'E', 'N', 'D', ' ')),
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  return duet_seed_write_all(dir, seeds, sizeof seeds / sizeof seeds[0], ".gtim") == 0 ? 0 : 1;
}

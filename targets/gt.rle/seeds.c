/*
 * Seed corpus for gt.rle: valid binary-mode streams only (flags 0, so no
 * seed reaches RLE-1's text-mode terminator; back-references stay within
 * the output, so none triggers RLE-2). Usage: duet_seeds_gt_rle OUTDIR
 */
#include "duet/seedkit.h"

static const struct duet_seed seeds[] = {
    DUET_SEED("literal", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x05, 0x04, 'h', 'e', 'l', 'l', 'o'),
    DUET_SEED("run", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x0a, 0x87, 'z'),
    DUET_SEED("backref", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x09, 0x02, 'a', 'b', 'c', 0xc3, 0x00, 0x03),
    DUET_SEED("overlap", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x08, 0x01, 'x', 'y', 0xc3, 0x00, 0x02),
    DUET_SEED("mixed", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x10, 0x03, 'd', 'u', 'e', 't', 0x85, '-', 0xc1, 0x00, 0x08,
         0x00, '!'),
    DUET_SEED("empty", 'R', 'L', 0x00, 0x00, 0x00, 0x00, 0x00),
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  return duet_seed_write_all(dir, seeds, sizeof seeds / sizeof seeds[0], ".rl") == 0 ? 0 : 1;
}

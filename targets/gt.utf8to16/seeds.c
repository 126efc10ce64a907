/*
 * Seed corpus for gt.utf8to16: text below U+10000 only (no seed reaches
 * U16-1's surrogate pairs) and no F8..FF byte (none reaches U16-2), in
 * strict and replace mode. Usage: duet_seeds_gt_utf8to16 OUTDIR
 */
#include "duet/seedkit.h"

static const struct duet_seed seeds[] = {
    DUET_SEED("ascii", 0x00, 'd', 'u', 'e', 't'),
    DUET_SEED("bom", 0x02, 'h', 'i'),
    DUET_SEED("latin", 0x00, 'c', 'a', 'f', 0xc3, 0xa9),
    DUET_SEED("cjk", 0x00, 0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87),
    DUET_SEED("euro", 0x02, 0xe2, 0x82, 0xac, '5'),
    DUET_SEED("replace", 0x01, 'a', 0x80, 'b', 0xc3, 'c', 0xed, 0xa0, 0x80),
    DUET_SEED("empty", 0x00),
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  return duet_seed_write_all(dir, seeds, sizeof seeds / sizeof seeds[0], ".u8") == 0 ? 0 : 1;
}

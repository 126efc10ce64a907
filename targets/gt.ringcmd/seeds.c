/*
 * Seed corpus for gt.ringcmd: valid scripts only, groups nested at most 3
 * deep and 'd' never growing the ring (so no seed triggers a planted bug).
 * Usage: duet_seeds_gt_ringcmd OUTDIR
 */
#include "duet/seedkit.h"

#define SCRIPT(name, text) {name, (const unsigned char *)text, sizeof text - 1}

static const struct duet_seed seeds[] = {
    SCRIPT("push-pop", "p\x05hello o\x05"),
    SCRIPT("dup", "p\x01z d\x03 o\x04"),
    SCRIPT("group", "p\x03" "abc (o\x03)"),
    SCRIPT("nested", "p\x04wxyz (o\x01 (o\x02) o\x01)"),
    SCRIPT("wrap", "p\x06" "abcdef o\x04 p\x05ghijk o\x07"),
    SCRIPT("empty", ""),
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  return duet_seed_write_all(dir, seeds, sizeof seeds / sizeof seeds[0], ".ring") == 0 ? 0 : 1;
}

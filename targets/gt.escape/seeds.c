/*
 * Seed corpus for gt.escape: valid ASCII escaped strings only (no byte >=
 * 0x80, no trailing backslash, short \x{...}), so no seed triggers a planted
 * bug. Usage: duet_seeds_gt_escape OUTDIR
 */
#include "duet/seedkit.h"

static const char *const seeds[] = {
    "plain text",
    "tab\\tand\\nnewline\\r",
    "hex \\x41\\x62\\x7e",
    "code points \\x{41} \\x{e9} \\x{20ac} \\x{1f600}",
    "quoted \\\"word\\\" and \\\\ backslash",
    "nul \\0 inside",
    "",
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  return duet_seed_write_texts(dir, seeds, sizeof seeds / sizeof seeds[0], "seed-%zu.txt") == 0 ? 0 : 1;
}

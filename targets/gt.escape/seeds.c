/*
 * Seed corpus for gt.escape: valid ASCII escaped strings only (no byte >=
 * 0x80, no trailing backslash, short \x{...}), so no seed triggers a planted
 * bug. Usage: duet_seeds_gt_escape OUTDIR
 */
#include <stdio.h>
#include <string.h>

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
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/seed-%zu.txt", argv[1], i);
    FILE *f = fopen(path, "wb");
    size_t n = strlen(seeds[i]);
    if (!f || fwrite(seeds[i], 1, n, f) != n || fclose(f) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

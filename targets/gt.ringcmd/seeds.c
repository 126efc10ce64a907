/*
 * Seed corpus for gt.ringcmd: valid scripts only, groups nested at most 3
 * deep and 'd' never growing the ring (so no seed triggers a planted bug).
 * Usage: duet_seeds_gt_ringcmd OUTDIR
 */
#include <stdio.h>
#include <string.h>

struct seed {
  const char *name;
  const char *script;
  size_t size;
};

#define SEED(name, text) {name, text, sizeof text - 1}

static const struct seed seeds[] = {
    SEED("push-pop", "p\x05hello o\x05"),
    SEED("dup", "p\x01z d\x03 o\x04"),
    SEED("group", "p\x03" "abc (o\x03)"),
    SEED("nested", "p\x04wxyz (o\x01 (o\x02) o\x01)"),
    SEED("wrap", "p\x06" "abcdef o\x04 p\x05ghijk o\x07"),
    SEED("empty", ""),
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.ring", argv[1], seeds[i].name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(seeds[i].script, 1, seeds[i].size, f) != seeds[i].size || fclose(f) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  return 0;
}

/*
 * Seed corpus for gt.kv: valid configs only, and only two of them end in a
 * newline, so that nearly every mutation runs into KV-1 (the shallow bug).
 * One opens a [blob] section, declares a size and has a longer name= line, but
 * no data= line, so none reaches KV-2: that takes turning name= into data= (an
 * exchange libFuzzer's comparison tracing can offer) while keeping the final
 * newline, on an input that KV-1 does not stop.
 * Usage: duet_seeds_gt_kv OUTDIR
 */
#include "duet/seedkit.h"

#define CONFIG(name, text) {name, (const unsigned char *)text, sizeof text - 1}

static const struct duet_seed seeds[] = {
    CONFIG("header", "kv/1"),
    CONFIG("pairs", "kv/1\nname=duet\nversion=1"),
    CONFIG("sections", "kv/1\n[server]\nhost=localhost\nport=8080\n[client]\nretries=3"),
    CONFIG("comments", "kv/1\n# defaults\n\ngreeting=hello, world\nempty="),
    CONFIG("final-newline", "kv/1\n[paths]\nroot=/srv/data\nmode=ro\n"),
    CONFIG("blob-section", "kv/1\n[blob]\nsize=4\nname=logo.png\n"),
};

int main(int argc, char **argv) {
  const char *dir = duet_seed_dir(argc, argv);
  if (!dir) return 2;
  return duet_seed_write_all(dir, seeds, sizeof seeds / sizeof seeds[0], ".kv") == 0 ? 0 : 1;
}

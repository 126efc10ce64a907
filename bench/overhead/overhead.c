/*
 * duet-bench-overhead: what the duet contract costs. For each input class
 * of zlib.inflate (the same inputs and checks as duet-bench), each side is
 * timed through the contract (exactly duet-bench's case) and called
 * directly (direct_zlib.h), as
 *   overhead/zlib.inflate/SIDE/contract/CLASS and .../SIDE/direct/CLASS,
 * so that compare.py's filters mode compares them. See bench/README.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "context.h"
#include "corpus.h"
#include "direct_zlib.h"
#include "duet/build_info.h"
#include "gbench_shim.h"

static const char *zlib_direct(void *arg) {
  const struct duet_bench_case *c = arg;
  for (size_t i = 0; i < c->inputs->count; i++) {
    uint8_t *out;
    size_t len;
    int accepted = duet_bench_zlib_inflate(c->inputs->inputs[i]->data, c->inputs->inputs[i]->size, &out, &len);
    free(out);
    if (accepted != (c->expected == DUET_ACCEPT)) return "zlib answered differently than in the check";
  }
  return NULL;
}

static const char *miniz_direct(void *arg) {
  const struct duet_bench_case *c = arg;
  for (size_t i = 0; i < c->inputs->count; i++) {
    intptr_t len = duet_bench_miniz_inflate(c->inputs->inputs[i]->data, c->inputs->inputs[i]->size);
    if ((len >= 0) != (c->expected == DUET_ACCEPT)) return "miniz_oxide answered differently than in the check";
  }
  return NULL;
}

/* The inputs duet-bench would time: seeds, regressions and bench/ inputs;
   `seeds` and `corpora` override the build's folders, as in duet-bench. */
static int load(struct duet_bench_corpus *corpus, const char *seeds, const char *corpora) {
  const struct duet_target *t = duet_target_find("zlib.inflate");
  if (!t) return -1;
  char dir[PATH_MAX];
  duet_bench_corpus_init(corpus, t);
  snprintf(dir, sizeof dir, "%s/%s", seeds, t->name);
  if (duet_bench_corpus_add_dir(corpus, dir) != 0) return -1;
  snprintf(dir, sizeof dir, "%s/%s/regressions", corpora, t->name);
  if (duet_bench_corpus_add_dir(corpus, dir) != 0) return -1;
  snprintf(dir, sizeof dir, "%s/%s/bench", corpora, t->name);
  if (duet_bench_corpus_add_dir(corpus, dir) != 0 || corpus->all_count == 0) return -1;
  char why[1024];
  if (duet_bench_corpus_classify(corpus, false, why, sizeof why) != 0) {
    fprintf(stderr, "duet-bench-overhead: %s\n", why);
    return -1;
  }
  return 0;
}

/* cases[] holds 4 per class: C contract, C direct, Rust contract, Rust direct. */
static int register_all(const struct duet_bench_corpus *corpus, struct duet_bench_case *cases) {
  const struct duet_impl *sides[2] = {corpus->target->reference, corpus->target->candidates[0]};
  static const char *const how[2] = {"contract", "direct"};
  size_t n = 0;
  for (int cls = 0; cls < DUET_BENCH_CLASS_COUNT; cls++) {
    const struct duet_bench_class_inputs *in = &corpus->classes[cls];
    if (in->count == 0) continue;
    for (int side = 0; side < 2; side++)
      for (int h = 0; h < 2; h++) {
        struct duet_bench_case *c = &cases[n++];
        *c = (struct duet_bench_case){.impl = sides[side], .inputs = in, .expected = cls == DUET_BENCH_INVALID};
        duet_gbench_body body = h == 0 ? duet_bench_case_iteration : side == 0 ? zlib_direct : miniz_direct;
        char name[256];
        snprintf(name, sizeof name, "overhead/zlib.inflate/%s/%s/%s", sides[side]->name, how[h],
                 duet_bench_class_name((enum duet_bench_class)cls));
        if (duet_gbench_register(name, body, c, (double)in->bytes, (double)in->count) != 0) return -1;
      }
  }
  return 0;
}

/* Usage: duet-bench-overhead [--benchmark_* flags] [SEEDS_DIR [CORPORA_DIR]] */
int main(int argc, char **argv) {
  duet_gbench_initialize(&argc, argv);
  char seeds[PATH_MAX], corpora[PATH_MAX];
  snprintf(seeds, sizeof seeds, "%s", argc > 1 ? argv[1] : "");
  if (argc <= 1) snprintf(seeds, sizeof seeds, "%s/seeds", duet_build_info.binary_dir);
  snprintf(corpora, sizeof corpora, "%s", argc > 2 ? argv[2] : "");
  if (argc <= 2) snprintf(corpora, sizeof corpora, "%s/corpora", duet_build_info.source_dir);
  struct duet_bench_corpus corpus;
  struct duet_bench_case cases[4 * DUET_BENCH_CLASS_COUNT];
  int rc = load(&corpus, seeds, corpora) == 0 && register_all(&corpus, cases) == 0 ? 0 : 2;
  if (rc == 0) {
    duet_bench_add_context(&corpus, 1);
    duet_gbench_add_context("duet_overhead",
                            "contract: duet-bench's timed call (sink, duet_run_fn, adapter, catch_unwind on Rust); "
                            "direct: zlib inflate into a doubling heap buffer / miniz_oxide "
                            "decompress_to_vec_zlib_with_limit through one extern \"C\" call");
    duet_gbench_run();
  } else fprintf(stderr, "duet-bench-overhead: cannot load zlib.inflate's inputs (build the bench preset first)\n");
  duet_bench_corpus_release(&corpus);
  duet_gbench_shutdown();
  return rc;
}

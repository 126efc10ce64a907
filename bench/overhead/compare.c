/*
 * duet-bench-compare: what comparing within a tolerance costs, against the
 * decoding it follows. For each seed of vorbis.decode that both sides
 * accept, three cases:
 *   overhead/vorbis.decode/decode/SEED            both sides decode it (one execution's work)
 *   overhead/vorbis.decode/compare-bytes/SEED     byte comparison of two equal outputs (memcmp, whole)
 *   overhead/vorbis.decode/compare-tolerance/SEED the pair's tolerance on the two sides' outputs
 * so that the comparison's share of an execution is the ratio of the
 * medians (measure.sh compare). See bench/README.md.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/engine.h"
#include "duet/fileio.h"
#include "duet/registry.h"
#include "gbench_shim.h"

enum { SEEDS_MAX = 64 };

struct seed_case {
  const struct duet_target *target;
  uint8_t *input;
  size_t size;
  struct duet_run reference, candidate, copy; /* copy: the reference's output again */
};

static const char *decode(void *arg) {
  struct seed_case *s = arg;
  struct duet_run a, b;
  if (duet_run_impl(s->target->reference, s->input, s->size, DUET_OUTPUT_BOUND, &a) != 0) return "out of memory";
  if (duet_run_impl(s->target->candidates[0], s->input, s->size, DUET_OUTPUT_BOUND, &b) != 0) return "out of memory";
  duet_run_release(&a);
  duet_run_release(&b);
  return NULL;
}

static const char *compare_bytes(void *arg) {
  struct seed_case *s = arg;
  return duet_compare(&s->reference, &s->copy, NULL).relation == DUET_AGREE ? NULL : "a copy differs";
}

static const char *compare_tolerance(void *arg) {
  struct seed_case *s = arg;
  return duet_compare(&s->reference, &s->candidate, s->target->tolerance).relation == DUET_AGREE ? NULL
                                                                                             : "outside the tolerance";
}

/* The seed's runs, kept when both sides accept it and agree within the tolerance. */
static int prepare(const struct duet_target *t, const char *path, struct seed_case *s) {
  *s = (struct seed_case){.target = t};
  if (duet_read_file(path, DUET_INPUT_MAX, &s->input, &s->size) != 0) return -1;
  if (duet_run_impl(t->reference, s->input, s->size, DUET_OUTPUT_BOUND, &s->reference) != 0 ||
      duet_run_impl(t->candidates[0], s->input, s->size, DUET_OUTPUT_BOUND, &s->candidate) != 0 ||
      duet_run_impl(t->reference, s->input, s->size, DUET_OUTPUT_BOUND, &s->copy) != 0)
    return -1;
  return s->reference.status == DUET_ACCEPT && compare_tolerance(s) == NULL ? 0 : -1;
}

static int register_seed(struct seed_case *s, const char *name) {
  static const char *const kinds[] = {"decode", "compare-bytes", "compare-tolerance"};
  duet_gbench_body bodies[] = {decode, compare_bytes, compare_tolerance};
  for (int k = 0; k < 3; k++) {
    char case_name[PATH_MAX];
    snprintf(case_name, sizeof case_name, "overhead/vorbis.decode/%s/%s", kinds[k], name);
    if (duet_gbench_register(case_name, bodies[k], s, (double)s->reference.output_len, 1) != 0) return -1;
  }
  return 0;
}

static void release(struct seed_case *s) {
  free(s->input);
  s->input = NULL;
  duet_run_release(&s->reference);
  duet_run_release(&s->candidate);
  duet_run_release(&s->copy);
}

/* Usage: duet-bench-compare [--benchmark_* flags] [SEEDS_DIR] */
int main(int argc, char **argv) {
  duet_gbench_initialize(&argc, argv);
  const struct duet_target *t = duet_target_find("vorbis.decode");
  char dir[PATH_MAX], path[PATH_MAX * 2];
  snprintf(dir, sizeof dir, "%s/vorbis.decode", argc > 1 ? argv[1] : duet_build_info.binary_dir);
  if (argc <= 1) snprintf(dir, sizeof dir, "%s/seeds/vorbis.decode", duet_build_info.binary_dir);
  DIR *d = t && t->tolerance ? opendir(dir) : NULL;
  if (!d) {
    fprintf(stderr, "duet-bench-compare: no vorbis.decode seeds in %s (build the bench preset first)\n", dir);
    return 2;
  }
  static struct seed_case seeds[SEEDS_MAX];
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d)) && n < SEEDS_MAX;) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (prepare(t, path, &seeds[n]) == 0 && register_seed(&seeds[n], e->d_name) == 0) n++;
    else release(&seeds[n]);
  }
  closedir(d);
  duet_gbench_add_context("duet_compare", "decode: both sides' duet_run_impl; compare-bytes: duet_compare without a "
                                          "tolerance on equal outputs; compare-tolerance: with the pair's");
  if (n > 0) duet_gbench_run();
  for (size_t i = 0; i < n; i++) release(&seeds[i]);
  duet_gbench_shutdown();
  return n > 0 ? 0 : 2;
}

/*
 * duet-bench: Google Benchmark over every target's implementations.
 *
 *   duet-bench [--benchmark_* flags] [--corpora DIR] [--seeds DIR] [TARGET...]
 *
 * Cases are named TARGET/SIDE/CLASS (zlib.inflate/c/large). Inputs are
 * checked on every side before anything is timed; one on which the sides
 * disagree is left out and listed. Usually started by `duet bench`, which
 * maps its flags onto Google Benchmark's.
 * Exit: 0 ok, 2 bad arguments or no inputs, 70 internal.
 */
#define _GNU_SOURCE /* sched_setaffinity */
#include <getopt.h>
#include <sched.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "context.h"
#include "corpus.h"
#include "duet/build_info.h"
#include "duet/claims.h"
#include "gbench_shim.h"

enum { EXIT_USAGE = 2, EXIT_INTERNAL = 70 };

/* Defaults for a fair comparison, placed before the user's flags so that
   those win: enough repetitions for compare.py's U-test (it wants 9+), and
   repetitions of all cases interleaved in random order so that load from
   other processes on a shared machine falls on both sides alike. */
static const char *const default_flags[] = {
    "--benchmark_repetitions=10",
    "--benchmark_enable_random_interleaving=true",
};

struct options {
  const char *corpora, *seeds;
};

static const char usage_text[] =
    "usage: duet-bench [--benchmark_* flags] [--corpora DIR] [--seeds DIR] [TARGET...]\n";

static int usage(void) {
  fprintf(stderr, "duet-bench: %s", usage_text);
  return EXIT_USAGE;
}

/* Google Benchmark's own --help exits from inside the library; ours first. */
static bool wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      printf("%sGoogle Benchmark's flags (--benchmark_filter, _repetitions, _min_time, _out, ...) pass through;\n"
             "defaults here: %s %s\n", usage_text, default_flags[0], default_flags[1]);
      return true;
    }
  return false;
}

static int parse(int argc, char **argv, struct options *o) {
  static const struct option options[] = {{"corpora", required_argument, NULL, 'c'},
                                          {"seeds", required_argument, NULL, 's'},
                                          {0}};
  int c;
  while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
    if (c == 'c') o->corpora = optarg;
    else if (c == 's') o->seeds = optarg;
    else return usage();
  }
  return 0;
}

/* Reads one target's inputs and checks them; prints why on failure. */
static int load_target(const struct duet_target *t, const struct options *o, struct duet_bench_corpus *corpus) {
  char dirs[3][PATH_MAX];
  snprintf(dirs[0], sizeof dirs[0], "%s/%s", o->seeds, t->name);
  snprintf(dirs[1], sizeof dirs[1], "%s/%s/regressions", o->corpora, t->name);
  snprintf(dirs[2], sizeof dirs[2], "%s/%s/bench", o->corpora, t->name);
  duet_bench_corpus_init(corpus, t);
  for (int i = 0; i < 3; i++) {
    int rc = duet_bench_corpus_add_dir(corpus, dirs[i]);
    if (rc != 0) {
      fprintf(stderr, "duet-bench: cannot read %s: %s\n", dirs[i], strerror(-rc));
      return EXIT_USAGE;
    }
  }
  if (corpus->all_count == 0) {
    fprintf(stderr, "duet-bench: no inputs for %s in %s or %s (build the seeds: cmake --build --preset bench)\n",
            t->name, dirs[0], dirs[1]);
    return EXIT_USAGE;
  }
  /* Inputs on which the sides disagree are left out and listed: timing them
     would compare different work. */
  char why[1024];
  int rc = duet_bench_corpus_classify(corpus, true, why, sizeof why);
  if (rc < 0) {
    fprintf(stderr, "duet-bench: out of memory while checking %s's inputs\n", t->name);
    return EXIT_INTERNAL;
  }
  if (corpus->excluded > 0)
    fprintf(stderr, "duet-bench: %s: %zu input(s) left out, the sides disagree on them (see `duet repro %s FILE`): %s\n",
            t->name, corpus->excluded, t->name, corpus->excluded_list);
  return 0;
}

/* The paired case TARGET/CANDIDATE~REFERENCE/CLASS: both sides timed back to
   back, alternately, the ratio kept per pair (gbench_shim.h). */
static int register_pair(const struct duet_target *t, struct duet_bench_case *reference,
                         struct duet_bench_case *candidate, enum duet_bench_class cls) {
  char name[256];
  snprintf(name, sizeof name, "%s/%s~%s/%s", t->name, candidate->impl->name, reference->impl->name,
           duet_bench_class_name(cls));
  return duet_gbench_register_pair(name, duet_bench_case_iteration, reference, duet_bench_case_iteration, candidate);
}

/* One case per implementation and non-empty class, and one paired case per
   candidate and class; cases[] grows by those. */
static int register_cases(const struct duet_bench_corpus *corpus, struct duet_bench_case *cases, size_t *n) {
  const struct duet_target *t = corpus->target;
  for (int cls = 0; cls < DUET_BENCH_CLASS_COUNT; cls++) {
    const struct duet_bench_class_inputs *in = &corpus->classes[cls];
    if (in->count == 0) continue;
    struct duet_bench_case *reference = &cases[*n];
    for (size_t side = 0; side <= duet_target_candidate_count(t); side++) {
      const struct duet_impl *impl = side == 0 ? t->reference : t->candidates[side - 1];
      struct duet_bench_case *c = &cases[(*n)++];
      *c = (struct duet_bench_case){.impl = impl, .inputs = in, .expected = cls == DUET_BENCH_INVALID ? 1 : 0,
                                    .native = duet_bench_times_native(t)};
      char name[256];
      snprintf(name, sizeof name, "%s/%s/%s", t->name, impl->name, duet_bench_class_name((enum duet_bench_class)cls));
      if (duet_gbench_register(name, duet_bench_case_iteration, c, (double)in->bytes, (double)in->count) != 0)
        return -1;
      if (side > 0 && register_pair(t, reference, c, (enum duet_bench_class)cls) != 0) return -1;
    }
  }
  return 0;
}

/* Google Benchmark's flags first (defaults, then the user's), ours after. */
static char **with_defaults(int argc, char **argv, int *new_argc) {
  size_t n_defaults = sizeof default_flags / sizeof default_flags[0];
  char **args = calloc((size_t)argc + n_defaults + 1, sizeof *args);
  if (!args) return NULL;
  args[0] = argv[0];
  for (size_t i = 0; i < n_defaults; i++) args[1 + i] = (char *)default_flags[i];
  for (int i = 1; i < argc; i++) args[n_defaults + (size_t)i] = argv[i];
  *new_argc = argc + (int)n_defaults;
  return args;
}

/* Pins this process to one CPU (the last it may use): both sides run on the
   same core, interleaved, and the scheduler never moves a repetition. The
   choice goes into the context. */
static void pin_to_one_cpu(void) {
  cpu_set_t set;
  char value[96] = "not pinned (sched_getaffinity failed)";
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int cpu = -1;
    for (int i = 0; i < CPU_SETSIZE; i++)
      if (CPU_ISSET(i, &set)) cpu = i;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (cpu >= 0 && sched_setaffinity(0, sizeof set, &set) == 0)
      snprintf(value, sizeof value, "CPU %d: every case of both sides, interleaved", cpu);
  }
  duet_gbench_add_context("duet_cpu_pinned", value);
}

/* Checks every target's inputs, registers the cases and runs them. */
static int run(const struct options *o, struct duet_bench_corpus *corpora, size_t n_targets) {
  size_t total_cases = 0;
  for (size_t i = 0; i < n_targets; i++) {
    int rc = load_target(corpora[i].target, o, &corpora[i]);
    if (rc != 0) return rc;
    total_cases += DUET_BENCH_CLASS_COUNT * (1 + duet_target_candidate_count(corpora[i].target));
  }
  struct duet_bench_case *cases = calloc(total_cases ? total_cases : 1, sizeof *cases);
  if (!cases) return EXIT_INTERNAL;
  size_t n_cases = 0;
  int rc = 0;
  for (size_t i = 0; i < n_targets && rc == 0; i++) rc = register_cases(&corpora[i], cases, &n_cases);
  if (rc == 0) {
    pin_to_one_cpu();
    duet_bench_add_context(corpora, n_targets);
    if (duet_build_info.c_sanitized)
      fprintf(stderr, "duet-bench: WARNING: this is a sanitized build: its timings are meaningless (build with: "
                      "cmake --preset bench && cmake --build --preset bench)\n");
    duet_gbench_run();
  }
  free(cases);
  return rc == 0 ? 0 : EXIT_INTERNAL;
}

/* The operands name targets; none means every real pair that can run in this
   build (duet_target_unavailable). The planted-bug
   components (gt.*) are never timed: their inputs would run planted memory
   bugs in this unsanitized process, and their timings say nothing of a rewrite. */
static int resolve_targets(int argc, char **argv, struct duet_bench_corpus *corpora, size_t *n) {
  size_t n_all;
  const struct duet_target *all = duet_targets(&n_all);
  *n = 0;
  for (int i = optind; i < argc; i++) {
    const struct duet_target *t = duet_target_find(argv[i]);
    if (!t || duet_target_is_ground_truth(t)) {
      fprintf(stderr, "duet-bench: %s '%s'\n", t ? "not benchmarked, it holds planted bugs:" : "unknown target", argv[i]);
      return EXIT_USAGE;
    }
    corpora[(*n)++].target = t;
  }
  if (*n == 0)
    for (size_t i = 0; i < n_all; i++)
      if (!duet_target_is_ground_truth(&all[i]) && !duet_target_unavailable(&all[i])) corpora[(*n)++].target = &all[i];
  return 0;
}

int main(int argc, char **argv) {
  if (wants_help(argc, argv)) return 0;
  int gb_argc;
  char **gb_argv = with_defaults(argc, argv, &gb_argc);
  if (!gb_argv) return EXIT_INTERNAL;
  duet_gbench_initialize(&gb_argc, gb_argv);
  char seeds[PATH_MAX], corpora_dir[PATH_MAX];
  snprintf(seeds, sizeof seeds, "%s/seeds", duet_build_info.binary_dir);
  snprintf(corpora_dir, sizeof corpora_dir, "%s/corpora", duet_build_info.source_dir);
  struct options o = {.seeds = seeds, .corpora = corpora_dir};
  int rc = parse(gb_argc, gb_argv, &o);
  size_t n_all, n_targets = 0;
  duet_targets(&n_all);
  struct duet_bench_corpus *corpora = calloc(n_all + (size_t)gb_argc, sizeof *corpora);
  if (rc == 0 && !corpora) rc = EXIT_INTERNAL;
  if (rc == 0) rc = resolve_targets(gb_argc, gb_argv, corpora, &n_targets);
  if (rc == 0) rc = run(&o, corpora, n_targets);
  for (size_t i = 0; corpora && i < n_targets; i++) duet_bench_corpus_release(&corpora[i]);
  free(corpora);
  free(gb_argv);
  duet_gbench_shutdown();
  return rc;
}

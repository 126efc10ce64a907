/*
 * `duet bench [TARGET...] [--repetitions N] [--min-time S] [--out FILE]`:
 * runs the bench build's duet-bench (Google Benchmark; never this binary,
 * which may be sanitized), writes its JSON to FILE, then prints the Rust/C
 * summary of bench/summary.py (compare.py's statistics) and writes it next
 * to FILE as FILE.summary.json.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/claims.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/fileio.h"

extern char **environ;

enum { MAX_BENCH_ARGS = 64 };

struct bench_options {
  const char *repetitions, *min_time, *out, *corpora, *seeds;
};

static int usage(void) {
  printf("usage: duet bench [TARGET...] [--repetitions N] [--min-time S] [--out FILE]\n"
         "                  [--corpora DIR] [--seeds DIR]\n\n"
         "Times every side of each TARGET (default: every real pair, not gt.*) over input classes drawn from\n"
         "its seed corpus and regressions (small, medium, large valid inputs; invalid\n"
         "inputs), with Google Benchmark in the bench build (cmake --preset bench).\n"
         "Every input is first run on every side: one on which the sides disagree is left\n"
         "out and listed (stderr and the JSON's duet_excluded:TARGET), as timing it would\n"
         "compare different work. The summary flags a class whose interval is wide, whose\n"
         "repetitions spread or that ran on a loaded machine: it gives no C3 verdict.\n\n"
         "  --repetitions N   repetitions per case (default 10; the U-test wants 9+)\n"
         "  --min-time S      minimum seconds per repetition (Google Benchmark's default 0.5)\n"
         "  --out FILE        Google Benchmark JSON (default reports/bench-<UTC time>.json);\n"
         "                    the summary goes to FILE.summary.json\n"
         "  --corpora DIR     read DIR/<target>/regressions and DIR/<target>/bench (default: corpora/)\n"
         "  --seeds DIR       read DIR/<target> (default: the bench build's seeds/; a missing folder adds nothing)\n\n"
         "Environment: DUET_BENCH_BIN overrides the duet-bench binary.\n"
         "Exit status: 0 done, 2 bad arguments or missing build, 70 internal.\n");
  return DUET_EXIT_OK;
}

/* Returns 0, a positive value for --help, or a usage exit status. */
static int parse(int argc, char **argv, struct bench_options *o) {
  static const struct option options[] = {{"repetitions", required_argument, NULL, 'r'},
                                          {"min-time", required_argument, NULL, 'm'},
                                          {"out", required_argument, NULL, 'o'},
                                          {"corpora", required_argument, NULL, 'c'},
                                          {"seeds", required_argument, NULL, 's'},
                                          {"help", no_argument, NULL, 'h'},
                                          {0}};
  int c;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    switch (c) {
    case 'r':
      if (duet_cli_number("--repetitions", optarg, 1, 1000) < 0) return DUET_EXIT_USAGE;
      o->repetitions = optarg;
      break;
    case 'm': {
      char *end;
      errno = 0;
      double s = strtod(optarg, &end);
      if (errno || end == optarg || *end || !(s > 0 && s <= 600))
        return duet_cli_usage_error("--min-time wants seconds above 0 and at most 600, got '%s'", optarg);
      o->min_time = optarg;
      break;
    }
    case 'o': o->out = optarg; break;
    case 'c': o->corpora = optarg; break;
    case 's': o->seeds = optarg; break;
    case 'h': return 1;
    default: return DUET_EXIT_USAGE;
    }
  }
  for (int i = optind; i < argc; i++) {
    const struct duet_target *t = duet_cli_target(argv[i]);
    if (!t) return DUET_EXIT_USAGE;
    if (duet_target_is_ground_truth(t))
      return duet_cli_usage_error("%s holds planted bugs: it validates the detector (duet validate), it is not benchmarked", t->name);
  }
  return 0;
}

/* The unsanitized duet-bench: this build's when it is the bench build, else
   the bench preset's folder. Returns 0 or a usage error (printed). */
static int find_bench_binary(char *path, size_t size) {
  const char *env = getenv("DUET_BENCH_BIN");
  if (env && *env) snprintf(path, size, "%s", env);
  else if (!duet_build_info.c_sanitized) snprintf(path, size, "%s/bench/duet-bench", duet_build_info.binary_dir);
  else snprintf(path, size, "%s/build/bench/bench/duet-bench", duet_build_info.source_dir);
  if (access(path, X_OK) == 0) return 0;
  return duet_cli_usage_error("the benchmark binary %s is missing. Benchmarks need the unsanitized bench build:\n"
                              "  cmake --preset bench && nice -n 10 cmake --build --preset bench\n"
                              "(run from %s), or set DUET_BENCH_BIN",
                              path, duet_build_info.source_dir);
}

/* Default output: reports/bench-<UTC time>.json in the repo. */
static int output_path(const struct bench_options *o, char *path, size_t size) {
  if (o->out) snprintf(path, size, "%s", o->out);
  else {
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
    snprintf(path, size, "%s/bench-%s.json", duet_build_info.reports_dir, stamp);
  }
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (!slash) return 0;
  *slash = '\0';
  int rc = duet_check_writable_dir(dir);
  if (rc != 0) return duet_cli_usage_error("cannot write %s: %s", path, duet_fs_strerror(rc));
  return 0;
}

/* Runs argv with our stdout/stderr; returns its exit status, or -1. */
static int run_child(char *const argv[]) {
  pid_t pid;
  fflush(stdout); /* keep our lines before the child's */
  int rc = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
  if (rc != 0) {
    duet_cli_print(stderr, "duet: cannot start %s: %s", argv[0], strerror(rc));
    return -1;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  fflush(stdout);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run_benchmark(const char *bin, const struct bench_options *o, const char *out, int argc, char **argv) {
  char flags[4][PATH_MAX + 32];
  char *args[MAX_BENCH_ARGS];
  int n = 0, f = 0;
  args[n++] = (char *)bin;
  snprintf(flags[f], sizeof flags[f], "--benchmark_out=%s", out);
  args[n++] = flags[f++];
  args[n++] = "--benchmark_out_format=json";
  if (o->repetitions) {
    snprintf(flags[f], sizeof flags[f], "--benchmark_repetitions=%s", o->repetitions);
    args[n++] = flags[f++];
  }
  if (o->min_time) {
    snprintf(flags[f], sizeof flags[f], "--benchmark_min_time=%s", o->min_time);
    args[n++] = flags[f++];
  }
  if (o->corpora) {
    args[n++] = "--corpora";
    args[n++] = (char *)o->corpora;
  }
  if (o->seeds) {
    args[n++] = "--seeds";
    args[n++] = (char *)o->seeds;
  }
  for (int i = optind; i < argc && n < MAX_BENCH_ARGS - 1; i++) args[n++] = argv[i];
  args[n] = NULL;
  int rc = run_child(args);
  if (rc == 0 || rc == DUET_EXIT_USAGE || rc == 3) return rc;
  duet_cli_print(stderr, "duet: %s failed (exit %d)", bin, rc);
  return DUET_EXIT_INTERNAL;
}

/* bench/summary.py: Rust/C ratio, CI and U-test per class, claim C3. */
static int run_summary(const char *out) {
  char script[PATH_MAX], summary[PATH_MAX + 16];
  snprintf(script, sizeof script, "%s/bench/summary.py", duet_build_info.source_dir);
  snprintf(summary, sizeof summary, "%s.summary.json", out);
  char *args[] = {DUET_PYTHON3, script, "--gbench", DUET_GBENCH_DIR, "--json", summary, (char *)out, NULL};
  int rc = run_child(args);
  if (rc == 0) return DUET_EXIT_OK;
  duet_cli_print(stderr, "duet: the benchmark JSON is in %s but its summary failed (%s %s, exit %d)", out, DUET_PYTHON3,
          script, rc);
  return rc == DUET_EXIT_USAGE ? DUET_EXIT_USAGE : DUET_EXIT_INTERNAL;
}

int duet_cmd_bench(int argc, char **argv) {
  struct bench_options o = {0};
  int rc = parse(argc, argv, &o);
  if (rc > 0 && rc != DUET_EXIT_USAGE) return usage();
  if (rc != 0) return rc;
  char bin[PATH_MAX], out[PATH_MAX];
  if ((rc = find_bench_binary(bin, sizeof bin)) != 0) return rc;
  if ((rc = output_path(&o, out, sizeof out)) != 0) return rc;
  if ((rc = run_benchmark(bin, &o, out, argc, argv)) != 0) return rc;
  printf("\nGoogle Benchmark JSON: %s\n", out);
  return run_summary(out);
}

/* `duet coverage TARGET`: line and branch coverage of each side over a corpus
   (duet/coverage.h), into a run folder with coverage.json and llvm-cov's HTML. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/coverage.h"
#include "duet/fileio.h"
#include "duet/limits.h"
#include "duet/stop.h"

#define MAX_CORPORA 16

struct coverage_args {
  const char *target;
  char build[DUET_PATH_MAX];   /* the coverage build folder */
  char reports[DUET_PATH_MAX]; /* where the run folder goes */
  char corpus_paths[MAX_CORPORA][PATH_MAX]; /* --corpus folders, absolute: the replay runs elsewhere */
  const char *corpora[MAX_CORPORA];
  size_t corpus_count; /* 0: the defaults, corpora/<t>/work and the build's seeds */
};

static int usage(void) {
  printf("usage: duet coverage TARGET [--corpus DIR]... [--reports DIR] [--build DIR]\n\n"
         "Replays a corpus (default: corpora/TARGET/work and the coverage build's seeds) through\n"
         "the coverage build's duet-cover-TARGET (default build: build/coverage, made by\n"
         "`cmake --preset coverage && cmake --build --preset coverage`), merges the profiles and\n"
         "reports line, branch and function coverage of the C library and of the Rust crates\n"
         "separately (the pair's adapters and duet's harness apart). Writes\n"
         "DIR/coverage-TARGET-<UTC time>-<pid>/ (default DIR: the repo's reports/): coverage.json\n"
         "(reports/schema/coverage.schema.json), coverage.profdata and html/index.html.\n");
  return DUET_EXIT_OK;
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int parse(int argc, char **argv, struct coverage_args *a) {
  static const struct option options[] = {{"corpus", required_argument, NULL, 'c'}, {"reports", required_argument, NULL, 'r'},
                                          {"build", required_argument, NULL, 'b'}, {"help", no_argument, NULL, 'h'}, {0}};
  snprintf(a->build, sizeof a->build, "%s/build/coverage", duet_build_info.source_dir);
  snprintf(a->reports, sizeof a->reports, "%s", duet_build_info.reports_dir);
  int c;
  while ((c = getopt_long(argc, argv, "c:r:b:h", options, NULL)) != -1) {
    if (c == 'c' && a->corpus_count == MAX_CORPORA) return duet_cli_usage_error("at most %d --corpus folders", MAX_CORPORA);
    if (c == 'c' && (!is_dir(optarg) || !realpath(optarg, a->corpus_paths[a->corpus_count])))
      return duet_cli_usage_error("--corpus: no folder at %s", optarg);
    if (c == 'c') {
      a->corpora[a->corpus_count] = a->corpus_paths[a->corpus_count];
      a->corpus_count++;
    } else if (c == 'r') snprintf(a->reports, sizeof a->reports, "%s", optarg);
    else if (c == 'b') snprintf(a->build, sizeof a->build, "%s", optarg);
    else if (c == 'h') return usage(), -1;
    else return DUET_EXIT_USAGE;
  }
  if (optind != argc - 1) return duet_cli_usage_error("coverage takes one TARGET (see --help)");
  a->target = argv[optind];
  return 0;
}

/* Every input of the corpus folders, as one NULL-terminated array; the
   default folders may be missing (no campaign yet). Returns the count or -errno. */
static long collect(const struct coverage_args *a, const char *const dirs[], size_t count, char ***inputs) {
  long total = 0;
  *inputs = NULL;
  for (size_t i = 0; i < count; i++) {
    char **files;
    long n = duet_list_files(dirs[i], &files);
    if (n < 0 && a->corpus_count == 0 && n == -ENOENT) continue;
    if (n < 0) return n;
    char **grown = realloc(*inputs, (size_t)(total + n + 1) * sizeof *grown);
    if (!grown) return duet_paths_free(files), -ENOMEM;
    *inputs = grown;
    memcpy(*inputs + total, files, (size_t)n * sizeof *files);
    total += n;
    (*inputs)[total] = NULL;
    free(files); /* the paths now belong to *inputs */
  }
  return total;
}

static void print_table(const char *target, const struct duet_coverage_result *r, const char *run) {
  printf("coverage of %s: %ld inputs replayed, %ld lost (crashed or hung alone)\n", target, r->inputs, r->inputs_lost);
  printf("  %-8s %6s %-18s %-18s %-18s\n", "part", "files", "lines", "branches", "functions");
  for (int p = 0; p < DUET_COVERAGE_PARTS; p++) {
    const struct duet_coverage_counts *c = &r->part[p];
    char cell[3][40];
    long covered[3] = {c->lines_covered, c->branches_covered, c->functions_covered};
    long count[3] = {c->lines, c->branches, c->functions};
    for (int k = 0; k < 3; k++) {
      double pct = duet_coverage_percent(covered[k], count[k]);
      if (pct < 0) snprintf(cell[k], sizeof cell[k], "-");
      else snprintf(cell[k], sizeof cell[k], "%ld/%ld %.1f%%", covered[k], count[k], pct);
    }
    printf("  %-8s %6ld %-18s %-18s %-18s\n", duet_coverage_part_name((enum duet_coverage_part)p), c->files, cell[0],
           cell[1], cell[2]);
  }
  duet_cli_print(stdout, "%s/coverage.json", run);
  duet_cli_print(stdout, "%s/html/index.html", run);
}

static int write_json(const char *run, const struct coverage_args *a, const char *const dirs[], size_t count,
                      const struct duet_coverage_result *r) {
  cJSON *json = duet_coverage_json(a->target, dirs, count, r);
  char *text = json ? cJSON_Print(json) : NULL;
  cJSON_Delete(json);
  if (!text) return -ENOMEM;
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/coverage.json", run);
  int rc = duet_write_atomic(path, text, strlen(text));
  free(text);
  return rc;
}

/* Replays, measures and writes; the folders are checked by the caller. */
static int measure(const struct coverage_args *a, const struct duet_coverage_build *build, const char *const dirs[],
                   size_t count) {
  char **inputs;
  long n = collect(a, dirs, count, &inputs);
  if (n <= 0) {
    duet_paths_free(inputs);
    return n == 0 ? duet_cli_usage_error("no inputs in the corpus folders of %s", a->target)
                  : duet_cli_usage_error("cannot list the corpus: %s", duet_fs_strerror((int)n));
  }
  char run[DUET_PATH_MAX], stamp[32];
  time_t now = time(NULL);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime(&now));
  snprintf(run, sizeof run, "%s/coverage-%s-%s-%ld", a->reports, a->target, stamp, (long)getpid());
  struct duet_coverage_result r;
  duet_cli_print(stdout, "duet coverage: replaying %ld inputs of %s through %s", n, a->target, a->build);
  int rc = duet_coverage_measure(build, a->target, inputs, (size_t)n, run, &r);
  duet_paths_free(inputs);
  if (rc == 0) rc = write_json(run, a, dirs, count, &r);
  if (rc != 0 && duet_stop_signal()) {
    duet_cli_print(stderr, "duet: coverage of %s stopped; %s is incomplete", a->target, run);
    return 128 + duet_stop_signal();
  }
  if (rc != 0) {
    duet_cli_usage_error("coverage of %s failed: %s", a->target, r.why[0] ? r.why : duet_fs_strerror(rc));
    return DUET_EXIT_INTERNAL;
  }
  print_table(a->target, &r, run);
  return DUET_EXIT_OK;
}

int duet_cmd_coverage(int argc, char **argv) {
  struct coverage_args a = {0};
  int rc = parse(argc, argv, &a);
  if (rc != 0) return rc < 0 ? DUET_EXIT_OK : rc;
  if (!duet_cli_target(a.target)) return DUET_EXIT_USAGE;
  struct duet_coverage_build build;
  rc = duet_coverage_build_read(a.build, &build);
  if (rc != 0)
    return duet_cli_usage_error("no coverage build at %s (%s): cmake --preset coverage && cmake --build --preset coverage",
                                a.build, rc == -EINVAL ? "its duet-coverage.conf is incomplete" : duet_fs_strerror(rc));
  char binary[DUET_PATH_MAX];
  if ((rc = duet_coverage_binary(&build, a.target, binary, sizeof binary)) != 0)
    return duet_cli_usage_error("no replay binary %s (%s): cmake --build %s --target duet-cover-%s", binary,
                                duet_fs_strerror(rc), a.build, a.target);
  if (!is_dir(a.reports)) return duet_cli_usage_error("no reports folder at %s (give one with --reports DIR)", a.reports);
  duet_fs_confine(a.reports);
  if ((rc = duet_check_writable_dir(a.reports)) != 0)
    return duet_cli_usage_error("cannot write to %s: %s", a.reports, duet_fs_strerror(rc));
  char work[DUET_PATH_MAX], seeds[DUET_PATH_MAX];
  snprintf(work, sizeof work, "%s/corpora/%s/work", duet_build_info.source_dir, a.target);
  snprintf(seeds, sizeof seeds, "%s/seeds/%s", build.binary_dir, a.target);
  const char *defaults[] = {work, seeds};
  duet_stop_install(); /* SIGINT, SIGTERM: the running replay or tool is killed, exit 130/143 */
  if (a.corpus_count) return measure(&a, &build, a.corpora, a.corpus_count);
  return measure(&a, &build, defaults, 2);
}

/*
 * Coverage per side (`duet coverage`): a corpus replayed through the coverage
 * build's duet-cover-<target> (one pair linked alone, both sides instrumented
 * with LLVM source-based coverage), the raw profiles merged with
 * llvm-profdata, and llvm-cov's per-file summary split into parts by path:
 * the C library, the Rust crates, the pair's adapters and duet's harness.
 * Every tool runs through posix_spawn with an argv (duet/isolate.h): no path
 * reaches a shell. Functions return 0 or -errno and never exit.
 */
#ifndef DUET_COVERAGE_H
#define DUET_COVERAGE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

struct cJSON;

#define DUET_COVERAGE_SCHEMA_VERSION 1
#define DUET_COVERAGE_SCHEMA_ID "urn:duet:schema:coverage:1"

/* Inputs per replay process: a crash or hang (no sanitizer here) loses that
   process's profile, and then the batch is replayed one input per process. */
#define DUET_COVERAGE_BATCH 200

/* The coverage build, from its duet-coverage.conf (cmake/DuetCoverage.cmake). */
struct duet_coverage_build {
  char profdata[PATH_MAX];   /* llvm-profdata of the build's LLVM version */
  char cov[PATH_MAX];        /* llvm-cov of the same version */
  char source_dir[PATH_MAX]; /* the checkout the build compiled */
  char binary_dir[PATH_MAX]; /* the build folder: harness/cli/duet-cover-<target>, seeds/ */
};

/* Reads `build_dir`/duet-coverage.conf. -ENOENT when there is none (no
   coverage build there), -EINVAL when a key is missing. */
int duet_coverage_build_read(const char *build_dir, struct duet_coverage_build *build);

/* The build's replay binary for `target` into out: 0 when it is there and
   executable, else -errno (-ENOENT: not built). */
int duet_coverage_binary(const struct duet_coverage_build *build, const char *target, char *out, size_t cap);

/* Where a source file's counts go; the order of coverage.json's "parts". */
enum duet_coverage_part {
  DUET_COVERAGE_C,       /* the C library: every C file not below the parts below */
  DUET_COVERAGE_RUST,    /* the Rust crates (the registry's, a pair's patched copy) */
  DUET_COVERAGE_ADAPTER, /* targets/<pair>/: the C and Rust adapters */
  DUET_COVERAGE_HARNESS, /* harness/ and its generated files: duet itself */
  DUET_COVERAGE_PARTS,
  DUET_COVERAGE_OTHER = DUET_COVERAGE_PARTS /* Rust's std, system headers: not counted */
};

struct duet_coverage_counts {
  long lines, lines_covered;
  long branches, branches_covered;
  long functions, functions_covered;
  long files;
};

struct duet_coverage_result {
  struct duet_coverage_counts part[DUET_COVERAGE_PARTS];
  long inputs;      /* inputs replayed */
  long inputs_lost; /* inputs whose process crashed or hung even alone: not counted */
  char why[512];    /* on failure: what went wrong, one line */
};

/* The part of `file` (a path llvm-cov names) for a build of `build`. */
enum duet_coverage_part duet_coverage_part_of(const struct duet_coverage_build *build, const char *file);

/* "c", "rust", "adapter", "harness". */
const char *duet_coverage_part_name(enum duet_coverage_part part);

/*
 * Replays `inputs` (n paths) through the build's duet-cover-`target` with its
 * profiles in `run_dir`/profiles, merges them into `run_dir`/coverage.profdata,
 * sums llvm-cov's summary by part into *result and writes llvm-cov's HTML into
 * `run_dir`/html. Failures: -errno with result->why.
 */
int duet_coverage_measure(const struct duet_coverage_build *build, const char *target, char *const inputs[], size_t n,
                          const char *run_dir, struct duet_coverage_result *result);

/* The per-file summary of llvm-cov export -summary-only (its JSON) summed by part. */
int duet_coverage_sum(const struct duet_coverage_build *build, const struct cJSON *export_json,
                      struct duet_coverage_result *result);

/* coverage.json: schema, target, time, corpus folders, inputs and each part's counts. */
struct cJSON *duet_coverage_json(const char *target, const char *const corpora[], size_t corpus_count,
                                 const struct duet_coverage_result *result);

/* Percent covered of count, or -1 when count is 0 (nothing to cover, e.g.
   branches of a Rust side built without branch coverage). */
double duet_coverage_percent(long covered, long count);

#endif /* DUET_COVERAGE_H */

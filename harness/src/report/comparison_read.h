/* Reading what the comparison report is built from (internal to report/). */
#ifndef DUET_COMPARISON_READ_H
#define DUET_COMPARISON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "duet/claims.h"
#include "duet/fileio.h"
#include "duet/limits.h"

struct cJSON;

/* A string member, "" when absent; a number member, 0 when absent. */
const char *duet_json_text(const struct cJSON *o, const char *key);
double duet_json_number(const struct cJSON *o, const char *key);

/* A text file, NUL-terminated (malloc'd, caller frees), NULL when unreadable or larger than limit. */
char *duet_read_text(const char *path, size_t limit);

enum duet_check { DUET_CHECK_JSON, DUET_CHECK_RUN, DUET_CHECK_FINDING };

/* The JSON at `path` (caller owns it), checked as a run report or a stored
   finding; NULL with one warning to `warn` (may be NULL) when it is not one. */
struct cJSON *duet_read_checked(const char *path, enum duet_check check, FILE *warn);

/* "duet: warning: skipping PATH: WHY", both terminal-safe. */
void duet_warn_skip(FILE *warn, const char *path, const char *why);

/* The newest REPORTS/<prefix>.../<name> (by folder name, so by time) that is a JSON
   object with the array `key` (caller owns it), or NULL; *file gets "<folder>/<name>".
   Others are skipped with one warning each (duet validate's and validate --cves' results). */
struct cJSON *duet_newest_result(const char *reports, const char *prefix, const char *name, const char *key,
                                 char *file, size_t cap, FILE *warn);

/* True for REPORTS/bench-<time>.json.summary.json. */
bool duet_is_bench_summary(const char *path);

/* The rows of a bench summary that measured `target` (caller owns them). */
struct cJSON *duet_bench_rows_of(const struct cJSON *bench, const char *target);

/* The pair's stored findings (REPORTS/findings/<target>/SIGNATURE) as report rows
   (caller owns them), each reproduced one added to `e`. */
struct cJSON *duet_comparison_findings(const char *reports, struct duet_pair_evidence *e, FILE *warn);

/* The pair's `duet coverage` runs (REPORTS/coverage-<target>-<time>-<pid>/coverage.json),
   oldest first, C and Rust lines and branches each (caller owns it); NULL when
   there is none. Rendered by the two below (comparison_coverage.c). */
struct cJSON *duet_comparison_coverage(const char *reports, const char *target);
void duet_comparison_coverage_md(FILE *md, const struct cJSON *pair);
void duet_comparison_coverage_html(FILE *f, const struct cJSON *pair);

/* The pair's `duet stress` runs (REPORTS/stress-<target>-<time>-<pid>/stress.json) as
   report rows (caller owns them), complete ones counted in `e` (claim C4); rendered
   by the two below (comparison_stress.c). */
struct cJSON *duet_comparison_stress(const char *reports, struct duet_pair_evidence *e, FILE *warn);
void duet_comparison_stress_md(FILE *md, const struct cJSON *pair);
void duet_comparison_stress_html(FILE *f, const struct cJSON *pair);

/* A program pair's map: its findings rows (duet_comparison_findings) per
   program, by name (caller owns it); rendered by the two below
   (comparison_programs.c). */
struct cJSON *duet_comparison_programs(const struct cJSON *findings);
void duet_comparison_programs_md(FILE *md, const struct cJSON *pair);
void duet_comparison_programs_html(FILE *f, const struct cJSON *pair);

#endif /* DUET_COMPARISON_READ_H */

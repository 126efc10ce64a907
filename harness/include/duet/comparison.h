/*
 * The comparison report (`duet report`): every run, stored finding,
 * benchmark, ground-truth validation and unsafe count under a reports
 * folder, judged by the evidence rules (duet/claims.h, docs/evidence.md),
 * written to REPORTS/<id>/ as report.json (reports/schema/comparison.schema.json),
 * report.md and a self-contained index.html, with a copy of every finding
 * it cites under findings/, so the folder alone reproduces them.
 */
#ifndef DUET_COMPARISON_H
#define DUET_COMPARISON_H

#include <stdio.h>

struct cJSON;

/* Bump on any incompatible change of report.json; the schema documents it. */
#define DUET_COMPARISON_SCHEMA_VERSION 1

/* Coverage points kept per run for the report's chart. */
#define DUET_COMPARISON_COV_POINTS 48

/*
 * The report's JSON tree from `reports_dir` (caller owns it), NULL when out
 * of memory. Run reports and findings that fail their checks are skipped
 * with one warning each to `warn`; unfinished runs are listed, never counted.
 */
struct cJSON *duet_comparison_collect(const char *reports_dir, FILE *warn);

/* The real-CVE section: the newest `duet validate --cves` under `reports_dir`,
   per pair and overall (comparison_cves.c; caller owns it); {"missing": ...}
   when there is none. Called by duet_comparison_collect. */
struct cJSON *duet_comparison_cves(const char *reports_dir, FILE *warn);

/* The ground-truth section: gt.* campaigns and the newest `duet validate`
   under `reports_dir` (caller owns it). Called by duet_comparison_collect. */
struct cJSON *duet_comparison_ground_truth(const char *reports_dir, struct cJSON *gt_pairs, FILE *warn);

/*
 * Writes report.json, report.md and index.html into `out_dir` (created;
 * each file atomically) and copies each listed finding's stored files from
 * `reports_dir`/findings into `out_dir`/findings. Returns 0 or -errno.
 */
int duet_comparison_write(const char *reports_dir, const char *out_dir, const struct cJSON *report);

/* report.md's text (malloc'd, caller frees; NULL when out of memory): every
   cell that comes from a run, finding or library escaped. */
char *duet_comparison_markdown(const struct cJSON *report);

/* index.html's text (malloc'd, caller frees; NULL when out of memory): one
   file, inline CSS and SVG, no script, every value HTML-escaped. */
char *duet_comparison_html(const struct cJSON *report);

#endif /* DUET_COMPARISON_H */

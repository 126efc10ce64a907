/*
 * The comparison report across pairs and runs: reports/summary.{json,md}.
 * Built from every run's report.json and the findings store, so it grows
 * with each campaign; each claim gets a verdict per pair and overall.
 */
#ifndef DUET_SUMMARY_H
#define DUET_SUMMARY_H

#include <stdio.h>

/*
 * Reads `reports_dir`, writes summary.json and summary.md into it
 * (atomically). Run reports and findings that fail duet_report_check or
 * duet_finding_record_check are skipped with one warning each to `warn`;
 * runs that did not complete are listed per pair, never counted.
 * Returns 0, or -errno when the summary could not be written.
 */
int duet_summary_write(const char *reports_dir, FILE *warn);

/* summary.md's text from the summary's JSON tree, every cell escaped. */
struct cJSON;
void duet_summary_markdown(FILE *md, const struct cJSON *summary);

#endif /* DUET_SUMMARY_H */

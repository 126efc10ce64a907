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
 * (atomically) and prints one warning per unreadable run report to `warn`.
 * Returns 0, or -errno when the summary could not be written.
 */
int duet_summary_write(const char *reports_dir, FILE *warn);

#endif /* DUET_SUMMARY_H */

/*
 * What CI systems read from a campaign (`duet campaign --ci`): findings.sarif
 * (SARIF 2.1.0, one result per distinct finding that is not known, located at
 * the faulting side's top frame in the library's own source) and junit.xml
 * (one test case per target, one failure per such finding).
 */
#ifndef DUET_CI_OUTPUTS_H
#define DUET_CI_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>

struct cJSON;

/* How one target of a campaign ended. */
struct duet_campaign_result {
  const char *target;
  const char *status;   /* the run's: "complete", "partial", "interrupted", "failed"; or "skipped" */
  char run_id[192];     /* "" when no run folder was made */
  char why[256];        /* for failed or skipped: what happened */
  int exit_code;        /* duet fuzz's exit status, -1 when it did not run */
  double seconds;       /* wall time spent on it */
};

/*
 * The SARIF log of the findings of `report` (duet_comparison_collect's tree)
 * that the campaign's runs met and that are not known. Frames are read from
 * each finding's evidence.txt under `report_dir`/findings. Caller owns it.
 */
struct cJSON *duet_sarif_log(const struct cJSON *report, const struct duet_campaign_result *results, size_t n,
                             const char *report_dir);

/* The JUnit XML of the same (malloc'd, caller frees; NULL when out of memory). */
char *duet_junit_xml(const struct cJSON *report, const struct duet_campaign_result *results, size_t n);

/* True when `finding` (a report row) is one the campaign met and not a known one. */
bool duet_campaign_finding_is_new(const struct cJSON *finding, const struct duet_campaign_result *results, size_t n);

#endif /* DUET_CI_OUTPUTS_H */

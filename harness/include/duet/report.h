/*
 * The campaign report: reports/<run-id>/report.json (versioned, cJSON) and
 * report.md (for reviewers, with a verdict per claim). Both are written
 * atomically, so a reader or a kill never sees half of either.
 */
#ifndef DUET_REPORT_H
#define DUET_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "duet/campaign.h"
#include "duet/registry.h"
#include "duet/repro.h"

/* Bump on any incompatible change; reports/schema/report.schema.json documents it. */
#define DUET_REPORT_SCHEMA_VERSION 1

struct duet_artifact {
  char *path;                   /* owned; as given to `duet repro` */
  char sha1[41];
  size_t size;
  char libfuzzer_kind[16];      /* crash, leak, timeout, oom, slow-unit: from the file name */
  bool reproduced;              /* the isolated re-run showed a finding */
  struct duet_verdict verdict;  /* from the isolated re-run */
  char signature[17];           /* duet_verdict_signature */
  bool first_of_signature;      /* first artifact with this signature in the run */
};

struct duet_report {
  char run_id[128];
  const struct duet_target *target; /* borrowed */
  const char *status;           /* "running", "complete", "interrupted", "failed" */
  time_t started, ended;        /* ended is 0 while running */
  unsigned budget_seconds, jobs;
  char **fuzzer_argv;           /* borrowed; the exact libFuzzer command */
  int fuzzer_exit;              /* libFuzzer's exit status, -1 while running */
  struct duet_fuzz_stats stats;
  struct duet_artifact *artifacts; /* owned array */
  size_t artifact_count;
  const char *reports_dir;      /* borrowed: where run folders live */
};

/* Writes report.json and report.md into `run_dir`. Returns 0 or -errno. */
int duet_report_write(const struct duet_report *report, const char *run_dir);

/* Frees the artifacts array. */
void duet_report_release(struct duet_report *report);

/* The report's JSON (caller owns it). */
struct cJSON *duet_report_json(const struct duet_report *report);

#endif /* DUET_REPORT_H */

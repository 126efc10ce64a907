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
#include "duet/triage.h"

/* Bump on any incompatible change; reports/schema/report.schema.json documents it. */
#define DUET_REPORT_SCHEMA_VERSION 1

/* A run report's warning when the build is the unpatched one (DUET_UNPATCHED):
   `duet report` skips such runs, which only `duet validate --cves` reads. */
#define DUET_REPORT_WARNING_UNPATCHED                                                                  \
  "THE C SIDE IS AN UNPATCHED BUILD: its library lacks the CVE patches its pair's cves.json lists " \
  "(duet validate --cves), so this run says nothing of the library as Debian ships it"

struct duet_report {
  char run_id[128];
  const struct duet_target *target; /* borrowed */
  const char *status;           /* "running"; then "complete" (fuzzing and triage both
                                   finished), "partial" (the budget ran out in triage),
                                   "interrupted" (SIGINT/SIGTERM) or "failed" */
  char status_reason[512];      /* why, when not complete: what to do next */
  const char *fuzzing;          /* phase: "running", "finished", "interrupted", "failed" */
  const char *triage_phase;     /* "not started", "running", "finished", "stopped" */
  time_t started, ended;        /* ended is 0 while running */
  unsigned budget_seconds, jobs;  /* the whole job: fuzzing + triage */
  unsigned fuzz_seconds, triage_seconds; /* how the budget was split */
  char **fuzzer_argv;           /* borrowed; the exact libFuzzer command */
  int fuzzer_exit;              /* libFuzzer's exit status, -1 while running */
  struct duet_fuzz_stats stats;
  const struct duet_triage *triage; /* borrowed; NULL until triage ran */
  const char *triage_error;     /* non-NULL: why triage is incomplete */
};

/* How a pair with a tolerance compares its outputs (contract.h), as report.json's
   and the comparison report's `comparison` object; the caller owns it. */
cJSON *duet_tolerance_json(const struct duet_tolerance *t);

/* Writes report.json and report.md into `run_dir`. Returns 0 or -errno. */
int duet_report_write(const struct duet_report *report, const char *run_dir);

/*
 * Reads back what `duet fuzz` wrote in run_dir/report.json (and the
 * campaign's numbers from fuzz.log), so a later `duet triage RUN` can write
 * the report again with its triage. The target is looked up by name.
 * *argv receives the fuzzer command (free with duet_argv_free) and
 * r->fuzzer_argv points to it. Returns 0 or -errno (-EINVAL: not a report).
 */
int duet_report_load(const char *run_dir, struct duet_report *r, char ***argv);

/* True when `report` (a parsed report.json) is one this duet can count:
   the schema version it writes, the fields readers use, with the right
   types, counts whole and in range. Else false, and why in why[0..cap). */
bool duet_report_check(const struct cJSON *report, char *why, size_t cap);

/* The same for a stored finding.json (duet/findings_store.h). */
bool duet_finding_record_check(const struct cJSON *finding, char *why, size_t cap);

/* The report's JSON (caller owns it). */
struct cJSON *duet_report_json(const struct duet_report *report);

#endif /* DUET_REPORT_H */

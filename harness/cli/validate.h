/*
 * `duet validate`'s measurement: one cell per bug x side x trial, and its
 * summary as JSON and Markdown (validate_results.c).
 */
#ifndef DUET_CLI_VALIDATE_H
#define DUET_CLI_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "duet/limits.h"

struct duet_validate_options {
  long trials, seconds, max_artifacts, timeout;
  bool triggers;
  const char *manifest, *out_dir, *only_target;
  char *const *extra; /* libFuzzer flags after "--" */
};

/* A manifest entry's string field, or "". */
static inline const char *duet_validate_text(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
  return s ? s : "";
}

/*
 * The campaigns of `duet validate` (validate_campaigns.c): each ground-truth
 * target's campaigns, the measurement, validate.json and validate.md written
 * into `out_dir` (its path printed). Returns an exit status.
 */
int duet_validate_run_campaigns(const char *exe, const cJSON *bugs, const struct duet_validate_options *o,
                                const char *out_dir);

/* One bug x side x trial. Times are milliseconds from the campaign's start; -1: never. */
struct duet_validate_cell {
  long long reached_ms, triggered_ms, detected_ms;
  bool attributed, in_verdict;
  char found_as[96];
};

struct duet_validate_measurement {
  const cJSON *bugs;  /* the manifest's bugs array; borrowed */
  size_t bug_count, trials;
  struct duet_validate_cell *cells; /* [bug][side][trial]; owned by the caller */
};

static inline struct duet_validate_cell *duet_validate_cell_at(const struct duet_validate_measurement *m, size_t bug,
                                                               size_t side, size_t trial) {
  return &m->cells[(bug * DUET_MAX_SIDES + side) * m->trials + trial];
}

/*
 * The summary per bug and side (counts over trials, median times, per-trial
 * cells) with the campaigns' statistics (`campaigns`, taken over). Bugs of
 * targets other than `only_target` are left out when it is not NULL.
 * Caller owns the result.
 */
cJSON *duet_validate_results_json(const struct duet_validate_measurement *m, const char *manifest, long seconds,
                                  const char *only_target, cJSON *campaigns);

/* The summary as a Markdown table; malloc'd, NULL on allocation failure. */
char *duet_validate_results_markdown(const cJSON *results);

#endif /* DUET_CLI_VALIDATE_H */

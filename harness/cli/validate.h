/*
 * `duet validate`'s measurement: one cell per bug x side x trial, and its
 * summary as JSON and Markdown (validate_results.c).
 */
#ifndef DUET_CLI_VALIDATE_H
#define DUET_CLI_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>
#include <string.h>

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

/* The index of side `name` in `t` (reference 0), DUET_MAX_SIDES when none. */
struct duet_target;
struct duet_gt_finding;
size_t duet_validate_side_index(const struct duet_target *t, const char *name);
/* Records a detection at `t` ms in `cell` (the earliest one names found_as). */
void duet_validate_credit(struct duet_validate_cell *cell, long long t, bool attributed, bool in_verdict,
                          const char *found_as);
/* Whether `f` is one of the findings the manifest expects of `bug` on `side`. */
bool duet_validate_expected_for(const cJSON *bug, const char *side, const struct duet_gt_finding *f);

/* Bugs found by `duet stress`, not by a campaign: "mechanism": "stress" in the
   manifest (a data race: only threads show it). */
static inline bool duet_validate_is_stress_bug(const cJSON *bug) {
  return strcmp(duet_validate_text(bug, "mechanism"), "stress") == 0;
}

/* Seconds of `duet stress` per trial of a component with stress bugs: a
   quarter of the campaign's, 5 to 30 (a race shows when the scheduler lets
   it: 2 s on a loaded machine triggered TLV-5's canary without a wrong answer). */
static inline long duet_validate_stress_seconds(long campaign_seconds) {
  long s = campaign_seconds / 4;
  return s < 5 ? 5 : s > 30 ? 30 : s;
}

/*
 * validate_stress.c. A trial's stress run: `duet stress` on the component's
 * seeds (DUET_CANARY_LOG stays set, so its canaries count), each corruption
 * finding credited to the stress bugs that expect it for that side, at
 * `offset_ms` (the stress run's start from the campaign's) plus the finding's
 * seconds into the run. Returns 0 or -errno.
 */
int duet_validate_stress_trial(const char *exe, const struct duet_validate_measurement *m, const struct duet_target *target,
                               size_t trial, const char *dir, long long offset_ms, long seconds);

/*
 * --triggers for a stress bug: `duet stress` on the trigger input alone (3 s
 * runs, up to 5, until every side with the bug showed it); each
 * side's finding (corruption/<kind>, or none) and canary checked against the
 * trigger's expectation, one PASS/FAIL line per side. Returns the sides that
 * passed; adds the failures to *failed.
 */
int duet_validate_stress_trigger(const char *exe, const cJSON *bug, const cJSON *trigger, const char *log_path,
                                 int *failed);

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

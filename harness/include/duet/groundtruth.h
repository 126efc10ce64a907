/*
 * Ground truth (targets/ground-truth.json, targets/gt.*): running an input
 * through each side of a target alone, with the bug canaries logged, and
 * deriving one finding per side that can be compared with the manifest.
 * Used by `duet validate`.
 */
#ifndef DUET_GROUNDTRUTH_H
#define DUET_GROUNDTRUTH_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "duet/canary.h"
#include "duet/observe.h"
#include "duet/registry.h"

/* What one side did with one input, run alone in its own process. */
struct duet_gt_side {
  const char *name;                /* the side's name; borrowed from the registry */
  struct duet_observation obs;     /* owned; released by duet_gt_sides_release */
  char triggered[DUET_CANARY_MAX][DUET_CANARY_ID_MAX]; /* canaries it triggered, first-hit order */
  size_t triggered_count;
};

/* One side's finding, as the manifest writes it: {class, kind, status}. */
struct duet_gt_finding {
  char cls[16];             /* "crash", "leak", "timeout", "oom", "panic", "divergence", "none" */
  char kind[DUET_KIND_MAX]; /* sanitizer kind, "panic", divergence relation; "" for none */
  char status[16];          /* the side's status when it completed, else "" */
};

/*
 * Runs `input` through every side of `target` alone (`exe exec ... --side
 * S`), each with DUET_CANARY_LOG pointing at `log_path` (truncated before
 * each run). Fills sides[0..*count), reference first. Returns 0 or -errno
 * when a process could not be started (then nothing needs releasing).
 */
int duet_gt_run_sides(const char *exe, const struct duet_target *target, const char *input,
                      unsigned timeout_seconds, const char *log_path, struct duet_gt_side sides[DUET_MAX_SIDES],
                      size_t *count);

void duet_gt_sides_release(struct duet_gt_side sides[], size_t count);

/*
 * The finding of sides[i]: its crash/leak/timeout/oom, else its panic, else
 * (for a candidate, when the reference completed) a divergence from the
 * reference in status or output, else none with its status.
 */
void duet_gt_finding(const struct duet_gt_side sides[], size_t count, size_t i, struct duet_gt_finding *finding);

/* True when `finding` matches the manifest object `expect` ({"class", and
   "kind"/"status" when present}). */
bool duet_gt_finding_matches(const cJSON *expect, const struct duet_gt_finding *finding);

/* "crash/heap-buffer-overflow", "none/reject", "panic": for tables. */
void duet_gt_finding_text(const struct duet_gt_finding *finding, char *out, size_t cap);
/* The same text for a manifest expectation object. */
void duet_gt_expect_text(const cJSON *expect, char *out, size_t cap);

/* True when `side` triggered canary `id` in its run. */
bool duet_gt_side_triggered(const struct duet_gt_side *side, const char *id);

/*
 * Reads a canary log (DUET_CANARY_LOG format) and calls `each` for every
 * line: unix milliseconds, "reached"/"triggered", canary id, side. Returns
 * 0 or -errno (a missing log is an empty one).
 */
int duet_gt_read_canary_log(const char *path,
                            void (*each)(void *ctx, long long ms, const char *what, const char *id, const char *side),
                            void *ctx);

#endif /* DUET_GROUNDTRUTH_H */

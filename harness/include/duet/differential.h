/*
 * One differential execution: the reference and every candidate of a target
 * on the same input, in this process, each compared with the reference.
 * Shared by the libFuzzer driver, `duet exec` and the replay main.
 */
#ifndef DUET_DIFFERENTIAL_H
#define DUET_DIFFERENTIAL_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "duet/engine.h"
#include "duet/registry.h"

struct duet_side_result {
  const struct duet_impl *impl;     /* borrowed from the registry */
  struct duet_run run;              /* owned; released with the whole result */
  struct duet_comparison vs_reference; /* relation to sides[0]; agree for sides[0] */
  char *sanitizer_report;           /* owned; what the sanitizers reported while this side
                                       ran, when recoverable reports are captured
                                       (duet/sanitizer_hooks.h), else NULL */
};

struct duet_differential {
  const struct duet_target *target; /* borrowed */
  size_t side_count;                /* reference first, then candidates */
  struct duet_side_result sides[DUET_MAX_SIDES];
  duet_outcome_class outcome;       /* NONE, DIVERGENCE or PANIC */
  size_t finding_side;              /* index of the first side at fault, 0 if none */
};

/*
 * The side whose code is running right now on this thread ("c", "rust"), or
 * NULL between calls. Read by sanitizer death callbacks (they run on the
 * faulting thread) to attribute a crash that happens in the middle of a
 * differential run, and by canaries; per thread, because `duet stress` runs
 * different sides on different threads at once.
 */
extern _Thread_local const char *volatile duet_running_side;

/*
 * Runs `sides` (NULL: all sides) of `target` on input[0..size). `only_side`
 * restricts the run to one side by name. Returns 0, -1 when the harness ran
 * out of memory, -2 when `only_side` names no side. The caller releases
 * *result with duet_differential_release.
 */
int duet_differential_run(const struct duet_target *target, const char *only_side,
                          const uint8_t *input, size_t size, struct duet_differential *result);

void duet_differential_release(struct duet_differential *result);

/* The result as the DUET-RESULT object (caller owns it), NULL on allocation failure. */
cJSON *duet_differential_json(const struct duet_differential *result);

/*
 * Prints the result as one line of JSON prefixed by "DUET-RESULT " (the
 * machine-readable record the CLI and triage parse). Returns 0 or -1.
 */
int duet_differential_print(FILE *stream, const struct duet_differential *result);

#endif /* DUET_DIFFERENTIAL_H */

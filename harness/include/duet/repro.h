/*
 * Reproducing one input: every side alone in its own process, then all sides
 * together in another, and one verdict from what they showed. Used by
 * `duet repro`, by `duet fuzz` to classify artifacts, and by triage.
 */
#ifndef DUET_REPRO_H
#define DUET_REPRO_H

#include <cjson/cJSON.h>

#include "duet/observe.h"
#include "duet/registry.h"

struct duet_verdict {
  duet_outcome_class outcome;      /* NONE, DIVERGENCE, PANIC, CRASH, LEAK, TIMEOUT, OOM */
  char side[64];                   /* "c", "rust", "both", "c+rust-unsafe", "harness"; "" for NONE */
  char kind[DUET_KIND_MAX];        /* bug type, UBSan check, "panic", divergence relation */
  char access[16];                 /* crashes: "READ 1", "WRITE {*}", ... (observe.h), or "" */
  char detail[DUET_DETAIL_MAX];    /* one human line: headline, panic message, direction */
  char frames[DUET_FRAMES][DUET_FRAME_MAX]; /* faulting side's top frames (crashes) */
  int frame_count;
  bool frames_symbolized;          /* false: "module+offset" frames, no llvm-symbolizer */
  long long reference_len, candidate_len, first_difference; /* divergences; -1 if unknown */
  char feature[DUET_DETAIL_MAX];   /* input-independent part, for the signature: reject
                                      reason, panic location, length relation */
};

/*
 * A stable 16-hex-digit signature for deduplication, in the ClusterFuzz
 * spirit: target + class + side + kind (+ the access type and size class,
 * when the sanitizer names one) + the top frames' function names for
 * crashes (for a stack overflow, the distinct functions of the cycle), the
 * feature for divergences and panics. Same bug, same signature, across runs
 * and rebuilds.
 */
void duet_verdict_signature(const char *target, const struct duet_verdict *verdict, char out[17]);

struct duet_repro {
  const struct duet_target *target;               /* borrowed */
  size_t side_count;                              /* reference first */
  struct duet_observation alone[DUET_MAX_SIDES];  /* each side in its own process */
  struct duet_observation together;               /* all sides in one process */
  struct duet_verdict verdict;
  bool quick;                                     /* only the together run was made */
};

/*
 * Runs the isolated executions of `input_path` for `target` by re-executing
 * `exe` ("duet"), whose hidden `exec` command runs sides in-process. Returns
 * 0, or -errno when a process could not be started. Release with
 * duet_repro_release.
 */
int duet_repro_run(const char *exe, const struct duet_target *target, const char *input_path,
                   unsigned timeout_seconds, struct duet_repro *repro);

/*
 * Quick mode, for minimisation loops: only the together run, one process.
 * Crashes are attributed through the death callback's DUET-SIDE line.
 */
int duet_repro_quick(const char *exe, const struct duet_target *target, const char *input_path,
                     unsigned timeout_seconds, struct duet_repro *repro);

void duet_repro_release(struct duet_repro *repro);

/*
 * The verdict of an in-process differential record (the object that
 * duet_differential_json makes), judged like a quick repro. Returns 0, or -1
 * on allocation failure.
 */
int duet_verdict_from_record(const struct duet_target *target, const cJSON *record, struct duet_verdict *verdict);

/*
 * The verdict of sanitizer reports captured in one process (a campaign's
 * recoverable reports: reports[i] is what side i reported, NULL if nothing),
 * judged as isolated runs are: every reporting side named, the first one's
 * kind, access and frames. Returns false when no side reported.
 */
bool duet_verdict_from_reports(const struct duet_target *target, char *const reports[], size_t side_count,
                               struct duet_verdict *verdict);

/* The verdict as a JSON object (caller owns it): outcome, side, kind, detail,
   frames, lengths. */
cJSON *duet_verdict_json(const struct duet_verdict *verdict);

/* The inverse of duet_verdict_json (fields it lacks stay empty); false when
   `o` is no verdict. */
bool duet_verdict_from_json(const cJSON *o, struct duet_verdict *verdict);

/* Per-side JSON of the isolated runs: status, output length/hash, reason or
   crash kind. Caller owns it. */
cJSON *duet_repro_sides_json(const struct duet_repro *repro);

#endif /* DUET_REPRO_H */

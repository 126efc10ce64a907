/*
 * The persistent findings store, reports/findings/<target>/<signature>/:
 * `input` (the first input seen), `minimized`, and `finding.json` (the
 * classification, first/last seen, the runs it was seen in). It outlives
 * runs, so a report can tell new findings from old ones.
 */
#ifndef DUET_FINDINGS_STORE_H
#define DUET_FINDINGS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duet/triage.h"

/*
 * Looks `finding` up in the store under `root`: fills finding->store_dir,
 * and finding->first_seen when it was there before. Returns 1 when it was
 * already stored, 0 when new, -errno on a store error.
 */
int duet_store_lookup(const char *root, const char *target, struct duet_finding *finding);

/* A finding's example as one triage has it; `minimized` may be NULL (not
   minimised: the input stands for it). Borrowed. */
struct duet_store_example {
  const uint8_t *input;
  size_t input_size;
  const uint8_t *minimized;
  size_t minimized_size;
};

/* True when the store already keeps a minimised example (`input` and
   `minimized`, minimiser not "none") for `finding` (its store_dir from
   duet_store_lookup): triage then does not minimise it again. */
bool duet_store_has_example(const struct duet_finding *finding);

/* What the store established about a signature when it first triaged it. */
struct duet_store_recollection {
  struct duet_verdict verdict;
  unsigned reproduced, reruns;
};

/*
 * True when the store under `root` keeps `signature` of `target` whole: a
 * minimised example, evidence.txt, and a verdict that reproduced on every
 * re-run; then *out holds what finding.json says. A triage takes such a
 * signature from its quick pass without re-running, minimising or collecting
 * evidence again. False when anything is missing or unreadable.
 */
bool duet_store_recall(const char *root, const char *target, const char *signature,
                       struct duet_store_recollection *out);

/*
 * Writes or updates the finding, under a lock on its folder (.lock) so that
 * concurrent triages take turns. The example is stored once: when `input`
 * and `minimized` are both there they stay (a `minimized` never minimised
 * gives way to a smaller minimised one), else `given` is written. Either
 * way finding.json (written last, atomically) describes the stored files,
 * and finding->input_size, minimized_size and minimizer are set from them.
 * `run_id` may be NULL. Returns 0 or -errno.
 */
int duet_store_save(const char *target, struct duet_finding *finding, const struct duet_store_example *given,
                    const char *run_id);

/* Copies the finding's stored files (every visible regular file of its
   store folder) into DIR/findings/<signature>/, so that a run folder holds
   the inputs its report names. Returns 0 or -errno. */
int duet_store_copy(const struct duet_finding *finding, const char *dir);

/* The known list at `known_path` (caller owns it), or NULL: absent (error
   "") or malformed (message in `error`). */
struct cJSON *duet_known_load(const char *known_path, char *error, size_t error_size);

/*
 * The committed regression inputs in `dir` (corpora/<t>/regressions) as a
 * known list for duet_known_lookup: {"signature", "why": "regression NAME:
 * WHY"} for each NAME.expect.json that records a signature (`duet promote`
 * writes it). Caller owns it. NULL when the folder is absent (*error 0) or
 * cannot be read (*error -errno). Malformed expectations are skipped: `duet
 * regress` is the command that reports them.
 */
struct cJSON *duet_regressions_load(const char *dir, int *error);

/* The reason a verdict with `signature` is known, or NULL. Borrowed from `list`.
   An entry names a signature, or fields of the verdict (class, side, kind,
   feature), each a shell wildcard pattern (fnmatch): "* non-UTF-8 argument: *". */
const char *duet_known_lookup(const struct cJSON *list, const struct duet_verdict *verdict, const char *signature);

#endif /* DUET_FINDINGS_STORE_H */

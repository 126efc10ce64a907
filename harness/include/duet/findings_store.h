/*
 * The persistent findings store, reports/findings/<target>/<signature>/:
 * `input` (the first input seen), `minimized`, and `finding.json` (the
 * classification, first/last seen, the runs it was seen in). It outlives
 * runs, so a report can tell new findings from old ones.
 */
#ifndef DUET_FINDINGS_STORE_H
#define DUET_FINDINGS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "duet/triage.h"

/*
 * Looks `finding` up in the store under `root`: fills finding->store_dir,
 * and finding->first_seen when it was there before. Returns 1 when it was
 * already stored, 0 when new, -errno on a store error.
 */
int duet_store_lookup(const char *root, const char *target, struct duet_finding *finding);

/*
 * Writes or updates the finding: input and minimised bytes (kept from the
 * first time they were stored), finding.json (atomically). `run_id` may be
 * NULL. Returns 0 or -errno.
 */
int duet_store_save(const char *target, const struct duet_finding *finding, const uint8_t *input, size_t input_size,
                    const uint8_t *minimized, size_t minimized_size, const char *run_id);

/*
 * Matches a finding against targets/<t>/known-divergences.json, a JSON array
 * of {"signature": "..."} or {"class","side","kind","feature"} entries, each
 * with "why". Copies the why into finding->known_why and returns 1 on a
 * match, 0 otherwise or when the file does not exist, -1 when the file is
 * malformed (with a message in `error`).
 */
int duet_known_match(const char *known_path, struct duet_finding *finding, char *error, size_t error_size);

/*
 * Matches a finding against the committed regression inputs in
 * `regressions_dir` (corpora/<t>/regressions): one whose NAME.expect.json
 * records the finding's "signature" (`duet promote` writes it) makes the
 * finding known, with "regression NAME: WHY" in finding->known_why. Returns
 * 1 on a match, 0 otherwise (also when the folder does not exist), -errno
 * when it cannot be read. Unreadable or malformed expectations are skipped:
 * `duet regress` is the command that reports them.
 */
int duet_regression_match(const char *regressions_dir, struct duet_finding *finding);

/* The known list at `known_path` (caller owns it), or NULL: absent (error
   "") or malformed (message in `error`). */
struct cJSON *duet_known_load(const char *known_path, char *error, size_t error_size);

/* The reason a verdict with `signature` is known, or NULL. Borrowed from `list`. */
const char *duet_known_lookup(const struct cJSON *list, const struct duet_verdict *verdict, const char *signature);

#endif /* DUET_FINDINGS_STORE_H */

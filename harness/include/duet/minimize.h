/* Shrinking a finding's input while it keeps its signature. */
#ifndef DUET_MINIMIZE_H
#define DUET_MINIMIZE_H

#include <stddef.h>
#include <stdint.h>

#include "duet/registry.h"
#include "duet/triage.h"

/*
 * Delta debugging over bytes (chunks halving down to one byte): keeps each
 * removal after which a quick one-process re-run still has the signature
 * `signature`. Stops after `budget_seconds`. On return *out (malloc'd,
 * caller frees) holds the smallest input found, at worst a copy of the
 * input. Returns 0 or -errno.
 */
int duet_minimize_ddmin(const char *exe, const struct duet_target *target, const uint8_t *input, size_t size,
                        const char *signature, unsigned timeout_seconds, unsigned budget_seconds, uint8_t **out,
                        size_t *out_size);

/*
 * libFuzzer's own crash minimiser (-minimize_crash=1) on `input_path`,
 * writing to `out_path`. With `signature` (a quick signature, NULL for a
 * crash) the fuzz driver aborts on that signature only
 * (DUET_MINIMIZE_SIGNATURE, duet/explore.h), so that divergences and panics
 * shrink the way crashes do. Returns 0 when out_path was written, else
 * -errno or -1 (libFuzzer could not minimise).
 */
int duet_minimize_libfuzzer(const char *fuzzer, const char *input_path, const char *out_path, const char *signature,
                            unsigned budget_seconds);

/*
 * The quick signature of a file: one together run in a child process
 * (duet_repro_quick) signed with duet_verdict_signature. Returns 0 or -errno.
 */
int duet_quick_signature(const char *exe, const struct duet_target *target, const char *path, unsigned timeout_seconds,
                         char signature[17]);

/*
 * A triage finding's minimised input: crashes through libFuzzer's minimiser
 * first; what it cannot shrink without changing the signature, divergences
 * and panics through ddmin; either result kept only when a full isolated
 * re-run still has the finding's signature. Timeouts, unreliable findings
 * and a stopped run are not minimised. *out (malloc'd, caller frees) is at
 * worst a copy of the input, NULL on allocation failure; f->minimizer says
 * which minimiser's result it is.
 */
void duet_minimize_finding(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f,
                           const uint8_t *input, size_t size, uint8_t **out, size_t *out_size);

#endif /* DUET_MINIMIZE_H */

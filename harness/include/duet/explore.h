/*
 * The campaign loop inside the libFuzzer driver: a finding no longer ends the
 * process. Divergences, panics and recoverable sanitizer reports are judged
 * here; the first DUET_SAVES_PER_SIGNATURE inputs of each signature that is
 * not known are saved into the run's artifacts with their record, and the
 * driver goes on fuzzing. "Known" is the pair's known-divergences.json or the
 * signature of a committed regression input.
 *
 * Campaign mode is on when `duet fuzz` names the run folder in the
 * environment (DUET_RUN_DIR, absolute). Files there, all written atomically
 * (a temporary file, then link(2) or rename(2)), so a kill never leaves half
 * of one and two fork-mode jobs never take the same name:
 *   artifacts/<class>-<signature>-<k>   the input (k < DUET_SAVES_PER_SIGNATURE)
 *   records/<class>-<signature>-<k>.json its in-process verdict, the
 *                                       differential record and the report
 *   signatures/<signature>.new|.known   one empty marker per signature seen
 * Without it (the fuzzer run by hand, or for -minimize_crash), a finding that
 * is not known prints its DUET-RESULT record and aborts, as libFuzzer expects.
 * DUET_MINIMIZE_SIGNATURE=<16 hex digits> (triage's minimiser) makes the
 * driver abort on that signature alone, known or not, so that libFuzzer's
 * -minimize_crash shrinks a divergence or a panic while keeping it.
 */
#ifndef DUET_EXPLORE_H
#define DUET_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duet/differential.h"

enum { DUET_SAVES_PER_SIGNATURE = 3 };

/* Reads the environment and the known lists. Returns 0, or -1 when the
   target's known list is malformed (reported on stderr; nothing is known). */
int duet_explore_init(const struct duet_target *target);

/*
 * Judges one execution. Returns true when the driver must abort so that
 * libFuzzer saves the input (outside campaigns, for a finding not known).
 */
bool duet_explore_judge(const uint8_t *data, size_t size, const struct duet_differential *result);

#endif /* DUET_EXPLORE_H */

/*
 * Triage's second stage, for each finding the first stage (triage.c) sorted
 * the inputs into: known or not (the pair's known-divergences.json and the
 * committed regressions), reliability re-runs, the findings store (first
 * seen, the example, minimisation), the evidence of each side alone, and a
 * copy into the run folder. Internal to the triage stage.
 */
#ifndef DUET_TRIAGE_SETTLE_H
#define DUET_TRIAGE_SETTLE_H

#include "duet/triage.h"

/* Settles every finding of `t`; marks t->stopped when a stop cut one short.
   Returns 0 or the first error (-errno). */
int duet_triage_settle(const struct duet_target *target, const struct duet_triage_options *options,
                       struct duet_triage *t);

#endif /* DUET_TRIAGE_SETTLE_H */

/*
 * Triage's quick pass: every input once through the in-process differential,
 * many inputs per child process (`duet exec --batch`), for a signature without
 * the isolated per-side re-runs. A campaign can save thousands of inputs; the
 * full re-run (3+ processes each) then goes only to a few per signature and to
 * the inputs the quick pass cannot sort, so no signature is lost to a cap.
 * libFuzzer's corpus merge runs the same way: one process for many inputs,
 * restarted past an input that kills it.
 */
#ifndef DUET_QUICK_PASS_H
#define DUET_QUICK_PASS_H

#include <stdbool.h>
#include <stddef.h>

#include "duet/registry.h"

typedef enum duet_quick_state {
  DUET_QUICK_UNSORTED = 0, /* not run (no batch could start) or unreadable */
  DUET_QUICK_SORTED,       /* ran to its record: `signature` says what it found */
  DUET_QUICK_FATAL,        /* ended or stalled its batch: a crash or a hang, for the full re-run */
} duet_quick_state;

struct duet_quick_result {
  duet_quick_state state;
  bool finding;       /* SORTED: the record holds a finding */
  char signature[17]; /* SORTED with a finding: its signature */
};

/*
 * Runs every `paths[i]` in batch children of `exe` (the duet binary), each
 * input limited to `timeout_seconds`, and fills results[0..count). Returns 0,
 * or -errno when no batch could be started (every result is then UNSORTED).
 */
int duet_quick_pass(const char *exe, const struct duet_target *target, char *const paths[], size_t count,
                    unsigned timeout_seconds, struct duet_quick_result *results);

#endif /* DUET_QUICK_PASS_H */

/*
 * Reading what a child process showed: its DUET-RESULT record, sanitizer
 * report, panic, timeout or signal, turned into one observation.
 */
#ifndef DUET_OBSERVE_H
#define DUET_OBSERVE_H

#include <cjson/cJSON.h>

#include "duet/engine.h"
#include "duet/isolate.h"

enum { DUET_FRAMES = 3, DUET_FRAME_MAX = 160, DUET_DETAIL_MAX = 256, DUET_KIND_MAX = 64 };

struct duet_observation {
  duet_outcome_class outcome;         /* NONE when it ran to completion */
  char kind[DUET_KIND_MAX];           /* sanitizer bug type, UBSan check, "panic", "timeout", ... */
  char detail[DUET_DETAIL_MAX];       /* the report's headline or the panic message */
  char access[16];                    /* ASan's access and its size class, as ClusterFuzz
                                         names them: "READ 1", "WRITE 8", "WRITE {*}"
                                         (any other size); "" when the report has none */
  char crashed_side[32];              /* from DUET-SIDE, when it died mid-run */
  char frames[DUET_FRAMES][DUET_FRAME_MAX]; /* top frames of the faulting code, "" if fewer */
  int frame_count;
  bool symbolized;                    /* frames carry function names (llvm-symbolizer ran) */
  cJSON *result;                      /* the DUET-RESULT record, or NULL; owned */
};

/*
 * Builds an observation from a finished child. Never fails: what cannot be
 * parsed ends up as a crash with kind "unknown" and the first stderr line as
 * detail. Release with duet_observation_release.
 */
void duet_observe(const struct duet_child *child, struct duet_observation *obs);

void duet_observation_release(struct duet_observation *obs);

/* Whether an outcome is a crash-like failure of a process (crash, leak, timeout, oom). */
bool duet_outcome_is_fatal(duet_outcome_class cls);

#endif /* DUET_OBSERVE_H */

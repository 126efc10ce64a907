/*
 * Bug canaries (Magma-style) for the ground-truth targets (targets/gt.*).
 *
 * A canary sits at a planted bug's site. Each time the site runs it records
 * "reached"; when the bug's condition holds it also records "triggered".
 * It never changes behaviour: the condition is computed from values the code
 * already has, before the faulty access, and evaluating it touches no memory
 * the buggy code would not touch.
 *
 * Hits are counted per (canary id, running side) in this process, from the
 * last duet_canary_reset() on; the DUET-RESULT record prints them. When the
 * environment variable DUET_CANARY_LOG names a file, the first "reached" and
 * the first "triggered" of each (id, side) in a process are also appended to
 * it as one line "<unix-ms> <reached|triggered> <id> <side>", with a single
 * write(2) each, so hits survive a crash that follows them and fork-mode
 * campaigns (many processes) can share one log. `duet validate` reads it.
 *
 * Not thread-safe: the harness runs one implementation at a time.
 */
#ifndef DUET_CANARY_H
#define DUET_CANARY_H

#include <stddef.h>

#include <cjson/cJSON.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Distinct canaries kept per process; more are ignored (and counted). */
#define DUET_CANARY_MAX 64
/* Longest canary id kept, including the NUL ("TLV-2"). */
#define DUET_CANARY_ID_MAX 24

/*
 * Records one pass through canary `id` (id[0..id_len), need not be
 * NUL-terminated; longer ids are truncated), triggered when `triggered` is
 * non-zero. Attributed to duet_running_side ("?" outside a run).
 */
void duet_canary_hit(const char *id, size_t id_len, int triggered);

/* C call sites: DUET_CANARY("TLV-1", payload_len + 2 > len). */
#define DUET_CANARY(id, condition) duet_canary_hit((id), sizeof(id) - 1, (condition) ? 1 : 0)

/* Forgets the hits counted so far (not the log's first-hit memory). */
void duet_canary_reset(void);

/*
 * The hits since the last reset as a JSON array of
 * {"id","side","reached","triggered"}, in first-hit order; an empty array
 * when none. Caller owns it; NULL on allocation failure.
 */
cJSON *duet_canary_json(void);

#ifdef __cplusplus
}
#endif
#endif /* DUET_CANARY_H */

/*
 * gt.ringcmd: a command interpreter over a growable byte ring with PLANTED
 * BUGS (ground truth for duet; see README.md and targets/ground-truth.json).
 */
#ifndef GT_RINGCMD_H
#define GT_RINGCMD_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/* Largest ring, bytes; the ring starts at 8 and doubles. */
#define GT_RING_MAX ((size_t)1 << 16)
/* Largest output of one group (its bytes are reversed on a stack buffer). */
#define GT_RING_GROUP_MAX 4096

/*
 * Runs the script input[0..size) and writes what it pops to `out`.
 * Returns 0, or -1 with *why set to a static phrase.
 */
int gt_ringcmd_run(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_RINGCMD_H */

/*
 * gt.utf8to16: a UTF-8 to UTF-16LE transcoder with PLANTED BUGS (ground
 * truth for duet; see README.md and targets/ground-truth.json).
 */
#ifndef GT_UTF8TO16_H
#define GT_UTF8TO16_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/*
 * input[0] is a flags byte (bit 0: replace invalid sequences with U+FFFD
 * instead of rejecting; bit 1: start with a byte-order mark), the rest is
 * UTF-8. Writes UTF-16LE to `out`. Returns 0, or -1 with *why set.
 */
int gt_utf8to16(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_UTF8TO16_H */

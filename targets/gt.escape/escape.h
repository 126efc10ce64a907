/*
 * gt.escape: a backslash-escape decoder with PLANTED BUGS (ground truth for
 * duet; see README.md and targets/ground-truth.json). Never use it.
 */
#ifndef GT_ESCAPE_H
#define GT_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/*
 * Decodes the escaped string input[0..size) and writes the bytes it stands
 * for to `out`. Returns 0, or -1 with *why set to a static phrase.
 */
int gt_escape_decode(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_ESCAPE_H */

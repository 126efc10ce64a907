/*
 * gt.rle: a run-length / back-reference decompressor with PLANTED BUGS
 * (ground truth for duet; see README.md and targets/ground-truth.json).
 */
#ifndef GT_RLE_H
#define GT_RLE_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/* Largest declared output size accepted, bytes. */
#define GT_RLE_MAX_OUTPUT ((uint32_t)1 << 20)

/*
 * Decompresses input[0..size) and writes the decoded bytes to `out`.
 * Returns 0, or -1 with *why set to a static phrase.
 */
int gt_rle_decode(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_RLE_H */

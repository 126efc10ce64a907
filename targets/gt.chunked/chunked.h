/*
 * gt.chunked: a reader for a small chunked image container ("GTIM") with
 * PLANTED BUGS (ground truth for duet; see README.md and
 * targets/ground-truth.json). Never use it.
 */
#ifndef GT_CHUNKED_H
#define GT_CHUNKED_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/* Largest image accepted, in pixel bytes (width * height * depth). */
#define GT_CHUNKED_MAX_PIXELS ((size_t)1 << 22)

/*
 * Reads the container input[0..size) and writes "GTIM <w>x<h>\n" and the
 * image as RGB bytes to `out`. Returns 0, or -1 with *why set.
 */
int gt_chunked_read(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_CHUNKED_H */

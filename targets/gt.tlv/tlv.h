/*
 * gt.tlv: a type-length-value packet decoder with PLANTED BUGS (ground truth
 * for duet; see README.md and targets/ground-truth.json). Never use it.
 */
#ifndef GT_TLV_H
#define GT_TLV_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/*
 * Decodes the packet input[0..size) and writes one text line per record to
 * `out`. Returns 0 when the packet is valid, -1 when it is not (*why: a
 * static phrase).
 */
int gt_tlv_decode(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_TLV_H */

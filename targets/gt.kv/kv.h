/*
 * gt.kv: a "key=value" config parser with PLANTED BUGS
 * (ground truth for duet; see README.md and targets/ground-truth.json).
 */
#ifndef GT_KV_H
#define GT_KV_H

#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"

/* Largest size= accepted in a [blob] section, bytes: the blob buffer is
   allocated at that size, so the bound keeps a fuzzed size from asking for
   gigabytes (an OOM is not the bug under test). */
#define GT_KV_MAX_BLOB 4096

/*
 * Parses the config input[0..size) and writes its canonical form to `out`
 * ("[name]\n" per section, "key\tvalue\n" per pair; README.md).
 * Returns 0, or -1 with *why set to a static phrase.
 */
int gt_kv_parse(const uint8_t *input, size_t size, struct duet_sink *out, const char **why);

#endif /* GT_KV_H */

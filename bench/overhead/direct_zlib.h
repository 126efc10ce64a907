/*
 * zlib and miniz_oxide called directly, the way an application would, with
 * no duet contract in between: the baselines of the overhead measurements
 * (bench/README.md). Both bound their output at DUET_OUTPUT_BOUND, like the
 * zlib.inflate adapters.
 */
#ifndef DUET_BENCH_DIRECT_ZLIB_H
#define DUET_BENCH_DIRECT_ZLIB_H

#include <stddef.h>
#include <stdint.h>

/*
 * Inflates a zlib stream with inflateInit/inflate/inflateEnd straight into a
 * heap buffer that doubles from 4 KiB. Returns 1 (accepted: *out, malloc'd,
 * caller frees, holds *len bytes) or 0 (rejected or out of memory: *out NULL).
 */
int duet_bench_zlib_inflate(const uint8_t *input, size_t size, uint8_t **out, size_t *len);

/* bench/overhead/rust: miniz_oxide's decompress_to_vec_zlib_with_limit.
   Returns the output length (output dropped) or -1 when rejected. */
intptr_t duet_bench_miniz_inflate(const uint8_t *input, size_t size);

/* 1 when miniz_oxide agrees with the C result (both reject, or both accept
   with c_out[0..c_len)), else 0. */
int duet_bench_miniz_matches(const uint8_t *input, size_t size, int c_accepted, const uint8_t *c_out, size_t c_len);

#endif /* DUET_BENCH_DIRECT_ZLIB_H */

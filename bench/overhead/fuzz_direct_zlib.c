/*
 * The minimal hand-written differential libFuzzer target for zlib.inflate:
 * zlib and miniz_oxide called directly (direct_zlib.h), outputs compared,
 * abort on disagreement. No contract, no sink, no registry. Its exec/s is
 * the baseline for duet's differential driver (bench/README.md); it is built
 * with the same sanitizer and coverage flags as duet-fuzz-zlib.inflate.
 */
#include <stdlib.h>

#include "direct_zlib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *out;
  size_t len;
  int accepted = duet_bench_zlib_inflate(data, size, &out, &len);
  if (!duet_bench_miniz_matches(data, size, accepted, out, len)) abort();
  free(out);
  return 0;
}

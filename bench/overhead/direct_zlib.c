#include "direct_zlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "duet/limits.h"

/* Room for at least one more byte, doubling up to the bound; 0 or -1. */
static int grow(uint8_t **buf, size_t *capacity, size_t used) {
  if (used < *capacity) return 0;
  if (*capacity >= DUET_OUTPUT_BOUND) return -1;
  size_t next = *capacity ? 2 * *capacity : 4096;
  if (next > DUET_OUTPUT_BOUND) next = DUET_OUTPUT_BOUND;
  uint8_t *grown = realloc(*buf, next);
  if (!grown) return -1;
  *buf = grown;
  *capacity = next;
  return 0;
}

static int inflate_all(z_stream *zs, uint8_t **buf, size_t *len) {
  size_t capacity = 0;
  for (;;) {
    if (grow(buf, &capacity, *len) != 0) return 0;
    zs->next_out = *buf + *len;
    zs->avail_out = (uInt)(capacity - *len);
    int rc = inflate(zs, Z_NO_FLUSH);
    size_t produced = capacity - *len - zs->avail_out;
    *len += produced;
    if (rc == Z_STREAM_END) return 1;
    if (rc != Z_OK || (zs->avail_in == 0 && produced == 0)) return 0;
  }
}

int duet_bench_zlib_inflate(const uint8_t *input, size_t size, uint8_t **out, size_t *len) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  *out = NULL;
  *len = 0;
  if (inflateInit(&zs) != Z_OK) return 0;
  zs.next_in = (Bytef *)input;
  zs.avail_in = (uInt)size;
  int accepted = inflate_all(&zs, out, len);
  inflateEnd(&zs);
  if (!accepted) {
    free(*out);
    *out = NULL;
    *len = 0;
  }
  return accepted;
}

/*
 * gt.rle: decoder for a small LZ77/RLE hybrid ("RL" stream): literals, byte
 * runs and back-references into the output, with the output size declared
 * up front so that one allocation holds it. Two PLANTED BUGS, each marked
 * "BUG" with its canary (harness/include/duet/canary.h):
 *   RLE-1 off-by-one heap overflow: text mode NUL-terminates the output one
 *         byte past the buffer when the output fills it (the curl FTP path
 *         NUL byte out-of-bounds write, CVE-2018-1000120).
 *   RLE-2 out-of-bounds read: a back-reference distance is checked against
 *         the declared size instead of the bytes produced so far, so it can
 *         point before the buffer (the back-reference bound bugs of LZ
 *         decoders, e.g. EDK2's Tiano decompressor, CVE-2017-5731..5735).
 */
#include "rle.h"

#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"

enum { FLAG_TEXT = 0x01, HEADER = 7 };

static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int fail(const char **why, const char *reason, uint8_t *buf) {
  free(buf);
  *why = reason;
  return -1;
}

int gt_rle_decode(const uint8_t *input, size_t size, struct duet_sink *out, const char **why) {
  if (size < HEADER || input[0] != 'R' || input[1] != 'L') return fail(why, "bad magic", NULL);
  uint8_t flags = input[2];
  if (flags & ~FLAG_TEXT) return fail(why, "unknown flags", NULL);
  uint32_t cap = be32(input + 3);
  if (cap > GT_RLE_MAX_OUTPUT) return fail(why, "declared size too large", NULL);
  uint8_t *buf = malloc(cap ? cap : 1);
  if (!buf) return fail(why, "out of memory", NULL);
  size_t pos = 0;
  const uint8_t *p = input + HEADER, *end = input + size;
  while (p < end) {
    uint8_t op = *p++;
    if (op < 0x80) { /* literal: op + 1 bytes follow */
      size_t n = (size_t)op + 1;
      if ((size_t)(end - p) < n) return fail(why, "truncated literal", buf);
      if (n > cap - pos) return fail(why, "output exceeds declared size", buf);
      memcpy(buf + pos, p, n);
      p += n;
      pos += n;
    } else if (op < 0xc0) { /* run: (op & 0x3f) + 3 copies of the next byte */
      size_t n = (size_t)(op & 0x3f) + 3;
      if (p == end) return fail(why, "truncated run", buf);
      if (n > cap - pos) return fail(why, "output exceeds declared size", buf);
      memset(buf + pos, *p++, n);
      pos += n;
    } else { /* back-reference: (op & 0x3f) + 3 bytes from dist:u16 back */
      size_t n = (size_t)(op & 0x3f) + 3;
      if (end - p < 2) return fail(why, "truncated back-reference", buf);
      size_t dist = (size_t)p[0] << 8 | p[1];
      p += 2;
      DUET_CANARY("RLE-2", dist > pos);
      /* BUG RLE-2: must be dist > pos (the bytes produced so far). */
      if (dist == 0 || dist > cap) return fail(why, "bad distance", buf);
      if (n > cap - pos) return fail(why, "output exceeds declared size", buf);
      const uint8_t *src = buf + pos - dist;
      for (size_t i = 0; i < n; i++) buf[pos + i] = src[i]; /* may overlap: byte by byte */
      pos += n;
    }
  }
  if (pos != cap) return fail(why, "output shorter than declared size", buf);
  if (flags & FLAG_TEXT) {
    /* BUG RLE-1: callers read text output as a C string, but the buffer has
       no room for the terminator when the output fills it. */
    DUET_CANARY("RLE-1", pos >= (cap ? cap : 1));
    buf[pos] = '\0';
  }
  int rc = pos ? duet_sink_write(out, buf, pos) : 0;
  free(buf);
  if (rc != 0) {
    *why = "output limit";
    return -1;
  }
  return 0;
}

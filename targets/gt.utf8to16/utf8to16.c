/*
 * gt.utf8to16: UTF-8 to UTF-16LE in two passes, as iconv-style helpers do:
 * measure, allocate once, convert. Two PLANTED BUGS, each marked "BUG" with
 * its canary (harness/include/duet/canary.h):
 *   U16-1 undersized allocation -> heap overflow: the measuring pass counts
 *         code points, but a code point above U+FFFF needs two UTF-16 units
 *         (a size calculation that misses an expansion, CWE-131, as in
 *         Lynx's CVE-2005-3120).
 *   U16-2 infinite loop: in replace mode, resynchronisation skips the bytes
 *         the lead byte announces, from a table whose entries for F8..FF
 *         (the 5- and 6-byte forms RFC 3629 withdrew) are 0, so decoding
 *         stops advancing (libxml2's xmlCurrentChar, CVE-2007-6284).
 */
#include "utf8to16.h"

#include <stdlib.h>

#include "duet/canary.h"

enum { FLAG_REPLACE = 0x01, FLAG_BOM = 0x02, REPLACEMENT = 0xfffd };

/* Bytes announced by a lead byte, indexed by lead >> 3 (RFC 2279's table,
   with the withdrawn 5- and 6-byte forms set to 0). Continuation bytes
   announce 1, so that resynchronisation skips them one at a time. */
static const uint8_t seq_len[32] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                    1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 0};

/* One well-formed sequence at p: its length, or 0 when it is invalid. */
static size_t decode_one(const uint8_t *p, const uint8_t *end, uint32_t *cp) {
  static const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t len = seq_len[p[0] >> 3];
  if (len == 1) {
    if (p[0] >= 0x80) return 0; /* stray continuation byte */
    *cp = p[0];
    return 1;
  }
  if (len == 0 || (size_t)(end - p) < len) return 0;
  uint32_t c = p[0] & (0x7fu >> len);
  for (size_t i = 1; i < len; i++) {
    if ((p[i] & 0xc0) != 0x80) return 0;
    c = c << 6 | (p[i] & 0x3fu);
  }
  if (c < min_for_len[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  *cp = c;
  return len;
}

/* The next code point (U+FFFD for an invalid sequence in replace mode) and
   how far to advance; -1 for an invalid sequence in strict mode. */
static int next(const uint8_t *p, const uint8_t *end, int replace, uint32_t *cp, size_t *advance) {
  size_t n = decode_one(p, end, cp);
  if (n == 0) {
    if (!replace) return -1;
    *cp = REPLACEMENT;
    n = seq_len[p[0] >> 3];
    if (n > (size_t)(end - p)) n = (size_t)(end - p);
    /* BUG U16-2: n is 0 for F8..FF: the caller never advances. */
    DUET_CANARY("U16-2", n == 0);
  }
  *advance = n;
  return 0;
}

int gt_utf8to16(const uint8_t *input, size_t size, struct duet_sink *out, const char **why) {
  if (size == 0) {
    *why = "missing flags";
    return -1;
  }
  uint8_t flags = input[0];
  if (flags & ~(FLAG_REPLACE | FLAG_BOM)) {
    *why = "unknown flags";
    return -1;
  }
  int replace = flags & FLAG_REPLACE;
  const uint8_t *text = input + 1, *end = input + size;

  size_t count = 0;
  for (const uint8_t *p = text; p < end;) {
    uint32_t cp;
    size_t n;
    if (next(p, end, replace, &cp, &n) != 0) {
      *why = "invalid UTF-8";
      return -1;
    }
    count++; /* BUG U16-1: one per code point; above U+FFFF takes two units */
    p += n;
  }

  size_t cap = count + ((flags & FLAG_BOM) ? 1 : 0);
  uint16_t *units = malloc(cap ? cap * sizeof *units : 1);
  if (!units) {
    *why = "out of memory";
    return -1;
  }
  size_t w = 0;
  if (flags & FLAG_BOM) units[w++] = 0xfeff;
  for (const uint8_t *p = text; p < end;) {
    uint32_t cp;
    size_t n;
    next(p, end, replace, &cp, &n);
    /* U16-1 triggers on the first unit pair: the count missed it, so the
       writes run past the array by the time the text ends. */
    DUET_CANARY("U16-1", cp > 0xffff);
    if (cp > 0xffff) {
      units[w++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
      units[w++] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      units[w++] = (uint16_t)cp;
    }
    p += n;
  }

  int rc = 0;
  for (size_t i = 0; i < w && rc == 0; i++) {
    uint8_t le[2] = {(uint8_t)(units[i] & 0xff), (uint8_t)(units[i] >> 8)};
    rc = duet_sink_write(out, le, 2);
  }
  free(units);
  if (rc != 0) {
    *why = "output limit";
    return -1;
  }
  return 0;
}

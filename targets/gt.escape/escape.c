/*
 * gt.escape: decoder for single-line escaped strings (\n \t \r \0 \xHH
 * \x{H..H} and "\c stands for c"), written the way shell and sudo helpers
 * were: on a NUL-terminated copy, with char pointers. Three PLANTED BUGS,
 * each marked "BUG" with its canary (harness/include/duet/canary.h):
 *   ESC-1 off-by-one heap overflow: a backslash at the very end makes the
 *         loop step over the terminator and read (and copy) past the
 *         buffer (sudo "Baron Samedit", CVE-2021-3156).
 *   ESC-2 stack buffer overflow: the digits of \x{...} are copied into a
 *         fixed stack array before their count is checked (pppd EAP,
 *         CVE-2020-8597).
 *   ESC-3 signedness: the control-character test compares a plain (signed)
 *         char, so every byte >= 0x80 counts as a control character and
 *         valid UTF-8 text is rejected (char-signedness comparison bugs, e.g.
 *         MySQL's memcmp-result-as-char CVE-2012-2122).
 */
#include "escape.h"

#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static size_t utf8_encode(uint32_t cp, unsigned char *to) {
  if (cp < 0x80) {
    to[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    to[0] = (unsigned char)(0xc0 | cp >> 6);
    to[1] = (unsigned char)(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    to[0] = (unsigned char)(0xe0 | cp >> 12);
    to[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
    to[2] = (unsigned char)(0x80 | (cp & 0x3f));
    return 3;
  }
  to[0] = (unsigned char)(0xf0 | cp >> 18);
  to[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
  to[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
  to[3] = (unsigned char)(0x80 | (cp & 0x3f));
  return 4;
}

/* \x{H..H}: 1 to 6 hex digits, a Unicode scalar value, written as UTF-8.
   *from points just after "x{"; returns bytes written or -1. */
static int code_point(const char **from, unsigned char *to, const char **why) {
  char digits[8];
  size_t nd = 0;
  const char *p = *from;
  while (*p && *p != '}') {
    DUET_CANARY("ESC-2", nd >= sizeof digits);
    digits[nd++] = *p++; /* BUG ESC-2: nd is not bounded by sizeof digits */
  }
  if (*p != '}') {
    *why = "unterminated code point escape";
    return -1;
  }
  if (nd == 0 || nd > 6) {
    *why = "bad code point escape";
    return -1;
  }
  uint32_t cp = 0;
  for (size_t i = 0; i < nd; i++) {
    int v = hexval(digits[i]);
    if (v < 0) {
      *why = "bad code point escape";
      return -1;
    }
    cp = cp * 16 + (uint32_t)v;
  }
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    *why = "code point out of range";
    return -1;
  }
  *from = p + 1;
  return (int)utf8_encode(cp, to);
}

static int unescape(const char *from, unsigned char *to, size_t *len, const char **why) {
  unsigned char *start = to;
  while (*from) {
    DUET_CANARY("ESC-3", (unsigned char)*from >= 0x80);
    if (*from < 0x20) { /* BUG ESC-3: plain char is signed here */
      *why = "raw control character";
      return -1;
    }
    if (*from != '\\') {
      *to++ = (unsigned char)*from++;
      continue;
    }
    from++;
    DUET_CANARY("ESC-1", *from == '\0');
    /* BUG ESC-1: a backslash that ends the string escapes the terminator. */
    switch (*from) {
    case 'n': *to++ = '\n'; from++; break;
    case 't': *to++ = '\t'; from++; break;
    case 'r': *to++ = '\r'; from++; break;
    case '0': *to++ = '\0'; from++; break;
    case 'x':
      if (from[1] == '{') {
        from += 2;
        int n = code_point(&from, to, why);
        if (n < 0) return -1;
        to += n;
      } else {
        int hi = hexval(from[1]), lo = hi < 0 ? -1 : hexval(from[2]);
        if (lo < 0) {
          *why = "bad hex escape";
          return -1;
        }
        *to++ = (unsigned char)(hi << 4 | lo);
        from += 3;
      }
      break;
    default: *to++ = (unsigned char)*from++; break;
    }
  }
  *len = (size_t)(to - start);
  return 0;
}

int gt_escape_decode(const uint8_t *input, size_t size, struct duet_sink *out, const char **why) {
  if (size && memchr(input, '\0', size)) {
    *why = "raw control character";
    return -1;
  }
  /* Escapes never expand: size + 1 holds the output and a terminator. */
  char *src = malloc(size + 1);
  unsigned char *dst = malloc(size + 1);
  int rc = -1;
  size_t len = 0;
  if (!src || !dst) {
    *why = "out of memory";
  } else {
    if (size) memcpy(src, input, size);
    src[size] = '\0';
    rc = unescape(src, dst, &len, why);
    if (rc == 0 && len && duet_sink_write(out, dst, len) != 0) {
      *why = "output limit";
      rc = -1;
    }
  }
  free(src);
  free(dst);
  return rc;
}

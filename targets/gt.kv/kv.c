/*
 * gt.kv: parser for a small "key=value" config format: a "kv/1" header line,
 * "[name]" sections, "key=value" pairs, and in a [blob] section a size= that
 * declares how long the following data= may be. Both PLANTED BUGS sit in
 * gt_kv_parse, each marked "BUG" with its canary
 * (harness/include/duet/canary.h):
 *   KV-1 off-by-one heap overflow: the copy of the input is NUL-terminated
 *        at buf[n], one byte past the buffer, unless the input ends in '\n'
 *        (the glibc "poisoned NUL byte" in __gconv_translit_find,
 *        CVE-2014-5119).
 *   KV-2 heap overflow: data= is copied into a buffer of the declared size
 *        without checking that it fits (libarchive's zip_read_mac_metadata
 *        allocated the declared uncompressed size and copied the compressed
 *        size, CVE-2016-1541).
 * KV-1 fires on nearly every input; KV-2 only behind a final newline, the
 * header, a [blob] section and a valid size= line.
 */
#include "kv.h"

#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"

static int fail(const char **why, const char *reason, char *buf) {
  free(buf);
  *why = reason;
  return -1;
}

/* Cuts the line at *p, NUL-terminated in place; *p becomes the next line, or NULL. */
static char *next_line(char **p) {
  char *line = *p;
  char *nl = strchr(line, '\n');
  if (nl) {
    *nl = '\0';
    *p = nl + 1;
  } else {
    *p = NULL;
  }
  return line;
}

/* Section names and keys: 1 or more of [A-Za-z0-9_.-]. */
static int is_name(const char *s, size_t len) {
  if (len == 0) return 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
             c == '.' || c == '-';
    if (!ok) return 0;
  }
  return 1;
}

/* size= value: decimal digits only, 1..GT_KV_MAX_BLOB. */
static int parse_size(const char *s, size_t *size) {
  size_t v = 0;
  if (*s == '\0') return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9') return -1;
    v = v * 10 + (size_t)(*s - '0');
    if (v > GT_KV_MAX_BLOB) return -1;
  }
  if (v == 0) return -1;
  *size = v;
  return 0;
}

/* Writes "a\n", or "a\tb\n" when b is not NULL. */
static int emit(struct duet_sink *out, const char *a, size_t alen, const char *b, size_t blen) {
  if (duet_sink_write(out, a, alen) != 0) return -1;
  if (b && (duet_sink_write(out, "\t", 1) != 0 || duet_sink_write(out, b, blen) != 0)) return -1;
  return duet_sink_write(out, "\n", 1);
}

int gt_kv_parse(const uint8_t *input, size_t n, struct duet_sink *out, const char **why) {
  if (n == 0) return fail(why, "empty input", NULL);
  char *buf = malloc(n);
  if (!buf) return fail(why, "out of memory", NULL);
  memcpy(buf, input, n);
  /* The final newline becomes the terminator. BUG KV-1: without one the
     terminator goes to buf[n], past the copy (the buffer needs n + 1). */
  size_t end = buf[n - 1] == '\n' ? n - 1 : n;
  DUET_CANARY("KV-1", end >= n);
  buf[end] = '\0';
  /* A config is a complete file: it ends in a newline. So every input that
     gets past here, KV-2's included, is clear of KV-1. */
  if (end == n) return fail(why, "no final newline", buf);
  if (strlen(buf) != end) return fail(why, "NUL byte", buf);
  char *p = buf;
  if (strcmp(next_line(&p), "kv/1") != 0) return fail(why, "bad header", buf);
  int in_blob = 0;
  size_t declared = 0; /* size= of the current [blob] section; 0 = none yet */
  while (p) {
    char *line = next_line(&p);
    if (line[0] == '\0' || line[0] == '#') continue;
    if (line[0] == '[') {
      size_t len = strlen(line);
      if (len < 3 || line[len - 1] != ']' || !is_name(line + 1, len - 2)) return fail(why, "bad section", buf);
      if (emit(out, line, len, NULL, 0) != 0) return fail(why, "output limit", buf);
      in_blob = strcmp(line, "[blob]") == 0;
      declared = 0;
      continue;
    }
    char *eq = strchr(line, '=');
    if (!eq) return fail(why, "missing =", buf);
    *eq = '\0';
    const char *key = line, *value = eq + 1;
    size_t klen = (size_t)(eq - line), vlen = strlen(value);
    if (!is_name(key, klen)) return fail(why, "bad key", buf);
    if (in_blob && strcmp(key, "size") == 0) {
      if (parse_size(value, &declared) != 0) return fail(why, "bad size", buf);
    } else if (in_blob && strcmp(key, "data") == 0) {
      if (declared == 0) return fail(why, "data before size", buf);
      char *blob = malloc(declared);
      if (!blob) return fail(why, "out of memory", buf);
      DUET_CANARY("KV-2", vlen > declared);
      /* BUG KV-2: the declared size is trusted; must reject vlen > declared. */
      memcpy(blob, value, vlen);
      int rc = emit(out, key, klen, blob, vlen);
      free(blob);
      declared = 0;
      if (rc != 0) return fail(why, "output limit", buf);
      continue;
    }
    if (emit(out, key, klen, value, vlen) != 0) return fail(why, "output limit", buf);
  }
  free(buf);
  return 0;
}

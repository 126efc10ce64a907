/*
 * gt.ringcmd: an interpreter for byte scripts over a FIFO ring that grows
 * by doubling. Commands: 'p' n b[n] push; 'o' n pop to the output; 'd' n
 * repeat the newest byte n times; '(' ... ')' a group, whose output comes
 * out reversed; spaces and newlines are ignored. Two PLANTED BUGS, each
 * marked "BUG" with its canary (harness/include/duet/canary.h):
 *   RING-1 unbounded recursion: groups nest without a depth limit and each
 *          level keeps a 4 KiB buffer on the stack (PHP's deeply nested
 *          arrays, CVE-2007-1285).
 *   RING-2 use-after-free: 'd' keeps a pointer to the newest byte across
 *          pushes that may grow (reallocate) the ring (OpenSSL's message
 *          buffer kept across a realloc, CVE-2016-6309).
 */
#include "ringcmd.h"

#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"

struct ring {
  uint8_t *buf;      /* owned, cap bytes */
  size_t cap, head, count;
};

/* Where output goes: the sink at top level, a group's stack buffer inside. */
struct outbuf {
  struct duet_sink *sink; /* NULL inside a group */
  uint8_t *data;
  size_t len, cap;
};

struct script {
  const uint8_t *p, *end;
  struct ring ring;
};

static int reject(const char **why, const char *reason) {
  *why = reason;
  return -1;
}

static int ring_push(struct ring *r, uint8_t b, const char **why) {
  if (r->count == r->cap) {
    if (r->cap >= GT_RING_MAX) return reject(why, "ring full");
    size_t cap = r->cap * 2;
    uint8_t *buf = malloc(cap);
    if (!buf) return reject(why, "out of memory");
    for (size_t i = 0; i < r->count; i++) buf[i] = r->buf[(r->head + i) % r->cap];
    free(r->buf);
    r->buf = buf;
    r->cap = cap;
    r->head = 0;
  }
  r->buf[(r->head + r->count) % r->cap] = b;
  r->count++;
  return 0;
}

static int put(struct outbuf *o, uint8_t b, const char **why) {
  if (o->sink) return duet_sink_write(o->sink, &b, 1) ? reject(why, "output limit") : 0;
  if (o->len == o->cap) return reject(why, "group output too long");
  o->data[o->len++] = b;
  return 0;
}

static int operand(struct script *s, size_t *n, const char **why) {
  if (s->p == s->end) return reject(why, "missing operand");
  *n = *s->p++;
  return 0;
}

static int run(struct script *s, struct outbuf *o, int depth, const char **why);

static int group(struct script *s, struct outbuf *o, int depth, const char **why) {
  uint8_t local[GT_RING_GROUP_MAX];
  struct outbuf inner = {.sink = NULL, .data = local, .len = 0, .cap = sizeof local};
  DUET_CANARY("RING-1", depth >= 64);
  int rc = run(s, &inner, depth + 1, why); /* BUG RING-1: depth is never limited */
  if (rc < 0) return -1;
  if (rc == 0) return reject(why, "unclosed group");
  for (size_t i = inner.len; i > 0; i--)
    if (put(o, local[i - 1], why) != 0) return -1;
  return 0;
}

static int dup_newest(struct ring *r, size_t n, const char **why) {
  if (r->count == 0) return reject(why, "ring empty");
  const uint8_t *top = &r->buf[(r->head + r->count - 1) % r->cap];
  for (size_t i = 0; i < n; i++) {
    DUET_CANARY("RING-2", r->count == r->cap && r->cap < GT_RING_MAX);
    if (ring_push(r, *top, why) != 0) return -1; /* BUG RING-2: top dangles after a grow */
  }
  return 0;
}

/* Runs commands until the end (returns 0) or a ')' (returns 1); -1 on error. */
static int run(struct script *s, struct outbuf *o, int depth, const char **why) {
  struct ring *r = &s->ring;
  while (s->p < s->end) {
    uint8_t cmd = *s->p++;
    size_t n;
    switch (cmd) {
    case ' ':
    case '\n': break;
    case 'p':
      if (operand(s, &n, why) != 0) return -1;
      if ((size_t)(s->end - s->p) < n) return reject(why, "truncated push");
      for (size_t i = 0; i < n; i++)
        if (ring_push(r, *s->p++, why) != 0) return -1;
      break;
    case 'o':
      if (operand(s, &n, why) != 0) return -1;
      if (n > r->count) return reject(why, "ring underflow");
      for (size_t i = 0; i < n; i++) {
        uint8_t b = r->buf[r->head];
        r->head = (r->head + 1) % r->cap;
        r->count--;
        if (put(o, b, why) != 0) return -1;
      }
      break;
    case 'd':
      if (operand(s, &n, why) != 0 || dup_newest(r, n, why) != 0) return -1;
      break;
    case '(':
      if (group(s, o, depth, why) != 0) return -1;
      break;
    case ')':
      if (depth == 0) return reject(why, "unbalanced group");
      return 1;
    default: return reject(why, "unknown command");
    }
  }
  return 0;
}

int gt_ringcmd_run(const uint8_t *input, size_t size, struct duet_sink *out, const char **why) {
  struct script s = {.p = input, .end = input + size, .ring = {.buf = malloc(8), .cap = 8}};
  if (!s.ring.buf) return reject(why, "out of memory");
  struct outbuf top = {.sink = out};
  int rc = run(&s, &top, 0, why);
  free(s.ring.buf);
  return rc < 0 ? -1 : 0;
}

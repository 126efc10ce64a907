/* The harness-owned output sink behind the contract's duet_sink_* calls. */
#include "sink.h"

#include <stdlib.h>
#include <string.h>

int duet_sink_init(struct duet_sink *sink, size_t bound) {
  memset(sink, 0, sizeof *sink);
  sink->bound = bound;
  return 0;
}

void duet_sink_release(struct duet_sink *sink) {
  free(sink->data);
  memset(sink, 0, sizeof *sink);
}

/* Grows geometrically but never past the bound, so a bomb costs at most
   `bound` bytes of harness memory. */
static int sink_reserve(struct duet_sink *sink, size_t needed) {
  if (needed <= sink->capacity) return 0;
  size_t capacity = sink->capacity ? sink->capacity : 4096;
  while (capacity < needed) capacity = capacity > sink->bound / 2 ? sink->bound : capacity * 2;
  uint8_t *grown = realloc(sink->data, capacity);
  if (!grown) {
    sink->alloc_failed = true;
    return -1;
  }
  sink->data = grown;
  sink->capacity = capacity;
  return 0;
}

int duet_sink_write(struct duet_sink *sink, const void *bytes, size_t size) {
  if (sink->overflowed || sink->alloc_failed) return -1;
  if (size > sink->bound - sink->len) {
    sink->overflowed = true;
    return -1;
  }
  if (size == 0) return 0;
  if (sink_reserve(sink, sink->len + size) != 0) return -1;
  memcpy(sink->data + sink->len, bytes, size);
  sink->len += size;
  return 0;
}

size_t duet_sink_room(const struct duet_sink *sink) {
  return sink->overflowed ? 0 : sink->bound - sink->len;
}

void duet_sink_set_reason(struct duet_sink *sink, const char *reason, size_t size) {
  if (size >= sizeof sink->reason) size = sizeof sink->reason - 1;
  memcpy(sink->reason, reason, size);
  sink->reason[size] = '\0';
}

int duet_sink_reject(struct duet_sink *sink, const char *reason) {
  duet_sink_set_reason(sink, reason, strlen(reason));
  return DUET_REJECT;
}

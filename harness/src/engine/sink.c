/* The harness-owned output sink behind the contract's duet_sink_* calls. */
#include "sink.h"

#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/common_interface_defs.h>
#define DUET_SINK_POISONS 1
#endif
#endif

/* While a reservation is open, the capacity past it is poisoned (ASan's
   container annotation); every other call sees the whole buffer addressable. */
static void poison_past_reservation(struct duet_sink *sink) {
#ifdef DUET_SINK_POISONS
  uint8_t *end = sink->data + sink->capacity;
  __sanitizer_annotate_contiguous_container(sink->data, end, end, sink->data + sink->len + sink->reserved);
#else
  (void)sink;
#endif
}

void duet_sink_settle(struct duet_sink *sink) {
  if (!sink->reserved) return;
#ifdef DUET_SINK_POISONS
  uint8_t *end = sink->data + sink->capacity;
  __sanitizer_annotate_contiguous_container(sink->data, end, sink->data + sink->len + sink->reserved, end);
#endif
  sink->reserved = 0;
}

int duet_sink_init(struct duet_sink *sink, size_t bound) {
  memset(sink, 0, sizeof *sink);
  sink->bound = bound;
  return 0;
}

void duet_sink_release(struct duet_sink *sink) {
  duet_sink_settle(sink);
  free(sink->data);
  memset(sink, 0, sizeof *sink);
}

/* Grows geometrically but never past the bound, so a bomb costs at most
   `bound` bytes of harness memory. */
static int sink_grow(struct duet_sink *sink, size_t needed) {
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

/* Room for `size` more bytes, or -1 with the reason recorded in the sink. */
static int sink_make_room(struct duet_sink *sink, size_t size) {
  duet_sink_settle(sink);
  if (sink->overflowed || sink->alloc_failed) return -1;
  if (size > sink->bound - sink->len) {
    sink->overflowed = true;
    return -1;
  }
  return sink_grow(sink, sink->len + size);
}

int duet_sink_write(struct duet_sink *sink, const void *bytes, size_t size) {
  if (size == 0) return sink->overflowed || sink->alloc_failed ? -1 : 0;
  if (sink_make_room(sink, size) != 0) return -1;
  memcpy(sink->data + sink->len, bytes, size);
  sink->len += size;
  return 0;
}

void *duet_sink_reserve(struct duet_sink *sink, size_t size) {
  if (size == 0 || sink_make_room(sink, size) != 0) return NULL;
  sink->reserved = size;
  poison_past_reservation(sink);
  return sink->data + sink->len;
}

int duet_sink_commit(struct duet_sink *sink, size_t used) {
  if (used > sink->reserved) return -1;
  duet_sink_settle(sink);
  sink->len += used;
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

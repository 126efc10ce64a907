/* Internal: the layout of the sink, private to the harness. */
#ifndef DUET_SINK_H
#define DUET_SINK_H

#include <stdbool.h>

#include "duet/contract.h"
#include "duet/limits.h"

struct duet_sink {
  uint8_t *data;                 /* owned; grown on demand up to bound */
  size_t len;                    /* bytes written */
  size_t capacity;               /* bytes allocated */
  size_t bound;                  /* hard cap on len */
  bool overflowed;               /* a write would have passed the bound */
  bool alloc_failed;             /* the harness ran out of memory */
  size_t reserved;               /* bytes of the last duet_sink_reserve, until committed */
  char reason[DUET_REASON_MAX];  /* last reason set, NUL-terminated */
};

int duet_sink_init(struct duet_sink *sink, size_t bound);
void duet_sink_release(struct duet_sink *sink);
/* Ends an implementation's call: drops a reservation it never committed, so
   that the buffer can be handed on (and freed) as plain memory. */
void duet_sink_settle(struct duet_sink *sink);

#endif /* DUET_SINK_H */

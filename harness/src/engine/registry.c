#include "duet/registry.h"

#include <string.h>

/* A pair's cause function is optional: a weak reference, NULL when its
   adapter defines none. */
#define DUET_TARGET(ident, name)                                  \
  extern const struct duet_impl duet_##ident##_reference;         \
  extern const struct duet_impl *const duet_##ident##_candidates[]; \
  __attribute__((weak)) void duet_##ident##_cause(const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, \
                                                  size_t, size_t, char[DUET_CAUSE_MAX]);
#include "targets.def"
#undef DUET_TARGET

static const struct duet_target registry[] = {
#define DUET_TARGET(id, target_name) \
  {.name = target_name, .ident = #id, .reference = &duet_##id##_reference, .candidates = duet_##id##_candidates, \
   .cause = duet_##id##_cause},
#include "targets.def"
#undef DUET_TARGET
};

const struct duet_target *duet_targets(size_t *count) {
  *count = sizeof registry / sizeof registry[0];
  return registry;
}

const struct duet_target *duet_target_find(const char *name) {
  for (size_t i = 0; i < sizeof registry / sizeof registry[0]; i++)
    if (strcmp(registry[i].name, name) == 0) return &registry[i];
  return NULL;
}

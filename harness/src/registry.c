#include "duet/registry.h"

#include <string.h>

#define DUET_TARGET(ident, name)                                  \
  extern const struct duet_impl duet_##ident##_reference;         \
  extern const struct duet_impl *const duet_##ident##_candidates[];
#include "targets.def"
#undef DUET_TARGET

static const struct duet_target registry[] = {
#define DUET_TARGET(id, target_name) \
  {.name = target_name, .ident = #id, .reference = &duet_##id##_reference, .candidates = duet_##id##_candidates},
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

const struct duet_impl *duet_target_side(const struct duet_target *target, const char *side) {
  if (strcmp(target->reference->name, side) == 0) return target->reference;
  for (const struct duet_impl *const *c = target->candidates; *c; c++)
    if (strcmp((*c)->name, side) == 0) return *c;
  return NULL;
}

size_t duet_target_candidate_count(const struct duet_target *target) {
  size_t n = 0;
  while (target->candidates[n]) n++;
  return n;
}

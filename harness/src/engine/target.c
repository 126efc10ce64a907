/* Questions about one target that need no registry: its sides. */
#include <string.h>

#include "duet/build_info.h"
#include "duet/registry.h"

const struct duet_impl *duet_target_side(const struct duet_target *target, const char *side) {
  if (strcmp(target->reference->name, side) == 0) return target->reference;
  for (const struct duet_impl *const *c = target->candidates; *c; c++)
    if (strcmp((*c)->name, side) == 0) return *c;
  return NULL;
}

const char *duet_target_unavailable(const struct duet_target *target) {
  const char *why = target->reference->unavailable ? target->reference->unavailable() : NULL;
  for (const struct duet_impl *const *c = target->candidates; !why && *c; c++)
    why = (*c)->unavailable ? (*c)->unavailable() : NULL;
  return why;
}

size_t duet_target_candidate_count(const struct duet_target *target) {
  size_t n = 0;
  while (target->candidates[n]) n++;
  return n;
}

bool duet_impl_sanitized(const struct duet_impl *impl) {
  const struct duet_build_info *b = &duet_build_info;
  return (impl->language == DUET_LANG_RUST ? b->rust_sanitized : b->c_sanitized) && !impl->uninstrumented;
}

bool duet_candidates_sanitized(const struct duet_target *target) {
  for (const struct duet_impl *const *c = target->candidates; *c; c++)
    if (!duet_impl_sanitized(*c)) return false;
  return true;
}

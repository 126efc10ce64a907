#include "duet/registry.h"

#include <string.h>

/*
 * The registry array, expanded from targets.def. A fuzz binary compiles this
 * file with DUET_REGISTRY_IDENT and DUET_REGISTRY_NAME, its own line of
 * targets.def as CMake read it, and so holds (and links) that pair alone; the
 * CLI's registry holds every line. DUET_ONE_TARGET expands the two macros
 * before DUET_TARGET pastes them into symbol names.
 */
#define DUET_ONE_TARGET(ident, name) DUET_TARGET(ident, name)
#ifdef DUET_REGISTRY_IDENT
#define DUET_REGISTRY_LINES DUET_ONE_TARGET(DUET_REGISTRY_IDENT, DUET_REGISTRY_NAME)
#endif
/* A build of some targets only (DUET_ONLY_TARGETS) gives the CLI the file of
   the lines it kept. */
#ifndef DUET_REGISTRY_FILE
#define DUET_REGISTRY_FILE "targets.def"
#endif

/* A pair's cause function and tolerance are optional: weak references, NULL
   when its adapter defines none. */
#define DUET_TARGET(ident, name)                                  \
  extern const struct duet_impl duet_##ident##_reference;         \
  extern const struct duet_impl *const duet_##ident##_candidates[]; \
  __attribute__((weak)) void duet_##ident##_cause(const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, \
                                                  size_t, size_t, char[DUET_CAUSE_MAX]); \
  __attribute__((weak)) extern const struct duet_tolerance duet_##ident##_tolerance;
#ifdef DUET_REGISTRY_LINES
DUET_REGISTRY_LINES
#else
#include DUET_REGISTRY_FILE
#endif
#undef DUET_TARGET

static const struct duet_target registry[] = {
#define DUET_TARGET(id, target_name) \
  {.name = target_name, .ident = #id, .reference = &duet_##id##_reference, .candidates = duet_##id##_candidates, \
   .cause = duet_##id##_cause, .tolerance = &duet_##id##_tolerance},
#ifdef DUET_REGISTRY_LINES
DUET_REGISTRY_LINES
#else
#include DUET_REGISTRY_FILE
#endif
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

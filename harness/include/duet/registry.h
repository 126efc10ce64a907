/* The registry of targets, expanded from targets/targets.def. */
#ifndef DUET_REGISTRY_H
#define DUET_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "duet/contract.h"

struct duet_target {
  const char *name;                          /* "zlib.inflate" */
  const char *ident;                         /* "zlib_inflate": C/Rust identifier part */
  const struct duet_impl *reference;         /* the C original */
  const struct duet_impl *const *candidates; /* NULL-terminated, at least one */
  duet_cause_fn cause;                       /* the pair's duet_<ident>_cause, or NULL */
  const struct duet_tolerance *tolerance;    /* the pair's duet_<ident>_tolerance, or NULL: exact */
};

/* All targets in table order. Static storage; *count receives their number. */
const struct duet_target *duet_targets(size_t *count);

/* The target called `name`, or NULL. */
const struct duet_target *duet_target_find(const char *name);

/* The side called `side` ("c", "rust", ...) of `target`, or NULL. */
const struct duet_impl *duet_target_side(const struct duet_target *target, const char *side);

/* Number of candidates of `target`. */
size_t duet_target_candidate_count(const struct duet_target *target);

/* Why some side of `target` cannot run in this build (its `unavailable`
   hook; a static string), or NULL when every side can. */
const char *duet_target_unavailable(const struct duet_target *target);

/* Whether `impl` runs sanitized in this build: its language's build flags
   (duet_build_info), unless it is an uninstrumented binary. */
bool duet_impl_sanitized(const struct duet_impl *impl);

/* Whether every candidate of `target` runs sanitized. */
bool duet_candidates_sanitized(const struct duet_target *target);

#endif /* DUET_REGISTRY_H */

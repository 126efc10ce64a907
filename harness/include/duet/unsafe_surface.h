/*
 * The unsafe surface of a Rust candidate, for claim C5: how much `unsafe`
 * each crate of the target's Rust side compiles, measured by
 * tools/unsafe-count (a syn parser) with the features the build resolved
 * (`cargo metadata`) and the target's cfg, so that code behind #[cfg] that is
 * never compiled is not counted.
 *
 * Roles: "library" is the rewrite's own crates (the adapter's direct
 * dependencies other than duet's), "dependency" their transitive
 * dependencies, "adapter" our duet_target_* crate and "harness" duet_ffi.
 * Build scripts' cfgs come from the build's `cargo build --message-format=json`
 * (rust/build-messages.json). A crate that is a patched copy of another (declared in the adapter's
 * Cargo.toml, [package.metadata.duet] same-as) carries "same_as": "NAME
 * VERSION" and is left out of every total, so that it counts once.
 */
#ifndef DUET_UNSAFE_SURFACE_H
#define DUET_UNSAFE_SURFACE_H

#include <stddef.h>

#include "duet/registry.h"

/* One crate as the build compiles it (every pointer borrowed). */
struct duet_unsafe_crate {
  const char *root;             /* its crate root: src/lib.rs or another */
  const char *const *features;  /* the features the build enables */
  size_t feature_count;
  const char *const *cfgs;      /* cfgs its build script sets: `name` or `name="value"` */
  size_t cfg_count;
};

/*
 * Runs tools/unsafe-count on one crate; the target's cfg comes from the build
 * (duet_build_info.rust_cfg_file). Returns the tool's JSON object (caller
 * owns it: cJSON_Delete), or NULL with a message in `error`.
 */
struct cJSON *duet_unsafe_count_crate(const struct duet_unsafe_crate *crate, char *error, size_t error_size);

/* Sum of unsafe blocks, functions, impls and traits in one crate's object. */
double duet_unsafe_sites(const struct cJSON *crate);

/*
 * The unsafe surface of `target`'s Rust side as a JSON object (caller owns
 * it): "crates", one entry per crate in the adapter's dependency closure
 * (crate, version, role, files, unsafe_blocks, unsafe_functions,
 * unsafe_impls, unsafe_traits, forbids_unsafe_code, in_macros,
 * excluded_by_cfg, optional same_as), and "totals" (sites per rewrite,
 * dependencies and glue). NULL with a message in `error` when the metadata is
 * missing, the target has no Rust adapter crate or the counter fails.
 */
struct cJSON *duet_unsafe_surface(const struct duet_target *target, char *error, size_t error_size);

#endif /* DUET_UNSAFE_SURFACE_H */

/*
 * The unsafe surface of a Rust candidate, for claim C5: how much `unsafe`
 * the rewrite's library crates contain, measured from their sources (comments
 * and string literals skipped), next to the adapter's and the harness's own.
 */
#ifndef DUET_UNSAFE_SURFACE_H
#define DUET_UNSAFE_SURFACE_H

#include <stdbool.h>
#include <stddef.h>

#include "duet/registry.h"

struct duet_unsafe_counts {
  size_t files;        /* .rs files read */
  size_t blocks;       /* unsafe { ... } */
  size_t functions;    /* unsafe fn, unsafe extern "C" fn */
  size_t impls;        /* unsafe impl */
  size_t traits;       /* unsafe trait */
  bool forbids_unsafe; /* #![forbid(unsafe_code)] at the crate root */
};

/* Counts unsafe in every .rs file under `dir`; `root_file` (the crate root)
   is checked for forbid(unsafe_code). Returns 0 or -errno. */
int duet_unsafe_scan(const char *dir, const char *root_file, struct duet_unsafe_counts *counts);

/* Counts unsafe in one Rust source text. */
void duet_unsafe_scan_text(const char *text, size_t size, struct duet_unsafe_counts *counts);

/*
 * The unsafe surface of `target`'s Rust side as a JSON object (caller owns
 * it): one entry per crate in the adapter's dependency closure, each with its
 * role ("library", "adapter", "harness"), name, version and counts, read from
 * the build's `cargo metadata` output. NULL with a message in `error` when
 * the metadata is missing or the target has no Rust adapter crate.
 */
struct cJSON *duet_unsafe_surface(const struct duet_target *target, char *error, size_t error_size);

#endif /* DUET_UNSAFE_SURFACE_H */

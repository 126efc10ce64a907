/* How this build was made; every report records it per side. */
#ifndef DUET_BUILD_INFO_H
#define DUET_BUILD_INFO_H

#include <stdbool.h>

struct duet_build_info {
  const char *duet_version;
  const char *c_compiler;     /* "Clang 14.0.6" */
  const char *c_flags;        /* flags of the harness and every C library */
  const char *c_library_flags; /* "lib: flags (source); ...": what each C library adds
                                  after c_flags in the bench build (duet_debian_build) */
  const char *rust_toolchain; /* "nightly" or "stable (RUSTC_BOOTSTRAP=1)" */
  const char *rust_flags;     /* RUSTFLAGS of the Rust staticlib */
  bool c_sanitized;           /* ASan+UBSan on the C side */
  bool rust_sanitized;        /* ASan on the Rust side: false must be loud */
  const char *source_dir;     /* repo root: default home of corpora/ and reports/ */
  const char *binary_dir;     /* build folder: fuzzers, seeds, dictionaries */
  const char *unsafe_count;   /* tools/unsafe-count's binary (claim C5) */
  const char *rust_cfg_file;  /* `rustc --print cfg` of the Rust side's target and flags */
  const char *reports_dir;    /* default reports root: source_dir/reports, or source_dir/reports/unpatched
                                 for an unpatched build, so its runs and findings never mix with the others */
  bool c_unpatched;           /* DUET_UNPATCHED: each C library without the CVE patches its pair's
                                 cves.json names (scripts/install-deps, third_party/unpatched) */
};

extern const struct duet_build_info duet_build_info;

#endif /* DUET_BUILD_INFO_H */

/*
 * Drop-in targets: the Rust rewrite exports the original library's very C API
 * (libz-rs-sys, libbzip2-rs, brotli-decompressor's ffi), so one adapter written
 * against the original header is compiled once per library, and the rewrite's
 * exports are renamed at build time (targets/README.md, "Drop-in pairs") so that
 * both libraries live in one binary.
 *
 * The danger is silent: link both libraries without renaming, or compile the
 * "Rust" adapter without the renames, and every side calls the same library.
 * The campaign then compares the C library with itself and finds nothing. So
 * every drop-in side carries a descriptor of the entry points its adapter
 * actually resolved, and the harness refuses to run a target whose drop-in
 * sides share any entry point (duet_dropin_guard), at start-up of the CLI and
 * of each fuzz binary.
 */
#ifndef DUET_DROPIN_H
#define DUET_DROPIN_H

#include <stddef.h>
#include <stdio.h>

#include "duet/contract.h"
#include "duet/registry.h"

/* An entry point as one side's adapter resolved it. */
struct duet_dropin_symbol {
  const char *api_name;    /* the name in the original header: "BrotliDecoderDecompress" */
  const char *linked_name; /* the name the adapter linked after renaming: "duet_rs_BrotliDecoderDecompress" */
  void (*address)(void);   /* the code reached; compared across sides, never called */
};

/*
 * One drop-in side: filled by the adapter's compilation unit itself (with
 * DUET_DROPIN_SYMBOL), so renaming mistakes show up in the addresses.
 */
struct duet_dropin {
  const char *header;                        /* the original API's header: "brotli/decode.h" */
  const struct duet_dropin_symbol *symbols;  /* static storage */
  size_t symbol_count;                       /* at least one */
  /* Optional identity probe through the side's own API (a version call),
     for the messages; writes a NUL-terminated text into buf. May be NULL. */
  void (*identity)(char *buf, size_t size);
};

/* A `struct duet_dropin_symbol` for API function `fn`, as the current
   compilation unit resolves it (after any -Dfn=prefix_fn renaming). */
#define DUET_DROPIN_STR_(x) #x
#define DUET_DROPIN_STR(x) DUET_DROPIN_STR_(x)
#define DUET_DROPIN_SYMBOL(api, fn) {api, DUET_DROPIN_STR(fn), (void (*)(void))(fn)}

/*
 * Checks that no two drop-in sides of `target` (sides whose duet_impl.dropin is
 * set) resolve any entry point to the same code, and that every drop-in side
 * lists at least one non-NULL entry point. Returns 0 when the target may run
 * (also for targets without drop-in sides); -1 otherwise, with the reason,
 * naming both sides, the symbol, the address and its owning object, in
 * why[0..why_size) (always NUL-terminated when why_size > 0).
 */
int duet_dropin_check(const struct duet_target *target, char *why, size_t why_size);

/*
 * The start-up form: runs duet_dropin_check and, on refusal, prints
 * "duet: refusing to run TARGET: <reason>" to `err`. Returns 0 or -1.
 */
int duet_dropin_guard(const struct duet_target *target, FILE *err);

#endif /* DUET_DROPIN_H */

/*
 * brotli.decode-abi: the three sides, all running the one adapter
 * (abi_adapter.c) compiled against a different library: libbrotlidec,
 * brotli-decompressor's C exports, and the same crate built with its `unsafe`
 * feature from a patched copy. Each side carries its drop-in descriptor, so
 * the harness refuses to run if two of them reach the same code.
 */
#include <stddef.h>

#include "duet/contract.h"
#include "duet/dropin.h"

#define DUET_ABI_SIDE_DECLS(side)                                                 \
  int duet_brotli_abi_run_##side(const uint8_t *input, size_t size, struct duet_sink *out); \
  extern const struct duet_dropin duet_brotli_abi_dropin_##side;
DUET_ABI_SIDE_DECLS(c)
DUET_ABI_SIDE_DECLS(rust)
DUET_ABI_SIDE_DECLS(rust_unsafe)

#define DUET_ABI_API "BrotliDecoderDecompress | CreateInstance/DecompressStream/DestroyInstance (C ABI"

const struct duet_impl duet_brotli_decode_abi_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libbrotlidec",
    .version = "1.0.9",
    .api = DUET_ABI_API ")",
    .run = duet_brotli_abi_run_c,
    .dropin = &duet_brotli_abi_dropin_c,
};

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "brotli-decompressor",
    .version = "2.3.4",
    .api = DUET_ABI_API ", exports renamed duet_rs_*)",
    .run = duet_brotli_abi_run_rust,
    .dropin = &duet_brotli_abi_dropin_rust,
};

static const struct duet_impl rust_unsafe_candidate = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "brotli-decompressor[unsafe]",
    .version = "2.3.4 patched (brotli-decompressor-unsafe.patch)",
    .api = DUET_ABI_API ", feature unsafe, exports renamed duet_rsu_*)",
    .run = duet_brotli_abi_run_rust_unsafe,
    .dropin = &duet_brotli_abi_dropin_rust_unsafe,
};

const struct duet_impl *const duet_brotli_decode_abi_candidates[] = {&rust_candidate, &rust_unsafe_candidate, NULL};

/*
 * base64.decode, C side: libb64's base64_decode_block over the whole input,
 * one call, as its decode example does. libb64 has no error path: it skips
 * every byte outside the standard alphabet (padding '=' included, anywhere)
 * and drops the bits of an incomplete last group, so this side accepts every
 * input. README.md explains what that means for the comparison.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <b64/cdecode.h>

#include "duet/contract.h"

static int base64_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  if (size > INT_MAX) return duet_sink_reject(out, "input too large");
  /* Every four alphabet bytes make at most three output bytes; the decoder
     also stores a partial byte one past what it counts. */
  char *plain = malloc(size / 4 * 3 + 4);
  if (!plain) return duet_sink_reject(out, "out of memory");
  base64_decodestate state;
  base64_init_decodestate(&state);
  int produced = base64_decode_block((const char *)input, (int)size, plain, &state);
  int status = duet_sink_write(out, plain, (size_t)produced) == 0 ? DUET_ACCEPT : DUET_REJECT;
  free(plain);
  return status;
}

const struct duet_impl duet_base64_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libb64",
    .version = "1.2 (Debian 1.2-5 upstream tarball + Debian's off-by-one fix)",
    .api = "base64_init_decodestate/base64_decode_block",
    .run = base64_decode_c,
};

/* The Rust candidate's entry point (targets/base64.decode/rust). */
int duet_base64_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "base64",
    .version = "0.13.0",
    .api = "base64::decode (STANDARD config)",
    .run = duet_base64_decode_rust,
};

const struct duet_impl *const duet_base64_decode_candidates[] = {&rust_candidate, NULL};

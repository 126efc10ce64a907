/*
 * The reject reason of a brotli decoder error code: its full enum name
 * ("BROTLI_DECODER_ERROR_FORMAT_PADDING_1"), spelled like the Rust crate's
 * Debug output so that both sides of a brotli pair give the same phrase for
 * the same error. Returns static storage; "BROTLI_DECODER_ERROR_INVALID" for
 * a code outside the header's list. Shared by the brotli pairs' C adapters.
 */
#ifndef DUET_BROTLI_REASON_H
#define DUET_BROTLI_REASON_H

#include <brotli/decode.h>

static inline const char *duet_brotli_reason(int code) {
  switch (code) {
#define DUET_BROTLI_CASE(PREFIX, NAME, CODE) \
  case CODE: return "BROTLI_DECODER" #PREFIX #NAME;
#define DUET_BROTLI_NOTHING
    BROTLI_DECODER_ERROR_CODES_LIST(DUET_BROTLI_CASE, DUET_BROTLI_NOTHING)
#undef DUET_BROTLI_CASE
#undef DUET_BROTLI_NOTHING
  default: return "BROTLI_DECODER_ERROR_INVALID";
  }
}

#endif /* DUET_BROTLI_REASON_H */

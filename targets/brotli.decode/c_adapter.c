/*
 * brotli.decode, C side: libbrotlidec's streaming decoder
 * (BrotliDecoderCreateInstance/DecompressStream/DestroyInstance) on one
 * brotli stream (RFC 7932). Accept means the decoder reached the end of the
 * stream (BROTLI_DECODER_RESULT_SUCCESS); bytes after the end are ignored, as
 * BrotliDecoderDecompress itself does. See README.md.
 */
#include <string.h>

#include <brotli/decode.h>

#include "brotli_reason.h"
#include "duet/contract.h"

/* Pushes each window of output straight into the sink so the sink's bound,
   not a buffer of ours, limits decompression bombs. */
static int decode_into(BrotliDecoderState *state, const uint8_t *input, size_t size, struct duet_sink *out) {
  uint8_t window[16384];
  size_t available_in = size;
  const uint8_t *next_in = input;
  for (;;) {
    size_t available_out = sizeof window;
    uint8_t *next_out = window;
    BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, NULL);
    size_t produced = sizeof window - available_out;
    if (produced && duet_sink_write(out, window, produced) != 0) return DUET_REJECT; /* bound hit */
    switch (rc) {
    case BROTLI_DECODER_RESULT_SUCCESS: return DUET_ACCEPT;
    case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue;
    case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: return duet_sink_reject(out, "truncated input");
    default: return duet_sink_reject(out, duet_brotli_reason(BrotliDecoderGetErrorCode(state)));
    }
  }
}

static int brotli_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  BrotliDecoderState *state = BrotliDecoderCreateInstance(NULL, NULL, NULL);
  if (!state) return duet_sink_reject(out, "out of memory");
  int status = decode_into(state, input, size, out);
  BrotliDecoderDestroyInstance(state);
  return status;
}

const struct duet_impl duet_brotli_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libbrotlidec",
    .version = "1.0.9",
    .api = "BrotliDecoderCreateInstance/DecompressStream/DestroyInstance",
    .run = brotli_decode_c,
};

/* The Rust candidate's entry point (targets/brotli.decode/rust). */
int duet_brotli_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "brotli-decompressor",
    .version = "2.3.4",
    .api = "BrotliState::new/BrotliDecompressStream",
    .run = duet_brotli_decode_rust,
};

const struct duet_impl *const duet_brotli_decode_candidates[] = {&rust_candidate, NULL};

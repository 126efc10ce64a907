/*
 * brotli.decode-abi: ONE adapter written against libbrotlidec's header
 * <brotli/decode.h>, compiled once per library (CMakeLists.txt):
 *   - side c:           as is, so the calls reach libbrotlidec;
 *   - side rust:        with -DBrotliDecoderX=duet_rs_BrotliDecoderX, the names
 *                       brotli-decompressor's C exports get in the staticlib;
 *   - side rust_unsafe: with -DBrotliDecoderX=duet_rsu_BrotliDecoderX, the
 *                       patched copy built with its `unsafe` feature.
 * DUET_ABI_SIDE names the side; it suffixes the two things this file defines:
 * duet_brotli_abi_run_<side> (a duet_run_fn) and duet_brotli_abi_dropin_<side>
 * (the entry points this compilation actually resolved, for the identity guard).
 *
 * Input: one control byte, then the brotli stream (README.md).
 *   bit 7 set:   one-shot BrotliDecoderDecompress into a 1 MiB buffer;
 *   bit 7 clear: BrotliDecoderCreateInstance / DecompressStream / DestroyInstance,
 *                the stream fed in chunks of (bits 0-4) + 1 bytes, output taken
 *                in windows of {1, 61, 1024, 16384}[bits 5-6] bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <brotli/decode.h>

#include "brotli_reason.h"
#include "duet/contract.h"
#include "duet/dropin.h"

#ifndef DUET_ABI_SIDE
#error "DUET_ABI_SIDE must name the side (c, rust, rust_unsafe)"
#endif
#define DUET_ABI_CAT_(a, b) a##b
#define DUET_ABI_CAT(a, b) DUET_ABI_CAT_(a, b)
#define DUET_ABI_RUN DUET_ABI_CAT(duet_brotli_abi_run_, DUET_ABI_SIDE)
#define DUET_ABI_DROPIN DUET_ABI_CAT(duet_brotli_abi_dropin_, DUET_ABI_SIDE)

enum { ONE_SHOT_CAPACITY = 1 << 20, WINDOW_MAX = 16384 };

static int decode_one_shot(const uint8_t *stream, size_t size, struct duet_sink *out) {
  size_t room = duet_sink_room(out);
  size_t capacity = room < ONE_SHOT_CAPACITY ? room : ONE_SHOT_CAPACITY;
  uint8_t *buffer = malloc(capacity ? capacity : 1);
  if (!buffer) return duet_sink_reject(out, "out of memory");
  size_t decoded = capacity;
  BrotliDecoderResult rc = BrotliDecoderDecompress(size, stream, &decoded, buffer);
  int status = DUET_ACCEPT;
  if (rc != BROTLI_DECODER_RESULT_SUCCESS)
    status = duet_sink_reject(out, "BrotliDecoderDecompress failed"); /* the one-shot API gives no error code */
  else if (decoded > capacity)
    status = duet_sink_reject(out, "decoded size beyond the buffer"); /* an API contract breach, not a format error */
  else if (decoded && duet_sink_write(out, buffer, decoded) != 0)
    status = DUET_REJECT; /* bound hit */
  free(buffer);
  return status;
}

/* One step's verdict: -1 to go on, else the contract status. */
static int stream_step(BrotliDecoderState *state, BrotliDecoderResult rc, size_t produced, size_t avail_in,
                       int all_fed, struct duet_sink *out) {
  switch (rc) {
  case BROTLI_DECODER_RESULT_SUCCESS: return DUET_ACCEPT;
  case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
    return produced ? -1 : duet_sink_reject(out, "needs more output but produced nothing");
  case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
    if (avail_in) return duet_sink_reject(out, "needs more input but left input unread");
    return all_fed ? duet_sink_reject(out, "truncated input") : -1;
  default: return duet_sink_reject(out, duet_brotli_reason(BrotliDecoderGetErrorCode(state)));
  }
}

static int decode_streaming(const uint8_t *stream, size_t size, size_t chunk, size_t window,
                            struct duet_sink *out) {
  BrotliDecoderState *state = BrotliDecoderCreateInstance(NULL, NULL, NULL);
  if (!state) return duet_sink_reject(out, "out of memory");
  uint8_t buffer[WINDOW_MAX];
  const uint8_t *next_in = stream;
  size_t avail_in = 0, fed = 0;
  int status = -1;
  while (status < 0) {
    if (avail_in == 0 && fed < size) { /* the next chunk, only once the last is consumed */
      next_in = stream + fed;
      avail_in = size - fed < chunk ? size - fed : chunk;
      fed += avail_in;
    }
    size_t avail_out = window;
    uint8_t *next_out = buffer;
    BrotliDecoderResult rc = BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, NULL);
    size_t produced = window - avail_out;
    if (produced && duet_sink_write(out, buffer, produced) != 0)
      status = DUET_REJECT; /* bound hit */
    else
      status = stream_step(state, rc, produced, avail_in, fed == size, out);
  }
  BrotliDecoderDestroyInstance(state);
  return status;
}

/* Declared here, defined for this side; c_adapter.c declares them too. */
int DUET_ABI_RUN(const uint8_t *input, size_t size, struct duet_sink *out);
extern const struct duet_dropin DUET_ABI_DROPIN;

int DUET_ABI_RUN(const uint8_t *input, size_t size, struct duet_sink *out) {
  static const size_t windows[4] = {1, 61, 1024, WINDOW_MAX};
  if (size == 0) return duet_sink_reject(out, "no control byte");
  uint8_t control = input[0];
  if (control & 0x80) return decode_one_shot(input + 1, size - 1, out);
  return decode_streaming(input + 1, size - 1, (size_t)(control & 0x1f) + 1, windows[(control >> 5) & 3], out);
}

/* The identity probe: the version the side's own library reports. */
static void identity(char *buf, size_t size) {
  snprintf(buf, size, "BrotliDecoderVersion() = 0x%08x", (unsigned)BrotliDecoderVersion());
}

static const struct duet_dropin_symbol symbols[] = {
    DUET_DROPIN_SYMBOL("BrotliDecoderCreateInstance", BrotliDecoderCreateInstance),
    DUET_DROPIN_SYMBOL("BrotliDecoderDecompressStream", BrotliDecoderDecompressStream),
    DUET_DROPIN_SYMBOL("BrotliDecoderDestroyInstance", BrotliDecoderDestroyInstance),
    DUET_DROPIN_SYMBOL("BrotliDecoderDecompress", BrotliDecoderDecompress),
    DUET_DROPIN_SYMBOL("BrotliDecoderGetErrorCode", BrotliDecoderGetErrorCode),
    DUET_DROPIN_SYMBOL("BrotliDecoderVersion", BrotliDecoderVersion),
};

const struct duet_dropin DUET_ABI_DROPIN = {
    .header = "brotli/decode.h",
    .symbols = symbols,
    .symbol_count = sizeof symbols / sizeof symbols[0],
    .identity = identity,
};

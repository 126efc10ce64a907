/*
 * snappy.decode, C side: snappy's C API on the raw (unframed) format:
 * snappy_uncompressed_length reads the declared length, then
 * snappy_uncompress decodes into a buffer of exactly that size. Accept means
 * snappy_uncompress returned SNAPPY_OK.
 */
#include <stdlib.h>
#include <string.h>

#include "duet/contract.h"
#include "snappy-c.h"

static const char *status_reason(snappy_status status) {
  switch (status) {
  case SNAPPY_INVALID_INPUT: return "invalid input";
  case SNAPPY_BUFFER_TOO_SMALL: return "buffer too small";
  default: return "unknown status";
  }
}

static int snappy_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  size_t declared;
  snappy_status status = snappy_uncompressed_length((const char *)input, size, &declared);
  if (status != SNAPPY_OK) return duet_sink_reject(out, "invalid length header");
  /* Both sides refuse, before allocating, a declared length the sink could
     not hold: a 5-byte header can ask for 4 GiB. */
  if (declared > duet_sink_room(out)) return duet_sink_reject(out, "declared length over output bound");
  char *plain = malloc(declared ? declared : 1);
  if (!plain) return duet_sink_reject(out, "out of memory");
  size_t produced = declared;
  status = snappy_uncompress((const char *)input, size, plain, &produced);
  int result;
  if (status != SNAPPY_OK) result = duet_sink_reject(out, status_reason(status));
  else result = duet_sink_write(out, plain, produced) == 0 ? DUET_ACCEPT : DUET_REJECT;
  free(plain);
  return result;
}

const struct duet_impl duet_snappy_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "snappy",
    /* snappy's version header is C++; CMakeLists.txt passes the same numbers. */
    .version = DUET_SNAPPY_VERSION " (Debian 1.1.9-3)",
    .api = "snappy_uncompressed_length/snappy_uncompress (C API, raw format)",
    .run = snappy_decode_c,
};

/* The Rust candidate's entry point (targets/snappy.decode/rust). */
int duet_snappy_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "snap",
    .version = "1.1.0",
    .api = "snap::raw::decompress_len + Decoder::decompress_vec",
    .run = duet_snappy_decode_rust,
};

const struct duet_impl *const duet_snappy_decode_candidates[] = {&rust_candidate, NULL};

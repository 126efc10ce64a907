/*
 * zlib.inflate, C side: zlib's inflate() on a zlib-format stream. Accept means
 * inflate() reached Z_STREAM_END, i.e. the adler32 trailer verified; bytes
 * after the end of the stream are ignored (as inflate itself does).
 */
#include <string.h>
#include <zlib.h>

#include "duet/contract.h"

/* Pushes each window of output straight into the sink so the sink's bound,
   not a buffer of ours, limits decompression bombs. */
static int inflate_into(z_stream *zs, struct duet_sink *out) {
  unsigned char window[16384];
  for (;;) {
    zs->next_out = window;
    zs->avail_out = sizeof window;
    int rc = inflate(zs, Z_NO_FLUSH);
    size_t produced = sizeof window - zs->avail_out;
    if (produced && duet_sink_write(out, window, produced) != 0) return DUET_REJECT; /* bound hit */
    if (rc == Z_STREAM_END) return DUET_ACCEPT;
    if (rc == Z_NEED_DICT) return duet_sink_reject(out, "preset dictionary required");
    if (rc == Z_DATA_ERROR) return duet_sink_reject(out, zs->msg ? zs->msg : "data error");
    if (rc == Z_MEM_ERROR) return duet_sink_reject(out, "out of memory");
    if (rc == Z_BUF_ERROR || (rc == Z_OK && zs->avail_in == 0 && produced == 0))
      return duet_sink_reject(out, "truncated input");
  }
}

static int zlib_inflate_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (inflateInit(&zs) != Z_OK) return duet_sink_reject(out, "inflateInit failed");
  /* avail_in is 32-bit: feed at most UINT_MAX; larger inputs are truncated
     in practice never (DUET_INPUT_MAX is far below). */
  zs.next_in = (Bytef *)input;
  zs.avail_in = (uInt)size;
  int status = inflate_into(&zs, out);
  inflateEnd(&zs);
  return status;
}

const struct duet_impl duet_zlib_inflate_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "zlib",
    .version = ZLIB_VERSION,
    .api = "inflateInit/inflate/inflateEnd",
    .run = zlib_inflate_c,
};

/* The Rust candidate's entry point (targets/zlib.inflate/rust). */
int duet_zlib_inflate_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "miniz_oxide",
    .version = "0.6.2",
    .api = "inflate::decompress_to_vec_zlib_with_limit",
    .run = duet_zlib_inflate_rust,
};

const struct duet_impl *const duet_zlib_inflate_candidates[] = {&rust_candidate, NULL};

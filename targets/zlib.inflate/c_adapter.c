/*
 * zlib.inflate, C side: zlib's inflate() on a zlib-format stream. Accept means
 * inflate() reached Z_STREAM_END, i.e. the adler32 trailer verified; bytes
 * after the end of the stream are ignored (as inflate itself does).
 */
#include <limits.h>
#include <string.h>
#include <zlib.h>

#include "duet/contract.h"

/* inflate() decodes straight into the sink in one pass: each call gets space
   at the end of the sink's output, 4 KiB first (the sink's first allocation)
   and then as much as it has already written, the doubling uncompress()'s
   callers do with a buffer of their own. So no byte is copied, inflate() is
   called once for most inputs, and the sink's bound, not a buffer of ours,
   limits decompression bombs. inflate() takes at most UINT_MAX bytes of space
   at a time. */
static size_t space_to_ask(const struct duet_sink *out, size_t written) {
  size_t want = written ? written : 4096;
  size_t room = duet_sink_room(out);
  if (want > room) want = room ? room : 1; /* 1 past the bound: the output limit */
  return want > UINT_MAX ? UINT_MAX : want;
}

static int inflate_into(z_stream *zs, struct duet_sink *out) {
  size_t written = 0;
  for (;;) {
    size_t want = space_to_ask(out, written);
    unsigned char *space = duet_sink_reserve(out, want);
    if (!space) return DUET_REJECT; /* bound hit or out of memory */
    zs->next_out = space;
    zs->avail_out = (uInt)want;
    int rc = inflate(zs, Z_NO_FLUSH);
    size_t produced = want - zs->avail_out;
    duet_sink_commit(out, produced);
    written += produced;
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

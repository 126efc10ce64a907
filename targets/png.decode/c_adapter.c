/*
 * png.decode, C side: libpng's sequential reader (png_read_info,
 * png_read_image, png_read_end) with the transformations that turn every
 * PNG into 8-bit RGBA: expand (palette, low bit depths, tRNS to alpha),
 * strip 16 to 8 bits (high byte), gray to RGB, opaque alpha added where
 * there is none, Adam7 deinterlaced. No gamma or sBIT handling.
 * Output: README.md's header line, then the pixels.
 */
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/contract.h"

/* Largest image decoded, in RGBA bytes (README: both sides use it). */
#define IMAGE_RGBA_MAX ((size_t)1 << 24)

struct png_ctx {
  const uint8_t *data;
  size_t size, pos;
  char reason[160]; /* libpng's error message, chunk-name prefix removed */
  char warning[64]; /* its first warning: what a generic error stands for */
  bool after_image;  /* every row is decoded: png_read_end reads the rest */
};

static void read_input(png_structp png, png_bytep out, size_t want) {
  struct png_ctx *ctx = png_get_io_ptr(png);
  if (want > ctx->size - ctx->pos) png_error(png, "truncated input");
  memcpy(out, ctx->data + ctx->pos, want);
  ctx->pos += want;
}

/* libpng prefixes chunk errors with the chunk's name, which comes from the
   input: 4 characters, each printable one as is and any other as "[XX]"
   (png_format_buffer). Keep only the message so that reasons are stable. */
static const char *skip_chunk_name(const char *m) {
  const char *p = m;
  for (int i = 0; i < 4; i++) {
    if (p[0] == '[' && p[1] && p[2] && p[3] == ']') p += 4;
    else if (*p && *p != ':') p += 1;
    else return m;
  }
  return p[0] == ':' && p[1] == ' ' ? p + 2 : m;
}

static void on_error(png_structp png, png_const_charp message) {
  struct png_ctx *ctx = png_get_error_ptr(png);
  const char *m = skip_chunk_name(message);
  /* png_check_IHDR warns once per problem, then fails with one message for
     all: the first problem is the cause (README, "Causes"). */
  bool generic = strcmp(m, "Invalid IHDR data") == 0 && ctx->warning[0];
  /* The png crate reads no chunk after the image data (README, "Causes"):
     whatever libpng then finds wrong there is that one cause. */
  if (ctx->after_image) snprintf(ctx->reason, sizeof ctx->reason, "a broken chunk after the image data");
  else snprintf(ctx->reason, sizeof ctx->reason, "%s%s%s", m, generic ? ": " : "", generic ? ctx->warning : "");
  png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
  struct png_ctx *ctx = png_get_error_ptr(png); /* warnings do not change acceptance */
  if (!ctx->warning[0]) snprintf(ctx->warning, sizeof ctx->warning, "%s", skip_chunk_name(message));
}

/* Everything that must survive a longjmp lives here, not in locals. */
struct decode {
  png_structp png;
  png_infop info;
  png_bytep pixels;
  png_bytepp rows;
};

static void set_rgba8(png_structp png, png_infop info) {
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
}

/* Runs inside setjmp: every libpng error comes back through on_error. */
static int decode_image(struct decode *d, struct duet_sink *out) {
  png_read_info(d->png, d->info);
  png_uint_32 w, h;
  int depth, color, interlace;
  png_get_IHDR(d->png, d->info, &w, &h, &depth, &color, &interlace, NULL, NULL);
  if ((size_t)w * h > IMAGE_RGBA_MAX / 4) png_error(d->png, "image too large");
  set_rgba8(d->png, d->info);
  if (png_get_rowbytes(d->png, d->info) != (size_t)w * 4) png_error(d->png, "unexpected row size");
  d->pixels = malloc((size_t)w * h * 4 + 1);
  d->rows = malloc(((size_t)h + 1) * sizeof *d->rows);
  if (!d->pixels || !d->rows) png_error(d->png, "out of memory");
  for (png_uint_32 y = 0; y < h; y++) d->rows[y] = d->pixels + (size_t)y * w * 4;
  png_read_image(d->png, d->rows);
  ((struct png_ctx *)png_get_error_ptr(d->png))->after_image = true;
  png_read_end(d->png, NULL);
  char header[128];
  snprintf(header, sizeof header, "png %u %u depth %d color %d interlace %d\n", (unsigned)w, (unsigned)h,
           depth, color, interlace);
  if (duet_sink_write(out, header, strlen(header)) != 0) return DUET_REJECT;
  if (duet_sink_write(out, d->pixels, (size_t)w * h * 4) != 0) return DUET_REJECT;
  return DUET_ACCEPT;
}

static int png_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  struct png_ctx ctx = {.data = input, .size = size};
  struct decode d = {0};
  d.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
  if (!d.png) return duet_sink_reject(out, "out of memory");
  d.info = png_create_info_struct(d.png);
  if (!d.info) {
    png_destroy_read_struct(&d.png, NULL, NULL);
    return duet_sink_reject(out, "out of memory");
  }
  png_set_read_fn(d.png, &ctx, read_input);
  /* `d` is not modified between setjmp and longjmp in this frame (only
     through its address in decode_image), so its fields are valid after. */
  int status;
  if (setjmp(png_jmpbuf(d.png)) == 0) status = decode_image(&d, out);
  else status = duet_sink_reject(out, ctx.reason[0] ? ctx.reason : "libpng error");
  free(d.rows);
  free(d.pixels);
  png_destroy_read_struct(&d.png, &d.info, NULL);
  return status;
}

const struct duet_impl duet_png_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libpng",
    .version = PNG_LIBPNG_VER_STRING " (Debian 1.6.39-2+deb12u5)",
    .api = "png_read_info/png_read_image/png_read_end with expand, strip_16, gray_to_rgb, add_alpha",
    .run = png_decode_c,
};

/* The Rust candidate's entry point (targets/png.decode/rust). */
int duet_png_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "png",
    .version = "0.17.7",
    .api = "Decoder::read_info/Reader::next_frame with EXPAND | STRIP_16",
    .run = duet_png_decode_rust,
};

const struct duet_impl *const duet_png_decode_candidates[] = {&rust_candidate, NULL};

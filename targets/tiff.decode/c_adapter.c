/*
 * tiff.decode, C side: libtiff's RGBA reader over the input bytes
 * (TIFFClientOpenExt over the input bytes, not mapped, then TIFFRGBAImageOK,
 * TIFFRGBAImageBegin, TIFFRGBAImageGet, TIFFRGBAImageEnd) on the first
 * image, rows as stored (the Orientation tag is not applied: the requested
 * orientation is the file's own). Output: README.md's header line, then the
 * pixels as 8-bit RGBA; an image outside the formats both sides convert is
 * decoded all the same, then rejected (README, "Accept rule").
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

#include "duet/contract.h"

/* Largest image decoded, in RGBA bytes (README: both sides use it). */
#define IMAGE_RGBA_MAX ((size_t)1 << 24)
/* libtiff's largest single allocation: above every buffer an image within
   IMAGE_RGBA_MAX needs (a 16-bit RGBA strip: 32 MiB), so that ours decides. */
#define TIFF_ALLOC_MAX ((tmsize_t)64 << 20)
/* The reason when the image is outside the formats both sides convert. */
#define OUTSIDE_SHARED "a format outside the shared set"
/* The size of the message buffer TIFFRGBAImageOK and TIFFRGBAImageBegin
   take (tiffio.h declares it char[1024]; tif_getimage.c's EMSG_BUF_SIZE). */
#define TIFF_EMSG_SIZE 1024

struct mem {
  const uint8_t *data;
  size_t size, pos;
  char reason[160]; /* libtiff's first error, digits removed */
};

static tmsize_t mem_read(thandle_t h, void *buf, tmsize_t want) {
  struct mem *m = h;
  size_t n = m->pos < m->size ? m->size - m->pos : 0;
  if (want < 0) return -1;
  if ((size_t)want < n) n = (size_t)want;
  memcpy(buf, m->data + m->pos, n);
  m->pos += n;
  return (tmsize_t)n;
}

static tmsize_t mem_write(thandle_t h, void *buf, tmsize_t size) {
  (void)h, (void)buf, (void)size;
  return -1; /* opened read-only */
}

static toff_t mem_seek(thandle_t h, toff_t off, int whence) {
  struct mem *m = h;
  uint64_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->size : 0;
  if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return (toff_t)-1;
  if (off > UINT64_MAX - base || base + off > SIZE_MAX) return (toff_t)-1;
  m->pos = (size_t)(base + off); /* past the end is allowed; reads get 0 bytes */
  return m->pos;
}

static int mem_close(thandle_t h) {
  (void)h;
  return 0;
}

static toff_t mem_size(thandle_t h) {
  return ((struct mem *)h)->size;
}

/* No mapping, as GDAL's TIFFClientOpen does: libtiff copies each strip into
   its own buffer. Mapped, UBSan reports LZWDecode's 8-byte loads at the
   strip's (odd) offset on nearly every LZW input (README, "Findings"). */
static int mem_map(thandle_t h, void **base, toff_t *size) {
  (void)h, (void)base, (void)size;
  return 0;
}

static void mem_unmap(thandle_t h, void *base, toff_t size) {
  (void)h, (void)base, (void)size;
}

/* A reason names the cause, not the input: the message without its digits
   (strip numbers, tag values), prefixed with libtiff's module. */
static void set_reason(char *out, size_t cap, const char *module, const char *text) {
  size_t n = 0;
  if (module && *module) n = (size_t)snprintf(out, cap, "%s: ", module);
  if (n >= cap) n = cap - 1;
  for (const char *p = text; *p && n + 1 < cap; p++)
    if (*p < '0' || *p > '9') out[n++] = *p;
  out[n] = '\0';
}

static int on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
  (void)tif;
  struct mem *m = user;
  if (m->reason[0]) return 1; /* the first error is the cause */
  char text[256];
  vsnprintf(text, sizeof text, fmt, ap);
  /* the module is often the file name we gave: say nothing then */
  set_reason(m->reason, sizeof m->reason, module && strcmp(module, "input") ? module : NULL, text);
  return 1;
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
  (void)tif, (void)user, (void)module, (void)fmt, (void)ap;
  return 1; /* warnings do not change acceptance */
}

/* The first image's fields that decide the format (README, "Accept rule"). */
struct format {
  uint32_t w, h;
  uint16_t photometric, samples, bits, sampleformat, compression;
};

static bool shared_format(const struct format *f) {
  bool depth = f->bits == 8 || f->bits == 16;
  bool gray = f->photometric <= PHOTOMETRIC_MINISBLACK && f->samples == 1;
  bool rgb = f->photometric == PHOTOMETRIC_RGB && (f->samples == 3 || f->samples == 4);
  bool jpeg = f->compression == COMPRESSION_OJPEG || f->compression == COMPRESSION_JPEG;
  return depth && (gray || rgb) && f->sampleformat == SAMPLEFORMAT_UINT && !jpeg;
}

static void read_format(TIFF *tif, struct format *f) {
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &f->w);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &f->h);
  TIFFGetFieldDefaulted(tif, TIFFTAG_PHOTOMETRIC, &f->photometric);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &f->samples);
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &f->bits);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &f->sampleformat);
  TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &f->compression);
}

static int reject_tiff(struct duet_sink *out, const struct mem *m, const char *fallback) {
  return duet_sink_reject(out, m->reason[0] ? m->reason : fallback);
}

/* Writes the header line and the raster (libtiff's ABGR words) as RGBA bytes. */
static int write_image(struct duet_sink *out, const struct format *f, const uint32_t *raster) {
  char header[128];
  snprintf(header, sizeof header, "tiff %u %u photometric %u samples %u bits %u\n", (unsigned)f->w,
           (unsigned)f->h, (unsigned)f->photometric, (unsigned)f->samples, (unsigned)f->bits);
  if (duet_sink_write(out, header, strlen(header)) != 0) return DUET_REJECT;
  size_t count = (size_t)f->w * f->h;
  if (count == 0) return DUET_ACCEPT;
  uint8_t *px = duet_sink_reserve(out, count * 4);
  if (!px) return DUET_REJECT; /* the harness reports output-limit */
  for (size_t i = 0; i < count; i++) {
    uint32_t v = raster[i];
    px[4 * i] = (uint8_t)TIFFGetR(v);
    px[4 * i + 1] = (uint8_t)TIFFGetG(v);
    px[4 * i + 2] = (uint8_t)TIFFGetB(v);
    px[4 * i + 3] = (uint8_t)TIFFGetA(v);
  }
  return duet_sink_commit(out, count * 4) == 0 ? DUET_ACCEPT : DUET_REJECT;
}

/* The RGBA reader on the current directory, stopping at the first error. */
static int read_rgba(TIFF *tif, struct mem *m, struct format *f, struct duet_sink *out) {
  char emsg[TIFF_EMSG_SIZE] = "";
  TIFFRGBAImage img;
  if (!TIFFRGBAImageOK(tif, emsg) || !TIFFRGBAImageBegin(&img, tif, 1, emsg)) {
    if (!m->reason[0]) set_reason(m->reason, sizeof m->reason, NULL, emsg);
    return reject_tiff(out, m, "RGBA reader refused the image");
  }
  img.req_orientation = img.orientation; /* rows as stored */
  f->photometric = img.photometric;      /* without the tag: the one it assumes */
  size_t count = (size_t)f->w * f->h;
  uint32_t *raster = malloc(count ? count * 4 : 4);
  int ok = raster && TIFFRGBAImageGet(&img, raster, f->w, f->h);
  TIFFRGBAImageEnd(&img);
  int status;
  if (!raster) status = duet_sink_reject(out, "out of memory");
  else if (!ok) status = reject_tiff(out, m, "RGBA reader failed");
  else if (!shared_format(f)) status = duet_sink_reject(out, OUTSIDE_SHARED);
  else status = write_image(out, f, raster);
  free(raster);
  return status;
}

static int decode(TIFF *tif, struct mem *m, struct duet_sink *out) {
  struct format f = {0};
  read_format(tif, &f);
  if ((uint64_t)f.w * f.h > IMAGE_RGBA_MAX / 4) return duet_sink_reject(out, "image too large");
  return read_rgba(tif, m, &f, out);
}

/* libtiff over the input bytes; NULL (the reason in m) when it cannot open. */
static TIFF *open_tiff(struct mem *m) {
  TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
  if (!opts) return NULL;
  TIFFOpenOptionsSetMaxSingleMemAlloc(opts, TIFF_ALLOC_MAX);
  TIFFOpenOptionsSetErrorHandlerExtR(opts, on_error, m);
  TIFFOpenOptionsSetWarningHandlerExtR(opts, on_warning, m);
  TIFF *tif = TIFFClientOpenExt("input", "r", m, mem_read, mem_write, mem_seek, mem_close, mem_size, mem_map,
                                mem_unmap, opts);
  TIFFOpenOptionsFree(opts);
  return tif;
}

static int tiff_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  struct mem m = {.data = input, .size = size};
  TIFF *tif = open_tiff(&m);
  if (!tif) return reject_tiff(out, &m, "cannot open");
  int status = decode(tif, &m, out);
  TIFFClose(tif);
  return status;
}

/* The header field a difference falls in: the word before its value. */
static void header_field(const uint8_t *ref, size_t at, char cause[DUET_CAUSE_MAX]) {
  static const char *const fields[] = {"width", "height", "photometric", "samples", "bits"};
  size_t spaces = 0;
  for (size_t i = 0; i < at; i++) spaces += ref[i] == ' ';
  /* "tiff W H photometric P samples S bits B": values after spaces 1, 2, 4, 6, 8 */
  size_t k = spaces <= 2 ? (spaces ? spaces - 1 : 0) : (spaces - 1) / 2 + 1;
  snprintf(cause, DUET_CAUSE_MAX, "header differs: %s", fields[k < 5 ? k : 4]);
}

/* Tiled, with a width or height that is a multiple of the tile's: the
   crate computes that side's padding as a whole tile (README, "Findings"). */
static bool tiles_fill_image(TIFF *tif) {
  uint32_t w = 0, h = 0, tw = 0, th = 0;
  if (!TIFFIsTiled(tif)) return false;
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
  TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tw);
  TIFFGetField(tif, TIFFTAG_TILELENGTH, &th);
  return (tw && w % tw == 0) || (th && h % th == 0);
}

/*
 * The pair's cause of an output mismatch (README, "Causes"): separate planes
 * (the crate ignores PlanarConfiguration), tiles that fill a side exactly,
 * else which header field, else whether a colour or an alpha byte differs
 * first.
 */
void duet_tiff_decode_cause(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                            const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                            char cause[DUET_CAUSE_MAX]) {
  (void)candidate, (void)candidate_len;
  struct mem m = {.data = input, .size = size};
  TIFF *tif = open_tiff(&m);
  uint16_t planar = PLANARCONFIG_CONTIG;
  bool whole_tiles = false;
  if (tif) {
    TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
    whole_tiles = tiles_fill_image(tif);
    TIFFClose(tif);
  }
  const uint8_t *nl = memchr(reference, '\n', reference_len);
  size_t header = nl ? (size_t)(nl - reference) + 1 : reference_len;
  if (planar == PLANARCONFIG_SEPARATE) snprintf(cause, DUET_CAUSE_MAX, "separate planes");
  else if (whole_tiles) snprintf(cause, DUET_CAUSE_MAX, "tiles fill a side exactly");
  else if (first_difference < header) header_field(reference, first_difference, cause);
  else if (first_difference >= reference_len) snprintf(cause, DUET_CAUSE_MAX, "pixel count differs");
  else snprintf(cause, DUET_CAUSE_MAX, (first_difference - header) % 4 == 3 ? "alpha differs" : "colour differs");
}

const struct duet_impl duet_tiff_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "libtiff",
    .version = DUET_STRINGIFY(TIFFLIB_MAJOR_VERSION) "." DUET_STRINGIFY(TIFFLIB_MINOR_VERSION) "." DUET_STRINGIFY(
        TIFFLIB_MICRO_VERSION) " (Debian 4.5.0-6+deb12u4)",
    .api = "TIFFClientOpenExt/TIFFRGBAImageOK/TIFFRGBAImageBegin/TIFFRGBAImageGet (orientation as stored)",
    .run = tiff_decode_c,
};

/* The Rust candidate's entry point (targets/tiff.decode/rust). */
int duet_tiff_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "tiff",
    .version = "0.7.3",
    .api = "Decoder::new/Decoder::read_image, converted to RGBA8 by the adapter",
    .run = duet_tiff_decode_rust,
};

const struct duet_impl *const duet_tiff_decode_candidates[] = {&rust_candidate, NULL};

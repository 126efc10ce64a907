/*
 * Seed corpus for tiff.decode, made at build time with libtiff's own writer:
 * strips and tiles, 8- and 16-bit gray (both photometrics) and RGB(A) with
 * each alpha kind, both byte orders, every codec built in (none, LZW,
 * PackBits, Deflate and old Deflate, with and without the horizontal
 * predictor), and a few formats outside the shared set (palette, 1-bit,
 * separate planes) so that libtiff's other conversions are fuzzed too, and
 * two tiled images that meet a bug each (README, "Findings").
 * Usage: duet_seeds_tiff_decode OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

struct spec {
  uint32_t w, h;
  uint16_t photometric, samples, bits, compression, predictor, extra, planar;
  uint32_t tile;  /* tile side (a multiple of 16), 0 for strips */
  uint32_t strip; /* rows per strip */
  const char *mode; /* "w": little-endian, "wb": big-endian */
};

/* One plane's or the whole contiguous image's bytes, a fixed pattern. */
static void fill(uint8_t *buf, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)(i * 37 + (i >> 5) * 11 + seed * 53);
}

static void set_fields(TIFF *tif, const struct spec *s) {
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, s->w);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, s->h);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, s->bits);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, s->samples);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, s->photometric);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, s->compression);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, s->planar);
  if (s->predictor) TIFFSetField(tif, TIFFTAG_PREDICTOR, s->predictor);
  if (s->extra) {
    uint16_t info[1] = {(uint16_t)(s->extra - 1)}; /* extra: 1 + EXTRASAMPLE_* */
    TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, 1, info);
  }
  if (s->photometric == PHOTOMETRIC_PALETTE) {
    static uint16_t r[256], g[256], b[256];
    for (int i = 0; i < 256; i++) {
      r[i] = (uint16_t)(i * 257);
      g[i] = (uint16_t)((255 - i) * 257);
      b[i] = (uint16_t)((i * 7 % 256) * 257);
    }
    TIFFSetField(tif, TIFFTAG_COLORMAP, r, g, b);
  }
  if (s->tile) {
    TIFFSetField(tif, TIFFTAG_TILEWIDTH, s->tile);
    TIFFSetField(tif, TIFFTAG_TILELENGTH, s->tile);
  } else {
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, s->strip);
  }
}

/* Copies tile (tx, ty) of a plane of `rowbytes`-wide rows into `tile`. */
static void cut_tile(const struct spec *s, const uint8_t *plane, size_t px, uint32_t tx, uint32_t ty, uint8_t *tile) {
  size_t tilerow = s->tile * px;
  memset(tile, 0, tilerow * s->tile);
  for (uint32_t y = 0; y < s->tile && ty + y < s->h; y++) {
    uint32_t cols = s->w - tx < s->tile ? s->w - tx : s->tile;
    memcpy(tile + y * tilerow, plane + ((size_t)(ty + y) * s->w + tx) * px, cols * px);
  }
}

static int write_planes(TIFF *tif, const struct spec *s, uint8_t *data) {
  int contig = s->planar == PLANARCONFIG_CONTIG;
  size_t px = contig ? (size_t)s->samples * s->bits / 8 : (size_t)s->bits / 8;
  size_t plane = (size_t)s->w * s->h * px;
  uint16_t planes = contig ? 1 : s->samples;
  uint8_t *tile = s->tile ? malloc((size_t)s->tile * s->tile * px) : NULL;
  if (s->tile && !tile) return -1;
  for (uint16_t p = 0; p < planes; p++)
    for (uint32_t y = 0; y < s->h; y += s->tile ? s->tile : 1)
      if (s->tile) {
        for (uint32_t x = 0; x < s->w; x += s->tile) {
          cut_tile(s, data + p * plane, px, x, y, tile);
          if (TIFFWriteTile(tif, tile, x, y, 0, p) < 0) goto fail;
        }
      } else if (TIFFWriteScanline(tif, data + p * plane + (size_t)y * s->w * px, y, p) < 0) {
        goto fail;
      }
  free(tile);
  return 0;
fail:
  free(tile);
  return -1;
}

static int write_tiff(const char *path, const struct spec *s, unsigned seed) {
  size_t bits = (size_t)s->w * s->h * s->samples * s->bits;
  size_t bytes = bits / 8 + 8;
  uint8_t *data = malloc(bytes);
  TIFF *tif = TIFFOpen(path, s->mode);
  if (!data || !tif) {
    free(data);
    if (tif) TIFFClose(tif);
    return -1;
  }
  fill(data, bytes, seed);
  set_fields(tif, s);
  int status = write_planes(tif, s, data);
  TIFFClose(tif);
  free(data);
  return status;
}

#define GRAY PHOTOMETRIC_MINISBLACK
#define WHITE PHOTOMETRIC_MINISWHITE
#define RGB PHOTOMETRIC_RGB
#define PAL PHOTOMETRIC_PALETTE
#define CONTIG PLANARCONFIG_CONTIG
#define SEPARATE PLANARCONFIG_SEPARATE
#define ASSOC (1 + EXTRASAMPLE_ASSOCALPHA)
#define UNASSOC (1 + EXTRASAMPLE_UNASSALPHA)
#define UNSPEC (1 + EXTRASAMPLE_UNSPECIFIED)

/* Order fixed: test.sh names seeds by number. */
static const struct spec seeds[] = {
    {7, 5, GRAY, 1, 8, COMPRESSION_NONE, 0, 0, CONTIG, 0, 2, "w"},              /* 0 */
    {6, 4, GRAY, 1, 16, COMPRESSION_LZW, 0, 0, CONTIG, 0, 3, "wb"},             /* 1 */
    {9, 3, WHITE, 1, 8, COMPRESSION_PACKBITS, 0, 0, CONTIG, 0, 1, "w"},         /* 2 */
    {20, 18, RGB, 3, 8, COMPRESSION_ADOBE_DEFLATE, 2, 0, CONTIG, 16, 0, "w"},   /* 3 */
    {5, 6, RGB, 3, 16, COMPRESSION_LZW, 0, 0, CONTIG, 0, 4, "wb"},              /* 4 */
    {17, 18, RGB, 4, 8, COMPRESSION_NONE, 0, UNASSOC, CONTIG, 16, 0, "w"},      /* 5 */
    {4, 4, RGB, 4, 16, COMPRESSION_ADOBE_DEFLATE, 0, ASSOC, CONTIG, 0, 2, "w"}, /* 6 */
    {6, 3, RGB, 4, 8, COMPRESSION_LZW, 2, 0, CONTIG, 0, 3, "wb"},               /* 7: no ExtraSamples */
    {8, 2, RGB, 4, 8, COMPRESSION_PACKBITS, 0, UNSPEC, CONTIG, 0, 2, "w"},      /* 8 */
    {18, 17, GRAY, 1, 8, COMPRESSION_DEFLATE, 0, 0, CONTIG, 16, 0, "wb"},       /* 9: old Deflate */
    {11, 4, GRAY, 1, 16, COMPRESSION_ADOBE_DEFLATE, 2, 0, CONTIG, 0, 4, "w"},   /* 10 */
    {5, 5, WHITE, 1, 16, COMPRESSION_NONE, 0, 0, CONTIG, 0, 5, "wb"},           /* 11 */
    /* outside the shared set */
    {8, 6, PAL, 1, 8, COMPRESSION_LZW, 0, 0, CONTIG, 0, 2, "w"},                /* 12 */
    {16, 4, GRAY, 1, 1, COMPRESSION_PACKBITS, 0, 0, CONTIG, 0, 4, "w"},         /* 13 */
    {16, 4, GRAY, 1, 4, COMPRESSION_NONE, 0, 0, CONTIG, 0, 4, "wb"},            /* 14 */
    {6, 4, RGB, 3, 8, COMPRESSION_NONE, 0, 0, SEPARATE, 0, 4, "w"},             /* 15 */
    /* shared, but the crate decodes no pixel of it (README, "Findings") */
    {64, 32, GRAY, 1, 8, COMPRESSION_NONE, 0, 0, CONTIG, 32, 0, "w"},           /* 16 */
    /* shared, but libtiff rejects its 256-byte uncompressed tiles when the
       file is not mapped (README, "Findings") */
    {20, 18, GRAY, 1, 8, COMPRESSION_NONE, 0, 0, CONTIG, 16, 0, "w"},           /* 17 */
};

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  TIFFSetWarningHandler(NULL);
  size_t n = sizeof seeds / sizeof seeds[0];
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/seed-%02zu.tif", argv[1], i);
    if (write_tiff(path, &seeds[i], (unsigned)i) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
  }
  printf("seeds: wrote %zu TIFF files to %s\n", n, argv[1]);
  return 0;
}

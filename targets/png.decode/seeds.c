/*
 * Seed corpus for png.decode, made at build time with libpng's own writer:
 * every valid colour type and bit depth, plain and Adam7-interlaced, with
 * and without tRNS, a few ancillary chunks (gAMA, pHYs, tEXt), and odd
 * sizes so that partial bytes and short interlace passes are covered.
 * Usage: duet_seeds_png_decode OUTDIR
 */
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct spec {
  int color, depth, interlace, trns;
  png_uint_32 w, h;
};

static void fill_row(png_bytep row, const struct spec *s, png_uint_32 y) {
  int channels = s->color == PNG_COLOR_TYPE_RGB ? 3 : s->color == PNG_COLOR_TYPE_RGB_ALPHA ? 4
                 : s->color == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
  size_t bits = (size_t)s->w * (size_t)channels * (size_t)s->depth;
  size_t bytes = (bits + 7) / 8;
  for (size_t i = 0; i < bytes; i++) row[i] = (png_byte)(i * 29 + y * 71 + (size_t)s->color * 13);
}

static int write_png(const char *path, const struct spec *s) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  png_bytep row = malloc((size_t)s->w * 8 + 8);
  if (!png || !info || !row || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    free(row);
    fclose(f);
    return -1;
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, s->w, s->h, s->depth, s->color, s->interlace, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (s->color == PNG_COLOR_TYPE_PALETTE) {
    png_color palette[256];
    int entries = 1 << s->depth;
    for (int i = 0; i < entries; i++)
      palette[i] = (png_color){(png_byte)(i * 7), (png_byte)(255 - i), (png_byte)(i * 3)};
    png_set_PLTE(png, info, palette, entries);
    if (s->trns) {
      png_byte alpha[4] = {0, 128, 255, 64};
      png_set_tRNS(png, info, alpha, entries < 4 ? entries : 4, NULL);
    }
  } else if (s->trns) {
    png_color_16 key = {.gray = 1, .red = 29, .green = 58, .blue = 87};
    png_set_tRNS(png, info, NULL, 0, &key);
  }
  png_set_gAMA(png, info, 0.45455);
  png_set_pHYs(png, info, 2835, 2835, PNG_RESOLUTION_METER);
  png_text text = {.compression = PNG_TEXT_COMPRESSION_NONE, .key = "Software", .text = "duet seeds"};
  png_set_text(png, info, &text, 1);
  png_write_info(png, info);
  int passes = png_set_interlace_handling(png);
  for (int pass = 0; pass < passes; pass++)
    for (png_uint_32 y = 0; y < s->h; y++) {
      fill_row(row, s, y);
      png_write_row(png, row);
    }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  free(row);
  return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  static const struct { int color, depths[5]; } combos[] = {
      {PNG_COLOR_TYPE_GRAY, {1, 2, 4, 8, 16}}, {PNG_COLOR_TYPE_RGB, {8, 16}},
      {PNG_COLOR_TYPE_PALETTE, {1, 2, 4, 8}},  {PNG_COLOR_TYPE_GRAY_ALPHA, {8, 16}},
      {PNG_COLOR_TYPE_RGB_ALPHA, {8, 16}},
  };
  int n = 0;
  for (size_t c = 0; c < sizeof combos / sizeof combos[0]; c++)
    for (size_t d = 0; d < 5 && combos[c].depths[d]; d++) {
      int color = combos[c].color, depth = combos[c].depths[d];
      int alpha = color & PNG_COLOR_MASK_ALPHA;
      struct spec s = {color, depth, n % 2 ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                       !alpha && n % 3 != 1, (png_uint_32)(3 + n % 9), (png_uint_32)(2 + n % 7)};
      char path[4096];
      snprintf(path, sizeof path, "%s/seed-%03d.png", argv[1], n++);
      if (write_png(path, &s) != 0) {
        fprintf(stderr, "seeds: cannot write %s\n", path);
        return 1;
      }
    }
  printf("seeds: wrote %d PNG files to %s\n", n, argv[1]);
  return 0;
}

/*
 * Seed corpus for gif.decode, made at build time with giflib's own encoder
 * (EGif*): global and local palettes of several depths, interlaced frames,
 * transparency and disposal in Graphic Control Extensions, animations with
 * offset frames, comment and NETSCAPE loop extensions.
 * Usage: duet_seeds_gif_decode OUTDIR
 */
#include <gif_lib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct frame_spec {
  int left, top, width, height;
  int local_bits;   /* 0: use the global palette */
  bool interlace;
  int transparent;  /* -1: no GCE transparency */
  int disposal, delay;
  bool gce;
};

static ColorMapObject *make_map(int bits, int seed) {
  int count = 1 << bits;
  ColorMapObject *map = GifMakeMapObject(count, NULL);
  if (!map) return NULL;
  for (int i = 0; i < count; i++) {
    map->Colors[i].Red = (GifByteType)(i * 37 + seed);
    map->Colors[i].Green = (GifByteType)(i * 91 + 2 * seed);
    map->Colors[i].Blue = (GifByteType)(255 - i * 13);
  }
  return map;
}

static int put_frame(GifFileType *gif, const struct frame_spec *f, int colors, int seed) {
  if (f->gce) {
    GraphicsControlBlock gcb = {.DisposalMode = f->disposal, .DelayTime = f->delay,
                                .TransparentColor = f->transparent};
    GifByteType ext[4];
    size_t len = EGifGCBToExtension(&gcb, ext);
    if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, (int)len, ext) == GIF_ERROR) return -1;
  }
  ColorMapObject *local = f->local_bits ? make_map(f->local_bits, seed + 7) : NULL;
  if (f->local_bits) colors = 1 << f->local_bits;
  int rc = EGifPutImageDesc(gif, f->left, f->top, f->width, f->height, f->interlace, local);
  GifFreeMapObject(local);
  if (rc == GIF_ERROR) return -1;
  GifPixelType row[256];
  static const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
  int passes = f->interlace ? 4 : 1;
  /* Interlaced rows go out in pass order, as the format stores them. */
  for (int pass = 0; pass < passes; pass++)
    for (int y = f->interlace ? start[pass] : 0; y < f->height; y += f->interlace ? step[pass] : 1) {
      for (int x = 0; x < f->width; x++) row[x] = (GifPixelType)((x * 3 + y * 5 + seed) % colors);
      if (EGifPutLine(gif, row, f->width) == GIF_ERROR) return -1;
    }
  return 0;
}

static int write_gif(const char *path, int w, int h, int global_bits, const struct frame_spec *frames,
                     int count, bool extras) {
  int err = 0;
  GifFileType *gif = EGifOpenFileName(path, false, &err);
  if (!gif) return -1;
  EGifSetGifVersion(gif, true);
  ColorMapObject *global = global_bits ? make_map(global_bits, w) : NULL;
  int ok = EGifPutScreenDesc(gif, w, h, global_bits ? global_bits : 8, 0, global) != GIF_ERROR;
  GifFreeMapObject(global);
  if (ok && extras) {
    static const GifByteType loop[] = {1, 0, 0};
    ok = EGifPutComment(gif, "made by duet's seed generator") != GIF_ERROR &&
         EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) != GIF_ERROR &&
         EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") != GIF_ERROR &&
         EGifPutExtensionBlock(gif, 3, loop) != GIF_ERROR && EGifPutExtensionTrailer(gif) != GIF_ERROR;
  }
  for (int i = 0; ok && i < count; i++)
    ok = put_frame(gif, &frames[i], global_bits ? 1 << global_bits : 2, i * 11) == 0;
  if (EGifCloseFile(gif, &err) == GIF_ERROR) ok = 0;
  return ok ? 0 : -1;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
    return 2;
  }
  const struct frame_spec one = {0, 0, 8, 8, 0, false, -1, 0, 0, false};
  const struct frame_spec laced = {0, 0, 13, 11, 0, true, -1, 0, 0, false};
  const struct frame_spec clear = {0, 0, 5, 4, 0, false, 1, 1, 10, true};
  /* The frame with a local palette comes last: giflib 5.2.1's
     EGifPutImageDesc leaks the copy of a local palette when the next frame
     has none (it sets Image.ColorMap to NULL without freeing it). */
  const struct frame_spec anim[] = {
      {0, 0, 16, 16, 0, false, -1, 1, 5, true},
      {10, 2, 6, 9, 0, true, 0, 3, 0, true},
      {4, 4, 8, 8, 3, false, 2, 2, 7, true},
  };
  const struct frame_spec odd = {3, 5, 1, 1, 1, false, -1, 0, 0, false};
  struct {
    int w, h, global_bits;
    const struct frame_spec *frames;
    int count;
    bool extras;
  } seeds[] = {
      {8, 8, 1, &one, 1, false},   {8, 8, 8, &one, 1, false},    {13, 11, 4, &laced, 1, false},
      {5, 4, 2, &clear, 1, true},  {16, 16, 3, anim, 3, true},   {16, 16, 0, anim + 2, 1, false},
      {4, 6, 2, &odd, 1, false},   {8, 8, 2, &one, 0, true},     {1, 1, 1, &odd, 1, false},
  };
  int n = 0;
  for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/seed-%03zu.gif", argv[1], i);
    if (write_gif(path, seeds[i].w, seeds[i].h, seeds[i].global_bits, seeds[i].frames, seeds[i].count,
                  seeds[i].extras) != 0) {
      fprintf(stderr, "seeds: cannot write %s\n", path);
      return 1;
    }
    n++;
  }
  printf("seeds: wrote %d GIF files to %s\n", n, argv[1]);
  return 0;
}

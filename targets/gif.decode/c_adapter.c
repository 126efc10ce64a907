/*
 * gif.decode, C side: giflib's record-level decoder (DGifOpen,
 * DGifGetRecordType, DGifGetImageDesc, DGifGetLine, DGifGetExtension) in
 * the loop DGifSlurp runs, with a size check before each frame's buffer is
 * allocated (DGifSlurp itself would allocate up to 4 GiB for one frame).
 * Output: README.md's canonical form, each frame palette-resolved to RGBA.
 */
#include <gif_lib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/contract.h"

/* Largest frame decoded, in RGBA bytes (README: both sides use it). */
#define FRAME_RGBA_MAX ((size_t)1 << 24)

struct reader {
  const uint8_t *data;
  size_t size, pos;
};

static int read_input(GifFileType *gif, GifByteType *buf, int want) {
  struct reader *r = gif->UserData;
  size_t n = r->size - r->pos;
  if (want < 0) return 0;
  if ((size_t)want < n) n = (size_t)want;
  memcpy(buf, r->data + r->pos, n);
  r->pos += n;
  return (int)n;
}

/* What the last Graphic Control Extension before a frame said. */
struct control {
  int delay;       /* 1/100 s */
  int disposal;    /* the GCE's disposal method, as giflib reads it */
  int transparent; /* palette index, or -1 */
};

static int reject_gif(struct duet_sink *out, int error) {
  const char *text = GifErrorString(error);
  return duet_sink_reject(out, text ? text : "decoder error");
}

/* Reads one frame's indices, deinterlacing as DGifSlurp does. */
static int read_pixels(GifFileType *gif, GifPixelType *pixels, int w, int h) {
  if (!gif->Image.Interlace) return DGifGetLine(gif, pixels, w * h);
  static const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
  for (int pass = 0; pass < 4; pass++)
    for (int y = start[pass]; y < h; y += step[pass])
      if (DGifGetLine(gif, pixels + (size_t)y * (size_t)w, w) == GIF_ERROR) return GIF_ERROR;
  return GIF_OK;
}

/* Skips a zero-sized frame's image data, which DGifGetLine cannot read. */
static int skip_pixels(GifFileType *gif) {
  int code_size;
  GifByteType *block;
  if (DGifGetCode(gif, &code_size, &block) == GIF_ERROR) return GIF_ERROR;
  while (block)
    if (DGifGetCodeNext(gif, &block) == GIF_ERROR) return GIF_ERROR;
  return GIF_OK;
}

/* Palette-resolves indices into RGBA (README's rule) and writes them. */
static int write_rgba(struct duet_sink *out, const GifPixelType *pixels, size_t count,
                      const ColorMapObject *map, int transparent) {
  uint8_t chunk[4096];
  size_t used = 0;
  for (size_t i = 0; i < count; i++) {
    int idx = pixels[i];
    uint8_t *px = chunk + used;
    if (idx < map->ColorCount) {
      px[0] = map->Colors[idx].Red;
      px[1] = map->Colors[idx].Green;
      px[2] = map->Colors[idx].Blue;
      px[3] = idx == transparent ? 0 : 255;
    } else {
      memset(px, 0, 4);
    }
    used += 4;
    if (used == sizeof chunk || i + 1 == count) {
      if (duet_sink_write(out, chunk, used) != 0) return -1;
      used = 0;
    }
  }
  return 0;
}

static int put_line(struct duet_sink *out, const char *line) {
  return duet_sink_write(out, line, strlen(line));
}

/* README's disposal words: 0 (unspecified), 1 (do not dispose) and the
   reserved 4..7 all leave the frame in place. */
static const char *disposal_word(int method) {
  return method == 2 ? "background" : method == 3 ? "previous" : "keep";
}

/* One image record: header line, then its pixels. */
static int decode_frame(GifFileType *gif, struct control *ctl, struct duet_sink *out) {
  if (DGifGetImageDesc(gif) == GIF_ERROR) return reject_gif(out, gif->Error);
  const GifImageDesc *d = &gif->Image;
  const ColorMapObject *map = d->ColorMap ? d->ColorMap : gif->SColorMap;
  if (!map) return duet_sink_reject(out, "no color table");
  size_t w = (size_t)d->Width, h = (size_t)d->Height;
  if (w * h > FRAME_RGBA_MAX / 4) return duet_sink_reject(out, "frame too large");
  char line[160];
  snprintf(line, sizeof line, "frame %d %d %zu %zu delay %d dispose %s\n", d->Left, d->Top, w, h,
           ctl->delay, disposal_word(ctl->disposal));
  if (put_line(out, line) != 0) return DUET_REJECT;
  if (w * h == 0) {
    if (skip_pixels(gif) == GIF_ERROR) return reject_gif(out, gif->Error);
    *ctl = (struct control){.transparent = -1};
    return DUET_ACCEPT;
  }
  GifPixelType *pixels = malloc(w * h);
  if (!pixels) return duet_sink_reject(out, "out of memory");
  int status = DUET_ACCEPT;
  if (read_pixels(gif, pixels, (int)w, (int)h) == GIF_ERROR) status = reject_gif(out, gif->Error);
  else if (write_rgba(out, pixels, w * h, map, ctl->transparent) != 0) status = DUET_REJECT;
  free(pixels);
  *ctl = (struct control){.transparent = -1}; /* a GCE applies to one frame */
  return status;
}

static int read_extension(GifFileType *gif, struct control *ctl, struct duet_sink *out) {
  int code;
  GifByteType *data;
  if (DGifGetExtension(gif, &code, &data) == GIF_ERROR) return reject_gif(out, gif->Error);
  if (code == GRAPHICS_EXT_FUNC_CODE && data) {
    GraphicsControlBlock gcb;
    if (DGifExtensionToGCB(data[0], data + 1, &gcb) == GIF_ERROR) return reject_gif(out, gif->Error);
    ctl->delay = gcb.DelayTime;
    ctl->disposal = gcb.DisposalMode;
    ctl->transparent = gcb.TransparentColor;
  }
  while (data)
    if (DGifGetExtensionNext(gif, &data) == GIF_ERROR) return reject_gif(out, gif->Error);
  return DUET_ACCEPT;
}

static int decode_records(GifFileType *gif, struct duet_sink *out) {
  char line[64];
  snprintf(line, sizeof line, "screen %d %d\n", gif->SWidth, gif->SHeight);
  if (put_line(out, line) != 0) return DUET_REJECT;
  struct control ctl = {.transparent = -1};
  for (;;) {
    GifRecordType type;
    if (DGifGetRecordType(gif, &type) == GIF_ERROR) return reject_gif(out, gif->Error);
    int status = DUET_ACCEPT;
    if (type == IMAGE_DESC_RECORD_TYPE) status = decode_frame(gif, &ctl, out);
    else if (type == EXTENSION_RECORD_TYPE) status = read_extension(gif, &ctl, out);
    else if (type == TERMINATE_RECORD_TYPE) return DUET_ACCEPT;
    if (status != DUET_ACCEPT) return status;
  }
}

static int gif_decode_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  struct reader r = {.data = input, .size = size};
  int error = 0;
  GifFileType *gif = DGifOpen(&r, read_input, &error);
  if (!gif) return reject_gif(out, error);
  int status = decode_records(gif, out);
  DGifCloseFile(gif, &error);
  return status;
}

#define STR2(x) #x
#define STR(x) STR2(x)

const struct duet_impl duet_gif_decode_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "giflib",
    .version = STR(GIFLIB_MAJOR) "." STR(GIFLIB_MINOR) "." STR(GIFLIB_RELEASE) " (Debian 5.2.1-2.5+deb12u1)",
    .api = "DGifOpen/DGifGetRecordType/DGifGetImageDesc/DGifGetLine/DGifGetExtension",
    .run = gif_decode_c,
};

/* The Rust candidate's entry point (targets/gif.decode/rust). */
int duet_gif_decode_rust(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_candidate = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gif",
    .version = "0.11.3",
    .api = "DecodeOptions(RGBA, memory limit)::read_info/Decoder::read_next_frame",
    .run = duet_gif_decode_rust,
};

const struct duet_impl *const duet_gif_decode_candidates[] = {&rust_candidate, NULL};

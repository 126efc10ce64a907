/*
 * gt.chunked: reader for a PNG-like chunked image container: "GTIM", then
 * chunks (len:u32 type[4] data[len]): HDR (w:u16 h:u16 depth:u8), PAL
 * (RGB triples), DAT (strip_len:u32 + strip bytes), END; lowercase types
 * are ancillary and skipped. Three PLANTED BUGS, each marked "BUG" with its
 * canary (harness/include/duet/canary.h):
 *   CHK-1 signedness: the strip length is read into an int, so a "negative"
 *         length passes both bound checks and reaches memcpy (libgd gd2,
 *         CVE-2016-3074).
 *   CHK-2 use-after-free on an error path: a malformed PAL chunk is ignored
 *         after the old palette was already freed, leaving it dangling
 *         (OpenSSL d2i_ECPrivateKey, CVE-2015-0209).
 *   CHK-3 double free: a duplicate HDR frees the pixel buffer on its error
 *         path and the common cleanup frees it again (OpenSSL DTLS,
 *         CVE-2014-3505).
 */
#include "chunked.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"

struct image {
  uint16_t width, height;
  uint8_t depth;     /* 1: palette indices, 3: RGB */
  uint8_t *pixels;   /* owned; non-NULL once a header was read */
  size_t need, have; /* pixel bytes expected and received */
  uint8_t *palette;  /* owned; entries * 3 bytes */
  size_t entries;
};

static uint16_t be16(const uint8_t *p) { return (uint16_t)((uint16_t)p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int reject(const char **why, const char *reason) {
  *why = reason;
  return -1;
}

static int read_header(struct image *img, const uint8_t *data, size_t len, const char **why) {
  DUET_CANARY("CHK-3", img->pixels != NULL);
  if (img->pixels) {
    free(img->pixels); /* BUG CHK-3: left dangling; the cleanup frees it again */
    return reject(why, "duplicate header");
  }
  if (len != 5) return reject(why, "bad header length");
  img->width = be16(data);
  img->height = be16(data + 2);
  img->depth = data[4];
  if (!img->width || !img->height) return reject(why, "empty image");
  if (img->depth != 1 && img->depth != 3) return reject(why, "bad depth");
  img->need = (size_t)img->width * img->height * img->depth;
  if (img->need > GT_CHUNKED_MAX_PIXELS) return reject(why, "image too large");
  img->pixels = malloc(img->need);
  return img->pixels ? 0 : reject(why, "out of memory");
}

/* PAL is ancillary: a malformed one is ignored and the old palette stays. */
static void read_palette(struct image *img, const uint8_t *data, size_t len) {
  int malformed = len == 0 || len % 3 != 0 || len > 768;
  DUET_CANARY("CHK-2", malformed && img->palette != NULL);
  free(img->palette); /* a new palette replaces the old one */
  if (malformed) return; /* BUG CHK-2: img->palette now dangles */
  img->palette = malloc(len);
  if (!img->palette) return;
  memcpy(img->palette, data, len);
  img->entries = len / 3;
}

static int read_strip(struct image *img, const uint8_t *data, size_t len, const char **why) {
  if (len < 4) return reject(why, "truncated strip");
  int strip = (int)be32(data); /* BUG CHK-1: a length read as signed */
  DUET_CANARY("CHK-1", strip < 0);
  if (strip > (int)(len - 4)) return reject(why, "strip exceeds chunk");
  int room = (int)(img->need - img->have);
  if (strip > room) return reject(why, "too much pixel data");
  memcpy(img->pixels + img->have, data + 4, strip);
  img->have += strip;
  return 0;
}

static int finish(const struct image *img, struct duet_sink *out, const char **why) {
  if (img->have != img->need) return reject(why, "short pixel data");
  if (img->depth == 1 && !img->palette) return reject(why, "palette required");
  char line[32];
  int n = snprintf(line, sizeof line, "GTIM %ux%u\n", (unsigned)img->width, (unsigned)img->height);
  if (duet_sink_write(out, line, (size_t)n) != 0) return reject(why, "output limit");
  if (img->depth == 3) return duet_sink_write(out, img->pixels, img->need) ? reject(why, "output limit") : 0;
  for (size_t i = 0; i < img->need; i++) {
    size_t index = img->pixels[i];
    if (index >= img->entries) return reject(why, "palette index out of range");
    if (duet_sink_write(out, img->palette + 3 * index, 3) != 0) return reject(why, "output limit");
  }
  return 0;
}

static int read_chunks(struct image *img, const uint8_t *input, size_t size, struct duet_sink *out,
                       const char **why) {
  size_t pos = 4;
  for (;;) {
    if (pos == size) return reject(why, "missing end chunk");
    if (size - pos < 8) return reject(why, "truncated chunk header");
    uint32_t len = be32(input + pos);
    const uint8_t *type = input + pos + 4, *data = input + pos + 8;
    if (len > size - pos - 8) return reject(why, "truncated chunk");
    int rc = 0;
    if (memcmp(type, "HDR ", 4) == 0) rc = read_header(img, data, len, why);
    else if (!img->pixels) rc = reject(why, "header must come first");
    else if (memcmp(type, "PAL ", 4) == 0) read_palette(img, data, len);
    else if (memcmp(type, "DAT ", 4) == 0) rc = read_strip(img, data, len, why);
    else if (memcmp(type, "END ", 4) == 0) return finish(img, out, why);
    else if (type[0] < 'a' || type[0] > 'z') rc = reject(why, "unknown critical chunk");
    if (rc != 0) return rc;
    pos += 8 + (size_t)len;
  }
}

int gt_chunked_read(const uint8_t *input, size_t size, struct duet_sink *out, const char **why) {
  if (size < 4 || memcmp(input, "GTIM", 4) != 0) return reject(why, "bad magic");
  struct image img;
  memset(&img, 0, sizeof img);
  int rc = read_chunks(&img, input, size, out, why);
  free(img.pixels);
  free(img.palette);
  return rc;
}

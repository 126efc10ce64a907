/*
 * gt.rle, C side: the planted-bug RLE decompressor (rle.c). Ground truth for duet:
 * its bugs are listed in targets/ground-truth.json.
 */
#include <string.h>

#include "duet/contract.h"
#include "rle.h"

static int gt_rle_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *why = NULL;
  if (gt_rle_decode(input, size, out, &why) == 0) return DUET_ACCEPT;
  return duet_sink_reject(out, why);
}

const struct duet_impl duet_gt_rle_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "gt-rle (planted bugs)",
    .version = "1",
    .api = "gt_rle_decode",
    .run = gt_rle_c,
};

/* targets/gt.rle/rust: the careful rewrite and the literal translation. */
int duet_gt_rle_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_gt_rle_rust_unsafe(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_safe = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gt-rle safe rewrite",
    .version = "1",
    .api = "safe::decode",
    .run = duet_gt_rle_rust,
};

static const struct duet_impl rust_literal = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "gt-rle literal unsafe translation",
    .version = "1",
    .api = "literal::gt_rle_decode",
    .run = duet_gt_rle_rust_unsafe,
};

const struct duet_impl *const duet_gt_rle_candidates[] = {&rust_safe, &rust_literal, NULL};

/*
 * gt.utf8to16, C side: the planted-bug UTF-8 to UTF-16 transcoder (utf8to16.c). Ground truth for duet:
 * its bugs are listed in targets/ground-truth.json.
 */
#include <string.h>

#include "duet/contract.h"
#include "utf8to16.h"

static int gt_utf8to16_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *why = NULL;
  if (gt_utf8to16(input, size, out, &why) == 0) return DUET_ACCEPT;
  return duet_sink_reject(out, why);
}

const struct duet_impl duet_gt_utf8to16_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "gt-utf8to16 (planted bugs)",
    .version = "1",
    .api = "gt_utf8to16",
    .run = gt_utf8to16_c,
};

/* targets/gt.utf8to16/rust: the careful rewrite and the literal translation. */
int duet_gt_utf8to16_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_gt_utf8to16_rust_unsafe(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_safe = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gt-utf8to16 safe rewrite",
    .version = "1",
    .api = "safe::transcode",
    .run = duet_gt_utf8to16_rust,
};

static const struct duet_impl rust_literal = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "gt-utf8to16 literal unsafe translation",
    .version = "1",
    .api = "literal::gt_utf8to16",
    .run = duet_gt_utf8to16_rust_unsafe,
};

const struct duet_impl *const duet_gt_utf8to16_candidates[] = {&rust_safe, &rust_literal, NULL};

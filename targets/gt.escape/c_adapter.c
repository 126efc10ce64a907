/*
 * gt.escape, C side: the planted-bug escape decoder (escape.c). Ground truth for duet:
 * its bugs are listed in targets/ground-truth.json.
 */
#include <string.h>

#include "duet/contract.h"
#include "escape.h"

static int gt_escape_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *why = NULL;
  if (gt_escape_decode(input, size, out, &why) == 0) return DUET_ACCEPT;
  return duet_sink_reject(out, why);
}

const struct duet_impl duet_gt_escape_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "gt-escape (planted bugs)",
    .version = "1",
    .api = "gt_escape_decode",
    .run = gt_escape_c,
};

/* targets/gt.escape/rust: the careful rewrite and the literal translation. */
int duet_gt_escape_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_gt_escape_rust_unsafe(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_safe = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gt-escape safe rewrite",
    .version = "1",
    .api = "safe::decode",
    .run = duet_gt_escape_rust,
};

static const struct duet_impl rust_literal = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "gt-escape literal unsafe translation",
    .version = "1",
    .api = "literal::gt_escape_decode",
    .run = duet_gt_escape_rust_unsafe,
};

const struct duet_impl *const duet_gt_escape_candidates[] = {&rust_safe, &rust_literal, NULL};

/*
 * gt.chunked, C side: the planted-bug chunked image reader (chunked.c). Ground truth for duet:
 * its bugs are listed in targets/ground-truth.json.
 */
#include <string.h>

#include "duet/contract.h"
#include "chunked.h"

static int gt_chunked_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *why = NULL;
  if (gt_chunked_read(input, size, out, &why) == 0) return DUET_ACCEPT;
  return duet_sink_reject(out, why);
}

const struct duet_impl duet_gt_chunked_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "gt-chunked (planted bugs)",
    .version = "1",
    .api = "gt_chunked_read",
    .run = gt_chunked_c,
};

/* targets/gt.chunked/rust: the careful rewrite and the literal translation. */
int duet_gt_chunked_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_gt_chunked_rust_unsafe(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_safe = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gt-chunked safe rewrite",
    .version = "1",
    .api = "safe::read",
    .run = duet_gt_chunked_rust,
};

static const struct duet_impl rust_literal = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "gt-chunked literal unsafe translation",
    .version = "1",
    .api = "literal::gt_chunked_read",
    .run = duet_gt_chunked_rust_unsafe,
};

const struct duet_impl *const duet_gt_chunked_candidates[] = {&rust_safe, &rust_literal, NULL};

/*
 * gt.kv, C side: the planted-bug key=value config parser (kv.c). Ground truth
 * for duet: its bugs are listed in targets/ground-truth.json.
 */
#include <string.h>

#include "duet/contract.h"
#include "kv.h"

static int gt_kv_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *why = NULL;
  if (gt_kv_parse(input, size, out, &why) == 0) return DUET_ACCEPT;
  return duet_sink_reject(out, why);
}

const struct duet_impl duet_gt_kv_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "gt-kv (planted bugs)",
    .version = "1",
    .api = "gt_kv_parse",
    .run = gt_kv_c,
};

/* targets/gt.kv/rust: the careful rewrite and the literal translation. */
int duet_gt_kv_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_gt_kv_rust_unsafe(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_safe = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gt-kv safe rewrite",
    .version = "1",
    .api = "safe::parse",
    .run = duet_gt_kv_rust,
};

static const struct duet_impl rust_literal = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "gt-kv literal unsafe translation",
    .version = "1",
    .api = "literal::gt_kv_parse",
    .run = duet_gt_kv_rust_unsafe,
};

const struct duet_impl *const duet_gt_kv_candidates[] = {&rust_safe, &rust_literal, NULL};

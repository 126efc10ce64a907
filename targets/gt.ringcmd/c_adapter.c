/*
 * gt.ringcmd, C side: the planted-bug ring command interpreter (ringcmd.c). Ground truth for duet:
 * its bugs are listed in targets/ground-truth.json.
 */
#include <string.h>

#include "duet/contract.h"
#include "ringcmd.h"

static int gt_ringcmd_c(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *why = NULL;
  if (gt_ringcmd_run(input, size, out, &why) == 0) return DUET_ACCEPT;
  return duet_sink_reject(out, why);
}

const struct duet_impl duet_gt_ringcmd_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "gt-ringcmd (planted bugs)",
    .version = "1",
    .api = "gt_ringcmd_run",
    .run = gt_ringcmd_c,
};

/* targets/gt.ringcmd/rust: the careful rewrite and the literal translation. */
int duet_gt_ringcmd_rust(const uint8_t *input, size_t size, struct duet_sink *out);
int duet_gt_ringcmd_rust_unsafe(const uint8_t *input, size_t size, struct duet_sink *out);

static const struct duet_impl rust_safe = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "gt-ringcmd safe rewrite",
    .version = "1",
    .api = "safe::run",
    .run = duet_gt_ringcmd_rust,
};

static const struct duet_impl rust_literal = {
    .name = "rust-unsafe",
    .language = DUET_LANG_RUST,
    .library = "gt-ringcmd literal unsafe translation",
    .version = "1",
    .api = "literal::gt_ringcmd_run",
    .run = duet_gt_ringcmd_rust_unsafe,
};

const struct duet_impl *const duet_gt_ringcmd_candidates[] = {&rust_safe, &rust_literal, NULL};

/* C4 (unsafe Rust can corrupt data) counts only what the unsafe build adds: a
   finding that the safe build of the same crate shares is not evidence. */
#include <stdio.h>

#include "check.h"
#include "duet/build_info.h"
#include "duet/claims.h"
#include "duet/report.h"

static int run_none(const uint8_t *input, size_t size, struct duet_sink *out) {
  (void)input;
  (void)size;
  (void)out;
  return DUET_REJECT;
}

static const struct duet_impl c_side = {.name = "c", .language = DUET_LANG_C, .library = "l", .version = "1", .api = "-", .run = run_none};
static const struct duet_impl rust_side = {.name = "rust", .language = DUET_LANG_RUST, .library = "l", .version = "1", .api = "-", .run = run_none};
static const struct duet_impl unsafe_side = {.name = "rust-unsafe", .language = DUET_LANG_RUST, .library = "l", .version = "1", .api = "-", .run = run_none};
static const struct duet_impl *const candidates[] = {&rust_side, &unsafe_side, NULL};
static const struct duet_target target = {.name = "t", .reference = &c_side, .candidates = candidates};

static const char *c4_with(duet_outcome_class cls, const char *side) {
  static struct duet_claim claims[DUET_CLAIM_COUNT];
  struct duet_triaged_input input = {.path = "/tmp/x"};
  struct duet_finding f = {.example = &input, .reproduced = 3, .reruns = 3, .reliable = true, .status = "new"};
  f.verdict.outcome = cls;
  snprintf(f.verdict.side, sizeof f.verdict.side, "%s", side);
  snprintf(f.verdict.kind, sizeof f.verdict.kind, "leak");
  struct duet_triage triage = {.target = &target, .inputs = &input, .input_count = 1, .findings = &f, .finding_count = 1};
  struct duet_report r = {.target = &target, .status = "complete", .started = 1, .ended = 61, .triage = &triage};
  r.stats = (struct duet_fuzz_stats){.executions = 100000, .seen = true};
  duet_claims_evaluate(&r, NULL, claims);
  return claims[DUET_CLAIM_C4].verdict;
}

int main(void) {
  CHECK_EQ_STR(c4_with(DUET_OUTCOME_LEAK, "rust-unsafe"), "supported");
  CHECK_EQ_STR(c4_with(DUET_OUTCOME_LEAK, "rust+rust-unsafe"), "inconclusive"); /* the safe build has it too */
  CHECK_EQ_STR(c4_with(DUET_OUTCOME_LEAK, "rust"), "inconclusive");
  CHECK_EQ_STR(c4_with(DUET_OUTCOME_DIVERGENCE, "c+rust-unsafe"), "supported");
  CHECK_DONE();
}

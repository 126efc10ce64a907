/* C4 (unsafe Rust can corrupt data silently) is drawn from `duet stress`:
   its runs and its corruption findings by side. It is not measured by findings a
   sanitizer caught: they are listed, and only what the unsafe build adds (a
   finding the safe build of the same crate shares is the rewrite's). A
   planted-bug component gives no verdict about rewrites at all. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

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
static const struct duet_target planted = {.name = "gt.t", .reference = &c_side, .candidates = candidates};

/* How many findings C4 lists for one finding of `cls` on `side`; the verdict stays "not measured". */
static int c4_listed(const struct duet_target *t, duet_outcome_class cls, const char *side) {
  struct duet_claim claims[DUET_CLAIM_COUNT];
  struct duet_pair_evidence e;
  struct duet_triaged_input input = {.path = "/tmp/x"};
  struct duet_finding f = {.example = &input, .reproduced = 3, .reruns = 3, .reliable = true, .status = "new"};
  f.verdict.outcome = cls;
  snprintf(f.verdict.side, sizeof f.verdict.side, "%s", side);
  snprintf(f.verdict.kind, sizeof f.verdict.kind, "heap-buffer-overflow");
  snprintf(f.signature, sizeof f.signature, "00000000000000aa");
  struct duet_triage triage = {.target = t, .inputs = &input, .input_count = 1, .findings = &f, .finding_count = 1};
  struct duet_report r = {.target = t, .status = "complete", .started = 1, .ended = 61, .triage = &triage,
                          .fuzz_seconds = 600, .jobs = 1};
  r.stats = (struct duet_fuzz_stats){.executions = 1000000, .seen = true};
  duet_claims_evaluate(&r, NULL, &e, claims);
  CHECK_EQ_STR(claims[DUET_CLAIM_C4].verdict, "not measured");
  int listed = cJSON_GetArraySize(claims[DUET_CLAIM_C4].signatures);
  const char *c1 = claims[DUET_CLAIM_C1].verdict;
  if (strncmp(t->name, "gt.", 3) == 0) CHECK_EQ_STR(c1, "not measured");
  duet_pair_evidence_free(&e);
  return listed;
}

/* C4 from `duet stress`: the verdict for a pair with `seconds` of complete
   stress and, when `side` is not NULL, one corruption finding there. */
static const char *c4_from_stress(const struct duet_target *t, double seconds, const char *side, bool reliable) {
  static char verdict[32];
  struct duet_claim claims[DUET_CLAIM_COUNT];
  struct duet_pair_evidence e;
  CHECK_EQ_INT(duet_pair_evidence_init(&e, t), 0);
  if (seconds > 0) duet_pair_evidence_add_stress(&e, "stress-t-1", seconds, 12, "address");
  if (side) {
    struct duet_verdict v = {.outcome = DUET_OUTCOME_CORRUPTION};
    snprintf(v.side, sizeof v.side, "%s", side);
    snprintf(v.kind, sizeof v.kind, "threaded-output-differs");
    duet_pair_evidence_add_finding(&e, &v, "00000000000000bb", reliable);
  }
  duet_claims_judge(&e, claims);
  snprintf(verdict, sizeof verdict, "%s", claims[DUET_CLAIM_C4].verdict);
  if (strcmp(verdict, "supported") == 0) CHECK_EQ_INT(cJSON_GetArraySize(claims[DUET_CLAIM_C4].signatures), 1);
  if (seconds > 0 && strncmp(t->name, "gt.", 3) != 0) CHECK_EQ_INT(cJSON_GetArraySize(claims[DUET_CLAIM_C4].runs), 1);
  CHECK_EQ_INT(cJSON_GetArraySize(e.unsafe_only), 0); /* a corruption is not "caught by a sanitizer" */
  duet_pair_evidence_free(&e);
  return verdict;
}

int main(void) {
  CHECK_EQ_STR(c4_from_stress(&target, 0, NULL, true), "not measured");
  CHECK_EQ_STR(c4_from_stress(&target, 120, NULL, true), "inconclusive");
  CHECK_EQ_STR(c4_from_stress(&target, 10, NULL, true), "inconclusive");
  CHECK_EQ_STR(c4_from_stress(&target, 120, "c", true), "inconclusive");       /* C's race says nothing of Rust */
  CHECK_EQ_STR(c4_from_stress(&target, 120, "rust-unsafe", true), "supported");
  CHECK_EQ_STR(c4_from_stress(&target, 10, "rust", true), "supported");        /* a found race needs no threshold */
  CHECK_EQ_STR(c4_from_stress(&target, 120, "rust", false), "inconclusive");   /* seen in one round only */
  CHECK_EQ_STR(c4_from_stress(&planted, 120, "rust", true), "not measured");   /* ground truth is no evidence */
  CHECK_EQ_INT(c4_listed(&target, DUET_OUTCOME_CRASH, "rust-unsafe"), 1);
  CHECK_EQ_INT(c4_listed(&target, DUET_OUTCOME_CRASH, "rust+rust-unsafe"), 0); /* the safe build has it too */
  CHECK_EQ_INT(c4_listed(&target, DUET_OUTCOME_CRASH, "rust"), 0);
  CHECK_EQ_INT(c4_listed(&target, DUET_OUTCOME_DIVERGENCE, "c+rust-unsafe"), 1);
  CHECK_EQ_INT(c4_listed(&planted, DUET_OUTCOME_CRASH, "c"), 0); /* and C1 is "not measured" on planted bugs */
  CHECK_DONE();
}

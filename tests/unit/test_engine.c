/* The sink's bound, status normalisation and the comparison relations. */
#include <stdlib.h>

#include "check.h"
#include "duet/engine.h"

static const char *fixed_output = "abc";
static int fixed_status = DUET_ACCEPT;

static int write_fixed(const uint8_t *input, size_t size, struct duet_sink *out) {
  (void)input;
  (void)size;
  duet_sink_write(out, fixed_output, strlen(fixed_output));
  if (fixed_status == DUET_REJECT) duet_sink_set_reason(out, "nope", 4);
  return fixed_status;
}

static const struct duet_impl impl = {.name = "t", .library = "test", .version = "0", .api = "-", .run = write_fixed};

static struct duet_run run_with(const char *output, int status, size_t bound) {
  struct duet_run r;
  fixed_output = output;
  fixed_status = status;
  if (duet_run_impl(&impl, (const uint8_t *)"", 0, bound, &r) != 0) abort();
  return r;
}

int main(void) {
  struct duet_run a = run_with("hello", DUET_ACCEPT, 100), b = run_with("hello", DUET_ACCEPT, 100);
  CHECK_EQ_INT(duet_compare(&a, &b).relation, DUET_AGREE);
  struct duet_run c = run_with("help!", DUET_ACCEPT, 100);
  struct duet_comparison cmp = duet_compare(&a, &c);
  CHECK_EQ_INT(cmp.relation, DUET_OUTPUT_MISMATCH);
  CHECK_EQ_INT(cmp.first_difference, 3);
  struct duet_run d = run_with("hell", DUET_ACCEPT, 100);
  cmp = duet_compare(&a, &d);
  CHECK_EQ_INT(cmp.relation, DUET_OUTPUT_MISMATCH);
  CHECK_EQ_INT(cmp.first_difference, 4); /* a prefix differs where the shorter one ends */
  CHECK_EQ_INT(cmp.reference_len, 5);
  CHECK_EQ_INT(cmp.candidate_len, 4);

  struct duet_run rej = run_with("ignored", DUET_REJECT, 100);
  CHECK_EQ_INT(rej.status, DUET_REJECT);
  CHECK_EQ_INT(rej.output_len, 0); /* a reject's output is never compared */
  CHECK_EQ_STR(rej.reason, "nope");
  CHECK_EQ_INT(duet_compare(&a, &rej).relation, DUET_ONLY_REFERENCE_ACCEPTS);
  CHECK_EQ_INT(duet_compare(&rej, &a).relation, DUET_ONLY_CANDIDATE_ACCEPTS);
  struct duet_run rej2 = run_with("other", DUET_REJECT, 100);
  CHECK_EQ_INT(duet_compare(&rej, &rej2).relation, DUET_AGREE);

  /* Hitting the bound is its own status and never a divergence. */
  struct duet_run big = run_with("0123456789", DUET_ACCEPT, 4);
  CHECK_EQ_INT(big.status, DUET_OUTPUT_LIMIT);
  CHECK_EQ_INT(duet_compare(&a, &big).relation, DUET_NOT_COMPARED);
  CHECK(!duet_relation_is_divergence(DUET_NOT_COMPARED));

  /* A status outside the contract is a reject that says so, not an accept. */
  struct duet_run bad = run_with("x", 42, 100);
  CHECK_EQ_INT(bad.status, DUET_REJECT);
  CHECK_EQ_STR(bad.reason, "contract violation: invalid status");

  struct duet_run panic = run_with("", DUET_PANIC, 100);
  CHECK_EQ_INT(duet_compare(&a, &panic).relation, DUET_CANDIDATE_PANICKED);

  CHECK_EQ_STR(duet_outcome_name(DUET_OUTCOME_DIVERGENCE), "divergence");
  CHECK_EQ_INT(duet_outcome_from_name("crash"), DUET_OUTCOME_CRASH);
  CHECK_EQ_INT(duet_outcome_from_name("bogus"), -1);
  CHECK_EQ_INT(duet_outcome_exit_code(DUET_OUTCOME_NONE), 0);

  struct duet_run *all[] = {&a, &b, &c, &d, &rej, &rej2, &big, &bad, &panic};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) duet_run_release(all[i]);
  CHECK_DONE();
}

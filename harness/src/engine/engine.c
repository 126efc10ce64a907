#include "duet/engine.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "sink.h"

static const struct {
  const char *name;
  int exit_code;
} outcome_table[] = {
#define DUET_OUTCOME(id, name, exit_code) {name, exit_code},
#include "duet/outcomes.def"
#undef DUET_OUTCOME
};
_Static_assert(sizeof outcome_table / sizeof outcome_table[0] == DUET_OUTCOME_COUNT,
               "outcome table and enum differ");

const char *duet_outcome_name(duet_outcome_class cls) {
  return (unsigned)cls < DUET_OUTCOME_COUNT ? outcome_table[cls].name : NULL;
}

int duet_outcome_exit_code(duet_outcome_class cls) {
  return (unsigned)cls < DUET_OUTCOME_COUNT ? outcome_table[cls].exit_code : 70;
}

int duet_outcome_from_name(const char *name) {
  for (int i = 0; i < DUET_OUTCOME_COUNT; i++)
    if (strcmp(outcome_table[i].name, name) == 0) return i;
  return -1;
}

const char *duet_status_name(int status) {
  switch (status) {
  case DUET_ACCEPT: return "accept";
  case DUET_REJECT: return "reject";
  case DUET_OUTPUT_LIMIT: return "output-limit";
  case DUET_PANIC: return "panic";
  default: return "invalid";
  }
}

/* An implementation that returns anything but accept/reject/panic breaks the
   contract; treat it as a reject with a reason that says so, so it shows up
   as a divergence instead of being silently accepted. */
static duet_status normalise_status(int returned, struct duet_sink *sink) {
  if (sink->overflowed) return DUET_OUTPUT_LIMIT;
  if (returned == DUET_ACCEPT || returned == DUET_REJECT || returned == DUET_PANIC) return (duet_status)returned;
  static const char msg[] = "contract violation: invalid status";
  duet_sink_set_reason(sink, msg, sizeof msg - 1);
  return DUET_REJECT;
}

int duet_run_impl(const struct duet_impl *impl, const uint8_t *input, size_t size, size_t bound,
                  struct duet_run *run) {
  struct duet_sink sink;
  memset(run, 0, sizeof *run);
  duet_sink_init(&sink, bound);
  int returned = impl->run(input, size, &sink);
  duet_sink_settle(&sink);
  if (sink.alloc_failed) {
    duet_sink_release(&sink);
    return -1;
  }
  run->status = normalise_status(returned, &sink);
  run->output = sink.data;
  run->output_len = run->status == DUET_ACCEPT ? sink.len : 0;
  run->output_hash = XXH3_64bits(run->output, run->output_len);
  memcpy(run->reason, sink.reason, sizeof run->reason);
  return 0;
}

void duet_run_release(struct duet_run *run) {
  free(run->output);
  memset(run, 0, sizeof *run);
}

static size_t first_difference(const struct duet_run *a, const struct duet_run *b) {
  size_t n = a->output_len < b->output_len ? a->output_len : b->output_len;
  for (size_t i = 0; i < n; i++)
    if (a->output[i] != b->output[i]) return i;
  return n;
}

static duet_relation relate(const struct duet_run *ref, const struct duet_run *cand) {
  if (cand->status == DUET_PANIC) return DUET_CANDIDATE_PANICKED;
  if (ref->status == DUET_PANIC) return DUET_REFERENCE_PANICKED;
  if (ref->status == DUET_OUTPUT_LIMIT || cand->status == DUET_OUTPUT_LIMIT) return DUET_NOT_COMPARED;
  if (ref->status != cand->status)
    return ref->status == DUET_ACCEPT ? DUET_ONLY_REFERENCE_ACCEPTS : DUET_ONLY_CANDIDATE_ACCEPTS;
  if (ref->status == DUET_REJECT) return DUET_AGREE;
  if (ref->output_len != cand->output_len ||
      (ref->output_len && memcmp(ref->output, cand->output, ref->output_len) != 0))
    return DUET_OUTPUT_MISMATCH;
  return DUET_AGREE;
}

struct duet_comparison duet_compare(const struct duet_run *reference, const struct duet_run *candidate,
                                    const struct duet_tolerance *tolerance) {
  struct duet_comparison c = {
      .relation = relate(reference, candidate),
      .reference_len = reference->output_len,
      .candidate_len = candidate->output_len,
  };
  if (c.relation != DUET_OUTPUT_MISMATCH) return c;
  c.first_difference = first_difference(reference, candidate);
  if (tolerance && duet_compare_samples(reference->output, reference->output_len, candidate->output,
                                        candidate->output_len, tolerance, &c))
    c.relation = DUET_AGREE;
  return c;
}

const char *duet_relation_name(duet_relation relation) {
  switch (relation) {
  case DUET_AGREE: return "agree";
  case DUET_NOT_COMPARED: return "not-compared";
  case DUET_CANDIDATE_PANICKED: return "candidate-panicked";
  case DUET_REFERENCE_PANICKED: return "reference-panicked";
  case DUET_ONLY_REFERENCE_ACCEPTS: return "only-reference-accepts";
  case DUET_ONLY_CANDIDATE_ACCEPTS: return "only-candidate-accepts";
  case DUET_OUTPUT_MISMATCH: return "output-mismatch";
  }
  return "invalid";
}

bool duet_relation_is_divergence(duet_relation relation) {
  return relation == DUET_ONLY_REFERENCE_ACCEPTS || relation == DUET_ONLY_CANDIDATE_ACCEPTS ||
         relation == DUET_OUTPUT_MISMATCH;
}

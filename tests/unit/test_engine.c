/* The sink's bound, status normalisation and the comparison relations. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* An accepted run whose output is `header` then `count` float samples. */
static struct duet_run floats(const char *header, const float *samples, size_t count) {
  struct duet_run r = {.status = DUET_ACCEPT};
  r.output_len = strlen(header) + count * sizeof(float);
  r.output = malloc(r.output_len);
  memcpy(r.output, header, strlen(header));
  memcpy(r.output + strlen(header), samples, count * sizeof(float)); /* x86: little-endian */
  return r;
}

/* The tolerance: header exact, then per-sample distance and share. */
static void check_tolerance(void) {
  const struct duet_tolerance t = {.format = DUET_SAMPLES_F32LE, .max_difference = 0.01, .max_differing_share = 0.5};
  const float base[4] = {0.0f, 0.5f, -0.5f, 1.0f}, near[4] = {0.0f, 0.505f, -0.5f, 1.0f},
              far[4] = {0.0f, 0.5f, -0.53f, 1.0f}, many[4] = {0.001f, 0.501f, -0.501f, 1.0f};
  struct duet_run ref = floats("pcm 1\n", base, 4), in = floats("pcm 1\n", near, 4);
  struct duet_comparison c = duet_compare(&ref, &in, &t);
  CHECK_EQ_INT(c.relation, DUET_AGREE); /* within tolerance, and measured */
  CHECK(c.samples.measured);
  CHECK_EQ_INT(c.samples.differing, 1);
  CHECK(c.samples.max_difference > 0.004 && c.samples.max_difference < 0.006);
  CHECK_EQ_INT(duet_compare(&ref, &in, NULL).relation, DUET_OUTPUT_MISMATCH); /* exact by default */

  struct duet_run out = floats("pcm 1\n", far, 4);
  c = duet_compare(&ref, &out, &t);
  CHECK_EQ_INT(c.relation, DUET_OUTPUT_MISMATCH);
  CHECK_EQ_STR(c.cause, "a sample differs beyond tolerance");
  CHECK_EQ_INT(c.samples.first_beyond, 2);
  CHECK_EQ_INT(c.first_difference, 6 + 2 * 4); /* the byte where that sample starts */

  struct duet_run spread = floats("pcm 1\n", many, 4); /* 3 of 4 differ, each within 0.01 */
  c = duet_compare(&ref, &spread, &t);
  CHECK_EQ_INT(c.relation, DUET_OUTPUT_MISMATCH);
  CHECK_EQ_STR(c.cause, "too many samples differ");
  CHECK_EQ_INT(c.samples.first_beyond, 0);

  struct duet_run header = floats("pcm 2\n", base, 4), shorter = floats("pcm 1\n", base, 3);
  CHECK_EQ_STR(duet_compare(&ref, &header, &t).cause, "header differs");
  CHECK_EQ_STR(duet_compare(&shorter, &ref, &t).cause, "more samples in the candidate");
  struct duet_run bare_a = floats("", base, 4), bare_b = floats("", near, 4); /* no header line */
  c = duet_compare(&bare_a, &bare_b, &t);
  CHECK_EQ_INT(c.relation, DUET_OUTPUT_MISMATCH); /* byte for byte, then */
  CHECK_EQ_STR(c.cause, "");
  CHECK(!c.samples.measured);
  c = duet_compare(&ref, &shorter, &t);
  CHECK_EQ_STR(c.cause, "fewer samples in the candidate");
  CHECK_EQ_INT(c.samples.samples, 3); /* the common samples were measured */
  CHECK_EQ_INT(c.first_difference, 6 + 3 * 4); /* where the shorter one ends */
  struct duet_run far_short = floats("pcm 1\n", far, 3); /* beyond tolerance, and shorter */
  c = duet_compare(&ref, &far_short, &t);
  CHECK_EQ_STR(c.cause, "a sample differs beyond tolerance"); /* the stronger cause */

  const float nan[4] = {0.0f, 0.5f, NAN, 1.0f};
  struct duet_run n1 = floats("pcm 1\n", nan, 4), n2 = floats("pcm 1\n", nan, 4);
  n2.output[6 + 2 * 4] ^= 1; /* another NaN payload: still NaN, so equal */
  CHECK_EQ_INT(duet_compare(&n1, &n2, &t).relation, DUET_AGREE);
  c = duet_compare(&ref, &n1, &t);
  CHECK_EQ_INT(c.relation, DUET_OUTPUT_MISMATCH);
  CHECK(isinf(c.samples.max_difference));

  const struct duet_tolerance s16 = {.format = DUET_SAMPLES_S16LE, .max_difference = 1, .max_differing_share = 1};
  struct duet_run a16 = floats("x\n", base, 1), b16 = floats("x\n", base, 1);
  b16.output[2] = 0x01, b16.output[3] = 0x80; /* samples 0 and -32767: 32767 apart, as signed */
  c = duet_compare(&a16, &b16, &s16);
  CHECK_EQ_INT(c.relation, DUET_OUTPUT_MISMATCH);
  CHECK(c.samples.max_difference == 32767);
  CHECK_EQ_STR(duet_sample_format_name(DUET_SAMPLES_F32LE), "f32le");

  struct duet_run *all[] = {&ref, &in, &out, &spread, &header, &shorter, &far_short, &bare_a, &bare_b, &n1, &n2, &a16, &b16};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) duet_run_release(all[i]);
}

int main(void) {
  check_tolerance();
  struct duet_run a = run_with("hello", DUET_ACCEPT, 100), b = run_with("hello", DUET_ACCEPT, 100);
  CHECK_EQ_INT(duet_compare(&a, &b, NULL).relation, DUET_AGREE);
  struct duet_run c = run_with("help!", DUET_ACCEPT, 100);
  struct duet_comparison cmp = duet_compare(&a, &c, NULL);
  CHECK_EQ_INT(cmp.relation, DUET_OUTPUT_MISMATCH);
  CHECK_EQ_INT(cmp.first_difference, 3);
  struct duet_run d = run_with("hell", DUET_ACCEPT, 100);
  cmp = duet_compare(&a, &d, NULL);
  CHECK_EQ_INT(cmp.relation, DUET_OUTPUT_MISMATCH);
  CHECK_EQ_INT(cmp.first_difference, 4); /* a prefix differs where the shorter one ends */
  CHECK_EQ_INT(cmp.reference_len, 5);
  CHECK_EQ_INT(cmp.candidate_len, 4);

  struct duet_run rej = run_with("ignored", DUET_REJECT, 100);
  CHECK_EQ_INT(rej.status, DUET_REJECT);
  CHECK_EQ_INT(rej.output_len, 0); /* a reject's output is never compared */
  CHECK_EQ_STR(rej.reason, "nope");
  CHECK_EQ_INT(duet_compare(&a, &rej, NULL).relation, DUET_ONLY_REFERENCE_ACCEPTS);
  CHECK_EQ_INT(duet_compare(&rej, &a, NULL).relation, DUET_ONLY_CANDIDATE_ACCEPTS);
  struct duet_run rej2 = run_with("other", DUET_REJECT, 100);
  CHECK_EQ_INT(duet_compare(&rej, &rej2, NULL).relation, DUET_AGREE);

  /* Hitting the bound is its own status and never a divergence. */
  struct duet_run big = run_with("0123456789", DUET_ACCEPT, 4);
  CHECK_EQ_INT(big.status, DUET_OUTPUT_LIMIT);
  CHECK_EQ_INT(duet_compare(&a, &big, NULL).relation, DUET_NOT_COMPARED);
  CHECK(!duet_relation_is_divergence(DUET_NOT_COMPARED));

  /* A status outside the contract is a reject that says so, not an accept. */
  struct duet_run bad = run_with("x", 42, 100);
  CHECK_EQ_INT(bad.status, DUET_REJECT);
  CHECK_EQ_STR(bad.reason, "contract violation: invalid status");

  struct duet_run panic = run_with("", DUET_PANIC, 100);
  CHECK_EQ_INT(duet_compare(&a, &panic, NULL).relation, DUET_CANDIDATE_PANICKED);

  CHECK_EQ_STR(duet_outcome_name(DUET_OUTCOME_DIVERGENCE), "divergence");
  CHECK_EQ_INT(duet_outcome_from_name("crash"), DUET_OUTCOME_CRASH);
  CHECK_EQ_INT(duet_outcome_from_name("bogus"), -1);
  CHECK_EQ_INT(duet_outcome_exit_code(DUET_OUTCOME_NONE), 0);

  struct duet_run *all[] = {&a, &b, &c, &d, &rej, &rej2, &big, &bad, &panic};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) duet_run_release(all[i]);
  CHECK_DONE();
}

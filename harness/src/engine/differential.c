#include "duet/differential.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "duet/canary.h"
#include "duet/sanitizer_hooks.h"

_Thread_local const char *volatile duet_running_side;

static int run_side(struct duet_differential *result, const struct duet_impl *impl,
                    const uint8_t *input, size_t size) {
  struct duet_side_result *side = &result->sides[result->side_count];
  side->impl = impl;
  duet_running_side = impl->name;
  int rc = duet_run_impl(impl, input, size, DUET_OUTPUT_BOUND, &side->run);
  duet_running_side = NULL;
  side->sanitizer_report = duet_report_take();
  if (rc != 0) {
    free(side->sanitizer_report);
    side->sanitizer_report = NULL;
    return -1;
  }
  result->side_count++;
  return 0;
}

/* Panics outrank divergences: a panic is a crash the wrapper caught. A
   mismatch gets the pair's cause, when it names one. */
static void classify(struct duet_differential *result, const uint8_t *input, size_t size) {
  result->outcome = DUET_OUTCOME_NONE;
  result->finding_side = 0;
  for (size_t i = 0; i < result->side_count; i++) {
    struct duet_side_result *side = &result->sides[i];
    if (side->run.status == DUET_PANIC) {
      result->outcome = DUET_OUTCOME_PANIC;
      result->finding_side = i;
      return;
    }
  }
  for (size_t i = 1; i < result->side_count; i++) {
    struct duet_side_result *side = &result->sides[i];
    side->vs_reference = duet_compare(&result->sides[0].run, &side->run, result->target->tolerance);
    const struct duet_run *ref = &result->sides[0].run;
    if (side->vs_reference.relation == DUET_OUTPUT_MISMATCH && result->target->cause)
      result->target->cause(input, size, ref->output, ref->output_len, side->run.output, side->run.output_len,
                            side->vs_reference.first_difference, side->vs_reference.cause);
    if (duet_relation_is_divergence(side->vs_reference.relation) && result->outcome == DUET_OUTCOME_NONE) {
      result->outcome = DUET_OUTCOME_DIVERGENCE;
      result->finding_side = i;
    }
  }
}

int duet_differential_run(const struct duet_target *target, const char *only_side, const uint8_t *input,
                          size_t size, struct duet_differential *result) {
  memset(result, 0, sizeof *result);
  result->target = target;
  duet_canary_reset();
  if (only_side) {
    const struct duet_impl *impl = duet_target_side(target, only_side);
    if (!impl) return -2;
    return run_side(result, impl, input, size);
  }
  if (run_side(result, target->reference, input, size) != 0) return -1;
  for (const struct duet_impl *const *c = target->candidates; *c; c++) {
    if (result->side_count == DUET_MAX_SIDES || run_side(result, *c, input, size) != 0) {
      duet_differential_release(result);
      return -1;
    }
  }
  classify(result, input, size);
  return 0;
}

void duet_differential_release(struct duet_differential *result) {
  for (size_t i = 0; i < result->side_count; i++) {
    duet_run_release(&result->sides[i].run);
    free(result->sides[i].sanitizer_report);
  }
  memset(result, 0, sizeof *result);
}

/* How far a candidate's samples are from the reference's, under the pair's
   tolerance: within it (relation agree) or not (output-mismatch). */
static cJSON *samples_json(const struct duet_sample_difference *d) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "count", (double)d->samples);
  cJSON_AddNumberToObject(o, "differing", (double)d->differing);
  cJSON_AddNumberToObject(o, "differing_share", d->samples ? (double)d->differing / (double)d->samples : 0);
  /* JSON has no infinity: a NaN against a number is said in words. */
  if (isfinite(d->max_difference)) cJSON_AddNumberToObject(o, "max_difference", d->max_difference);
  else cJSON_AddStringToObject(o, "max_difference", "NaN against a number");
  if (d->first_beyond != SIZE_MAX) cJSON_AddNumberToObject(o, "first_beyond", (double)d->first_beyond);
  return o;
}

static cJSON *side_json(const struct duet_side_result *side, int with_relation) {
  char hash[17];
  snprintf(hash, sizeof hash, "%016" PRIx64, side->run.output_hash);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "side", side->impl->name);
  cJSON_AddStringToObject(o, "status", duet_status_name(side->run.status));
  cJSON_AddNumberToObject(o, "output_len", (double)side->run.output_len);
  cJSON_AddStringToObject(o, "output_xxh3", hash);
  cJSON_AddStringToObject(o, "reason", side->run.reason);
  if (with_relation) {
    cJSON_AddStringToObject(o, "relation", duet_relation_name(side->vs_reference.relation));
    if (side->vs_reference.relation == DUET_OUTPUT_MISMATCH)
      cJSON_AddNumberToObject(o, "first_difference", (double)side->vs_reference.first_difference);
    if (side->vs_reference.cause[0]) cJSON_AddStringToObject(o, "cause", side->vs_reference.cause);
    if (side->vs_reference.samples.measured) cJSON_AddItemToObject(o, "samples", samples_json(&side->vs_reference.samples));
  }
  return o;
}

cJSON *duet_differential_json(const struct duet_differential *result) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON_AddStringToObject(o, "target", result->target->name);
  int together = result->side_count > 1;
  if (together) {
    cJSON_AddStringToObject(o, "outcome", duet_outcome_name(result->outcome));
    if (result->outcome != DUET_OUTCOME_NONE)
      cJSON_AddStringToObject(o, "finding_side", result->sides[result->finding_side].impl->name);
  }
  cJSON *sides = cJSON_AddArrayToObject(o, "sides");
  for (size_t i = 0; i < result->side_count; i++)
    cJSON_AddItemToArray(sides, side_json(&result->sides[i], together && i > 0));
  /* Only ground-truth targets have canaries; other records stay as they were. */
  cJSON *canaries = duet_canary_json();
  if (cJSON_GetArraySize(canaries) > 0) cJSON_AddItemToObject(o, "canaries", canaries);
  else cJSON_Delete(canaries);
  return o;
}

int duet_differential_print(FILE *stream, const struct duet_differential *result) {
  cJSON *o = duet_differential_json(result);
  char *text = o ? cJSON_PrintUnformatted(o) : NULL;
  cJSON_Delete(o);
  if (!text) return -1;
  int rc = fprintf(stream, "DUET-RESULT %s\n", text) < 0 ? -1 : 0;
  fflush(stream);
  cJSON_free(text);
  return rc;
}

#include "duet/repro.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/fileio.h"

static int observe_run(const char *exe, const struct duet_target *target, const char *path, const char *side,
                       unsigned timeout_seconds, struct duet_observation *obs) {
  char *argv[] = {(char *)exe, "exec", (char *)target->name, (char *)path, side ? "--side" : NULL,
                  (char *)side, NULL};
  struct duet_child child;
  int rc = duet_child_run(argv, timeout_seconds, &child);
  if (rc != 0) return rc;
  duet_observe(&child, obs);
  duet_child_release(&child);
  return 0;
}

static const cJSON *side_record(const struct duet_observation *obs, size_t index) {
  const cJSON *sides = cJSON_GetObjectItemCaseSensitive(obs->result, "sides");
  return cJSON_GetArrayItem(sides, (int)index);
}

/* Side i's record: from its own process, or in quick mode from the
   together run, which holds every side. */
static const cJSON *record(const struct duet_repro *r, size_t i) {
  return r->quick ? side_record(&r->together, i) : side_record(&r->alone[i], 0);
}

static const char *field_text(const cJSON *record, const char *name) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(record, name));
  return s ? s : "";
}

static long long field_number(const cJSON *record, const char *name) {
  const cJSON *n = cJSON_GetObjectItemCaseSensitive(record, name);
  return cJSON_IsNumber(n) ? (long long)n->valuedouble : -1;
}

static void take_crash(struct duet_verdict *v, const struct duet_observation *obs) {
  v->outcome = obs->outcome;
  snprintf(v->kind, sizeof v->kind, "%s", obs->kind);
  snprintf(v->access, sizeof v->access, "%s", obs->access);
  snprintf(v->detail, sizeof v->detail, "%s", obs->detail);
  v->frame_count = obs->frame_count;
  v->frames_symbolized = obs->symbolized;
  memcpy(v->frames, obs->frames, sizeof v->frames);
}

/* Names the failing sides: one name, "both"/"all" when every side failed,
   else names joined with '+'. */
static void name_sides(struct duet_verdict *v, const struct duet_repro *r, const bool failed[]) {
  size_t count = 0;
  v->side[0] = '\0';
  for (size_t i = 0; i < r->side_count; i++) {
    if (!failed[i]) continue;
    const char *name = i == 0 ? r->target->reference->name : r->target->candidates[i - 1]->name;
    size_t used = strlen(v->side);
    snprintf(v->side + used, sizeof v->side - used, "%s%s", count ? "+" : "", name);
    count++;
  }
  if (count > 1 && count == r->side_count) snprintf(v->side, sizeof v->side, "%s", count == 2 ? "both" : "all");
}

static bool judge_fatal(struct duet_repro *r) {
  bool failed[DUET_MAX_SIDES] = {false};
  int first = -1;
  for (size_t i = 0; i < r->side_count; i++) {
    if (!duet_outcome_is_fatal(r->alone[i].outcome)) continue;
    failed[i] = true;
    if (first < 0) first = (int)i;
  }
  if (first < 0) return false;
  take_crash(&r->verdict, &r->alone[first]);
  name_sides(&r->verdict, r, failed);
  return true;
}

/* The first panic's message and location; every side that panics named. */
static bool judge_panic(struct duet_repro *r) {
  bool panicked[DUET_MAX_SIDES] = {false};
  int first = -1;
  for (size_t i = 0; i < r->side_count; i++) {
    panicked[i] = strcmp(field_text(record(r, i), "status"), "panic") == 0;
    if (panicked[i] && first < 0) first = (int)i;
  }
  if (first < 0) return false;
  struct duet_verdict *v = &r->verdict;
  v->outcome = DUET_OUTCOME_PANIC;
  snprintf(v->kind, sizeof v->kind, "panic");
  const char *reason = field_text(record(r, (size_t)first), "reason");
  snprintf(v->detail, sizeof v->detail, "%s", reason);
  /* The message may quote input-derived values; the location does not. */
  const char *at = strstr(reason, " at ");
  for (const char *next = at; next; next = strstr(next + 4, " at ")) at = next;
  snprintf(v->feature, sizeof v->feature, "%s", at ? at + 4 : reason);
  name_sides(v, r, panicked);
  return true;
}

/* Outputs that differ by hash may still agree under the pair's tolerance,
   which needs both outputs in one process: the together run's relation
   decides (when that run has none, e.g. it crashed, they differ). */
static bool within_tolerance(const struct duet_repro *r, size_t i) {
  if (!r->target->tolerance) return false;
  return strcmp(field_text(side_record(&r->together, i), "relation"), "agree") == 0;
}

/* How candidate i departs from the reference in the isolated runs:
   "output-mismatch", "only-candidate-accepts", "only-reference-accepts",
   or NULL when it does not (an output bound hit is never a divergence). */
static const char *departure(const struct duet_repro *r, size_t i) {
  const cJSON *ref = record(r, 0), *cand = record(r, i);
  const char *rs = field_text(ref, "status"), *cs = field_text(cand, "status");
  if (strcmp(rs, "output-limit") == 0 || strcmp(cs, "output-limit") == 0) return NULL;
  if (strcmp(rs, cs) != 0) return strcmp(cs, "accept") == 0 ? "only-candidate-accepts" : "only-reference-accepts";
  bool differs = strcmp(rs, "accept") == 0 && (field_number(ref, "output_len") != field_number(cand, "output_len") ||
                                               strcmp(field_text(ref, "output_xxh3"), field_text(cand, "output_xxh3")) != 0);
  return differs && !within_tolerance(r, i) ? "output-mismatch" : NULL;
}

/* A mismatch under a pair's tolerance, said by how much: "; max sample
   difference 0.25, 3.1 % of 4096 samples differ, first beyond tolerance at
   sample 17" (the samples both outputs have; nothing when they were not
   measured). */
static void by_how_much(const cJSON *samples, char *out, size_t cap) {
  if (!samples) return;
  const cJSON *max = cJSON_GetObjectItemCaseSensitive(samples, "max_difference");
  char max_text[48];
  if (cJSON_IsNumber(max)) snprintf(max_text, sizeof max_text, "%.6g", max->valuedouble);
  else snprintf(max_text, sizeof max_text, "%s", cJSON_IsString(max) ? max->valuestring : "?");
  const cJSON *share = cJSON_GetObjectItemCaseSensitive(samples, "differing_share");
  int n = snprintf(out, cap, "; max sample difference %s, %.3g %% of %lld samples differ", max_text,
                   cJSON_IsNumber(share) ? share->valuedouble * 100 : -1.0, field_number(samples, "count"));
  long long beyond = field_number(samples, "first_beyond");
  if (beyond >= 0 && n > 0 && (size_t)n < cap)
    snprintf(out + n, cap - (size_t)n, ", first beyond tolerance at sample %lld", beyond);
}

/* The verdict from candidate i, the first that departs; the together run
   supplies the first differing offset, which needs both outputs in one process. */
static void describe_divergence(struct duet_repro *r, size_t i, const char *kind) {
  const cJSON *ref = record(r, 0), *cand = record(r, i);
  const char *ref_name = field_text(ref, "side"), *cand_name = field_text(cand, "side");
  struct duet_verdict *v = &r->verdict;
  v->outcome = DUET_OUTCOME_DIVERGENCE;
  snprintf(v->kind, sizeof v->kind, "%s", kind);
  v->reference_len = field_number(ref, "output_len");
  v->candidate_len = field_number(cand, "output_len");
  if (strcmp(kind, "output-mismatch") == 0) {
    const cJSON *together = side_record(&r->together, i);
    const char *cause = field_text(together, "cause"); /* the pair's, or "" */
    v->first_difference = field_number(together, "first_difference");
    snprintf(v->feature, sizeof v->feature, "%s", *cause ? cause : v->reference_len == v->candidate_len ? "same length" : v->reference_len < v->candidate_len ? "candidate longer" : "candidate shorter");
    int n = snprintf(v->detail, sizeof v->detail, "both accept; outputs differ%s%s: %s %lld bytes, %s %lld bytes, first difference at %lld",
                     *cause ? ", " : "", cause, ref_name, v->reference_len, cand_name, v->candidate_len, v->first_difference);
    if (n > 0 && (size_t)n < sizeof v->detail)
      by_how_much(cJSON_GetObjectItemCaseSensitive(together, "samples"), v->detail + n, sizeof v->detail - (size_t)n);
    return;
  }
  bool cand_accepts = strcmp(kind, "only-candidate-accepts") == 0;
  const char *reason = field_text(cand_accepts ? ref : cand, "reason");
  snprintf(v->feature, sizeof v->feature, "%s", reason);
  snprintf(v->detail, sizeof v->detail, "%s accepts, %s rejects (%s)", cand_accepts ? cand_name : ref_name,
           cand_accepts ? ref_name : cand_name, reason);
}

/* Every candidate that departs the same way as the first is named. */
static bool judge_divergence(struct duet_repro *r) {
  bool departs[DUET_MAX_SIDES] = {false};
  const char *kind = NULL;
  for (size_t i = 1; i < r->side_count; i++) {
    const char *k = departure(r, i);
    if (!k || (kind && strcmp(k, kind) != 0)) continue;
    if (!kind) describe_divergence(r, i, k);
    kind = k;
    departs[i] = true;
  }
  if (kind) name_sides(&r->verdict, r, departs);
  return kind != NULL;
}

/* Quick mode has one process: a fatal end is blamed on the side the death
   callback named. */
static bool judge_fatal_together(struct duet_repro *r) {
  if (!duet_outcome_is_fatal(r->together.outcome)) return false;
  take_crash(&r->verdict, &r->together);
  snprintf(r->verdict.side, sizeof r->verdict.side, "%s", r->together.crashed_side[0] ? r->together.crashed_side : "harness");
  return true;
}

static void judge(struct duet_repro *r) {
  struct duet_verdict *v = &r->verdict;
  memset(v, 0, sizeof *v);
  v->reference_len = v->candidate_len = v->first_difference = -1;
  if (r->quick) {
    if (!judge_fatal_together(r) && !judge_panic(r)) judge_divergence(r);
    return;
  }
  if (judge_fatal(r) || judge_panic(r) || judge_divergence(r)) return;
  if (duet_outcome_is_fatal(r->together.outcome)) {
    /* Every side is fine alone but not together: the harness (or shared
       state between the libraries) is at fault. */
    take_crash(v, &r->together);
    snprintf(v->side, sizeof v->side, "harness");
  }
}

int duet_repro_run(const char *exe, const struct duet_target *target, const char *input_path,
                   unsigned timeout_seconds, struct duet_repro *repro) {
  memset(repro, 0, sizeof *repro);
  repro->target = target;
  int rc = observe_run(exe, target, input_path, target->reference->name, timeout_seconds, &repro->alone[0]);
  repro->side_count = 1;
  for (const struct duet_impl *const *c = target->candidates; rc == 0 && *c; c++)
    rc = observe_run(exe, target, input_path, (*c)->name, timeout_seconds, &repro->alone[repro->side_count++]);
  if (rc == 0) rc = observe_run(exe, target, input_path, NULL, timeout_seconds, &repro->together);
  if (rc != 0) {
    duet_repro_release(repro);
    return rc;
  }
  judge(repro);
  return 0;
}

int duet_repro_quick(const char *exe, const struct duet_target *target, const char *input_path,
                     unsigned timeout_seconds, struct duet_repro *repro) {
  memset(repro, 0, sizeof *repro);
  repro->target = target;
  repro->quick = true;
  repro->side_count = 1 + duet_target_candidate_count(target);
  int rc = observe_run(exe, target, input_path, NULL, timeout_seconds, &repro->together);
  if (rc != 0) {
    duet_repro_release(repro);
    return rc;
  }
  judge(repro);
  return 0;
}

int duet_verdict_from_record(const struct duet_target *target, const cJSON *record, struct duet_verdict *verdict) {
  struct duet_repro r;
  memset(&r, 0, sizeof r);
  r.target = target;
  r.quick = true;
  r.side_count = 1 + duet_target_candidate_count(target);
  r.together.result = cJSON_Duplicate(record, 1);
  if (!r.together.result) return -1;
  judge(&r);
  *verdict = r.verdict;
  cJSON_Delete(r.together.result);
  return 0;
}

bool duet_verdict_from_reports(const struct duet_target *target, char *const reports[], size_t side_count,
                               struct duet_verdict *verdict) {
  struct duet_repro r;
  memset(&r, 0, sizeof r);
  r.target = target;
  r.side_count = side_count < DUET_MAX_SIDES ? side_count : DUET_MAX_SIDES;
  for (size_t i = 0; i < r.side_count; i++) {
    if (!reports[i]) continue;
    struct duet_child child = {.err = reports[i], .exit_code = 1};
    duet_observe(&child, &r.alone[i]);
  }
  memset(&r.verdict, 0, sizeof r.verdict);
  r.verdict.reference_len = r.verdict.candidate_len = r.verdict.first_difference = -1;
  bool found = judge_fatal(&r);
  *verdict = r.verdict;
  duet_repro_release(&r);
  return found;
}

void duet_repro_release(struct duet_repro *repro) {
  for (size_t i = 0; i < DUET_MAX_SIDES; i++) duet_observation_release(&repro->alone[i]);
  duet_observation_release(&repro->together);
  memset(repro, 0, sizeof *repro);
}

cJSON *duet_verdict_json(const struct duet_verdict *v) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "class", duet_outcome_name(v->outcome));
  cJSON_AddStringToObject(o, "side", v->side);
  cJSON_AddStringToObject(o, "kind", v->kind);
  if (v->access[0]) cJSON_AddStringToObject(o, "access", v->access);
  cJSON_AddStringToObject(o, "detail", v->detail);
  if (v->feature[0]) cJSON_AddStringToObject(o, "feature", v->feature);
  cJSON *frames = cJSON_AddArrayToObject(o, "frames");
  if (v->frame_count > 0) cJSON_AddBoolToObject(o, "frames_symbolized", v->frames_symbolized);
  for (int i = 0; i < v->frame_count; i++) cJSON_AddItemToArray(frames, cJSON_CreateString(v->frames[i]));
  if (v->outcome == DUET_OUTCOME_DIVERGENCE) {
    cJSON_AddNumberToObject(o, "reference_len", (double)v->reference_len);
    cJSON_AddNumberToObject(o, "candidate_len", (double)v->candidate_len);
    if (v->first_difference >= 0) cJSON_AddNumberToObject(o, "first_difference", (double)v->first_difference);
  }
  return o;
}

static void copy_text(char *out, size_t cap, const cJSON *o, const char *key) {
  snprintf(out, cap, "%s", field_text(o, key));
}

bool duet_verdict_from_json(const cJSON *o, struct duet_verdict *v) {
  memset(v, 0, sizeof *v);
  int cls = duet_outcome_from_name(field_text(o, "class"));
  if (cls < 0) return false;
  v->outcome = (duet_outcome_class)cls;
  copy_text(v->side, sizeof v->side, o, "side");
  copy_text(v->kind, sizeof v->kind, o, "kind");
  copy_text(v->access, sizeof v->access, o, "access");
  copy_text(v->detail, sizeof v->detail, o, "detail");
  copy_text(v->feature, sizeof v->feature, o, "feature");
  const cJSON *frame;
  cJSON_ArrayForEach(frame, cJSON_GetObjectItemCaseSensitive(o, "frames"))
    if (cJSON_IsString(frame) && v->frame_count < DUET_FRAMES)
      snprintf(v->frames[v->frame_count++], DUET_FRAME_MAX, "%s", frame->valuestring);
  v->frames_symbolized = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "frames_symbolized"));
  v->reference_len = field_number(o, "reference_len");
  v->candidate_len = field_number(o, "candidate_len");
  v->first_difference = field_number(o, "first_difference");
  return true;
}

cJSON *duet_repro_sides_json(const struct duet_repro *r) {
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; i < r->side_count; i++) {
    const struct duet_observation *obs = &r->alone[i];
    const cJSON *rec = side_record(obs, 0);
    cJSON *o = rec ? cJSON_Duplicate(rec, 1) : cJSON_CreateObject();
    if (!rec)
      cJSON_AddStringToObject(o, "side", i == 0 ? r->target->reference->name : r->target->candidates[i - 1]->name);
    if (obs->outcome != DUET_OUTCOME_NONE) {
      cJSON_AddStringToObject(o, "crash", duet_outcome_name(obs->outcome));
      cJSON_AddStringToObject(o, "crash_kind", obs->kind);
    }
    /* Under a tolerance, how close the outputs were: only the together run
       had both. */
    const cJSON *samples = cJSON_GetObjectItemCaseSensitive(side_record(&r->together, i), "samples");
    if (samples) cJSON_AddItemToObject(o, "samples", cJSON_Duplicate(samples, 1));
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

/* A frame's function name: "run ringcmd.c:98" -> "run". Line numbers move
   with unrelated edits; ClusterFuzz's crash state keeps functions only. */
static size_t function_length(const char *frame) { return strcspn(frame, " "); }

static int by_function(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* Appends the frames' functions: in order, or for a stack overflow the
   distinct functions sorted, since where in the recursion cycle the stack
   runs out varies from run to run. */
static int append_frames(char *text, size_t cap, int n, const struct duet_verdict *v) {
  const char *frames[DUET_FRAMES];
  int count = 0;
  for (int i = 0; i < v->frame_count; i++) frames[count++] = v->frames[i];
  bool recursion = strcmp(v->kind, "stack-overflow") == 0;
  if (recursion) qsort(frames, (size_t)count, sizeof frames[0], by_function);
  for (int i = 0; i < count && n < (int)cap; i++) {
    size_t len = function_length(frames[i]);
    if (recursion && i > 0 && len == function_length(frames[i - 1]) && strncmp(frames[i], frames[i - 1], len) == 0)
      continue;
    n += snprintf(text + n, cap - (size_t)n, "|%.*s", (int)len, frames[i]);
  }
  return n;
}

void duet_verdict_signature(const char *target, const struct duet_verdict *v, char out[17]) {
  char text[1024];
  int n = snprintf(text, sizeof text, "%s|%s|%s|%s", target, duet_outcome_name(v->outcome), v->side, v->kind);
  if (v->access[0] && n < (int)sizeof text) n += snprintf(text + n, sizeof text - (size_t)n, "|%s", v->access);
  if (v->frame_count > 0) n = append_frames(text, sizeof text, n, v);
  else if (n < (int)sizeof text) n += snprintf(text + n, sizeof text - (size_t)n, "|%s", v->feature);
  char hex[41];
  duet_sha1_hex((const uint8_t *)text, strlen(text), hex);
  memcpy(out, hex, 16);
  out[16] = '\0';
}

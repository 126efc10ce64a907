#define _POSIX_C_SOURCE 200809L
#include "duet/groundtruth.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duet/fileio.h"

static const char *text_of(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
  return s ? s : "";
}

static const cJSON *record_of(const struct duet_gt_side *side) {
  return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(side->obs.result, "sides"), 0);
}

int duet_gt_read_canary_log(const char *path,
                            void (*each)(void *ctx, long long ms, const char *what, const char *id, const char *side),
                            void *ctx) {
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(path, (size_t)64 << 20, &data, &size);
  if (rc == -ENOENT) return 0;
  if (rc != 0) return rc;
  data[size] = '\0';
  for (char *line = (char *)data, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    long long ms;
    char what[16], id[DUET_CANARY_ID_MAX], side[64];
    if (sscanf(line, "%lld %15s %23s %63s", &ms, what, id, side) == 4) each(ctx, ms, what, id, side);
  }
  free(data);
  return 0;
}

static void note_trigger(void *ctx, long long ms, const char *what, const char *id, const char *side_name) {
  (void)ms;
  struct duet_gt_side *side = ctx;
  if (strcmp(what, "triggered") != 0 || strcmp(side_name, side->name) != 0) return;
  if (duet_gt_side_triggered(side, id) || side->triggered_count == DUET_CANARY_MAX) return;
  snprintf(side->triggered[side->triggered_count++], DUET_CANARY_ID_MAX, "%s", id);
}

static int run_one(const char *exe, const struct duet_target *target, const char *input, unsigned timeout_seconds,
                   const char *log_path, struct duet_gt_side *side) {
  char *argv[] = {(char *)exe, "exec", (char *)target->name, (char *)input, "--side", (char *)side->name, NULL};
  unlink(log_path);
  /* The child inherits the log path; duet's own process never writes it. */
  setenv("DUET_CANARY_LOG", log_path, 1);
  struct duet_child child;
  int rc = duet_child_run(argv, timeout_seconds, &child);
  unsetenv("DUET_CANARY_LOG");
  if (rc != 0) return rc;
  duet_observe(&child, &side->obs);
  duet_child_release(&child);
  return duet_gt_read_canary_log(log_path, note_trigger, side);
}

int duet_gt_run_sides(const char *exe, const struct duet_target *target, const char *input,
                      unsigned timeout_seconds, const char *log_path, struct duet_gt_side sides[DUET_MAX_SIDES],
                      size_t *count) {
  *count = 0;
  for (size_t i = 0; i <= duet_target_candidate_count(target) && i < DUET_MAX_SIDES; i++) {
    struct duet_gt_side *side = &sides[i];
    memset(side, 0, sizeof *side);
    side->name = i == 0 ? target->reference->name : target->candidates[i - 1]->name;
    int rc = run_one(exe, target, input, timeout_seconds, log_path, side);
    if (rc != 0) {
      duet_gt_sides_release(sides, i + 1);
      *count = 0;
      return rc;
    }
    *count = i + 1;
  }
  return 0;
}

void duet_gt_sides_release(struct duet_gt_side sides[], size_t count) {
  for (size_t i = 0; i < count; i++) duet_observation_release(&sides[i].obs);
}

/* Same relation `duet repro` reports, from the isolated records. */
static const char *relation(const cJSON *ref, const cJSON *cand) {
  const char *rs = text_of(ref, "status"), *cs = text_of(cand, "status");
  if (strcmp(rs, "output-limit") == 0 || strcmp(cs, "output-limit") == 0) return NULL;
  if (strcmp(rs, cs) != 0) return strcmp(cs, "accept") == 0 ? "only-candidate-accepts" : "only-reference-accepts";
  if (strcmp(rs, "accept") != 0) return NULL;
  const cJSON *rl = cJSON_GetObjectItemCaseSensitive(ref, "output_len");
  const cJSON *cl = cJSON_GetObjectItemCaseSensitive(cand, "output_len");
  bool same = cJSON_GetNumberValue(rl) == cJSON_GetNumberValue(cl) &&
              strcmp(text_of(ref, "output_xxh3"), text_of(cand, "output_xxh3")) == 0;
  return same ? NULL : "output-mismatch";
}

void duet_gt_finding(const struct duet_gt_side sides[], size_t count, size_t i, struct duet_gt_finding *f) {
  memset(f, 0, sizeof *f);
  const struct duet_gt_side *side = &sides[i];
  if (duet_outcome_is_fatal(side->obs.outcome)) {
    snprintf(f->cls, sizeof f->cls, "%s", duet_outcome_name(side->obs.outcome));
    snprintf(f->kind, sizeof f->kind, "%s", side->obs.kind);
    return;
  }
  const cJSON *rec = record_of(side);
  snprintf(f->status, sizeof f->status, "%s", text_of(rec, "status"));
  if (strcmp(f->status, "panic") == 0) {
    snprintf(f->cls, sizeof f->cls, "panic");
    snprintf(f->kind, sizeof f->kind, "panic");
    return;
  }
  const char *rel = NULL;
  if (i > 0 && i < count && !duet_outcome_is_fatal(sides[0].obs.outcome)) rel = relation(record_of(&sides[0]), rec);
  snprintf(f->cls, sizeof f->cls, "%s", rel ? "divergence" : "none");
  if (rel) snprintf(f->kind, sizeof f->kind, "%s", rel);
}

bool duet_gt_finding_matches(const cJSON *expect, const struct duet_gt_finding *f) {
  const cJSON *kind = cJSON_GetObjectItemCaseSensitive(expect, "kind");
  const cJSON *status = cJSON_GetObjectItemCaseSensitive(expect, "status");
  return strcmp(text_of(expect, "class"), f->cls) == 0 && (!kind || strcmp(text_of(expect, "kind"), f->kind) == 0) &&
         (!status || strcmp(text_of(expect, "status"), f->status) == 0);
}

void duet_gt_finding_text(const struct duet_gt_finding *f, char *out, size_t cap) {
  const char *detail = strcmp(f->cls, "none") == 0 ? f->status : f->kind;
  if (strcmp(f->cls, detail) == 0 || !*detail) snprintf(out, cap, "%s", f->cls);
  else snprintf(out, cap, "%s/%s", f->cls, detail);
}

void duet_gt_expect_text(const cJSON *expect, char *out, size_t cap) {
  struct duet_gt_finding f;
  memset(&f, 0, sizeof f);
  snprintf(f.cls, sizeof f.cls, "%s", text_of(expect, "class"));
  snprintf(f.kind, sizeof f.kind, "%s", text_of(expect, "kind"));
  snprintf(f.status, sizeof f.status, "%s", text_of(expect, "status"));
  duet_gt_finding_text(&f, out, cap);
}

bool duet_gt_side_triggered(const struct duet_gt_side *side, const char *id) {
  for (size_t i = 0; i < side->triggered_count; i++)
    if (strcmp(side->triggered[i], id) == 0) return true;
  return false;
}

/*
 * `duet stress`'s findings into the findings store (duet/findings_store.h),
 * beside triage's: REPORTS/findings/<target>/<signature>/ with the input,
 * both outputs (output.alone, output.threaded) or the race report
 * (tsan.txt), evidence.txt and finding.json, whose "stress" object says the
 * thread count, in how many rounds the signature showed and how to see it
 * again. A race is not deterministic, so "reproduced" counts the rounds
 * (fresh processes) that showed it out of "reruns", the rounds run, and a
 * finding is reliable when at least DUET_STRESS_RELIABLE_ROUNDS showed it.
 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/evidence.h"
#include "duet/fileio.h"
#include "duet/findings_store.h"
#include "duet/limits.h"
#include "stress.h"

static const char *text_of(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
  return s ? s : "";
}

static double number_of(const cJSON *o, const char *key) { return cJSON_GetNumberValue(cJSON_GetObjectItem(o, key)); }

/* "accept -> accept, shorter": what changed, without the input's bytes. */
static void relation(const cJSON *alone, const cJSON *threaded, char *out, size_t cap) {
  double a = number_of(alone, "output_len"), t = number_of(threaded, "output_len");
  snprintf(out, cap, "%s -> %s, %s", text_of(alone, "status"), text_of(threaded, "status"),
           a == t ? "same length" : t < a ? "shorter" : "longer");
}

void duet_stress_verdict(const cJSON *rec, struct duet_verdict *v) {
  memset(v, 0, sizeof *v);
  v->outcome = DUET_OUTCOME_CORRUPTION;
  v->reference_len = v->candidate_len = v->first_difference = -1;
  snprintf(v->side, sizeof v->side, "%s", text_of(rec, "side"));
  const char *kind = text_of(rec, "kind");
  snprintf(v->kind, sizeof v->kind, "%s", *kind ? kind : DUET_STRESS_KIND_OUTPUT);
  const cJSON *frame;
  cJSON_ArrayForEach(frame, cJSON_GetObjectItem(rec, "frames")) {
    if (v->frame_count == DUET_FRAMES || !cJSON_IsString(frame)) break;
    snprintf(v->frames[v->frame_count++], DUET_FRAME_MAX, "%s", frame->valuestring);
    v->frames_symbolized = true;
  }
  if (*text_of(rec, "detail")) {
    snprintf(v->detail, sizeof v->detail, "%s", text_of(rec, "detail"));
    return;
  }
  const cJSON *alone = cJSON_GetObjectItem(rec, "alone"), *threaded = cJSON_GetObjectItem(rec, "threaded");
  relation(alone, threaded, v->feature, sizeof v->feature);
  snprintf(v->detail, sizeof v->detail, "under %.0f threads: %s, %.0f byte(s); alone: %s, %.0f byte(s)",
           number_of(rec, "threads"), text_of(threaded, "status"), number_of(threaded, "output_len"),
           text_of(alone, "status"), number_of(alone, "output_len"));
}

/* The file `name` of folder `dir` (NULL, size 0 when absent). */
static uint8_t *read_in(const char *dir, const char *name, size_t *size) {
  char path[DUET_PATH_MAX + 32];
  uint8_t *data;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if (duet_read_file(path, DUET_INPUT_MAX, &data, size) == 0) return data;
  *size = 0;
  return NULL;
}

/* "at byte K (shown from byte J): alone «...» threaded «...»", or "". */
static void difference(const uint8_t *a, size_t na, const uint8_t *t, size_t nt, char *out, size_t cap) {
  out[0] = '\0';
  if (!a || !t) return;
  size_t n = na < nt ? na : nt, k = 0;
  while (k < n && a[k] == t[k]) k++;
  if (k == n && na == nt) return;
  size_t from = k > 24 ? k - 24 : 0;
  char x[200], y[200];
  duet_evidence_preview(a + from, na - from < 48 ? na - from : 48, x, sizeof x);
  duet_evidence_preview(t + from, nt - from < 48 ? nt - from : 48, y, sizeof y);
  snprintf(out, cap, "at byte %zu (shown from byte %zu): alone «%s» threaded «%s»", k, from, x, y);
}

/* evidence.txt: the lines the comparison report reads first, then what was seen. */
static int write_evidence(const char *store, const uint8_t *input, size_t input_size, const cJSON *stress,
                          const struct duet_verdict *v) {
  size_t na, nt;
  uint8_t *a = read_in(store, "output.alone", &na), *t = read_in(store, "output.threaded", &nt);
  char preview[512], diff[768], path[DUET_PATH_MAX + 32], *text = NULL;
  duet_evidence_preview(input, input_size, preview, sizeof preview);
  difference(a, na, t, nt, diff, sizeof diff);
  free(a);
  free(t);
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  if (!f) return -ENOMEM;
  fprintf(f, "input: %s\n", preview);
  if (diff[0]) fprintf(f, "outputs differ %s\n", diff);
  fprintf(f, "\n%s on %s: %s\nseen in %.0f of %.0f round(s) of %.0f threads (run %s)\nagain: %s\n", v->kind, v->side,
          v->detail, number_of(stress, "seen_in_rounds"), number_of(stress, "rounds"), number_of(stress, "threads"),
          text_of(stress, "run"), text_of(stress, "repro"));
  fclose(f);
  snprintf(path, sizeof path, "%s/evidence.txt", store);
  int rc = text ? duet_write_atomic(path, text, size) : -ENOMEM;
  free(text);
  return rc;
}

/* Every file of the run's corruption folder but the input, into the store. */
static int copy_outputs(const char *from, const char *store) {
  char **files;
  long n = duet_list_files(from, &files);
  int rc = n < 0 ? (int)n : 0;
  for (long i = 0; i < n && rc == 0; i++) {
    const char *name = strrchr(files[i], '/') + 1;
    size_t size;
    uint8_t *data = strcmp(name, "input") ? read_in(from, name, &size) : NULL;
    char path[DUET_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", store, name);
    if (data) rc = duet_write_atomic(path, data, size);
    free(data);
  }
  duet_paths_free(n >= 0 ? files : NULL);
  return rc;
}

/* finding.json with the "stress" object added (after duet_store_save wrote it). */
static int add_stress_object(const char *store, cJSON *stress) {
  size_t size;
  char path[DUET_PATH_MAX + 32];
  uint8_t *data = read_in(store, "finding.json", &size);
  cJSON *o = data ? cJSON_ParseWithLength((const char *)data, size) : NULL;
  free(data);
  if (!o) return -EINVAL;
  cJSON_AddItemReferenceToObject(o, "stress", stress);
  char *text = cJSON_Print(o);
  snprintf(path, sizeof path, "%s/finding.json", store);
  int rc = text ? duet_write_atomic(path, text, strlen(text)) : -ENOMEM;
  cJSON_free(text);
  cJSON_Delete(o);
  return rc;
}

static cJSON *stress_object(const struct duet_stress_store *st, const cJSON *rec, const char *signature, size_t seen) {
  char repro[DUET_PATH_MAX + 128];
  const char *run = strrchr(st->run, '/') ? strrchr(st->run, '/') + 1 : st->run;
  snprintf(repro, sizeof repro, "duet stress %s --input findings/%s/%s/input --threads %.0f --time 10", st->target->name,
           st->target->name, signature, number_of(rec, "threads"));
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "run", run);
  cJSON_AddNumberToObject(o, "threads", number_of(rec, "threads"));
  cJSON_AddNumberToObject(o, "seen_in_rounds", (double)seen);
  cJSON_AddNumberToObject(o, "rounds", (double)st->rounds);
  if (*text_of(rec, "sanitizer")) cJSON_AddStringToObject(o, "sanitizer", text_of(rec, "sanitizer"));
  cJSON_AddStringToObject(o, "repro", repro);
  return o;
}

int duet_stress_store_finding(const struct duet_stress_store *st, cJSON *rec, size_t seen) {
  struct duet_finding f = {.reproduced = (unsigned)(seen < 1000 ? seen : 1000),
                           .reruns = (unsigned)(st->rounds < 1000 ? st->rounds : 1000)};
  duet_stress_verdict(rec, &f.verdict);
  snprintf(f.signature, sizeof f.signature, "%s", text_of(rec, "signature"));
  f.reliable = f.reproduced >= DUET_STRESS_RELIABLE_ROUNDS;
  snprintf(f.minimizer, sizeof f.minimizer, "none");
  char root[DUET_PATH_MAX], from[DUET_PATH_MAX + 128];
  snprintf(root, sizeof root, "%s/findings", st->reports);
  snprintf(from, sizeof from, "%s/corruption/%s", st->run, text_of(rec, "stored"));
  int rc = duet_store_lookup(root, st->target->name, &f);
  if (rc < 0) return rc;
  cJSON_AddStringToObject(rec, "status", rc == 1 ? "seen-before" : "new");
  size_t size;
  uint8_t *input = read_in(from, "input", &size);
  if (!input) return -ENOENT;
  struct duet_store_example ex = {.input = input, .input_size = size};
  const char *run = strrchr(st->run, '/') ? strrchr(st->run, '/') + 1 : st->run;
  cJSON *stress = stress_object(st, rec, f.signature, seen);
  rc = duet_store_save(st->target->name, &f, &ex, run);
  if (rc == 0) rc = copy_outputs(from, f.store_dir);
  if (rc == 0) rc = write_evidence(f.store_dir, input, size, stress, &f.verdict);
  if (rc == 0) rc = add_stress_object(f.store_dir, stress);
  cJSON_AddStringToObject(rec, "finding", f.store_dir);
  cJSON_Delete(stress);
  free(input);
  return rc;
}

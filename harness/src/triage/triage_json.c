/* A triage as JSON (triage.json, report.json) and the paths and repro
   commands it names (duet/triage.h). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "duet/triage.h"

cJSON *duet_triage_inputs_json(const struct duet_triage *t) {
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; i < t->input_count; i++) {
    const struct duet_triaged_input *in = &t->inputs[i];
    cJSON *o = duet_verdict_json(&in->verdict);
    cJSON_AddStringToObject(o, "path", in->path ? in->path : "");
    cJSON_AddStringToObject(o, "sha1", in->sha1);
    cJSON_AddNumberToObject(o, "size", (double)in->size);
    cJSON_AddStringToObject(o, "libfuzzer_kind", in->libfuzzer_kind);
    cJSON_AddStringToObject(o, "signature", in->signature);
    if (in->error[0]) cJSON_AddStringToObject(o, in->capped || in->stopped ? "skipped" : "error", in->error);
    if (in->stopped) cJSON_AddBoolToObject(o, "untriaged", true);
    if (in->quick_only) cJSON_AddBoolToObject(o, "quick_pass_only", true);
    if (in->recalled) cJSON_AddBoolToObject(o, "recalled_from_store", true);
    char repro[DUET_PATH_MAX + 128];
    snprintf(repro, sizeof repro, "duet repro %s %s", t->target->name, in->path ? duet_triage_path(t, in->path) : "");
    cJSON_AddStringToObject(o, "repro", repro);
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

const char *duet_triage_path(const struct duet_triage *t, const char *path) {
  size_t n = strlen(t->run_dir);
  return n && strncmp(path, t->run_dir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

void duet_finding_repro(const struct duet_triage *t, const struct duet_finding *f, char *out, size_t cap) {
  if (t->run_dir[0]) snprintf(out, cap, "duet repro %s findings/%s/minimized", t->target->name, f->signature);
  else snprintf(out, cap, "duet repro %s %s/minimized", t->target->name, f->store_dir);
}

cJSON *duet_triage_findings_json(const struct duet_triage *t) {
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; i < t->finding_count; i++) {
    const struct duet_finding *f = &t->findings[i];
    cJSON *o = duet_verdict_json(&f->verdict);
    cJSON_AddStringToObject(o, "signature", f->signature);
    cJSON_AddStringToObject(o, "status", f->status ? f->status : "untriaged");
    if (f->known_why[0]) cJSON_AddStringToObject(o, "known_why", f->known_why);
    if (f->first_seen[0]) cJSON_AddStringToObject(o, "first_seen", f->first_seen);
    cJSON_AddBoolToObject(o, "reliable", f->reliable);
    cJSON_AddNumberToObject(o, "reproduced", f->reproduced);
    cJSON_AddNumberToObject(o, "reruns", f->reruns);
    cJSON_AddNumberToObject(o, "inputs", (double)f->inputs);
    cJSON_AddStringToObject(o, "example", duet_triage_path(t, f->example->path));
    cJSON_AddStringToObject(o, "store", f->store_dir);
    cJSON_AddNumberToObject(o, "input_size", (double)f->input_size);
    cJSON_AddNumberToObject(o, "minimized_size", (double)f->minimized_size);
    cJSON_AddStringToObject(o, "minimizer", f->minimizer);
    char repro[DUET_PATH_MAX + 128];
    duet_finding_repro(t, f, repro, sizeof repro);
    cJSON_AddStringToObject(o, "repro", repro);
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

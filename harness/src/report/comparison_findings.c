/* The comparison report's findings: each stored finding of a pair as a row
   with its frames, input preview, output difference and repro command, and
   the reproduced ones added to the pair's evidence. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_read.h"
#include "duet/observe.h"
#include "duet/text.h"

/* A stored finding back into a verdict; false for one that never reproduced. */
static bool stored_verdict(const cJSON *f, struct duet_verdict *v) {
  memset(v, 0, sizeof *v);
  int cls = duet_outcome_from_name(duet_json_text(f, "class"));
  if (cls <= 0 || duet_json_number(f, "reproduced") <= 0) return false;
  v->outcome = (duet_outcome_class)cls;
  snprintf(v->side, sizeof v->side, "%s", duet_json_text(f, "side"));
  snprintf(v->kind, sizeof v->kind, "%s", duet_json_text(f, "kind"));
  return true;
}

static void add_text(cJSON *row, const char *key, const char *value) {
  char safe[4 * DUET_DETAIL_MAX];
  cJSON_AddStringToObject(row, key, duet_text_utf8_safe(value, safe, sizeof safe));
}

/* The "input: ..." and "outputs differ ..." lines evidence.txt starts with. */
static void add_evidence_lines(cJSON *row, const char *dir) {
  char path[DUET_PATH_MAX];
  snprintf(path, sizeof path, "%s/evidence.txt", dir);
  char *text = duet_read_text(path, (size_t)1 << 20);
  for (char *line = text, *end; line && *line; line = end ? end + 1 : NULL) {
    end = strchr(line, '\n');
    if (end) *end = '\0';
    if (strncmp(line, "input: ", 7) == 0) add_text(row, "input_preview", line + 7);
    else if (strncmp(line, "outputs differ ", 15) == 0) add_text(row, "output_difference", line + 15);
    else break;
  }
  free(text);
}

static bool has_file(const char *dir, const char *name) {
  char path[DUET_PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, (size_t)16 << 20, &data, &size) != 0) return false;
  free(data);
  return true;
}

/* Where the report cites it from: its copy in the report folder (duet_comparison_write).
   A corruption shows only under threads: `duet stress --input` (its "stress" object). */
static void add_repro(cJSON *row, const cJSON *f, const char *dir, const char *target, const char *signature) {
  const char *file = has_file(dir, "minimized") ? "minimized" : "input";
  char repro[512];
  const char *stress = duet_json_text(cJSON_GetObjectItem(f, "stress"), "repro");
  if (strcmp(duet_json_text(f, "class"), "corruption") == 0 && *stress) {
    add_text(row, "repro", stress);
    return;
  }
  snprintf(repro, sizeof repro, "duet repro %s findings/%s/%s/%s", target, target, signature, file);
  cJSON_AddStringToObject(row, "repro", repro);
}

static const char *const copied_keys[] = {"signature", "class", "side",       "kind", "access",
                                          "cause",     "feature", "first_seen", "known"};

static cJSON *finding_row(const cJSON *f, const char *dir, const char *target) {
  cJSON *row = cJSON_CreateObject();
  for (size_t k = 0; k < sizeof copied_keys / sizeof copied_keys[0]; k++)
    if (cJSON_IsString(cJSON_GetObjectItem(f, copied_keys[k]))) add_text(row, copied_keys[k], duet_json_text(f, copied_keys[k]));
  add_text(row, "detail", duet_json_text(f, "detail"));
  cJSON *frames = cJSON_AddArrayToObject(row, "frames");
  const cJSON *frame;
  cJSON_ArrayForEach(frame, cJSON_GetObjectItem(f, "frames")) {
    char safe[2 * DUET_FRAME_MAX];
    if (cJSON_IsString(frame)) cJSON_AddItemToArray(frames, cJSON_CreateString(duet_text_utf8_safe(frame->valuestring, safe, sizeof safe)));
  }
  cJSON_AddItemToObject(row, "runs", cJSON_Duplicate(cJSON_GetObjectItem(f, "runs"), 1));
  cJSON_AddBoolToObject(row, "reliable", cJSON_IsTrue(cJSON_GetObjectItem(f, "reliable")));
  cJSON_AddNumberToObject(row, "reproduced", duet_json_number(f, "reproduced"));
  cJSON_AddNumberToObject(row, "reruns", duet_json_number(f, "reruns"));
  cJSON_AddNumberToObject(row, "input_size", duet_json_number(f, "input_size"));
  if (cJSON_GetObjectItem(f, "minimized_size")) cJSON_AddNumberToObject(row, "minimized_size", duet_json_number(f, "minimized_size"));
  add_evidence_lines(row, dir);
  add_repro(row, f, dir, target, duet_json_text(f, "signature"));
  return row;
}

cJSON *duet_comparison_findings(const char *reports, struct duet_pair_evidence *e, FILE *warn) {
  cJSON *list = cJSON_CreateArray();
  char dir[DUET_PATH_MAX];
  snprintf(dir, sizeof dir, "%s/findings/%s", reports, e->target->name);
  char **entries;
  long n = duet_list_entries(dir, &entries);
  for (long i = 0; i < n; i++) {
    char path[DUET_PATH_MAX];
    snprintf(path, sizeof path, "%s/finding.json", entries[i]);
    cJSON *f = duet_read_checked(path, DUET_CHECK_FINDING, warn);
    if (f && strcmp(duet_json_text(f, "signature"), strrchr(entries[i], '/') + 1) != 0) {
      duet_warn_skip(warn, path, "its signature is not its folder's name");
      cJSON_Delete(f);
      continue;
    }
    if (!f) continue;
    struct duet_verdict v;
    bool reproduced = stored_verdict(f, &v), reliable = cJSON_IsTrue(cJSON_GetObjectItem(f, "reliable"));
    if (reproduced) duet_pair_evidence_add_finding(e, &v, duet_json_text(f, "signature"), reliable);
    cJSON *row = finding_row(f, entries[i], e->target->name);
    cJSON_AddBoolToObject(row, "counted", reproduced && reliable);
    cJSON_AddItemToArray(list, row);
    cJSON_Delete(f);
  }
  duet_paths_free(n >= 0 ? entries : NULL);
  return list;
}

/* Reading run reports, stored findings and benchmark summaries for the
   comparison report: bounded, checked, never trusted. */
#define _POSIX_C_SOURCE 200809L
#include "comparison_read.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "duet/report.h"
#include "duet/text.h"

const char *duet_json_text(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
  return s ? s : "";
}

double duet_json_number(const cJSON *o, const char *key) {
  const cJSON *n = cJSON_GetObjectItem(o, key);
  return cJSON_IsNumber(n) ? n->valuedouble : 0;
}

char *duet_read_text(const char *path, size_t limit) {
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, limit, &data, &size) != 0) return NULL;
  data[size] = '\0';
  return (char *)data;
}

void duet_warn_skip(FILE *warn, const char *path, const char *why) {
  char safe_path[2 * DUET_PATH_MAX], safe_why[512];
  duet_text_terminal_safe(path, safe_path, sizeof safe_path);
  duet_text_terminal_safe(why, safe_why, sizeof safe_why);
  if (warn) fprintf(warn, "duet: warning: skipping %s: %s\n", safe_path, safe_why);
}

cJSON *duet_read_checked(const char *path, enum duet_check check, FILE *warn) {
  char *text = duet_read_text(path, (size_t)64 << 20);
  cJSON *json = text ? cJSON_Parse(text) : NULL;
  free(text);
  char why[256] = "not readable as JSON";
  bool ok = json && (check != DUET_CHECK_RUN || duet_report_check(json, why, sizeof why)) &&
            (check != DUET_CHECK_FINDING || duet_finding_record_check(json, why, sizeof why));
  if (ok) return json;
  duet_warn_skip(warn, path, why);
  cJSON_Delete(json);
  return NULL;
}

bool duet_is_bench_summary(const char *path) {
  static const char suffix[] = ".summary.json";
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  size_t len = strlen(base);
  return strncmp(base, "bench-", 6) == 0 && len > sizeof suffix && strcmp(base + len - (sizeof suffix - 1), suffix) == 0;
}

cJSON *duet_bench_rows_of(const cJSON *bench, const char *target) {
  cJSON *rows = cJSON_CreateArray();
  const cJSON *row;
  cJSON_ArrayForEach(row, cJSON_GetObjectItem(bench, "classes"))
    if (cJSON_IsObject(row) && strcmp(duet_json_text(row, "target"), target) == 0)
      cJSON_AddItemToArray(rows, cJSON_Duplicate(row, 1));
  return rows;
}

cJSON *duet_newest_result(const char *reports, const char *prefix, const char *name, const char *key, char *file,
                          size_t cap, FILE *warn) {
  char **entries;
  long n = duet_list_entries(reports, &entries);
  cJSON *found = NULL;
  for (long i = n - 1; i >= 0 && !found; i--) {
    const char *base = strrchr(entries[i], '/') + 1;
    if (strncmp(base, prefix, strlen(prefix)) != 0) continue;
    char path[DUET_PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", entries[i], name);
    found = duet_read_checked(path, DUET_CHECK_JSON, warn);
    if (found && !cJSON_IsArray(cJSON_GetObjectItem(found, key))) {
      char why[128];
      snprintf(why, sizeof why, "not a %s result (no %s array)", name, key);
      duet_warn_skip(warn, path, why);
      cJSON_Delete(found);
      found = NULL;
    }
    if (found) snprintf(file, cap, "%s/%s", base, name);
  }
  duet_paths_free(n >= 0 ? entries : NULL);
  return found;
}

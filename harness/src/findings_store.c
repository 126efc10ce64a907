#define _POSIX_C_SOURCE 200809L
#include "duet/findings_store.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "duet/fileio.h"

static cJSON *read_json(const char *path) {
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, 4 << 20, &data, &size) != 0) return NULL;
  data[size] = '\0';
  cJSON *json = cJSON_Parse((char *)data);
  free(data);
  return json;
}

static void now_utc(char out[32]) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int duet_store_lookup(const char *root, const char *target, struct duet_finding *f) {
  if (snprintf(f->store_dir, sizeof f->store_dir, "%s/%s/%s", root, target, f->signature) >= (int)sizeof f->store_dir)
    return -ENAMETOOLONG;
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/finding.json", f->store_dir);
  cJSON *old = read_json(path);
  if (!old) return 0;
  const char *first = cJSON_GetStringValue(cJSON_GetObjectItem(old, "first_seen"));
  snprintf(f->first_seen, sizeof f->first_seen, "%s", first ? first : "");
  cJSON_Delete(old);
  return 1;
}

/* Bytes stored once: the first input of a signature stays its example. */
static int keep_first(const char *dir, const char *name, const uint8_t *data, size_t size) {
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct stat st;
  if (stat(path, &st) == 0) return 0;
  return duet_write_atomic(path, data, size);
}

static cJSON *runs_seen(cJSON *old, const char *run_id) {
  cJSON *runs = old ? cJSON_DetachItemFromObject(old, "runs") : NULL;
  if (!cJSON_IsArray(runs)) {
    cJSON_Delete(runs);
    runs = cJSON_CreateArray();
  }
  if (run_id) {
    const cJSON *r;
    bool present = false;
    cJSON_ArrayForEach(r, runs) present |= cJSON_IsString(r) && strcmp(r->valuestring, run_id) == 0;
    if (!present) cJSON_AddItemToArray(runs, cJSON_CreateString(run_id));
  }
  return runs;
}

int duet_store_save(const char *target, const struct duet_finding *f, const uint8_t *input, size_t input_size,
                    const uint8_t *minimized, size_t minimized_size, const char *run_id) {
  int rc = duet_make_dirs(f->store_dir);
  if (rc) return rc;
  if ((rc = keep_first(f->store_dir, "input", input, input_size)) || (rc = keep_first(f->store_dir, "minimized", minimized, minimized_size)))
    return rc;
  char path[DUET_PATH_MAX + 16], now[32];
  snprintf(path, sizeof path, "%s/finding.json", f->store_dir);
  now_utc(now);
  cJSON *old = read_json(path);
  cJSON *o = duet_verdict_json(&f->verdict);
  cJSON_AddStringToObject(o, "signature", f->signature);
  cJSON_AddStringToObject(o, "target", target);
  cJSON_AddStringToObject(o, "first_seen", f->first_seen[0] ? f->first_seen : now);
  cJSON_AddStringToObject(o, "last_seen", now);
  cJSON_AddItemToObject(o, "runs", runs_seen(old, run_id));
  cJSON_AddBoolToObject(o, "reliable", f->reliable);
  cJSON_AddNumberToObject(o, "reproduced", f->reproduced);
  cJSON_AddNumberToObject(o, "reruns", f->reruns);
  cJSON_AddStringToObject(o, "input_sha1", f->example->sha1);
  cJSON_AddNumberToObject(o, "input_size", (double)input_size);
  cJSON_AddNumberToObject(o, "minimized_size", (double)minimized_size);
  cJSON_AddStringToObject(o, "minimizer", f->minimizer);
  if (f->known_why[0]) cJSON_AddStringToObject(o, "known", f->known_why);
  cJSON_Delete(old);
  char *text = cJSON_Print(o);
  cJSON_Delete(o);
  rc = text ? duet_write_atomic(path, text, strlen(text)) : -ENOMEM;
  cJSON_free(text);
  return rc;
}

static bool field_matches(const cJSON *entry, const char *key, const char *value) {
  const char *want = cJSON_GetStringValue(cJSON_GetObjectItem(entry, key));
  return !want || strcmp(want, value) == 0; /* an absent field matches anything */
}

cJSON *duet_known_load(const char *known_path, char *error, size_t error_size) {
  struct stat st;
  error[0] = '\0';
  if (!known_path || stat(known_path, &st) != 0) return NULL;
  cJSON *list = read_json(known_path);
  if (cJSON_IsArray(list)) return list;
  snprintf(error, error_size, "%s is not a JSON array of known divergences", known_path);
  cJSON_Delete(list);
  return NULL;
}

const char *duet_known_lookup(const cJSON *list, const struct duet_verdict *v, const char *signature) {
  const cJSON *e;
  cJSON_ArrayForEach(e, list) {
    const char *sig = cJSON_GetStringValue(cJSON_GetObjectItem(e, "signature"));
    const char *why = cJSON_GetStringValue(cJSON_GetObjectItem(e, "why"));
    bool by_fields = !sig && cJSON_GetObjectItem(e, "class") && field_matches(e, "class", duet_outcome_name(v->outcome)) &&
                     field_matches(e, "side", v->side) && field_matches(e, "kind", v->kind) &&
                     field_matches(e, "feature", v->feature);
    if ((sig && strcmp(sig, signature) == 0) || by_fields) return why ? why : "listed as known";
  }
  return NULL;
}

int duet_known_match(const char *known_path, struct duet_finding *f, char *error, size_t error_size) {
  cJSON *list = duet_known_load(known_path, error, error_size);
  if (!list) return error[0] ? -1 : 0;
  const char *why = duet_known_lookup(list, &f->verdict, f->signature);
  if (why) snprintf(f->known_why, sizeof f->known_why, "%s", why);
  cJSON_Delete(list);
  return why != NULL;
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

int duet_regression_match(const char *regressions_dir, struct duet_finding *f) {
  char **paths;
  long n = duet_list_files(regressions_dir, &paths);
  if (n == -ENOENT) return 0;
  if (n < 0) return (int)n;
  int found = 0;
  for (long i = 0; i < n && !found; i++) {
    if (!has_suffix(paths[i], ".expect.json")) continue;
    cJSON *e = read_json(paths[i]);
    const char *sig = cJSON_GetStringValue(cJSON_GetObjectItem(e, "signature"));
    if (sig && strcmp(sig, f->signature) == 0) {
      const char *name = strrchr(paths[i], '/') + 1;
      const char *why = cJSON_GetStringValue(cJSON_GetObjectItem(e, "why"));
      snprintf(f->known_why, sizeof f->known_why, "regression %.*s: %s", (int)(strlen(name) - strlen(".expect.json")), name,
               why ? why : "");
      found = 1;
    }
    cJSON_Delete(e);
  }
  duet_paths_free(paths);
  return found;
}

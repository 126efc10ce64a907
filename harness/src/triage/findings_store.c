#define _DEFAULT_SOURCE /* flock */
#include "duet/findings_store.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/limits.h"
#include "duet/stop.h"

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

/* An exclusive lock on the finding's folder, held until the fd is closed:
   two triages of one signature take turns. */
static int lock_finding(const char *dir) {
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/.lock", dir);
  int fd = duet_fs_open(path, O_RDWR | O_CREAT, 0644);
  int rc = 0;
  /* A signal (a child's end, a timer) interrupts the wait; only a stop ends it. */
  while (fd >= 0 && (rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR && !duet_stop_now()) {}
  if (fd >= 0 && rc != 0) {
    int err = -errno;
    close(fd);
    return err;
  }
  return fd;
}

static int read_in(const char *dir, const char *name, uint8_t **data, size_t *size) {
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return duet_read_file(path, DUET_INPUT_MAX, data, size);
}

static int write_in(const char *dir, const char *name, const uint8_t *data, size_t size) {
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return duet_write_atomic(path, data, size);
}

/* The minimiser finding.json names ("none" when it was never minimised),
   or NULL; borrowed from `record`. */
static const char *minimizer_of(const cJSON *record) {
  return cJSON_GetStringValue(cJSON_GetObjectItem(record, "minimizer"));
}

/* Whether the store holds a regular file `name` for the finding (opened, not read). */
static bool holds(const char *dir, const char *name) {
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct stat st;
  int fd = duet_fs_open(path, O_RDONLY | O_NONBLOCK, 0);
  bool regular = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (fd >= 0) close(fd);
  return regular;
}

bool duet_store_recall(const char *root, const char *target, const char *signature,
                       struct duet_store_recollection *out) {
  struct duet_finding f = {0};
  snprintf(f.signature, sizeof f.signature, "%s", signature);
  if (duet_store_lookup(root, target, &f) != 1 || !holds(f.store_dir, "evidence.txt") || !duet_store_has_example(&f))
    return false;
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/finding.json", f.store_dir);
  cJSON *record = read_json(path);
  double reproduced = cJSON_GetNumberValue(cJSON_GetObjectItem(record, "reproduced"));
  double reruns = cJSON_GetNumberValue(cJSON_GetObjectItem(record, "reruns"));
  bool whole = record && cJSON_IsTrue(cJSON_GetObjectItem(record, "reliable")) && reruns >= 1 &&
               reruns <= DUET_TRIAGE_RERUNS && reproduced == reruns && duet_verdict_from_json(record, &out->verdict);
  if (whole) out->reproduced = out->reruns = (unsigned)reruns;
  cJSON_Delete(record);
  return whole;
}

bool duet_store_has_example(const struct duet_finding *f) {
  bool both = holds(f->store_dir, "input") && holds(f->store_dir, "minimized");
  char path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/finding.json", f->store_dir);
  cJSON *record = both ? read_json(path) : NULL;
  const char *minimizer = minimizer_of(record);
  bool minimized = minimizer && strcmp(minimizer, "none") != 0;
  cJSON_Delete(record);
  return both && minimized;
}

/* The example the store keeps (lock held): the stored pair when both files
   are there, else the given pair, written now; a stored `minimized` that
   was never minimised gives way to a smaller minimised one (2). Fills what
   finding.json says about them. 0 written, 1 kept, 2 minimised now, -errno. */
static int settle_example(struct duet_finding *f, const struct duet_store_example *given, const char *was,
                          char sha1[41]) {
  uint8_t *input = NULL, *minimized = NULL;
  size_t input_size = 0, minimized_size = 0;
  int rc = read_in(f->store_dir, "input", &input, &input_size);
  if (rc == 0) rc = read_in(f->store_dir, "minimized", &minimized, &minimized_size);
  if (rc != 0) { /* new, or a pair cut short: this triage's pair replaces it */
    free(input);
    free(minimized);
    const uint8_t *min = given->minimized ? given->minimized : given->input;
    size_t min_size = given->minimized ? given->minimized_size : given->input_size;
    if ((rc = write_in(f->store_dir, "input", given->input, given->input_size)) ||
        (rc = write_in(f->store_dir, "minimized", min, min_size)))
      return rc;
    duet_sha1_hex(given->input, given->input_size, sha1);
    f->input_size = given->input_size;
    f->minimized_size = min_size;
    if (!given->minimized) snprintf(f->minimizer, sizeof f->minimizer, "none");
    return 0;
  }
  duet_sha1_hex(input, input_size, sha1);
  f->input_size = input_size;
  f->minimized_size = minimized_size;
  free(input);
  free(minimized);
  bool improve = given->minimized && (!was || strcmp(was, "none") == 0) && given->minimized_size < minimized_size;
  if (!improve) return 1; /* kept */
  rc = write_in(f->store_dir, "minimized", given->minimized, given->minimized_size);
  f->minimized_size = given->minimized_size;
  return rc ? rc : 2;
}

static cJSON *finding_json(const char *target, const struct duet_finding *f, const char *sha1, cJSON *old,
                           const char *run_id) {
  char now[32];
  now_utc(now);
  cJSON *o = duet_verdict_json(&f->verdict);
  cJSON_AddStringToObject(o, "signature", f->signature);
  cJSON_AddStringToObject(o, "target", target);
  cJSON_AddStringToObject(o, "first_seen", f->first_seen[0] ? f->first_seen : now);
  cJSON_AddStringToObject(o, "last_seen", now);
  cJSON_AddItemToObject(o, "runs", runs_seen(old, run_id));
  cJSON_AddBoolToObject(o, "reliable", f->reliable);
  cJSON_AddNumberToObject(o, "reproduced", f->reproduced);
  cJSON_AddNumberToObject(o, "reruns", f->reruns);
  cJSON_AddStringToObject(o, "input_sha1", sha1);
  cJSON_AddNumberToObject(o, "input_size", (double)f->input_size);
  cJSON_AddNumberToObject(o, "minimized_size", (double)f->minimized_size);
  cJSON_AddStringToObject(o, "minimizer", f->minimizer);
  if (f->known_why[0]) cJSON_AddStringToObject(o, "known", f->known_why);
  return o;
}

static int save_locked(const char *target, struct duet_finding *f, const struct duet_store_example *given,
                       const char *run_id) {
  char sha1[41], path[DUET_PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/finding.json", f->store_dir);
  cJSON *old = read_json(path);
  const char *was = minimizer_of(old);
  int kept = settle_example(f, given, was, sha1);
  if (kept < 0) {
    cJSON_Delete(old);
    return kept;
  }
  if (kept == 1 && was) snprintf(f->minimizer, sizeof f->minimizer, "%s", was);
  cJSON *o = finding_json(target, f, sha1, old, run_id);
  cJSON_Delete(old);
  char *text = cJSON_Print(o);
  cJSON_Delete(o);
  int rc = text ? duet_write_atomic(path, text, strlen(text)) : -ENOMEM;
  cJSON_free(text);
  return rc;
}

/* A new finding is written whole in a hidden folder beside its place, then
   renamed into it: a finding's folder is complete or absent, whatever
   stops the write (a kill, a full disk). 1 when another triage created it
   first (then it is updated under the lock), 0 or -errno. */
static int create_whole(const char *target, struct duet_finding *f, const struct duet_store_example *given,
                        const char *run_id) {
  char final[DUET_PATH_MAX], tmp[DUET_PATH_MAX + 64];
  snprintf(final, sizeof final, "%s", f->store_dir);
  char *slash = strrchr(final, '/');
  if (!slash) return -EINVAL;
  snprintf(tmp, sizeof tmp, "%.*s/.%s.tmp.%ld", (int)(slash - final), final, slash + 1, (long)getpid());
  snprintf(f->store_dir, sizeof f->store_dir, "%s", tmp);
  int rc = duet_make_dirs(tmp);
  if (rc == 0) rc = save_locked(target, f, given, run_id);
  snprintf(f->store_dir, sizeof f->store_dir, "%s", final);
  char name[DUET_NAME_MAX + 1], tmp_name[DUET_NAME_MAX + 1];
  int dir = rc ? rc : duet_fs_open_parent(final, false, name);
  if (dir >= 0) {
    snprintf(tmp_name, sizeof tmp_name, "%s", strrchr(tmp, '/') + 1);
    rc = renameat(dir, tmp_name, dir, name) == 0 ? 0 : errno == EEXIST || errno == ENOTEMPTY ? 1 : -errno;
    close(dir);
  } else rc = dir;
  if (rc != 0) duet_remove_tree(tmp);
  return rc;
}

int duet_store_save(const char *target, struct duet_finding *f, const struct duet_store_example *given,
                    const char *run_id) {
  struct stat st;
  int rc = 1;
  if (lstat(f->store_dir, &st) != 0 && errno == ENOENT) rc = create_whole(target, f, given, run_id);
  if (rc <= 0) return rc;
  int lock = lock_finding(f->store_dir);
  if (lock < 0) return lock;
  rc = save_locked(target, f, given, run_id);
  close(lock);
  return rc;
}

int duet_store_copy(const struct duet_finding *f, const char *dir) {
  char dest[DUET_PATH_MAX + 64];
  snprintf(dest, sizeof dest, "%s/findings/%s", dir, f->signature);
  char **files;
  long n = duet_list_files(f->store_dir, &files);
  int rc = n < 0 ? (int)n : duet_make_dirs(dest);
  for (long i = 0; i < n && rc == 0; i++) {
    uint8_t *data;
    size_t size;
    char path[DUET_PATH_MAX + 128];
    snprintf(path, sizeof path, "%s/%s", dest, strrchr(files[i], '/') + 1);
    if ((rc = duet_read_file(files[i], DUET_INPUT_MAX, &data, &size)) == 0) rc = duet_write_atomic(path, data, size);
    free(data);
  }
  duet_paths_free(n >= 0 ? files : NULL);
  return rc;
}

/* An absent field matches anything; a present one is a shell wildcard
   pattern (fnmatch: `*`, `?`, `[...]`), so a plain text matches itself. */
static bool field_matches(const cJSON *entry, const char *key, const char *value) {
  const char *want = cJSON_GetStringValue(cJSON_GetObjectItem(entry, key));
  return !want || fnmatch(want, value, 0) == 0;
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

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

cJSON *duet_regressions_load(const char *dir, int *error) {
  static const char suffix[] = ".expect.json";
  char **paths;
  long n = duet_list_files(dir, &paths);
  *error = n == -ENOENT ? 0 : n < 0 ? (int)n : 0;
  if (n < 0) return NULL;
  cJSON *list = cJSON_CreateArray();
  for (long i = 0; i < n && list; i++) {
    if (!has_suffix(paths[i], suffix)) continue;
    cJSON *e = read_json(paths[i]);
    const char *sig = cJSON_GetStringValue(cJSON_GetObjectItem(e, "signature"));
    const char *why = cJSON_GetStringValue(cJSON_GetObjectItem(e, "why"));
    if (sig) {
      const char *name = strrchr(paths[i], '/') + 1;
      char text[1024];
      snprintf(text, sizeof text, "regression %.*s: %s", (int)(strlen(name) - (sizeof suffix - 1)), name, why ? why : "");
      cJSON *entry = cJSON_CreateObject();
      cJSON_AddStringToObject(entry, "signature", sig);
      cJSON_AddStringToObject(entry, "why", text);
      cJSON_AddItemToArray(list, entry);
    }
    cJSON_Delete(e);
  }
  duet_paths_free(paths);
  return list;
}

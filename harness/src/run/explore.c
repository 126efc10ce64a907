#define _GNU_SOURCE
#include "duet/explore.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/findings_store.h"
#include "duet/repro.h"
#include "duet/sanitizer_hooks.h"

#include <xxhash.h>

enum { CACHE_MAX = 1024, KEYS_MAX = 4096 };
enum sig_state { SIG_OPEN, SIG_KNOWN, SIG_FULL };

static const struct duet_target *target;
static cJSON *listed, *regressions;
static char run_dir[PATH_MAX];
static char minimize_signature[17]; /* DUET_MINIMIZE_SIGNATURE: abort on it alone */
static struct {
  char signature[17];
  enum sig_state state;
} cache[CACHE_MAX];
static size_t cache_count;
/* Divergences and panics are judged once per quick key (outcome, side,
   statuses, relations, reasons: what the signature is made of), so an
   execution that repeats a known one costs one hash and no string
   comparison, which libFuzzer would also take for dictionary material. */
static struct {
  uint64_t key;
  size_t signature; /* index into cache */
} keys[KEYS_MAX];
static size_t key_count;

static bool env_is(const char *name, const char *value) {
  const char *v = getenv(name);
  return v && strcmp(v, value) == 0;
}

/* Where the pair's `leaf` (its known list, its regressions) is: the source
   tree the fuzzer was built from, else duet-data/<target>/ beside the
   binary, where .clusterfuzzlite/build.sh puts them for a fuzzer that runs
   on OSS-Fuzz or ClusterFuzzLite, away from any source tree. */
static void pair_data(char *out, size_t cap, const char *tree_path, const char *leaf) {
  snprintf(out, cap, "%s", tree_path);
  const char *exe = duet_self_exe();
  const char *slash = exe ? strrchr(exe, '/') : NULL;
  char beside[PATH_MAX];
  if (access(tree_path, F_OK) == 0 || !slash) return;
  snprintf(beside, sizeof beside, "%.*s/duet-data/%s/%s", (int)(slash - exe), exe, target->name, leaf);
  if (access(beside, F_OK) == 0) snprintf(out, cap, "%s", beside);
}

int duet_explore_init(const struct duet_target *t) {
  target = t;
  const char *run = getenv("DUET_RUN_DIR");
  if (run && run[0] == '/') snprintf(run_dir, sizeof run_dir, "%s", run);
  const char *wanted = getenv("DUET_MINIMIZE_SIGNATURE");
  if (wanted && strlen(wanted) == 16) memcpy(minimize_signature, wanted, 17);
  if (run_dir[0]) {
    duet_fs_confine(run_dir); /* fails only past 32 roots or PATH_MAX */
    duet_report_capture_start();
  }
  if (env_is("DUET_ABORT_ON_KNOWN", "1")) return 0; /* nothing is known */
  char tree[PATH_MAX], path[PATH_MAX], error[256];
  snprintf(tree, sizeof tree, "%s/targets/%s/known-divergences.json", duet_build_info.source_dir, t->name);
  pair_data(path, sizeof path, tree, "known-divergences.json");
  listed = duet_known_load(path, error, sizeof error);
  if (error[0]) fprintf(stderr, "duet: warning: %s; nothing listed there is known\n", error);
  /* DUET_REGRESSIONS_DIR names another folder, or is empty: none is known
     (`duet validate` measures detection of the planted bugs from scratch). */
  const char *dir = getenv("DUET_REGRESSIONS_DIR");
  snprintf(tree, sizeof tree, "%s/corpora/%s/regressions", duet_build_info.source_dir, t->name);
  pair_data(path, sizeof path, tree, "regressions");
  int rc = 0;
  if (!dir || dir[0]) regressions = duet_regressions_load(dir ? dir : path, &rc);
  return error[0] ? -1 : 0;
}

/* Each field hashed with the running key as seed: no allocation on a path
   that divergence-heavy targets take on most executions. */
static uint64_t mix(uint64_t key, const void *data, size_t size) { return XXH3_64bits_withSeed(data, size, key); }

static uint64_t quick_key(const struct duet_differential *r) {
  uint64_t key = mix(0, &r->outcome, sizeof r->outcome);
  key = mix(key, &r->finding_side, sizeof r->finding_side);
  for (size_t i = 0; i < r->side_count; i++) {
    const struct duet_side_result *side = &r->sides[i];
    const struct duet_comparison *c = &side->vs_reference;
    int length_relation = (c->reference_len > c->candidate_len) - (c->reference_len < c->candidate_len);
    key = mix(key, &side->run.status, sizeof side->run.status);
    key = mix(key, &c->relation, sizeof c->relation);
    key = mix(key, &length_relation, sizeof length_relation);
    key = mix(key, side->run.reason, strnlen(side->run.reason, sizeof side->run.reason));
  }
  return key ? key : 1;
}

static enum sig_state *keyed(uint64_t key) {
  for (size_t i = 0; key && i < key_count; i++)
    if (keys[i].key == key) return &cache[keys[i].signature].state;
  return NULL;
}

/* The verdict of one execution: a captured sanitizer report outranks a panic
   or a divergence, as in isolated re-runs. */
static bool judge(const struct duet_differential *r, struct duet_verdict *v, cJSON **record) {
  char *reports[DUET_MAX_SIDES] = {NULL};
  bool any = false;
  for (size_t i = 0; i < r->side_count; i++) any |= (reports[i] = r->sides[i].sanitizer_report) != NULL;
  *record = duet_differential_json(r);
  if (any) return duet_verdict_from_reports(r->target, reports, r->side_count, v);
  if (r->outcome == DUET_OUTCOME_NONE || !*record) return false;
  return duet_verdict_from_record(r->target, *record, v) == 0 && v->outcome != DUET_OUTCOME_NONE;
}

/* 16 hex digits each; compared by hand, since libFuzzer would take the
   arguments of an intercepted strcmp here as dictionary material. */
static bool same_signature(const char *a, const char *b) {
  unsigned diff = 0;
  for (int i = 0; i < 16; i++) diff |= (unsigned)(a[i] ^ b[i]);
  return diff == 0;
}

/* The signature's slot in the cache (added if new), or -1 when it is full. */
static long cached(const char *signature) {
  for (size_t i = 0; i < cache_count; i++)
    if (same_signature(cache[i].signature, signature)) return (long)i;
  if (cache_count == CACHE_MAX) return -1;
  memcpy(cache[cache_count].signature, signature, 17);
  cache[cache_count].state = SIG_OPEN;
  return (long)cache_count++;
}

static void mark(const char *signature, const char *kind) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/signatures/%s.%s", run_dir, signature, kind);
  int fd = duet_fs_open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd >= 0) close(fd);
}

static cJSON *record_json(const char *signature, const struct duet_verdict *v, cJSON *record,
                          const struct duet_differential *r) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "signature", signature);
  cJSON_AddItemToObject(o, "verdict", duet_verdict_json(v));
  cJSON_AddItemToObject(o, "record", cJSON_Duplicate(record, 1));
  for (size_t i = 0; i < r->side_count; i++)
    if (r->sides[i].sanitizer_report) {
      cJSON_AddStringToObject(o, "sanitizer_report", r->sides[i].sanitizer_report);
      break;
    }
  return o;
}

/* Takes slot k of the signature when it is free: whoever links it first. */
static int claim(const char *name, const uint8_t *data, size_t size) {
  char final[PATH_MAX];
  snprintf(final, sizeof final, "%s/artifacts/%s", run_dir, name);
  return duet_write_new(final, data, size);
}

static void save(const char *signature, const struct duet_verdict *v, cJSON *record, const struct duet_differential *r,
                 const uint8_t *data, size_t size, enum sig_state *state) {
  char name[96];
  for (int k = 0; k < DUET_SAVES_PER_SIGNATURE; k++) {
    snprintf(name, sizeof name, "%s-%s-%d", duet_outcome_name(v->outcome), signature, k);
    int rc = claim(name, data, size);
    if (rc == -EEXIST) continue;
    if (rc != 0) {
      fprintf(stderr, "duet: cannot save %s: %s\n", name, duet_fs_strerror(rc));
      return;
    }
    cJSON *o = record_json(signature, v, record, r);
    char *text = o ? cJSON_Print(o) : NULL, path[PATH_MAX];
    snprintf(path, sizeof path, "%s/records/%s.json", run_dir, name);
    if (text) duet_write_atomic(path, text, strlen(text));
    cJSON_free(text);
    cJSON_Delete(o);
    return;
  }
  if (state) *state = SIG_FULL;
}

static bool reported(const struct duet_differential *r) {
  for (size_t i = 0; i < r->side_count; i++)
    if (r->sides[i].sanitizer_report) return true;
  return false;
}

bool duet_explore_judge(const uint8_t *data, size_t size, const struct duet_differential *result) {
  bool sanitizer = reported(result);
  if (!sanitizer && result->outcome == DUET_OUTCOME_NONE) return false;
  uint64_t key = sanitizer ? 0 : quick_key(result);
  enum sig_state *seen = keyed(key);
  if (seen && *seen != SIG_OPEN) return false;
  struct duet_verdict v;
  cJSON *record = NULL;
  if (!judge(result, &v, &record)) {
    cJSON_Delete(record);
    return false;
  }
  char signature[17];
  duet_verdict_signature(target->name, &v, signature);
  if (minimize_signature[0]) { /* libFuzzer's minimiser: only this one is a "crash" */
    cJSON_Delete(record);
    return same_signature(signature, minimize_signature);
  }
  long slot = cached(signature);
  enum sig_state *state = slot >= 0 ? &cache[slot].state : NULL;
  if (slot >= 0 && key && !seen && key_count < KEYS_MAX) {
    keys[key_count].key = key;
    keys[key_count++].signature = (size_t)slot;
  }
  if (state && *state == SIG_OPEN && (duet_known_lookup(listed, &v, signature) || duet_known_lookup(regressions, &v, signature))) {
    *state = SIG_KNOWN;
    if (run_dir[0]) mark(signature, "known");
  }
  bool known = state && *state == SIG_KNOWN;
  if (!run_dir[0]) {
    if (!known) duet_differential_print(stderr, result);
    cJSON_Delete(record);
    return !known;
  }
  if (state && *state == SIG_OPEN) {
    mark(signature, "new");
    save(signature, &v, record, result, data, size, state);
  } else if (!state && !known) {
    save(signature, &v, record, result, data, size, NULL);
  }
  cJSON_Delete(record);
  return false;
}

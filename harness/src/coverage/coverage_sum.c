/* The coverage build's facts, which source file is which side, and coverage.json. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duet/coverage.h"
#include "duet/fileio.h"

/* Sets `key`'s value from a "key value" line; true when the line is that key's. */
static bool take(const char *line, const char *key, char *value, size_t cap) {
  size_t n = strlen(key);
  if (strncmp(line, key, n) != 0 || line[n] != ' ') return false;
  snprintf(value, cap, "%s", line + n + 1);
  return true;
}

int duet_coverage_build_read(const char *build_dir, struct duet_coverage_build *build) {
  char path[PATH_MAX];
  memset(build, 0, sizeof *build);
  if (snprintf(path, sizeof path, "%s/duet-coverage.conf", build_dir) >= (int)sizeof path) return -ENAMETOOLONG;
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(path, 1 << 16, &data, &size);
  if (rc != 0) return rc;
  data[size] = '\0';
  char *save = NULL;
  for (char *line = strtok_r((char *)data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    if (take(line, "llvm-profdata", build->profdata, sizeof build->profdata)) continue;
    if (take(line, "llvm-cov", build->cov, sizeof build->cov)) continue;
    if (take(line, "source-dir", build->source_dir, sizeof build->source_dir)) continue;
    take(line, "binary-dir", build->binary_dir, sizeof build->binary_dir);
  }
  free(data);
  bool whole = build->profdata[0] && build->cov[0] && build->source_dir[0] && build->binary_dir[0];
  return whole ? 0 : -EINVAL;
}

/* True when `file` is `dir` + "/" + `sub` + "/..." (sub may be ""). */
static bool below(const char *file, const char *dir, const char *sub) {
  size_t n = strlen(dir), m = strlen(sub);
  if (strncmp(file, dir, n) != 0 || file[n] != '/') return false;
  if (m == 0) return true;
  return strncmp(file + n + 1, sub, m) == 0 && file[n + 1 + m] == '/';
}

static bool ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), m = strlen(tail);
  return n >= m && strcmp(s + n - m, tail) == 0;
}

/* A file of targets/<pair>/ (`rel` from <pair>): the adapters are each side's
   entry points (*adapter.c, rust/src/lib.rs) and their headers; anything else
   there is library code a ground-truth pair keeps in its own folder
   (gt.ringcmd's ringcmd.c and rust/src/safe.rs). */
static enum duet_coverage_part in_pair_folder(const char *rel) {
  const char *rest = strchr(rel, '/');
  rest = rest ? rest + 1 : rel;
  if (strcmp(rest, "rust/src/lib.rs") == 0 || ends_with(rest, "adapter.c") || ends_with(rest, ".h"))
    return DUET_COVERAGE_ADAPTER;
  return ends_with(rest, ".rs") ? DUET_COVERAGE_RUST : DUET_COVERAGE_C;
}

/* Order matters: the build folder may lie inside the checkout (build/coverage),
   and a pair's C library may be generated into it (base64.decode's patched
   cdecode.c under build/coverage/targets/), so the build's own harness parts
   are named first, and only the checkout's targets/ are adapters. */
enum duet_coverage_part duet_coverage_part_of(const struct duet_coverage_build *build, const char *file) {
  if (strncmp(file, "/rustc/", 7) == 0 || strncmp(file, "/usr/include/", 13) == 0 ||
      strncmp(file, "/usr/lib/", 9) == 0)
    return DUET_COVERAGE_OTHER; /* Rust's std and system headers */
  if (below(file, build->binary_dir, "harness") || below(file, build->binary_dir, "rust/src"))
    return DUET_COVERAGE_HARNESS; /* build_info.c, the generated staticlib root */
  if (below(file, build->binary_dir, "")) return ends_with(file, ".rs") ? DUET_COVERAGE_RUST : DUET_COVERAGE_C;
  if (below(file, build->source_dir, "harness")) return DUET_COVERAGE_HARNESS;
  if (below(file, build->source_dir, "targets")) return in_pair_folder(file + strlen(build->source_dir) + 9);
  return ends_with(file, ".rs") ? DUET_COVERAGE_RUST : DUET_COVERAGE_C;
}

const char *duet_coverage_part_name(enum duet_coverage_part part) {
  static const char *const names[DUET_COVERAGE_PARTS] = {"c", "rust", "adapter", "harness"};
  return part < DUET_COVERAGE_PARTS ? names[part] : "other";
}

double duet_coverage_percent(long covered, long count) {
  return count > 0 ? 100.0 * (double)covered / (double)count : -1;
}

static long number(const cJSON *o, const char *kind, const char *key) {
  const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(o, kind), key);
  return cJSON_IsNumber(v) ? (long)v->valuedouble : 0;
}

static void add_file(struct duet_coverage_counts *c, const cJSON *summary) {
  c->files++;
  c->lines += number(summary, "lines", "count");
  c->lines_covered += number(summary, "lines", "covered");
  c->branches += number(summary, "branches", "count");
  c->branches_covered += number(summary, "branches", "covered");
  c->functions += number(summary, "functions", "count");
  c->functions_covered += number(summary, "functions", "covered");
}

int duet_coverage_sum(const struct duet_coverage_build *build, const cJSON *export_json,
                      struct duet_coverage_result *result) {
  const cJSON *files = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(export_json, "data"), 0), "files");
  if (!cJSON_IsArray(files)) {
    snprintf(result->why, sizeof result->why, "llvm-cov export: no data[0].files in its JSON");
    return -EINVAL;
  }
  const cJSON *file;
  cJSON_ArrayForEach(file, files) {
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(file, "filename"));
    enum duet_coverage_part part = name ? duet_coverage_part_of(build, name) : DUET_COVERAGE_OTHER;
    if (part != DUET_COVERAGE_OTHER) add_file(&result->part[part], cJSON_GetObjectItem(file, "summary"));
  }
  return 0;
}

static void add_kind(cJSON *o, const char *kind, long covered, long count) {
  cJSON *k = cJSON_AddObjectToObject(o, kind);
  cJSON_AddNumberToObject(k, "count", (double)count);
  cJSON_AddNumberToObject(k, "covered", (double)covered);
  double pct = duet_coverage_percent(covered, count);
  if (pct >= 0) cJSON_AddNumberToObject(k, "percent", pct);
  else cJSON_AddNullToObject(k, "percent");
}

static cJSON *part_json(const struct duet_coverage_counts *c) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "files", (double)c->files);
  add_kind(o, "lines", c->lines_covered, c->lines);
  add_kind(o, "branches", c->branches_covered, c->branches);
  add_kind(o, "functions", c->functions_covered, c->functions);
  return o;
}

cJSON *duet_coverage_json(const char *target, const char *const corpora[], size_t corpus_count,
                          const struct duet_coverage_result *result) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "$schema", DUET_COVERAGE_SCHEMA_ID);
  cJSON_AddNumberToObject(o, "schema_version", DUET_COVERAGE_SCHEMA_VERSION);
  cJSON_AddStringToObject(o, "target", target);
  char when[32];
  time_t now = time(NULL);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
  cJSON_AddStringToObject(o, "generated_at", when);
  cJSON *dirs = cJSON_AddArrayToObject(o, "corpora");
  for (size_t i = 0; i < corpus_count; i++) cJSON_AddItemToArray(dirs, cJSON_CreateString(corpora[i]));
  cJSON_AddNumberToObject(o, "inputs", (double)result->inputs);
  cJSON_AddNumberToObject(o, "inputs_lost", (double)result->inputs_lost);
  cJSON *parts = cJSON_AddObjectToObject(o, "parts");
  for (int p = 0; p < DUET_COVERAGE_PARTS; p++)
    cJSON_AddItemToObject(parts, duet_coverage_part_name((enum duet_coverage_part)p), part_json(&result->part[p]));
  return o;
}

#define _POSIX_C_SOURCE 200809L
#include "duet/summary.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "duet/claims.h"
#include "duet/fileio.h"
#include "duet/registry.h"
#include "duet/report.h"
#include "duet/text.h"
#include "duet/unsafe_surface.h"

static const char *text_of(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
  return s ? s : "";
}

static cJSON *read_json(const char *path) {
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, (size_t)64 << 20, &data, &size) != 0) return NULL;
  data[size] = '\0';
  cJSON *json = cJSON_Parse((char *)data);
  free(data);
  return json;
}

struct pair_runs {
  size_t runs;               /* complete runs: the only ones counted as evidence */
  size_t unfinished;         /* running, partial, interrupted or failed: listed apart */
  long long executions;
  bool rust_unsanitized;     /* some run had an unsanitized Rust side */
  char latest_run[160], latest_start[32];
  double latest_cov;
};

static bool rust_unsanitized(const cJSON *report) {
  const cJSON *side;
  cJSON_ArrayForEach(side, cJSON_GetObjectItem(report, "sides")) {
    const char *lang = cJSON_GetStringValue(cJSON_GetObjectItem(side, "language"));
    if (lang && strcmp(lang, "rust") == 0 && !cJSON_IsTrue(cJSON_GetObjectItem(side, "sanitized"))) return true;
  }
  return false;
}

/* Warns once per skipped file, the path and reason escaped. */
static void skip(FILE *warn, const char *path, const char *why) {
  char safe_path[2 * DUET_PATH_MAX], safe_why[512];
  duet_text_terminal_safe(path, safe_path, sizeof safe_path);
  duet_text_terminal_safe(why, safe_why, sizeof safe_why);
  if (warn) fprintf(warn, "duet: warning: skipping %s: %s\n", safe_path, safe_why);
}

/* A run that did not complete: listed, never counted. */
static void add_unfinished(cJSON *list, const char *run, const cJSON *report) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "run", run);
  cJSON_AddStringToObject(o, "status", text_of(report, "status"));
  cJSON_AddStringToObject(o, "status_reason", text_of(report, "status_reason"));
  cJSON_AddItemToArray(list, o);
}

static void count_run(struct pair_runs *p, const char *run, const cJSON *r) {
  const cJSON *campaign = cJSON_GetObjectItem(r, "campaign");
  p->runs++;
  p->executions += (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(campaign, "executions"));
  p->rust_unsanitized |= rust_unsanitized(r);
  const char *start = text_of(r, "started_at");
  if (strcmp(start, p->latest_start) > 0) {
    snprintf(p->latest_start, sizeof p->latest_start, "%s", start);
    snprintf(p->latest_run, sizeof p->latest_run, "%s", run);
    p->latest_cov = cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(campaign, "coverage"), "cov"));
  }
}

/* Folds every run folder of `target` (reports/<target>-*) into *p: complete
   runs counted, unfinished ones listed in `unfinished`, bad ones skipped. */
static void read_runs(const char *reports, const struct duet_target *t, struct pair_runs *p, cJSON *unfinished,
                      FILE *warn) {
  memset(p, 0, sizeof *p);
  char pattern[256];
  snprintf(pattern, sizeof pattern, "%s-", t->name);
  char **entries;
  long count = duet_list_entries(reports, &entries);
  for (long i = 0; i < count; i++) {
    const char *base = strrchr(entries[i], '/') + 1;
    if (strncmp(base, pattern, strlen(pattern)) != 0) continue;
    char path[DUET_PATH_MAX], why[256];
    snprintf(path, sizeof path, "%s/report.json", entries[i]);
    cJSON *r = read_json(path);
    if (!r) skip(warn, path, "not readable as JSON");
    else if (!duet_report_check(r, why, sizeof why)) skip(warn, path, why);
    else if (strcmp(text_of(r, "target"), t->name) != 0) skip(warn, path, "the report is of another target");
    else if (strcmp(text_of(r, "status"), "complete") != 0) {
      p->unfinished++;
      add_unfinished(unfinished, base, r);
    } else count_run(p, base, r);
    cJSON_Delete(r);
  }
  duet_paths_free(count >= 0 ? entries : NULL);
}

/* A stored finding back into a verdict, enough for the evidence rules.
   False for one that never reproduced: listed, but no evidence. */
static bool stored_verdict(const cJSON *f, struct duet_verdict *v) {
  memset(v, 0, sizeof *v);
  int cls = duet_outcome_from_name(text_of(f, "class"));
  if (cls <= 0 || cJSON_GetNumberValue(cJSON_GetObjectItem(f, "reproduced")) <= 0) return false;
  v->outcome = (duet_outcome_class)cls;
  snprintf(v->side, sizeof v->side, "%s", text_of(f, "side"));
  snprintf(v->kind, sizeof v->kind, "%s", text_of(f, "kind"));
  snprintf(v->detail, sizeof v->detail, "%s", text_of(f, "detail"));
  return true;
}

/* Adds the pair's stored findings to both evidence records; returns them as JSON. */
static cJSON *read_findings(const char *reports, const struct duet_target *t, struct duet_evidence *pair,
                            struct duet_evidence *all, FILE *warn) {
  cJSON *list = cJSON_CreateArray();
  char dir[DUET_PATH_MAX];
  snprintf(dir, sizeof dir, "%s/findings/%s", reports, t->name);
  char **entries;
  long n = duet_list_entries(dir, &entries);
  for (long i = 0; i < n; i++) {
    char path[DUET_PATH_MAX];
    snprintf(path, sizeof path, "%s/finding.json", entries[i]);
    cJSON *f = read_json(path);
    char why[256];
    if (f && !duet_finding_record_check(f, why, sizeof why)) {
      skip(warn, path, why);
      cJSON_Delete(f);
      continue;
    }
    struct duet_verdict v;
    if (f && stored_verdict(f, &v)) {
      duet_evidence_add_finding(pair, t, &v);
      duet_evidence_add_finding(all, t, &v);
    }
    if (f && *text_of(f, "class")) {
      cJSON *row = cJSON_CreateObject();
      static const char *const keys[] = {"signature", "class", "side", "kind", "detail", "first_seen", "known"};
      for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const char *value = cJSON_GetStringValue(cJSON_GetObjectItem(f, keys[k]));
        if (value) cJSON_AddStringToObject(row, keys[k], value);
      }
      cJSON_AddBoolToObject(row, "reliable", cJSON_IsTrue(cJSON_GetObjectItem(f, "reliable")));
      cJSON_AddItemToArray(list, row);
    }
    cJSON_Delete(f);
  }
  duet_paths_free(n >= 0 ? entries : NULL);
  return list;
}

static int write_both(const char *reports, const cJSON *summary) {
  char path[DUET_PATH_MAX];
  char *json = cJSON_Print(summary), *md_text = NULL;
  size_t md_size = 0;
  FILE *md = open_memstream(&md_text, &md_size);
  if (!json || !md) {
    cJSON_free(json);
    if (md) fclose(md);
    free(md_text);
    return -ENOMEM;
  }
  duet_summary_markdown(md, summary);
  fclose(md);
  snprintf(path, sizeof path, "%s/summary.json", reports);
  int rc = duet_write_atomic(path, json, strlen(json));
  snprintf(path, sizeof path, "%s/summary.md", reports);
  if (rc == 0) rc = duet_write_atomic(path, md_text, md_size);
  cJSON_free(json);
  free(md_text);
  return rc;
}

/* What a bench summary measured: its classes and their inputs. Runs that
   measured the same are repeats; only the newest of them counts. */
static void bench_inputs_key(const cJSON *bench, char *key, size_t size) {
  key[0] = '\0';
  const cJSON *cls;
  cJSON_ArrayForEach(cls, cJSON_GetObjectItem(bench, "classes")) {
    size_t used = strlen(key);
    snprintf(key + used, size - used, "%s/%s %s|", text_of(cls, "target"), text_of(cls, "class"), text_of(cls, "inputs"));
  }
}

static bool is_bench_summary(const char *path) {
  static const char suffix[] = ".summary.json";
  const char *base = strrchr(path, '/') + 1;
  size_t len = strlen(base);
  return strncmp(base, "bench-", 6) == 0 && len > sizeof suffix && strcmp(base + len - (sizeof suffix - 1), suffix) == 0;
}

/* Claim C3 from the `duet bench` summaries (reports/bench-<time>.json.summary.json):
   the newest per set of inputs measured. They agree: their verdict. They
   differ (zlib: C faster on fuzz-sized streams, Rust on large ones): the claim
   depends on the inputs, which is inconclusive, and the evidence says where
   each verdict holds. */
static void read_bench(const char *reports, struct duet_evidence *all, cJSON *summary) {
  char **files;
  long n = duet_list_files(reports, &files);
  cJSON *chosen = cJSON_CreateObject(); /* inputs key -> newest summary (files are sorted by time) */
  for (long i = 0; i < n; i++) {
    if (!is_bench_summary(files[i])) continue;
    cJSON *bench = read_json(files[i]);
    const char *verdict = text_of(cJSON_GetObjectItem(bench, "claim"), "verdict");
    char key[4096];
    bench_inputs_key(bench, key, sizeof key);
    if (!*verdict || !*key) {
      cJSON_Delete(bench);
      continue;
    }
    cJSON_AddStringToObject(bench, "duet_path", files[i]);
    cJSON_DeleteItemFromObjectCaseSensitive(chosen, key);
    cJSON_AddItemToObject(chosen, key, bench);
  }
  static const char *const verdicts[] = {"supported", "refuted", "inconclusive"};
  const char *common = NULL;
  bool mixed = false;
  cJSON *used = cJSON_AddArrayToObject(summary, "bench_summaries");
  const cJSON *bench;
  cJSON_ArrayForEach(bench, chosen) {
    const char *path = text_of(bench, "duet_path");
    const cJSON *claim = cJSON_GetObjectItem(bench, "claim");
    const char *verdict = NULL;
    for (size_t v = 0; v < sizeof verdicts / sizeof verdicts[0]; v++)
      if (strcmp(text_of(claim, "verdict"), verdicts[v]) == 0) verdict = verdicts[v];
    if (verdict) {
      mixed |= common && common != verdict;
      if (!common) common = verdict;
      size_t len = strlen(all->c3_evidence);
      snprintf(all->c3_evidence + len, sizeof all->c3_evidence - len, "%s%s: %s (%s)", len ? "; " : "", verdict,
               text_of(claim, "evidence"), strrchr(path, '/') + 1);
      cJSON_AddItemToArray(used, cJSON_CreateString(path));
    }
  }
  if (common && mixed) {
    char evidence[sizeof all->c3_evidence];
    snprintf(evidence, sizeof evidence, "depends on the inputs: %s", all->c3_evidence);
    snprintf(all->c3_evidence, sizeof all->c3_evidence, "%s", evidence);
  }
  all->c3_verdict = mixed ? "inconclusive" : common;
  cJSON_Delete(chosen);
  duet_paths_free(n >= 0 ? files : NULL);
}

int duet_summary_write(const char *reports, FILE *warn) {
  struct duet_evidence all = {.rust_sanitized = true};
  cJSON *summary = cJSON_CreateObject(), *pairs = cJSON_CreateArray();
  cJSON_AddNumberToObject(summary, "schema_version", 1);
  size_t n;
  const struct duet_target *targets = duet_targets(&n);
  for (size_t i = 0; i < n; i++) {
    const struct duet_target *t = &targets[i];
    struct pair_runs runs;
    cJSON *unfinished = cJSON_CreateArray();
    read_runs(reports, t, &runs, unfinished, warn);
    struct duet_evidence pair = {.executions = runs.executions, .rust_sanitized = !runs.rust_unsanitized};
    all.executions += runs.executions;
    all.rust_sanitized &= !runs.rust_unsanitized;
    cJSON *findings = read_findings(reports, t, &pair, &all, warn);
    char error[256];
    cJSON *surface = duet_unsafe_surface(t, error, sizeof error);
    duet_evidence_add_target(&pair, t, surface);
    duet_evidence_add_target(&all, t, surface);
    cJSON_Delete(surface);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "target", t->name);
    cJSON_AddNumberToObject(o, "runs", (double)runs.runs);
    cJSON_AddNumberToObject(o, "unfinished_runs", (double)runs.unfinished);
    cJSON_AddItemToObject(o, "unfinished", unfinished);
    cJSON_AddNumberToObject(o, "executions", (double)runs.executions);
    cJSON_AddStringToObject(o, "latest_run", runs.latest_run);
    cJSON_AddNumberToObject(o, "latest_cov", runs.latest_cov);
    cJSON_AddItemToObject(o, "findings", findings);
    cJSON_AddItemToObject(o, "claims", duet_claims_judged_json(&pair));
    cJSON_AddItemToArray(pairs, o);
  }
  read_bench(reports, &all, summary);
  cJSON_AddItemToObject(summary, "claims", duet_claims_judged_json(&all));
  cJSON_AddItemToObject(summary, "pairs", pairs);
  int rc = write_both(reports, summary);
  cJSON_Delete(summary);
  return rc;
}

/* The comparison report's JSON: runs, stored findings, benchmarks and
   unsafe counts per pair, judged by the evidence rules (duet/claims.h). */
#define _POSIX_C_SOURCE 200809L
#include "duet/comparison.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "comparison_read.h"
#include "duet/build_info.h"
#include "duet/campaign.h"
#include "duet/claims.h"
#include "duet/report.h"
#include "duet/findings_store.h"
#include "duet/registry.h"
#include "duet/text.h"
#include "duet/unsafe_surface.h"

static void add_coverage(cJSON *run, const char *run_dir) {
  char path[DUET_PATH_MAX];
  snprintf(path, sizeof path, "%s/fuzz.log", run_dir);
  char *log = duet_read_text(path, (size_t)64 << 20);
  struct duet_cov_point points[DUET_COMPARISON_COV_POINTS];
  size_t n = log ? duet_fuzz_coverage_series(log, points, DUET_COMPARISON_COV_POINTS) : 0;
  free(log);
  cJSON *series = cJSON_AddArrayToObject(run, "coverage_over_time");
  for (size_t i = 0; i < n; i++) {
    const double row[] = {(double)points[i].seconds, (double)points[i].executions, (double)points[i].cov};
    cJSON_AddItemToArray(series, cJSON_CreateDoubleArray(row, 3));
  }
}

static bool rust_sanitized(const cJSON *report) {
  const cJSON *side;
  cJSON_ArrayForEach(side, cJSON_GetObjectItem(report, "sides")) {
    const char *lang = duet_json_text(side, "language");
    if (strcmp(lang, "rust") == 0 && !cJSON_IsTrue(cJSON_GetObjectItem(side, "sanitized"))) return false;
  }
  return true;
}

/* What the pair knows (caller owns it): the entries of its
   known-divergences.json and the expectations of its committed regressions. */
static cJSON *load_known(const struct duet_target *t) {
  char path[DUET_PATH_MAX], error[256], **files;
  snprintf(path, sizeof path, "%s/targets/%s/known-divergences.json", duet_build_info.source_dir, t->name);
  cJSON *known = duet_known_load(path, error, sizeof error);
  if (!known) known = cJSON_CreateArray();
  snprintf(path, sizeof path, "%s/corpora/%s/regressions", duet_build_info.source_dir, t->name);
  long n = duet_list_files(path, &files);
  for (long i = 0; i < n; i++) {
    size_t len = strlen(files[i]);
    if (len < 12 || strcmp(files[i] + len - 12, ".expect.json") != 0) continue;
    cJSON *expect = duet_read_checked(files[i], DUET_CHECK_JSON, NULL);
    if (expect) cJSON_AddItemToArray(known, expect);
  }
  duet_paths_free(n >= 0 ? files : NULL);
  return known;
}

static const cJSON *known_entry(const cJSON *known, const char *signature) {
  const cJSON *entry;
  cJSON_ArrayForEach(entry, known)
    if (strcmp(duet_json_text(entry, "signature"), signature) == 0) return entry;
  return NULL;
}

/* The known divergences the run met (RUN/signatures/<signature>.known):
   explained and committed, so evidence for C2 without being stored again. */
static void add_known_met(struct duet_pair_evidence *e, const char *run_dir, const cJSON *listed, cJSON *met) {
  char dir[DUET_PATH_MAX], **files;
  snprintf(dir, sizeof dir, "%s/signatures", run_dir);
  long n = duet_list_files(dir, &files);
  for (long i = 0; i < n; i++) {
    char signature[17];
    const char *base = strrchr(files[i], '/') + 1;
    if (strlen(base) != 22 || strcmp(base + 16, ".known") != 0) continue;
    snprintf(signature, sizeof signature, "%.16s", base);
    const cJSON *entry = known_entry(listed, signature);
    const char *cls = duet_json_text(entry, "class");
    if (!entry || (*cls && strcmp(cls, "divergence") != 0) || !duet_pair_evidence_add_known(e, signature)) continue;
    char why[1024];
    cJSON *row = cJSON_CreateObject();
    cJSON_AddStringToObject(row, "signature", signature);
    cJSON_AddStringToObject(row, "kind", duet_json_text(entry, "kind"));
    cJSON_AddStringToObject(row, "why", duet_text_utf8_safe(duet_json_text(entry, "why"), why, sizeof why));
    cJSON_AddItemToArray(met, row);
  }
  duet_paths_free(n >= 0 ? files : NULL);
}

/* One complete run: counted in the evidence and described for the report. */
static cJSON *count_run(struct duet_pair_evidence *e, const char *run_dir, const char *run, const cJSON *r) {
  const cJSON *campaign = cJSON_GetObjectItem(r, "campaign");
  double fuzz = duet_json_number(campaign, "fuzz_seconds"), jobs = duet_json_number(campaign, "jobs");
  long long executions = (long long)duet_json_number(campaign, "executions");
  duet_pair_evidence_add_run(e, run, executions, fuzz * (jobs > 0 ? jobs : 1), rust_sanitized(r));
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "run", run);
  cJSON_AddStringToObject(o, "started_at", duet_json_text(r, "started_at"));
  cJSON_AddNumberToObject(o, "duration_seconds", duet_json_number(r, "duration_seconds"));
  cJSON_AddNumberToObject(o, "fuzz_seconds", fuzz);
  cJSON_AddNumberToObject(o, "jobs", jobs);
  cJSON_AddNumberToObject(o, "executions", (double)executions);
  cJSON_AddNumberToObject(o, "execs_per_second", duet_json_number(campaign, "execs_per_second"));
  cJSON_AddNumberToObject(o, "cov", duet_json_number(cJSON_GetObjectItem(campaign, "coverage"), "cov"));
  cJSON_AddBoolToObject(o, "rust_sanitized", rust_sanitized(r));
  add_coverage(o, run_dir);
  return o;
}

static cJSON *unfinished_run(const char *run, const cJSON *r) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "run", run);
  cJSON_AddStringToObject(o, "status", duet_json_text(r, "status"));
  cJSON_AddStringToObject(o, "status_reason", duet_json_text(r, "status_reason"));
  return o;
}

/* A run of the unpatched build (DUET_UNPATCHED): its C library is not the one Debian ships. */
static bool unpatched_run(const cJSON *run) {
  const cJSON *w;
  cJSON_ArrayForEach(w, cJSON_GetObjectItem(run, "warnings"))
    if (cJSON_IsString(w) && strcmp(w->valuestring, DUET_REPORT_WARNING_UNPATCHED) == 0) return true;
  return false;
}

/* Every run folder of the pair (REPORTS/<target>-*): complete runs counted,
   unfinished ones listed apart, bad ones skipped with a warning. */
static void read_runs(const char *reports, struct duet_pair_evidence *e, cJSON *pair, FILE *warn) {
  cJSON *runs = cJSON_AddArrayToObject(pair, "runs"), *unfinished = cJSON_AddArrayToObject(pair, "unfinished");
  cJSON *met = cJSON_AddArrayToObject(pair, "known_met");
  char path[DUET_PATH_MAX];
  cJSON *listed = load_known(e->target);
  char prefix[256];
  snprintf(prefix, sizeof prefix, "%s-", e->target->name);
  char **entries;
  long count = duet_list_entries(reports, &entries);
  for (long i = 0; i < count; i++) {
    const char *base = strrchr(entries[i], '/') + 1;
    /* <target>-<UTC time>-<pid>: "brotli.decode-" must not take brotli.decode-abi's runs. */
    if (strncmp(base, prefix, strlen(prefix)) != 0 || !isdigit((unsigned char)base[strlen(prefix)])) continue;
    snprintf(path, sizeof path, "%s/report.json", entries[i]);
    cJSON *r = duet_read_checked(path, DUET_CHECK_RUN, warn);
    if (r && strcmp(duet_json_text(r, "target"), e->target->name) != 0) duet_warn_skip(warn, path, "the report is of another target");
    else if (r && unpatched_run(r)) duet_warn_skip(warn, path, "a run of the unpatched build (duet validate --cves reads it)");
    else if (r && strcmp(duet_json_text(r, "status"), "complete") != 0) cJSON_AddItemToArray(unfinished, unfinished_run(base, r));
    else if (r) {
      cJSON_AddItemToArray(runs, count_run(e, entries[i], base, r));
      add_known_met(e, entries[i], listed, met);
    }
    cJSON_Delete(r);
  }
  cJSON_Delete(listed);
  duet_paths_free(count >= 0 ? entries : NULL);
}

/* The newest benchmark summary (REPORTS/bench-<time>.json.summary.json) that
   measured the pair decides its C3 (files sort by time). */
static void read_bench(const char *reports, struct duet_pair_evidence *e, cJSON *pair) {
  char **files;
  long n = duet_list_files(reports, &files);
  cJSON *kept = NULL;
  const char *kept_file = NULL;
  for (long i = 0; i < n; i++) {
    if (!duet_is_bench_summary(files[i])) continue;
    cJSON *bench = duet_read_checked(files[i], DUET_CHECK_JSON, NULL);
    cJSON *rows = duet_bench_rows_of(bench, e->target->name);
    cJSON_Delete(bench);
    if (cJSON_GetArraySize(rows) == 0) {
      cJSON_Delete(rows);
      continue;
    }
    cJSON_Delete(kept);
    kept = rows;
    kept_file = strrchr(files[i], '/') + 1;
  }
  if (kept) {
    duet_pair_evidence_add_bench(e, kept, kept_file);
    cJSON *b = cJSON_AddObjectToObject(pair, "bench");
    cJSON_AddStringToObject(b, "file", kept_file);
    cJSON_AddItemToObject(b, "classes", kept);
  }
  duet_paths_free(n >= 0 ? files : NULL);
}

static void read_unsafe(struct duet_pair_evidence *e, cJSON *pair) {
  char error[256];
  cJSON *surface = duet_unsafe_surface(e->target, error, sizeof error);
  duet_pair_evidence_add_surface(e, surface);
  cJSON_Delete(surface);
  cJSON *u = cJSON_AddObjectToObject(pair, "unsafe");
  cJSON_AddBoolToObject(u, "known", e->surface_known);
  if (!e->surface_known) cJSON_AddStringToObject(u, "why_unknown", error);
  cJSON_AddNumberToObject(u, "rewrite_sites", (double)e->rewrite_sites);
  cJSON_AddNumberToObject(u, "dependency_sites", (double)e->dependency_sites);
  cJSON_AddStringToObject(u, "rewrite_crates", e->rewrite_crates);
}

static cJSON *sides_json(const struct duet_target *t) {
  cJSON *sides = cJSON_CreateArray();
  const struct duet_impl *all[DUET_MAX_SIDES + 1] = {t->reference};
  for (size_t i = 0; t->candidates[i] && i + 1 < DUET_MAX_SIDES; i++) all[i + 1] = t->candidates[i];
  for (size_t i = 0; all[i]; i++) {
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "side", all[i]->name);
    cJSON_AddStringToObject(s, "language", all[i]->language == DUET_LANG_RUST ? "rust" : "c");
    cJSON_AddStringToObject(s, "library", all[i]->library);
    cJSON_AddStringToObject(s, "version", all[i]->version);
    cJSON_AddItemToArray(sides, s);
  }
  return sides;
}

/* One pair: its runs, findings, benchmark and unsafe count, and its verdicts. */
static cJSON *pair_json(const char *reports, const struct duet_target *t, FILE *warn) {
  struct duet_pair_evidence e;
  if (duet_pair_evidence_init(&e, t) != 0) return NULL;
  cJSON *pair = cJSON_CreateObject();
  cJSON_AddStringToObject(pair, "target", t->name);
  cJSON_AddItemToObject(pair, "sides", sides_json(t));
  if (t->tolerance) cJSON_AddItemToObject(pair, "comparison", duet_tolerance_json(t->tolerance));
  read_runs(reports, &e, pair, warn);
  cJSON_AddNumberToObject(pair, "executions", (double)e.executions);
  cJSON_AddNumberToObject(pair, "cpu_seconds", e.cpu_seconds);
  cJSON *findings = duet_comparison_findings(reports, &e, warn);
  cJSON_AddItemToObject(pair, "findings", findings);
  if (t->reference->programs) cJSON_AddItemToObject(pair, "programs", duet_comparison_programs(findings));
  cJSON_AddItemToObject(pair, "stress", duet_comparison_stress(reports, &e, warn));
  read_bench(reports, &e, pair);
  cJSON *coverage = duet_comparison_coverage(reports, t->name);
  if (coverage) cJSON_AddItemToObject(pair, "coverage_per_side", coverage);
  if (!duet_target_is_ground_truth(t)) read_unsafe(&e, pair);
  struct duet_claim claims[DUET_CLAIM_COUNT];
  duet_claims_judge(&e, claims);
  cJSON_AddItemToObject(pair, "claims", duet_claims_to_json(claims));
  duet_pair_evidence_free(&e);
  return pair;
}

static cJSON *rules_json(void) {
  cJSON *r = cJSON_CreateObject();
  cJSON_AddStringToObject(r, "document", "docs/evidence.md");
  cJSON_AddNumberToObject(r, "min_executions", DUET_EVIDENCE_MIN_EXECUTIONS);
  cJSON_AddNumberToObject(r, "min_cpu_seconds", DUET_EVIDENCE_MIN_CPU_SECONDS);
  cJSON_AddStringToObject(r, "counted", "complete runs of real pairs; stored findings that reproduced 3 of 3 times");
  cJSON_AddStringToObject(r, "not_counted", "unfinished runs (listed), unreliable findings (listed), gt.* planted bugs "
                          "(they validate the detector: ground_truth)");
  return r;
}

static void add_header(cJSON *o) {
  char now[32];
  time_t t = time(NULL);
  strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
  cJSON_AddNumberToObject(o, "schema_version", DUET_COMPARISON_SCHEMA_VERSION);
  cJSON *tool = cJSON_AddObjectToObject(o, "tool");
  cJSON_AddStringToObject(tool, "name", "duet");
  cJSON_AddStringToObject(tool, "version", duet_build_info.duet_version);
  cJSON_AddStringToObject(o, "generated_at", now);
  cJSON_AddItemToObject(o, "evidence_rules", rules_json());
}

cJSON *duet_comparison_collect(const char *reports, FILE *warn) {
  cJSON *o = cJSON_CreateObject();
  add_header(o);
  cJSON *pairs = cJSON_CreateArray(), *gt = cJSON_CreateArray();
  size_t n;
  const struct duet_target *targets = duet_targets(&n);
  for (size_t i = 0; i < n; i++) {
    cJSON *p = pair_json(reports, &targets[i], warn);
    if (p) cJSON_AddItemToArray(duet_target_is_ground_truth(&targets[i]) ? gt : pairs, p);
  }
  cJSON_AddItemToObject(o, "claims", duet_claims_overall(pairs));
  cJSON_AddItemToObject(o, "pairs", pairs);
  cJSON_AddItemToObject(o, "real_cves", duet_comparison_cves(reports, warn));
  cJSON_AddItemToObject(o, "ground_truth", duet_comparison_ground_truth(reports, gt, warn));
  return o;
}

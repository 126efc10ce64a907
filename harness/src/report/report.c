#define _GNU_SOURCE
#include "duet/report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/engine.h"
#include "duet/registry.h"
#include "duet/claims.h"
#include "duet/fileio.h"
#include "duet/unsafe_surface.h"

static void add_time(cJSON *o, const char *key, time_t t) {
  if (!t) {
    cJSON_AddNullToObject(o, key);
    return;
  }
  char buf[32];
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  cJSON_AddStringToObject(o, key, buf);
}

static cJSON *side_json(const struct duet_impl *impl, const char *role) {
  const struct duet_build_info *b = &duet_build_info;
  bool rust = impl->language == DUET_LANG_RUST;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", impl->name);
  cJSON_AddStringToObject(o, "role", role);
  cJSON_AddStringToObject(o, "language", rust ? "rust" : "c");
  cJSON_AddStringToObject(o, "library", impl->library);
  cJSON_AddStringToObject(o, "version", impl->version);
  cJSON_AddStringToObject(o, "api", impl->api);
  cJSON_AddStringToObject(o, "toolchain", rust ? b->rust_toolchain : b->c_compiler);
  cJSON_AddStringToObject(o, "build_flags", rust ? b->rust_flags : b->c_flags);
  bool sanitized = duet_impl_sanitized(impl);
  cJSON_AddBoolToObject(o, "sanitized", sanitized);
  cJSON_AddStringToObject(o, "sanitizers", !sanitized ? "none" : rust ? "address" : "address,undefined");
  return o;
}

static cJSON *campaign_json(const struct duet_report *r) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "time_budget_seconds", r->budget_seconds);
  cJSON_AddNumberToObject(o, "fuzz_seconds", r->fuzz_seconds);
  cJSON_AddNumberToObject(o, "triage_budget_seconds", r->triage_seconds);
  cJSON_AddNumberToObject(o, "jobs", r->jobs);
  cJSON *argv = cJSON_AddArrayToObject(o, "fuzzer_command");
  for (size_t i = 0; r->fuzzer_argv && r->fuzzer_argv[i]; i++) cJSON_AddItemToArray(argv, cJSON_CreateString(r->fuzzer_argv[i]));
  if (r->fuzzer_exit >= 0) cJSON_AddNumberToObject(o, "fuzzer_exit_status", r->fuzzer_exit);
  double seconds = r->ended > r->started ? difftime(r->ended, r->started) : 0;
  cJSON_AddNumberToObject(o, "executions", (double)r->stats.executions);
  double fuzzing = r->fuzz_seconds && r->fuzz_seconds < seconds ? r->fuzz_seconds : seconds;
  cJSON_AddNumberToObject(o, "execs_per_second", fuzzing > 0 ? (double)r->stats.executions / fuzzing : 0);
  cJSON_AddNumberToObject(o, "fuzzer_jobs_died", (double)(r->stats.crashes + r->stats.timeouts + r->stats.ooms));
  cJSON_AddNumberToObject(o, "corpus_size", (double)r->stats.corpus_size);
  cJSON *cov = cJSON_AddObjectToObject(o, "coverage");
  cJSON_AddNumberToObject(cov, "cov", (double)r->stats.cov);
  cJSON_AddNumberToObject(cov, "ft", (double)r->stats.ft);
  return o;
}

static cJSON *summary_json(const struct duet_report *r) {
  cJSON *o = cJSON_CreateObject();
  const struct duet_triage *t = r->triage;
  cJSON *by_class = cJSON_AddObjectToObject(o, "distinct_by_class");
  for (int c = 1; c < DUET_OUTCOME_COUNT; c++) cJSON_AddNumberToObject(by_class, duet_outcome_name(c), 0);
  size_t fresh = 0, unreliable = 0;
  for (size_t i = 0; t && i < t->finding_count; i++) {
    cJSON *n = cJSON_GetObjectItem(by_class, duet_outcome_name(t->findings[i].verdict.outcome));
    cJSON_SetNumberValue(n, n->valuedouble + 1);
    fresh += t->findings[i].status && strcmp(t->findings[i].status, "new") == 0;
    unreliable += !t->findings[i].reliable;
  }
  cJSON_AddNumberToObject(o, "artifacts", t ? (double)t->input_count : 0);
  struct duet_triage_counts counts = {0};
  if (t) counts = duet_triage_count(t);
  cJSON_AddNumberToObject(o, "artifacts_replayed", (double)counts.replayed);
  cJSON_AddNumberToObject(o, "artifacts_quick_pass_only", (double)counts.quick_only);
  cJSON_AddNumberToObject(o, "artifacts_recalled_from_store", (double)counts.recalled);
  cJSON_AddNumberToObject(o, "artifacts_not_rerun", (double)counts.capped);
  cJSON_AddNumberToObject(o, "artifacts_not_triaged", (double)counts.untriaged);
  cJSON_AddNumberToObject(o, "artifacts_from_earlier_triage", (double)counts.resumed);
  cJSON_AddNumberToObject(o, "distinct_findings", t ? (double)t->finding_count : 0);
  cJSON_AddNumberToObject(o, "new_findings", (double)fresh);
  cJSON_AddNumberToObject(o, "unreliable_findings", (double)unreliable);
  cJSON_AddBoolToObject(o, "frames_symbolized", !(t && t->symbolizer_missing));
  if (r->triage_error) cJSON_AddStringToObject(o, "triage_error", r->triage_error);
  return o;
}

cJSON *duet_tolerance_json(const struct duet_tolerance *t) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "kind", "tolerance");
  cJSON_AddStringToObject(o, "sample_format", duet_sample_format_name(t->format));
  cJSON_AddNumberToObject(o, "max_difference", t->max_difference);
  cJSON_AddNumberToObject(o, "max_differing_share", t->max_differing_share);
  cJSON_AddStringToObject(o, "why", t->why ? t->why : "");
  char text[512];
  duet_tolerance_describe(t, text, sizeof text);
  cJSON_AddStringToObject(o, "summary", text);
  return o;
}

/* The report's JSON with its unsafe surface and claims, computed once by the
   caller (the surface reads every crate of the Rust side). */
static cJSON *report_json(const struct duet_report *r, const cJSON *surface, const char *surface_error,
                          const struct duet_claim claims[DUET_CLAIM_COUNT]) {
  const struct duet_build_info *b = &duet_build_info;
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "schema_version", DUET_REPORT_SCHEMA_VERSION);
  cJSON *tool = cJSON_AddObjectToObject(o, "tool");
  cJSON_AddStringToObject(tool, "name", "duet");
  cJSON_AddStringToObject(tool, "version", b->duet_version);
  cJSON_AddStringToObject(o, "run_id", r->run_id);
  cJSON_AddStringToObject(o, "target", r->target->name);
  cJSON_AddStringToObject(o, "status", r->status);
  if (r->status_reason[0]) cJSON_AddStringToObject(o, "status_reason", r->status_reason);
  cJSON *phases = cJSON_AddObjectToObject(o, "phases");
  cJSON_AddStringToObject(phases, "fuzzing", r->fuzzing ? r->fuzzing : "running");
  cJSON_AddStringToObject(phases, "triage", r->triage_phase ? r->triage_phase : "not started");
  add_time(o, "started_at", r->started);
  add_time(o, "ended_at", r->ended);
  cJSON_AddNumberToObject(o, "duration_seconds", r->ended > r->started ? difftime(r->ended, r->started) : 0);
  cJSON *sides = cJSON_AddArrayToObject(o, "sides");
  cJSON_AddItemToArray(sides, side_json(r->target->reference, "reference"));
  for (const struct duet_impl *const *c = r->target->candidates; *c; c++) cJSON_AddItemToArray(sides, side_json(*c, "candidate"));
  if (r->target->tolerance) cJSON_AddItemToObject(o, "comparison", duet_tolerance_json(r->target->tolerance));
  cJSON *warnings = cJSON_AddArrayToObject(o, "warnings");
  if (!b->rust_sanitized || !duet_candidates_sanitized(r->target))
    cJSON_AddItemToArray(warnings, cJSON_CreateString("THE RUST SIDE IS NOT SANITIZED: its memory errors can go unseen, so claim C1 cannot be judged from this run"));
  if (!b->c_sanitized)
    cJSON_AddItemToArray(warnings, cJSON_CreateString("THE C SIDE IS NOT SANITIZED: its memory errors can go unseen"));
  if (b->c_unpatched)
    cJSON_AddItemToArray(warnings, cJSON_CreateString(DUET_REPORT_WARNING_UNPATCHED));
  if (r->triage && r->triage->symbolizer_missing)
    cJSON_AddItemToArray(warnings, cJSON_CreateString("llvm-symbolizer was not found: crash frames are module+offset, so signatures change with every rebuild"));
  cJSON_AddItemToObject(o, "campaign", campaign_json(r));
  cJSON_AddItemToObject(o, "findings", r->triage ? duet_triage_findings_json(r->triage) : cJSON_CreateArray());
  cJSON_AddItemToObject(o, "artifacts", r->triage ? duet_triage_inputs_json(r->triage) : cJSON_CreateArray());
  cJSON_AddItemToObject(o, "summary", summary_json(r));
  cJSON_AddItemToObject(o, "unsafe_surface", surface ? cJSON_Duplicate(surface, 1) : cJSON_CreateString(surface_error));
  cJSON_AddItemToObject(o, "claims", duet_claims_to_json(claims));
  return o;
}

cJSON *duet_report_json(const struct duet_report *r) {
  char error[256];
  cJSON *surface = duet_unsafe_surface(r->target, error, sizeof error);
  struct duet_claim claims[DUET_CLAIM_COUNT];
  struct duet_pair_evidence evidence;
  duet_claims_evaluate(r, surface, &evidence, claims);
  cJSON *o = report_json(r, surface, error, claims);
  duet_pair_evidence_free(&evidence);
  cJSON_Delete(surface);
  return o;
}

static int write_text(const char *dir, const char *name, const char *text) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) return -ENAMETOOLONG;
  return duet_write_atomic(path, text, strlen(text));
}

/* The unsafe surface an earlier write of this run's report counted (the
   code this run fuzzed; counting it again takes a second or more per
   write), or NULL. Caller owns it. */
static cJSON *counted_before(const char *run_dir, const struct duet_target *target) {
  char path[PATH_MAX];
  uint8_t *data;
  size_t size;
  if (snprintf(path, sizeof path, "%s/report.json", run_dir) >= (int)sizeof path ||
      duet_read_file(path, (size_t)64 << 20, &data, &size) != 0)
    return NULL;
  data[size] = '\0';
  cJSON *o = cJSON_Parse((char *)data);
  free(data);
  const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "target"));
  cJSON *surface = cJSON_GetObjectItemCaseSensitive(o, "unsafe_surface");
  bool usable = name && strcmp(name, target->name) == 0 && cJSON_IsObject(surface) &&
                cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(surface, "crates")) &&
                cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(surface, "totals"));
  surface = usable ? cJSON_DetachItemViaPointer(o, surface) : NULL;
  cJSON_Delete(o);
  return surface;
}

int duet_report_write(const struct duet_report *report, const char *run_dir) {
  char error[256] = "";
  cJSON *surface = counted_before(run_dir, report->target);
  if (!surface) surface = duet_unsafe_surface(report->target, error, sizeof error);
  struct duet_claim claims[DUET_CLAIM_COUNT];
  struct duet_pair_evidence evidence;
  duet_claims_evaluate(report, surface, &evidence, claims);
  cJSON *json = report_json(report, surface, error, claims);
  cJSON_Delete(surface);
  char *text = json ? cJSON_Print(json) : NULL;
  cJSON_Delete(json);
  char *md = duet_report_markdown(report, claims);
  duet_pair_evidence_free(&evidence);
  int rc = text && md ? write_text(run_dir, "report.json", text) : -ENOMEM;
  if (rc == 0) rc = write_text(run_dir, "report.md", md);
  cJSON_free(text);
  free(md);
  return rc;
}

static time_t parse_time(const char *text) {
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  if (!text || !strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm)) return 0;
  return timegm(&tm);
}

static double number_of(const cJSON *o, const char *key) {
  const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(n) && n->valuedouble >= 0 && n->valuedouble < 1e12 ? n->valuedouble : 0;
}

/* Phase names are kept only when they are ones duet writes. */
static const char *phase_of(const cJSON *phases, const char *key) {
  static const char *const known[] = {"running", "finished", "interrupted", "failed", "not started", "stopped"};
  const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(phases, key));
  for (size_t i = 0; v && i < sizeof known / sizeof known[0]; i++)
    if (strcmp(v, known[i]) == 0) return known[i];
  return "interrupted";
}

static char **argv_of(const cJSON *campaign) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(campaign, "fuzzer_command"), *item;
  char **argv = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *argv);
  size_t n = 0;
  cJSON_ArrayForEach(item, list) if (argv && cJSON_IsString(item)) argv[n++] = strdup(item->valuestring);
  return argv;
}

int duet_report_load(const char *run_dir, struct duet_report *r, char ***argv) {
  char path[PATH_MAX];
  uint8_t *data;
  size_t size;
  snprintf(path, sizeof path, "%s/report.json", run_dir);
  int rc = duet_read_file(path, (size_t)64 << 20, &data, &size);
  if (rc != 0) return rc;
  data[size] = '\0';
  cJSON *o = cJSON_Parse((char *)data);
  free(data);
  const char *target = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "target"));
  const char *run_id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "run_id"));
  const cJSON *campaign = cJSON_GetObjectItemCaseSensitive(o, "campaign");
  memset(r, 0, sizeof *r);
  r->target = target ? duet_target_find(target) : NULL;
  if (!r->target || !run_id || !cJSON_IsObject(campaign)) {
    cJSON_Delete(o);
    return -EINVAL;
  }
  snprintf(r->run_id, sizeof r->run_id, "%s", run_id);
  r->started = parse_time(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "started_at")));
  r->ended = parse_time(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "ended_at")));
  r->budget_seconds = (unsigned)number_of(campaign, "time_budget_seconds");
  r->fuzz_seconds = (unsigned)number_of(campaign, "fuzz_seconds");
  r->triage_seconds = (unsigned)number_of(campaign, "triage_budget_seconds");
  r->jobs = (unsigned)number_of(campaign, "jobs");
  r->fuzzer_exit = cJSON_GetObjectItemCaseSensitive(campaign, "fuzzer_exit_status") ? (int)number_of(campaign, "fuzzer_exit_status") : -1;
  r->fuzzing = phase_of(cJSON_GetObjectItemCaseSensitive(o, "phases"), "fuzzing");
  const char *reason = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "status_reason"));
  if (reason && strcmp(r->fuzzing, "failed") == 0) snprintf(r->status_reason, sizeof r->status_reason, "%s", reason);
  *argv = argv_of(campaign);
  r->fuzzer_argv = *argv;
  cJSON_Delete(o);
  snprintf(path, sizeof path, "%s/fuzz.log", run_dir);
  duet_fuzz_stats_read(path, &r->stats);
  return 0;
}

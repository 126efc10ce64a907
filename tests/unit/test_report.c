/* The report's JSON fields, the claim verdicts and the atomic write. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "duet/build_info.h"
#include "duet/claims.h"
#include "duet/fileio.h"
#include "duet/findings_store.h"
#include "duet/report.h"

static struct duet_finding finding(const struct duet_triaged_input *example, duet_outcome_class cls, const char *side,
                                   const char *kind, const char *status) {
  struct duet_finding f = {.example = example, .inputs = 1, .reproduced = 3, .reruns = 3, .reliable = true, .status = status};
  f.verdict.outcome = cls;
  snprintf(f.verdict.side, sizeof f.verdict.side, "%s", side);
  snprintf(f.verdict.kind, sizeof f.verdict.kind, "%s", kind);
  snprintf(f.signature, sizeof f.signature, "%016d", (int)cls);
  return f;
}

static const char *claim_verdict(cJSON *report, int index) {
  return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(report, "claims"), index), "verdict"));
}

/* Known lists: a signature, or fields given as shell wildcard patterns. */
static void test_known_patterns(void) {
  cJSON *list = cJSON_Parse("[{\"class\": \"divergence\", \"feature\": \"* non-UTF-8 argument: *\", \"why\": \"args\"},"
                            " {\"class\": \"divergence\", \"feature\": \"invalid byte: above 'z'\", \"why\": \"plain\"},"
                            " {\"signature\": \"0123456789abcdef\", \"why\": \"sig\"}]");
  struct duet_verdict v = {.outcome = DUET_OUTCOME_DIVERGENCE};
  snprintf(v.feature, sizeof v.feature, "sort non-UTF-8 argument: exit status");
  CHECK_EQ_STR(duet_known_lookup(list, &v, "ffffffffffffffff"), "args");
  snprintf(v.feature, sizeof v.feature, "sort -n: exit status");
  CHECK(duet_known_lookup(list, &v, "ffffffffffffffff") == NULL);
  CHECK_EQ_STR(duet_known_lookup(list, &v, "0123456789abcdef"), "sig");
  snprintf(v.feature, sizeof v.feature, "invalid byte: above 'z'");
  CHECK_EQ_STR(duet_known_lookup(list, &v, "ffffffffffffffff"), "plain");
  v.outcome = DUET_OUTCOME_CRASH;
  CHECK(duet_known_lookup(list, &v, "ffffffffffffffff") == NULL);
  cJSON_Delete(list);
}

int main(void) {
  test_known_patterns();
  size_t n;
  const struct duet_target *t = duet_targets(&n);
  CHECK(n >= 1);
  struct duet_report r = {.target = t, .status = "complete", .started = 1000, .ended = 1060, .budget_seconds = 60,
                          .fuzz_seconds = 45, .jobs = 2, .fuzzer_exit = 0};
  snprintf(r.run_id, sizeof r.run_id, "unit-run");
  r.stats = (struct duet_fuzz_stats){.executions = 500000, .cov = 10, .ft = 20, .corpus_size = 30, .seen = true};

  /* No findings: C1 and C2 are inconclusive, never "supported". */
  cJSON *j = duet_report_json(&r);
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(j, "schema_version")), DUET_REPORT_SCHEMA_VERSION);
  CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "target")), t->name);
  CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "started_at")), "1970-01-01T00:16:40Z");
  CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(j, "sides")), 1 + (int)duet_target_candidate_count(t));
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "campaign"), "execs_per_second")), 500000 / 45);
  CHECK_EQ_STR(claim_verdict(j, 0), "inconclusive");
  CHECK_EQ_STR(claim_verdict(j, 1), "inconclusive");
  cJSON_Delete(j);

  /* A divergence seen in two inputs and a C heap overflow: two findings. */
  struct duet_triaged_input inputs[3] = {{.path = "/tmp/a"}, {.path = "/tmp/b"}, {.path = "/tmp/c"}};
  struct duet_finding findings[2] = {
      finding(&inputs[0], DUET_OUTCOME_DIVERGENCE, t->candidates[0]->name, "only-candidate-accepts", "new"),
      finding(&inputs[2], DUET_OUTCOME_CRASH, t->reference->name, "heap-buffer-overflow", "seen-before"),
  };
  findings[0].inputs = 2;
  struct duet_triage triage = {.target = t, .inputs = inputs, .input_count = 3, .findings = findings, .finding_count = 2};
  r.triage = &triage;
  j = duet_report_json(&r);
  cJSON *summary = cJSON_GetObjectItem(j, "summary");
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(summary, "distinct_findings")), 2);
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(summary, "new_findings")), 1);
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(summary, "distinct_by_class"), "divergence")), 1);
  CHECK_EQ_STR(claim_verdict(j, 1), "supported");
  CHECK_EQ_STR(claim_verdict(j, 0), duet_build_info.rust_sanitized ? "supported" : "inconclusive");
  CHECK_EQ_STR(claim_verdict(j, 3), "not measured");
  cJSON *f0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "findings"), 0);
  CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(f0, "status")), "new");
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(f0, "inputs")), 2);
  CHECK(strstr(cJSON_GetStringValue(cJSON_GetObjectItem(f0, "repro")), "duet repro ") != NULL);
  CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(j, "artifacts")), 3);
  cJSON_Delete(j);

  /* A memory bug in safe Rust refutes C1, and the verdict cites it. */
  struct duet_claim claims[DUET_CLAIM_COUNT];
  struct duet_pair_evidence e;
  findings[1] = finding(&inputs[2], DUET_OUTCOME_CRASH, t->candidates[0]->name, "heap-buffer-overflow", "new");
  duet_claims_evaluate(&r, NULL, &e, claims);
  CHECK_EQ_STR(claims[DUET_CLAIM_C1].verdict, "refuted");
  CHECK_EQ_STR(cJSON_GetArrayItem(claims[DUET_CLAIM_C1].signatures, 0)->valuestring, findings[1].signature);
  CHECK_EQ_STR(claims[DUET_CLAIM_C4].verdict, "not measured"); /* nothing here can see silent corruption */
  duet_pair_evidence_free(&e);

  /* Below the thresholds a C bug alone does not support C1: 45 s x 2 jobs is
     enough CPU time, 50,000 executions are not. */
  findings[1] = finding(&inputs[2], DUET_OUTCOME_CRASH, t->reference->name, "heap-buffer-overflow", "new");
  r.stats.executions = DUET_EVIDENCE_MIN_EXECUTIONS / 2;
  duet_claims_evaluate(&r, NULL, &e, claims);
  CHECK_EQ_STR(claims[DUET_CLAIM_C1].verdict, "inconclusive");
  CHECK(strstr(claims[DUET_CLAIM_C1].evidence, "the rule needs 100000 executions") != NULL);
  duet_pair_evidence_free(&e);
  r.stats.executions = 500000;

  /* A run cut short says nothing about absence: C1 is inconclusive. */
  r.status = "partial";
  duet_claims_evaluate(&r, NULL, &e, claims);
  CHECK_EQ_STR(claims[DUET_CLAIM_C1].verdict, "inconclusive");
  CHECK(strstr(claims[DUET_CLAIM_C1].evidence, "partial") != NULL);
  CHECK_EQ_STR(claims[DUET_CLAIM_C2].verdict, "supported"); /* what it found still counts */
  duet_pair_evidence_free(&e);

  /* A library's message with a pipe, a newline and a CI command stays in its
     table cell, escaped. */
  snprintf(findings[0].verdict.detail, sizeof findings[0].verdict.detail, "a|b\n::error::x\033[31m");
  char *md = duet_report_markdown(&r, claims);
  CHECK(md != NULL);
  CHECK(strstr(md, "a\\|b\\n::error::x\\x1b[31m") != NULL);
  CHECK(strstr(md, "\n::error::") == NULL && strchr(md, '\033') == NULL);
  CHECK(strncmp(md, "# duet report: ", 15) == 0 && strstr(md, "status **partial**") != NULL);
  free(md);
  r.status = "complete";

  /* Atomic write: both files, no temporaries left behind. */
  char dir[] = "/tmp/duet-report-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  CHECK_EQ_INT(duet_report_write(&r, dir), 0);
  char path[256];
  snprintf(path, sizeof path, "%s/report.json", dir);
  uint8_t *data;
  size_t size;
  CHECK_EQ_INT(duet_read_file(path, 1 << 20, &data, &size), 0);
  data[size] = '\0';
  cJSON *parsed = cJSON_Parse((char *)data);
  CHECK(parsed != NULL);
  cJSON_Delete(parsed);
  free(data);
  DIR *d = opendir(dir);
  int entries = 0;
  for (struct dirent *ent; (ent = readdir(d));) entries += ent->d_name[0] != '.';
  closedir(d);
  CHECK_EQ_INT(entries, 2);
  snprintf(path, sizeof path, "rm -rf %s", dir);
  CHECK_EQ_INT(system(path), 0);
  CHECK_DONE();
}

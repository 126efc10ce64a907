/* report.md of the comparison report: GitHub-flavoured tables, every cell
   that comes from a run, a finding or a library escaped (duet_text_md_cell). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "comparison_read.h"
#include "duet/comparison.h"
#include "duet/text.h"

enum { CELL_MAX = 8192 };

/* One escaped cell: a rotating set of buffers, enough for one table row. */
static const char *esc(const char *s) {
  static char buffers[10][CELL_MAX];
  static unsigned next;
  return duet_text_md_cell(s, buffers[next++ % 10], CELL_MAX);
}

static const char *cell(const cJSON *o, const char *key) { return esc(duet_json_text(o, key)); }

/* The strings of an array joined by ", ", escaped. */
static const char *joined(const cJSON *list) {
  char buf[CELL_MAX] = "";
  size_t used = 0;
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    if (used + 1 >= sizeof buf) break; /* full: the rest is in report.json */
    if (cJSON_IsString(item))
      used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s", used ? ", " : "", item->valuestring);
  }
  return esc(buf);
}

/* "pair: verdict, ..." of an overall claim, escaped. */
static const char *pair_verdicts(const cJSON *pairs) {
  char buf[CELL_MAX] = "";
  size_t used = 0;
  const cJSON *p;
  cJSON_ArrayForEach(p, pairs)
    if (used + 256 < sizeof buf)
      used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s: %s", used ? ", " : "", duet_json_text(p, "target"),
                               duet_json_text(p, "verdict"));
  return esc(buf);
}

static void claims_table(FILE *md, const cJSON *claims) {
  fprintf(md, "| claim | verdict | evidence | rule | cites |\n|---|---|---|---|---|\n");
  const cJSON *c;
  cJSON_ArrayForEach(c, claims) {
    fprintf(md, "| %s %s | **%s** | %s | %s | ", cell(c, "id"), cell(c, "claim"), cell(c, "verdict"), cell(c, "evidence"),
            cell(c, "rule"));
    const cJSON *pairs = cJSON_GetObjectItem(c, "pairs");
    if (cJSON_GetArraySize(pairs)) fprintf(md, "pairs: %s; ", pair_verdicts(pairs));
    const cJSON *runs = cJSON_GetObjectItem(c, "runs"), *sigs = cJSON_GetObjectItem(c, "signatures");
    if (cJSON_GetArraySize(runs)) fprintf(md, "runs: %s ", joined(runs));
    if (cJSON_GetArraySize(sigs)) fprintf(md, "signatures: %s", joined(sigs));
    fprintf(md, " |\n");
  }
}

/* A pair whose outputs compare within a tolerance says so before its verdicts. */
static void tolerance_line(FILE *md, const cJSON *c) {
  if (!c) return;
  fprintf(md, "Outputs compared within a tolerance, not byte for byte: %s.\n\n", cell(c, "summary"));
}

static void pairs_table(FILE *md, const cJSON *pairs) {
  fprintf(md, "\n## Pairs\n\n| pair | complete runs | unfinished runs | executions | CPU s | findings | C1 | C2 | C3 | C4 | C5 |\n"
              "|---|---|---|---|---|---|---|---|---|---|---|\n");
  const cJSON *p;
  cJSON_ArrayForEach(p, pairs) {
    fprintf(md, "| %s | %d | %d | %.0f | %.0f | %d |", cell(p, "target"), cJSON_GetArraySize(cJSON_GetObjectItem(p, "runs")),
            cJSON_GetArraySize(cJSON_GetObjectItem(p, "unfinished")), duet_json_number(p, "executions"),
            duet_json_number(p, "cpu_seconds"), cJSON_GetArraySize(cJSON_GetObjectItem(p, "findings")));
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(p, "claims")) fprintf(md, " %s |", cell(c, "verdict"));
    fprintf(md, "\n");
  }
}

static void runs_table(FILE *md, const cJSON *pair) {
  const cJSON *r;
  if (cJSON_GetArraySize(cJSON_GetObjectItem(pair, "runs")) > 0) {
    fprintf(md, "\n| run | started | fuzzing s x jobs | executions | exec/s | coverage |\n|---|---|---|---|---|---|\n");
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(pair, "runs"))
      fprintf(md, "| %s | %s | %.0f x %.0f | %.0f | %.0f | %.0f |\n", cell(r, "run"), cell(r, "started_at"),
              duet_json_number(r, "fuzz_seconds"), duet_json_number(r, "jobs"), duet_json_number(r, "executions"),
              duet_json_number(r, "execs_per_second"), duet_json_number(r, "cov"));
  }
  if (cJSON_GetArraySize(cJSON_GetObjectItem(pair, "unfinished")) == 0) return;
  fprintf(md, "\nUnfinished runs (not counted):\n\n| run | status | why |\n|---|---|---|\n");
  cJSON_ArrayForEach(r, cJSON_GetObjectItem(pair, "unfinished"))
    fprintf(md, "| %s | %s | %s |\n", cell(r, "run"), cell(r, "status"), cell(r, "status_reason"));
}

static void findings_table(FILE *md, const cJSON *findings) {
  if (cJSON_GetArraySize(findings) == 0) return;
  fprintf(md, "\n| signature | class | side | kind | detail | top frames | input | counted | repro |\n"
              "|---|---|---|---|---|---|---|---|---|\n");
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) {
    fprintf(md, "| %s | %s | %s | %s | %s%s%s | %s | %s | %s | %s |\n", cell(f, "signature"), cell(f, "class"),
            cell(f, "side"), cell(f, "kind"), cell(f, "detail"), *duet_json_text(f, "known") ? " — known: " : "",
            cell(f, "known"), joined(cJSON_GetObjectItem(f, "frames")), cell(f, "input_preview"),
            cJSON_IsTrue(cJSON_GetObjectItem(f, "counted")) ? "yes" : "**no** (not reliable)", cell(f, "repro"));
  }
}

static void bench_table(FILE *md, const cJSON *bench) {
  if (!bench) return;
  fprintf(md, "\nBenchmark %s (Rust/C time ratio; < 1: Rust faster; timed: the libraries' native calls, or "
              "the contract call with the adapter's canonical output):\n\n| class | candidate | ratio | interval | "
              "verdict | flagged | timed |\n|---|---|---|---|---|---|---|\n", cell(bench, "file"));
  const cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItem(bench, "classes")) {
    const cJSON *ci = cJSON_GetObjectItem(r, "ci");
    const char *timed = duet_json_text(r, "timed");
    fprintf(md, "| %s | %s | %.3f | [%.3f, %.3f] | %s | %s | %s |\n", cell(r, "class"), cell(r, "candidate"),
            duet_json_number(r, "cpu_time_ratio"), cJSON_GetNumberValue(cJSON_GetArrayItem(ci, 0)),
            cJSON_GetNumberValue(cJSON_GetArrayItem(ci, 1)), cell(r, "verdict"), cell(r, "noise"),
            timed[0] ? timed : "not recorded");
  }
}

static void ground_truth(FILE *md, const cJSON *gt) {
  fprintf(md, "\n## Ground truth (validates the detector, not a rewrite)\n\n%s.\n", cell(gt, "note"));
  const cJSON *v = cJSON_GetObjectItem(gt, "validate");
  if (!v) {
    fprintf(md, "\n%s.\n", cell(gt, "validate_missing"));
    return;
  }
  fprintf(md, "\nFrom %s: %.0f trial(s) of %.0f s per component.\n\n| bug class | side | bugs | detected / trials | "
              "attributed |\n|---|---|---|---|---|\n", cell(v, "file"), duet_json_number(v, "trials"),
          duet_json_number(v, "seconds_per_campaign"));
  const cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItem(v, "detection_by_class_and_side"))
    fprintf(md, "| %s | %s | %.0f | %.0f / %.0f | %.0f |\n", cell(r, "class"), cell(r, "side"), duet_json_number(r, "bugs"),
            duet_json_number(r, "detected"), duet_json_number(r, "trials"), duet_json_number(r, "attributed"));
}

static void real_cves(FILE *md, const cJSON *cves) {
  fprintf(md, "\n## Real CVEs on unpatched builds (claim C1 on real code)\n\n%s.\n", cell(cves, "note"));
  if (!cJSON_GetObjectItem(cves, "file")) {
    fprintf(md, "\n%s.\n", cell(cves, "missing"));
    return;
  }
  fprintf(md, "\nFrom %s, %.0f s of campaign per pair. Overall, memory-safety: %s. Behavioural: %s.\n\n"
              "| pair | campaign | memory-safety CVEs | behavioural CVEs |\n|---|---|---|---|\n",
          cell(cves, "file"), duet_json_number(cves, "seconds_per_pair"),
          cell(cJSON_GetObjectItem(cves, "memory_safety"), "text"), cell(cJSON_GetObjectItem(cves, "behavioural"), "text"));
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(cves, "pairs"))
    fprintf(md, "| %s | %s | %s | %s |\n", cell(p, "pair"), cell(p, "status"),
            cell(cJSON_GetObjectItem(p, "memory_safety"), "text"), cell(cJSON_GetObjectItem(p, "behavioural"), "text"));
}

char *duet_comparison_markdown(const cJSON *report) {
  char *text = NULL;
  size_t size = 0;
  FILE *md = open_memstream(&text, &size);
  if (!md) return NULL;
  const cJSON *rules = cJSON_GetObjectItem(report, "evidence_rules");
  fprintf(md, "# duet: comparison report\n\nGenerated %s by duet %s. Counted: %s. Not counted: %s. Absence needs at "
              "least %.0f executions and %.0f CPU s per pair (%s).\n\n## Verdicts\n\n",
          cell(report, "generated_at"), cell(cJSON_GetObjectItem(report, "tool"), "version"), cell(rules, "counted"),
          cell(rules, "not_counted"), duet_json_number(rules, "min_executions"), duet_json_number(rules, "min_cpu_seconds"),
          cell(rules, "document"));
  claims_table(md, cJSON_GetObjectItem(report, "claims"));
  const cJSON *pairs = cJSON_GetObjectItem(report, "pairs"), *p;
  pairs_table(md, pairs);
  cJSON_ArrayForEach(p, pairs) {
    fprintf(md, "\n### %s\n\n", cell(p, "target"));
    tolerance_line(md, cJSON_GetObjectItem(p, "comparison"));
    claims_table(md, cJSON_GetObjectItem(p, "claims"));
    runs_table(md, p);
    findings_table(md, cJSON_GetObjectItem(p, "findings"));
    duet_comparison_programs_md(md, p);
    duet_comparison_stress_md(md, p);
    bench_table(md, cJSON_GetObjectItem(p, "bench"));
    duet_comparison_coverage_md(md, p);
  }
  real_cves(md, cJSON_GetObjectItem(report, "real_cves"));
  ground_truth(md, cJSON_GetObjectItem(report, "ground_truth"));
  return fclose(md) == 0 ? text : (free(text), NULL);
}

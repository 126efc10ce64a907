/* The comparison report's stress runs (claim C4): every `duet stress` run of
   a pair (REPORTS/stress-<target>-<UTC time>-<pid>/stress.json), complete
   ones counted in its evidence, and their rows in report.md and index.html.
   The corruption findings themselves are stored findings (comparison_findings.c). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_html.h"
#include "comparison_read.h"
#include "duet/text.h"

static cJSON *run_row(const char *run, const cJSON *s) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "run", run);
  cJSON_AddStringToObject(o, "status", duet_json_text(s, "status"));
  const char *sanitizer = duet_json_text(s, "sanitizer");
  cJSON_AddStringToObject(o, "sanitizer", *sanitizer ? sanitizer : "address");
  static const char *const numbers[] = {"threads", "seconds", "rounds", "rounds_failed", "inputs", "unstable_answers"};
  for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
    cJSON_AddNumberToObject(o, numbers[i], duet_json_number(s, numbers[i]));
  cJSON_AddNumberToObject(o, "findings", cJSON_GetArraySize(cJSON_GetObjectItem(s, "findings")));
  return o;
}

cJSON *duet_comparison_stress(const char *reports, struct duet_pair_evidence *e, FILE *warn) {
  char prefix[256], path[DUET_PATH_MAX], **entries;
  snprintf(prefix, sizeof prefix, "stress-%s-", e->target->name);
  cJSON *list = cJSON_CreateArray();
  long n = duet_list_entries(reports, &entries);
  for (long i = 0; i < n; i++) {
    const char *base = strrchr(entries[i], '/') + 1;
    /* stress-<target>-<UTC time>-<pid>: "brotli.decode-" must not take brotli.decode-abi's. */
    if (strncmp(base, prefix, strlen(prefix)) != 0 || !isdigit((unsigned char)base[strlen(prefix)])) continue;
    snprintf(path, sizeof path, "%s/stress.json", entries[i]);
    cJSON *s = duet_read_checked(path, DUET_CHECK_JSON, warn);
    if (s && (strcmp(duet_json_text(s, "schema"), "urn:duet:schema:stress:1") != 0 ||
              strcmp(duet_json_text(s, "target"), e->target->name) != 0)) {
      duet_warn_skip(warn, path, "not a stress record of this target");
    } else if (s) {
      cJSON *row = run_row(base, s);
      bool counted = strcmp(duet_json_text(s, "status"), "complete") == 0;
      cJSON_AddBoolToObject(row, "counted", counted);
      if (counted)
        duet_pair_evidence_add_stress(e, base, duet_json_number(s, "seconds"), (long long)duet_json_number(s, "rounds"),
                                      duet_json_text(row, "sanitizer"));
      cJSON_AddItemToArray(list, row);
    }
    cJSON_Delete(s);
  }
  duet_paths_free(n >= 0 ? entries : NULL);
  return list;
}

void duet_comparison_stress_md(FILE *md, const cJSON *pair) {
  const cJSON *runs = cJSON_GetObjectItem(pair, "stress"), *r;
  char run[512], status[64], sanitizer[64];
  if (cJSON_GetArraySize(runs) == 0) return;
  fprintf(md, "\nStress runs (claim C4, `duet stress`):\n\n| run | status | sanitizer | threads | seconds | rounds | "
              "inputs | corruption records | counted |\n|---|---|---|---|---|---|---|---|---|\n");
  cJSON_ArrayForEach(r, runs)
    fprintf(md, "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %s |\n",
            duet_text_md_cell(duet_json_text(r, "run"), run, sizeof run),
            duet_text_md_cell(duet_json_text(r, "status"), status, sizeof status),
            duet_text_md_cell(duet_json_text(r, "sanitizer"), sanitizer, sizeof sanitizer), duet_json_number(r, "threads"), duet_json_number(r, "seconds"),
            duet_json_number(r, "rounds"), duet_json_number(r, "inputs"), duet_json_number(r, "findings"),
            cJSON_IsTrue(cJSON_GetObjectItem(r, "counted")) ? "yes" : "no (not complete)");
}

void duet_comparison_stress_html(FILE *f, const cJSON *pair) {
  const cJSON *runs = cJSON_GetObjectItem(pair, "stress"), *r;
  if (cJSON_GetArraySize(runs) == 0) return;
  fputs("<table><thead><tr><th>stress run (C4)</th><th>status</th><th>sanitizer</th><th>threads</th><th>seconds</th>"
        "<th>rounds</th><th>inputs</th><th>corruption records</th><th>counted</th></tr></thead><tbody>", f);
  cJSON_ArrayForEach(r, runs) {
    static const char *const texts[] = {"run", "status", "sanitizer"};
    fputs("<tr>", f);
    for (size_t i = 0; i < 3; i++) {
      fputs("<td>", f);
      duet_html_text(f, duet_json_text(r, texts[i]));
      fputs("</td>", f);
    }
    fprintf(f, "<td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%s</td></tr>",
            duet_json_number(r, "threads"), duet_json_number(r, "seconds"), duet_json_number(r, "rounds"),
            duet_json_number(r, "inputs"), duet_json_number(r, "findings"),
            cJSON_IsTrue(cJSON_GetObjectItem(r, "counted")) ? "yes" : "no (not complete)");
  }
  fputs("</tbody></table>", f);
}

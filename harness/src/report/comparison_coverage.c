/* The comparison report's coverage per side: every `duet coverage` run of a
   pair (REPORTS/coverage-<target>-<UTC time>-<pid>/coverage.json, oldest
   first, so repeated runs over a campaign read as a series), and its rows in
   report.md and index.html. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_html.h"
#include "comparison_read.h"
#include "duet/coverage.h"
#include "duet/fileio.h"
#include "duet/limits.h"

#define PLAIN "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

/* covered/count and percent of one kind of one part, as the report keeps them. */
static cJSON *kind_of(const cJSON *parts, const char *part, const char *kind) {
  const cJSON *k = cJSON_GetObjectItem(cJSON_GetObjectItem(parts, part), kind);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "covered", duet_json_number(k, "covered"));
  cJSON_AddNumberToObject(o, "count", duet_json_number(k, "count"));
  return o;
}

static cJSON *entry_of(const char *run, const cJSON *cov) {
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "run", run);
  cJSON_AddStringToObject(e, "generated_at", duet_json_text(cov, "generated_at"));
  cJSON_AddNumberToObject(e, "inputs", duet_json_number(cov, "inputs"));
  const cJSON *parts = cJSON_GetObjectItem(cov, "parts");
  static const char *const sides[] = {"c", "rust"};
  for (size_t i = 0; i < 2; i++) {
    cJSON *side = cJSON_AddObjectToObject(e, sides[i]);
    cJSON_AddItemToObject(side, "lines", kind_of(parts, sides[i], "lines"));
    cJSON_AddItemToObject(side, "branches", kind_of(parts, sides[i], "branches"));
  }
  return e;
}

cJSON *duet_comparison_coverage(const char *reports, const char *target) {
  char prefix[256], path[DUET_PATH_MAX];
  snprintf(prefix, sizeof prefix, "coverage-%s-", target);
  char **entries;
  long count = duet_list_entries(reports, &entries);
  cJSON *series = cJSON_CreateArray();
  for (long i = 0; i < count; i++) {
    const char *base = strrchr(entries[i], '/') + 1;
    /* "coverage-brotli.decode-" must not take brotli.decode-abi's runs. */
    if (strncmp(base, prefix, strlen(prefix)) != 0 || !isdigit((unsigned char)base[strlen(prefix)])) continue;
    if (strlen(base) >= 64 || strspn(base, PLAIN) != strlen(base)) continue; /* not a folder duet made */
    snprintf(path, sizeof path, "%s/coverage.json", entries[i]);
    cJSON *cov = duet_read_checked(path, DUET_CHECK_JSON, NULL);
    if (cov && duet_json_number(cov, "schema_version") == DUET_COVERAGE_SCHEMA_VERSION &&
        strcmp(duet_json_text(cov, "target"), target) == 0)
      cJSON_AddItemToArray(series, entry_of(base, cov));
    cJSON_Delete(cov);
  }
  duet_paths_free(count >= 0 ? entries : NULL);
  if (cJSON_GetArraySize(series) > 0) return series;
  cJSON_Delete(series);
  return NULL;
}

/* "65/71 (91.5 %)", or "-" when there is nothing to cover. */
static const char *cell(const cJSON *e, const char *side, const char *kind, char *out, size_t cap) {
  const cJSON *k = cJSON_GetObjectItem(cJSON_GetObjectItem(e, side), kind);
  long covered = (long)duet_json_number(k, "covered"), n = (long)duet_json_number(k, "count");
  double pct = duet_coverage_percent(covered, n);
  if (pct < 0) snprintf(out, cap, "-");
  else snprintf(out, cap, "%ld/%ld (%.1f %%)", covered, n, pct);
  return out;
}

/* One row's cells: run, inputs, C lines, C branches, Rust lines, Rust branches. */
static void cells(const cJSON *e, char out[6][64]) {
  snprintf(out[0], 64, "%s", duet_json_text(e, "run"));
  snprintf(out[1], 64, "%.0f", duet_json_number(e, "inputs"));
  cell(e, "c", "lines", out[2], 64);
  cell(e, "c", "branches", out[3], 64);
  cell(e, "rust", "lines", out[4], 64);
  cell(e, "rust", "branches", out[5], 64);
}

void duet_comparison_coverage_md(FILE *md, const cJSON *pair) {
  const cJSON *series = cJSON_GetObjectItem(pair, "coverage_per_side"), *e;
  if (!series) return;
  fprintf(md, "\nCoverage per side (`duet coverage`, oldest first):\n\n| coverage run | inputs | C lines | C branches | "
              "Rust lines | Rust branches |\n|---|---|---|---|---|---|\n");
  cJSON_ArrayForEach(e, series) {
    char c[6][64];
    cells(e, c);
    fprintf(md, "| %s | %s | %s | %s | %s | %s |\n", c[0], c[1], c[2], c[3], c[4], c[5]);
  }
}

void duet_comparison_coverage_html(FILE *f, const cJSON *pair) {
  const cJSON *series = cJSON_GetObjectItem(pair, "coverage_per_side"), *e;
  if (!series) return;
  fputs("<table class=\"coverage\"><caption>Coverage per side (duet coverage, oldest first)</caption><thead><tr>"
        "<th>coverage run</th><th>inputs</th><th>C lines</th><th>C branches</th><th>Rust lines</th>"
        "<th>Rust branches</th></tr></thead><tbody>", f);
  cJSON_ArrayForEach(e, series) {
    char c[6][64];
    cells(e, c);
    fputs("<tr>", f);
    for (int i = 0; i < 6; i++) {
      fputs("<td>", f);
      duet_html_text(f, c[i]);
      fputs("</td>", f);
    }
    fputs("</tr>", f);
  }
  fputs("</tbody></table>", f);
}

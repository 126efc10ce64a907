/* junit.xml: one test case per campaign target, a failure per finding it met
   that is not known, an error when its run failed, skipped when the budget
   left no time for it. Text is valid UTF-8 with XML's special characters and
   control bytes escaped. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_read.h"
#include "duet/ci_outputs.h"
#include "duet/text.h"

static void xml_text(FILE *f, const char *s) {
  size_t cap = 4 * strlen(s) + 1;
  char *safe = malloc(cap);
  if (!safe) return;
  duet_text_utf8_safe(s, safe, cap);
  for (const unsigned char *p = (const unsigned char *)safe; *p; p++) {
    if (*p == '&') fputs("&amp;", f);
    else if (*p == '<') fputs("&lt;", f);
    else if (*p == '>') fputs("&gt;", f);
    else if (*p == '"') fputs("&quot;", f);
    else if (*p < 0x20 && *p != '\t' && *p != '\n') fprintf(f, "\\x%02x", *p); /* not allowed in XML 1.0 */
    else fputc(*p, f);
  }
  free(safe);
}

static const cJSON *pair_of(const cJSON *report, const char *target) {
  const cJSON *groups[] = {cJSON_GetObjectItem(report, "pairs"),
                           cJSON_GetObjectItem(cJSON_GetObjectItem(report, "ground_truth"), "components")};
  for (size_t g = 0; g < 2; g++) {
    const cJSON *p;
    cJSON_ArrayForEach(p, groups[g]) if (strcmp(duet_json_text(p, "target"), target) == 0) return p;
  }
  return NULL;
}

static int failures_of(const cJSON *pair, const struct duet_campaign_result *r, FILE *f) {
  int n = 0;
  const cJSON *fi;
  cJSON_ArrayForEach(fi, cJSON_GetObjectItem(pair, "findings")) {
    if (!duet_campaign_finding_is_new(fi, r, 1)) continue;
    n++;
    if (!f) continue;
    fputs("      <failure type=\"", f);
    xml_text(f, duet_json_text(fi, "class"));
    fputs("/", f);
    xml_text(f, duet_json_text(fi, "kind"));
    fputs("\" message=\"", f);
    xml_text(f, duet_json_text(fi, "signature"));
    fputs(" on ", f);
    xml_text(f, duet_json_text(fi, "side"));
    fputs(": ", f);
    xml_text(f, duet_json_text(fi, "detail"));
    fputs("\">", f);
    xml_text(f, duet_json_text(fi, "repro"));
    fputs("</failure>\n", f);
  }
  return n;
}

static void test_case(FILE *f, const cJSON *report, const struct duet_campaign_result *r) {
  fputs("    <testcase classname=\"duet.campaign\" name=\"", f);
  xml_text(f, r->target);
  fprintf(f, "\" time=\"%.1f\">\n", r->seconds);
  if (strcmp(r->status, "skipped") == 0) {
    fputs("      <skipped message=\"", f);
    xml_text(f, r->why);
    fputs("\"/>\n", f);
  } else if (strcmp(r->status, "complete") != 0) {
    fputs("      <error type=\"", f);
    xml_text(f, r->status);
    fputs("\" message=\"", f);
    xml_text(f, r->why);
    fputs("\"/>\n", f);
  }
  failures_of(pair_of(report, r->target), r, f);
  fputs("    </testcase>\n", f);
}

char *duet_junit_xml(const cJSON *report, const struct duet_campaign_result *results, size_t n) {
  int failures = 0, errors = 0, skipped = 0;
  double seconds = 0;
  for (size_t i = 0; i < n; i++) {
    failures += failures_of(pair_of(report, results[i].target), &results[i], NULL);
    skipped += strcmp(results[i].status, "skipped") == 0;
    errors += strcmp(results[i].status, "skipped") != 0 && strcmp(results[i].status, "complete") != 0;
    seconds += results[i].seconds;
  }
  char *text = NULL;
  size_t size = 0;
  FILE *f = open_memstream(&text, &size);
  if (!f) return NULL;
  fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"duet campaign\" tests=\"%zu\" "
             "failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.1f\">\n  <testsuite name=\"duet\" tests=\"%zu\" "
             "failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.1f\">\n",
          n, failures, errors, skipped, seconds, n, failures, errors, skipped, seconds);
  for (size_t i = 0; i < n; i++) test_case(f, report, &results[i]);
  fputs("  </testsuite>\n</testsuites>\n", f);
  return fclose(f) == 0 ? text : (free(text), NULL);
}

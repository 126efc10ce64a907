/* The comparison report's real CVEs: the newest `duet validate --cves`
   (REPORTS/cves-<time>/cves.json, scripts/validate_cves.py), per pair and
   overall: "k of n reachable CVEs rediscovered in the C library; on those
   inputs the Rust rewrite: r rejected, a accepted, p panicked, c crashed".
   Memory-safety CVEs (claim C1 on real code, each shown by its frames) are
   kept apart from behavioural ones (a difference between the two C builds),
   and both apart from the planted ground truth and the patched campaigns. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "comparison_read.h"
#include "duet/comparison.h"

/* One tally of cves.json ({found, reachable, rust: {rejected, ...}}) with its sentence. */
static cJSON *tally_json(const cJSON *t, const char *what) {
  static const char *const outcomes[] = {"rejected", "accepted", "panicked", "crashed"};
  const cJSON *rust = cJSON_GetObjectItem(t, "rust");
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "found", duet_json_number(t, "found"));
  cJSON_AddNumberToObject(o, "reachable", duet_json_number(t, "reachable"));
  for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
    cJSON_AddNumberToObject(o, outcomes[i], duet_json_number(rust, outcomes[i]));
  char text[320];
  snprintf(text, sizeof text,
           "%.0f of %.0f reachable %s rediscovered in the C library; on those inputs the Rust rewrite: %.0f rejected, "
           "%.0f accepted, %.0f panicked, %.0f crashed",
           duet_json_number(t, "found"), duet_json_number(t, "reachable"), what, duet_json_number(rust, "rejected"),
           duet_json_number(rust, "accepted"), duet_json_number(rust, "panicked"), duet_json_number(rust, "crashed"));
  cJSON_AddStringToObject(o, "text", text);
  return o;
}

static void add_tallies(cJSON *o, const cJSON *tallies) {
  cJSON_AddItemToObject(o, "memory_safety", tally_json(cJSON_GetObjectItem(tallies, "memory"), "memory-safety CVEs"));
  cJSON_AddItemToObject(o, "behavioural", tally_json(cJSON_GetObjectItem(tallies, "behaviour"), "behavioural CVEs"));
}

cJSON *duet_comparison_cves(const char *reports, FILE *warn) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "note", "real CVEs of the C libraries, left out of an unpatched build and looked for by "
                          "campaigns on it (duet validate --cves); memory-safety ones need the frames, behavioural "
                          "ones are a difference between the two C builds and are not claim C1 evidence");
  char file[256];
  cJSON *v = duet_newest_result(reports, "cves-", "cves.json", "pairs", file, sizeof file, warn);
  if (!v) {
    cJSON_AddStringToObject(o, "missing", "no `duet validate --cves` result under the reports folder");
    return o;
  }
  cJSON_AddStringToObject(o, "file", file);
  cJSON_AddNumberToObject(o, "seconds_per_pair", duet_json_number(v, "seconds_per_pair"));
  add_tallies(o, cJSON_GetObjectItem(v, "overall"));
  cJSON *pairs = cJSON_AddArrayToObject(o, "pairs");
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(v, "pairs")) {
    cJSON *row = cJSON_CreateObject();
    cJSON_AddStringToObject(row, "pair", duet_json_text(p, "pair"));
    cJSON_AddStringToObject(row, "status", duet_json_text(p, "status"));
    add_tallies(row, cJSON_GetObjectItem(p, "tally"));
    cJSON_AddItemToArray(pairs, row);
  }
  cJSON_Delete(v);
  return o;
}

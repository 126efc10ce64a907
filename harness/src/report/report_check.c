/* What readers of reports check before they trust one (duet/report.h). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "duet/report.h"

static const char *const statuses[] = {"running", "complete", "partial", "interrupted", "failed"};

static bool one_of(const char *s, const char *const *list, size_t n) {
  for (size_t i = 0; s && i < n; i++)
    if (strcmp(s, list[i]) == 0) return true;
  return false;
}

/* A whole number in [0, max] (absent counts as fine when `optional`). */
static bool count_ok(const cJSON *o, const char *key, double max, bool optional) {
  const cJSON *v = cJSON_GetObjectItem(o, key);
  if (!v) return optional;
  double x = cJSON_GetNumberValue(v);
  return cJSON_IsNumber(v) && isfinite(x) && x >= 0 && x <= max && floor(x) == x;
}

static bool fail(char *why, size_t cap, const char *what) {
  snprintf(why, cap, "%s", what);
  return false;
}

bool duet_report_check(const cJSON *r, char *why, size_t cap) {
  if (!cJSON_IsObject(r)) return fail(why, cap, "not a JSON object");
  const cJSON *version = cJSON_GetObjectItem(r, "schema_version");
  if (!cJSON_IsNumber(version) || cJSON_GetNumberValue(version) != DUET_REPORT_SCHEMA_VERSION) {
    snprintf(why, cap, "schema_version %s, this duet reads %d",
             cJSON_IsNumber(version) ? "unknown" : "missing", DUET_REPORT_SCHEMA_VERSION);
    return false;
  }
  static const char *const texts[] = {"run_id", "target", "status", "started_at"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (!cJSON_IsString(cJSON_GetObjectItem(r, texts[i]))) {
      snprintf(why, cap, "\"%s\" is missing or not a string", texts[i]);
      return false;
    }
  if (!one_of(cJSON_GetStringValue(cJSON_GetObjectItem(r, "status")), statuses, sizeof statuses / sizeof *statuses))
    return fail(why, cap, "unknown \"status\"");
  const cJSON *campaign = cJSON_GetObjectItem(r, "campaign");
  if (!cJSON_IsObject(campaign)) return fail(why, cap, "\"campaign\" is missing or not an object");
  if (!count_ok(campaign, "executions", 1e15, false))
    return fail(why, cap, "campaign.executions is not a whole number from 0 to 1e15");
  if (!count_ok(cJSON_GetObjectItem(campaign, "coverage"), "cov", 1e9, true))
    return fail(why, cap, "campaign.coverage.cov is not a whole number from 0 to 1e9");
  if (!cJSON_IsArray(cJSON_GetObjectItem(r, "sides"))) return fail(why, cap, "\"sides\" is missing or not an array");
  return true;
}

static bool is_signature(const char *s) {
  size_t n = 0;
  for (; s && s[n]; n++)
    if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) return false;
  return n == 16;
}

bool duet_finding_record_check(const cJSON *f, char *why, size_t cap) {
  if (!cJSON_IsObject(f)) return fail(why, cap, "not a JSON object");
  if (duet_outcome_from_name(cJSON_GetStringValue(cJSON_GetObjectItem(f, "class"))) <= 0)
    return fail(why, cap, "\"class\" is missing or unknown");
  if (!is_signature(cJSON_GetStringValue(cJSON_GetObjectItem(f, "signature"))))
    return fail(why, cap, "\"signature\" is not 16 hex digits");
  static const char *const texts[] = {"side", "kind"};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (!cJSON_IsString(cJSON_GetObjectItem(f, texts[i]))) {
      snprintf(why, cap, "\"%s\" is missing or not a string", texts[i]);
      return false;
    }
  if (!count_ok(f, "reproduced", 1000, false) || !count_ok(f, "reruns", 1000, false))
    return fail(why, cap, "\"reproduced\"/\"reruns\" are not whole numbers from 0 to 1000");
  return true;
}

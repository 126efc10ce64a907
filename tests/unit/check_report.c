/*
 * duet_check_report FILE: validates a report.json against the fields and
 * types of schema version 1 (reports/schema/report.schema.json). Prints each
 * problem; exit 0 when valid, 1 when not, 2 when unreadable.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/fileio.h"

static int problems;

static const cJSON *need(const cJSON *o, const char *key, cJSON_bool (*is)(const cJSON *), const char *type) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  if (!v || !is(v)) {
    printf("missing or not %s: %s\n", type, key);
    problems++;
    return NULL;
  }
  return v;
}

static void check_side(const cJSON *s) {
  static const char *const strings[] = {"name", "role", "language", "library", "version", "api", "toolchain", "build_flags", "sanitizers"};
  for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) need(s, strings[i], cJSON_IsString, "a string");
  need(s, "sanitized", cJSON_IsBool, "a boolean");
}

/* Artifacts and findings share the verdict fields. */
static void check_artifact(const cJSON *a) {
  static const char *const strings[] = {"class", "side", "kind", "detail", "signature", "repro"};
  for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) need(a, strings[i], cJSON_IsString, "a string");
  need(a, "frames", cJSON_IsArray, "an array");
  const cJSON *sha1 = cJSON_GetObjectItem(a, "sha1");
  if (cJSON_IsString(sha1) && strlen(sha1->valuestring) != 40 && !cJSON_GetObjectItem(a, "error"))
    printf("sha1 is not 40 hex digits\n"), problems++;
}

int main(int argc, char **argv) {
  if (argc != 2) return fprintf(stderr, "usage: duet_check_report FILE\n"), 2;
  uint8_t *data;
  size_t size;
  if (duet_read_file(argv[1], 64 << 20, &data, &size) != 0) return fprintf(stderr, "cannot read %s\n", argv[1]), 2;
  data[size] = '\0';
  cJSON *r = cJSON_Parse((char *)data);
  free(data);
  if (!r) return printf("not JSON\n"), 1;
  const cJSON *version = need(r, "schema_version", cJSON_IsNumber, "a number");
  if (version && version->valuedouble != 1) printf("schema_version is not 1\n"), problems++;
  static const char *const strings[] = {"run_id", "target", "status", "started_at", "ended_at"};
  for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) need(r, strings[i], cJSON_IsString, "a string");
  need(r, "duration_seconds", cJSON_IsNumber, "a number");
  const cJSON *sides = need(r, "sides", cJSON_IsArray, "an array"), *s;
  if (sides && cJSON_GetArraySize(sides) < 2) printf("fewer than two sides\n"), problems++;
  cJSON_ArrayForEach(s, sides) check_side(s);
  const cJSON *campaign = need(r, "campaign", cJSON_IsObject, "an object");
  static const char *const numbers[] = {"executions", "execs_per_second", "corpus_size", "time_budget_seconds", "jobs"};
  for (size_t i = 0; campaign && i < sizeof numbers / sizeof numbers[0]; i++) need(campaign, numbers[i], cJSON_IsNumber, "a number");
  const cJSON *coverage = campaign ? need(campaign, "coverage", cJSON_IsObject, "an object") : NULL;
  if (coverage) need(coverage, "cov", cJSON_IsNumber, "a number"), need(coverage, "ft", cJSON_IsNumber, "a number");
  const cJSON *artifacts = need(r, "artifacts", cJSON_IsArray, "an array"), *a;
  cJSON_ArrayForEach(a, artifacts) check_artifact(a);
  const cJSON *findings = need(r, "findings", cJSON_IsArray, "an array"), *f;
  cJSON_ArrayForEach(f, findings) {
    check_artifact(f);
    need(f, "status", cJSON_IsString, "a string");
    need(f, "reliable", cJSON_IsBool, "a boolean");
  }
  const cJSON *claims = need(r, "claims", cJSON_IsArray, "an array");
  if (claims && cJSON_GetArraySize(claims) != 5) printf("not 5 claims\n"), problems++;
  need(r, "summary", cJSON_IsObject, "an object");
  cJSON_Delete(r);
  printf("%s: %s\n", argv[1], problems ? "INVALID" : "valid");
  return problems ? 1 : 0;
}

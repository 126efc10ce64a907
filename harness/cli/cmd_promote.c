/*
 * `duet promote SIGNATURE`: copies a stored finding's minimised input and its
 * classification into corpora/<target>/regressions/, where `duet regress`
 * (and ctest) replay it from then on.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/fileio.h"

static bool is_signature(const char *s) {
  if (strlen(s) != 16) return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return false;
  return true;
}

/* Finds findings/<target>/<signature>/ among the registered targets. */
static const struct duet_target *find_stored(const char *findings, const char *sig, char dir[PATH_MAX]) {
  size_t n;
  const struct duet_target *all = duet_targets(&n);
  for (size_t i = 0; i < n; i++) {
    char json[PATH_MAX + 16];
    snprintf(dir, PATH_MAX, "%s/%s/%s", findings, all[i].name, sig);
    snprintf(json, sizeof json, "%s/finding.json", dir);
    uint8_t *data;
    size_t size;
    if (duet_read_file(json, 1 << 20, &data, &size) == 0) {
      free(data);
      return &all[i];
    }
  }
  return NULL;
}

/* "run A, run B" from the finding's runs, or "" (no machine paths). */
static void runs_text(const cJSON *finding, char *out, size_t cap) {
  const cJSON *run;
  size_t n = 0;
  out[0] = '\0';
  cJSON_ArrayForEach(run, cJSON_GetObjectItem(finding, "runs"))
    if (cJSON_IsString(run) && n < cap) n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? ", " : "", run->valuestring);
}

static int write_expectation(const char *path, const cJSON *finding, const char *sig, const char *given_why) {
  cJSON *e = cJSON_CreateObject();
  static const char *const keys[] = {"class", "side", "kind"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(finding, keys[i]));
    cJSON_AddStringToObject(e, keys[i], v ? v : "");
  }
  cJSON_AddStringToObject(e, "signature", sig);
  const char *detail = cJSON_GetStringValue(cJSON_GetObjectItem(finding, "detail"));
  char why[2048], runs[512];
  runs_text(finding, runs, sizeof runs);
  snprintf(why, sizeof why, "%s%s%s%s", given_why ? given_why : detail ? detail : "", runs[0] ? " (found in " : "", runs,
           runs[0] ? ")" : "");
  cJSON_AddStringToObject(e, "why", why);
  char *text = cJSON_Print(e);
  cJSON_Delete(e);
  int rc = text ? duet_write_atomic(path, text, strlen(text)) : -1;
  cJSON_free(text);
  return rc;
}

/* Why a stored finding should not become a regression input, or NULL. */
static const char *unfit(const cJSON *finding, size_t minimized_size) {
  const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(finding, "kind"));
  if (kind && strcmp(kind, "not-reproduced") == 0) return "it was never reproduced in isolation";
  if (cJSON_GetNumberValue(cJSON_GetObjectItem(finding, "reproduced")) <= 0) return "it was never reproduced";
  if (!cJSON_IsTrue(cJSON_GetObjectItem(finding, "reliable"))) return "it is unreliable (not reproduced on every re-run)";
  if (minimized_size == 0) return "its input is empty";
  return NULL;
}

int duet_cmd_promote(int argc, char **argv) {
  static const struct option options[] = {{"reports", required_argument, NULL, 'r'}, {"corpora", required_argument, NULL, 'c'},
                                          {"force", no_argument, NULL, 'f'}, {"why", required_argument, NULL, 'w'},
                                          {"help", no_argument, NULL, 'h'}, {0}};
  bool force = false;
  const char *why = NULL;
  char reports[PATH_MAX], corpora[PATH_MAX];
  snprintf(reports, sizeof reports, "%s", duet_build_info.reports_dir);
  snprintf(corpora, sizeof corpora, "%s/corpora", duet_build_info.source_dir);
  int c;
  while ((c = getopt_long(argc, argv, "r:c:fw:h", options, NULL)) != -1) {
    if (c == 'f') force = true;
    else if (c == 'w') why = optarg;
    else if (c == 'r') snprintf(reports, sizeof reports, "%s", optarg);
    else if (c == 'c') snprintf(corpora, sizeof corpora, "%s", optarg);
    else if (c == 'h') {
      printf("usage: duet promote SIGNATURE [--why TEXT] [--force] [--reports DIR] [--corpora DIR]\n\n"
             "Copies DIR/findings/<target>/SIGNATURE/minimized to <corpora>/<target>/regressions/SIGNATURE\n"
             "with SIGNATURE.expect.json (class, side, kind, signature, why: TEXT, else the finding's\n"
             "detail, and the runs it was found in); `duet regress` replays it. A finding that was\n"
             "never reproduced, is unreliable or has an empty input is refused unless --force.\n");
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  if (argc - optind != 1) return duet_cli_usage_error("promote wants one SIGNATURE (16 hex digits, see a report)");
  const char *sig = argv[optind];
  if (!is_signature(sig)) return duet_cli_usage_error("'%s' is not a signature (16 lower-case hex digits)", sig);
  char findings[PATH_MAX], dir[PATH_MAX];
  duet_fs_confine(reports);
  duet_fs_confine(corpora);
  snprintf(findings, sizeof findings, "%s/findings", reports);
  const struct duet_target *t = find_stored(findings, sig, dir);
  if (!t) return duet_cli_usage_error("no stored finding %s under %s", sig, findings);

  char path[PATH_MAX + 32];
  uint8_t *json, *input;
  size_t json_size, input_size;
  snprintf(path, sizeof path, "%s/finding.json", dir);
  if (duet_read_file(path, 1 << 20, &json, &json_size) != 0) return duet_cli_usage_error("cannot read %s", path);
  json[json_size] = '\0';
  cJSON *finding = cJSON_Parse((char *)json);
  free(json);
  if (!finding || !cJSON_GetStringValue(cJSON_GetObjectItem(finding, "class"))) {
    cJSON_Delete(finding);
    return duet_cli_usage_error("%s is not a finding record", path);
  }
  snprintf(path, sizeof path, "%s/minimized", dir);
  if (duet_read_file(path, DUET_INPUT_MAX, &input, &input_size) != 0) {
    cJSON_Delete(finding);
    return duet_cli_usage_error("cannot read %s", path);
  }
  const char *problem = unfit(finding, input_size);
  if (problem && !force) {
    free(input);
    cJSON_Delete(finding);
    return duet_cli_usage_error("finding %s is not promoted: %s (--force promotes it anyway)", sig, problem);
  }
  char out_dir[PATH_MAX], out[PATH_MAX + 32];
  snprintf(out_dir, sizeof out_dir, "%s/%s/regressions", corpora, t->name);
  int rc = duet_make_dirs(out_dir);
  snprintf(out, sizeof out, "%s/%s", out_dir, sig);
  if (rc == 0) rc = duet_write_atomic(out, input, input_size);
  free(input);
  snprintf(path, sizeof path, "%s.expect.json", out);
  if (rc == 0) rc = write_expectation(path, finding, sig, why);
  cJSON_Delete(finding);
  if (rc != 0) return duet_cli_usage_error("cannot write %s: %s", out_dir, duet_fs_strerror(rc));
  printf("%s\n%s\n", out, path);
  return DUET_EXIT_OK;
}

/*
 * `duet promote SIGNATURE`: copies a stored finding's minimised input and its
 * classification into corpora/<target>/regressions/, where `duet regress`
 * (and ctest) replay it from then on.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duet/build_info.h"
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

static int write_expectation(const char *path, const cJSON *finding, const char *sig, const char *from) {
  cJSON *e = cJSON_CreateObject();
  static const char *const keys[] = {"class", "side", "kind"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItem(finding, keys[i]));
    cJSON_AddStringToObject(e, keys[i], v ? v : "");
  }
  cJSON_AddStringToObject(e, "signature", sig);
  const char *detail = cJSON_GetStringValue(cJSON_GetObjectItem(finding, "detail"));
  char why[1024];
  snprintf(why, sizeof why, "%s (promoted from %s)", detail ? detail : "", from);
  cJSON_AddStringToObject(e, "why", why);
  char *text = cJSON_Print(e);
  cJSON_Delete(e);
  int rc = text ? duet_write_atomic(path, text, strlen(text)) : -1;
  cJSON_free(text);
  return rc;
}

int duet_cmd_promote(int argc, char **argv) {
  static const struct option options[] = {{"reports", required_argument, NULL, 'r'}, {"corpora", required_argument, NULL, 'c'},
                                          {"help", no_argument, NULL, 'h'}, {0}};
  char reports[PATH_MAX], corpora[PATH_MAX];
  snprintf(reports, sizeof reports, "%s/reports", duet_build_info.source_dir);
  snprintf(corpora, sizeof corpora, "%s/corpora", duet_build_info.source_dir);
  int c;
  while ((c = getopt_long(argc, argv, "r:c:h", options, NULL)) != -1) {
    if (c == 'r') snprintf(reports, sizeof reports, "%s", optarg);
    else if (c == 'c') snprintf(corpora, sizeof corpora, "%s", optarg);
    else if (c == 'h') {
      printf("usage: duet promote SIGNATURE [--reports DIR] [--corpora DIR]\n\n"
             "Copies DIR/findings/<target>/SIGNATURE/minimized to <corpora>/<target>/regressions/SIGNATURE\n"
             "with SIGNATURE.expect.json (class, side, kind, why); `duet regress` replays it.\n");
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  if (argc - optind != 1) return duet_cli_usage_error("promote wants one SIGNATURE (16 hex digits, see a report)");
  const char *sig = argv[optind];
  if (!is_signature(sig)) return duet_cli_usage_error("'%s' is not a signature (16 lower-case hex digits)", sig);
  char findings[PATH_MAX], dir[PATH_MAX];
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
  char out_dir[PATH_MAX], out[PATH_MAX + 32];
  snprintf(out_dir, sizeof out_dir, "%s/%s/regressions", corpora, t->name);
  int rc = duet_make_dirs(out_dir);
  snprintf(out, sizeof out, "%s/%s", out_dir, sig);
  if (rc == 0) rc = duet_write_atomic(out, input, input_size);
  free(input);
  snprintf(path, sizeof path, "%s.expect.json", out);
  if (rc == 0) rc = write_expectation(path, finding, sig, dir);
  cJSON_Delete(finding);
  if (rc != 0) return duet_cli_usage_error("cannot write %s: %s", out_dir, strerror(-rc));
  printf("%s\n%s\n", out, path);
  return DUET_EXIT_OK;
}

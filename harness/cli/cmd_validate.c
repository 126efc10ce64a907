/*
 * `duet validate`: measures duet against the bugs planted in the gt.*
 * targets (targets/ground-truth.json).
 *
 * Default: short campaigns on each ground-truth target, repeated --trials
 * times, then per bug and side: reached and triggered (the canaries logged
 * during the campaign), detected (a saved input triggers the bug's canary in
 * that side and the side shows a finding alone), attributed (that finding
 * is one the manifest expects for that side), named by duet's one-line
 * verdict, and the median time to first detection. Written as validate.json
 * and validate.md. A measurement: the exit status says only whether it ran.
 *
 * --triggers: feeds every committed trigger input to every side alone and
 * checks the manifest's finding and the canary per side (exit 1 on a
 * mismatch); the ctest test of the ground truth.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/campaign.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/groundtruth.h"
#include "duet/isolate.h"
#include "validate.h"

static int usage(void) {
  printf("usage: duet validate [--trials N] [--time S] [--target NAME] [--out DIR] [--max-artifacts K]\n"
         "                     [--manifest FILE] [--timeout S] [-- LIBFUZZER_FLAGS...]\n"
         "       duet validate --triggers [--manifest FILE] [--timeout S]\n"
         "       duet validate --cves [--time S] [--parallel N] [--target NAME]... [--out DIR] [--promote]\n\n"
         "Measures duet on the planted bugs of targets/ground-truth.json. Runs N campaigns\n"
         "(default 3) of S seconds (default 60) on each gt.* target from its seeds alone,\n"
         "then reports per bug and side: reached, triggered (canaries), detected, attributed,\n"
         "named in the verdict, median time to first detection: DIR/validate.json and\n"
         "validate.md (DIR defaults to reports/validate-<time>). Every input the driver\n"
         "saved (a few per signature) is examined; K caps libFuzzer's own crash files\n"
         "examined per campaign (default 100, earliest first; at most 3 hangs). Campaigns\n"
         "use -timeout=5.\n"
         "Bugs the manifest marks \"mechanism\": \"stress\" (races) are looked for by `duet stress`\n"
         "on the component's seeds after each campaign (a quarter of S, 5 to 30 s).\n"
         "--triggers checks every committed trigger against the manifest instead and\n"
         "exits 1 on a mismatch. Side runs time out after --timeout (default 5) seconds.\n"
         "--cves: real CVEs instead (targets/*/cves.json): a campaign of S seconds (default 600)\n"
         "per pair on the unpatched build (preset `unpatched`), each C finding matched to the\n"
         "functions a CVE patch changes, its input run on this (patched) build's C and Rust\n"
         "sides: DIR/cves.json and cves.md (default reports/cves-<time>); see\n"
         "scripts/validate_cves.py --help.\n");
  return DUET_EXIT_OK;
}

static int parse(int argc, char **argv, struct duet_validate_options *o) {
  static const struct option options[] = {
      {"trials", required_argument, NULL, 'n'},   {"time", required_argument, NULL, 't'},
      {"target", required_argument, NULL, 'g'},   {"out", required_argument, NULL, 'o'},
      {"max-artifacts", required_argument, NULL, 'k'}, {"manifest", required_argument, NULL, 'm'},
      {"timeout", required_argument, NULL, 'T'},  {"triggers", no_argument, NULL, 'r'},
      {"help", no_argument, NULL, 'h'},           {0}};
  int c;
  while ((c = getopt_long(argc, argv, "n:t:g:o:k:m:T:rh", options, NULL)) != -1) {
    switch (c) {
    case 'n': if ((o->trials = duet_cli_number("--trials", optarg, 1, 100)) < 0) return -1; break;
    case 't': if ((o->seconds = duet_cli_number("--time", optarg, 1, 24 * 3600)) < 0) return -1; break;
    case 'k': if ((o->max_artifacts = duet_cli_number("--max-artifacts", optarg, 1, 10000)) < 0) return -1; break;
    case 'T': if ((o->timeout = duet_cli_number("--timeout", optarg, 1, 3600)) < 0) return -1; break;
    case 'g': o->only_target = optarg; break;
    case 'o': o->out_dir = optarg; break;
    case 'm': o->manifest = optarg; break;
    case 'r': o->triggers = true; break;
    case 'h': return 1;
    default: return -1;
    }
  }
  o->extra = argv + optind;
  for (char *const *f = o->extra; *f; f++)
    if ((*f)[0] != '-' || strcmp(*f, "--") == 0)
      return duet_cli_usage_error("unexpected argument '%s' (libFuzzer flags go after --, as -name=value)", *f), -1;
  return 0;
}

/* The manifest's bugs array, checked enough that the rest can rely on it. */
static cJSON *load_manifest(const char *path, const cJSON **bugs) {
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(path, 16 << 20, &data, &size);
  if (rc != 0) {
    duet_cli_usage_error("cannot read the manifest %s: %s", path, duet_fs_strerror(rc));
    return NULL;
  }
  data[size] = '\0';
  cJSON *doc = cJSON_Parse((char *)data);
  free(data);
  *bugs = cJSON_GetObjectItemCaseSensitive(doc, "bugs");
  const cJSON *bug;
  bool ok = cJSON_IsArray(*bugs);
  cJSON_ArrayForEach(bug, *bugs) {
    if (!*duet_validate_text(bug, "id") || !duet_target_find(duet_validate_text(bug, "component")) ||
        !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(bug, "variants")) ||
        !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(bug, "triggers"))) {
      duet_cli_usage_error("manifest %s: bug '%s' lacks an id, a known component, variants or triggers", path,
                           duet_validate_text(bug, "id"));
      ok = false;
    }
  }
  if (!ok) {
    if (!cJSON_IsArray(*bugs)) duet_cli_usage_error("manifest %s: no \"bugs\" array", path);
    cJSON_Delete(doc);
    return NULL;
  }
  return doc;
}

/* ---- --triggers: every committed trigger, every side, against the manifest ---- */

static int check_trigger(const char *exe, const cJSON *bug, const cJSON *trigger, const struct duet_validate_options *o,
                         const char *log_path, int *failed) {
  const char *id = duet_validate_text(bug, "id");
  const struct duet_target *target = duet_target_find(duet_validate_text(bug, "component"));
  char input[PATH_MAX];
  snprintf(input, sizeof input, "%s/%s", duet_build_info.source_dir, duet_validate_text(trigger, "input"));
  struct duet_gt_side sides[DUET_MAX_SIDES];
  size_t count;
  int rc = duet_gt_run_sides(exe, target, input, (unsigned)o->timeout, log_path, sides, &count);
  if (rc != 0) {
    printf("BROKEN  %-6s %s: cannot run: %s\n", id, input, duet_fs_strerror(rc));
    (*failed)++;
    return 0;
  }
  const cJSON *expect = cJSON_GetObjectItemCaseSensitive(trigger, "expect");
  int passed = 0;
  for (size_t i = 0; i < count; i++) {
    struct duet_gt_finding f;
    duet_gt_finding(sides, count, i, &f);
    const cJSON *want = cJSON_GetObjectItemCaseSensitive(expect, sides[i].name);
    char got_text[128], want_text[128] = "(no expectation in the manifest)";
    duet_gt_finding_text(&f, got_text, sizeof got_text);
    if (want) duet_gt_expect_text(want, want_text, sizeof want_text);
    bool triggered = duet_gt_side_triggered(&sides[i], id);
    bool ok = want && duet_gt_finding_matches(want, &f) && triggered;
    printf("%s %-6s %-12s %-40s canary %s  %s\n", ok ? "PASS   " : "FAIL   ", id, sides[i].name, got_text,
           triggered ? "triggered" : "NOT triggered", duet_validate_text(trigger, "input"));
    if (!ok) {
      printf("        expected %s with canary %s triggered\n", want_text, id);
      (*failed)++;
    } else {
      passed++;
    }
  }
  duet_gt_sides_release(sides, count);
  return passed;
}

static int check_triggers(const char *exe, const cJSON *bugs, const struct duet_validate_options *o) {
  char log_path[] = "/tmp/duet-validate-XXXXXX";
  int fd = mkstemp(log_path);
  if (fd < 0) return duet_cli_usage_error("cannot create a temporary file: %s", strerror(errno));
  close(fd);
  int passed = 0, failed = 0;
  const cJSON *bug, *trigger;
  cJSON_ArrayForEach(bug, bugs) {
    if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(bug, "triggers")) == 0) {
      printf("FAIL    %-6s has no trigger input\n", duet_validate_text(bug, "id"));
      failed++;
    }
    cJSON_ArrayForEach(trigger, cJSON_GetObjectItemCaseSensitive(bug, "triggers"))
      passed += duet_validate_is_stress_bug(bug) ? duet_validate_stress_trigger(exe, bug, trigger, log_path, &failed)
                                                 : check_trigger(exe, bug, trigger, o, log_path, &failed);
  }
  unlink(log_path);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : DUET_EXIT_OK;
}

/* --cves: the rediscovery of real CVEs on the unpatched build
   (scripts/validate_cves.py), given this duet as the patched build and every
   other argument as it came. */
static int validate_cves(int argc, char **argv) {
  const char *exe = duet_self_exe();
  if (!exe) return duet_cli_usage_error("cannot find the duet executable");
  char script[PATH_MAX];
  snprintf(script, sizeof script, "%s/scripts/validate_cves.py", duet_build_info.source_dir);
  char **args = calloc((size_t)argc + 8, sizeof *args);
  if (!args) return DUET_EXIT_INTERNAL;
  int n = 0;
  args[n++] = (char *)DUET_PYTHON3;
  args[n++] = script;
  args[n++] = (char *)"--duet";
  args[n++] = (char *)exe;
  args[n++] = (char *)"--source";
  args[n++] = (char *)duet_build_info.source_dir;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--cves") != 0) args[n++] = argv[i];
  fflush(stdout);
  execv(DUET_PYTHON3, args);
  free(args);
  return duet_cli_usage_error("cannot run %s %s: %s", DUET_PYTHON3, script, strerror(errno));
}

int duet_cmd_validate(int argc, char **argv) {
  for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
    if (strcmp(argv[i], "--cves") == 0) return validate_cves(argc, argv);
  struct duet_validate_options o = {.trials = 3, .seconds = 60, .max_artifacts = 100, .timeout = 5};
  char manifest[PATH_MAX], out_dir[PATH_MAX];
  snprintf(manifest, sizeof manifest, "%s/targets/ground-truth.json", duet_build_info.source_dir);
  o.manifest = manifest;
  int p = parse(argc, argv, &o);
  if (p != 0) return p > 0 ? usage() : DUET_EXIT_USAGE;
  if (o.only_target && !duet_cli_target(o.only_target)) return DUET_EXIT_USAGE;
  const char *exe = duet_self_exe();
  if (!exe) return duet_cli_usage_error("cannot find the duet executable");
  const cJSON *bugs;
  cJSON *doc = load_manifest(o.manifest, &bugs);
  if (!doc) return DUET_EXIT_USAGE;
  int status;
  if (o.triggers) {
    status = check_triggers(exe, bugs, &o);
  } else {
    if (o.out_dir) {
      snprintf(out_dir, sizeof out_dir, "%s", o.out_dir);
    } else {
      char stamp[32];
      time_t now = time(NULL);
      struct tm tm;
      gmtime_r(&now, &tm);
      strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
      snprintf(out_dir, sizeof out_dir, "%s/validate-%s-%ld", duet_build_info.reports_dir, stamp, (long)getpid());
    }
    duet_fs_confine(out_dir);
    int rc = duet_make_dirs(out_dir);
    status = rc != 0 ? duet_cli_usage_error("cannot create %s: %s", out_dir, duet_fs_strerror(rc))
                     : duet_validate_run_campaigns(exe, bugs, &o, out_dir);
  }
  cJSON_Delete(doc);
  return status;
}

/*
 * `duet regress [TARGET...]`: replays every committed regression input
 * (corpora/<target>/regressions/NAME + NAME.expect.json) in isolation and
 * compares class, side, kind and (when recorded) the signature with the
 * expectation. A changed classification fails; a finding that is gone is
 * reported as FIXED.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/registry.h"
#include "duet/repro.h"

static const char expect_suffix[] = ".expect.json";

struct tally {
  int passed, changed, fixed, broken, skipped;
};

static const char *text(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
  return s ? s : "";
}

/* Per-process timeout of the replays; a hang regression costs this much. */
static long replay_timeout = DUET_REPRO_TIMEOUT_SECONDS;

static void replay_one(const struct duet_target *t, const char *dir, const char *expect_name, struct tally *tally) {
  char expect_path[PATH_MAX], input_path[PATH_MAX];
  snprintf(expect_path, sizeof expect_path, "%s/%s", dir, expect_name);
  snprintf(input_path, sizeof input_path, "%s/%.*s", dir, (int)(strlen(expect_name) - strlen(expect_suffix)), expect_name);
  uint8_t *data;
  size_t size;
  cJSON *expect = NULL;
  if (duet_read_file(expect_path, 1 << 20, &data, &size) == 0) {
    data[size] = '\0';
    expect = cJSON_Parse((char *)data);
    free(data);
  }
  if (!expect || duet_outcome_from_name(text(expect, "class")) < 0) {
    duet_cli_print(stdout, "BROKEN  %s: not a valid expectation (needs \"class\", \"side\", \"kind\")", expect_path);
    tally->broken++;
    cJSON_Delete(expect);
    return;
  }
  /* An input that is slow by nature (png's 2 GiB allocation) records a
     longer limit of its own, so that a busy machine does not turn it into a
     timeout. */
  double own_timeout = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(expect, "timeout_seconds"));
  long timeout = own_timeout > replay_timeout && own_timeout <= 3600 ? (long)own_timeout : replay_timeout;
  struct duet_repro r;
  if (duet_repro_run(duet_self_exe(), t, input_path, (unsigned)timeout, &r) != 0) {
    duet_cli_print(stdout, "BROKEN  %s: cannot run", input_path);
    tally->broken++;
    cJSON_Delete(expect);
    return;
  }
  const struct duet_verdict *v = &r.verdict;
  const char *want_class = text(expect, "class");
  bool same = strcmp(want_class, duet_outcome_name(v->outcome)) == 0 && strcmp(text(expect, "side"), v->side) == 0 &&
              strcmp(text(expect, "kind"), v->kind) == 0;
  /* The recorded signature is what lets triage call a re-found finding
     known; a drift would silently make it "new" again. */
  char signature[17] = "";
  if (v->outcome != DUET_OUTCOME_NONE) duet_verdict_signature(t->name, v, signature);
  const char *want_signature = text(expect, "signature");
  if (same && *want_signature && strcmp(want_signature, signature) != 0) {
    duet_cli_print(stdout, "CHANGED %s: same classification, but signature %s, recorded %s (%s); update the expectation",
           input_path, signature, want_signature, v->detail);
    tally->changed++;
  } else if (same) {
    duet_cli_print(stdout, "PASS    %s: %s %s %s", input_path, want_class, v->side, v->kind);
    tally->passed++;
  } else if (v->outcome == DUET_OUTCOME_NONE) {
    duet_cli_print(stdout, "FIXED   %s: expected %s (%s, %s), now every side agrees; update or delete the expectation", input_path,
           want_class, text(expect, "side"), text(expect, "kind"));
    tally->fixed++;
  } else {
    duet_cli_print(stdout, "CHANGED %s: expected %s (%s, %s), got %s (%s, %s): %s", input_path, want_class, text(expect, "side"),
           text(expect, "kind"), duet_outcome_name(v->outcome), v->side, v->kind, v->detail);
    tally->changed++;
  }
  duet_repro_release(&r);
  cJSON_Delete(expect);
}

static int is_expectation(const struct dirent *d) {
  size_t n = strlen(d->d_name);
  return n > strlen(expect_suffix) && strcmp(d->d_name + n - strlen(expect_suffix), expect_suffix) == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static void replay_target(const struct duet_target *t, const char *corpora, struct tally *tally) {
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s/%s/regressions", corpora, t->name);
  struct dirent **names;
  int n = scandir(dir, &names, is_expectation, by_name);
  const char *why = n > 0 ? duet_target_unavailable(t) : NULL; /* e.g. coreutils without its GNU build */
  if (why) printf("SKIP %s: %d regression(s) not replayed: %s\n", t->name, n, why), tally->skipped += n;
  for (int i = 0; i < n; i++) {
    if (!why) replay_one(t, dir, names[i]->d_name, tally);
    free(names[i]);
  }
  if (n >= 0) free(names);
}

int duet_cmd_regress(int argc, char **argv) {
  static const struct option options[] = {{"corpora", required_argument, NULL, 'c'}, {"timeout", required_argument, NULL, 't'},
                                          {"help", no_argument, NULL, 'h'}, {0}};
  char corpora[PATH_MAX];
  snprintf(corpora, sizeof corpora, "%s/corpora", duet_build_info.source_dir);
  int c;
  while ((c = getopt_long(argc, argv, "c:t:h", options, NULL)) != -1) {
    if (c == 'c') snprintf(corpora, sizeof corpora, "%s", optarg);
    else if (c == 't') {
      if ((replay_timeout = duet_cli_number("--timeout", optarg, 1, 3600)) < 0) return DUET_EXIT_USAGE;
    }
    else if (c == 'h') {
      printf("usage: duet regress [TARGET...] [--corpora DIR] [--timeout S]\n\n"
             "Replays each regression input under DIR/<target>/regressions (default: the repo's\n"
             "corpora/) and compares class, side, kind and the recorded signature with\n"
             "NAME.expect.json. A replay running longer than S seconds (default %d; more\n"
             "if NAME.expect.json has a larger \"timeout_seconds\") is a timeout. A pair that\n"
             "cannot run in this build (duet list says why) is skipped, and counted as such.\n"
             "Exit status: 0 all pass (FIXED ones are reported), 1 a classification changed,\n"
             "2 bad arguments or a broken expectation.\n", DUET_REPRO_TIMEOUT_SECONDS);
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  struct tally tally = {0};
  if (optind == argc) {
    size_t n;
    const struct duet_target *all = duet_targets(&n);
    for (size_t i = 0; i < n; i++) replay_target(&all[i], corpora, &tally);
  }
  for (int i = optind; i < argc; i++) {
    const struct duet_target *t = duet_cli_target(argv[i]);
    if (!t) return DUET_EXIT_USAGE;
    replay_target(t, corpora, &tally);
  }
  printf("%d passed, %d failed\n", tally.passed, tally.changed + tally.broken);
  if (tally.fixed) printf("%d regression(s) FIXED: their finding is gone\n", tally.fixed);
  if (tally.skipped) printf("%d regression(s) skipped: their pair cannot run in this build\n", tally.skipped);
  if (tally.broken) return DUET_EXIT_USAGE;
  return tally.changed ? 1 : DUET_EXIT_OK;
}

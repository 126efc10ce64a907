/* `duet campaign`: `duet fuzz` (campaign, then triage) over many targets in
   one budget, split fairly; each working corpus minimised with libFuzzer's
   -merge=1; one comparison report; with --ci, SARIF and JUnit for CI and an
   exit status that fails exactly when a finding is not known. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "campaign_run.h"
#include "cli.h"
#include "duet/build_info.h"
#include "duet/claims.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/stop.h"

static int usage(void) {
  printf("usage: duet campaign (TARGET... | --all) --budget DURATION [--jobs N] [--reports DIR]\n"
         "                     [--corpora DIR] [--ci] [--id NAME]\n\n"
         "Runs `duet fuzz` on each TARGET (--all: every real pair, not gt.*) in turn within\n"
         "DURATION of wall time in all (\"90\", \"90s\", \"15m\", \"2h\"), split fairly: each target\n"
         "gets what is left over the targets left, so time one does not use goes to the next.\n"
         "A target that fails does not stop the others. After each, its working corpus\n"
         "(DIR/TARGET/work, --corpora DIR, default the repo's corpora/) is minimised with\n"
         "libFuzzer's -merge=1. Then one comparison\n"
         "report, DIR/NAME/ (default campaign-<UTC time>; see duet report), whose index.html\n"
         "path is printed last. Progress: each target's own lines, and one line per target.\n\n"
         "  --ci   also write findings.sarif (SARIF 2.1.0) and junit.xml into the report\n"
         "         folder, and exit with the status of the most severe finding that is not\n"
         "         known (3 divergence ... 8 oom); known ones never fail the job.\n"
         "Exit status: 0 nothing new (or, without --ci, whatever was found: see the report);\n"
         "3-8 with --ci, a new finding; 70 a target failed; 75 a target's triage was cut\n"
         "short, or its run went past its share and was stopped; 130/143 stopped (each\n"
         "target's run says interrupted); 2 bad arguments.\n");
  return DUET_EXIT_OK;
}

/* "90", "90s", "15m", "2h" as seconds; -1 when not one. */
static long parse_duration(const char *text) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  long unit = *end == '\0' || strcmp(end, "s") == 0 ? 1 : strcmp(end, "m") == 0 ? 60 : strcmp(end, "h") == 0 ? 3600 : 0;
  if (errno || end == text || unit == 0 || v <= 0 || v > 7 * 24 * 3600 / unit) return -1;
  return v * unit;
}

static int parse(int argc, char **argv, struct duet_campaign_plan *plan) {
  static const struct option options[] = {
      {"budget", required_argument, NULL, 'b'}, {"jobs", required_argument, NULL, 'j'},
      {"reports", required_argument, NULL, 'r'}, {"ci", no_argument, NULL, 'c'},
      {"all", no_argument, NULL, 'a'},          {"id", required_argument, NULL, 'i'},
      {"corpora", required_argument, NULL, 'C'}, {"help", no_argument, NULL, 'h'}, {0}};
  bool all = false;
  int c;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (c == 'b' && (plan->budget = parse_duration(optarg)) < 0)
      return duet_cli_usage_error("--budget wants a duration (\"90\", \"90s\", \"15m\", \"2h\"; at most a week), got '%s'", optarg);
    else if (c == 'j' && (plan->jobs = duet_cli_number("--jobs", optarg, 1, 64)) < 0) return DUET_EXIT_USAGE;
    else if (c == 'r') snprintf(plan->reports, sizeof plan->reports, "%s", optarg);
    else if (c == 'C') snprintf(plan->corpora, sizeof plan->corpora, "%s", optarg);
    else if (c == 'c') plan->ci = true;
    else if (c == 'a') all = true;
    else if (c == 'i' && !duet_cli_plain_name(optarg))
      return duet_cli_usage_error("--id wants a plain folder name (letters, digits, '.', '_', '-'), got '%s'", optarg);
    else if (c == 'i') snprintf(plan->id, sizeof plan->id, "%s", optarg);
    else if (c == 'h') return usage() + 1;
    else if (c == '?') return DUET_EXIT_USAGE;
  }
  if (plan->budget <= 0) return duet_cli_usage_error("campaign needs --budget DURATION (see --help)");
  if (all == (optind < argc)) return duet_cli_usage_error("name the targets, or --all, not both and not neither");
  size_t n;
  const struct duet_target *targets = duet_targets(&n);
  for (size_t i = 0; all && i < n; i++) {
    const char *why = duet_target_unavailable(&targets[i]);
    if (why) fprintf(stderr, "duet: campaign: skipping %s: %s\n", targets[i].name, why);
    else if (!duet_target_is_ground_truth(&targets[i])) plan->targets[plan->count++] = &targets[i];
  }
  for (int i = optind; i < argc && plan->count < DUET_CAMPAIGN_MAX; i++) {
    const struct duet_target *t = duet_cli_target(argv[i]);
    if (!t) return DUET_EXIT_USAGE;
    if (duet_target_unavailable(t))
      return duet_cli_usage_error("%s cannot run in this build: %s", t->name, duet_target_unavailable(t));
    plan->targets[plan->count++] = t;
  }
  if (plan->budget / (long)plan->count < DUET_CAMPAIGN_MIN_SHARE)
    return duet_cli_usage_error("a budget of %ld s is too small for %zu target(s): each needs at least %d s",
                                plan->budget, plan->count, DUET_CAMPAIGN_MIN_SHARE);
  return 0;
}

int duet_cmd_campaign(int argc, char **argv) {
  struct duet_campaign_plan plan = {.jobs = 1};
  time_t now = time(NULL);
  snprintf(plan.reports, sizeof plan.reports, "%s", duet_build_info.reports_dir);
  snprintf(plan.corpora, sizeof plan.corpora, "%s/corpora", duet_build_info.source_dir);
  strftime(plan.id, sizeof plan.id, "campaign-%Y%m%dT%H%M%SZ", gmtime(&now));
  int rc = parse(argc, argv, &plan);
  if (rc != 0) return rc == DUET_EXIT_OK + 1 ? DUET_EXIT_OK : rc;
  struct stat st;
  if (stat(plan.reports, &st) != 0 && duet_make_dirs(plan.reports) != 0)
    return duet_cli_usage_error("cannot create the reports folder %s", plan.reports);
  if (duet_make_dirs(plan.corpora) != 0) return duet_cli_usage_error("cannot create the corpora folder %s", plan.corpora);
  /* Absolute: the runs and the merges work from folders of their own. */
  char real[PATH_MAX];
  if (!realpath(plan.reports, real)) return duet_cli_usage_error("cannot resolve %s: %s", plan.reports, strerror(errno));
  snprintf(plan.reports, sizeof plan.reports, "%s", real);
  if (!realpath(plan.corpora, real)) return duet_cli_usage_error("cannot resolve %s: %s", plan.corpora, strerror(errno));
  snprintf(plan.corpora, sizeof plan.corpora, "%s", real);
  duet_fs_confine(plan.reports);
  duet_fs_confine(plan.corpora);
  if ((rc = duet_check_writable_dir(plan.reports)) != 0)
    return duet_cli_usage_error("cannot write to %s: %s", plan.reports, duet_fs_strerror(rc));
  duet_stop_install();
  return duet_campaign_plan_run(&plan);
}

/*
 * `duet fuzz TARGET`: one differential campaign under libFuzzer, then every
 * artifact re-run in isolation and classified, into reports/<run-id>/.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/report.h"

struct fuzz_options {
  long seconds, jobs, minimize_seconds;
  const char *reports_dir;
  const char *corpus_dir; /* the working corpus that receives new inputs */
  char *const *extra;     /* libFuzzer flags after "--" */
};

static int usage(void) {
  printf("usage: duet fuzz TARGET [--time S] [--jobs N] [--reports DIR] [--corpus DIR]\n"
         "                 [--minimize-time S] [-- LIBFUZZER_FLAGS...]\n\n"
         "Runs a differential campaign of TARGET for S seconds (default %d) with N libFuzzer\n"
         "fork-mode jobs (default 1), then re-runs every saved input in isolation and writes\n"
         "DIR/<run-id>/report.json and report.md (DIR defaults to the repo's reports/).\n"
         "The working corpus (default corpora/TARGET/work) keeps new inputs across runs;\n"
         "the build's seeds and corpora/TARGET/regressions are read too.\n"
         "Then triage: each saved input re-run in isolation, deduplicated by signature,\n"
         "re-run %d times for reliability, minimised (--minimize-time S per finding,\n"
         "default %d, 0 to skip) and kept in DIR/findings/TARGET/SIGNATURE/.\n"
         "Exit status: 0 no finding but known ones; else that of the most severe\n"
         "(5 crash, 4 panic, 6 leak, 8 oom, 7 timeout, 3 divergence); 2 bad arguments.\n",
         DUET_DEFAULT_FUZZ_SECONDS, DUET_TRIAGE_RERUNS, DUET_MINIMIZE_SECONDS);
  return DUET_EXIT_OK;
}

static int parse(int argc, char **argv, struct fuzz_options *o) {
  static const struct option options[] = {{"time", required_argument, NULL, 't'}, {"jobs", required_argument, NULL, 'j'},
                                          {"reports", required_argument, NULL, 'r'}, {"corpus", required_argument, NULL, 'c'},
                                          {"minimize-time", required_argument, NULL, 'm'},
                                          {"help", no_argument, NULL, 'h'}, {0}};
  int c;
  while ((c = getopt_long(argc, argv, "t:j:r:c:m:h", options, NULL)) != -1) {
    switch (c) {
    case 't': if ((o->seconds = duet_cli_number("--time", optarg, 1, 7 * 24 * 3600)) < 0) return -1; break;
    case 'j': if ((o->jobs = duet_cli_number("--jobs", optarg, 1, 256)) < 0) return -1; break;
    case 'r': o->reports_dir = optarg; break;
    case 'c': o->corpus_dir = optarg; break;
    case 'm': if ((o->minimize_seconds = duet_cli_number("--minimize-time", optarg, 0, 3600)) < 0) return -1; break;
    case 'h': return 1;
    default: return -1;
    }
  }
  if (optind >= argc) return duet_cli_usage_error("fuzz wants a TARGET (see duet list)"), -1;
  o->extra = argv + optind + 1;
  for (char *const *f = o->extra; *f; f++)
    if ((*f)[0] != '-' || strcmp(*f, "--") == 0)
      return duet_cli_usage_error("unexpected argument '%s' (libFuzzer flags go after --, as -name=value)", *f), -1;
  return 0;
}

static int join(char *out, size_t cap, const char *a, const char *b) {
  return snprintf(out, cap, "%s/%s", a, b) < (int)cap ? 0 : -1;
}

static void make_run_id(char *out, size_t cap, const char *target, time_t now) {
  char stamp[32];
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  snprintf(out, cap, "%s-%s-%ld", target, stamp, (long)getpid());
}

/* Seeds from the build and committed regressions join the working corpus,
   when present. */
static size_t corpus_dirs(const char *work, const char *target, char dirs[3][PATH_MAX], const char *out[4]) {
  size_t n = 0;
  snprintf(dirs[0], PATH_MAX, "%s", work);
  out[n++] = dirs[0];
  snprintf(dirs[1], PATH_MAX, "%s/seeds/%s", duet_build_info.binary_dir, target);
  snprintf(dirs[2], PATH_MAX, "%s/corpora/%s/regressions", duet_build_info.source_dir, target);
  for (int i = 1; i < 3; i++) {
    struct stat st;
    if (stat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode)) out[n++] = dirs[i];
  }
  out[n] = NULL;
  return n;
}

int duet_cmd_fuzz(int argc, char **argv) {
  struct fuzz_options o = {.seconds = DUET_DEFAULT_FUZZ_SECONDS, .jobs = 1, .minimize_seconds = DUET_MINIMIZE_SECONDS};
  int p = parse(argc, argv, &o);
  if (p != 0) return p > 0 ? usage() : DUET_EXIT_USAGE;
  const struct duet_target *target = duet_cli_target(argv[optind]);
  if (!target) return DUET_EXIT_USAGE;

  const char *exe = duet_self_exe();
  char exe_dir[PATH_MAX], fuzzer[PATH_MAX], dict[PATH_MAX], reports[PATH_MAX], work[PATH_MAX];
  snprintf(exe_dir, sizeof exe_dir, "%s", exe ? exe : ".");
  char *slash = strrchr(exe_dir, '/');
  if (slash) *slash = '\0';
  snprintf(fuzzer, sizeof fuzzer, "%s/duet-fuzz-%s", exe_dir, target->name);
  if (access(fuzzer, X_OK) != 0)
    return duet_cli_usage_error("no fuzzer for %s at %s: build with the fuzz preset", target->name, fuzzer);
  snprintf(dict, sizeof dict, "%s/dicts/%s.dict", duet_build_info.binary_dir, target->name);
  snprintf(reports, sizeof reports, "%s", o.reports_dir ? o.reports_dir : "");
  if (!o.reports_dir) snprintf(reports, sizeof reports, "%s/reports", duet_build_info.source_dir);
  if (o.corpus_dir) snprintf(work, sizeof work, "%s", o.corpus_dir);
  else snprintf(work, sizeof work, "%s/corpora/%s/work", duet_build_info.source_dir, target->name);

  int rc = duet_check_writable_dir(reports);
  if (rc != 0) return duet_cli_usage_error("cannot write reports to %s: %s", reports, strerror(-rc));
  if ((rc = duet_make_dirs(work)) != 0) return duet_cli_usage_error("cannot use corpus folder %s: %s", work, strerror(-rc));

  struct duet_report report = {.target = target, .status = "running", .started = time(NULL),
                               .budget_seconds = (unsigned)o.seconds, .jobs = (unsigned)o.jobs, .fuzzer_exit = -1};
  make_run_id(report.run_id, sizeof report.run_id, target->name, report.started);
  char run_dir[PATH_MAX], artifact_dir[PATH_MAX], log_path[PATH_MAX];
  if (join(run_dir, sizeof run_dir, reports, report.run_id) || join(artifact_dir, sizeof artifact_dir, run_dir, "artifacts") ||
      join(log_path, sizeof log_path, run_dir, "fuzz.log"))
    return duet_cli_usage_error("reports path too long: %s", reports);
  if ((rc = duet_make_dirs(artifact_dir)) != 0) return duet_cli_usage_error("cannot create %s: %s", artifact_dir, strerror(-rc));

  char dir_storage[3][PATH_MAX];
  const char *dirs[4];
  corpus_dirs(work, target->name, dir_storage, dirs);
  struct duet_campaign_spec spec = {.fuzzer = fuzzer, .seconds = (unsigned)o.seconds, .jobs = (unsigned)o.jobs,
                                    .artifact_dir = artifact_dir, .dict = access(dict, R_OK) == 0 ? dict : NULL,
                                    .corpus_dirs = dirs, .extra = o.extra, .log_path = log_path};
  char **fuzzer_argv = duet_campaign_argv(&spec);
  report.fuzzer_argv = fuzzer_argv;
  if (duet_report_write(&report, run_dir) != 0) fprintf(stderr, "duet: warning: cannot write the initial report in %s\n", run_dir);
  fprintf(stderr, "duet: fuzzing %s for %lds with %ld job(s); report in %s\n", target->name, o.seconds, o.jobs, run_dir);

  bool interrupted;
  report.fuzzer_exit = duet_campaign_run(&spec, &interrupted);
  char *log = NULL;
  size_t log_size;
  if (duet_read_file(log_path, (size_t)64 << 20, (uint8_t **)&log, &log_size) == 0) {
    log[log_size] = '\0';
    duet_fuzz_stats_parse(log, &report.stats);
  }
  free(log);
  report.status = report.fuzzer_exit < 0 || !report.stats.seen ? "failed" : interrupted ? "interrupted" : "complete";
  /* The campaign is over: a report without triage is written first, so a
     kill during triage still leaves the campaign's numbers. */
  report.ended = time(NULL);
  report.triage_error = "triage did not finish";
  duet_report_write(&report, run_dir);

  struct duet_triage triage;
  int status = duet_cli_triage_dir(target, artifact_dir, reports, report.run_id, (unsigned)o.minimize_seconds, &triage);
  report.triage = &triage;
  report.triage_error = status == 0 ? NULL : "the findings store could not be written";
  rc = duet_report_write(&report, run_dir);
  status = duet_triage_worst_exit(&triage);
  if (strcmp(report.status, "failed") == 0) {
    fprintf(stderr, "duet: libFuzzer did not run properly (exit %d); see %s\n", report.fuzzer_exit, log_path);
    status = DUET_EXIT_INTERNAL;
  }
  duet_triage_release(&triage);
  duet_argv_free(fuzzer_argv);
  if (rc != 0) {
    fprintf(stderr, "duet: cannot write the report in %s: %s\n", run_dir, strerror(-rc));
    return DUET_EXIT_INTERNAL;
  }
  printf("%s/report.json\n", run_dir);
  return status;
}

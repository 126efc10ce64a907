/*
 * `duet fuzz TARGET`: one differential campaign under libFuzzer, then every
 * saved input re-run in isolation and classified, into reports/<run-id>/,
 * all within --time (wall clock), showing progress, and stopping within
 * seconds when told.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/report.h"
#include "duet/stop.h"
#include "progress.h"

struct fuzz_options {
  long seconds, triage_seconds, jobs, minimize_seconds, progress_seconds;
  const char *reports_dir;
  const char *corpus_dir; /* the working corpus that receives new inputs */
  char *const *extra;     /* libFuzzer flags after "--" */
};

static int usage(void) {
  printf("usage: duet fuzz TARGET [--time S] [--triage-time S] [--jobs N] [--reports DIR]\n"
         "                 [--corpus DIR] [--minimize-time S] [--progress-interval S]\n"
         "                 [-- LIBFUZZER_FLAGS...]\n\n"
         "Runs a differential campaign of TARGET, then triage, within S seconds of wall time\n"
         "(default %d): triage gets --triage-time S (default %d %% of --time), fuzzing the rest.\n"
         "N libFuzzer fork-mode jobs (default 1). Writes DIR/<run-id>/report.json and report.md\n"
         "(DIR defaults to the repo's reports/). The working corpus (default corpora/TARGET/work)\n"
         "keeps new inputs across runs; the build's seeds and corpora/TARGET/regressions are read too.\n"
         "Findings already known (known-divergences.json, committed regressions) or already saved\n"
         "do not stop the fuzzer. Triage: each saved input re-run in isolation, deduplicated by\n"
         "signature, re-run %d times, minimised (--minimize-time S per finding, default %d, 0 to\n"
         "skip) and kept in DIR/findings/TARGET/SIGNATURE/.\n"
         "Progress on stderr: a live line on a terminal, else a line every --progress-interval S\n"
         "(default 30). SIGINT/SIGTERM stop it within seconds; `duet triage RUN` finishes the triage.\n"
         "Exit status: 0 no finding but known ones; else that of the most severe new one\n"
         "(5 crash, 4 panic, 6 leak, 8 oom, 7 timeout, 3 divergence); 75 triage cut short by the\n"
         "budget with nothing new; 130/143 stopped by SIGINT/SIGTERM; 70 the campaign failed;\n"
         "2 bad arguments.\n",
         DUET_DEFAULT_FUZZ_SECONDS, DUET_TRIAGE_SHARE_PERCENT, DUET_TRIAGE_RERUNS, DUET_MINIMIZE_SECONDS);
  return DUET_EXIT_OK;
}

static int parse(int argc, char **argv, struct fuzz_options *o) {
  static const struct option options[] = {
      {"time", required_argument, NULL, 't'},          {"jobs", required_argument, NULL, 'j'},
      {"reports", required_argument, NULL, 'r'},       {"corpus", required_argument, NULL, 'c'},
      {"minimize-time", required_argument, NULL, 'm'}, {"triage-time", required_argument, NULL, 'T'},
      {"progress-interval", required_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'}, {0}};
  int c;
  while ((c = getopt_long(argc, argv, "t:j:r:c:m:T:p:h", options, NULL)) != -1) {
    long *slot = NULL, min = 1, max = 7 * 24 * 3600;
    const char *flag = NULL;
    switch (c) {
    case 't': slot = &o->seconds, flag = "--time"; break;
    case 'j': slot = &o->jobs, flag = "--jobs", max = 256; break;
    case 'm': slot = &o->minimize_seconds, flag = "--minimize-time", min = 0, max = 3600; break;
    case 'T': slot = &o->triage_seconds, flag = "--triage-time", min = 0; break;
    case 'p': slot = &o->progress_seconds, flag = "--progress-interval", max = 3600; break;
    case 'r': o->reports_dir = optarg; break;
    case 'c': o->corpus_dir = optarg; break;
    case 'h': return 1;
    default: return -1;
    }
    if (slot && (*slot = duet_cli_number(flag, optarg, min, max)) < 0) return -1;
  }
  if (optind >= argc) return duet_cli_usage_error("fuzz wants a TARGET (see duet list)"), -1;
  if (o->triage_seconds >= o->seconds)
    return duet_cli_usage_error("--triage-time (%ld) must be less than --time (%ld)", o->triage_seconds, o->seconds), -1;
  o->extra = argv + optind + 1;
  for (char *const *f = o->extra; *f; f++) {
    const char *problem = duet_campaign_flag_problem(*f);
    if (problem) return duet_cli_usage_error("libFuzzer flag '%s' refused: %s", *f, problem), -1;
  }
  return 0;
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
static void corpus_dirs(const char *work, const char *target, char dirs[3][PATH_MAX], const char *out[4]) {
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
}

/* Everything one run needs to know about where it is. */
struct run_paths {
  char fuzzer[PATH_MAX], dict[PATH_MAX], reports[PATH_MAX], work[PATH_MAX], run[PATH_MAX], tmp[PATH_MAX];
  char corpus_storage[3][PATH_MAX];
  const char *corpus[4];
};

/* The pid holding a flock on the inode of `dir` (from /proc/locks), or 0. */
static long lock_holder(const char *dir) {
  struct stat st;
  FILE *f = stat(dir, &st) == 0 ? fopen("/proc/locks", "re") : NULL;
  char line[256];
  long pid = 0;
  while (f && !pid && fgets(line, sizeof line, f)) {
    long p;
    unsigned major, minor;
    unsigned long inode;
    if (sscanf(line, "%*d: FLOCK %*s %*s %ld %x:%x:%lu", &p, &major, &minor, &inode) == 4 && inode == st.st_ino) pid = p;
  }
  if (f) fclose(f);
  return pid;
}

/* One campaign per working corpus: an exclusive flock on its folder, held
   (close-on-exec) until duet ends, so a killed run leaves no stale lock. */
static int lock_corpus(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return duet_cli_usage_error("cannot open corpus folder %s: %s", dir, strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) == 0) return 0; /* fd stays open: the lock lives as long as duet */
  long holder = lock_holder(dir);
  close(fd);
  if (holder > 0)
    return duet_cli_usage_error("corpus folder %s is in use by another campaign (duet pid %ld); wait for it, or give "
                                "this one its own --corpus", dir, holder);
  return duet_cli_usage_error("corpus folder %s is in use by another campaign; wait for it, or give this one its own "
                              "--corpus", dir);
}

/* Room for the final report, taken at the start (DUET_WRITE_PROBE_BYTES in
   RUN/.reserve) and given back just before it is written: a disk that fills
   up during the run still gets the report that says so. */
static int reserve_room(const char *run, bool give_back) {
  char path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/.reserve", run);
  if (give_back) return unlink(path) == 0 ? 0 : -errno;
  void *block = calloc(1, DUET_WRITE_PROBE_BYTES);
  int rc = block ? duet_write_atomic(path, block, DUET_WRITE_PROBE_BYTES) : -ENOMEM;
  free(block);
  return rc;
}

/* Absolute paths (the fuzzer runs from the run folder), checked before
   anything starts. Returns 0 or an exit status. */
static int resolve(const struct fuzz_options *o, const struct duet_target *t, const char *run_id, struct run_paths *p) {
  const char *exe = duet_self_exe();
  snprintf(p->fuzzer, PATH_MAX, "%s", exe ? exe : ".");
  char *slash = strrchr(p->fuzzer, '/');
  snprintf(slash ? slash + 1 : p->fuzzer, PATH_MAX - (size_t)(slash ? slash + 1 - p->fuzzer : 0), "duet-fuzz-%s", t->name);
  if (access(p->fuzzer, X_OK) != 0)
    return duet_cli_usage_error("no fuzzer for %s at %s: build with the fuzz preset", t->name, p->fuzzer);
  snprintf(p->dict, PATH_MAX, "%s/dicts/%s.dict", duet_build_info.binary_dir, t->name);
  char given[PATH_MAX];
  snprintf(given, sizeof given, "%s", o->reports_dir ? o->reports_dir : "");
  if (!o->reports_dir) snprintf(given, sizeof given, "%s", duet_build_info.reports_dir);
  int rc = duet_check_writable_dir(given);
  if (rc != 0 || !realpath(given, p->reports))
    return duet_cli_usage_error("cannot write reports to %s: %s", given, duet_fs_strerror(rc ? rc : -errno));
  duet_fs_confine(p->reports);
  if (o->corpus_dir) snprintf(given, sizeof given, "%s", o->corpus_dir);
  else snprintf(given, sizeof given, "%s/corpora/%s/work", duet_build_info.source_dir, t->name);
  if (o->corpus_dir) duet_fs_confine(given);
  if ((rc = duet_make_dirs(given)) != 0 || !realpath(given, p->work))
    return duet_cli_usage_error("cannot use corpus folder %s: %s", given, duet_fs_strerror(rc ? rc : -errno));
  if ((rc = lock_corpus(p->work)) != 0) return rc;
  if (snprintf(p->run, PATH_MAX, "%s/%s", p->reports, run_id) >= PATH_MAX - 64 ||
      snprintf(p->tmp, PATH_MAX, "%s/tmp", p->run) >= PATH_MAX)
    return duet_cli_usage_error("reports path too long: %s", p->reports);
  char store[PATH_MAX + 64]; /* checked before the run folder exists: a refusal leaves nothing */
  snprintf(store, sizeof store, "%s/findings/%s", p->reports, t->name);
  if ((rc = duet_make_dirs(store)) != 0)
    return duet_cli_usage_error("cannot use the findings store %s: %s", store, duet_fs_strerror(rc));
  if ((rc = duet_make_dirs(p->tmp)) != 0) return duet_cli_usage_error("cannot create %s: %s", p->run, duet_fs_strerror(rc));
  if ((rc = reserve_room(p->run, false)) != 0)
    return duet_cli_usage_error("no room for a run in %s: %s", p->reports, duet_fs_strerror(rc));
  corpus_dirs(p->work, t->name, p->corpus_storage, p->corpus);
  return 0;
}

struct run {
  struct duet_report report;
  struct run_paths paths;
  struct duet_progress progress;
  struct duet_triage triage;
  int fuzz_rc; /* duet_campaign_run's result */
};

/* Less room left than one write check (duet/fileio.h): libFuzzer cannot
   have kept what it found since, and says so only in its log, if at all. */
static bool disk_full(const char *run, char *reason, size_t cap) {
  long long left = duet_free_bytes(run);
  if (left < 0 || left >= (long long)DUET_WRITE_PROBE_BYTES / 4) return false;
  snprintf(reason, cap, "the disk holding the run folder filled up (%lld KiB left): inputs found after that may be lost; "
           "everything saved before is intact", left / 1024);
  return true;
}

/* How the fuzzing phase ended: "finished", "interrupted" or "failed" (with
   the reason: no start, no execution, or libFuzzer's own error). */
static void judge_fuzzing(struct run *r) {
  struct duet_report *rep = &r->report;
  char log[PATH_MAX + 16], first_error[256];
  snprintf(log, sizeof log, "%s/fuzz.log", r->paths.run);
  duet_fuzz_stats_read(log, &rep->stats);
  rep->fuzzer_exit = r->fuzz_rc;
  rep->fuzzing = "finished";
  if (r->fuzz_rc < 0) {
    snprintf(rep->status_reason, sizeof rep->status_reason, "libFuzzer could not be started: %s", strerror(-r->fuzz_rc));
    rep->fuzzing = "failed";
  } else if (disk_full(r->paths.run, rep->status_reason, sizeof rep->status_reason)) {
    rep->fuzzing = "failed";
  } else if (duet_stop_signal()) {
    rep->fuzzing = "interrupted";
  } else if (!rep->stats.seen || rep->stats.executions == 0) {
    duet_fuzz_log_error(log, first_error, sizeof first_error); /* the whole log: only for a failure */
    snprintf(rep->status_reason, sizeof rep->status_reason, "0 executions (libFuzzer exit status %d%s%s)", r->fuzz_rc,
             first_error[0] ? "; " : "", first_error);
    rep->fuzzing = "failed";
  }
  /* Any other exit status is recorded, not judged: fork mode exits 1 once a
     job has died, even with -ignore_crashes. */
}

int duet_cli_run_status(struct duet_report *rep, const struct duet_triage *t, int triage_rc) {
  struct duet_triage_counts c = duet_triage_count(t);
  int sig = duet_stop_signal(), worst = duet_triage_worst_exit(t);
  size_t done = t->input_count - c.untriaged;
  if (strcmp(rep->fuzzing, "failed") == 0) {
    rep->status = "failed";
    return DUET_EXIT_INTERNAL;
  }
  /* A stop that reached a child of the triage (evidence, a re-run) comes
     back as -EINTR: the run was cut short, nothing failed. */
  bool cut = triage_rc == -EINTR && duet_stop_now();
  if (triage_rc != 0 && !cut) {
    rep->status = "failed";
    snprintf(rep->status_reason, sizeof rep->status_reason, "the findings store could not be written: %s",
             duet_fs_strerror(triage_rc));
    return DUET_EXIT_INTERNAL;
  }
  bool fuzzing_stopped = strcmp(rep->fuzzing, "interrupted") == 0;
  if (sig || fuzzing_stopped) {
    rep->status = "interrupted";
    char how[64];
    if (sig) snprintf(how, sizeof how, "stopped by %s during %s", sig == SIGINT ? "SIGINT" : "SIGTERM",
                      fuzzing_stopped ? "fuzzing" : "triage");
    else snprintf(how, sizeof how, "fuzzing was cut short (stopped or killed before its budget)");
    snprintf(rep->status_reason, sizeof rep->status_reason, "%s; %zu of %zu saved input(s) triaged%s", how, done,
             t->input_count, c.untriaged ? ": `duet triage` on the run folder finishes the rest" : "");
    return sig ? 128 + sig : worst ? worst : DUET_EXIT_PARTIAL;
  }
  if (t->stopped || cut) {
    size_t short_runs = 0; /* findings not re-run as often as triage re-runs them */
    for (size_t i = 0; i < t->finding_count; i++) short_runs += t->findings[i].reruns < DUET_TRIAGE_RERUNS;
    rep->status = "partial";
    snprintf(rep->status_reason, sizeof rep->status_reason,
             "the time budget ran out during triage: %zu of %zu saved input(s) classified, %zu of %zu finding(s) not "
             "re-run %d times, minimisation or evidence may be missing; `duet triage` on the run folder finishes it",
             done, t->input_count,
             short_runs, t->finding_count, DUET_TRIAGE_RERUNS);
    return worst ? worst : DUET_EXIT_PARTIAL;
  }
  rep->status = "complete";
  rep->status_reason[0] = '\0';
  return worst;
}

static int triage_phase(struct run *r, const struct fuzz_options *o) {
  char artifacts[PATH_MAX + 16];
  snprintf(artifacts, sizeof artifacts, "%s/artifacts", r->paths.run);
  r->report.triage_phase = "running";
  struct duet_cli_triage_hooks hooks = {.progress = duet_progress_triage, .ctx = &r->progress};
  int rc = duet_cli_triage_dir(r->report.target, artifacts, r->paths.reports, r->report.run_id,
                               (unsigned)o->minimize_seconds, &hooks, &r->triage);
  if (rc == -ENOENT) rc = 0; /* no artifacts folder: nothing was saved */
  r->report.triage = &r->triage;
  r->report.triage_phase = r->triage.stopped || (rc == -EINTR && duet_stop_now()) ? "stopped" : "finished";
  return rc;
}

static void say_end(struct run *r, int status) {
  struct duet_progress *p = &r->progress;
  duet_progress_end(p);
  duet_progress_say(p, "%s: %s%s%s (exit %d); report in %s", r->report.target->name, r->report.status,
                    r->report.status_reason[0] ? ": " : "", r->report.status_reason, status, r->paths.run);
  duet_cli_print_triage(stderr, &r->triage);
}

int duet_cmd_fuzz(int argc, char **argv) {
  struct fuzz_options o = {.seconds = DUET_DEFAULT_FUZZ_SECONDS, .triage_seconds = -1, .jobs = 1,
                           .minimize_seconds = DUET_MINIMIZE_SECONDS, .progress_seconds = 30};
  int p = parse(argc, argv, &o);
  if (p != 0) return p > 0 ? usage() : DUET_EXIT_USAGE;
  const struct duet_target *target = duet_cli_target(argv[optind]);
  if (!target) return DUET_EXIT_USAGE;
  if (duet_target_unavailable(target))
    return duet_cli_usage_error("%s cannot run in this build: %s", target->name, duet_target_unavailable(target));
  if (o.triage_seconds < 0) o.triage_seconds = o.seconds * DUET_TRIAGE_SHARE_PERCENT / 100;

  static struct run r;
  r.report = (struct duet_report){.target = target, .status = "running", .fuzzing = "running", .started = time(NULL),
                                  .budget_seconds = (unsigned)o.seconds, .jobs = (unsigned)o.jobs, .fuzzer_exit = -1,
                                  .fuzz_seconds = (unsigned)(o.seconds - o.triage_seconds),
                                  .triage_seconds = (unsigned)o.triage_seconds};
  make_run_id(r.report.run_id, sizeof r.report.run_id, target->name, r.report.started);
  int status = resolve(&o, target, r.report.run_id, &r.paths);
  if (status != 0) return status;
  duet_stop_install();
  /* The whole job, fuzzing and triage, ends by this deadline: a slow start of
     the fuzzer eats into triage, never past the budget. */
  duet_stop_set_deadline(duet_now() + (double)o.seconds);
  setenv("TMPDIR", r.paths.tmp, 1); /* duet's own temporary files stay in the run folder */

  struct duet_campaign_spec spec = {.fuzzer = r.paths.fuzzer, .seconds = r.report.fuzz_seconds, .jobs = (unsigned)o.jobs,
                                    .timeout_seconds = DUET_REPRO_TIMEOUT_SECONDS, .run_dir = r.paths.run,
                                    .dict = access(r.paths.dict, R_OK) == 0 ? r.paths.dict : NULL,
                                    .corpus_dirs = r.paths.corpus, .extra = o.extra,
                                    .tick = duet_progress_fuzz_tick, .tick_ctx = &r.progress};
  char **fuzzer_argv = duet_campaign_argv(&spec);
  r.report.fuzzer_argv = fuzzer_argv;
  if (duet_report_write(&r.report, r.paths.run) != 0)
    duet_cli_print(stderr, "duet: warning: cannot write the initial report in %s", r.paths.run);
  duet_progress_init(&r.progress, r.paths.run, r.report.budget_seconds, (unsigned)o.progress_seconds);
  duet_progress_say(&r.progress, "fuzzing %s for %us, then triage for up to %us, %ld job(s); report in %s", target->name,
                    r.report.fuzz_seconds, r.report.triage_seconds, o.jobs, r.paths.run);

  r.fuzz_rc = duet_campaign_run(&spec);
  judge_fuzzing(&r);
  /* The campaign is over: a report without triage is written first, so a
     kill during triage still leaves the campaign's numbers. */
  r.report.ended = time(NULL);
  r.report.triage_phase = "not started";
  duet_report_write(&r.report, r.paths.run);

  int triage_rc = triage_phase(&r, &o);
  status = duet_cli_run_status(&r.report, &r.triage, triage_rc);
  r.report.ended = time(NULL);
  reserve_room(r.paths.run, true);
  int rc = duet_report_write(&r.report, r.paths.run);
  say_end(&r, status);
  duet_triage_release(&r.triage);
  duet_argv_free(fuzzer_argv);
  duet_remove_tree(r.paths.tmp);
  if (rc != 0) {
    duet_cli_usage_error("cannot write the report in %s: %s", r.paths.run, duet_fs_strerror(rc));
    return DUET_EXIT_INTERNAL;
  }
  printf("%s/report.json\n", r.paths.run);
  return status;
}

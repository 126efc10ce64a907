/*
 * `duet triage RUN|FILE... [--target T]`: classifies, deduplicates, re-runs,
 * minimises and stores findings on demand (`duet fuzz` does the same after
 * every campaign, through duet_cli_triage_dir).
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/campaign.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/report.h"
#include "duet/stop.h"

/* Per-process timeout of triage re-runs; `duet triage --timeout` changes it. */
static unsigned triage_timeout = DUET_REPRO_TIMEOUT_SECONDS;
/* Where committed regressions are (their signatures make findings known);
   NULL: the repo's corpora/. `duet triage --corpora` changes it. */
static const char *triage_corpora;

/* The paths a triage's options point to. */
struct triage_paths {
  char fuzzer[PATH_MAX], findings[PATH_MAX], known[PATH_MAX], regressions[PATH_MAX];
};

static void options_for(const struct duet_target *t, const char *reports, const char *run_id, unsigned minimize_seconds,
                        struct duet_triage_options *o, struct triage_paths *p) {
  const char *exe = duet_self_exe();
  snprintf(p->fuzzer, PATH_MAX, "%s", exe ? exe : "duet");
  char *slash = strrchr(p->fuzzer, '/');
  if (slash) snprintf(slash + 1, (size_t)(PATH_MAX - (slash + 1 - p->fuzzer)), "duet-fuzz-%s", t->name);
  snprintf(p->findings, PATH_MAX, "%s/findings", reports);
  snprintf(p->known, PATH_MAX, "%s/targets/%s/known-divergences.json", duet_build_info.source_dir, t->name);
  /* As the driver: DUET_REGRESSIONS_DIR names another folder, or is empty (none is known). */
  const char *env = getenv("DUET_REGRESSIONS_DIR");
  if (triage_corpora) snprintf(p->regressions, PATH_MAX, "%s/%s/regressions", triage_corpora, t->name);
  else if (env) snprintf(p->regressions, PATH_MAX, "%s", env);
  else snprintf(p->regressions, PATH_MAX, "%s/corpora/%s/regressions", duet_build_info.source_dir, t->name);
  *o = (struct duet_triage_options){.exe = exe, .fuzzer = access(p->fuzzer, X_OK) == 0 ? p->fuzzer : NULL,
                                    .findings_dir = p->findings, .known_path = p->known,
                                    .regressions_dir = p->regressions[0] ? p->regressions : NULL,
                                    .timeout_seconds = triage_timeout,
                                    .minimize_seconds = minimize_seconds, .run_id = run_id};
}

static int triage_paths(const struct duet_target *t, char *const paths[], size_t count, const char *reports,
                        const char *run_id, const char *run_dir, unsigned minimize_seconds,
                        const struct duet_cli_triage_hooks *hooks, struct duet_triage *triage) {
  struct duet_triage_options o;
  struct triage_paths p;
  options_for(t, reports, run_id, minimize_seconds, &o, &p);
  o.run_dir = run_dir;
  if (hooks) {
    o.progress = hooks->progress;
    o.progress_ctx = hooks->ctx;
    o.previous = hooks->previous;
  }
  return duet_triage_files(t, paths, count, &o, triage);
}

int duet_cli_triage_dir(const struct duet_target *t, const char *dir, const char *reports, const char *run_id,
                        unsigned minimize_seconds, const struct duet_cli_triage_hooks *hooks, struct duet_triage *triage) {
  char **paths;
  long n = duet_list_files(dir, &paths);
  if (n < 0) {
    memset(triage, 0, sizeof *triage);
    triage->target = t;
    return (int)n;
  }
  char run[PATH_MAX];
  snprintf(run, sizeof run, "%s", dir);
  char *slash = strrchr(run, '/'); /* a run's artifacts are RUN/artifacts */
  if (slash) *slash = '\0';
  int rc = triage_paths(t, paths, (size_t)n, reports, run_id, run_id && slash ? run : NULL, minimize_seconds, hooks,
                        triage);
  duet_paths_free(paths);
  return rc;
}

/* The target named by the report.json of the run folder `run`, or NULL. */
static const struct duet_target *run_target(const char *run) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/report.json", run);
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, 64 << 20, &data, &size) != 0) return NULL;
  data[size] = '\0';
  cJSON *report = cJSON_Parse((char *)data);
  free(data);
  const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(report, "target"));
  const struct duet_target *t = name ? duet_target_find(name) : NULL;
  cJSON_Delete(report);
  return t;
}

/* An artifact inside reports/<run>/artifacts/ belongs to that run's target. */
static const struct duet_target *artifact_target(const char *file) {
  char copy[PATH_MAX];
  snprintf(copy, sizeof copy, "%s", file);
  char *artifacts = dirname(copy);
  if (strcmp(basename(artifacts), "artifacts") != 0) return NULL;
  return run_target(dirname(artifacts));
}

void duet_cli_print_triage(FILE *out, const struct duet_triage *t) {
  size_t listed = 0;
  for (size_t i = 0; i < t->input_count; i++)
    if (!t->inputs[i].capped && t->inputs[i].error[0] && listed++ < 20)
      duet_cli_print(out, "%s %s: %s", t->inputs[i].stopped ? "untriaged" : "skipped", t->inputs[i].path, t->inputs[i].error);
  if (listed > 20) duet_cli_print(out, "... and %zu more (listed in the JSON)", listed - 20);
  struct duet_triage_counts c = duet_triage_count(t);
  if (c.untriaged) duet_cli_print(out, "%zu input(s) not triaged: the run was stopped first", c.untriaged);
  if (c.resumed) duet_cli_print(out, "%zu input(s) classified by an earlier triage of this run", c.resumed);
  if (c.quick_only)
    duet_cli_print(out, "%zu input(s) sorted by the quick pass only (the signature of %d inputs re-run in isolation)", c.quick_only,
           DUET_TRIAGE_REPLAYS_PER_SIGNATURE);
  if (c.recalled)
    duet_cli_print(out, "%zu input(s) sorted by the quick pass into findings stored whole before (not re-run, minimised "
                        "or collected again)", c.recalled);
  if (c.capped) duet_cli_print(out, "%zu input(s) not re-run (over the triage limits; listed in the JSON)", c.capped);
  duet_cli_print(out, "%s: %zu input(s), %zu distinct finding(s)", t->target->name, t->input_count, t->finding_count);
  for (size_t i = 0; i < t->finding_count; i++) {
    const struct duet_finding *f = &t->findings[i];
    duet_cli_print(out, "  %s %-11s %-10s side %-8s %s: %s", f->signature, f->status, duet_outcome_name(f->verdict.outcome),
           f->verdict.side, f->verdict.kind, f->verdict.detail);
    duet_cli_print(out, "      %zu input(s), reproduced %u/%u%s, minimized %zu -> %zu bytes (%s), stored in %s", f->inputs,
           f->reproduced, f->reruns, f->reliable ? "" : " UNRELIABLE", f->input_size, f->minimized_size, f->minimizer,
           f->store_dir);
    for (int k = 0; k < f->verdict.frame_count; k++) duet_cli_print(out, "      frame %d: %s", k, f->verdict.frames[k]);
    /* previews are terminal-safe already (duet/evidence.h) */
    if (f->evidence.preview[0]) fprintf(out, "      input: %s\n", f->evidence.preview);
    if (f->evidence.difference[0]) fprintf(out, "      outputs differ %s\n", f->evidence.difference);
    if (f->known_why[0]) duet_cli_print(out, "      known: %s", f->known_why);
  }
  if (t->symbolizer_missing) duet_cli_print(out, "note: llvm-symbolizer not found: frames are unsymbolized (module+offset)");
}

struct triage_args {
  const char *target, *reports, *corpora, *import;
  long minimize_seconds, timeout;
  bool json;
};

static int usage(void) {
  printf("usage: duet triage RUN|FILE... [--target T] [--reports DIR] [--minimize-time S]\n"
         "                                 [--timeout S] [--corpora DIR] [--json]\n"
         "       duet triage --import DIR [--target T] [same options]\n\n"
         "Re-runs each input in isolation (every side alone, then together), classifies it,\n"
         "deduplicates by signature, re-runs each finding %d times (unreliable if it does not\n"
         "always reproduce), minimises it and stores it in DIR/findings/TARGET/SIGNATURE/\n"
         "(DIR defaults to the repo's reports/). A RUN folder (reports/<run-id>) brings its\n"
         "target and artifacts; FILEs outside a run need --target. Writes RUN/triage.json.\n"
         "--timeout S: seconds a re-run may take before it is a timeout (default %d).\n"
         "--corpora DIR: a finding is known when DIR/TARGET/regressions (default: the\n"
         "repo's corpora/) holds an input whose expect.json records its signature.\n"
         "--import DIR: what a fuzzer left elsewhere (ClusterFuzzLite, OSS-Fuzz, another\n"
         "machine): crash-*, leak-*, timeout-*, oom-* and clusterfuzz-testcase-* files are\n"
         "copied into a new run folder, REPORTS/import-TARGET-<time>-<pid>/artifacts, and\n"
         "triaged as above; every other file is a corpus input, merged into\n"
         "CORPORA/TARGET/work with libFuzzer's -merge=1. The target is --target T, else the\n"
         "nearest folder (or OSS-Fuzz test case) named duet-fuzz-T or T. DIR is only read.\n"
         "Exit status: 2 when an input could not be triaged (the others still are), else\n"
         "that of the most severe new or seen finding, as for duet fuzz.\n",
         DUET_TRIAGE_RERUNS, DUET_REPRO_TIMEOUT_SECONDS);
  return DUET_EXIT_OK;
}

static int parse(int argc, char **argv, struct triage_args *a) {
  static const struct option options[] = {{"target", required_argument, NULL, 't'}, {"reports", required_argument, NULL, 'r'},
                                          {"minimize-time", required_argument, NULL, 'm'}, {"json", no_argument, NULL, 'j'},
                                          {"timeout", required_argument, NULL, 'T'}, {"corpora", required_argument, NULL, 'c'},
                                          {"import", required_argument, NULL, 'i'},
                                          {"help", no_argument, NULL, 'h'}, {0}};
  int c;
  while ((c = getopt_long(argc, argv, "t:r:m:jT:c:i:h", options, NULL)) != -1) {
    switch (c) {
    case 'i': a->import = optarg; break;
    case 'c': a->corpora = optarg; break;
    case 't': a->target = optarg; break;
    case 'r': a->reports = optarg; break;
    case 'm': if ((a->minimize_seconds = duet_cli_number("--minimize-time", optarg, 0, 3600)) < 0) return -1; break;
    case 'j': a->json = true; break;
    case 'T': if ((a->timeout = duet_cli_number("--timeout", optarg, 1, 3600)) < 0) return -1; break;
    case 'h': return 1;
    default: return -1;
    }
  }
  if (a->import && optind < argc) return duet_cli_usage_error("triage --import DIR takes no RUN or FILE besides"), -1;
  if (optind >= argc && !a->import)
    return duet_cli_usage_error("triage wants RUN folders or FILEs (see duet triage --help)"), -1;
  return 0;
}

int duet_cli_triage_report(const struct duet_triage *t, const char *run_dir, bool json) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "target", t->target->name);
  cJSON_AddItemToObject(o, "findings", duet_triage_findings_json(t));
  cJSON_AddItemToObject(o, "inputs", duet_triage_inputs_json(t));
  char *text = cJSON_Print(o);
  cJSON_Delete(o);
  int rc = 0;
  if (text && run_dir) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/triage.json", run_dir);
    if ((rc = duet_write_atomic(path, text, strlen(text))) != 0) duet_cli_print(stderr, "duet: cannot write %s: %s", path, duet_fs_strerror(rc));
  }
  if (json && text) puts(text);
  else duet_cli_print_triage(stdout, t);
  cJSON_free(text);
  return rc;
}

/* A store that is a link or leaves its root is a bad folder given (2); any
   other failure to write it is duet's (70). */
static int store_failure(int rc) { return rc == -ELOOP || rc == -EXDEV ? DUET_EXIT_USAGE : DUET_EXIT_INTERNAL; }

/* Status of one triage: 2 if an input given was bad, else the worst
   finding's. A damaged artifact in a run folder duet wrote is what a kill or
   a full disk left there, listed as skipped: not a bad input. */
static int triage_status(const struct duet_triage *t, bool run_folder) {
  for (size_t i = 0; i < t->input_count; i++) {
    const struct duet_triaged_input *in = &t->inputs[i];
    if (in->error[0] && !in->capped && !(run_folder && in->damaged)) return DUET_EXIT_USAGE;
  }
  return duet_triage_worst_exit(t);
}

int duet_cli_triage_exit(const struct duet_triage *t, int rc) { return rc != 0 ? store_failure(rc) : triage_status(t, false); }

/* What an earlier triage of the run found per input: its triage.json, else
   the report's artifacts (`duet fuzz`'s own triage). Caller deletes it. */
static cJSON *earlier_triage(const char *run) {
  static const char *const files[][2] = {{"triage.json", "inputs"}, {"report.json", "artifacts"}};
  for (size_t i = 0; i < 2; i++) {
    char path[PATH_MAX];
    uint8_t *data;
    size_t size;
    snprintf(path, sizeof path, "%s/%s", run, files[i][0]);
    if (duet_read_file(path, (size_t)64 << 20, &data, &size) != 0) continue;
    data[size] = '\0';
    cJSON *doc = cJSON_Parse((char *)data);
    free(data);
    cJSON *inputs = cJSON_DetachItemFromObjectCaseSensitive(doc, files[i][1]);
    cJSON_Delete(doc);
    if (cJSON_IsArray(inputs)) return inputs;
    cJSON_Delete(inputs);
  }
  return NULL;
}

/* The run's report.json and report.md again, with this triage and the
   status it leads to (complete once fuzzing and triage have both finished). */
static void refresh_report(const char *run, const struct duet_triage *tr, int triage_rc) {
  struct duet_report r;
  char **argv = NULL;
  if (duet_report_load(run, &r, &argv) != 0 || r.target != tr->target) {
    duet_argv_free(argv);
    return;
  }
  r.triage = tr;
  r.triage_phase = tr->stopped ? "stopped" : "finished";
  if (strcmp(r.fuzzing, "running") == 0) r.fuzzing = "interrupted"; /* duet was killed while fuzzing */
  char log[PATH_MAX + 16];
  struct stat st;
  snprintf(log, sizeof log, "%s/fuzz.log", run);
  if (r.ended == 0 && stat(log, &st) == 0) r.ended = st.st_mtime; /* killed: its last sign of life */
  duet_cli_run_status(&r, tr, triage_rc);
  int rc = duet_report_write(&r, run);
  if (rc != 0) duet_cli_print(stderr, "duet: cannot update %s/report.json: %s", run, duet_fs_strerror(rc));
  else duet_cli_print(stderr, "duet: %s: %s%s%s", run, r.status, r.status_reason[0] ? ": " : "", r.status_reason);
  duet_argv_free(argv);
}

/* Triages (or finishes triaging) a run folder, its temporary files inside
   it. Returns the exit status for this folder. */
static int triage_run(const char *run, const struct triage_args *a, const char *reports) {
  const struct duet_target *t = run_target(run);
  if (!t) {
    duet_cli_print(stderr, "duet: %s is not a run folder (no readable report.json naming a known target)", run);
    return DUET_EXIT_USAGE;
  }
  char artifacts[PATH_MAX], tmp[PATH_MAX];
  duet_fs_confine(run); /* its artifacts are read, its reports written, no link followed */
  snprintf(artifacts, sizeof artifacts, "%s/artifacts", run);
  snprintf(tmp, sizeof tmp, "%s/tmp", run);
  const char *old_tmp = getenv("TMPDIR");
  char *saved_tmp = old_tmp ? strdup(old_tmp) : NULL;
  if (duet_make_dirs(tmp) == 0) setenv("TMPDIR", tmp, 1);
  cJSON *previous = earlier_triage(run);
  struct duet_cli_triage_hooks hooks = {.previous = previous};
  struct duet_triage tr;
  const char *slash = strrchr(run, '/');
  int rc = duet_cli_triage_dir(t, artifacts, reports, slash && slash[1] ? slash + 1 : run, (unsigned)a->minimize_seconds,
                               &hooks, &tr);
  if (rc != 0) duet_cli_print(stderr, "duet: triage of %s incomplete: %s", run, duet_fs_strerror(rc));
  int status = duet_cli_triage_report(&tr, run, a->json) != 0 || rc != 0 ? store_failure(rc) : triage_status(&tr, true);
  if (duet_stop_signal()) status = 128 + duet_stop_signal();
  char reserve[PATH_MAX + 16]; /* a killed campaign's room for its report (cmd_fuzz.c): given back now */
  snprintf(reserve, sizeof reserve, "%s/.reserve", run);
  unlink(reserve);
  refresh_report(run, &tr, rc);
  duet_triage_release(&tr);
  cJSON_Delete(previous);
  duet_remove_tree(tmp);
  if (saved_tmp) setenv("TMPDIR", saved_tmp, 1);
  else unsetenv("TMPDIR");
  free(saved_tmp);
  return status;
}

int duet_cmd_triage(int argc, char **argv) {
  struct triage_args a = {.minimize_seconds = DUET_MINIMIZE_SECONDS, .timeout = DUET_REPRO_TIMEOUT_SECONDS};
  int p = parse(argc, argv, &a);
  if (p != 0) return p > 0 ? usage() : DUET_EXIT_USAGE;
  triage_timeout = (unsigned)a.timeout;
  duet_stop_install();
  triage_corpora = a.corpora;
  char reports[PATH_MAX];
  if (a.reports) snprintf(reports, sizeof reports, "%s", a.reports);
  else snprintf(reports, sizeof reports, "%s", duet_build_info.reports_dir);
  duet_fs_confine(reports);
  int rc = duet_check_writable_dir(reports);
  if (rc != 0) return duet_cli_usage_error("cannot write findings to %s: %s", reports, duet_fs_strerror(rc));
  const struct duet_target *named = a.target ? duet_cli_target(a.target) : NULL;
  if (a.target && !named) return DUET_EXIT_USAGE;
  if (a.import) {
    struct duet_cli_import import = {.dir = a.import, .target = named, .reports = reports, .corpora = a.corpora,
                                     .minimize_seconds = (unsigned)a.minimize_seconds, .json = a.json};
    return duet_cli_triage_import(&import);
  }

  int status = DUET_EXIT_OK;
  char **files = calloc((size_t)argc, sizeof *files);
  size_t file_count = 0;
  for (int i = optind; i < argc && files; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      int s = triage_run(argv[i], &a, reports);
      if (status == DUET_EXIT_OK || s >= 128) status = s;
      continue;
    }
    const struct duet_target *owner = artifact_target(argv[i]);
    if (owner && named && owner != named) {
      duet_cli_print(stderr, "duet: %s is an artifact of %s, not %s: skipped", argv[i], owner->name, named->name);
      status = DUET_EXIT_USAGE;
      continue;
    }
    if (!owner && !named) {
      duet_cli_print(stderr, "duet: %s: which target? (--target T)", argv[i]);
      status = DUET_EXIT_USAGE;
      continue;
    }
    if (!named) named = owner;
    files[file_count++] = argv[i];
  }
  if (file_count) {
    struct duet_triage tr;
    rc = triage_paths(named, files, file_count, reports, NULL, NULL, (unsigned)a.minimize_seconds, NULL, &tr);
    if (rc != 0) duet_cli_print(stderr, "duet: triage incomplete: %s", duet_fs_strerror(rc));
    duet_cli_triage_report(&tr, NULL, a.json);
    int s = duet_cli_triage_exit(&tr, rc);
    if (status == DUET_EXIT_OK || s == DUET_EXIT_USAGE) status = s;
    duet_triage_release(&tr);
  }
  free(files);
  return status;
}

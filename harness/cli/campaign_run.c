/* Running a campaign: each target's `duet fuzz` as a child (its output is
   the user's, its stop ours), the corpus merge, then the one report. */
#define _POSIX_C_SOURCE 200809L
#include "campaign_run.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/campaign.h"
#include "duet/ci_outputs.h"
#include "duet/comparison.h"
#include "duet/corpus_merge.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/stop.h"

extern char **environ;

/* Starts `duet fuzz TARGET` for `seconds`; 0 or -errno. */
static int spawn_fuzz(const struct duet_campaign_plan *plan, const struct duet_target *t, long seconds, pid_t *pid) {
  char time_arg[32], triage_arg[32], jobs_arg[32], parent[48], corpus[DUET_PATH_MAX];
  /* A third for triage (at least 20 s) and minimisation short: a cut-short
     triage is no clean run; `duet triage` minimises further later. */
  snprintf(triage_arg, sizeof triage_arg, "%ld", seconds / 3 < 20 ? 20 : seconds / 3);
  snprintf(corpus, sizeof corpus, "%s/%s/work", plan->corpora, t->name);
  snprintf(time_arg, sizeof time_arg, "%ld", seconds);
  snprintf(jobs_arg, sizeof jobs_arg, "%ld", plan->jobs);
  snprintf(parent, sizeof parent, "DUET_CAMPAIGN_PID=%d", (int)getpid());
  const char *self = duet_self_exe();
  char *argv[] = {(char *)self, "fuzz", (char *)t->name, "--time", time_arg, "--triage-time", triage_arg,
                  "--minimize-time", "3", "--jobs", jobs_arg,
                  "--reports", (char *)plan->reports, "--corpus", corpus, NULL};
  const char *set[] = {parent, NULL};
  char **env = duet_env_with(set);
  int rc = env && self ? posix_spawn(pid, self, NULL, NULL, argv, env) : ENOMEM;
  duet_argv_free(env);
  return -rc;
}

/* Waits for the child: on a stop or past `deadline` it gets SIGTERM (it
   stops as after Ctrl-C; `*overran` set for the deadline), 30 s later
   SIGKILL. Its exit status, or 128+signal. */
static int wait_fuzz(pid_t pid, double deadline, bool *overran) {
  double told_at = 0;
  for (;;) {
    int status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0 && errno != EINTR) return DUET_EXIT_INTERNAL;
    if (told_at == 0 && (duet_stop_now() || duet_now() > deadline)) {
      *overran = !duet_stop_now();
      kill(pid, SIGTERM);
      told_at = duet_now();
    }
    if (told_at > 0 && duet_now() - told_at > 30) kill(pid, SIGKILL);
    nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
  }
}

/* The run folder the child made: REPORTS/<target>-<time>-<child pid>. */
static void find_run(const char *reports, const char *target, pid_t pid, struct duet_campaign_result *r) {
  char **entries, suffix[32];
  snprintf(suffix, sizeof suffix, "-%d", (int)pid);
  long n = duet_list_entries(reports, &entries);
  for (long i = 0; i < n; i++) {
    const char *base = strrchr(entries[i], '/') + 1;
    size_t len = strlen(base), tlen = strlen(target);
    if (strncmp(base, target, tlen) == 0 && base[tlen] == '-' && isdigit((unsigned char)base[tlen + 1]) && len > strlen(suffix) &&
        strcmp(base + len - strlen(suffix), suffix) == 0)
      snprintf(r->run_id, sizeof r->run_id, "%s", base);
  }
  duet_paths_free(n >= 0 ? entries : NULL);
}

static void read_status(const char *reports, struct duet_campaign_result *r) {
  char path[DUET_PATH_MAX];
  snprintf(path, sizeof path, "%s/%s/report.json", reports, r->run_id);
  uint8_t *data;
  size_t size;
  cJSON *report = NULL;
  if (r->run_id[0] && duet_read_file(path, (size_t)64 << 20, &data, &size) == 0) {
    data[size] = '\0';
    report = cJSON_Parse((char *)data);
    free(data);
  }
  const char *status = cJSON_GetStringValue(cJSON_GetObjectItem(report, "status"));
  const char *why = cJSON_GetStringValue(cJSON_GetObjectItem(report, "status_reason"));
  static const char *const known[] = {"complete", "partial", "interrupted", "failed"};
  r->status = "failed";
  for (size_t i = 0; status && i < 4; i++)
    if (strcmp(status, known[i]) == 0) r->status = known[i];
  if (!report) snprintf(r->why, sizeof r->why, "no report (duet fuzz exited %d)", r->exit_code);
  else if (why) snprintf(r->why, sizeof r->why, "%s", why);
  cJSON_Delete(report);
}

/* libFuzzer's -merge=1 over the target's working corpus, in `seconds`. */
static void merge(const struct duet_campaign_plan *plan, const struct duet_target *t, long seconds, const char *progress) {
  char fuzzer[DUET_PATH_MAX], work[DUET_PATH_MAX];
  const char *self = duet_self_exe();
  snprintf(fuzzer, sizeof fuzzer, "%s", self ? self : "");
  char *slash = strrchr(fuzzer, '/');
  if (slash) snprintf(slash + 1, sizeof fuzzer - (size_t)(slash + 1 - fuzzer), "duet-fuzz-%s", t->name);
  snprintf(work, sizeof work, "%s/%s/work", plan->corpora, t->name);
  size_t before = 0, after = 0;
  char why[512];
  int rc = duet_corpus_merge(fuzzer, work, (unsigned)seconds, &before, &after, why, sizeof why);
  if (rc == 0) duet_cli_print(stderr, "duet: %s: corpus merged, %zu -> %zu inputs", progress, before, after);
  else duet_cli_print(stderr, "duet: %s: corpus kept as it was (%zu inputs): the merge failed: %s", progress, before, why);
}

static void run_target(const struct duet_campaign_plan *plan, size_t i, double end, struct duet_campaign_result *r) {
  const struct duet_target *t = plan->targets[i];
  double start = duet_now();
  long share = (long)((end - start) / (double)(plan->count - i));
  long merge_time = share / 6 < 3 ? 3 : share / 6 > 60 ? 60 : share / 6;
  char progress[160];
  snprintf(progress, sizeof progress, "campaign %zu/%zu %s", i + 1, plan->count, t->name);
  *r = (struct duet_campaign_result){.target = t->name, .status = "skipped", .exit_code = -1};
  if (duet_stop_now() || share - merge_time < DUET_CAMPAIGN_MIN_SHARE / 2) {
    snprintf(r->why, sizeof r->why, duet_stop_now() ? "the campaign was stopped" : "the budget ran out before it");
    duet_cli_print(stderr, "duet: %s: skipped, %s", progress, r->why);
    return;
  }
  duet_cli_print(stderr, "duet: %s: fuzzing for %ld s of the %.0f s left", progress, share - merge_time, end - start);
  pid_t pid;
  int rc = spawn_fuzz(plan, t, share - merge_time, &pid);
  bool overran = false;
  r->exit_code = rc == 0 ? wait_fuzz(pid, start + share + 60, &overran) : DUET_EXIT_INTERNAL;
  if (rc == 0) find_run(plan->reports, t->name, pid, r);
  read_status(plan->reports, r);
  if (overran) snprintf(r->why, sizeof r->why, "stopped %.0f s past its share of the budget (%s)", duet_now() - start - share,
                        strcmp(r->status, "interrupted") == 0 ? "cut short" : "killed, its report unfinished");
  if (strcmp(r->status, "interrupted") != 0 && !duet_stop_now()) merge(plan, t, merge_time, progress);
  r->seconds = duet_now() - start;
  duet_cli_print(stderr, "duet: %s: %s (exit %d) in %.0f s%s%s", progress, r->status, r->exit_code, r->seconds,
                 r->why[0] ? ": " : "", r->why);
}

/* The report, with SARIF and JUnit for --ci; prints index.html's path. */
static int write_report(const struct duet_campaign_plan *plan, struct duet_campaign_result *results) {
  char out[DUET_PATH_MAX], path[DUET_PATH_MAX + 32];
  snprintf(out, sizeof out, "%s/%s", plan->reports, plan->id);
  cJSON *report = duet_comparison_collect(plan->reports, stderr);
  int rc = report ? duet_comparison_write(plan->reports, out, report) : -ENOMEM;
  if (rc == 0 && plan->ci) {
    cJSON *sarif = duet_sarif_log(report, results, plan->count, out);
    char *text = cJSON_Print(sarif), *junit = duet_junit_xml(report, results, plan->count);
    snprintf(path, sizeof path, "%s/findings.sarif", out);
    rc = text ? duet_write_atomic(path, text, strlen(text)) : -ENOMEM;
    snprintf(path, sizeof path, "%s/junit.xml", out);
    if (rc == 0) rc = junit ? duet_write_atomic(path, junit, strlen(junit)) : -ENOMEM;
    free(text);
    free(junit);
    cJSON_Delete(sarif);
  }
  cJSON_Delete(report);
  if (rc != 0) duet_cli_print(stderr, "duet: cannot write the campaign's report in %s: %s", out, strerror(-rc));
  else duet_cli_print(stdout, "%s/index.html", out);
  return rc;
}

/* 130/143 when stopped; then, with --ci, the most severe new finding; then
   70 for a failed target, 75 for a cut-short triage or a run the campaign
   had to stop past its share (never "clean"). */
static int exit_status(const struct duet_campaign_plan *plan, const struct duet_campaign_result *results) {
  if (duet_stop_signal()) return 128 + duet_stop_signal();
  static const int severity[] = {5, 4, 6, 8, 7, 3}; /* crash, panic, leak, oom, timeout, divergence */
  int worst = 0, failed = 0, partial = 0;
  for (size_t i = 0; i < plan->count; i++) {
    int code = results[i].exit_code;
    for (int s = 0; plan->ci && s < 6; s++)
      if (code == severity[s] && (worst == 0 || s < worst - 1)) worst = s + 1;
    failed |= strcmp(results[i].status, "failed") == 0 || strcmp(results[i].status, "skipped") == 0;
    partial |= strcmp(results[i].status, "partial") == 0 || strcmp(results[i].status, "interrupted") == 0;
  }
  if (worst) return severity[worst - 1];
  return failed ? DUET_EXIT_INTERNAL : partial ? DUET_EXIT_PARTIAL : DUET_EXIT_OK;
}

int duet_campaign_plan_run(const struct duet_campaign_plan *plan) {
  struct duet_campaign_result results[DUET_CAMPAIGN_MAX];
  double end = duet_now() + (double)plan->budget;
  for (size_t i = 0; i < plan->count; i++) run_target(plan, i, end, &results[i]);
  int rc = write_report(plan, results);
  int status = exit_status(plan, results);
  return rc != 0 && status == DUET_EXIT_OK ? DUET_EXIT_INTERNAL : status;
}

#define _POSIX_C_SOURCE 200809L
#include "duet/campaign.h"

#include "duet/limits.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long number_after(const char *line, const char *key) {
  const char *p = strstr(line, key);
  return p ? strtoll(p + strlen(key), NULL, 10) : -1;
}

/* Status lines look like "#646448: cov: 2025 ft: 2972 corp: 410 exec/s 4489
   oom/timeout/crash: 0/0/3 time: 63s ..." in fork mode and "#4096\tpulse
   cov: 90 ft: 120 corp: 20/300b ..." in plain mode. */
void duet_fuzz_stats_parse(const char *log, struct duet_fuzz_stats *stats) {
  memset(stats, 0, sizeof *stats);
  for (const char *line = log; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    if (line[0] != '#' || !strstr(line, " cov: ")) continue;
    size_t len = strcspn(line, "\n");
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), line);
    stats->seen = true;
    stats->executions = strtoll(buf + 1, NULL, 10);
    stats->cov = number_after(buf, " cov: ");
    stats->ft = number_after(buf, " ft: ");
    stats->corpus_size = number_after(buf, " corp: ");
    const char *otc = strstr(buf, "oom/timeout/crash: ");
    if (otc) sscanf(otc, "oom/timeout/crash: %lld/%lld/%lld", &stats->ooms, &stats->timeouts, &stats->crashes);
  }
}

static char *format(const char *fmt, const char *a, unsigned n) {
  char buf[4200];
  if (a) snprintf(buf, sizeof buf, fmt, a);
  else snprintf(buf, sizeof buf, fmt, n);
  return strdup(buf);
}

char **duet_campaign_argv(const struct duet_campaign_spec *spec) {
  size_t extra = 0, dirs = 0;
  while (spec->extra && spec->extra[extra]) extra++;
  while (spec->corpus_dirs[dirs]) dirs++;
  char **argv = calloc(16 + extra + dirs, sizeof *argv);
  if (!argv) return NULL;
  size_t n = 0;
  argv[n++] = strdup(spec->fuzzer);
  argv[n++] = format("-fork=%u", NULL, spec->jobs);
  argv[n++] = strdup("-ignore_crashes=1");
  argv[n++] = strdup("-ignore_timeouts=1");
  argv[n++] = strdup("-ignore_ooms=1");
  argv[n++] = format("-max_total_time=%u", NULL, spec->seconds);
  argv[n++] = format("-timeout=%u", NULL, DUET_REPRO_TIMEOUT_SECONDS);
  argv[n++] = format("-artifact_prefix=%s/", spec->artifact_dir, 0);
  if (spec->dict) argv[n++] = format("-dict=%s", spec->dict, 0);
  /* The user's flags come last among flags so that they win. */
  for (size_t i = 0; i < extra; i++) argv[n++] = strdup(spec->extra[i]);
  for (size_t i = 0; i < dirs; i++) argv[n++] = strdup(spec->corpus_dirs[i]);
  for (size_t i = 0; i < n; i++)
    if (!argv[i]) {
      duet_argv_free(argv);
      return NULL;
    }
  return argv;
}

void duet_argv_free(char **argv) {
  for (size_t i = 0; argv && argv[i]; i++) free(argv[i]);
  free(argv);
}

static volatile sig_atomic_t stop_requested;
static void on_stop(int sig) { stop_requested = sig; }

/* libFuzzer's fork-mode parent does not always act on SIGINT, so a stop
   request escalates: SIGINT to its process group, then SIGKILL after a grace
   period. Saved artifacts and the log survive either way. */
enum { STOP_GRACE_TICKS = 50 }; /* 5 s in 100 ms ticks */

static int wait_campaign(pid_t pid, int *status, bool *interrupted) {
  struct timespec tick = {0, 100 * 1000 * 1000};
  int ticks_since_stop = -1;
  for (;;) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return 0;
    if (r < 0 && errno != EINTR) return errno;
    if (stop_requested && ticks_since_stop < 0) {
      *interrupted = true;
      kill(-pid, SIGINT);
      ticks_since_stop = 0;
    } else if (ticks_since_stop >= 0 && ++ticks_since_stop == STOP_GRACE_TICKS) {
      kill(-pid, SIGKILL);
    }
    nanosleep(&tick, NULL);
  }
}

int duet_campaign_run(const struct duet_campaign_spec *spec, bool *interrupted) {
  *interrupted = false;
  char **argv = duet_campaign_argv(spec);
  if (!argv) return -ENOMEM;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, spec->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  /* Its own process group, so the whole fork-mode family can be stopped. */
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  struct sigaction sa = {.sa_handler = on_stop}, old_int, old_term;
  sigemptyset(&sa.sa_mask);
  stop_requested = 0;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  duet_argv_free(argv);
  int status = 0;
  if (rc == 0) rc = wait_campaign(pid, &status, interrupted);
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  if (rc != 0) return -rc;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

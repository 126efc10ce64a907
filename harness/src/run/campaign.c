#define _GNU_SOURCE
#include "duet/campaign.h"

#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/limits.h"
#include "duet/stop.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long number_after(const char *line, const char *key) {
  const char *p = strstr(line, key);
  return p ? strtoll(p + strlen(key), NULL, 10) : -1;
}

/* Status lines look like "#646448: cov: 2025 ft: 2972 corp: 410 exec/s 4489
   oom/timeout/crash: 0/0/3 time: 63s job: 12 ..." in fork mode and "#4096\tpulse
   cov: 90 ft: 120 corp: 20/300b exec/s: 2048 ..." in plain mode. */
/* One line of the log, without its newline, cut to fit buf[0..cap). */
static void copy_line(const char *line, char *buf, size_t cap) {
  size_t len = strcspn(line, "\n");
  snprintf(buf, cap, "%.*s", (int)(len < cap ? len : cap - 1), line);
}

static void parse_status(const char *line, struct duet_fuzz_stats *stats) {
  char buf[512];
  copy_line(line, buf, sizeof buf);
  stats->seen = true;
  stats->executions = strtoll(buf + 1, NULL, 10);
  stats->cov = number_after(buf, " cov: ");
  stats->ft = number_after(buf, " ft: ");
  stats->corpus_size = number_after(buf, " corp: ");
  stats->exec_per_second = strstr(buf, " exec/s: ") ? number_after(buf, " exec/s: ") : number_after(buf, " exec/s ");
  stats->jobs = number_after(buf, " job: ");
  const char *otc = strstr(buf, "oom/timeout/crash: ");
  if (otc) sscanf(otc, "oom/timeout/crash: %lld/%lld/%lld", &stats->ooms, &stats->timeouts, &stats->crashes);
}

/* The fork-mode parent's lines ("#N: cov:") win over the jobs' own lines,
   which the parent copies into the log when a job dies. */
void duet_fuzz_stats_parse(const char *log, struct duet_fuzz_stats *stats) {
  memset(stats, 0, sizeof *stats);
  const char *last = NULL, *last_parent = NULL;
  for (const char *line = log; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    if (line[0] != '#' || !strchr(line, '\n')) continue;
    size_t digits = strspn(line + 1, "0123456789");
    if (strncmp(line + 1 + digits, ": cov: ", 7) == 0) last_parent = line;
    else if (strstr(line, " cov: ") && strstr(line, " cov: ") < strchr(line, '\n')) last = line;
  }
  if (last_parent || last) parse_status(last_parent ? last_parent : last, stats);
}

static bool is_parent_status(const char *line) {
  size_t digits = strspn(line + 1, "0123456789");
  return line[0] == '#' && digits > 0 && strncmp(line + 1 + digits, ": cov: ", 7) == 0 && strchr(line, '\n');
}

static size_t count_parent_lines(const char *log) {
  size_t n = 0;
  for (const char *line = log; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
    n += is_parent_status(line);
  return n;
}

size_t duet_fuzz_coverage_series(const char *log, struct duet_cov_point *out, size_t cap) {
  size_t total = count_parent_lines(log), k = 0, written = 0;
  if (cap == 0) return 0;
  for (const char *line = log; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
    if (!is_parent_status(line)) continue;
    k++;
    /* The k-th of `total` lines is kept when it starts a new 1/cap share; the last always. */
    bool keep = k == total || (written < cap - 1 && (k - 1) * cap / total >= written);
    if (!keep) continue;
    struct duet_fuzz_stats s;
    parse_status(line, &s);
    char buf[512];
    copy_line(line, buf, sizeof buf);
    long long seconds = number_after(buf, " time: ");
    out[written++] = (struct duet_cov_point){seconds < 0 ? 0 : seconds, s.executions, s.cov, s.ft};
  }
  return written;
}

/* The last `cap` bytes of a file, NUL-terminated; NULL when unreadable. */
static char *tail(const char *path, size_t cap) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  off_t end = lseek(fd, 0, SEEK_END), from = end > (off_t)cap ? end - (off_t)cap : 0;
  char *text = malloc(cap + 1);
  ssize_t n = text ? pread(fd, text, cap, from) : -1;
  close(fd);
  if (n < 0) {
    free(text);
    return NULL;
  }
  text[n] = '\0';
  return text;
}

bool duet_fuzz_stats_read(const char *path, struct duet_fuzz_stats *stats) {
  char *text = tail(path, 64 * 1024);
  memset(stats, 0, sizeof *stats);
  if (text) duet_fuzz_stats_parse(text, stats);
  free(text);
  return stats->seen;
}

void duet_fuzz_log_error(const char *path, char *out, size_t cap) {
  uint8_t *data;
  size_t size;
  out[0] = '\0';
  if (duet_read_file(path, (size_t)64 << 20, &data, &size) != 0) return;
  data[size] = '\0';
  const char *hit = strstr((char *)data, "ERROR:");
  if (!hit) hit = strstr((char *)data, "error:");
  if (hit) {
    const char *start = hit;
    while (start > (char *)data && start[-1] != '\n') start--;
    snprintf(out, cap, "%.*s", (int)strcspn(start, "\n"), start);
  }
  free(data);
}

static bool named(const char *flag, const char *const *names) {
  size_t n = strcspn(flag + 1, "=");
  for (; *names; names++)
    if (strlen(*names) == n && strncmp(flag + 1, *names, n) == 0) return true;
  return false;
}

static bool whole_number(const char *s) {
  s += *s == '-';
  return *s && s[strspn(s, "0123456789")] == '\0';
}

const char *duet_campaign_flag_problem(const char *flag) {
  /* What duet sets itself: the run folder, the budget and the fork jobs. */
  static const char *const owned[] = {"fork", "jobs", "workers", "ignore_crashes", "ignore_timeouts", "ignore_ooms",
                                      "max_total_time", "artifact_prefix", "exact_artifact_path", "merge",
                                      "minimize_crash", "close_fd_mask", NULL};
  static const char *const texts[] = {"dict", "focus_function", "seed_inputs", "data_flow_trace", NULL};
  if (flag[0] != '-' || !strchr(flag, '=') || strcmp(flag, "--") == 0)
    return "libFuzzer flags go after --, as -name=value";
  if (flag[1 + strspn(flag + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,:/+-=")] != '\0')
    return "letters, digits and _.,:/+-= only (libFuzzer's fork mode passes flags through a shell)";
  if (named(flag, owned)) return "duet sets it itself (--time, --jobs and the run folder)";
  if (!named(flag, texts) && !whole_number(strchr(flag, '=') + 1)) return "this libFuzzer flag takes a whole number";
  return NULL;
}

static char *format_u(const char *fmt, unsigned n) {
  char buf[64];
  snprintf(buf, sizeof buf, fmt, n);
  return strdup(buf);
}

char **duet_campaign_argv(const struct duet_campaign_spec *spec) {
  size_t extra = 0, dirs = 0;
  while (spec->extra && spec->extra[extra]) extra++;
  while (spec->corpus_dirs[dirs]) dirs++;
  char **argv = calloc(16 + extra + dirs, sizeof *argv);
  if (!argv) return NULL;
  size_t n = 0;
  argv[n++] = strdup("bin/duet-fuzzer"); /* a link in the run folder: the job commands stay shell-safe */
  argv[n++] = format_u("-fork=%u", spec->jobs);
  argv[n++] = strdup("-ignore_crashes=1");
  argv[n++] = strdup("-ignore_timeouts=1");
  argv[n++] = strdup("-ignore_ooms=1");
  argv[n++] = format_u("-max_total_time=%u", spec->seconds);
  argv[n++] = format_u("-timeout=%u", spec->timeout_seconds);
  argv[n++] = strdup("-artifact_prefix=artifacts/");
  if (spec->dict) argv[n++] = strdup("-dict=fuzz.dict");
  /* The user's flags come last among flags so that they win. */
  for (size_t i = 0; i < extra; i++) argv[n++] = strdup(spec->extra[i]);
  /* Links in the run folder (prepare() makes them): fork mode's first merge
     puts the corpus folders in a shell command too. */
  for (size_t i = 0; i < dirs; i++) argv[n++] = format_u("in/%u", (unsigned)i);
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

static int sub(char *out, const char *dir, const char *name) {
  return snprintf(out, PATH_MAX, "%s/%s", dir, name) < PATH_MAX ? 0 : -ENAMETOOLONG;
}

/* run/in/<i> -> the i-th corpus folder, whatever bytes its path holds. */
static int link_corpora(const struct duet_campaign_spec *spec) {
  for (unsigned i = 0; spec->corpus_dirs[i]; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/in/%u", spec->run_dir, i);
    unlink(path);
    if (symlink(spec->corpus_dirs[i], path) != 0) return -errno;
  }
  return 0;
}

static int prepare(const struct duet_campaign_spec *spec) {
  static const char *const dirs[] = {"artifacts", "records", "signatures", "tmp", "bin", "in"};
  char path[PATH_MAX];
  int rc = 0;
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && rc == 0; i++)
    if ((rc = sub(path, spec->run_dir, dirs[i])) == 0) rc = duet_make_dirs(path);
  if (rc == 0) rc = link_corpora(spec);
  if (rc == 0 && (rc = sub(path, spec->run_dir, "bin/duet-fuzzer")) == 0) {
    unlink(path);
    if (symlink(spec->fuzzer, path) != 0) rc = -errno;
  }
  if (rc == 0 && spec->dict && (rc = sub(path, spec->run_dir, "fuzz.dict")) == 0) {
    uint8_t *data;
    size_t size;
    if ((rc = duet_read_file(spec->dict, (size_t)1 << 20, &data, &size)) == 0) {
      rc = duet_write_atomic(path, data, size);
      free(data);
    }
  }
  return rc;
}

/* NAME=OPTIONS with halt_on_error=0 appended (the last setting wins), unless
   the user set halt_on_error there themselves. ASan also gets wider redzones:
   a process goes on after an overflow, and a small one must land in padding,
   not in the next chunk's header (which would turn a one-byte overflow into
   allocator corruption and a crash far away). */
static char *recovering(const char *name, const char *value, const char *defaults) {
  char buf[4096];
  value = value ? value : "";
  bool users_choice = strstr(value, "halt_on_error") && strcmp(value, defaults) != 0;
  bool asan = strcmp(name, "ASAN_OPTIONS") == 0 && !strstr(value, "redzone");
  snprintf(buf, sizeof buf, "%s=%s%s%s%s", name, value, value[0] && !users_choice ? ":" : "",
           users_choice ? "" : "halt_on_error=0", asan && !users_choice ? ":redzone=64" : "");
  return strdup(buf);
}

static char *pair(const char *name, const char *value) {
  size_t size = strlen(name) + strlen(value) + 2;
  char *s = malloc(size);
  if (s) snprintf(s, size, "%s=%s", name, value);
  return s;
}

static char **campaign_env(const struct duet_campaign_spec *spec) {
  char *set[6] = {strdup("TMPDIR=tmp"), pair("DUET_RUN_DIR", spec->run_dir), NULL};
  size_t n = 2;
  if (spec->regressions_dir) set[n++] = pair("DUET_REGRESSIONS_DIR", spec->regressions_dir);
  set[n++] = recovering("ASAN_OPTIONS", getenv("ASAN_OPTIONS"), DUET_ASAN_DEFAULTS);
  set[n++] = recovering("UBSAN_OPTIONS", getenv("UBSAN_OPTIONS"), DUET_UBSAN_DEFAULTS);
  bool ok = true;
  for (size_t i = 0; i < n; i++) ok &= set[i] != NULL;
  char **env = ok ? duet_env_with((const char *const *)set) : NULL;
  for (size_t i = 0; i < n; i++) free(set[i]);
  return env;
}

enum { GRACE_SECONDS = 2 }; /* after max_total_time, and after a SIGINT */

/* The group's orphans are duet's children (a subreaper, see
   duet_campaign_run): waited for, so that none outlives duet even as a
   zombie for init to reap. At most a second. */
static void reap_group(pid_t group) {
  struct timespec tick = {0, 10 * 1000 * 1000};
  double deadline = duet_now() + 1;
  while (duet_now() < deadline) {
    pid_t r = waitpid(-group, NULL, WNOHANG);
    if (r < 0 && errno == ECHILD) return;
    if (r <= 0) nanosleep(&tick, NULL);
  }
}

static void wait_campaign(const struct duet_campaign_spec *spec, pid_t pid, int *status) {
  struct timespec tick = {0, 100 * 1000 * 1000};
  double start = duet_now(), stop_sent = 0;
  for (;;) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) break;
    bool over = duet_now() - start > spec->seconds + GRACE_SECONDS;
    if ((duet_stop_now() || over) && stop_sent == 0) {
      kill(-pid, SIGINT);
      stop_sent = duet_now();
    } else if (stop_sent > 0 && duet_now() - stop_sent > GRACE_SECONDS) {
      kill(-pid, SIGKILL);
    }
    if (spec->tick) spec->tick(spec->tick_ctx);
    nanosleep(&tick, NULL);
  }
  kill(-pid, SIGKILL); /* fork-mode jobs left behind by their parent */
  reap_group(pid);
}

int duet_campaign_run(const struct duet_campaign_spec *spec) {
  int rc = prepare(spec);
  if (rc != 0) return rc;
  char **argv = duet_campaign_argv(spec), **env = campaign_env(spec), log[PATH_MAX];
  if (!argv || !env || sub(log, spec->run_dir, "fuzz.log") != 0) {
    duet_argv_free(argv);
    duet_argv_free(env);
    return -ENOMEM;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addchdir_np(&actions, spec->run_dir);
  /* Its own process group, so the whole fork-mode family can be stopped. */
  prctl(PR_SET_CHILD_SUBREAPER, 1); /* orphaned jobs come back to us (reap_group) */
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid;
  char real[PATH_MAX];
  sub(real, spec->run_dir, argv[0]);
  rc = posix_spawn(&pid, real, &actions, &attr, argv, env);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  duet_argv_free(argv);
  duet_argv_free(env);
  if (rc != 0) return -rc;
  int status = 0;
  wait_campaign(spec, pid, &status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}


#define _GNU_SOURCE
#include "duet/isolate.h"

#include "duet/campaign.h"
#include "duet/stop.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Sanitizer reports and libFuzzer logs are small; a runaway child is not. */
enum { CAPTURE_LIMIT = 1 << 20 };

static char *slurp(int fd) {
  char *buf = malloc(CAPTURE_LIMIT + 1);
  if (!buf) return NULL;
  size_t len = 0;
  if (lseek(fd, 0, SEEK_SET) == 0) {
    ssize_t n;
    while (len < CAPTURE_LIMIT && (n = read(fd, buf + len, CAPTURE_LIMIT - len)) > 0) len += (size_t)n;
  }
  buf[len] = '\0';
  return buf;
}

/* Waits for the child; kills it at its timeout, or at once when duet is
   asked to stop (then -EINTR: what it would have shown is unknown). */
static int wait_with_timeout(pid_t pid, unsigned timeout_seconds, int *status, bool *timed_out) {
  struct timespec tick = {0, 5 * 1000 * 1000};
  double until = duet_now() + timeout_seconds;
  for (;;) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return 0;
    if (r < 0 && errno != EINTR) return -errno;
    bool stop = duet_stop_now();
    if (stop || duet_now() >= until) {
      *timed_out = !stop;
      kill(pid, SIGKILL);
      while (waitpid(pid, status, 0) < 0 && errno == EINTR) {}
      return stop ? -EINTR : 0;
    }
    nanosleep(&tick, NULL);
  }
}

char **duet_env_with(const char *const set[]) {
  size_t n = 0, k = 0, extra = 0;
  while (environ[n]) n++;
  while (set[extra]) extra++;
  char **env = calloc(n + extra + 1, sizeof *env);
  if (!env) return NULL;
  for (size_t i = 0; i < n; i++) {
    bool replaced = false;
    for (size_t j = 0; j < extra; j++) {
      size_t name = strcspn(set[j], "=") + 1;
      replaced |= strncmp(environ[i], set[j], name) == 0;
    }
    if (!replaced) env[k++] = strdup(environ[i]);
  }
  for (size_t j = 0; j < extra; j++) env[k++] = strdup(set[j]);
  for (size_t i = 0; i < k; i++)
    if (!env[i]) {
      duet_argv_free(env);
      return NULL;
    }
  return env;
}

int duet_child_run(char *const argv[], unsigned timeout_seconds, struct duet_child *child) {
  return duet_child_run_in(argv, NULL, NULL, timeout_seconds, child);
}

int duet_child_run_in(char *const argv[], const char *cwd, char *const env[], unsigned timeout_seconds,
                      struct duet_child *child) {
  memset(child, 0, sizeof *child);
  child->exit_code = -1;
  FILE *out = tmpfile(), *err = tmpfile();
  if (!out || !err) {
    int e = -errno;
    if (out) fclose(out);
    if (err) fclose(err);
    return e;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fileno(out), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fileno(err), STDERR_FILENO);
  if (cwd) posix_spawn_file_actions_addchdir_np(&actions, cwd);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], &actions, NULL, argv, env ? env : environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (rc == 0) rc = -wait_with_timeout(pid, timeout_seconds, &status, &child->timed_out);
  if (rc == 0) {
    if (WIFEXITED(status)) child->exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) child->signal = WTERMSIG(status);
    child->out = slurp(fileno(out));
    child->err = slurp(fileno(err));
    if (!child->out || !child->err) rc = ENOMEM;
  }
  fclose(out);
  fclose(err);
  if (rc != 0) {
    duet_child_release(child);
    return -rc;
  }
  return 0;
}

void duet_child_release(struct duet_child *child) {
  free(child->out);
  free(child->err);
  memset(child, 0, sizeof *child);
}

const char *duet_self_exe(void) {
  static char path[PATH_MAX];
  if (!path[0]) {
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return NULL;
    path[n] = '\0';
  }
  return path;
}

#define _GNU_SOURCE
#include "runner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int write_file(int dir, const char *name, const void *bytes, size_t len) {
  int fd = openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  const char *p = bytes;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n <= 0) {
      close(fd);
      return -1;
    }
    p += n, len -= (size_t)n;
  }
  return close(fd);
}

/* Up to `max` bytes of a file into a new NUL-terminated buffer; *total gets its size. */
static char *read_file(int dir, const char *name, size_t max, size_t *len, size_t *total) {
  *len = 0;
  if (total) *total = 0;
  char *buf = malloc(max + 1);
  int fd = openat(dir, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (!buf || fd < 0) {
    if (fd >= 0) close(fd);
    if (buf) buf[0] = '\0';
    return buf;
  }
  struct stat st;
  if (total && fstat(fd, &st) == 0) *total = (size_t)st.st_size;
  ssize_t n;
  while (*len < max && (n = read(fd, buf + *len, max - *len)) > 0) *len += (size_t)n;
  close(fd);
  buf[*len] = '\0';
  return buf;
}

static void remove_tree(int parent, const char *name) {
  int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    DIR *d = fdopendir(fd);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) remove_tree(fd, e->d_name);
    if (d) closedir(d);
    else close(fd);
    unlinkat(parent, name, AT_REMOVEDIR);
  } else {
    unlinkat(parent, name, 0);
  }
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

/* Every entry of run/ in name order: its contents when a regular file. */
static void list_files(int run, const char *run_path, struct duet_cu_result *res) {
  struct dirent **names;
  int n = scandir(run_path, &names, NULL, by_name);
  size_t cap = 256;
  res->files = malloc(cap);
  res->files_len = 0;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    struct stat st;
    if (strcmp(name, ".") && strcmp(name, "..") && res->files && fstatat(run, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
      size_t len = 0;
      char *body = S_ISREG(st.st_mode) ? read_file(run, name, DUET_CU_READ_MAX, &len, NULL) : NULL;
      size_t need = res->files_len + strlen(name) + len + 64;
      char *grown = need > cap ? realloc(res->files, cap = need * 2) : res->files;
      if (grown) {
        res->files = grown;
        res->files_len += (size_t)snprintf(grown + res->files_len, cap - res->files_len, "%s %s %zu\n",
                                           S_ISREG(st.st_mode) ? "file" : "other", name, len);
        if (body) memcpy(grown + res->files_len, body, len), res->files_len += len;
        grown[res->files_len++] = '\n';
      }
      free(body);
    }
    free(names[i]);
  }
  if (n >= 0) free(names);
}

static int spawn(const struct duet_cu_program *prog, const struct duet_cu_invocation *inv, const char *top, pid_t *pid) {
  char run_dir[4096], in[4096], out[4096], err[4096], home[4200], tmp[4200], cov[64], ubsan[4200], mb[32];
  snprintf(run_dir, sizeof run_dir, "%s/run", top);
  snprintf(in, sizeof in, "%s/stdin", top);
  snprintf(out, sizeof out, "%s/stdout", top);
  snprintf(err, sizeof err, "%s/stderr", top);
  snprintf(home, sizeof home, "HOME=%s", run_dir);
  snprintf(tmp, sizeof tmp, "TMPDIR=%s", run_dir);
  snprintf(mb, sizeof mb, "%u", prog->memory_mb);
  snprintf(cov, sizeof cov, "DUET_COV_FD=%d", prog->coverage_fd);
  snprintf(ubsan, sizeof ubsan, "UBSAN_OPTIONS=halt_on_error=1:exitcode=87:print_stacktrace=1%s%s",
           prog->ubsan_suppressions ? ":suppressions=\"" : "", prog->ubsan_suppressions ? prog->ubsan_suppressions : "");
  if (prog->ubsan_suppressions) strncat(ubsan, "\"", sizeof ubsan - strlen(ubsan) - 1); /* quoted: spaces, colons */
  char *argv[DUET_CU_MAX_ARGS + 8];
  size_t k = 0;
  argv[k++] = DUET_CU_SANDBOX;
  if (prog->memory_mb) argv[k++] = "-m", argv[k++] = mb;
  argv[k++] = (char *)prog->path;
  if (prog->multicall) argv[k++] = (char *)prog->multicall;
  argv[k++] = (char *)inv->utility;
  for (size_t i = 0; i < inv->argc; i++) argv[k++] = (char *)inv->args[i];
  argv[k] = NULL;
  char *envp[] = {"LC_ALL=C", "TZ=UTC", "PATH=/usr/bin:/bin", home, tmp,
                  "ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:exitcode=86:allocator_may_return_null=1:symbolize=1:"
                  "hard_rss_limit_mb=2048",
                  ubsan, cov, NULL};
  if (prog->coverage_fd < 0) envp[7] = NULL;
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&fa);
  posix_spawnattr_init(&attr);
  posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&fa, run_dir);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigdefault(&attr, &all);
  mode_t old = umask(022);
  int rc = posix_spawn(pid, DUET_CU_SANDBOX, &fa, &attr, argv, envp);
  umask(old);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) errno = rc;
  return rc == 0 ? 0 : -1;
}

/* The sandbox could not confine or start the program (sandbox.c): its
   message goes to duet's stderr, and the run did not happen. */
static bool sandbox_failed(const struct duet_cu_result *res) {
  if (res->signal || res->timed_out || (res->exit_code != 125 && res->exit_code != 127)) return false;
  if (!res->err || strncmp(res->err, "duet-cu-sandbox: ", 17) != 0) return false;
  fprintf(stderr, "%.*s", (int)strcspn(res->err, "\n") + 1, res->err);
  return true;
}

/* Waits for the child, killing its group after the time limit. */
static void await(pid_t pid, struct duet_cu_result *res) {
  int status = 0, pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pidfd >= 0) {
    struct pollfd p = {.fd = pidfd, .events = POLLIN};
    int r;
    while ((r = poll(&p, 1, DUET_CU_TIME_LIMIT_MS)) < 0 && errno == EINTR) {}
    close(pidfd);
    if (r == 0) res->timed_out = true;
  } else {
    struct timespec tick = {0, 1000000};
    for (int ms = 0; waitpid(pid, &status, WNOHANG) == 0; ms++) {
      if (ms >= DUET_CU_TIME_LIMIT_MS) {
        res->timed_out = true;
        break;
      }
      nanosleep(&tick, NULL);
    }
    if (!res->timed_out) goto done;
  }
  if (res->timed_out) kill(-pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
done:
  kill(-pid, SIGKILL); /* anything the program left behind in its group */
  if (WIFSIGNALED(status) && !res->timed_out) res->signal = WTERMSIG(status);
  if (WIFEXITED(status)) res->exit_code = WEXITSTATUS(status);
}

int duet_cu_run(const struct duet_cu_program *prog, const struct duet_cu_invocation *inv, struct duet_cu_result *res) {
  memset(res, 0, sizeof *res);
  const char *tmp = getenv("TMPDIR");
  char top[4096];
  char cwd[2048] = "";
  if (tmp && *tmp && *tmp != '/' && !getcwd(cwd, sizeof cwd)) return -1; /* HOME and TMPDIR must be absolute */
  snprintf(top, sizeof top, "%s%s%s/duet-cu-XXXXXX", cwd, *cwd ? "/" : "", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(top)) return -1;
  int dir = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int rc = -1;
  if (dir >= 0 && mkdirat(dir, "run", 0755) == 0) {
    int run = openat(dir, "run", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    pid_t pid;
    if (run >= 0 && write_file(dir, "stdin", inv->stdin_bytes, inv->stdin_len) == 0 &&
        write_file(run, "a", inv->file_a ? inv->file_a : (const uint8_t *)"", inv->file_a_len) == 0 &&
        write_file(run, "b", inv->file_b ? inv->file_b : (const uint8_t *)"", inv->file_b_len) == 0 &&
        spawn(prog, inv, top, &pid) == 0) {
      await(pid, res);
      char run_path[4200];
      snprintf(run_path, sizeof run_path, "%s/run", top);
      res->out = read_file(dir, "stdout", DUET_CU_READ_MAX, &res->out_len, &res->out_total);
      res->err = read_file(dir, "stderr", DUET_CU_READ_MAX, &res->err_len, NULL);
      list_files(run, run_path, res);
      rc = res->out && res->err && res->files && !sandbox_failed(res) ? 0 : -1;
    }
    if (run >= 0) close(run);
  }
  if (dir >= 0) close(dir);
  int saved = errno;
  remove_tree(AT_FDCWD, top);
  errno = saved;
  return rc;
}

void duet_cu_result_free(struct duet_cu_result *res) {
  free(res->out);
  free(res->err);
  free(res->files);
  memset(res, 0, sizeof *res);
}

#define _GNU_SOURCE
#include "duet/lifeline.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

static int write_end = -1;

int duet_lifeline_open(void) {
  if (write_end >= 0) return 0;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -errno;
  /* dup2 clears close-on-exec: every child inherits the read end. */
  if (dup2(fds[0], DUET_LIFELINE_FD) < 0) {
    int e = -errno;
    close(fds[0]);
    close(fds[1]);
    return e;
  }
  close(fds[0]);
  write_end = fds[1];
  char text[16], pid[24];
  snprintf(text, sizeof text, "%d", DUET_LIFELINE_FD);
  snprintf(pid, sizeof pid, "%ld", (long)getpid());
  setenv("DUET_LIFELINE_FD", text, 1);
  setenv("DUET_SUPERVISOR_PID", pid, 1);
  return 0;
}

static void *watch(void *arg) {
  int fd = (int)(long)arg;
  char byte;
  ssize_t n;
  while ((n = read(fd, &byte, 1)) < 0 && errno == EINTR) {}
  kill(getpid(), SIGKILL); /* duet is gone: so is this process */
  return NULL;
}

void duet_lifeline_watch(void) {
  const char *text = getenv("DUET_LIFELINE_FD");
  int fd = text ? (int)strtol(text, NULL, 10) : -1;
  if (fd <= 2 || fcntl(fd, F_GETFD) < 0) return;
  pthread_t thread;
  if (pthread_create(&thread, NULL, watch, (void *)(long)fd) == 0) pthread_detach(thread);
}

/* Only for this process: the variable is removed, so the processes it
   starts do not take duet's parent for theirs. */
static void signal_with_parent(const char *env, int sig) {
  const char *text = getenv(env);
  if (!text) return;
  pid_t parent = (pid_t)strtol(text, NULL, 10);
  unsetenv(env);
  prctl(PR_SET_PDEATHSIG, sig);
  if (getppid() != parent) raise(sig); /* the parent died before prctl */
}

void duet_lifeline_die_with_parent(void) { signal_with_parent("DUET_SUPERVISOR_PID", SIGKILL); }

void duet_lifeline_stop_with_parent(void) { signal_with_parent("DUET_CAMPAIGN_PID", SIGTERM); }

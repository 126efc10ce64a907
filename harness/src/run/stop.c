#define _POSIX_C_SOURCE 200809L
#include "duet/stop.h"

#include <signal.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stop_signal;
static double deadline;

static void on_stop(int sig) {
  if (stop_signal) {
    /* A second request: the default action, now. */
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  stop_signal = sig;
}

void duet_stop_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

int duet_stop_signal(void) { return (int)stop_signal; }

double duet_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void duet_stop_set_deadline(double when) { deadline = when; }

bool duet_stop_now(void) { return stop_signal != 0 || (deadline > 0 && duet_now() >= deadline); }

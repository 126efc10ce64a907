#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/campaign.h"
#include "duet/stop.h"

void duet_progress_init(struct duet_progress *p, const char *run_dir, unsigned budget, unsigned interval) {
  memset(p, 0, sizeof *p);
  p->run_dir = run_dir;
  p->budget = budget;
  p->interval = interval;
  p->tty = isatty(STDERR_FILENO);
  p->started = duet_now();
  p->phase = "fuzzing";
}

/* Files in run_dir/sub whose names end with `suffix` ("" for all). */
static size_t count_files(const char *run_dir, const char *sub, const char *suffix) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", run_dir, sub);
  DIR *d = opendir(path);
  size_t n = 0, k = strlen(suffix);
  for (struct dirent *e; d && (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    n += e->d_name[0] != '.' && len >= k && strcmp(e->d_name + len - k, suffix) == 0;
  }
  if (d) closedir(d);
  return n;
}

static void clock_text(char *out, size_t cap, double seconds) {
  long s = (long)seconds;
  snprintf(out, cap, "%ld:%02ld", s / 60, s % 60);
}

static void line(struct duet_progress *p, char *out, size_t cap) {
  char elapsed[16], budget[16];
  clock_text(elapsed, sizeof elapsed, duet_now() - p->started);
  clock_text(budget, sizeof budget, p->budget);
  int n = snprintf(out, cap, "%s %s/%s", p->phase, elapsed, budget);
  if (strcmp(p->phase, "triage") == 0) {
    snprintf(out + n, cap - (size_t)n, " | %zu/%zu inputs", p->done, p->total);
    return;
  }
  char log[4096];
  snprintf(log, sizeof log, "%s/fuzz.log", p->run_dir);
  struct duet_fuzz_stats s;
  if (duet_fuzz_stats_read(log, &s))
    n += snprintf(out + n, cap - (size_t)n, " | %lld exec/s | cov %lld ft %lld | corpus %lld | %lld execs", s.exec_per_second,
                  s.cov, s.ft, s.corpus_size, s.executions);
  else
    n += snprintf(out + n, cap - (size_t)n, " | starting");
  snprintf(out + n, cap - (size_t)n, " | findings %zu new, %zu known | %zu saved", count_files(p->run_dir, "signatures", ".new"),
           count_files(p->run_dir, "signatures", ".known"), count_files(p->run_dir, "artifacts", ""));
}

static void emit(struct duet_progress *p, const char *text, bool live) {
  if (p->tty) {
    fprintf(stderr, "\r\033[Kduet: %s%s", text, live ? "" : "\n");
    p->line_open = live;
  } else {
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr, "%s duet: %s\n", stamp, text);
  }
  fflush(stderr);
}

static void draw(struct duet_progress *p, bool force) {
  double now = duet_now();
  double every = p->tty ? 1.0 : (double)p->interval;
  if (!force && now - p->last < every) return;
  p->last = now;
  char text[512];
  line(p, text, sizeof text);
  emit(p, text, p->tty);
}

void duet_progress_fuzz_tick(void *ctx) { draw(ctx, false); }

void duet_progress_triage(void *ctx, size_t done, size_t total) {
  struct duet_progress *p = ctx;
  bool first = strcmp(p->phase, "triage") != 0;
  p->phase = "triage";
  p->done = done;
  p->total = total;
  draw(p, first || done == total);
}

void duet_progress_say(struct duet_progress *p, const char *fmt, ...) {
  char text[4096];
  va_list ap;
  va_start(ap, fmt);
  duet_cli_vformat_safe(text, sizeof text, fmt, ap);
  va_end(ap);
  if (p->tty && p->line_open) fputs("\r\033[K", stderr);
  p->line_open = false;
  emit(p, text, false);
}

void duet_progress_end(struct duet_progress *p) {
  if (p->tty && p->line_open) {
    char text[512];
    line(p, text, sizeof text);
    emit(p, text, false);
  }
}

#define _POSIX_C_SOURCE 200809L
#include "duet/minimize.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/repro.h"

int duet_quick_signature(const char *exe, const struct duet_target *target, const char *path, unsigned timeout_seconds,
                         char signature[17]) {
  struct duet_repro r;
  int rc = duet_repro_quick(exe, target, path, timeout_seconds, &r);
  if (rc != 0) return rc;
  duet_verdict_signature(target->name, &r.verdict, signature);
  duet_repro_release(&r);
  return 0;
}

static bool still_fails(const char *exe, const struct duet_target *target, const char *path, const uint8_t *data,
                        size_t size, const char *want, unsigned timeout_seconds) {
  char got[17];
  return duet_write_atomic(path, data, size) == 0 && duet_quick_signature(exe, target, path, timeout_seconds, got) == 0 &&
         strcmp(got, want) == 0;
}

int duet_minimize_ddmin(const char *exe, const struct duet_target *target, const uint8_t *input, size_t size,
                        const char *signature, unsigned timeout_seconds, unsigned budget_seconds, uint8_t **out,
                        size_t *out_size) {
  uint8_t *best = malloc(size + 1), *trial = malloc(size + 1);
  char dir[] = "/tmp/duet-min-XXXXXX", path[64];
  if (!best || !trial || !mkdtemp(dir)) {
    free(best);
    free(trial);
    return -ENOMEM;
  }
  snprintf(path, sizeof path, "%s/candidate", dir);
  memcpy(best, input, size);
  size_t len = size;
  time_t deadline = time(NULL) + budget_seconds;
  for (size_t chunk = len / 2; chunk >= 1 && time(NULL) < deadline; chunk /= 2) {
    for (size_t at = 0; at < len && time(NULL) < deadline;) {
      size_t cut = at + chunk <= len ? chunk : len - at;
      memcpy(trial, best, at);
      memcpy(trial + at, best + at + cut, len - at - cut);
      if (still_fails(exe, target, path, trial, len - cut, signature, timeout_seconds)) {
        memcpy(best, trial, len - cut);
        len -= cut;
      } else {
        at += chunk;
      }
    }
  }
  unlink(path);
  rmdir(dir);
  free(trial);
  *out = best;
  *out_size = len;
  return 0;
}

int duet_minimize_libfuzzer(const char *fuzzer, const char *input_path, const char *out_path, unsigned budget_seconds) {
  char time_flag[48], out_flag[PATH_MAX + 32];
  snprintf(time_flag, sizeof time_flag, "-max_total_time=%u", budget_seconds);
  snprintf(out_flag, sizeof out_flag, "-exact_artifact_path=%s", out_path);
  char *argv[] = {(char *)fuzzer, "-minimize_crash=1", "-runs=100000", time_flag, out_flag, (char *)input_path, NULL};
  struct duet_child child;
  int rc = duet_child_run(argv, budget_seconds + 30, &child);
  if (rc != 0) return rc;
  duet_child_release(&child);
  return access(out_path, R_OK) == 0 ? 0 : -1;
}

/*
 * The coverage build's replay binary, built once per target
 * (duet-cover-<target>, DUET_COVER_TARGET names it): runs every side on each
 * FILE argument in turn and judges nothing, so that a divergence never ends
 * the process before the profile is written at exit (the fuzz driver aborts
 * on a new finding). An input running longer than DUET_REPRO_TIMEOUT_SECONDS
 * ends the process (SIGALRM), as a crash does: `duet coverage` then replays
 * that batch one input per process (duet/coverage.h). Exit status: 0, 66
 * when an input could not be read (the others ran), 2 for an unknown target,
 * 70 when the harness itself fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "duet/differential.h"
#include "duet/fileio.h"
#include "duet/limits.h"

#ifndef DUET_COVER_TARGET
#error "DUET_COVER_TARGET must name a target"
#endif

/* 0 when run, 1 when the file could not be read (skipped), -1 when the harness failed. */
static int replay_one(const struct duet_target *target, const char *path) {
  uint8_t *data;
  size_t size;
  if (duet_read_file(path, DUET_INPUT_MAX, &data, &size) != 0) {
    fprintf(stderr, "duet-cover: skipped an unreadable input\n");
    return 1;
  }
  struct duet_differential result;
  alarm(DUET_REPRO_TIMEOUT_SECONDS);
  int rc = duet_differential_run(target, NULL, data, size, &result);
  alarm(0);
  free(data);
  if (rc != 0) return -1;
  duet_differential_release(&result);
  return 0;
}

int main(int argc, char **argv) {
  const struct duet_target *target = duet_target_find(DUET_COVER_TARGET);
  if (!target) {
    fprintf(stderr, "duet-cover: target %s is not in targets.def\n", DUET_COVER_TARGET);
    return 2;
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int rc = replay_one(target, argv[i]);
    if (rc < 0) {
      fprintf(stderr, "duet-cover: the harness failed (out of memory?)\n");
      return 70;
    }
    if (rc > 0) status = 66; /* EX_NOINPUT, after the others ran */
  }
  return status;
}

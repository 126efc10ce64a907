/*
 * Internal: `duet exec TARGET FILE [--side NAME]` runs sides in this process
 * and prints one DUET-RESULT line. `repro` and triage run it in child
 * processes so that a crash takes down only the child.
 *
 * `duet exec --batch [--timeout S] TARGET FILE...` runs every side on each
 * FILE in turn, printing "DUET-BATCH i" before input i and its record after
 * (triage's quick pass, duet/quick_pass.h). An input running over S seconds
 * ends the process (SIGALRM), as a crash does: the last "DUET-BATCH" line
 * without a record names it.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "duet/differential.h"
#include "duet/evidence.h"
#include "duet/fileio.h"
#include "duet/sanitizer_hooks.h"

enum exec_outcome { EXEC_DONE, EXEC_UNREADABLE, EXEC_NO_SUCH_SIDE, EXEC_INTERNAL };

/* Runs `side` (NULL: all) on `path` and prints the record; an unreadable
   file leaves its -errno in *read_error and prints nothing. */
/* Where `--outputs DIR` keeps each side's output: DIR/output.<side>, at
   most DUET_EVIDENCE_OUTPUT_MAX bytes (a finding's evidence). */
static const char *outputs_dir;

static void keep_outputs(const struct duet_differential *result) {
  for (size_t i = 0; outputs_dir && i < result->side_count; i++) {
    const struct duet_run *run = &result->sides[i].run;
    if (run->status != DUET_ACCEPT) continue;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/output.%s", outputs_dir, result->sides[i].impl->name);
    size_t size = run->output_len < DUET_EVIDENCE_OUTPUT_MAX ? run->output_len : DUET_EVIDENCE_OUTPUT_MAX;
    duet_write_atomic(path, run->output, size);
  }
}

static enum exec_outcome exec_one(const struct duet_target *target, const char *side, const char *path, int *read_error) {
  uint8_t *data;
  size_t size;
  if ((*read_error = duet_read_file(path, DUET_INPUT_MAX, &data, &size)) != 0) return EXEC_UNREADABLE;
  struct duet_differential result;
  int rc = duet_differential_run(target, side, data, size, &result);
  free(data);
  if (rc == -2) return EXEC_NO_SUCH_SIDE;
  if (rc != 0) return EXEC_INTERNAL;
  rc = duet_differential_print(stdout, &result);
  keep_outputs(&result);
  duet_differential_release(&result);
  fflush(stdout);
  return rc == 0 ? EXEC_DONE : EXEC_INTERNAL;
}

static int exec_batch(const struct duet_target *target, unsigned timeout, char *const paths[], int count) {
  for (int i = 0; i < count; i++) {
    printf("DUET-BATCH %d\n", i);
    fflush(stdout);
    int read_error;
    alarm(timeout);
    enum exec_outcome outcome = exec_one(target, NULL, paths[i], &read_error);
    alarm(0);
    if (outcome == EXEC_INTERNAL) return DUET_EXIT_INTERNAL;
    if (outcome == EXEC_UNREADABLE) printf("DUET-SKIP %d %s\n", i, strerror(-read_error));
  }
  return DUET_EXIT_OK;
}

int duet_cmd_exec(int argc, char **argv) {
  static const struct option options[] = {{"side", required_argument, NULL, 's'}, {"batch", no_argument, NULL, 'b'},
                                          {"timeout", required_argument, NULL, 't'}, {"outputs", required_argument, NULL, 'o'},
                                          {"help", no_argument, NULL, 'h'}, {0}};
  const char *side = NULL;
  bool batch = false;
  long timeout = DUET_REPRO_TIMEOUT_SECONDS;
  int c;
  while ((c = getopt_long(argc, argv, "s:bt:o:h", options, NULL)) != -1) {
    if (c == 's') side = optarg;
    else if (c == 'o') outputs_dir = optarg;
    else if (c == 'b') batch = true;
    else if (c == 't') {
      if ((timeout = duet_cli_number("--timeout", optarg, 1, 3600)) < 0) return DUET_EXIT_USAGE;
    } else if (c == 'h') {
      printf("usage: duet exec TARGET FILE [--side NAME] [--outputs DIR]\n"
             "       duet exec --batch [--timeout S] TARGET FILE...\n\n"
             "Internal: runs the sides in this process and prints a DUET-RESULT record\n"
             "(with --batch: one per FILE, each after a DUET-BATCH line); --outputs DIR keeps\n"
             "each accepting side's output in DIR/output.<side>.\n");
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  if (batch ? argc - optind < 2 : argc - optind != 2)
    return duet_cli_usage_error(batch ? "exec --batch wants TARGET FILE..." : "exec wants TARGET FILE");
  const struct duet_target *target = duet_cli_target(argv[optind]);
  if (!target) return DUET_EXIT_USAGE;
  duet_install_death_callback();
  if (batch) return exec_batch(target, (unsigned)timeout, argv + optind + 1, argc - optind - 1);
  int read_error;
  switch (exec_one(target, side, argv[optind + 1], &read_error)) {
  case EXEC_DONE: return DUET_EXIT_OK;
  case EXEC_UNREADABLE: return duet_cli_usage_error("cannot read %s: %s", argv[optind + 1], strerror(-read_error));
  case EXEC_NO_SUCH_SIDE: return duet_cli_usage_error("target %s has no side '%s'", target->name, side);
  default: return DUET_EXIT_INTERNAL;
  }
}

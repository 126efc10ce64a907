/* Shared by the CLI's commands: exit codes and error printing. */
#ifndef DUET_CLI_H
#define DUET_CLI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "duet/registry.h"
#include "duet/triage.h"

enum {
  DUET_EXIT_OK = 0,
  DUET_EXIT_USAGE = 2,     /* bad flags, unknown target, unreadable input, bad folders */
  DUET_EXIT_INTERNAL = 70, /* the harness itself failed, or the campaign did (EX_SOFTWARE) */
  DUET_EXIT_PARTIAL = 75,  /* the budget ran out before triage finished, and nothing new was
                              found in what it triaged: `duet triage RUN` finishes it
                              (EX_TEMPFAIL) */
  /* Stopped by SIGINT or SIGTERM: 128 + the signal (130, 143), as a shell reports it. */
};

/* Prints "duet: <message>" to stderr; returns DUET_EXIT_USAGE. */
int duet_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The formatted text made terminal-safe (duet/text.h) into out[0..cap):
   what the two printers below and the progress lines print. */
void duet_cli_vformat_safe(char *out, size_t cap, const char *fmt, va_list ap);

/* Prints one line to `out`: the formatted text made terminal-safe (paths,
   library messages and inputs cannot start a line of their own or send an
   escape sequence), then a newline. */
void duet_cli_print(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Looks up a target, or prints the known ones and returns NULL; also NULL,
   with the reason printed, when its drop-in sides fail the identity guard. */
const struct duet_target *duet_cli_target(const char *name);

/* Parses a positive integer flag value in [min, max]; -1 on error (printed). */
long duet_cli_number(const char *flag, const char *text, long min, long max);

/* True for one plain folder name (a report's --id): letters, digits, '.',
   '_', '-', not starting with '.', at most 100 bytes. */
bool duet_cli_plain_name(const char *name);

int duet_cmd_list(int argc, char **argv);
int duet_cmd_exec(int argc, char **argv);
int duet_cmd_repro(int argc, char **argv);
int duet_cmd_fuzz(int argc, char **argv);
int duet_cmd_regress(int argc, char **argv);
int duet_cmd_triage(int argc, char **argv);
int duet_cmd_promote(int argc, char **argv);
int duet_cmd_unsafe(int argc, char **argv);
int duet_cmd_report(int argc, char **argv);
int duet_cmd_campaign(int argc, char **argv);
int duet_cmd_bench(int argc, char **argv);
int duet_cmd_validate(int argc, char **argv);
int duet_cmd_coverage(int argc, char **argv);
int duet_cmd_stress(int argc, char **argv);

/* What a caller of duet_cli_triage_dir may add: progress, and an earlier
   triage of the same run to resume from (duet_triage_options). */
struct duet_cli_triage_hooks {
  void (*progress)(void *ctx, size_t done, size_t total);
  void *ctx;
  const struct cJSON *previous;
};

/*
 * Triages every file in `dir` (a run's artifacts) for target `t`, with the
 * findings store under `reports`/findings. `hooks` may be NULL. Returns 0
 * or -errno; *triage is always initialised and released by the caller.
 */
int duet_cli_triage_dir(const struct duet_target *t, const char *dir, const char *reports, const char *run_id,
                        unsigned minimize_seconds, const struct duet_cli_triage_hooks *hooks, struct duet_triage *triage);

/*
 * A run's status from how its phases ended (rep->fuzzing, the triage, a stop
 * signal): sets rep->status and rep->status_reason, returns the exit status
 * (README's table). Shared by `duet fuzz` and `duet triage RUN`.
 */
struct duet_report;
int duet_cli_run_status(struct duet_report *rep, const struct duet_triage *t, int triage_rc);

/* Writes RUN/triage.json (run_dir may be NULL) and prints the triage, as
   JSON or as the table below. Returns 0 or -errno of the write. */
int duet_cli_triage_report(const struct duet_triage *t, const char *run_dir, bool json);

/* The exit status of one triage whose store step returned rc: 2 when an
   input could not be triaged or the store is a bad folder, 70 when it could
   not be written, else that of the worst finding. */
int duet_cli_triage_exit(const struct duet_triage *t, int rc);

/* `duet triage --import DIR` (cmd_import.c). */
struct duet_cli_import {
  const char *dir;                  /* what to import; only read */
  const struct duet_target *target; /* --target, or NULL: inferred per file */
  const char *reports;              /* reports root: findings store, run folders */
  const char *corpora;              /* --corpora, or NULL: the repo's corpora/ */
  unsigned minimize_seconds;        /* per finding, as triage */
  bool json;                        /* print each triage as JSON */
};
int duet_cli_triage_import(const struct duet_cli_import *import);

/* The table of distinct findings, as `duet triage` prints it; inputs not
   triaged are listed (the first 20, then a count). */
void duet_cli_print_triage(FILE *out, const struct duet_triage *t);

#endif /* DUET_CLI_H */

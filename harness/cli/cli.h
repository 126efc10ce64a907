/* Shared by the CLI's commands: exit codes and error printing. */
#ifndef DUET_CLI_H
#define DUET_CLI_H

#include "duet/registry.h"

enum {
  DUET_EXIT_OK = 0,
  DUET_EXIT_USAGE = 2,     /* bad flags, unknown target, unreadable input, bad folders */
  DUET_EXIT_INTERNAL = 70, /* the harness itself failed (EX_SOFTWARE) */
};

/* Prints "duet: <message>" to stderr; returns DUET_EXIT_USAGE. */
int duet_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Looks up a target, or prints the known ones and returns NULL. */
const struct duet_target *duet_cli_target(const char *name);

/* Parses a positive integer flag value in [min, max]; -1 on error (printed). */
long duet_cli_number(const char *flag, const char *text, long min, long max);

int duet_cmd_list(int argc, char **argv);
int duet_cmd_exec(int argc, char **argv);
int duet_cmd_repro(int argc, char **argv);
int duet_cmd_fuzz(int argc, char **argv);
int duet_cmd_regress(int argc, char **argv);
int duet_cmd_validate(int argc, char **argv);

#endif /* DUET_CLI_H */

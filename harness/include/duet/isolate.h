/* Running a command in its own process, with a timeout, capturing its output. */
#ifndef DUET_ISOLATE_H
#define DUET_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>

struct duet_child {
  int exit_code;       /* exit status when it exited, else -1 */
  int signal;          /* terminating signal, else 0 */
  bool timed_out;      /* killed by us after the timeout */
  char *out;           /* its stdout, NUL-terminated; owned, see duet_child_release */
  char *err;           /* its stderr, NUL-terminated; owned */
};

/*
 * Runs argv[0] (a path) with argv in a new process whose stdin is /dev/null,
 * waits at most `timeout_seconds` (then SIGKILL), and captures both output
 * streams (each truncated to 1 MiB). Returns 0, or -errno when it could not
 * be started; *child is then zeroed.
 */
int duet_child_run(char *const argv[], unsigned timeout_seconds, struct duet_child *child);

/*
 * The same from the folder `cwd` (NULL: this process's), with `env` as its
 * environment (NULL: this process's). A stop (duet/stop.h) kills the child
 * and returns -EINTR.
 */
int duet_child_run_in(char *const argv[], const char *cwd, char *const env[], unsigned timeout_seconds,
                      struct duet_child *child);

/*
 * This process's environment with each "NAME=value" of `set` (NULL-terminated)
 * in place of NAME's value, as a malloc'd NULL-terminated array of malloc'd
 * strings (free with duet_argv_free, duet/campaign.h). NULL on allocation failure.
 */
char **duet_env_with(const char *const set[]);

void duet_child_release(struct duet_child *child);

/* Path of the running executable (for re-running ourselves); static storage. */
const char *duet_self_exe(void);

#endif /* DUET_ISOLATE_H */

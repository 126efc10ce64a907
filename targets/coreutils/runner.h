/*
 * The sandboxed runner of a program pair: one invocation of one program in a
 * fresh private directory, no shell.
 *
 * Each run makes a new directory under $TMPDIR (else /tmp), writes the
 * invocation's files `a` and `b` into its `run/` folder, and starts the
 * program with posix_spawn: working directory `run/`, stdin, stdout and
 * stderr redirected to files beside it, its own process group, umask 022 and
 * a fixed environment (LC_ALL=C, TZ=UTC, PATH=/usr/bin:/bin, HOME=run/, the
 * sanitizer options below, nothing inherited). After DUET_CU_TIME_LIMIT_MS of
 * wall time the group is killed. Then it reads what the program wrote and
 * removes the directory. Arguments are confined by the decoder
 * (invocation.h): none names a path outside `run/`.
 */
#ifndef DUET_CU_RUNNER_H
#define DUET_CU_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include "invocation.h"

enum { DUET_CU_TIME_LIMIT_MS = 3000, DUET_CU_READ_MAX = 1 << 20 };

/* Exit statuses the sanitizers of the GNU build use (ASAN_OPTIONS/UBSAN_OPTIONS). */
enum { DUET_CU_ASAN_EXIT = 86, DUET_CU_UBSAN_EXIT = 87 };

/* Exit status of a Rust program whose main thread panicked. */
enum { DUET_CU_PANIC_EXIT = 101 };

struct duet_cu_program {
  const char *path;      /* executable; for a multicall binary, the binary */
  const char *multicall; /* NULL, or argv[0] of a multicall binary (the utility then is argv[1]) */
  int coverage_fd;       /* -1, or the memfd passed as DUET_COV_FD (cov_child.c) */
  const char *ubsan_suppressions; /* NULL, or a UBSan suppressions file for the program */
  unsigned memory_mb;             /* 0, or its address-space limit (never for an ASan program:
                                     its shadow maps terabytes; ASan's hard_rss_limit_mb holds) */
};

struct duet_cu_result {
  int exit_code;        /* when !signal && !timed_out */
  int signal;           /* the signal that ended it, or 0 */
  bool timed_out;
  char *out, *err;      /* owned, NUL-terminated, at most DUET_CU_READ_MAX bytes each */
  size_t out_len, err_len, out_total; /* out_total: the whole stdout's length */
  char *files;          /* owned: "file NAME LEN\n<bytes>\n" per regular file in run/, sorted */
  size_t files_len;
};

/* Runs `inv` with `prog`. Returns 0, or -1 with errno when the run could not
   be set up (no directory, spawn failed). Release *res with duet_cu_result_free. */
int duet_cu_run(const struct duet_cu_program *prog, const struct duet_cu_invocation *inv, struct duet_cu_result *res);

void duet_cu_result_free(struct duet_cu_result *res);

#endif

/* Running libFuzzer for a campaign and reading its statistics. */
#ifndef DUET_CAMPAIGN_H
#define DUET_CAMPAIGN_H

#include <stdbool.h>
#include <stddef.h>

struct duet_fuzz_stats {
  long long executions;   /* libFuzzer's #N: inputs run, all jobs */
  long long cov;          /* covered edges (cov:) */
  long long ft;           /* features (ft:) */
  long long corpus_size;  /* corp: */
  long long exec_per_second; /* exec/s of the last status line */
  long long crashes, timeouts, ooms; /* fork mode's oom/timeout/crash counters: jobs that died */
  long long jobs;         /* fork mode's job: N */
  bool seen;              /* at least one status line was read */
};

/* Reads the last status line of a libFuzzer log (fork or plain mode). */
void duet_fuzz_stats_parse(const char *log, struct duet_fuzz_stats *stats);

/* The same from the last 64 KiB of the log file at `path`; false when it
   cannot be read or holds no status line yet. */
bool duet_fuzz_stats_read(const char *path, struct duet_fuzz_stats *stats);

/* One fork-mode status line: coverage at a time of the campaign. */
struct duet_cov_point {
  long long seconds, executions, cov, ft;
};

/* Coverage over time from a fork-mode libFuzzer log's "#N: cov: ... time: Ts"
   lines: at most `cap` points into out, evenly spaced over the run, the last
   line always kept. Returns how many were written. */
size_t duet_fuzz_coverage_series(const char *log, struct duet_cov_point *out, size_t cap);

/* The first line of the log that reports an error ("ERROR:", "error:"),
   copied into out (empty when none). */
void duet_fuzz_log_error(const char *path, char *out, size_t cap);

struct duet_campaign_spec {
  const char *fuzzer;         /* absolute path of duet-fuzz-<target> */
  unsigned seconds;           /* -max_total_time, and duet's own deadline for the fuzzer */
  unsigned jobs;              /* -fork */
  unsigned timeout_seconds;   /* -timeout */
  const char *run_dir;        /* absolute; holds artifacts/, records/, signatures/, tmp/, fuzz.log */
  const char *dict;           /* NULL if none; copied into the run as fuzz.dict */
  const char *const *corpus_dirs; /* NULL-terminated; the first receives new inputs */
  const char *regressions_dir; /* signatures recorded there are known (NULL: the repo's; "": none) */
  char *const *extra;         /* user's libFuzzer flags, NULL-terminated */
  void (*tick)(void *ctx);    /* called about every 100 ms while the fuzzer runs; may be NULL */
  void *tick_ctx;
};

/*
 * Why a user's libFuzzer flag is refused, or NULL when it may be handed to
 * libFuzzer, whose fork mode builds each job's command as a shell string:
 * "-name=value" with letters, digits and "_.,:/+-=" only; not one of the
 * flags duet sets (fork, budget, artifact folder); a whole number except
 * for the flags that take text (-dict=, -focus_function=, ...). Static text.
 */
const char *duet_campaign_flag_problem(const char *flag);

/*
 * The libFuzzer command line for `spec`, as run from the run folder (every
 * path in it is relative and shell-safe), in a NULL-terminated, malloc'd argv
 * (caller frees with duet_argv_free). NULL on allocation failure.
 */
char **duet_campaign_argv(const struct duet_campaign_spec *spec);
void duet_argv_free(char **argv);

/*
 * Prepares the run folder (artifacts/, records/, signatures/, tmp/, the
 * fuzzer's link bin/duet-fuzzer, its dictionary fuzz.dict, in/<i> links to the
 * corpus folders) and runs the campaign: libFuzzer in fork
 * mode in its own process group, from the run folder, with TMPDIR inside it,
 * the driver's exploration loop on (duet/explore.h) and recoverable
 * sanitizer reports (halt_on_error=0, unless the user's *SAN_OPTIONS say
 * otherwise). It ends at its time, or within a few seconds of a stop
 * (duet/stop.h): SIGINT to its group, SIGKILL after a grace period, and the
 * group swept once it is reaped, so no job outlives it.
 * Returns libFuzzer's exit status (>= 0, 128+signal when killed) or -errno
 * if it could not start.
 */
int duet_campaign_run(const struct duet_campaign_spec *spec);


#endif /* DUET_CAMPAIGN_H */

/* Running libFuzzer for a campaign and reading its statistics. */
#ifndef DUET_CAMPAIGN_H
#define DUET_CAMPAIGN_H

#include <stdbool.h>

struct duet_fuzz_stats {
  long long executions;   /* libFuzzer's #N: inputs run, all jobs */
  long long cov;          /* covered edges (cov:) */
  long long ft;           /* features (ft:) */
  long long corpus_size;  /* corp: */
  long long crashes, timeouts, ooms; /* fork mode's oom/timeout/crash counters */
  bool seen;              /* at least one status line was read */
};

/* Reads the last status line of a libFuzzer log (fork or plain mode). */
void duet_fuzz_stats_parse(const char *log, struct duet_fuzz_stats *stats);

struct duet_campaign_spec {
  const char *fuzzer;         /* path of duet-fuzz-<target> */
  unsigned seconds;           /* -max_total_time */
  unsigned jobs;              /* -fork */
  const char *artifact_dir;   /* ends without '/' */
  const char *dict;           /* NULL if none */
  const char *const *corpus_dirs; /* NULL-terminated; the first receives new inputs */
  char *const *extra;         /* user's libFuzzer flags, NULL-terminated */
  const char *log_path;       /* libFuzzer's output goes here */
};

/*
 * Builds the libFuzzer command line for `spec` into a NULL-terminated,
 * malloc'd argv (caller frees each string and the array with
 * duet_argv_free). NULL on allocation failure.
 */
char **duet_campaign_argv(const struct duet_campaign_spec *spec);
void duet_argv_free(char **argv);

/*
 * Runs the campaign: libFuzzer in fork mode, crashes, timeouts and OOMs
 * ignored so it keeps going and saves each one. SIGINT/SIGTERM received by
 * this process are passed on and end the campaign early (*interrupted set).
 * Returns libFuzzer's exit status (>= 0) or -errno if it could not start.
 */
int duet_campaign_run(const struct duet_campaign_spec *spec, bool *interrupted);

#endif /* DUET_CAMPAIGN_H */

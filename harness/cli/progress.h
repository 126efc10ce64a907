/*
 * What a running campaign shows. On a terminal: one live line, redrawn about
 * every second (phase, elapsed/budget, exec/s, coverage, corpus, findings
 * new/known). Elsewhere (CI logs): a timestamped line every `interval`
 * seconds. All on stderr; stdout keeps the report's path only.
 */
#ifndef DUET_CLI_PROGRESS_H
#define DUET_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct duet_progress {
  const char *run_dir;   /* its fuzz.log, artifacts/ and signatures/ are read */
  unsigned budget;       /* seconds, the whole job */
  unsigned interval;     /* seconds between lines when not on a terminal */
  bool tty;
  double started, last;  /* duet_now() */
  const char *phase;     /* "fuzzing", "triage" */
  size_t done, total;    /* triage: inputs */
  bool line_open;        /* a live line is on the terminal */
};

void duet_progress_init(struct duet_progress *p, const char *run_dir, unsigned budget, unsigned interval);

/* The fuzzing phase's tick (duet_campaign_spec.tick): draws when due. */
void duet_progress_fuzz_tick(void *ctx);

/* Triage's per-input callback (duet_triage_options.progress). */
void duet_progress_triage(void *ctx, size_t done, size_t total);

/* Prints one whole line (after the live line, if any), with the timestamp
   when not on a terminal. */
void duet_progress_say(struct duet_progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Closes the live line. */
void duet_progress_end(struct duet_progress *p);

#endif /* DUET_CLI_PROGRESS_H */

/*
 * `duet stress` (cmd_stress.c) and one round of it in a child process
 * (stress_child.c): claim C4's silent corruption under concurrency.
 */
#ifndef DUET_CLI_STRESS_H
#define DUET_CLI_STRESS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "duet/registry.h"
#include "duet/triage.h"

#define DUET_STRESS_MAX_THREADS 64
#define DUET_STRESS_MAX_INPUTS 256 /* per round: one argv */

/*
 * Runs one round over files[0..n) with `threads` threads and prints a
 * "DUET-CORRUPTION {json}" line per side and input whose threaded answer
 * differed from its answer alone (both outputs, when at most 16 KiB, in
 * `outputs`/<side>-<input>.{threaded,alone}). `only_side` (NULL: every
 * side) runs that side alone: the tsan build's rounds, so that a race report
 * belongs to one side. Returns 0, or -1 when the inputs could not be read,
 * memory ran out or `only_side` is no side of `t`.
 */
int duet_stress_child(const struct duet_target *t, char *const files[], size_t n, size_t threads, const char *outputs,
                      const char *only_side);

/* The input files of a run (stress_inputs.c): paths owned, n of them. */
struct duet_stress_inputs {
  char **paths;
  size_t n;
};
/* Adds one readable file, or the regular files of `dir` (a missing folder
   adds nothing). 0 or -errno. */
int duet_stress_add_file(struct duet_stress_inputs *in, const char *path);
int duet_stress_add_dir(struct duet_stress_inputs *in, const char *dir);
/* Keeps the inputs every side of `t` runs alone without a finding (the
   quick pass), at most DUET_STRESS_MAX_INPUTS. 0 or -errno. */
int duet_stress_clean_inputs(struct duet_stress_inputs *in, const char *exe, const struct duet_target *t);
void duet_stress_inputs_free(struct duet_stress_inputs *in);

/* The sanitizer of this build that watches a round: "thread" (the tsan
   preset), "address" (fuzz, dev) or "none". */
const char *duet_stress_sanitizer(void);

/* The kinds of class `corruption`: an answer under threads that differs from
   the same input's answer alone; a data race ThreadSanitizer reported (the
   tsan build). */
#define DUET_STRESS_KIND_OUTPUT "threaded-output-differs"
#define DUET_STRESS_KIND_RACE "data-race"

/* A stress finding is reliable (counted as evidence) when this many rounds,
   each a fresh process, showed its signature: a race need not show every time. */
#define DUET_STRESS_RELIABLE_ROUNDS 2

/*
 * ThreadSanitizer's reports in a round's stderr (the tsan build), one record
 * each for `side` (the one side that round ran): kind ("data-race", ...),
 * detail, top frames, "sanitizer": "thread", appended to `out`. Returns how
 * many (stress_tsan.c).
 */
size_t duet_stress_tsan_records(const char *err, const char *side, size_t threads, cJSON *out);

/* In the tsan build, TSAN_OPTIONS for the rounds: reports do not end or fail
   a round, and tools/tsan/suppressions.txt applies. Elsewhere nothing. */
void duet_stress_tsan_env(void);

/* The verdict of a stress.json finding record (side, kind, and "alone" and
   "threaded" answers or a race's "detail" and "frames"). */
void duet_stress_verdict(const cJSON *rec, struct duet_verdict *v);

/* Where a stress run keeps its findings. */
struct duet_stress_store {
  const struct duet_target *target; /* borrowed */
  const char *reports;              /* the store is REPORTS/findings */
  const char *run;                  /* the run folder, REPORTS/stress-...; its name is the run id */
  size_t rounds;                    /* rounds completed */
};

/*
 * Stores the finding of record `rec` (with its "signature" and "stored", its
 * folder under RUN/corruption/), shown by `seen` of the run's rounds, into
 * REPORTS/findings/<target>/<signature>/ (duet/findings_store.h), with both
 * outputs or the race report, evidence.txt and a "stress" object in
 * finding.json. Adds "status" (new, seen-before) and "finding" (its folder)
 * to `rec`. Returns 0 or -errno.
 */
int duet_stress_store_finding(const struct duet_stress_store *st, cJSON *rec, size_t seen);

#endif /* DUET_CLI_STRESS_H */

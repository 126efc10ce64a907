/*
 * Every bound the harness enforces, in one place. A harness buffer that grows
 * without a cap would turn its own out-of-memory into a "finding".
 */
#ifndef DUET_LIMITS_H
#define DUET_LIMITS_H

/* Largest canonical output kept per call. 64 MiB: a 4 KiB fuzz input
   inflates to at most ~4 MiB, so this only stops true bombs, and stays well
   below libFuzzer's default 2 GiB RSS limit with three sides' outputs live. */
#define DUET_OUTPUT_BOUND ((size_t)64 << 20)

/* Longest reject reason kept, including the NUL. Reasons are phrases. */
#define DUET_REASON_MAX 128

/* Largest input file `duet repro` and the replay main accept (libFuzzer's
   default -max_len is 4096; regressions and seeds may be larger). */
#define DUET_INPUT_MAX ((size_t)16 << 20)

/* Default campaign length for `duet fuzz`, in seconds. */
#define DUET_DEFAULT_FUZZ_SECONDS 60

/* Seconds one isolated side may run in `duet repro` before it is a timeout;
   matches libFuzzer's default -timeout. */
#define DUET_REPRO_TIMEOUT_SECONDS 25

/* Artifacts re-run and classified after one campaign; beyond this they are
   listed unclassified (a shallow divergence can leave thousands, and three
   processes per artifact add up). */
#define DUET_TRIAGE_MAX_ARTIFACTS 500

/* Most implementations per target (one reference + candidates). */
#define DUET_MAX_SIDES 8

#endif /* DUET_LIMITS_H */

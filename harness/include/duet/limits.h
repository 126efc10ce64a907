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

/* Seconds one input may run before it is a timeout: passed to libFuzzer as
   -timeout and used by every isolated re-run. libFuzzer's default (1200 s)
   would let one hang eat a whole CI campaign. */
#define DUET_REPRO_TIMEOUT_SECONDS 10

/* Seconds of minimisation per distinct finding during triage. */
#define DUET_MINIMIZE_SECONDS 20

/* Artifacts re-run in isolation after one campaign; beyond this they are
   listed unclassified (a shallow divergence can leave thousands, and three
   processes per artifact add up). The quick pass sorts every crash artifact
   first, so this cap is spent on distinct signatures, not on repeats. */
#define DUET_TRIAGE_MAX_ARTIFACTS 500

/* Inputs per quick-pass signature re-run in isolation; the others of that
   signature take their verdict (a finding seen from several inputs is more
   than one input's accident). */
#define DUET_TRIAGE_REPLAYS_PER_SIGNATURE 3

/* Timeout artifacts re-run per triage: each costs up to the timeout in
   several processes, and a hang usually has one cause (a 10-minute gif.decode
   campaign saved 94 of one hang). The rest are listed, not re-run. */
#define DUET_TRIAGE_MAX_TIMEOUTS 5

/* Sanitizer settings for every process duet starts, unless the user set
   them: leaks count, reports name their check, and a report ends the process.
   A single allocation over 2 GiB is an OOM finding (libFuzzer's default
   -malloc_limit_mb, which ASan spells max_allocation_size_mb). Campaigns
   append halt_on_error=0 (duet/campaign.h). */
#define DUET_ASAN_DEFAULTS "detect_leaks=1:handle_abort=1:allocator_may_return_null=0:max_allocation_size_mb=2048:symbolize=1"
#define DUET_UBSAN_DEFAULTS "print_stacktrace=1:report_error_type=1:halt_on_error=1:symbolize=1"

/* Share of `duet fuzz --time` kept for triage when --triage-time is not
   given, in percent; the fuzzer gets the rest. */
#define DUET_TRIAGE_SHARE_PERCENT 25

/* Longest path the harness builds (Linux's PATH_MAX, usable in strict C11). */
#define DUET_PATH_MAX 4096

/* Most implementations per target (one reference + candidates). */
#define DUET_MAX_SIDES 8

#endif /* DUET_LIMITS_H */

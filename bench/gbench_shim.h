/*
 * A small C API over Google Benchmark (libbenchmark, C++). The timing loop,
 * repetitions, aggregates and the console and JSON output are all Google
 * Benchmark's; this header only lets C code register cases and run them.
 * gbench_shim.cc is the project's only C++ file.
 */
#ifndef DUET_GBENCH_SHIM_H
#define DUET_GBENCH_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One timed iteration of a case. Returns NULL, or a static message that stops
 * the case and marks it as an error in every output (e.g. the implementation
 * changed its answer between the check and the timing).
 */
typedef const char *(*duet_gbench_body)(void *arg);

/* Parses and removes Google Benchmark's --benchmark_* flags from argv. */
void duet_gbench_initialize(int *argc, char **argv);

/* Adds "key": "value" to the output's "context" object (strings copied). */
void duet_gbench_add_context(const char *key, const char *value);

/*
 * Registers the case `name` (copied). Each iteration calls body(arg) once and
 * counts `bytes` input bytes and `items` inputs, from which Google Benchmark
 * derives the bytes_per_second and items_per_second counters. `arg` is
 * borrowed and must outlive duet_gbench_run. Returns 0 or -1.
 */
int duet_gbench_register(const char *name, duet_gbench_body body, void *arg, double bytes, double items);

/*
 * Registers the paired case `name` (copied): each iteration times `batch`
 * calls of `a` and then of `b` back to back on the same CPU (the order
 * alternates between iterations), with CLOCK_MONOTONIC, and keeps the ratio
 * b's time / a's time. Load that drifts over seconds falls on both halves of
 * a pair alike; a pair hit by a burst is an outlier that the median ignores.
 * The case's counters are the median ratio of its pairs ("ratio"), the
 * quartiles ("ratio_q1", "ratio_q3"), the number of pairs ("pairs") and
 * calls per half ("batch", chosen so that a half of `a` lasts 20 us or more).
 * Its own time is that of both halves and means nothing alone. Returns 0 or -1.
 */
int duet_gbench_register_pair(const char *name, duet_gbench_body a, void *arg_a, duet_gbench_body b, void *arg_b);

/* Runs the registered cases that pass --benchmark_filter; returns how many. */
size_t duet_gbench_run(void);

/* Releases Google Benchmark's global state. */
void duet_gbench_shutdown(void);

#ifdef __cplusplus
}
#endif
#endif /* DUET_GBENCH_SHIM_H */

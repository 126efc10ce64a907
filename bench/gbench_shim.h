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

/* Runs the registered cases that pass --benchmark_filter; returns how many. */
size_t duet_gbench_run(void);

/* Releases Google Benchmark's global state. */
void duet_gbench_shutdown(void);

#ifdef __cplusplus
}
#endif
#endif /* DUET_GBENCH_SHIM_H */

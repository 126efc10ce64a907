/*
 * `duet stress` (cmd_stress.c) and one round of it in a child process
 * (stress_child.c): claim C4's silent corruption under concurrency.
 */
#ifndef DUET_CLI_STRESS_H
#define DUET_CLI_STRESS_H

#include <stddef.h>

#include "duet/registry.h"

#define DUET_STRESS_MAX_THREADS 64
#define DUET_STRESS_MAX_INPUTS 256 /* per round: one argv */

/*
 * Runs one round over files[0..n) with `threads` threads and prints a
 * "DUET-CORRUPTION {json}" line per side and input whose threaded answer
 * differed from its answer alone (both outputs, when at most 16 KiB, in
 * `outputs`/<side>-<input>.{threaded,alone}). Returns 0, or -1 when the
 * inputs could not be read or memory ran out.
 */
int duet_stress_child(const struct duet_target *t, char *const files[], size_t n, size_t threads, const char *outputs);

#endif /* DUET_CLI_STRESS_H */

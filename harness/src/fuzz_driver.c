/*
 * The libFuzzer entry point, built once per target (DUET_FUZZ_TARGET names
 * it). Runs every side, compares, and on a divergence or panic prints one
 * DUET-RESULT record and aborts so that libFuzzer saves the input. Sanitizer
 * crashes are left to the sanitizers; the death callback names the side that
 * was running.
 */
#include <stdio.h>
#include <stdlib.h>

#include "duet/differential.h"
#include "duet/dropin.h"
#include "duet/sanitizer_hooks.h"

#ifndef DUET_FUZZ_TARGET
#error "DUET_FUZZ_TARGET must name a target"
#endif

static const struct duet_target *target;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  target = duet_target_find(DUET_FUZZ_TARGET);
  if (!target) {
    fprintf(stderr, "duet: target %s is not in targets.def\n", DUET_FUZZ_TARGET);
    abort();
  }
  if (duet_dropin_guard(target, stderr) != 0) exit(2); /* never fuzz one library twice */
  duet_install_death_callback();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct duet_differential result;
  if (duet_differential_run(target, NULL, data, size, &result) != 0) {
    fprintf(stderr, "duet: harness out of memory\n");
    abort();
  }
  if (result.outcome != DUET_OUTCOME_NONE) {
    duet_differential_print(stderr, &result);
    abort();
  }
  duet_differential_release(&result);
  return 0;
}

/*
 * The libFuzzer entry point, built once per target (DUET_FUZZ_TARGET names
 * it). Runs every side, compares, and hands the result to the campaign loop
 * (duet/explore.h): inside a `duet fuzz` campaign every finding is recorded
 * there and fuzzing goes on; run by hand, a finding that is not known prints
 * one DUET-RESULT record and aborts so that libFuzzer saves the input.
 * Sanitizer crashes that cannot be recovered from are left to the
 * sanitizers and libFuzzer.
 */
#include <stdio.h>
#include <stdlib.h>

#include "duet/differential.h"
#include "duet/dropin.h"
#include "duet/explore.h"
#include "duet/lifeline.h"
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
  duet_lifeline_watch(); /* never outlive the duet that started us */
  target = duet_target_find(DUET_FUZZ_TARGET);
  if (!target) {
    fprintf(stderr, "duet: target %s is not in targets.def\n", DUET_FUZZ_TARGET);
    abort();
  }
  if (duet_dropin_guard(target, stderr) != 0) exit(2); /* never fuzz one library twice */
  duet_install_death_callback();
  duet_explore_init(target);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct duet_differential result;
  if (duet_differential_run(target, NULL, data, size, &result) != 0) {
    fprintf(stderr, "duet: harness out of memory\n");
    abort();
  }
  bool stop = duet_explore_judge(data, size, &result);
  duet_differential_release(&result);
  if (stop) abort();
  return 0;
}

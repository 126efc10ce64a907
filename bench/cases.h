/* A benchmark case: one implementation of a target over one input class. */
#ifndef DUET_BENCH_CASES_H
#define DUET_BENCH_CASES_H

#include "corpus.h"

struct duet_bench_case {
  const struct duet_impl *impl;                 /* borrowed from the registry */
  const struct duet_bench_class_inputs *inputs; /* borrowed from the corpus */
  int expected;                                 /* DUET_ACCEPT or DUET_REJECT, from the check */
  bool native;                                  /* time impl->native (duet_bench_times_native) */
};

/*
 * One timed iteration (a duet_gbench_body): every input of the class through
 * the side's native call when the pair times natives (no sink, no canonical
 * output), else through the contract, each with a fresh harness sink,
 * exactly as the fuzz driver calls an implementation minus the comparison.
 * Returns NULL, or a message
 * when a side's answer differs from the one checked before timing.
 */
const char *duet_bench_case_iteration(void *bench_case);

#endif /* DUET_BENCH_CASES_H */

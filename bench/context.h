/* What the benchmark JSON's "context" records about how both sides were built and fed. */
#ifndef DUET_BENCH_CONTEXT_H
#define DUET_BENCH_CONTEXT_H

#include <stddef.h>

#include "corpus.h"

/*
 * Adds duet_* keys to Google Benchmark's context: build kind, compilers,
 * flags and CPU level per side, allocator, panic handling, each target's
 * sides (library, version, API) and each input class (count, size range).
 */
void duet_bench_add_context(const struct duet_bench_corpus *corpora, size_t n_targets);

#endif /* DUET_BENCH_CONTEXT_H */

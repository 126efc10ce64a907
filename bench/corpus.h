/*
 * The inputs a benchmark times, per target: read from the target's seed
 * corpus and committed regression inputs, checked on every side before any
 * timing (both sides must agree, or the benchmark refuses), and classified
 * into input classes.
 *
 * Classes. Inputs the reference rejects (and every candidate rejects too)
 * form "invalid". Inputs every side accepts with equal output are sorted by
 * size and cut into three classes of equal count: "small", "medium",
 * "large". The cut is relative because corpora differ by orders of magnitude
 * between targets (fuzz seeds are a few KiB at most); each class's size range
 * is reported with the results.
 */
#ifndef DUET_BENCH_CORPUS_H
#define DUET_BENCH_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duet/registry.h"

#define DUET_BENCH_CLASSES(X) X(SMALL, "small") X(MEDIUM, "medium") X(LARGE, "large") X(INVALID, "invalid")

enum duet_bench_class {
#define DUET_BENCH_CLASS_ENUM(id, name) DUET_BENCH_##id,
  DUET_BENCH_CLASSES(DUET_BENCH_CLASS_ENUM)
#undef DUET_BENCH_CLASS_ENUM
  DUET_BENCH_CLASS_COUNT
};

/* "small", ...; static storage. */
const char *duet_bench_class_name(enum duet_bench_class cls);

struct duet_bench_input {
  char *path;     /* owned; where it was read from (or a name) */
  uint8_t *data;  /* owned */
  size_t size;
};

struct duet_bench_class_inputs {
  const struct duet_bench_input **inputs; /* owned array, borrowed elements */
  size_t count;
  size_t bytes;        /* sum of input sizes: bytes per iteration */
  size_t min_size, max_size;
};

struct duet_bench_corpus {
  const struct duet_target *target;     /* borrowed */
  struct duet_bench_input *all;          /* owned, every input read */
  size_t all_count, all_capacity;
  struct duet_bench_class_inputs classes[DUET_BENCH_CLASS_COUNT];
  size_t known_findings;   /* regression inputs skipped: their .expect.json records a finding */
  size_t excluded;         /* divergent or output-bound inputs left out */
  char excluded_list[1024]; /* "file (how the sides differ); ..." of those, cut to fit */
};

/* Whether `duet bench` times the target's native calls (every side has a
   duet_native_fn) rather than its contract calls. */
bool duet_bench_times_native(const struct duet_target *target);

/* Zeroes *corpus for `target`. */
void duet_bench_corpus_init(struct duet_bench_corpus *corpus, const struct duet_target *target);

/* Adds a copy of data[0..size) named `path`. Returns 0 or -1 (out of memory). */
int duet_bench_corpus_add(struct duet_bench_corpus *corpus, const char *path, const uint8_t *data, size_t size);

/*
 * Adds every regular file of `dir` (sorted by name; *.expect.json skipped, and
 * so is an input whose NAME.expect.json names a class other than "none": a
 * known finding is not a benchmark input). A missing folder adds nothing.
 * Returns 0, or -errno for an unreadable file.
 */
int duet_bench_corpus_add_dir(struct duet_bench_corpus *corpus, const char *dir);

/*
 * Runs every input on every side and fills the classes. An input on which a
 * candidate diverges from the reference, panics, or hits the output bound
 * makes this return 1 with the reason in why[] (input, sides, relation), or is
 * left out when `exclude_divergent`; so is one on which a timed native call
 * answers otherwise than its side's contract call. Returns 0, 1, or -1 when the harness ran
 * out of memory.
 */
int duet_bench_corpus_classify(struct duet_bench_corpus *corpus, bool exclude_divergent, char *why, size_t why_size);

/* Frees everything the corpus owns. */
void duet_bench_corpus_release(struct duet_bench_corpus *corpus);

#endif /* DUET_BENCH_CORPUS_H */

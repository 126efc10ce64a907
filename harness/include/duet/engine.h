/*
 * The engine: run one implementation on one input, and compare two runs.
 * Pure library code: no process control, no I/O besides what the
 * implementations themselves do.
 */
#ifndef DUET_ENGINE_H
#define DUET_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "duet/contract.h"
#include "duet/limits.h"

typedef enum duet_outcome_class {
#define DUET_OUTCOME(id, name, exit_code) DUET_OUTCOME_##id,
#include "duet/outcomes.def"
#undef DUET_OUTCOME
  DUET_OUTCOME_COUNT
} duet_outcome_class;

/* "divergence" etc.; NULL for an out-of-range value. Static storage. */
const char *duet_outcome_name(duet_outcome_class cls);
/* The exit status the CLI uses for this outcome. */
int duet_outcome_exit_code(duet_outcome_class cls);
/* Parses a name back; returns -1 when unknown. */
int duet_outcome_from_name(const char *name);

/* "accept", "reject", "output-limit", "panic"; "invalid" otherwise. */
const char *duet_status_name(int status);

/* What one implementation made of one input. */
struct duet_run {
  duet_status status;
  uint8_t *output;               /* owned by this struct; see duet_run_release */
  size_t output_len;             /* bytes in output (meaningful when accepted) */
  uint64_t output_hash;          /* XXH3-64 of output[0..output_len) */
  char reason[DUET_REASON_MAX];  /* reject reason or panic message, may be "" */
};

/*
 * Runs `impl` on input[0..size) with an output sink bounded by `bound` bytes
 * and fills `*run`. Returns 0, or -1 when the harness itself could not
 * allocate (then *run is released and must not be compared). On success the
 * caller owns run->output and frees it with duet_run_release.
 */
int duet_run_impl(const struct duet_impl *impl, const uint8_t *input, size_t size,
                  size_t bound, struct duet_run *run);

/* Frees run->output and zeroes *run. Accepts a zeroed or released run. */
void duet_run_release(struct duet_run *run);

/* How a candidate's run relates to the reference's. */
typedef enum duet_relation {
  DUET_AGREE = 0,            /* same status, and same output when accepted */
  DUET_NOT_COMPARED,         /* a side hit the output bound: never a divergence */
  DUET_CANDIDATE_PANICKED,   /* the candidate panicked (a finding of its own) */
  DUET_REFERENCE_PANICKED,   /* only possible with a Rust reference */
  DUET_ONLY_REFERENCE_ACCEPTS,
  DUET_ONLY_CANDIDATE_ACCEPTS,
  DUET_OUTPUT_MISMATCH,      /* both accept, outputs differ */
} duet_relation;

/* How two accepted outputs of a pair with a tolerance compare, sample by
   sample (contract.h, struct duet_tolerance). */
struct duet_sample_difference {
  bool measured;         /* both outputs had the same header line and whole samples */
  size_t samples;        /* samples compared: those both outputs have */
  size_t differing;      /* samples that differ at all */
  double max_difference; /* largest |reference - candidate|; INFINITY for NaN against a number */
  size_t first_beyond;   /* index of the first sample beyond max_difference, or of the first
                            differing one when only the share is exceeded; SIZE_MAX if none */
};

struct duet_comparison {
  duet_relation relation;
  size_t reference_len;  /* output lengths, for the mismatch report */
  size_t candidate_len;
  size_t first_difference; /* first differing byte offset (mismatch only) */
  char cause[DUET_CAUSE_MAX]; /* for a mismatch: the pair's name for its cause, or the
                                 tolerance's ("header differs", "a sample differs beyond
                                 tolerance", "too many samples differ", "more/fewer samples
                                 in the candidate"), or "" */
  struct duet_sample_difference samples; /* pairs with a tolerance only */
};

/* Compares two completed runs: byte for byte when `tolerance` is NULL, else as
   struct duet_tolerance says. Never fails. */
struct duet_comparison duet_compare(const struct duet_run *reference, const struct duet_run *candidate,
                                    const struct duet_tolerance *tolerance);

/* Compares two accepted outputs that are not byte for byte equal under
   `tolerance`; fills c->samples and, beyond tolerance, c->cause. Returns true
   when they agree within it. Used by duet_compare. */
bool duet_compare_samples(const uint8_t *reference, size_t reference_len, const uint8_t *candidate,
                          size_t candidate_len, const struct duet_tolerance *tolerance, struct duet_comparison *c);

/* "u8", "s16le", "f32le"; "invalid" otherwise. Static storage. */
const char *duet_sample_format_name(duet_sample_format format);

/* The tolerance in one phrase, as `duet list` and the reports say it:
   "f32le samples, each within 3.05176e-05, at most 100 % differing (WHY)",
   into out[0..cap). */
void duet_tolerance_describe(const struct duet_tolerance *tolerance, char *out, size_t cap);

/* "agree", "only-reference-accepts", ... Static storage. */
const char *duet_relation_name(duet_relation relation);

/* True when the relation is a divergence (not agree, not bounded, not panic). */
bool duet_relation_is_divergence(duet_relation relation);

#endif /* DUET_ENGINE_H */

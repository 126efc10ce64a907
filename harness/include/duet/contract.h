/*
 * duet's FFI contract: the one interface that every implementation of a target
 * (the C reference and each Rust candidate) implements, and the only thing the
 * harness knows about them.
 *
 * Memory. The harness owns every buffer that crosses this interface. The input
 * is read-only and valid only for the duration of the call. Output goes through
 * a harness-owned, size-bounded sink: implementations append to it and never
 * keep a pointer to it after they return. Implementations free everything they
 * allocate before returning (a leak is a finding).
 *
 * Threading. The harness calls one implementation at a time per sink; an
 * implementation must be callable again after it returns, from the same or
 * another thread, but the harness never calls two implementations concurrently
 * on one sink. Implementations keep no state between calls.
 *
 * Panics. Rust entry points are wrapped (harness/rust/duet_ffi) so that a panic
 * never unwinds across the boundary: it comes back as DUET_PANIC. Only that
 * wrapper returns DUET_PANIC.
 */
#ifndef DUET_CONTRACT_H
#define DUET_CONTRACT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DUET_CONTRACT_VERSION 1

/* A macro's value as a string, for struct duet_impl.version built from a
   library's version macros: DUET_STRINGIFY(ZLIB_VER_MAJOR). */
#define DUET_STRINGIFY_(x) #x
#define DUET_STRINGIFY(x) DUET_STRINGIFY_(x)

/* What an implementation made of its input. */
typedef enum duet_status {
  DUET_ACCEPT = 0,       /* input valid; the sink holds the canonical output */
  DUET_REJECT = 1,       /* input invalid, cleanly refused; sink content ignored */
  DUET_OUTPUT_LIMIT = 2, /* set by the harness when the sink's bound was hit:
                            never compared, never a divergence */
  DUET_PANIC = 3,        /* Rust panicked; set only by the duet_ffi wrapper */
} duet_status;

/* Opaque, harness-owned output buffer with a hard size bound. */
struct duet_sink;

/*
 * Appends `size` bytes to the sink. Returns 0, or -1 once the bound is hit:
 * then nothing more is stored and the call's status becomes DUET_OUTPUT_LIMIT
 * whatever the implementation returns, so it should stop early.
 */
int duet_sink_write(struct duet_sink *sink, const void *bytes, size_t size);

/*
 * Bytes that can still be written before the bound is hit. Lets adapters of
 * libraries that decode into their own buffer pass the bound on as a limit.
 */
size_t duet_sink_room(const struct duet_sink *sink);

/*
 * Writing in place, for libraries that decode into a buffer their caller gives
 * them (zlib's next_out): without it the adapter decodes into a buffer of its
 * own and copies each piece, which costs the C side about 10 % on large
 * outputs and biases claim C3 (bench/README.md).
 *
 * duet_sink_reserve returns space for `size` more bytes at the end of the
 * output, owned by the sink and valid until the next duet_sink_* call;
 * duet_sink_commit then appends the first `used` bytes of it. NULL when `size`
 * passes the bound (the call's status becomes DUET_OUTPUT_LIMIT, as with
 * duet_sink_write: ask for at most duet_sink_room() bytes to stay within it),
 * or when `size` is 0 or memory ran out. Under AddressSanitizer only the
 * reserved bytes are addressable, so a library writing past what it was given
 * is reported even where the sink's buffer has spare capacity.
 *
 * duet_sink_commit returns 0, or -1 (and appends nothing) when `used` is more
 * than the last reservation.
 */
void *duet_sink_reserve(struct duet_sink *sink, size_t size);
int duet_sink_commit(struct duet_sink *sink, size_t used);

/*
 * Records why the input is rejected: a short phrase that does not depend on
 * the input's bytes ("adler32 mismatch", not "bad byte 0x3f at 17"), because
 * triage uses it to tell divergences apart. The text is copied (truncated to
 * DUET_REASON_MAX - 1 bytes); the last call wins. `reason` need not be
 * NUL-terminated.
 */
void duet_sink_set_reason(struct duet_sink *sink, const char *reason, size_t size);

/*
 * duet_sink_set_reason for a NUL-terminated reason; returns DUET_REJECT so
 * that an adapter can write `return duet_sink_reject(out, "bad header");`.
 */
int duet_sink_reject(struct duet_sink *sink, const char *reason);

/*
 * One implementation's entry point: consume `input[0..size)`, write the
 * canonical output to `out`, return DUET_ACCEPT or DUET_REJECT (as an int so
 * that the Rust side need not mirror the enum's representation).
 */
typedef int (*duet_run_fn)(const uint8_t *input, size_t size, struct duet_sink *out);

/*
 * Optional, for benchmarks: the library's own work alone. Calls the same API
 * as the side's duet_run_fn into the library's native result (cJSON's tree,
 * serde_json's Value, an event stream with nothing recorded), frees it, and
 * returns DUET_ACCEPT or DUET_REJECT as `run` would; no canonical output is
 * made. `duet bench` times it when both sides of a pair have one and checks,
 * before timing, that it answers as `run` does on every input. NULL where
 * the canonical output is the library's result itself (a decoder writing
 * straight into the sink): then `run` is timed, and the report says so.
 */
typedef int (*duet_native_fn)(const uint8_t *input, size_t size);

/* Longest cause a pair's cause function may write, NUL included. */
#define DUET_CAUSE_MAX 64

/*
 * Optional, one per pair: the cause of an output mismatch, for its signature
 * (a pair without one is signed by the outputs' length relation). Given the
 * input and both canonical outputs (the reference's first) that differ first
 * at byte `first_difference`, writes a short, input-independent name of the
 * cause ("a number differs", "duplicate key") into cause[0..DUET_CAUSE_MAX),
 * or leaves it empty. Defined in the pair's C adapter as
 * `duet_<identifier>_cause` (the registry finds it; see targets/README.md).
 */
typedef void (*duet_cause_fn)(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                              const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                              char cause[DUET_CAUSE_MAX]);

/*
 * Optional, one per pair: outputs compared within a tolerance instead of byte
 * for byte, for pairs whose correct outputs differ by rounding (lossy
 * decoders: IMDCT/IDCT order, fixed-point colour conversion, float PCM).
 * Defined in the pair's C adapter as `const struct duet_tolerance
 * duet_<identifier>_tolerance` (the registry finds it, as the cause function).
 *
 * Such a pair's canonical output, on every side, is a header line and
 * samples: everything up to and including the first '\n' (dimensions,
 * channels, rate, format) is compared byte for byte; the rest is a sequence
 * of samples in `format`, little-endian, compared sample by sample. Outputs
 * agree when the headers are equal, the sample counts are equal, no sample
 * differs by more than `max_difference` and at most `max_differing_share` of
 * the samples differ at all. An output with no '\n' is compared byte for byte.
 * Beyond that the relation is DUET_OUTPUT_MISMATCH, and the comparison says by
 * how much (struct duet_sample_difference in duet/engine.h).
 */
typedef enum duet_sample_format {
  DUET_SAMPLES_U8 = 0,    /* pixels: one unsigned byte per channel */
  DUET_SAMPLES_S16LE = 1, /* 16-bit PCM */
  DUET_SAMPLES_F32LE = 2, /* IEEE 754 single, e.g. float PCM in [-1, 1]; NaN equals only NaN */
} duet_sample_format;

struct duet_tolerance {
  duet_sample_format format;
  double max_difference;      /* largest |reference - candidate| of any one sample */
  double max_differing_share; /* largest share (0..1) of samples that differ at all */
  const char *why;            /* one line on what justifies it; the pair's README has the rest */
};

typedef enum duet_language {
  DUET_LANG_C = 0,
  DUET_LANG_RUST = 1,
} duet_language;

struct duet_dropin; /* duet/dropin.h */

/* One implementation of a target: the C reference or a Rust candidate. */
struct duet_impl {
  const char *name;      /* side name, unique within its target: "c", "rust" */
  duet_language language;
  const char *library;   /* the library it drives: "zlib", "miniz_oxide" */
  const char *version;   /* that library's version, pinned by the build */
  const char *api;       /* the entry points it calls, for the report */
  duet_run_fn run;
  duet_native_fn native; /* optional, for `duet bench`: see duet_native_fn */
  /* Drop-in sides (one adapter over the original C API, built once per
     library): the entry points the adapter resolved, checked at start-up by
     the identity guard (duet/dropin.h). NULL for every other side. */
  const struct duet_dropin *dropin;
  /* Non-zero when the side runs code this build does not instrument (a
     program pair's binary from a distribution package): the report then says
     the side is not sanitized, whatever the build's flags. */
  int uninstrumented;
  /* Non-zero on the reference side of a program pair whose findings' feature
     begins with the program's name ("sort -k: stdout"): the comparison
     report maps the findings per program. */
  int programs;
  /* NULL, or returns why this side cannot run in this build (a static
     string; e.g. a program pair whose program was not built), else NULL.
     Campaigns over every pair skip such a target, `duet fuzz` refuses it. */
  const char *(*unavailable)(void);
};

#ifdef __cplusplus
}
#endif
#endif /* DUET_CONTRACT_H */

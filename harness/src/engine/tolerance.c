/*
 * Outputs compared within a pair's tolerance (contract.h, struct
 * duet_tolerance): the header line byte for byte, then sample by sample.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "duet/engine.h"

const char *duet_sample_format_name(duet_sample_format format) {
  switch (format) {
  case DUET_SAMPLES_U8: return "u8";
  case DUET_SAMPLES_S16LE: return "s16le";
  case DUET_SAMPLES_F32LE: return "f32le";
  }
  return "invalid";
}

void duet_tolerance_describe(const struct duet_tolerance *t, char *out, size_t cap) {
  snprintf(out, cap, "%s samples, each within %g, at most %g %% differing (%s)", duet_sample_format_name(t->format),
           t->max_difference, t->max_differing_share * 100, t->why ? t->why : "");
}

static size_t sample_size(duet_sample_format format) {
  return format == DUET_SAMPLES_U8 ? 1 : format == DUET_SAMPLES_S16LE ? 2 : 4;
}

/* Sample i of `p` as a double, little-endian whatever the host; one reader
   per format, so that the loop below has no branch on it. */
static inline double u8_at(const uint8_t *p, size_t i) { return p[i]; }
static inline double s16_at(const uint8_t *p, size_t i) { return (int16_t)(uint16_t)(p[2 * i] | p[2 * i + 1] << 8); }
static inline double f32_at(const uint8_t *p, size_t i) {
  uint32_t bits = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
                  (uint32_t)p[4 * i + 3] << 24;
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

/* |a - b|, with NaN equal to NaN only and infinities equal to themselves. */
static double distance(double a, double b) {
  if (isnan(a) || isnan(b)) return isnan(a) && isnan(b) ? 0 : INFINITY;
  if (a == b) return 0;
  return fabs(a - b);
}

static void name_cause(struct duet_comparison *c, const char *cause) { snprintf(c->cause, sizeof c->cause, "%s", cause); }

/* Length of the header line, '\n' included, or 0 when there is none. */
static size_t header_length(const uint8_t *p, size_t len) {
  const uint8_t *nl = memchr(p, '\n', len);
  return nl ? (size_t)(nl - p) + 1 : 0;
}

/* The headers match and both hold whole samples: NULL, else the cause. */
static const char *shape_differs(const uint8_t *ref, size_t ref_len, const uint8_t *cand, size_t cand_len,
                                 size_t unit) {
  size_t header = header_length(ref, ref_len);
  if (!header || header != header_length(cand, cand_len) || memcmp(ref, cand, header) != 0) return "header differs";
  return (ref_len - header) % unit || (cand_len - header) % unit ? "not whole samples" : NULL;
}

/* Counts one sample's difference into *d. */
static inline void count(struct duet_sample_difference *d, const struct duet_tolerance *t, size_t i, double diff,
                         size_t *first_differing) {
  if (diff == 0) return;
  if (d->differing++ == 0) *first_differing = i;
  if (diff > d->max_difference) d->max_difference = diff;
  if (diff > t->max_difference && d->first_beyond == SIZE_MAX) d->first_beyond = i;
}

#define MEASURE_WITH(at) \
  for (size_t i = 0; i < d->samples; i++) count(d, t, i, distance(at(ref, i), at(cand, i)), &first_differing)

static void measure(const uint8_t *ref, const uint8_t *cand, const struct duet_tolerance *t,
                    struct duet_sample_difference *d) {
  size_t first_differing = SIZE_MAX;
  if (t->format == DUET_SAMPLES_U8) MEASURE_WITH(u8_at);
  else if (t->format == DUET_SAMPLES_S16LE) MEASURE_WITH(s16_at);
  else MEASURE_WITH(f32_at);
  if (d->first_beyond == SIZE_MAX && (double)d->differing > t->max_differing_share * (double)d->samples)
    d->first_beyond = first_differing;
}

bool duet_compare_samples(const uint8_t *reference, size_t reference_len, const uint8_t *candidate,
                          size_t candidate_len, const struct duet_tolerance *t, struct duet_comparison *c) {
  size_t unit = sample_size(t->format);
  if (!header_length(reference, reference_len) && !header_length(candidate, candidate_len))
    return false; /* no header line on either side: compared byte for byte */
  const char *shape = shape_differs(reference, reference_len, candidate, candidate_len, unit);
  if (shape) {
    name_cause(c, shape);
    return false;
  }
  /* Counts that differ are a mismatch, but the samples both have are
     measured too: a sample beyond tolerance there is the stronger cause. */
  size_t header = header_length(reference, reference_len);
  size_t common = (reference_len < candidate_len ? reference_len : candidate_len) - header;
  struct duet_sample_difference *d = &c->samples;
  *d = (struct duet_sample_difference){.measured = true, .samples = common / unit, .first_beyond = SIZE_MAX};
  measure(reference + header, candidate + header, t, d);
  if (d->first_beyond != SIZE_MAX) {
    name_cause(c, d->max_difference > t->max_difference ? "a sample differs beyond tolerance" : "too many samples differ");
    c->first_difference = header + d->first_beyond * unit;
    return false;
  }
  if (reference_len == candidate_len) return true;
  name_cause(c, candidate_len > reference_len ? "more samples in the candidate" : "fewer samples in the candidate");
  c->first_difference = header + common;
  return false;
}

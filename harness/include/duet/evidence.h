/*
 * A finding's evidence, kept beside its input in the findings store: each
 * side run alone on the minimised input, its output (output.<side>, at most
 * DUET_EVIDENCE_OUTPUT_MAX bytes) and what it said on stderr (the whole
 * sanitizer report or panic message, at most DUET_EVIDENCE_STDERR_MAX bytes)
 * in evidence.txt, with a preview of the input and, when outputs differ,
 * both around the first difference.
 */
#ifndef DUET_EVIDENCE_H
#define DUET_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "duet/registry.h"

#define DUET_EVIDENCE_OUTPUT_MAX ((size_t)64 << 10)
#define DUET_EVIDENCE_STDERR_MAX ((size_t)64 << 10)

/* The short forms a report shows: terminal-safe text (duet/text.h), to be
   printed as is, never escaped again. */
struct duet_evidence_view {
  char preview[512];    /* the input: escaped text, or hex when mostly binary */
  char difference[768]; /* "at byte K (shown from byte J): c «...» rust «...»", or "" */
};

/*
 * Runs each side of `target` alone on `input_path` (`exe` is duet, run as
 * `duet exec --outputs DIR`), writes output.<side> files and evidence.txt
 * into `dir` (atomically) and fills *view. Returns 0 or -errno.
 */
int duet_evidence_collect(const char *exe, const struct duet_target *target, const char *input_path,
                          unsigned timeout_seconds, const char *dir, struct duet_evidence_view *view);

/* Fills *view from the evidence.txt an earlier duet_evidence_collect wrote
   into `dir`. Returns 0, or -errno (-EINVAL when it is not such a file). */
int duet_evidence_load(const char *dir, struct duet_evidence_view *view);

/* `data` shown in at most cap - 1 bytes: escaped text (duet/text.h) when at
   least 3/4 of it is printable, else hex; "..." when cut. */
void duet_evidence_preview(const uint8_t *data, size_t size, char *out, size_t cap);

#endif /* DUET_EVIDENCE_H */

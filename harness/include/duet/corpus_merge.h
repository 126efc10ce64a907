/* Minimising a working corpus with libFuzzer's -merge=1 (duet campaign). */
#ifndef DUET_CORPUS_MERGE_H
#define DUET_CORPUS_MERGE_H

#include <stddef.h>

/*
 * Runs `fuzzer` -merge=1 over the folder `work` into a fresh sibling folder
 * and, when it succeeds within `timeout` seconds, puts that in work's place.
 * Holds work's lock (the one `duet fuzz` takes) meanwhile: -EBUSY when a
 * campaign holds it. *before and *after receive the file counts. Returns 0
 * or -errno; on failure work is left as it was and why[0..cap) says why.
 */
int duet_corpus_merge(const char *fuzzer, const char *work, unsigned timeout, size_t *before, size_t *after, char *why,
                      size_t cap);

/*
 * The same, with the inputs of `extra` (a folder beside `work`, same
 * parent, or NULL) offered too: what adds coverage joins the new corpus
 * (`duet triage --import`). `extra` is only read; *before counts work's
 * files alone.
 */
int duet_corpus_merge_from(const char *fuzzer, const char *work, const char *extra, unsigned timeout, size_t *before,
                           size_t *after, char *why, size_t cap);

#endif /* DUET_CORPUS_MERGE_H */

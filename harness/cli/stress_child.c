/*
 * The inside of one `duet stress` round (`duet stress --child N ...`): N
 * threads, released together, run every input on every side of the target
 * in this one process (shared library state, separate calls; thread t starts
 * at input t * n / N, so different inputs interleave and every input runs on
 * every thread). Then each input runs once more on each side, alone: a
 * threaded answer that differs from it prints a DUET-CORRUPTION record and
 * leaves both outputs in the outputs folder.
 */
#define _GNU_SOURCE
#include "stress.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/differential.h"
#include "duet/engine.h"
#include "duet/fileio.h"
#include "duet/limits.h"

/* Outputs this long or shorter are kept for the record; longer ones by hash
   only (every thread keeps every answer until the comparison: 8 threads x 3
   sides x 256 inputs x 16 KiB is 96 MiB at most). */
#define KEEP_OUTPUT (16 * 1024)

struct answer {
  int status;
  size_t len;
  uint64_t hash;
  uint8_t *output; /* owned, or NULL (longer than KEEP_OUTPUT) */
};

struct round {
  const struct duet_target *target;
  uint8_t **data;
  size_t *size, n, sides, threads;
  size_t from, to;        /* the sides run: [from, to) */
  struct answer *answers; /* [thread][side][input] */
  pthread_barrier_t start;
};

struct worker {
  struct round *r;
  size_t thread;
};

static const struct duet_impl *side_at(const struct duet_target *t, size_t side) {
  return side == 0 ? t->reference : t->candidates[side - 1];
}

static void answer_of(const struct duet_impl *impl, const uint8_t *data, size_t size, struct answer *a) {
  struct duet_run run;
  *a = (struct answer){.status = -1};
  duet_running_side = impl->name; /* this thread's: canaries and sanitizer hooks name the side */
  int rc = duet_run_impl(impl, data, size, DUET_OUTPUT_BOUND, &run);
  duet_running_side = NULL;
  if (rc != 0) return;
  *a = (struct answer){.status = run.status, .len = run.output_len, .hash = run.output_hash};
  if (run.output_len <= KEEP_OUTPUT) {
    a->output = run.output;
    run.output = NULL;
  }
  duet_run_release(&run);
}

static void *work(void *arg) {
  struct worker *w = arg;
  struct round *r = w->r;
  pthread_barrier_wait(&r->start);
  for (size_t k = 0; k < r->n; k++) {
    size_t i = (k + w->thread * r->n / r->threads) % r->n;
    for (size_t s = r->from; s < r->to; s++)
      answer_of(side_at(r->target, s), r->data[i], r->size[i], &r->answers[(w->thread * r->sides + s) * r->n + i]);
  }
  return NULL;
}

static void keep(const char *dir, const char *side, size_t input, const char *which, const struct answer *a) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s-%zu.%s", dir, side, input, which);
  if (a->output) duet_write_atomic(path, a->output, a->len);
}

static cJSON *answer_json(const struct answer *a) {
  cJSON *o = cJSON_CreateObject();
  char hash[17];
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)a->hash);
  cJSON_AddStringToObject(o, "status", duet_status_name(a->status));
  cJSON_AddNumberToObject(o, "output_len", (double)a->len);
  cJSON_AddStringToObject(o, "output_xxh3", hash);
  return o;
}

static bool same_answer(const struct answer *a, const struct answer *b) {
  return a->status == b->status && a->len == b->len && a->hash == b->hash;
}

/* The first threaded answer per side and input that differs from `alone`. */
static void compare(const struct round *r, size_t s, size_t i, const struct answer *alone, const char *outputs) {
  for (size_t t = 0; t < r->threads; t++) {
    const struct answer *a = &r->answers[(t * r->sides + s) * r->n + i];
    if (same_answer(a, alone)) continue;
    const char *side = side_at(r->target, s)->name;
    keep(outputs, side, i, "threaded", a);
    keep(outputs, side, i, "alone", alone);
    cJSON *rec = cJSON_CreateObject();
    cJSON_AddStringToObject(rec, "side", side);
    cJSON_AddNumberToObject(rec, "input", (double)i);
    cJSON_AddNumberToObject(rec, "threads", (double)r->threads);
    cJSON_AddItemToObject(rec, "alone", answer_json(alone));
    cJSON_AddItemToObject(rec, "threaded", answer_json(a));
    char *text = cJSON_PrintUnformatted(rec);
    if (text) printf("DUET-CORRUPTION %s\n", text);
    free(text);
    cJSON_Delete(rec);
    return;
  }
}

static int run_round(struct round *r, const char *outputs) {
  pthread_t ids[DUET_STRESS_MAX_THREADS];
  struct worker workers[DUET_STRESS_MAX_THREADS];
  size_t started = 0;
  if (pthread_barrier_init(&r->start, NULL, (unsigned)r->threads) != 0) return -1;
  for (; started < r->threads; started++) {
    workers[started] = (struct worker){r, started};
    if (pthread_create(&ids[started], NULL, work, &workers[started]) != 0) break;
  }
  if (started < r->threads) abort(); /* the barrier would never open: a round is all or nothing */
  for (size_t t = 0; t < started; t++) pthread_join(ids[t], NULL);
  pthread_barrier_destroy(&r->start);
  for (size_t i = 0; i < r->n; i++)
    for (size_t s = r->from; s < r->to; s++) {
      struct answer alone, again;
      answer_of(side_at(r->target, s), r->data[i], r->size[i], &alone);
      answer_of(side_at(r->target, s), r->data[i], r->size[i], &again);
      /* A side whose answer alone changes from call to call (a clock, a
         random salt) says nothing about threads: counted, never compared. */
      if (same_answer(&alone, &again)) compare(r, s, i, &alone, outputs);
      else printf("DUET-UNSTABLE {\"side\":\"%s\",\"input\":%zu}\n", side_at(r->target, s)->name, i);
      free(alone.output);
      free(again.output);
    }
  return 0;
}

const char *duet_stress_sanitizer(void) {
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
  return "thread";
#endif
#endif
  return duet_build_info.c_sanitized ? "address" : "none";
}

int duet_stress_child(const struct duet_target *t, char *const files[], size_t n, size_t threads, const char *outputs,
                      const char *only_side) {
  struct round r = {.target = t, .n = n, .sides = 1 + duet_target_candidate_count(t), .threads = threads};
  r.to = r.sides;
  for (size_t s = 0; only_side && s < r.sides; s++)
    if (strcmp(side_at(t, s)->name, only_side) == 0) r.from = s, r.to = s + 1;
  if (only_side && r.to - r.from != 1) return -1;
  r.data = calloc(n + 1, sizeof *r.data);
  r.size = calloc(n + 1, sizeof *r.size);
  r.answers = calloc(threads * r.sides * n + 1, sizeof *r.answers);
  int rc = r.data && r.size && r.answers ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < n; i++) rc = duet_read_file(files[i], DUET_INPUT_MAX, &r.data[i], &r.size[i]);
  if (rc == 0) rc = run_round(&r, outputs);
  for (size_t i = 0; r.answers && i < threads * r.sides * n; i++) free(r.answers[i].output);
  for (size_t i = 0; r.data && i < n; i++) free(r.data[i]);
  free(r.answers);
  free(r.data);
  free(r.size);
  fflush(stdout);
  return rc;
}

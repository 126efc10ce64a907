#include "duet/quick_pass.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/isolate.h"
#include "duet/repro.h"

/* Inputs per batch child: small enough that a crash early in a batch costs
   little, large enough that process start-up stops mattering. */
#define BATCH_INPUTS 256

static void sort_record(const struct duet_target *target, const char *line, struct duet_quick_result *r) {
  cJSON *record = cJSON_ParseWithLength(line, strcspn(line, "\n"));
  struct duet_verdict verdict;
  if (record && duet_verdict_from_record(target, record, &verdict) == 0) {
    r->state = DUET_QUICK_SORTED;
    r->finding = verdict.outcome != DUET_OUTCOME_NONE;
    if (r->finding) duet_verdict_signature(target->name, &verdict, r->signature);
  }
  cJSON_Delete(record);
}

/* Reads the child's "DUET-BATCH i" / "DUET-RESULT {...}" lines into
   results[0..n). Returns how many inputs the child got through: the index
   after the last one it started, which is marked FATAL when it has no record
   (the child died on it). -1: it never started one. */
static long read_batch(const struct duet_target *target, const char *out, size_t n, struct duet_quick_result *results) {
  long current = -1;
  bool recorded = false;
  for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
    unsigned long i;
    if (sscanf(p, "DUET-BATCH %lu", &i) == 1 && i < n) {
      current = (long)i;
      recorded = false;
    } else if (current >= 0 && strncmp(p, "DUET-RESULT ", 12) == 0) {
      sort_record(target, p + 12, &results[current]);
      recorded = true;
    } else if (current >= 0 && strncmp(p, "DUET-SKIP", 9) == 0) {
      recorded = true; /* unreadable: stays UNSORTED, the full re-run says why */
    }
  }
  if (current < 0) return -1;
  if (!recorded) results[current].state = DUET_QUICK_FATAL;
  return current + 1;
}

int duet_quick_pass(const char *exe, const struct duet_target *target, char *const paths[], size_t count,
                    unsigned timeout_seconds, struct duet_quick_result *results) {
  memset(results, 0, count * sizeof *results);
  char timeout[16];
  snprintf(timeout, sizeof timeout, "%u", timeout_seconds);
  const char *head[] = {exe, "exec", "--batch", "--timeout", timeout, target->name};
  const size_t head_count = sizeof head / sizeof head[0];
  char **argv = calloc(head_count + BATCH_INPUTS + 1, sizeof *argv);
  if (!argv) return -ENOMEM;
  memcpy(argv, head, sizeof head);
  size_t next = 0;
  bool started = false;
  while (next < count) {
    size_t n = count - next < BATCH_INPUTS ? count - next : BATCH_INPUTS;
    for (size_t i = 0; i < n; i++) argv[head_count + i] = paths[next + i];
    argv[head_count + n] = NULL;
    struct duet_child child;
    /* Each input has its own alarm in the child; this bound only catches a
       child that stops answering altogether. */
    unsigned batch_limit = timeout_seconds * 4 + (unsigned)n;
    if (duet_child_run(argv, batch_limit, &child) != 0) break;
    long done = read_batch(target, child.out, n, results + next);
    duet_child_release(&child);
    if (done < 0) break; /* the child could not start a single input */
    started = true;
    next += (size_t)done;
  }
  free(argv);
  return started || count == 0 ? 0 : -ECHILD;
}

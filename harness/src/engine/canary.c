#define _POSIX_C_SOURCE 200809L
#include "duet/canary.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duet/differential.h"

struct hit {
  char id[DUET_CANARY_ID_MAX];
  const char *side;            /* static storage: a duet_impl's name or "?" */
  unsigned long reached, triggered;
};

/* Guards everything below: `duet stress` hits canaries from many threads. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Counted hits since the last reset. */
static struct hit hits[DUET_CANARY_MAX];
static size_t hit_count;

/* (id, side, kind) already written to the log by this process; never reset,
   so the log holds first hits only. */
static struct logged {
  char id[DUET_CANARY_ID_MAX];
  const char *side;
  bool reached, triggered;
} logged[DUET_CANARY_MAX];
static size_t logged_count;

static int log_fd = -2; /* -2: not opened yet, -1: no log */

static struct hit *find_hit(const char *id, const char *side) {
  for (size_t i = 0; i < hit_count; i++)
    if (hits[i].side == side && strcmp(hits[i].id, id) == 0) return &hits[i];
  if (hit_count == DUET_CANARY_MAX) return NULL;
  struct hit *h = &hits[hit_count++];
  memset(h, 0, sizeof *h);
  snprintf(h->id, sizeof h->id, "%s", id);
  h->side = side;
  return h;
}

static void log_first(const char *id, const char *side, bool triggered) {
  if (log_fd == -2) {
    const char *path = getenv("DUET_CANARY_LOG");
    log_fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
  }
  if (log_fd < 0) return;
  struct logged *l = NULL;
  for (size_t i = 0; i < logged_count && !l; i++)
    if (logged[i].side == side && strcmp(logged[i].id, id) == 0) l = &logged[i];
  if (!l) {
    if (logged_count == DUET_CANARY_MAX) return;
    l = &logged[logged_count++];
    memset(l, 0, sizeof *l);
    snprintf(l->id, sizeof l->id, "%s", id);
    l->side = side;
  }
  bool *done = triggered ? &l->triggered : &l->reached;
  if (*done) return;
  *done = true;
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  char line[128];
  int n = snprintf(line, sizeof line, "%lld %s %s %s\n", (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000,
                   triggered ? "triggered" : "reached", id, side);
  if (n > 0 && n < (int)sizeof line) (void)!write(log_fd, line, (size_t)n);
}

void duet_canary_hit(const char *id, size_t id_len, int triggered) {
  char name[DUET_CANARY_ID_MAX];
  if (id_len >= sizeof name) id_len = sizeof name - 1;
  memcpy(name, id, id_len);
  name[id_len] = '\0';
  const char *side = duet_running_side ? duet_running_side : "?";
  pthread_mutex_lock(&lock);
  struct hit *h = find_hit(name, side);
  if (h) {
    h->reached++;
    if (triggered) h->triggered++;
  }
  log_first(name, side, false);
  if (triggered) log_first(name, side, true);
  pthread_mutex_unlock(&lock);
}

void duet_canary_reset(void) {
  pthread_mutex_lock(&lock);
  hit_count = 0;
  pthread_mutex_unlock(&lock);
}

cJSON *duet_canary_json(void) {
  pthread_mutex_lock(&lock);
  cJSON *arr = cJSON_CreateArray();
  for (size_t i = 0; arr && i < hit_count; i++) {
    cJSON *o = cJSON_CreateObject();
    if (!o) break;
    cJSON_AddStringToObject(o, "id", hits[i].id);
    cJSON_AddStringToObject(o, "side", hits[i].side);
    cJSON_AddNumberToObject(o, "reached", (double)hits[i].reached);
    cJSON_AddNumberToObject(o, "triggered", (double)hits[i].triggered);
    cJSON_AddItemToArray(arr, o);
  }
  pthread_mutex_unlock(&lock);
  return arr;
}

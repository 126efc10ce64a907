#define _POSIX_C_SOURCE 200809L
#include "duet/triage.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duet/confine.h"
#include "duet/evidence.h"
#include "duet/fileio.h"
#include "duet/findings_store.h"
#include "duet/minimize.h"
#include "duet/quick_pass.h"
#include "duet/stop.h"
#include "duet/text.h"
#include "triage_settle.h"

static const char *libfuzzer_kind(const char *path) {
  static const char *const kinds[] = {"crash", "leak", "timeout", "oom", "slow-unit"};
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strncmp(base, kinds[i], strlen(kinds[i])) == 0 && base[strlen(kinds[i])] == '-') return kinds[i];
  return "file";
}

/* libFuzzer saw a failure the isolated re-run does not show: keep it, as
   what libFuzzer said. Such inputs share one finding per kind (an OOM from
   memory the campaign's process had piled up shows in none of them), and
   each stays listed among the artifacts. */
static void mark_not_reproduced(struct duet_triaged_input *in) {
  struct duet_verdict *v = &in->verdict;
  int cls = duet_outcome_from_name(strcmp(in->libfuzzer_kind, "slow-unit") == 0 ? "timeout" : in->libfuzzer_kind);
  v->outcome = cls > 0 ? (duet_outcome_class)cls : DUET_OUTCOME_CRASH;
  snprintf(v->side, sizeof v->side, "unknown");
  snprintf(v->kind, sizeof v->kind, "not-reproduced");
  snprintf(v->detail, sizeof v->detail, "libFuzzer reported a %s; isolated re-runs do not reproduce it", in->libfuzzer_kind);
  snprintf(v->feature, sizeof v->feature, "not reproduced in isolation");
}

/* libFuzzer names an artifact KIND-<SHA-1 of its bytes>: a file whose bytes
   do not match was cut short (a full disk leaves them empty) and is no
   evidence of anything. */
static bool damaged(const struct duet_triaged_input *in) {
  const char *base = strrchr(in->path, '/');
  base = base ? base + 1 : in->path;
  size_t k = strlen(in->libfuzzer_kind);
  if (strcmp(in->libfuzzer_kind, "file") == 0 || strlen(base) != k + 41) return false;
  for (const char *h = base + k + 1; *h; h++)
    if (!((*h >= '0' && *h <= '9') || (*h >= 'a' && *h <= 'f'))) return false;
  return strcmp(base + k + 1, in->sha1) != 0;
}

/* The input's path, libFuzzer kind, size and sha1; false (with the error
   recorded) when it cannot be read or is a damaged libFuzzer artifact:
   never triaged, never a finding. */
static bool identify(const char *path, struct duet_triaged_input *in) {
  in->path = strdup(path);
  snprintf(in->libfuzzer_kind, sizeof in->libfuzzer_kind, "%s", libfuzzer_kind(path));
  uint8_t *data;
  int rc = duet_read_file(path, DUET_INPUT_MAX, &data, &in->size);
  if (rc != 0) {
    snprintf(in->error, sizeof in->error, "cannot read: %s", duet_fs_strerror(rc));
    return false;
  }
  duet_sha1_hex(data, in->size, in->sha1);
  free(data);
  if (!damaged(in)) return true;
  in->damaged = true;
  snprintf(in->error, sizeof in->error, "damaged: %zu byte(s) that do not match the SHA-1 in its name (a write cut "
           "short, e.g. by a full disk)", in->size);
  return false;
}

static void classify_input(const struct duet_target *t, const char *path, const struct duet_triage_options *o,
                           struct duet_triaged_input *in) {
  if (!identify(path, in)) return;
  struct duet_repro r;
  int rc;
  if ((rc = duet_repro_run(o->exe, t, path, o->timeout_seconds, &r)) != 0) {
    in->stopped = rc == -EINTR;
    if (in->stopped) snprintf(in->error, sizeof in->error, "not triaged: the run was stopped first");
    else snprintf(in->error, sizeof in->error, "cannot re-run: %s", duet_fs_strerror(rc));
    return;
  }
  in->verdict = r.verdict;
  duet_repro_release(&r);
  bool unexplained = in->verdict.outcome == DUET_OUTCOME_NONE && strcmp(in->libfuzzer_kind, "file") != 0;
  if (unexplained && in->size == 0) { /* a full disk, or libFuzzer's crash handler between two inputs */
    in->damaged = true;
    snprintf(in->error, sizeof in->error, "damaged: an empty %s artifact that does not reproduce (a crash between "
             "two inputs, or a write cut short)", in->libfuzzer_kind);
  } else if (unexplained) mark_not_reproduced(in);
  if (in->verdict.outcome != DUET_OUTCOME_NONE) duet_verdict_signature(t->name, &in->verdict, in->signature);
}

static struct duet_finding *finding_for(struct duet_triage *t, const struct duet_triaged_input *in) {
  for (size_t i = 0; i < t->finding_count; i++)
    if (strcmp(t->findings[i].signature, in->signature) == 0) return &t->findings[i];
  struct duet_finding *f = &t->findings[t->finding_count++];
  memset(f, 0, sizeof *f);
  memcpy(f->signature, in->signature, sizeof f->signature);
  f->verdict = in->verdict;
  f->example = in;
  return f;
}

/* The quick pass over the crash artifacts and plain files (timeouts, OOMs
   and leaks only show in a full re-run). NULL when nothing could be sorted:
   then every input is re-run in isolation, as before the quick pass. */
static struct duet_quick_result *quick_sort(const struct duet_target *target, char *const paths[], size_t count,
                                            const struct duet_triage_options *o) {
  struct duet_quick_result *all = calloc(count + 1, sizeof *all), *some = calloc(count + 1, sizeof *some);
  char **chosen = calloc(count + 1, sizeof *chosen);
  size_t *index = calloc(count + 1, sizeof *index), n = 0;
  int rc = -ENOMEM;
  if (all && some && chosen && index) {
    for (size_t i = 0; i < count; i++) {
      const char *kind = libfuzzer_kind(paths[i]);
      if (strcmp(kind, "crash") != 0 && strcmp(kind, "file") != 0) continue;
      index[n] = i;
      chosen[n++] = paths[i];
    }
    rc = duet_quick_pass(o->exe, target, chosen, n, o->timeout_seconds, some);
    for (size_t k = 0; rc == 0 && k < n; k++) all[index[k]] = some[k];
  }
  free(some);
  free(chosen);
  free(index);
  if (rc != 0) {
    free(all);
    return NULL;
  }
  return all;
}

static bool same_quick_group(const struct duet_quick_result *a, const char *a_path, const struct duet_quick_result *b,
                             const char *b_path) {
  if (a->state != DUET_QUICK_SORTED || b->state != DUET_QUICK_SORTED || a->finding != b->finding) return false;
  if (a->finding) return strcmp(a->signature, b->signature) == 0;
  return strcmp(libfuzzer_kind(a_path), libfuzzer_kind(b_path)) == 0; /* "nothing in process", per libFuzzer kind */
}

/* The first fully re-run input of i's quick group once the group has had its
   replays, else NULL (input i is re-run itself). */
static const struct duet_triaged_input *quick_leader(const struct duet_triage *t, const struct duet_quick_result *quick,
                                                     char *const paths[], size_t i) {
  const struct duet_triaged_input *leader = NULL;
  unsigned replayed = 0;
  for (size_t j = 0; j < i; j++) {
    const struct duet_triaged_input *in = &t->inputs[j];
    if (in->quick_only || in->capped || in->error[0] || !same_quick_group(&quick[j], paths[j], &quick[i], paths[i]))
      continue;
    if (!leader) leader = in;
    replayed++;
  }
  return replayed >= DUET_TRIAGE_REPLAYS_PER_SIGNATURE ? leader : NULL;
}

static void follow(const struct duet_triaged_input *leader, const char *path, struct duet_triaged_input *in) {
  if (!identify(path, in)) return;
  in->verdict = leader->verdict;
  memcpy(in->signature, leader->signature, sizeof in->signature);
  in->quick_only = true;
}

/* Input i's quick-pass signature, when the store keeps it whole
   (duet_store_recall): the input takes the stored verdict, without a re-run. */
static bool recall(const struct duet_target *t, const struct duet_quick_result *q, const char *path,
                   const struct duet_triage_options *o, struct duet_triaged_input *in) {
  struct duet_store_recollection r;
  char sig[17];
  if (!q || q->state != DUET_QUICK_SORTED || !q->finding || !o->findings_dir ||
      !duet_store_recall(o->findings_dir, t->name, q->signature, &r))
    return false;
  duet_verdict_signature(t->name, &r.verdict, sig);
  if (strcmp(sig, q->signature) != 0) return false; /* stored by another signature scheme */
  if (identify(path, in)) {
    in->verdict = r.verdict;
    memcpy(in->signature, sig, sizeof in->signature);
    in->quick_only = in->recalled = true;
  }
  return true;
}

static void mark_stopped(const char *path, struct duet_triaged_input *in) {
  in->path = strdup(path);
  in->stopped = true;
  snprintf(in->error, sizeof in->error, "not triaged: the run was stopped first");
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* An input an earlier triage of this run classified (same file name and
   SHA-1: the run folder may be named another way now) takes that verdict;
   false when there is none. */
static bool resume(const cJSON *previous, const char *path, struct duet_triaged_input *in) {
  const cJSON *e, *found = NULL;
  cJSON_ArrayForEach(e, previous) {
    const char *p = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "path"));
    if (p && strcmp(base_name(p), base_name(path)) == 0) found = e;
  }
  if (!found || cJSON_GetObjectItemCaseSensitive(found, "error") || cJSON_GetObjectItemCaseSensitive(found, "skipped"))
    return false;
  const char *sha1 = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(found, "sha1"));
  const char *sig = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(found, "signature"));
  struct duet_triaged_input candidate = {0};
  if (!sha1 || !sig || strlen(sig) > 16 || !identify(path, &candidate) || strcmp(candidate.sha1, sha1) != 0 ||
      !duet_verdict_from_json(found, &candidate.verdict)) {
    free(candidate.path);
    return false;
  }
  snprintf(candidate.signature, sizeof candidate.signature, "%s", sig);
  candidate.resumed = true;
  *in = candidate;
  return true;
}

/* Classifies input i: from an earlier triage, as its quick-pass group's
   leader did, or by a full isolated re-run (within the limits). */
static void triage_input(const struct duet_target *target, char *const paths[], size_t i,
                         const struct duet_quick_result *quick, const struct duet_triage_options *o, struct duet_triage *t,
                         size_t *timeouts, size_t *replayed) {
  struct duet_triaged_input *in = &t->inputs[t->input_count++];
  if (o->previous && resume(o->previous, paths[i], in)) {
    if (in->verdict.outcome != DUET_OUTCOME_NONE) finding_for(t, in)->inputs++;
    return;
  }
  if (duet_stop_now()) {
    mark_stopped(paths[i], in);
    return;
  }
  if (recall(target, quick ? &quick[i] : NULL, paths[i], o, in)) {
    if (!in->error[0]) finding_for(t, in)->inputs++;
    return;
  }
  const struct duet_triaged_input *leader = quick ? quick_leader(t, quick, paths, i) : NULL;
  if (leader) {
    follow(leader, paths[i], in);
    if (!in->error[0] && in->verdict.outcome != DUET_OUTCOME_NONE) finding_for(t, in)->inputs++;
    return;
  }
  bool timeout = strcmp(libfuzzer_kind(paths[i]), "timeout") == 0;
  if (*replayed >= DUET_TRIAGE_MAX_ARTIFACTS || (timeout && ++*timeouts > DUET_TRIAGE_MAX_TIMEOUTS)) {
    in->path = strdup(paths[i]);
    in->capped = true;
    snprintf(in->error, sizeof in->error, "not re-run: over the limit of %d %s per triage",
             timeout ? DUET_TRIAGE_MAX_TIMEOUTS : DUET_TRIAGE_MAX_ARTIFACTS, timeout ? "timeouts" : "inputs");
    return;
  }
  ++*replayed;
  classify_input(target, paths[i], o, in);
  if (in->error[0] || in->verdict.outcome == DUET_OUTCOME_NONE) return;
  if (in->verdict.frame_count > 0 && !in->verdict.frames_symbolized) t->symbolizer_missing = true;
  finding_for(t, in)->inputs++;
}

int duet_triage_files(const struct duet_target *target, char *const paths[], size_t count,
                      const struct duet_triage_options *o, struct duet_triage *t) {
  memset(t, 0, sizeof *t);
  t->target = target;
  if (o->run_dir) snprintf(t->run_dir, sizeof t->run_dir, "%s", o->run_dir);
  t->inputs = calloc(count + 1, sizeof *t->inputs);
  t->findings = calloc(count + 1, sizeof *t->findings);
  if (!t->inputs || !t->findings) {
    duet_triage_release(t);
    return -ENOMEM;
  }
  struct duet_quick_result *quick = count > DUET_TRIAGE_REPLAYS_PER_SIGNATURE && !duet_stop_now()
                                        ? quick_sort(target, paths, count, o) : NULL;
  size_t timeouts = 0, replayed = 0;
  for (size_t i = 0; i < count; i++) {
    triage_input(target, paths, i, quick, o, t, &timeouts, &replayed);
    t->stopped |= t->inputs[i].stopped;
    if (o->progress) o->progress(o->progress_ctx, i + 1, count);
  }
  free(quick);
  return duet_triage_settle(target, o, t);
}

struct duet_triage_counts duet_triage_count(const struct duet_triage *t) {
  struct duet_triage_counts c = {0};
  for (size_t i = 0; i < t->input_count; i++) {
    const struct duet_triaged_input *in = &t->inputs[i];
    if (in->capped) c.capped++;
    else if (in->stopped) c.untriaged++;
    else if (in->error[0]) c.unreadable++;
    else if (in->resumed) c.resumed++;
    else if (in->recalled) c.recalled++;
    else if (in->quick_only) c.quick_only++;
    else c.replayed++;
  }
  return c;
}

void duet_triage_release(struct duet_triage *t) {
  for (size_t i = 0; t->inputs && i < t->input_count; i++) free(t->inputs[i].path);
  free(t->inputs);
  free(t->findings);
  memset(t, 0, sizeof *t);
}

int duet_triage_worst_exit(const struct duet_triage *t) {
  static const duet_outcome_class severity[] = {DUET_OUTCOME_CRASH, DUET_OUTCOME_PANIC, DUET_OUTCOME_LEAK,
                                                 DUET_OUTCOME_OOM, DUET_OUTCOME_TIMEOUT, DUET_OUTCOME_DIVERGENCE};
  for (size_t s = 0; s < sizeof severity / sizeof severity[0]; s++)
    for (size_t i = 0; i < t->finding_count; i++) {
      const struct duet_finding *f = &t->findings[i];
      if (f->reproduced > 0 && f->status && strcmp(f->status, "known") != 0 && f->verdict.outcome == severity[s])
        return duet_outcome_exit_code(severity[s]);
    }
  return 0;
}

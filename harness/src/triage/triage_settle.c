#define _POSIX_C_SOURCE 200809L
#include "triage_settle.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "duet/confine.h"
#include "duet/evidence.h"
#include "duet/fileio.h"
#include "duet/findings_store.h"
#include "duet/minimize.h"
#include "duet/stop.h"
#include "duet/text.h"

static void check_reliability(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f) {
  f->reruns = 1;
  f->reproduced = strcmp(f->verdict.kind, "not-reproduced") == 0 ? 0 : 1;
  for (unsigned i = 1; i < DUET_TRIAGE_RERUNS && !duet_stop_now(); i++) {
    struct duet_repro r;
    if (duet_repro_run(o->exe, t, f->example->path, o->timeout_seconds, &r) != 0) continue;
    char sig[17];
    duet_verdict_signature(t->name, &r.verdict, sig);
    f->reproduced += strcmp(sig, f->signature) == 0;
    f->reruns++;
    duet_repro_release(&r);
  }
  f->reliable = f->reproduced == f->reruns;
}

/* What makes a finding known, read once per triage: the pair's
   known-divergences.json and the signatures its committed regressions record. */
struct known_lists {
  cJSON *listed, *regressions;
};

static struct known_lists load_known_lists(const struct duet_triage_options *o) {
  struct known_lists k = {0};
  char error[256];
  k.listed = duet_known_load(o->known_path, error, sizeof error);
  if (error[0]) fprintf(stderr, "duet: warning: %s\n", error);
  int rc = 0;
  if (o->regressions_dir) k.regressions = duet_regressions_load(o->regressions_dir, &rc);
  if (rc) fprintf(stderr, "duet: warning: cannot read %s: %s\n", o->regressions_dir, duet_fs_strerror(rc));
  return k;
}

/* Each side alone on the stored minimised input, kept beside it
   (duet/evidence.h). Skipped when the run is being stopped. */
static int collect_evidence(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f) {
  if (duet_stop_now()) return 0;
  char minimized[DUET_PATH_MAX + 16];
  snprintf(minimized, sizeof minimized, "%s/minimized", f->store_dir);
  return duet_evidence_collect(o->exe, t, minimized, o->timeout_seconds, f->store_dir, &f->evidence);
}

/* A finding the store keeps whole (recalled from the quick pass, resumed
   from an earlier triage of the run, or re-run here) keeps the re-runs and
   evidence stored with it; false when they cannot be read back (then they
   are redone). */
static bool reuse_stored(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f) {
  struct duet_store_recollection r;
  if (!o->findings_dir || !duet_store_recall(o->findings_dir, t->name, f->signature, &r)) return false;
  char dir[DUET_PATH_MAX];
  if (snprintf(dir, sizeof dir, "%s/%s/%s", o->findings_dir, t->name, f->signature) >= (int)sizeof dir ||
      duet_evidence_load(dir, &f->evidence) != 0)
    return false;
  f->reproduced = r.reproduced;
  f->reruns = r.reruns;
  f->reliable = true;
  return true;
}

static int settle(const struct duet_target *t, const struct duet_triage_options *o, const struct known_lists *k,
                  struct duet_finding *f) {
  bool reused = reuse_stored(t, o, f);
  if (!reused) check_reliability(t, o, f);
  const char *why = duet_known_lookup(k->listed, &f->verdict, f->signature);
  if (!why) why = duet_known_lookup(k->regressions, &f->verdict, f->signature);
  if (why) duet_text_fit(why, f->known_why, sizeof f->known_why);
  int seen = duet_store_lookup(o->findings_dir, t->name, f);
  if (seen < 0) return seen;
  f->status = why ? "known" : seen ? "seen-before" : "new";
  f->stored_before = seen;
  if (!seen) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(f->first_seen, sizeof f->first_seen, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  uint8_t *input, *minimized = NULL;
  size_t size, minimized_size = 0;
  int rc = duet_read_file(f->example->path, DUET_INPUT_MAX, &input, &size);
  if (rc != 0) return rc;
  if (!seen || !duet_store_has_example(f)) /* a stored example is not minimised again */
    duet_minimize_finding(t, o, f, input, size, &minimized, &minimized_size);
  struct duet_store_example given = {input, size, minimized, minimized_size};
  f->input_size = size; /* what this triage had, should the store fail */
  f->minimized_size = minimized ? minimized_size : size;
  rc = duet_store_save(t->name, f, &given, o->run_id);
  free(input);
  free(minimized);
  return rc || reused ? rc : collect_evidence(t, o, f);
}

int duet_triage_settle(const struct duet_target *target, const struct duet_triage_options *o, struct duet_triage *t) {
  struct known_lists known = load_known_lists(o);
  int rc = 0;
  for (size_t i = 0; i < t->finding_count; i++) {
    struct duet_finding *f = &t->findings[i];
    int err = settle(target, o, &known, f);
    if (!err && o->run_dir) err = duet_store_copy(f, o->run_dir);
    if (err && !rc) rc = err;
    /* Cut short: fewer re-runs, or no minimisation because of the stop. */
    t->stopped |= f->reruns < DUET_TRIAGE_RERUNS || (strcmp(f->minimizer, "none") == 0 && duet_stop_now());
  }
  cJSON_Delete(known.listed);
  cJSON_Delete(known.regressions);
  return rc;
}

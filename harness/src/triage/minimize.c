#define _GNU_SOURCE /* asprintf */
#include "duet/minimize.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "duet/campaign.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/quick_pass.h"
#include "duet/repro.h"
#include "duet/stop.h"

int duet_quick_signature(const char *exe, const struct duet_target *target, const char *path, unsigned timeout_seconds,
                         char signature[17]) {
  struct duet_repro r;
  int rc = duet_repro_quick(exe, target, path, timeout_seconds, &r);
  if (rc != 0) return rc;
  duet_verdict_signature(target->name, &r.verdict, signature);
  duet_repro_release(&r);
  return 0;
}

/* Candidates per batch child (duet exec --batch, as the quick pass runs). */
#define DDMIN_BATCH 128

/* One ddmin step in one child: the candidates that remove one `chunk` of
   best[0..len) at at, at+chunk, ... (up to DDMIN_BATCH of them) run
   together; the first that keeps `want` wins. One that killed its batch (a
   crash) is re-run alone. Returns the winning offset, or `len` for none. */
static size_t first_keeper(const char *exe, const struct duet_target *target, const char *dir, const uint8_t *best,
                           size_t len, size_t at, size_t chunk, const char *want, unsigned timeout_seconds) {
  char *paths[DDMIN_BATCH];
  size_t offsets[DDMIN_BATCH], n = 0, found = len;
  uint8_t *trial = malloc(len + 1);
  for (size_t a = at; trial && a < len && n < DDMIN_BATCH; a += chunk) {
    size_t cut = a + chunk <= len ? chunk : len - a;
    char *path;
    memcpy(trial, best, a);
    memcpy(trial + a, best + a + cut, len - a - cut);
    if (asprintf(&path, "%s/c%zu", dir, n) < 0) break;
    if (duet_write_atomic(path, trial, len - cut) != 0) {
      free(path);
      break;
    }
    offsets[n] = a;
    paths[n++] = path;
  }
  struct duet_quick_result results[DDMIN_BATCH];
  if (trial && n && duet_quick_pass(exe, target, paths, n, timeout_seconds, results) == 0)
    for (size_t i = 0; i < n && found == len; i++) {
      bool keeps = results[i].state == DUET_QUICK_SORTED && results[i].finding && strcmp(results[i].signature, want) == 0;
      char got[17];
      if (results[i].state == DUET_QUICK_FATAL)
        keeps = duet_quick_signature(exe, target, paths[i], timeout_seconds, got) == 0 && strcmp(got, want) == 0;
      if (keeps) found = offsets[i];
    }
  for (size_t i = 0; i < n; i++) {
    unlink(paths[i]);
    free(paths[i]);
  }
  free(trial);
  return found;
}

int duet_minimize_ddmin(const char *exe, const struct duet_target *target, const uint8_t *input, size_t size,
                        const char *signature, unsigned timeout_seconds, unsigned budget_seconds, uint8_t **out,
                        size_t *out_size) {
  uint8_t *best = malloc(size + 1);
  char dir[PATH_MAX];
  if (!best || duet_temp_name(dir, sizeof dir, "duet-min") != 0 || !mkdtemp(dir)) {
    free(best);
    return -ENOMEM;
  }
  memcpy(best, input, size);
  size_t len = size;
  time_t deadline = time(NULL) + budget_seconds;
  /* Greedy, as one-at-a-time ddmin: after a removal the same offset is
     tried again on the shorter input; a batch with no keeper ends the level. */
  for (size_t chunk = len / 2; chunk >= 1 && time(NULL) < deadline && !duet_stop_now(); chunk /= 2) {
    for (size_t at = 0; at < len && time(NULL) < deadline && !duet_stop_now();) {
      size_t a = first_keeper(exe, target, dir, best, len, at, chunk, signature, timeout_seconds);
      if (a == len) {
        at += chunk * DDMIN_BATCH;
        continue;
      }
      size_t cut = a + chunk <= len ? chunk : len - a;
      memmove(best + a, best + a + cut, len - a - cut);
      len -= cut;
      at = a;
    }
  }
  rmdir(dir);
  *out = best;
  *out_size = len;
  return 0;
}

/* libFuzzer runs the candidates through a shell: it gets a folder of its
   own with relative, shell-safe names (the fuzzer as a link, the input as a
   copy) and TMPDIR there, whatever the real paths hold. */
int duet_minimize_libfuzzer(const char *fuzzer, const char *input_path, const char *out_path, const char *signature,
                            unsigned budget_seconds) {
  char dir[PATH_MAX], path[PATH_MAX + 16], time_flag[48], wanted[64];
  uint8_t *data = NULL;
  size_t size;
  if (duet_temp_name(dir, sizeof dir, "duet-minimize") != 0 || !mkdtemp(dir)) return -errno;
  snprintf(path, sizeof path, "%s/fuzzer", dir);
  int rc = symlink(fuzzer, path) == 0 ? 0 : -errno;
  snprintf(path, sizeof path, "%s/input", dir);
  if (rc == 0 && (rc = duet_read_file(input_path, DUET_INPUT_MAX, &data, &size)) == 0) rc = duet_write_atomic(path, data, size);
  free(data);
  snprintf(time_flag, sizeof time_flag, "-max_total_time=%u", budget_seconds);
  char *argv[] = {"./fuzzer", "-minimize_crash=1", "-runs=100000", time_flag, "-exact_artifact_path=minimized", "input", NULL};
  snprintf(wanted, sizeof wanted, "DUET_MINIMIZE_SIGNATURE=%s", signature ? signature : "");
  const char *set[] = {"TMPDIR=.", wanted, NULL};
  char **env = rc == 0 ? duet_env_with(set) : NULL;
  struct duet_child child;
  if (rc == 0 && !env) rc = -ENOMEM;
  /* "./fuzzer" resolves in `dir`: the child changes folder before exec. */
  if (rc == 0 && (rc = duet_child_run_in(argv, dir, env, budget_seconds + 30, &child)) == 0) duet_child_release(&child);
  duet_argv_free(env);
  snprintf(path, sizeof path, "%s/minimized", dir);
  if (rc == 0 && (rc = duet_read_file(path, DUET_INPUT_MAX, &data, &size)) == 0) {
    rc = duet_write_atomic(out_path, data, size);
    free(data);
  } else if (rc == 0) {
    rc = -1;
  }
  duet_remove_tree(dir);
  return rc;
}

/* ---- a triage finding ---- */

static bool keeps_signature(const struct duet_target *t, const struct duet_triage_options *o, const uint8_t *data,
                            size_t size, const char *want) {
  char dir[PATH_MAX], path[PATH_MAX + 8];
  if (duet_temp_name(dir, sizeof dir, "duet-verify") != 0 || !mkdtemp(dir)) return false;
  snprintf(path, sizeof path, "%s/input", dir);
  struct duet_repro r;
  bool same = false;
  if (duet_write_atomic(path, data, size) == 0 && duet_repro_run(o->exe, t, path, o->timeout_seconds, &r) == 0) {
    char sig[17];
    duet_verdict_signature(t->name, &r.verdict, sig);
    same = strcmp(sig, want) == 0;
    duet_repro_release(&r);
  }
  unlink(path);
  rmdir(dir);
  return same;
}

/* libFuzzer's own crash minimiser; the result counts only if a full
   isolated re-run still has the signature (it may drift to another crash). */
static bool try_libfuzzer(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f,
                          uint8_t **out, size_t *out_size) {
  duet_outcome_class cls = f->verdict.outcome;
  bool crash_like = cls == DUET_OUTCOME_CRASH || cls == DUET_OUTCOME_LEAK || cls == DUET_OUTCOME_OOM;
  char quick[17], path[PATH_MAX];
  if (!crash_like && duet_quick_signature(o->exe, t, f->example->path, o->timeout_seconds, quick) != 0) return false;
  if (duet_temp_name(path, sizeof path, "duet-minimized") != 0) return false;
  int fd = mkstemp(path);
  if (fd < 0) return false;
  close(fd);
  unlink(path);
  bool kept = duet_minimize_libfuzzer(o->fuzzer, f->example->path, path, crash_like ? NULL : quick, o->minimize_seconds) == 0 &&
              duet_read_file(path, DUET_INPUT_MAX, out, out_size) == 0;
  unlink(path);
  if (kept && keeps_signature(t, o, *out, *out_size, f->signature)) return true;
  if (kept) free(*out);
  *out = NULL;
  return false;
}

/* duet's delta debugging, which keeps the quick signature at every step;
   checked once more with a full isolated re-run. */
static bool try_ddmin(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f,
                      const uint8_t *input, size_t size, uint8_t **out, size_t *out_size) {
  char quick[17];
  if (duet_quick_signature(o->exe, t, f->example->path, o->timeout_seconds, quick) != 0 ||
      duet_minimize_ddmin(o->exe, t, input, size, quick, o->timeout_seconds, o->minimize_seconds, out, out_size) != 0)
    return false;
  if (keeps_signature(t, o, *out, *out_size, f->signature)) return true;
  free(*out);
  *out = NULL;
  return false;
}

/* Divergences and panics still this long after ddmin get libFuzzer's
   minimiser too, which also changes bytes (a reviewer gains little from
   shrinking an input shorter than this). */
#define DUET_MINIMIZE_SMALL 16

/* Crashes, leaks and OOMs: libFuzzer's minimiser first (a candidate that
   crashes kills its process, so batches gain little); what it cannot shrink
   without changing the signature goes to ddmin. Divergences and panics: the
   batched ddmin first (one child per up to 128 candidates, where libFuzzer's
   minimiser starts a process per step), then libFuzzer's only for a result
   longer than DUET_MINIMIZE_SMALL, the smaller kept. Timeouts are not
   minimised (each step would cost the timeout). */
void duet_minimize_finding(const struct duet_target *t, const struct duet_triage_options *o, struct duet_finding *f,
                           const uint8_t *input, size_t size, uint8_t **out, size_t *out_size) {
  *out = NULL;
  duet_outcome_class cls = f->verdict.outcome;
  bool crash_like = cls == DUET_OUTCOME_CRASH || cls == DUET_OUTCOME_LEAK || cls == DUET_OUTCOME_OOM;
  if (o->minimize_seconds && f->reliable && cls != DUET_OUTCOME_TIMEOUT && !duet_stop_now()) {
    if (o->fuzzer && crash_like && try_libfuzzer(t, o, f, out, out_size)) {
      snprintf(f->minimizer, sizeof f->minimizer, "libFuzzer -minimize_crash");
      return;
    }
    if (try_ddmin(t, o, f, input, size, out, out_size)) {
      snprintf(f->minimizer, sizeof f->minimizer, "duet ddmin");
      uint8_t *other;
      size_t other_size;
      if (!crash_like && o->fuzzer && *out_size > DUET_MINIMIZE_SMALL && !duet_stop_now() &&
          try_libfuzzer(t, o, f, &other, &other_size)) {
        bool smaller = other_size < *out_size;
        free(smaller ? *out : other);
        if (smaller) {
          *out = other;
          *out_size = other_size;
          snprintf(f->minimizer, sizeof f->minimizer, "libFuzzer -minimize_crash");
        }
      }
      return;
    }
  }
  snprintf(f->minimizer, sizeof f->minimizer, "none");
  *out = malloc(size + 1);
  if (*out) memcpy(*out, input, size);
  *out_size = size;
}

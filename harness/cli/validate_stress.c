/*
 * `duet validate` for the bugs only threads show ("mechanism": "stress" in
 * targets/ground-truth.json, e.g. TLV-5): `duet stress` runs as a child
 * process, and its stress.json says which sides showed a corruption.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/fileio.h"
#include "duet/groundtruth.h"
#include "duet/isolate.h"
#include "validate.h"

/* Runs `duet stress TARGET --threads 8 --time S --reports DIR` with `what`
   (--corpus DIR or --input FILE); the stress.json it wrote (caller owns it)
   or NULL. */
static cJSON *run_stress(const char *exe, const char *target, const char *what, const char *path, long seconds,
                         const char *dir) {
  char time[32];
  snprintf(time, sizeof time, "%ld", seconds);
  char *argv[] = {(char *)exe, "stress", (char *)target, (char *)what, (char *)path, "--threads", "8", "--time", time,
                  "--reports", (char *)dir, NULL};
  struct duet_child child;
  if (duet_make_dirs(dir) != 0 || duet_child_run_in(argv, NULL, NULL, (unsigned)seconds + 120, &child) != 0) return NULL;
  bool ran = child.exit_code == 0 || child.exit_code == 9;
  duet_child_release(&child);
  char **entries;
  long n = ran ? duet_list_entries(dir, &entries) : -1;
  cJSON *found = NULL;
  for (long i = 0; i < n && !found; i++) {
    char file[PATH_MAX];
    uint8_t *data;
    size_t size;
    snprintf(file, sizeof file, "%s/stress.json", entries[i]);
    if (strstr(entries[i], "/stress-") && duet_read_file(file, (size_t)16 << 20, &data, &size) == 0) {
      found = cJSON_ParseWithLength((const char *)data, size);
      free(data);
    }
  }
  duet_paths_free(n >= 0 ? entries : NULL);
  return found;
}

/* The finding stress.json shows for `side`: the first corruption record's, else none. */
static void side_finding(const cJSON *stress, const char *side, struct duet_gt_finding *f, double *seconds) {
  memset(f, 0, sizeof *f);
  snprintf(f->cls, sizeof f->cls, "none");
  const cJSON *rec;
  cJSON_ArrayForEach(rec, cJSON_GetObjectItem(stress, "findings")) {
    if (strcmp(duet_validate_text(rec, "side"), side) != 0) continue;
    snprintf(f->cls, sizeof f->cls, "%s", duet_validate_text(rec, "class"));
    snprintf(f->kind, sizeof f->kind, "%s", duet_validate_text(rec, "kind"));
    if (seconds) *seconds = cJSON_GetNumberValue(cJSON_GetObjectItem(rec, "seconds_into_run"));
    return;
  }
}

int duet_validate_stress_trial(const char *exe, const struct duet_validate_measurement *m, const struct duet_target *target,
                               size_t trial, const char *dir, long long offset_ms, long seconds) {
  char seeds[PATH_MAX], out[PATH_MAX];
  snprintf(seeds, sizeof seeds, "%s/seeds/%s", duet_build_info.binary_dir, target->name);
  snprintf(out, sizeof out, "%s/stress", dir);
  duet_cli_print(stderr, "duet: validate %s trial %zu/%zu: duet stress (%lds)", target->name, trial + 1, m->trials, seconds);
  cJSON *stress = run_stress(exe, target->name, "--corpus", seeds, seconds, out);
  if (!stress) return -EIO;
  size_t sides = 1 + duet_target_candidate_count(target);
  for (size_t s = 0; s < sides; s++) {
    const char *name = s == 0 ? target->reference->name : target->candidates[s - 1]->name;
    struct duet_gt_finding f;
    double into = 0;
    side_finding(stress, name, &f, &into);
    if (strcmp(f.cls, "none") == 0) continue;
    char found[96];
    duet_gt_finding_text(&f, found, sizeof found);
    size_t b = 0, last = m->bug_count;
    bool credited = false;
    const cJSON *bug;
    long long t = offset_ms + (long long)(into * 1000);
    cJSON_ArrayForEach(bug, m->bugs) {
      if (strcmp(duet_validate_text(bug, "component"), target->name) == 0 && duet_validate_is_stress_bug(bug)) {
        last = b;
        if (duet_validate_expected_for(bug, name, &f)) {
          duet_validate_credit(duet_validate_cell_at(m, b, s, trial), t, true, true, found);
          credited = true;
        }
      }
      b++;
    }
    if (!credited && last < m->bug_count) duet_validate_credit(duet_validate_cell_at(m, last, s, trial), t, false, true, found);
  }
  cJSON_Delete(stress);
  return 0;
}

enum { STRESS_TRIGGER_RUNS = 5 }; /* of 3 s each, at most */

/* Whether `stress` shows a finding on every side whose variant contains the bug. */
static bool all_shown(const cJSON *bug, const struct duet_target *target, const cJSON *stress) {
  if (!stress) return false;
  for (size_t s = 0; s < 1 + duet_target_candidate_count(target); s++) {
    const char *name = s == 0 ? target->reference->name : target->candidates[s - 1]->name;
    const cJSON *variant = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(bug, "variants"), name);
    struct duet_gt_finding f;
    side_finding(stress, name, &f, NULL);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(variant, "contains")) && strcmp(f.cls, "none") == 0) return false;
  }
  return true;
}

struct canary_hits {
  const char *id;
  char sides[DUET_MAX_SIDES][64]; /* sides that logged id as triggered */
  size_t n;
};

static void note_hit(void *ctx, long long ms, const char *what, const char *id, const char *side) {
  struct canary_hits *h = ctx;
  (void)ms;
  if (strcmp(what, "triggered") != 0 || strcmp(id, h->id) != 0 || h->n == DUET_MAX_SIDES) return;
  for (size_t i = 0; i < h->n; i++)
    if (strcmp(h->sides[i], side) == 0) return;
  snprintf(h->sides[h->n++], sizeof h->sides[0], "%s", side);
}

static bool hit_on(const struct canary_hits *h, const char *side) {
  for (size_t i = 0; i < h->n; i++)
    if (strcmp(h->sides[i], side) == 0) return true;
  return false;
}

int duet_validate_stress_trigger(const char *exe, const cJSON *bug, const cJSON *trigger, const char *log_path,
                                 int *failed) {
  const char *id = duet_validate_text(bug, "id");
  const struct duet_target *target = duet_target_find(duet_validate_text(bug, "component"));
  char input[PATH_MAX], dir[] = "/tmp/duet-validate-stress-XXXXXX";
  snprintf(input, sizeof input, "%s/%s", duet_build_info.source_dir, duet_validate_text(trigger, "input"));
  if (!mkdtemp(dir)) return (*failed)++, 0;
  unlink(log_path);
  setenv("DUET_CANARY_LOG", log_path, 1);
  /* A race shows when the scheduler lets it: on a loaded machine one short run
     may miss a side, so up to STRESS_TRIGGER_RUNS runs, their findings merged,
     until every side the bug is in has shown one. */
  cJSON *stress = NULL;
  for (int k = 0; k < STRESS_TRIGGER_RUNS && !all_shown(bug, target, stress); k++) {
    char sub[sizeof dir + 16];
    snprintf(sub, sizeof sub, "%s/%d", dir, k);
    cJSON *more = run_stress(exe, target->name, "--input", input, 3, sub);
    if (!stress) stress = more;
    else if (more) {
      cJSON *f;
      while ((f = cJSON_DetachItemFromArray(cJSON_GetObjectItem(more, "findings"), 0)) != NULL)
        cJSON_AddItemToArray(cJSON_GetObjectItem(stress, "findings"), f);
      cJSON_Delete(more);
    }
  }
  unsetenv("DUET_CANARY_LOG");
  duet_remove_tree(dir);
  struct canary_hits hits = {.id = id};
  duet_gt_read_canary_log(log_path, note_hit, &hits);
  if (!stress) {
    printf("BROKEN  %-6s %s: duet stress did not run\n", id, input);
    return (*failed)++, 0;
  }
  const cJSON *expect = cJSON_GetObjectItemCaseSensitive(trigger, "expect");
  int passed = 0;
  struct {
    const char *name;
  } side;
  for (size_t s = 0; s < 1 + duet_target_candidate_count(target); s++) {
    side.name = s == 0 ? target->reference->name : target->candidates[s - 1]->name;
    struct duet_gt_finding f;
    side_finding(stress, side.name, &f, NULL);
    const cJSON *want = cJSON_GetObjectItemCaseSensitive(expect, side.name);
    char got[128], wanted[128] = "(no expectation in the manifest)";
    duet_gt_finding_text(&f, got, sizeof got);
    if (want) duet_gt_expect_text(want, wanted, sizeof wanted);
    /* The canary must fire where the bug is, and only there. */
    const cJSON *variant = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(bug, "variants"), side.name);
    bool contains = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(variant, "contains"));
    bool ok = want && duet_gt_finding_matches(want, &f) && hit_on(&hits, side.name) == contains;
    printf("%s %-6s %-12s %-40s canary %s under duet stress  %s\n", ok ? "PASS   " : "FAIL   ", id, side.name, got,
           hit_on(&hits, side.name) ? "triggered" : "NOT triggered", duet_validate_text(trigger, "input"));
    if (ok) passed++;
    else printf("        expected %s, canary %s\n", wanted, contains ? "triggered" : "not triggered"), (*failed)++;
  }
  cJSON_Delete(stress);
  return passed;
}

/*
 * `duet validate`'s campaigns: short campaigns on each ground-truth target,
 * repeated per trial; every saved input examined for the bugs it shows, per
 * side (reached, triggered, detected, attributed, named, time to first
 * detection), then written as validate.json and validate.md.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/campaign.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/groundtruth.h"
#include "duet/isolate.h"
#include "duet/repro.h"
#include "duet/stop.h"
#include "validate.h"

size_t duet_validate_side_index(const struct duet_target *t, const char *name) {
  if (strcmp(t->reference->name, name) == 0) return 0;
  for (size_t i = 0; t->candidates[i]; i++)
    if (strcmp(t->candidates[i]->name, name) == 0) return i + 1;
  return DUET_MAX_SIDES;
}

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct log_ctx {
  const struct duet_validate_measurement *m;
  const struct duet_target *target;
  size_t trial;
  long long start_ms;
};

static void note_campaign_hit(void *ctx, long long ms, const char *what, const char *id, const char *side) {
  const struct log_ctx *c = ctx;
  size_t s = duet_validate_side_index(c->target, side), b = 0;
  const cJSON *bug;
  cJSON_ArrayForEach(bug, c->m->bugs) {
    if (s < DUET_MAX_SIDES && strcmp(duet_validate_text(bug, "id"), id) == 0 &&
        strcmp(duet_validate_text(bug, "component"), c->target->name) == 0) {
      struct duet_validate_cell *cl = duet_validate_cell_at(c->m, b, s, c->trial);
      long long *slot = strcmp(what, "triggered") == 0 ? &cl->triggered_ms : &cl->reached_ms;
      long long t = ms - c->start_ms < 0 ? 0 : ms - c->start_ms;
      if (*slot < 0 || t < *slot) *slot = t;
      if (slot == &cl->triggered_ms && (cl->reached_ms < 0 || t < cl->reached_ms)) cl->reached_ms = t;
    }
    b++;
  }
}

static bool verdict_names(const char *verdict_side, const char *side) {
  if (strcmp(verdict_side, "both") == 0 || strcmp(verdict_side, "all") == 0) return true;
  size_t n = strlen(side);
  for (const char *p = verdict_side; (p = strstr(p, side)) != NULL; p += n)
    if ((p == verdict_side || p[-1] == '+') && (p[n] == '\0' || p[n] == '+')) return true;
  return false;
}

void duet_validate_credit(struct duet_validate_cell *cl, long long t, bool attributed, bool in_verdict, const char *found_as) {
  if (cl->detected_ms < 0 || t < cl->detected_ms) {
    cl->detected_ms = t;
    snprintf(cl->found_as, sizeof cl->found_as, "%s", found_as);
  }
  cl->attributed |= attributed;
  cl->in_verdict |= in_verdict;
}

bool duet_validate_expected_for(const cJSON *bug, const char *side, const struct duet_gt_finding *f) {
  const cJSON *variant = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(bug, "variants"), side);
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(variant, "expect"))
    if (duet_gt_finding_matches(e, f)) return true;
  return false;
}

/* Credits the bugs a saved input shows: for each side with a finding, every
   triggered bug that expects it, else the last bug it triggered (the one
   nearest the fault) as a detection with the wrong attribution. */
static void examine_artifact(const char *exe, const struct duet_validate_measurement *m, const struct duet_target *target,
                             size_t trial, const char *path, long long t, const struct duet_validate_options *o,
                             const char *log_path) {
  struct duet_gt_side sides[DUET_MAX_SIDES];
  size_t count;
  if (duet_gt_run_sides(exe, target, path, (unsigned)o->timeout, log_path, sides, &count) != 0) return;
  struct duet_repro repro;
  bool have_verdict = duet_repro_run(exe, target, path, (unsigned)o->timeout, &repro) == 0;
  for (size_t i = 0; i < count; i++) {
    struct duet_gt_finding f;
    duet_gt_finding(sides, count, i, &f);
    if (strcmp(f.cls, "none") == 0 || sides[i].triggered_count == 0) continue;
    char found[96];
    duet_gt_finding_text(&f, found, sizeof found);
    bool named = have_verdict && verdict_names(repro.verdict.side, sides[i].name), credited = false;
    size_t b = 0, last = m->bug_count;
    const cJSON *bug;
    cJSON_ArrayForEach(bug, m->bugs) {
      const char *id = duet_validate_text(bug, "id");
      if (strcmp(duet_validate_text(bug, "component"), target->name) == 0 && duet_gt_side_triggered(&sides[i], id)) {
        if (duet_validate_expected_for(bug, sides[i].name, &f)) {
          duet_validate_credit(duet_validate_cell_at(m, b, i, trial), t, true, named, found);
          credited = true;
        }
        if (strcmp(id, sides[i].triggered[sides[i].triggered_count - 1]) == 0) last = b;
      }
      b++;
    }
    if (!credited && last < m->bug_count) duet_validate_credit(duet_validate_cell_at(m, last, i, trial), t, false, named, found);
  }
  if (have_verdict) duet_repro_release(&repro);
  duet_gt_sides_release(sides, count);
}

struct artifact {
  char name[NAME_MAX + 1];
  long long mtime_ms;
};

static int by_mtime(const void *a, const void *b) {
  long long x = ((const struct artifact *)a)->mtime_ms, y = ((const struct artifact *)b)->mtime_ms;
  return x < y ? -1 : x > y;
}

/* The campaign's saved inputs, earliest first. Caller frees. */
static struct artifact *list_artifacts(const char *dir, size_t *count) {
  *count = 0;
  DIR *d = opendir(dir);
  if (!d) return NULL;
  struct artifact *list = NULL;
  size_t cap = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    char path[PATH_MAX];
    struct stat st;
    if (e->d_name[0] == '.' || snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
        stat(path, &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    if (*count == cap) {
      struct artifact *grown = realloc(list, (cap = cap ? cap * 2 : 64) * sizeof *list);
      if (!grown) break;
      list = grown;
    }
    snprintf(list[*count].name, sizeof list[*count].name, "%s", e->d_name);
    list[(*count)++].mtime_ms = (long long)st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
  }
  closedir(d);
  if (list) qsort(list, *count, sizeof *list, by_mtime);
  return list;
}

/* Saved hangs (timeout-*) examined per campaign, earliest first. */
enum { MAX_HANGS_EXAMINED = 3 };

struct trial_stats {
  long long executions;
  size_t artifacts, examined, not_examined;
  int fuzzer_exit;
};

/* "<class>-<16 hex>-<k>": saved by the driver's exploration loop (duet/explore.h). */
static bool driver_saved(const char *name) {
  const char *dash = strchr(name, '-');
  if (!dash || strlen(dash + 1) < 18 || dash[17] != '-') return false;
  return strspn(dash + 1, "0123456789abcdef") == 16 && strspn(dash + 18, "0123456789") == strlen(dash + 18);
}

static bool has_stress_bug(const struct duet_validate_measurement *m, const struct duet_target *target) {
  const cJSON *bug;
  cJSON_ArrayForEach(bug, m->bugs)
    if (duet_validate_is_stress_bug(bug) && strcmp(duet_validate_text(bug, "component"), target->name) == 0) return true;
  return false;
}

static int run_trial(const char *exe, const struct duet_validate_measurement *m, const struct duet_target *target, size_t trial,
                     const char *out_dir, const struct duet_validate_options *o, struct trial_stats *stats) {
  char dir[PATH_MAX], corpus[PATH_MAX], artifacts[PATH_MAX], log[PATH_MAX], canaries[PATH_MAX], scratch[PATH_MAX];
  char fuzzer[PATH_MAX], seeds[PATH_MAX], dict[PATH_MAX];
  snprintf(dir, sizeof dir, "%s/%s/trial-%zu", out_dir, target->name, trial + 1);
  snprintf(corpus, sizeof corpus, "%s/corpus", dir);
  snprintf(artifacts, sizeof artifacts, "%s/artifacts", dir);
  snprintf(log, sizeof log, "%s/fuzz.log", dir);
  snprintf(canaries, sizeof canaries, "%s/canaries.log", dir);
  snprintf(scratch, sizeof scratch, "%s/replay-canaries.log", dir);
  snprintf(fuzzer, sizeof fuzzer, "%s", exe);
  char *slash = strrchr(fuzzer, '/');
  snprintf(slash ? slash + 1 : fuzzer, sizeof fuzzer - (size_t)(slash ? slash + 1 - fuzzer : 0), "duet-fuzz-%s",
           target->name);
  snprintf(seeds, sizeof seeds, "%s/seeds/%s", duet_build_info.binary_dir, target->name);
  snprintf(dict, sizeof dict, "%s/dicts/%s.dict", duet_build_info.binary_dir, target->name);
  int rc;
  if ((rc = duet_make_dirs(corpus)) != 0 || (rc = duet_make_dirs(artifacts)) != 0) return rc;
  if (access(fuzzer, X_OK) != 0) return -ENOENT;

  /* From the seeds alone: the committed triggers would find every bug at once. */
  const char *dirs[3] = {corpus, seeds, NULL};
  if (access(seeds, R_OK) != 0) dirs[1] = NULL;
  size_t extra_count = 0;
  while (o->extra[extra_count]) extra_count++;
  char **extra = calloc(extra_count + 2, sizeof *extra);
  if (!extra) return -ENOMEM;
  for (size_t i = 0; i < extra_count; i++) extra[i] = o->extra[i];
  char run_dir[PATH_MAX];
  if (!realpath(dir, run_dir)) {
    free(extra);
    return -errno;
  }
  struct duet_campaign_spec spec = {.fuzzer = fuzzer, .seconds = (unsigned)o->seconds, .jobs = 1, .timeout_seconds = 5,
                                    .run_dir = run_dir, .dict = access(dict, R_OK) == 0 ? dict : NULL,
                                    .corpus_dirs = dirs, .extra = extra, .regressions_dir = ""};
  duet_cli_print(stderr, "duet: validate %s trial %zu/%zu (%lds)", target->name, trial + 1, m->trials, o->seconds);
  unlink(canaries);
  setenv("DUET_CANARY_LOG", canaries, 1);
  long long start = now_ms();
  stats->fuzzer_exit = duet_campaign_run(&spec);
  free(extra);
  if (!duet_stop_signal() && has_stress_bug(m, target)) {
    int src = duet_validate_stress_trial(exe, m, target, trial, dir, now_ms() - start, duet_validate_stress_seconds(o->seconds));
    if (src != 0) duet_cli_print(stderr, "duet: validate %s: duet stress did not run: %s", target->name, duet_fs_strerror(src));
  }
  unsetenv("DUET_CANARY_LOG");
  if (duet_stop_signal()) return -EINTR;

  uint8_t *text;
  size_t size;
  struct duet_fuzz_stats fs = {0};
  if (duet_read_file(log, (size_t)64 << 20, &text, &size) == 0) {
    text[size] = '\0';
    duet_fuzz_stats_parse((char *)text, &fs);
    free(text);
  }
  stats->executions = fs.executions;
  struct log_ctx ctx = {.m = m, .target = target, .trial = trial, .start_ms = start};
  duet_gt_read_canary_log(canaries, note_campaign_hit, &ctx);

  struct artifact *list = list_artifacts(artifacts, &stats->artifacts);
  size_t hangs = 0, others = 0;
  for (size_t i = 0; i < stats->artifacts; i++) {
    char path[PATH_MAX];
    /* A hang costs every hanging side's timeout several times over, and one
       hang tends to be saved again and again: a few say what there is. The
       driver saves at most a few inputs per signature: all are examined;
       libFuzzer's own (crashes it could not recover from) up to the cap. */
    if (strncmp(list[i].name, "slow-unit-", 10) == 0 ||
        (strncmp(list[i].name, "timeout-", 8) == 0 && hangs++ >= MAX_HANGS_EXAMINED))
      continue;
    if (!driver_saved(list[i].name) && others++ >= (size_t)o->max_artifacts) {
      stats->not_examined++;
      continue;
    }
    snprintf(path, sizeof path, "%s/%s", artifacts, list[i].name);
    examine_artifact(exe, m, target, trial, path, list[i].mtime_ms - start, o, scratch);
    stats->examined++;
  }
  free(list);
  unlink(scratch);
  return 0;
}

static int write_text(const char *dir, const char *name, const char *text) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return text ? duet_write_atomic(path, text, strlen(text)) : -ENOMEM;
}

int duet_validate_run_campaigns(const char *exe, const cJSON *bugs, const struct duet_validate_options *o, const char *out_dir) {
  duet_stop_install();
  struct duet_validate_measurement m = {
      .bugs = bugs, .bug_count = (size_t)cJSON_GetArraySize(bugs), .trials = (size_t)o->trials};
  m.cells = calloc(m.bug_count * DUET_MAX_SIDES * m.trials + 1, sizeof *m.cells);
  if (!m.cells) return DUET_EXIT_INTERNAL;
  for (size_t i = 0; i < m.bug_count * DUET_MAX_SIDES * m.trials; i++)
    m.cells[i].reached_ms = m.cells[i].triggered_ms = m.cells[i].detected_ms = -1;
  cJSON *campaigns = cJSON_CreateArray();
  int status = DUET_EXIT_OK;
  const cJSON *bug;
  cJSON_ArrayForEach(bug, bugs) {
    const char *name = duet_validate_text(bug, "component");
    bool seen = false;
    for (const cJSON *earlier = bugs->child; earlier != bug && !seen; earlier = earlier->next)
      seen = strcmp(duet_validate_text(earlier, "component"), name) == 0;
    if (seen || (o->only_target && strcmp(o->only_target, name) != 0)) continue;
    const struct duet_target *target = duet_target_find(name);
    for (size_t t = 0; t < m.trials && status == DUET_EXIT_OK; t++) {
      struct trial_stats st = {0};
      int rc = run_trial(exe, &m, target, t, out_dir, o, &st);
      if (rc == -EINTR) status = DUET_EXIT_INTERNAL;
      else if (rc != 0) {
        duet_cli_print(stderr, "duet: cannot run a campaign on %s: %s", name, duet_fs_strerror(rc));
        status = DUET_EXIT_INTERNAL;
      }
      cJSON *jc = cJSON_CreateObject();
      cJSON_AddStringToObject(jc, "target", name);
      cJSON_AddNumberToObject(jc, "trial", (double)(t + 1));
      cJSON_AddNumberToObject(jc, "fuzzer_exit", st.fuzzer_exit);
      cJSON_AddNumberToObject(jc, "executions", (double)st.executions);
      cJSON_AddNumberToObject(jc, "artifacts", (double)st.artifacts);
      cJSON_AddNumberToObject(jc, "artifacts_examined", (double)st.examined);
      cJSON_AddNumberToObject(jc, "artifacts_not_examined", (double)st.not_examined);
      cJSON_AddItemToArray(campaigns, jc);
    }
  }
  cJSON *root = duet_validate_results_json(&m, o->manifest, o->seconds, o->only_target, campaigns);
  char *json = cJSON_Print(root), *md = duet_validate_results_markdown(root);
  int rc = write_text(out_dir, "validate.json", json);
  if (rc == 0) rc = write_text(out_dir, "validate.md", md);
  if (rc != 0) {
    duet_cli_print(stderr, "duet: cannot write the results in %s: %s", out_dir, duet_fs_strerror(rc));
    status = DUET_EXIT_INTERNAL;
  } else {
    printf("%s/validate.md\n", out_dir);
  }
  cJSON_free(json);
  free(md);
  cJSON_Delete(root);
  free(m.cells);
  return status;
}

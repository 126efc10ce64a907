/* `duet validate`'s summary: counts and medians over trials, JSON and Markdown. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/groundtruth.h"
#include "duet/registry.h"
#include "validate.h"

static const char *text_of(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
  return s ? s : "";
}

static int by_value(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

/* Median of the trials' times that are >= 0, in seconds; -1 when none. */
static double median_s(const struct duet_validate_measurement *m, size_t bug, size_t side, size_t field) {
  long long v[100];
  size_t n = 0;
  for (size_t t = 0; t < m->trials; t++) {
    const struct duet_validate_cell *c = duet_validate_cell_at(m, bug, side, t);
    long long x = field == 0 ? c->reached_ms : field == 1 ? c->triggered_ms : c->detected_ms;
    if (x >= 0) v[n++] = x;
  }
  if (n == 0) return -1;
  qsort(v, n, sizeof v[0], by_value);
  return (n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0) / 1000.0;
}

static cJSON *seconds_or_null(double s) { return s < 0 ? cJSON_CreateNull() : cJSON_CreateNumber(s); }

struct counts {
  size_t reached, triggered, detected, attributed, in_verdict;
};

static struct counts count_cells(const struct duet_validate_measurement *m, size_t bug, size_t side) {
  struct counts k = {0};
  for (size_t t = 0; t < m->trials; t++) {
    const struct duet_validate_cell *c = duet_validate_cell_at(m, bug, side, t);
    k.reached += c->reached_ms >= 0;
    k.triggered += c->triggered_ms >= 0;
    k.detected += c->detected_ms >= 0;
    k.attributed += c->attributed;
    k.in_verdict += c->in_verdict;
  }
  return k;
}

static void first_expect(const cJSON *bug, const char *side, char *out, size_t cap, bool *contains) {
  const cJSON *variant = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(bug, "variants"), side);
  *contains = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(variant, "contains"));
  const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(variant, "expect"), 0);
  if (e) duet_gt_expect_text(e, out, cap);
  else snprintf(out, cap, "?");
}

cJSON *duet_validate_results_json(const struct duet_validate_measurement *m, const char *manifest, long seconds,
                                  const char *only_target, cJSON *campaigns) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "manifest", manifest);
  cJSON_AddNumberToObject(root, "trials", (double)m->trials);
  cJSON_AddNumberToObject(root, "seconds_per_campaign", (double)seconds);
  cJSON_AddItemToObject(root, "campaigns", campaigns);
  cJSON *bugs = cJSON_AddArrayToObject(root, "bugs");
  size_t b = 0;
  const cJSON *bug;
  cJSON_ArrayForEach(bug, m->bugs) {
    const struct duet_target *target = duet_target_find(text_of(bug, "component"));
    if (only_target && strcmp(only_target, target->name) != 0) {
      b++;
      continue;
    }
    cJSON *jb = cJSON_CreateObject();
    cJSON_AddStringToObject(jb, "id", text_of(bug, "id"));
    cJSON_AddStringToObject(jb, "component", text_of(bug, "component"));
    cJSON_AddStringToObject(jb, "class", text_of(bug, "class"));
    cJSON *sides = cJSON_AddArrayToObject(jb, "sides");
    for (size_t s = 0; s <= duet_target_candidate_count(target) && s < DUET_MAX_SIDES; s++) {
      const char *name = s == 0 ? target->reference->name : target->candidates[s - 1]->name;
      char expected[128];
      bool contains;
      first_expect(bug, name, expected, sizeof expected, &contains);
      struct counts k = count_cells(m, b, s);
      cJSON *js = cJSON_CreateObject();
      cJSON_AddStringToObject(js, "side", name);
      cJSON_AddBoolToObject(js, "contains", contains);
      cJSON_AddStringToObject(js, "expected", expected);
      cJSON_AddNumberToObject(js, "reached", (double)k.reached);
      cJSON_AddNumberToObject(js, "triggered", (double)k.triggered);
      cJSON_AddNumberToObject(js, "detected", (double)k.detected);
      cJSON_AddNumberToObject(js, "attributed", (double)k.attributed);
      cJSON_AddNumberToObject(js, "in_verdict", (double)k.in_verdict);
      cJSON_AddItemToObject(js, "median_seconds_to_trigger", seconds_or_null(median_s(m, b, s, 1)));
      cJSON_AddItemToObject(js, "median_seconds_to_detection", seconds_or_null(median_s(m, b, s, 2)));
      cJSON *trials = cJSON_AddArrayToObject(js, "per_trial");
      for (size_t t = 0; t < m->trials; t++) {
        const struct duet_validate_cell *c = duet_validate_cell_at(m, b, s, t);
        cJSON *jt = cJSON_CreateObject();
        cJSON_AddItemToObject(jt, "reached_s", seconds_or_null(c->reached_ms < 0 ? -1 : c->reached_ms / 1000.0));
        cJSON_AddItemToObject(jt, "triggered_s", seconds_or_null(c->triggered_ms < 0 ? -1 : c->triggered_ms / 1000.0));
        cJSON_AddItemToObject(jt, "detected_s", seconds_or_null(c->detected_ms < 0 ? -1 : c->detected_ms / 1000.0));
        cJSON_AddBoolToObject(jt, "attributed", c->attributed);
        cJSON_AddBoolToObject(jt, "in_verdict", c->in_verdict);
        if (c->detected_ms >= 0) cJSON_AddStringToObject(jt, "found_as", c->found_as);
        cJSON_AddItemToArray(trials, jt);
      }
      cJSON_AddItemToArray(sides, js);
    }
    cJSON_AddItemToArray(bugs, jb);
    b++;
  }
  return root;
}

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...) {
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int n = *buf ? vsnprintf(*buf + *len, *cap - *len, fmt, ap) : -1;
    va_end(ap);
    if (n >= 0 && (size_t)n < *cap - *len) {
      *len += (size_t)n;
      return;
    }
    size_t grown = *cap ? *cap * 2 : 8192;
    char *p = realloc(*buf, grown);
    if (!p) return;
    *buf = p;
    *cap = grown;
  }
}

char *duet_validate_results_markdown(const cJSON *root) {
  char *md = NULL;
  size_t len = 0, cap = 0;
  double trials = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(root, "trials"));
  append(&md, &len, &cap,
         "# duet validate: planted bugs found and missed\n\n"
         "%g campaign(s) of %gs per target, from the seeds alone. Counts are trials out of %g.\n"
         "*reached/triggered*: the bug's canary in that side during the campaign. *detected*: a saved\n"
         "input triggers the canary in that side and the side, run alone, shows a finding (crash, leak,\n"
         "timeout, oom, panic, or a divergence from the C side). *attributed*: that finding is one the\n"
         "manifest expects for the side. *verdict*: duet's one-line verdict names the side.\n"
         "Times are medians over the trials where it happened (seconds from the campaign's start).\n"
         "In a campaign all sides run in one process, C first: when C crashes, the candidates never\n"
         "run that input, so their reached/triggered counts are lower bounds (detection replays each\n"
         "saved input per side and is not affected).\n\n"
         "| bug | class | side | has bug | expected | reached | triggered | detected | attributed | verdict | median s to trigger | median s to detect | found as |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
         trials, cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(root, "seconds_per_campaign")), trials);
  const cJSON *campaign, *bug, *side;
  cJSON_ArrayForEach(bug, cJSON_GetObjectItemCaseSensitive(root, "bugs")) {
    cJSON_ArrayForEach(side, cJSON_GetObjectItemCaseSensitive(bug, "sides")) {
      char ttt[32] = "-", ttd[32] = "-", found[128] = "-";
      const cJSON *a = cJSON_GetObjectItemCaseSensitive(side, "median_seconds_to_trigger");
      const cJSON *d = cJSON_GetObjectItemCaseSensitive(side, "median_seconds_to_detection");
      if (cJSON_IsNumber(a)) snprintf(ttt, sizeof ttt, "%.1f", a->valuedouble);
      if (cJSON_IsNumber(d)) snprintf(ttd, sizeof ttd, "%.1f", d->valuedouble);
      const cJSON *t;
      cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(side, "per_trial"))
        if (*text_of(t, "found_as")) {
          snprintf(found, sizeof found, "%s", text_of(t, "found_as"));
          break;
        }
      append(&md, &len, &cap, "| %s | %s | %s | %s | %s | %g | %g | %g | %g | %g | %s | %s | %s |\n", text_of(bug, "id"),
             text_of(bug, "class"), text_of(side, "side"),
             cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(side, "contains")) ? "yes" : "no", text_of(side, "expected"),
             cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(side, "reached")),
             cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(side, "triggered")),
             cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(side, "detected")),
             cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(side, "attributed")),
             cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(side, "in_verdict")), ttt, ttd, found);
    }
  }
  append(&md, &len, &cap, "\nSaved inputs examined per campaign (all the driver saved; libFuzzer's own up to the cap):");
  cJSON_ArrayForEach(campaign, cJSON_GetObjectItemCaseSensitive(root, "campaigns"))
    append(&md, &len, &cap, " %s #%g: %g of %g;", text_of(campaign, "target"),
           cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(campaign, "trial")),
           cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(campaign, "artifacts_examined")),
           cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(campaign, "artifacts")));
  append(&md, &len, &cap, "\n");
  return md;
}

/* C3 from benchmark rows, and the overall verdicts from the pairs' verdicts
   (docs/evidence.md). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "duet/claims.h"

static const char *text_of(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
  return s ? s : "";
}

/* A benchmark row compares the pair's safe Rust rewrite with its reference. */
static bool is_rewrite_row(const struct duet_target *t, const cJSON *row) {
  if (strcmp(text_of(row, "target"), t->name) != 0) return false;
  for (const struct duet_impl *const *c = t->candidates; *c; c++)
    if (strcmp((*c)->name, text_of(row, "candidate")) == 0) return (*c)->language == DUET_LANG_RUST && !strstr((*c)->name, "unsafe");
  return false;
}

static void append(char *buf, size_t size, const char *fmt_sep, const cJSON *row) {
  size_t used = strlen(buf);
  snprintf(buf + used, size - used, "%s%s %.3f", used ? fmt_sep : "", text_of(row, "class"),
           cJSON_GetNumberValue(cJSON_GetObjectItem(row, "cpu_time_ratio")));
}

/* The newest summary that measured the pair replaces older ones (call in time order). */
void duet_pair_evidence_add_bench(struct duet_pair_evidence *e, const cJSON *rows, const char *file) {
  char faster[256] = "", slower[256] = "", other[256] = "", noisy[256] = "";
  int n = 0, n_faster = 0, n_slower = 0, n_noisy = 0;
  const cJSON *row;
  cJSON_ArrayForEach(row, rows) {
    if (!is_rewrite_row(e->target, row)) continue;
    char want[64];
    n++;
    snprintf(want, sizeof want, "%s faster", text_of(row, "candidate"));
    bool is_faster = strcmp(text_of(row, "verdict"), want) == 0;
    snprintf(want, sizeof want, "%s faster", text_of(row, "reference"));
    bool is_slower = strcmp(text_of(row, "verdict"), want) == 0;
    if (cJSON_IsTrue(cJSON_GetObjectItem(row, "noisy"))) n_noisy++, append(noisy, sizeof noisy, ", ", row);
    else if (is_faster) n_faster++, append(faster, sizeof faster, ", ", row);
    else if (is_slower) n_slower++, append(slower, sizeof slower, ", ", row);
    else append(other, sizeof other, ", ", row);
  }
  if (n == 0) return;
  cJSON_Delete(cJSON_DetachItemFromArray(e->bench_files, 0));
  cJSON_AddItemToArray(e->bench_files, cJSON_CreateString(file));
  if (n_noisy > 0) {
    e->c3_verdict = "inconclusive";
    snprintf(e->c3_evidence, sizeof e->c3_evidence,
             "spread or machine load above the bounds on %d of %d input class(es) (Rust/C time ratio: %s): "
             "measure again on a quiet machine", n_noisy, n, noisy);
  } else if (n_faster == n) {
    e->c3_verdict = "supported";
    snprintf(e->c3_evidence, sizeof e->c3_evidence, "safe Rust significantly faster on all %d input class(es) (Rust/C "
             "time ratio: %s)", n, faster);
  } else if (n_slower == n) {
    e->c3_verdict = "refuted";
    snprintf(e->c3_evidence, sizeof e->c3_evidence, "safe Rust significantly slower on all %d input class(es) (Rust/C "
             "time ratio: %s)", n, slower);
  } else {
    e->c3_verdict = "inconclusive";
    snprintf(e->c3_evidence, sizeof e->c3_evidence, "Rust faster on [%s], C faster on [%s], no significant difference "
             "on [%s] (Rust/C time ratio)", faster, slower, other);
  }
}

enum overall_rule { REFUTE_FIRST, SUPPORT_FIRST, ALL_AGREE };

static const struct {
  const char *id, *statement;
  enum overall_rule rule;
} overall_table[] = {
#define DUET_CLAIM(id, text, rule, overall) {#id, text, overall},
#include "duet/claims.def"
#undef DUET_CLAIM
};

static const char *const overall_texts[] = {
    [REFUTE_FIRST] = "one refuting pair refutes; else one supporting pair supports; else inconclusive",
    [SUPPORT_FIRST] = "one supporting pair supports; refuted only when every measured pair refutes; else inconclusive",
    [ALL_AGREE] = "a verdict only when every measured pair has it; else inconclusive",
};

struct tally {
  int supported, refuted, inconclusive, measured;
  char lists[3][512]; /* the pairs per verdict, for the evidence line */
};

static void count_pair(struct tally *t, const char *verdict, const char *pair) {
  static const char *const names[] = {"supported", "refuted", "inconclusive"};
  int *counts[] = {&t->supported, &t->refuted, &t->inconclusive};
  for (int v = 0; v < 3; v++) {
    if (strcmp(verdict, names[v]) != 0) continue;
    (*counts[v])++;
    t->measured++;
    size_t used = strlen(t->lists[v]);
    snprintf(t->lists[v] + used, sizeof t->lists[v] - used, "%s%s", used ? ", " : "", pair);
  }
}

static const char *decide(enum overall_rule rule, const struct tally *t) {
  if (t->measured == 0) return "not measured";
  if (rule == REFUTE_FIRST) return t->refuted ? "refuted" : t->supported ? "supported" : "inconclusive";
  if (rule == SUPPORT_FIRST) return t->supported ? "supported" : t->refuted == t->measured ? "refuted" : "inconclusive";
  return t->supported == t->measured ? "supported" : t->refuted == t->measured ? "refuted" : "inconclusive";
}

/* Appends the strings of `from` that `to` does not hold yet (pairs share a benchmark file). */
static void add_each_once(cJSON *to, const cJSON *from) {
  const cJSON *item, *had;
  cJSON_ArrayForEach(item, from) {
    bool seen = false;
    cJSON_ArrayForEach(had, to) seen |= cJSON_IsString(item) && strcmp(had->valuestring, item->valuestring) == 0;
    if (cJSON_IsString(item) && !seen) cJSON_AddItemToArray(to, cJSON_CreateString(item->valuestring));
  }
}

/* Cites what the pairs with the deciding verdict cite. */
static void cite_pairs(cJSON *claim, const cJSON *pairs, int index, const char *verdict) {
  cJSON *runs = cJSON_AddArrayToObject(claim, "runs"), *sigs = cJSON_AddArrayToObject(claim, "signatures");
  cJSON *by_pair = cJSON_AddArrayToObject(claim, "pairs");
  const cJSON *p;
  cJSON_ArrayForEach(p, pairs) {
    const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "claims"), index);
    cJSON *entry = cJSON_CreateObject();
    cJSON_AddStringToObject(entry, "target", text_of(p, "target"));
    cJSON_AddStringToObject(entry, "verdict", text_of(c, "verdict"));
    cJSON_AddItemToArray(by_pair, entry);
    if (strcmp(text_of(c, "verdict"), verdict) != 0) continue;
    add_each_once(runs, cJSON_GetObjectItem(c, "runs"));
    add_each_once(sigs, cJSON_GetObjectItem(c, "signatures"));
  }
}

static cJSON *overall_claim(const cJSON *pairs, int index) {
  struct tally t = {0};
  const cJSON *p;
  cJSON_ArrayForEach(p, pairs) {
    const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "claims"), index);
    count_pair(&t, text_of(c, "verdict"), text_of(p, "target"));
  }
  const char *verdict = decide(overall_table[index].rule, &t);
  char evidence[1800];
  snprintf(evidence, sizeof evidence, "supported on %d pair(s)%s%s%s, refuted on %d%s%s%s, inconclusive on %d, not "
           "measured on %d", t.supported, t.supported ? " (" : "", t.lists[0], t.supported ? ")" : "", t.refuted,
           t.refuted ? " (" : "", t.lists[1], t.refuted ? ")" : "", t.inconclusive,
           cJSON_GetArraySize(pairs) - t.measured);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "id", overall_table[index].id);
  cJSON_AddStringToObject(o, "claim", overall_table[index].statement);
  cJSON_AddStringToObject(o, "verdict", verdict);
  cJSON_AddStringToObject(o, "rule", overall_texts[overall_table[index].rule]);
  cJSON_AddStringToObject(o, "evidence", evidence);
  cite_pairs(o, pairs, index, verdict);
  return o;
}

cJSON *duet_claims_overall(const cJSON *pairs) {
  cJSON *claims = cJSON_CreateArray();
  for (int i = 0; i < DUET_CLAIM_COUNT; i++) cJSON_AddItemToArray(claims, overall_claim(pairs, i));
  return claims;
}

#include "duet/claims.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "duet/build_info.h"

static const struct {
  const char *id, *statement;
} claim_table[] = {
#define DUET_CLAIM(id, text) {#id, text},
#include "duet/claims.def"
#undef DUET_CLAIM
};

/* AddressSanitizer's memory-safety bug types (not UBSan checks, leaks or
   resource exhaustion). */
static bool is_memory_safety(const struct duet_verdict *v) {
  static const char *const kinds[] = {
      "heap-buffer-overflow", "stack-buffer-overflow", "global-buffer-overflow", "heap-use-after-free",
      "double-free", "bad-free", "SEGV", "stack-use-after-return", "stack-use-after-scope",
      "dynamic-stack-buffer-overflow", "container-overflow", "use-after-poison", "alloc-dealloc-mismatch",
      "stack-overflow", "unknown-crash", "BUS",
  };
  if (v->outcome != DUET_OUTCOME_CRASH) return false;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (strcmp(v->kind, kinds[i]) == 0) return true;
  return false;
}

struct tally {
  size_t memory_c, memory_rust, memory_unsafe_rust, divergences, panics;
  size_t candidate_findings_unsafe; /* findings of an unsafe build that no safe Rust side shares */
  size_t unsafe_shared_with_safe;   /* findings of an unsafe build that a safe Rust side has too */
};

static bool side_has(const char *sides, const char *name) {
  if (strcmp(sides, "both") == 0 || strcmp(sides, "all") == 0) return true;
  size_t n = strlen(name);
  for (const char *p = sides; (p = strstr(p, name)) != NULL; p += n)
    if ((p == sides || p[-1] == '+') && (p[n] == '\0' || p[n] == '+')) return true;
  return false;
}

static struct tally count(const struct duet_report *r) {
  struct tally t = {0};
  for (size_t i = 0; i < r->artifact_count; i++) {
    const struct duet_artifact *a = &r->artifacts[i];
    if (!a->first_of_signature) continue;
    const struct duet_verdict *v = &a->verdict;
    if (v->outcome == DUET_OUTCOME_DIVERGENCE) t.divergences++;
    if (v->outcome == DUET_OUTCOME_PANIC) t.panics++;
    if (is_memory_safety(v) && side_has(v->side, r->target->reference->name)) t.memory_c++;
    bool on_unsafe = false, on_safe_rust = false;
    for (const struct duet_impl *const *c = r->target->candidates; *c; c++) {
      bool on_side = side_has(v->side, (*c)->name);
      bool is_unsafe = strstr((*c)->name, "unsafe") != NULL;
      if (on_side && is_memory_safety(v)) {
        if (is_unsafe) t.memory_unsafe_rust++;
        else t.memory_rust++;
      }
      on_unsafe |= on_side && is_unsafe;
      on_safe_rust |= on_side && !is_unsafe && (*c)->language == DUET_LANG_RUST;
    }
    /* C4 is about what `unsafe` adds: a finding the safe build shares is the
       rewrite's, not evidence against unsafe code. */
    if (on_unsafe && v->outcome != DUET_OUTCOME_NONE) {
      if (on_safe_rust) t.unsafe_shared_with_safe++;
      else t.candidate_findings_unsafe++;
    }
  }
  return t;
}

__attribute__((format(printf, 3, 4))) static void set(struct duet_claim *c, const char *verdict, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  c->verdict = verdict;
  vsnprintf(c->evidence, sizeof c->evidence, fmt, ap);
  va_end(ap);
}

static bool has_unsafe_candidate(const struct duet_target *t) {
  for (const struct duet_impl *const *c = t->candidates; *c; c++)
    if (strstr((*c)->name, "unsafe")) return true;
  return false;
}

void duet_claims_evaluate(const struct duet_report *r, struct duet_claim claims[DUET_CLAIM_COUNT]) {
  for (int i = 0; i < DUET_CLAIM_COUNT; i++) {
    claims[i].id = claim_table[i].id;
    claims[i].statement = claim_table[i].statement;
  }
  struct tally t = count(r);
  long long execs = r->stats.executions;
  bool thin = execs < DUET_CLAIM_MIN_EXECUTIONS;

  struct duet_claim *c1 = &claims[DUET_CLAIM_C1];
  if (!duet_build_info.rust_sanitized)
    set(c1, "inconclusive", "the Rust side was not sanitized in this build (%lld executions)", execs);
  else if (t.memory_rust > 0)
    set(c1, "refuted", "%lld distinct memory-safety bug(s) in safe Rust (C side: %lld)", (long long)t.memory_rust, (long long)t.memory_c);
  else if (t.memory_c > 0)
    set(c1, "supported", "%lld distinct memory-safety bug(s) in C, none in safe Rust on the same %lld inputs", (long long)t.memory_c, execs);
  else
    set(c1, "inconclusive", "no memory-safety bug on either side in %lld executions: nothing to compare", execs);

  struct duet_claim *c2 = &claims[DUET_CLAIM_C2];
  if (t.divergences > 0)
    set(c2, "supported", "%lld distinct divergence(s) in %lld executions", (long long)t.divergences, execs);
  else
    set(c2, "inconclusive", "no divergence in %lld executions: %s", execs,
        thin ? "too few to say" : "silence is weak evidence of equivalence");

  set(&claims[DUET_CLAIM_C3], "inconclusive", "a fuzz campaign measures no performance; run `duet bench`");

  struct duet_claim *c4 = &claims[DUET_CLAIM_C4];
  if (!has_unsafe_candidate(r->target))
    set(c4, "inconclusive", "this target has no unsafe or concurrent Rust candidate");
  else if (t.candidate_findings_unsafe > 0)
    set(c4, "supported", "%lld distinct finding(s) on the unsafe Rust candidate only (memory-safety: %lld)", (long long)t.candidate_findings_unsafe, (long long)t.memory_unsafe_rust);
  else
    set(c4, "inconclusive", "no finding on the unsafe Rust candidate alone in %lld executions (%lld shared with the safe build)", execs, (long long)t.unsafe_shared_with_safe);

  set(&claims[DUET_CLAIM_C5], "inconclusive", "a campaign does not measure the unsafe surface");
}

cJSON *duet_claims_json(const struct duet_report *r) {
  struct duet_claim claims[DUET_CLAIM_COUNT];
  duet_claims_evaluate(r, claims);
  cJSON *arr = cJSON_CreateArray();
  for (int i = 0; i < DUET_CLAIM_COUNT; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", claims[i].id);
    cJSON_AddStringToObject(o, "claim", claims[i].statement);
    cJSON_AddStringToObject(o, "verdict", claims[i].verdict);
    cJSON_AddStringToObject(o, "evidence", claims[i].evidence);
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

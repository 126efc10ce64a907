#include "duet/claims.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "duet/build_info.h"
#include "duet/findings_store.h"
#include "duet/limits.h"

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

static bool side_has(const char *sides, const char *name) {
  if (strcmp(sides, "both") == 0 || strcmp(sides, "all") == 0) return true;
  size_t n = strlen(name);
  for (const char *p = sides; (p = strstr(p, name)) != NULL; p += n)
    if ((p == sides || p[-1] == '+') && (p[n] == '\0' || p[n] == '+')) return true;
  return false;
}

static bool is_unsafe_candidate(const struct duet_impl *impl) { return strstr(impl->name, "unsafe") != NULL; }

void duet_evidence_add_finding(struct duet_evidence *e, const struct duet_target *t, const struct duet_verdict *v) {
  if (v->outcome == DUET_OUTCOME_DIVERGENCE) e->divergences++;
  if (v->outcome == DUET_OUTCOME_PANIC) e->panics++;
  bool memory = is_memory_safety(v);
  if (memory && side_has(v->side, t->reference->name)) e->memory_c++;
  bool on_unsafe = false, on_safe_rust = false;
  for (const struct duet_impl *const *c = t->candidates; *c; c++) {
    if (!side_has(v->side, (*c)->name)) continue;
    bool is_unsafe = is_unsafe_candidate(*c);
    if (memory) {
      if (is_unsafe) e->memory_unsafe_rust++;
      else e->memory_rust++;
    }
    on_unsafe |= is_unsafe;
    on_safe_rust |= !is_unsafe && (*c)->language == DUET_LANG_RUST;
  }
  /* C4 is about what `unsafe` adds: a finding the safe build shares is the
     rewrite's, not evidence against unsafe code. */
  if (on_unsafe && v->outcome != DUET_OUTCOME_NONE) {
    if (on_safe_rust) e->unsafe_shared_with_safe++;
    else e->unsafe_candidate_findings++;
  }
}

__attribute__((format(printf, 3, 4))) static void set(struct duet_claim *c, const char *verdict, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  c->verdict = verdict;
  vsnprintf(c->evidence, sizeof c->evidence, fmt, ap);
  va_end(ap);
}


/* The rewrite's own crates (role "library"), not our glue: adds one
   target's unsafe surface to the C5 evidence. */
/* Known divergences are divergences too (explained ones); the fuzz driver
   goes on past them, so a campaign's findings alone would hide them. */
static size_t count_known_divergences(const struct duet_target *target) {
  char path[DUET_PATH_MAX], error[256];
  snprintf(path, sizeof path, "%s/targets/%s/known-divergences.json", duet_build_info.source_dir, target->name);
  cJSON *list = duet_known_load(path, error, sizeof error);
  size_t n = 0;
  const cJSON *entry;
  cJSON_ArrayForEach(entry, list) {
    const char *cls = cJSON_GetStringValue(cJSON_GetObjectItem(entry, "class"));
    n += !cls || strcmp(cls, "divergence") == 0;
  }
  cJSON_Delete(list);
  return n;
}

/* Whether "crate version:" is already in the list: pairs that share a crate
   (brotli.decode and brotli.decode-abi) count its unsafe sites once. */
static bool crate_listed(const char *list, const char *crate, const char *version) {
  char key[256];
  snprintf(key, sizeof key, "%s %s:", crate, version);
  for (const char *p = list; (p = strstr(p, key)) != NULL; p++)
    if (p == list || (p - list >= 2 && p[-2] == ',' && p[-1] == ' ')) return true;
  return false;
}

void duet_evidence_add_target(struct duet_evidence *e, const struct duet_target *target, const cJSON *surface) {
  e->targets++;
  e->known_divergences += count_known_divergences(target);
  for (const struct duet_impl *const *c = target->candidates; *c; c++)
    if (is_unsafe_candidate(*c)) {
      e->targets_with_unsafe_candidate++;
      break;
    }
  if (!surface) {
    e->unsafe_unknown++;
    return;
  }
  double sites = 0;
  size_t libraries = 0;
  const cJSON *crate;
  cJSON_ArrayForEach(crate, cJSON_GetObjectItem(surface, "crates")) {
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(crate, "role")), "library") != 0 || cJSON_GetObjectItem(crate, "same_as")) continue;
    double n = cJSON_GetNumberValue(cJSON_GetObjectItem(crate, "unsafe_blocks")) +
               cJSON_GetNumberValue(cJSON_GetObjectItem(crate, "unsafe_functions")) +
               cJSON_GetNumberValue(cJSON_GetObjectItem(crate, "unsafe_impls")) +
               cJSON_GetNumberValue(cJSON_GetObjectItem(crate, "unsafe_traits"));
    libraries++;
    sites += n;
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(crate, "crate"));
    const char *version = cJSON_GetStringValue(cJSON_GetObjectItem(crate, "version"));
    if (!name || !version || crate_listed(e->unsafe_crates, name, version)) continue;
    e->unsafe_sites += (size_t)n;
    if (strstr(e->unsafe_crates, "…")) continue; /* the list is full; the count goes on */
    size_t used = strlen(e->unsafe_crates);
    int wrote = snprintf(e->unsafe_crates + used, sizeof e->unsafe_crates - used, "%s%s %s: %.0f", used ? ", " : "",
                         name, version, n);
    if (wrote < 0 || (size_t)wrote >= sizeof e->unsafe_crates - used) /* full: say so rather than cut a name */
      snprintf(e->unsafe_crates + used, sizeof e->unsafe_crates - used, "%s…", used ? ", " : "");
  }
  if (libraries == 0) e->unsafe_unknown++;
  else if (sites > 0) e->targets_needing_unsafe++;
  else e->targets_without_unsafe++;
}

void duet_claims_judge(const struct duet_evidence *e, struct duet_claim claims[DUET_CLAIM_COUNT]) {
  for (int i = 0; i < DUET_CLAIM_COUNT; i++) {
    claims[i].id = claim_table[i].id;
    claims[i].statement = claim_table[i].statement;
  }
  long long execs = e->executions;
  bool thin = execs < DUET_CLAIM_MIN_EXECUTIONS;

  struct duet_claim *c1 = &claims[DUET_CLAIM_C1];
  if (!e->rust_sanitized)
    set(c1, "inconclusive", "the Rust side was not sanitized in this build (%lld executions)", execs);
  else if (e->memory_rust > 0)
    set(c1, "refuted", "%zu distinct memory-safety bug(s) in safe Rust (C side: %zu)", e->memory_rust, e->memory_c);
  else if (e->memory_c > 0)
    set(c1, "supported", "%zu distinct memory-safety bug(s) in C, none in safe Rust on the same %lld inputs", e->memory_c, execs);
  else
    set(c1, "inconclusive", "no memory-safety bug on either side in %lld executions: nothing to compare", execs);

  struct duet_claim *c2 = &claims[DUET_CLAIM_C2];
  if (e->divergences > 0 || e->known_divergences > 0)
    set(c2, "supported", "%zu distinct divergence(s) in %lld executions, %zu known and explained (known-divergences.json)",
        e->divergences, execs, e->known_divergences);
  else
    set(c2, "inconclusive", "no divergence in %lld executions: %s", execs,
        thin ? "too few to say" : "silence is weak evidence of equivalence");

  struct duet_claim *c3 = &claims[DUET_CLAIM_C3];
  if (e->c3_verdict) set(c3, e->c3_verdict, "%s", e->c3_evidence);
  else set(c3, "inconclusive", "no benchmark data: a fuzz campaign measures no performance; run `duet bench`");

  struct duet_claim *c4 = &claims[DUET_CLAIM_C4];
  if (e->targets_with_unsafe_candidate == 0)
    set(c4, "inconclusive", "no unsafe or concurrent Rust candidate was tested");
  else if (e->unsafe_candidate_findings > 0)
    set(c4, "supported", "%zu distinct finding(s) on unsafe Rust candidates only (memory-safety: %zu)",
        e->unsafe_candidate_findings, e->memory_unsafe_rust);
  else
    set(c4, "inconclusive", "no finding on the unsafe Rust candidate(s) alone in %lld executions (%zu shared with the safe build)",
        execs, e->unsafe_shared_with_safe);

  struct duet_claim *c5 = &claims[DUET_CLAIM_C5];
  if (e->targets_needing_unsafe > 0)
    set(c5, "supported", "%zu unsafe site(s) in the rewrite's crates in %zu of %zu pair(s) (%s)", e->unsafe_sites,
        e->targets_needing_unsafe, e->targets, e->unsafe_crates);
  else if (e->targets_without_unsafe > 0 && e->unsafe_unknown == 0)
    set(c5, "refuted", "no unsafe code in the rewrite's crates (%s); only the FFI boundary needs it", e->unsafe_crates);
  else
    set(c5, "inconclusive", "the unsafe surface is unknown for %zu of %zu pair(s)", e->unsafe_unknown, e->targets);
}

void duet_claims_evaluate(const struct duet_report *r, const cJSON *surface, struct duet_claim claims[DUET_CLAIM_COUNT]) {
  struct duet_evidence e = {.executions = r->stats.executions, .rust_sanitized = duet_build_info.rust_sanitized};
  for (size_t i = 0; r->triage && i < r->triage->finding_count; i++)
    if (r->triage->findings[i].reproduced > 0) duet_evidence_add_finding(&e, r->target, &r->triage->findings[i].verdict);
  duet_evidence_add_target(&e, r->target, surface);
  duet_claims_judge(&e, claims);
  /* A run cut short shows what it found, never that something is absent. */
  bool complete = r->status && strcmp(r->status, "complete") == 0;
  struct duet_claim *c1 = &claims[DUET_CLAIM_C1];
  if (!complete && strcmp(c1->verdict, "refuted") != 0)
    set(c1, "inconclusive", "the run is %s: an absence of memory-safety bugs in Rust cannot be read from it",
        r->status ? r->status : "unfinished");
}

cJSON *duet_claims_to_json(const struct duet_claim claims[DUET_CLAIM_COUNT]) {
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

cJSON *duet_claims_judged_json(const struct duet_evidence *e) {
  struct duet_claim claims[DUET_CLAIM_COUNT];
  duet_claims_judge(e, claims);
  return duet_claims_to_json(claims);
}

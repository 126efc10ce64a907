/* A pair's evidence and its verdicts: the rules of docs/evidence.md. */
#include "duet/claims.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "duet/build_info.h"

static const struct {
  const char *id, *statement, *rule;
} claim_table[] = {
#define DUET_CLAIM(id, text, rule, overall) {#id, text, rule},
#include "duet/claims.def"
#undef DUET_CLAIM
};

bool duet_target_is_ground_truth(const struct duet_target *target) { return strncmp(target->name, "gt.", 3) == 0; }

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
    if (strncmp(v->kind, kinds[i], strlen(kinds[i])) == 0 && (v->kind[strlen(kinds[i])] == '\0' || v->kind[strlen(kinds[i])] == ' '))
      return true;
  return false;
}

/* Whether `name` is one of the '+'-joined sides ("rust+rust-unsafe"). */
static bool side_has(const char *sides, const char *name) {
  if (strcmp(sides, "both") == 0 || strcmp(sides, "all") == 0) return true;
  size_t n = strlen(name);
  for (const char *p = sides; (p = strstr(p, name)) != NULL; p += n)
    if ((p == sides || p[-1] == '+') && (p[n] == '\0' || p[n] == '+')) return true;
  return false;
}

static bool is_unsafe_candidate(const struct duet_impl *impl) { return strstr(impl->name, "unsafe") != NULL; }

int duet_pair_evidence_init(struct duet_pair_evidence *e, const struct duet_target *target) {
  memset(e, 0, sizeof *e);
  e->target = target;
  cJSON **lists[] = {&e->run_ids,     &e->memory_c,       &e->memory_rust,     &e->memory_unsafe,     &e->divergences,
                     &e->known,       &e->unsafe_only,    &e->unreliable,      &e->bench_files,       &e->corruption_c,
                     &e->corruption_rust, &e->corruption_unsafe, &e->corruption_all, &e->stress_runs};
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
    if (!(*lists[i] = cJSON_CreateArray())) return duet_pair_evidence_free(e), -ENOMEM;
  return 0;
}

void duet_pair_evidence_free(struct duet_pair_evidence *e) {
  cJSON *lists[] = {e->run_ids,     e->memory_c,       e->memory_rust,     e->memory_unsafe,     e->divergences,
                    e->known,       e->unsafe_only,    e->unreliable,      e->bench_files,       e->corruption_c,
                    e->corruption_rust, e->corruption_unsafe, e->corruption_all, e->stress_runs};
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) cJSON_Delete(lists[i]);
  memset(e, 0, sizeof *e);
}

void duet_pair_evidence_add_run(struct duet_pair_evidence *e, const char *run_id, long long executions,
                                double cpu_seconds, bool rust_sanitized) {
  e->runs++;
  e->executions += executions;
  e->cpu_seconds += cpu_seconds;
  e->rust_unsanitized |= !rust_sanitized;
  cJSON_AddItemToArray(e->run_ids, cJSON_CreateString(run_id));
}

/* Adds a signature once; false when it was there. */
static bool cite(cJSON *list, const char *signature) {
  const cJSON *item;
  cJSON_ArrayForEach(item, list) if (strcmp(item->valuestring, signature) == 0) return false;
  cJSON_AddItemToArray(list, cJSON_CreateString(signature));
  return true;
}

/* A corruption (C4) by the sides it names. */
static void add_corruption(struct duet_pair_evidence *e, const struct duet_verdict *v, const char *signature) {
  cite(e->corruption_all, signature);
  if (side_has(v->side, e->target->reference->name)) cite(e->corruption_c, signature);
  for (const struct duet_impl *const *c = e->target->candidates; *c; c++) {
    if (!side_has(v->side, (*c)->name) || (*c)->language != DUET_LANG_RUST) continue;
    cite(is_unsafe_candidate(*c) ? e->corruption_unsafe : e->corruption_rust, signature);
  }
}

void duet_pair_evidence_add_finding(struct duet_pair_evidence *e, const struct duet_verdict *v, const char *signature,
                                    bool reliable) {
  if (v->outcome == DUET_OUTCOME_NONE) return;
  if (!reliable) {
    cite(e->unreliable, signature);
    return;
  }
  if (v->outcome == DUET_OUTCOME_CORRUPTION) {
    add_corruption(e, v, signature);
    return;
  }
  if (v->outcome == DUET_OUTCOME_DIVERGENCE) cite(e->divergences, signature);
  bool memory = is_memory_safety(v), on_unsafe = false, on_safe_rust = false;
  if (memory && side_has(v->side, e->target->reference->name)) cite(e->memory_c, signature);
  for (const struct duet_impl *const *c = e->target->candidates; *c; c++) {
    if (!side_has(v->side, (*c)->name)) continue;
    on_unsafe |= is_unsafe_candidate(*c);
    on_safe_rust |= !is_unsafe_candidate(*c) && (*c)->language == DUET_LANG_RUST;
  }
  if (memory && on_safe_rust) cite(e->memory_rust, signature);
  if (memory && on_unsafe) cite(e->memory_unsafe, signature);
  if (on_unsafe && !on_safe_rust) cite(e->unsafe_only, signature);
}

void duet_pair_evidence_add_stress(struct duet_pair_evidence *e, const char *run_id, double seconds, long long rounds,
                                   const char *sanitizer) {
  e->stress_seconds += seconds;
  e->stress_rounds += rounds;
  e->stress_thread_sanitized |= strcmp(sanitizer, "thread") == 0;
  cJSON_AddItemToArray(e->stress_runs, cJSON_CreateString(run_id));
}

bool duet_pair_evidence_add_known(struct duet_pair_evidence *e, const char *signature) {
  cite(e->divergences, signature);
  return cite(e->known, signature);
}

static double number(const cJSON *o, const char *key) { return cJSON_GetNumberValue(cJSON_GetObjectItem(o, key)); }

static double crate_sites(const cJSON *crate) {
  return number(crate, "unsafe_blocks") + number(crate, "unsafe_functions") + number(crate, "unsafe_impls") +
         number(crate, "unsafe_traits");
}

void duet_pair_evidence_add_surface(struct duet_pair_evidence *e, const cJSON *surface) {
  const cJSON *crate;
  size_t libraries = 0;
  cJSON_ArrayForEach(crate, cJSON_GetObjectItem(surface, "crates")) {
    const char *role = cJSON_GetStringValue(cJSON_GetObjectItem(crate, "role"));
    double sites = crate_sites(crate);
    if (cJSON_GetObjectItem(crate, "same_as")) continue; /* a patched copy, counted as its original */
    if (role && strcmp(role, "dependency") == 0) e->dependency_sites += (size_t)sites;
    if (!role || strcmp(role, "library") != 0) continue;
    libraries++;
    e->rewrite_sites += (size_t)sites;
    size_t used = strlen(e->rewrite_crates);
    snprintf(e->rewrite_crates + used, sizeof e->rewrite_crates - used, "%s%s %s: %.0f", used ? ", " : "",
             cJSON_GetStringValue(cJSON_GetObjectItem(crate, "crate")),
             cJSON_GetStringValue(cJSON_GetObjectItem(crate, "version")), sites);
  }
  e->surface_known = libraries > 0;
}

__attribute__((format(printf, 3, 4))) static void set(struct duet_claim *c, const char *verdict, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  c->verdict = verdict;
  vsnprintf(c->evidence, sizeof c->evidence, fmt, ap);
  va_end(ap);
}

/* Why absence cannot be read from the runs, or NULL when it can. */
static const char *too_thin(const struct duet_pair_evidence *e, char *why, size_t size) {
  if (e->run_status) snprintf(why, size, "the run is %s: an absence cannot be read from it", e->run_status);
  else if (e->runs == 0) snprintf(why, size, "no complete campaign of the pair");
  else if (e->executions < DUET_EVIDENCE_MIN_EXECUTIONS || e->cpu_seconds < DUET_EVIDENCE_MIN_CPU_SECONDS)
    snprintf(why, size, "only %lld executions in %.0f CPU s over %zu complete run(s) (the rule needs %d executions "
             "and %d CPU s)", e->executions, e->cpu_seconds, e->runs, DUET_EVIDENCE_MIN_EXECUTIONS, DUET_EVIDENCE_MIN_CPU_SECONDS);
  else return NULL;
  return why;
}

static void judge_c1(const struct duet_pair_evidence *e, struct duet_claim *c) {
  int rust = cJSON_GetArraySize(e->memory_rust), in_c = cJSON_GetArraySize(e->memory_c);
  char why[256];
  const char *thin = too_thin(e, why, sizeof why);
  c->signatures = rust ? e->memory_rust : e->memory_c;
  if (rust > 0) set(c, "refuted", "%d memory-safety bug(s) in safe Rust (C side: %d)", rust, in_c);
  else if (e->runs == 0 && !e->run_status && in_c == 0) set(c, "not measured", "no complete campaign of the pair");
  else if (e->rust_unsanitized) set(c, "inconclusive", "the Rust side was not sanitized in some run: its memory errors can go unseen");
  else if (thin && in_c > 0) set(c, "inconclusive", "%d memory-safety bug(s) in C, none in safe Rust, but %s", in_c, thin);
  else if (thin) set(c, "inconclusive", "no memory-safety bug on either side, but %s", thin);
  else if (in_c > 0)
    set(c, "supported", "%d memory-safety bug(s) in C, none in sanitized safe Rust on the same %lld inputs (%zu run(s))",
        in_c, e->executions, e->runs);
  else
    set(c, "inconclusive", "no memory-safety bug on either side in %lld executions (%zu run(s)): nothing to compare",
        e->executions, e->runs);
}

static void judge_c2(const struct duet_pair_evidence *e, struct duet_claim *c) {
  int n = cJSON_GetArraySize(e->divergences);
  char why[256];
  const char *thin = too_thin(e, why, sizeof why);
  c->signatures = e->divergences;
  if (n > 0)
    set(c, "supported", "%d divergence(s): %d reproduced 3 of 3 times and stored, %d known and explained, met by a "
        "complete run", n, n - cJSON_GetArraySize(e->known), cJSON_GetArraySize(e->known));
  else if (e->runs == 0 && !e->run_status) set(c, "not measured", "no complete campaign of the pair");
  else if (thin) set(c, "inconclusive", "no divergence, but %s", thin);
  else set(c, "inconclusive", "no divergence in %lld executions: silence is weak evidence of equivalence", e->executions);
}

/* C4 from `duet stress` runs and the corruption findings they stored. */
static void judge_c4(const struct duet_pair_evidence *e, struct duet_claim *c) {
  int safe = cJSON_GetArraySize(e->corruption_rust), unsafe = cJSON_GetArraySize(e->corruption_unsafe);
  int in_c = cJSON_GetArraySize(e->corruption_c), caught = cJSON_GetArraySize(e->unsafe_only);
  size_t runs = (size_t)cJSON_GetArraySize(e->stress_runs);
  char how[256];
  snprintf(how, sizeof how, "%zu stress run(s), %.0f s, %lld round(s), %s", runs, e->stress_seconds, e->stress_rounds,
           e->stress_thread_sanitized ? "some under ThreadSanitizer" : "none under ThreadSanitizer (races that leave "
           "the answers equal go unseen)");
  c->runs = e->stress_runs;
  c->signatures = e->corruption_all;
  if (safe + unsafe > 0)
    set(c, "supported", "%d silent corruption(s) or data race(s) on Rust sides (safe rewrite: %d, unsafe candidates: "
        "%d; C side: %d) in %s", safe + unsafe, safe, unsafe, in_c, how);
  else if (runs == 0 && in_c == 0) {
    c->signatures = e->unsafe_only;
    set(c, "not measured", "no complete `duet stress` run of the pair%s", caught ? "; findings on unsafe candidates "
        "alone were caught by a sanitizer, so they are not silent" : "");
  } else if (e->stress_seconds < DUET_EVIDENCE_MIN_STRESS_SECONDS)
    set(c, "inconclusive", "none on a Rust side (C side: %d), but only %s (the rule needs %d s)", in_c, how,
        DUET_EVIDENCE_MIN_STRESS_SECONDS);
  else
    set(c, "inconclusive", "none on a Rust side (C side: %d) in %s: silence is weak evidence of thread safety", in_c, how);
}

static void judge_c5(const struct duet_pair_evidence *e, struct duet_claim *c) {
  if (!e->surface_known) set(c, "not measured", "the unsafe surface of the Rust side is unknown (no cargo metadata in this build)");
  else if (e->rewrite_sites > 0)
    set(c, "supported", "%zu unsafe site(s) compiled in the rewrite's crates (%s); %zu more in its dependencies",
        e->rewrite_sites, e->rewrite_crates, e->dependency_sites);
  else
    set(c, "refuted", "no unsafe code compiled in the rewrite's crates (%s); %zu site(s) in its dependencies",
        e->rewrite_crates, e->dependency_sites);
}

void duet_claims_judge(const struct duet_pair_evidence *e, struct duet_claim claims[DUET_CLAIM_COUNT]) {
  for (int i = 0; i < DUET_CLAIM_COUNT; i++)
    claims[i] = (struct duet_claim){.id = claim_table[i].id, .statement = claim_table[i].statement,
                                    .rule = claim_table[i].rule, .runs = e->run_ids};
  if (duet_target_is_ground_truth(e->target)) {
    for (int i = 0; i < DUET_CLAIM_COUNT; i++)
      set(&claims[i], "not measured", "%s holds planted bugs: it validates the detector (duet validate) and is no "
          "evidence about real rewrites", e->target->name);
    return;
  }
  judge_c1(e, &claims[DUET_CLAIM_C1]);
  judge_c2(e, &claims[DUET_CLAIM_C2]);
  struct duet_claim *c3 = &claims[DUET_CLAIM_C3];
  c3->runs = e->bench_files;
  if (e->c3_verdict) set(c3, e->c3_verdict, "%s", e->c3_evidence);
  else set(c3, "not measured", "no benchmark of the pair: a fuzz campaign measures no performance; run `duet bench`");
  judge_c4(e, &claims[DUET_CLAIM_C4]);
  claims[DUET_CLAIM_C5].runs = NULL; /* read from the build's crates, not from runs */
  judge_c5(e, &claims[DUET_CLAIM_C5]);
}

void duet_claims_evaluate(const struct duet_report *r, const cJSON *surface, struct duet_pair_evidence *e,
                          struct duet_claim claims[DUET_CLAIM_COUNT]) {
  duet_pair_evidence_init(e, r->target);
  bool complete = r->status && strcmp(r->status, "complete") == 0;
  if (complete)
    duet_pair_evidence_add_run(e, r->run_id, r->stats.executions, (double)r->fuzz_seconds * (r->jobs ? r->jobs : 1),
                               duet_build_info.rust_sanitized);
  else e->run_status = r->status ? r->status : "unfinished";
  for (size_t i = 0; r->triage && i < r->triage->finding_count; i++) {
    const struct duet_finding *f = &r->triage->findings[i];
    if (f->reproduced > 0) duet_pair_evidence_add_finding(e, &f->verdict, f->signature, f->reliable);
  }
  duet_pair_evidence_add_surface(e, surface);
  duet_claims_judge(e, claims);
}

cJSON *duet_claims_to_json(const struct duet_claim claims[DUET_CLAIM_COUNT]) {
  cJSON *arr = cJSON_CreateArray();
  for (int i = 0; i < DUET_CLAIM_COUNT; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", claims[i].id);
    cJSON_AddStringToObject(o, "claim", claims[i].statement);
    cJSON_AddStringToObject(o, "verdict", claims[i].verdict);
    cJSON_AddStringToObject(o, "rule", claims[i].rule);
    cJSON_AddStringToObject(o, "evidence", claims[i].evidence);
    cJSON_AddItemToObject(o, "runs", claims[i].runs ? cJSON_Duplicate(claims[i].runs, 1) : cJSON_CreateArray());
    cJSON_AddItemToObject(o, "signatures",
                          claims[i].signatures ? cJSON_Duplicate(claims[i].signatures, 1) : cJSON_CreateArray());
    cJSON_AddItemToArray(arr, o);
  }
  return arr;
}

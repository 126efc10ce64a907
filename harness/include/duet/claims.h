/*
 * A verdict per claim from one campaign's evidence. The vocabulary is
 * "supported", "refuted" or "inconclusive"; thin evidence is inconclusive,
 * and the evidence line says what was (not) seen and how much was tried.
 */
#ifndef DUET_CLAIMS_H
#define DUET_CLAIMS_H

#include "duet/report.h"

typedef enum duet_claim_id {
#define DUET_CLAIM(id, text) DUET_CLAIM_##id,
#include "duet/claims.def"
#undef DUET_CLAIM
  DUET_CLAIM_COUNT
} duet_claim_id;

/* Below this many executions a campaign's silence says nothing. */
#define DUET_CLAIM_MIN_EXECUTIONS 100000

struct duet_claim {
  const char *id;         /* "C1" */
  const char *statement;
  const char *verdict;    /* "supported", "refuted", "inconclusive" */
  char evidence[1024];    /* one sentence */
};

/* What the verdicts are judged on: one campaign's, or many runs' and pairs'. */
struct duet_evidence {
  long long executions;          /* inputs tried, all runs counted */
  bool rust_sanitized;           /* else C1 cannot be judged */
  size_t memory_c;               /* distinct memory-safety bugs on the C side */
  size_t memory_rust;            /* ... on safe Rust candidates */
  size_t memory_unsafe_rust;     /* ... on unsafe Rust candidates */
  size_t divergences, panics;    /* distinct ones */
  size_t known_divergences;      /* listed in the pairs' known-divergences.json */
  size_t unsafe_candidate_findings; /* findings of an unsafe candidate no safe Rust side shares */
  size_t unsafe_shared_with_safe;   /* findings of an unsafe candidate a safe Rust side has too */
  size_t targets;                /* pairs the evidence covers */
  size_t targets_with_unsafe_candidate;
  size_t targets_needing_unsafe, targets_without_unsafe, unsafe_unknown; /* C5, per pair */
  size_t unsafe_sites;           /* in the rewrites' crates, each crate counted once */
  char unsafe_crates[768];       /* "crate version: sites, ...", each crate once */
  const char *c3_verdict;        /* from benchmarks, NULL when there are none */
  char c3_evidence[768];
};

/* Adds one distinct finding of `target`. */
void duet_evidence_add_finding(struct duet_evidence *e, const struct duet_target *target, const struct duet_verdict *v);
/* Adds a pair: its candidates, its known divergences and its unsafe surface
   (duet_unsafe_surface's object, NULL when unknown; borrowed). */
void duet_evidence_add_target(struct duet_evidence *e, const struct duet_target *target, const struct cJSON *surface);
/* The verdicts from the evidence. */
void duet_claims_judge(const struct duet_evidence *e, struct duet_claim claims[DUET_CLAIM_COUNT]);

/* One campaign's verdicts: its reproduced findings and its pair, with the
   pair's unsafe surface (borrowed, may be NULL). */
void duet_claims_evaluate(const struct duet_report *report, const struct cJSON *surface,
                          struct duet_claim claims[DUET_CLAIM_COUNT]);

/* Verdicts as a JSON array (caller owns it). */
struct cJSON *duet_claims_to_json(const struct duet_claim claims[DUET_CLAIM_COUNT]);

/* The verdicts on `e` as a JSON array (caller owns it). */
struct cJSON *duet_claims_judged_json(const struct duet_evidence *e);


/* report.md's text (malloc'd; caller frees), NULL on allocation failure. */
char *duet_report_markdown(const struct duet_report *report, const struct duet_claim claims[DUET_CLAIM_COUNT]);

#endif /* DUET_CLAIMS_H */

/*
 * Verdicts per claim, drawn by one set of rules (docs/evidence.md) from a
 * pair's evidence: one campaign's for its run report, every complete run and
 * stored finding of the pair for `duet report`. The vocabulary is
 * "supported", "refuted", "inconclusive" (measured, but the data cannot
 * carry a verdict) and "not measured" (nothing that could observe it ran).
 * Each verdict cites the runs and signatures it rests on.
 */
#ifndef DUET_CLAIMS_H
#define DUET_CLAIMS_H

#include "duet/report.h"

typedef enum duet_claim_id {
#define DUET_CLAIM(id, text, rule, overall) DUET_CLAIM_##id,
#include "duet/claims.def"
#undef DUET_CLAIM
  DUET_CLAIM_COUNT
} duet_claim_id;

/* The thresholds below which a pair's campaigns say nothing about absence:
   executions and fuzzing CPU seconds (wall seconds x jobs), complete runs summed. */
#define DUET_EVIDENCE_MIN_EXECUTIONS 100000
#define DUET_EVIDENCE_MIN_CPU_SECONDS 60
/* C4: wall seconds of complete `duet stress` runs, summed, below which
   seeing no corruption says nothing. */
#define DUET_EVIDENCE_MIN_STRESS_SECONDS 60

/* What one pair's verdicts rest on. The cJSON arrays hold run ids or
   signatures (strings) and are owned by the evidence (duet_pair_evidence_free). */
struct duet_pair_evidence {
  const struct duet_target *target; /* borrowed */
  const char *run_status;   /* a single run's status ("partial", ...), NULL for complete runs */
  size_t runs;              /* complete runs counted */
  long long executions;     /* in those runs */
  double cpu_seconds;       /* fuzzing wall seconds x jobs in those runs */
  bool rust_unsanitized;    /* some counted run had an unsanitized Rust side */
  struct cJSON *run_ids;
  struct cJSON *memory_c, *memory_rust, *memory_unsafe; /* memory-safety findings by side */
  struct cJSON *divergences;   /* reliable divergences (new, seen before or known) */
  struct cJSON *known;         /* of those, known ones a complete run met (explained, committed) */
  struct cJSON *unsafe_only;   /* findings of unsafe candidates alone (caught, so not silent) */
  struct cJSON *unreliable;    /* findings that did not always reproduce: listed, not evidence */
  struct cJSON *corruption_c, *corruption_rust, *corruption_unsafe; /* C4: reliable corruption
                                  findings (duet stress, ThreadSanitizer) by side */
  struct cJSON *corruption_all; /* all of those, cited by C4 */
  struct cJSON *stress_runs;   /* complete `duet stress` runs counted (run ids) */
  double stress_seconds;       /* their wall seconds */
  long long stress_rounds;     /* their rounds */
  bool stress_thread_sanitized; /* some counted stress run was of the tsan build */
  bool surface_known;          /* C5: the Rust side's unsafe surface was read */
  size_t rewrite_sites, dependency_sites;
  char rewrite_crates[512];    /* "crate version: sites, ..." */
  const char *c3_verdict;      /* from benchmarks; NULL when none measured the pair */
  char c3_evidence[768];
  struct cJSON *bench_files;   /* benchmark summaries C3 rests on */
};

/* The verdict of one claim. runs/signatures are borrowed from the evidence. */
struct duet_claim {
  const char *id;         /* "C1" */
  const char *statement;
  const char *rule;
  const char *verdict;
  char evidence[1024];    /* one sentence: what was (not) seen and how much was tried */
  const struct cJSON *runs, *signatures;
};

/* True for the planted-bug components (gt.*): they validate the detector and
   are never evidence about real rewrites. */
bool duet_target_is_ground_truth(const struct duet_target *target);

/* Empty evidence for `target`; 0 or -ENOMEM. */
int duet_pair_evidence_init(struct duet_pair_evidence *e, const struct duet_target *target);
void duet_pair_evidence_free(struct duet_pair_evidence *e);

/* Counts a complete run. */
void duet_pair_evidence_add_run(struct duet_pair_evidence *e, const char *run_id, long long executions,
                                double cpu_seconds, bool rust_sanitized);
/* Adds one distinct, reproduced finding with its signature. */
void duet_pair_evidence_add_finding(struct duet_pair_evidence *e, const struct duet_verdict *v, const char *signature,
                                    bool reliable);
/* Adds a known divergence (listed in known-divergences.json or a committed
   regression) that a complete run met; false when already counted. */
bool duet_pair_evidence_add_known(struct duet_pair_evidence *e, const char *signature);
/* Counts a complete `duet stress` run (C4); `sanitizer` is its build's ("thread", "address", "none"). */
void duet_pair_evidence_add_stress(struct duet_pair_evidence *e, const char *run_id, double seconds, long long rounds,
                                   const char *sanitizer);
/* Adds the pair's unsafe surface (duet_unsafe_surface's object; NULL when unknown). */
void duet_pair_evidence_add_surface(struct duet_pair_evidence *e, const struct cJSON *surface);
/* Adds benchmark rows of this pair (bench/summary.py's "classes") from `file`. */
void duet_pair_evidence_add_bench(struct duet_pair_evidence *e, const struct cJSON *rows, const char *file);

/* The pair's verdicts. */
void duet_claims_judge(const struct duet_pair_evidence *e, struct duet_claim claims[DUET_CLAIM_COUNT]);

/* One campaign's verdicts: its reproduced findings and its pair, with the
   pair's unsafe surface (borrowed, may be NULL). Uses `e` (initialised here,
   freed by the caller) for what the claims cite. */
void duet_claims_evaluate(const struct duet_report *report, const struct cJSON *surface, struct duet_pair_evidence *e,
                          struct duet_claim claims[DUET_CLAIM_COUNT]);

/* Verdicts as a JSON array (caller owns it). */
struct cJSON *duet_claims_to_json(const struct duet_claim claims[DUET_CLAIM_COUNT]);

/* The overall verdicts from the real pairs' verdicts: `pairs` is an array of
   {"target", "claims": duet_claims_to_json(...)}. Caller owns the result. */
struct cJSON *duet_claims_overall(const struct cJSON *pairs);

/* report.md's text (malloc'd; caller frees), NULL on allocation failure. */
char *duet_report_markdown(const struct duet_report *report, const struct duet_claim claims[DUET_CLAIM_COUNT]);

#endif /* DUET_CLAIMS_H */

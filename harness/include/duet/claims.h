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
  char evidence[512];     /* one sentence */
};

void duet_claims_evaluate(const struct duet_report *report, struct duet_claim claims[DUET_CLAIM_COUNT]);

/* The claims as a JSON array (caller owns it). */
struct cJSON *duet_claims_json(const struct duet_report *report);

/* report.md's text (malloc'd; caller frees), NULL on allocation failure. */
char *duet_report_markdown(const struct duet_report *report);

#endif /* DUET_CLAIMS_H */

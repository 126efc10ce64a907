/* `duet campaign`'s plan and its run (campaign_run.c). */
#ifndef DUET_CLI_CAMPAIGN_RUN_H
#define DUET_CLI_CAMPAIGN_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "duet/limits.h"
#include "duet/registry.h"

enum { DUET_CAMPAIGN_MAX = 64, DUET_CAMPAIGN_MIN_SHARE = 20 };

struct duet_campaign_plan {
  const struct duet_target *targets[DUET_CAMPAIGN_MAX];
  size_t count;
  long budget;   /* seconds of wall time for everything */
  long jobs;     /* libFuzzer jobs per target */
  bool ci;       /* SARIF, JUnit and the --ci exit status */
  char reports[DUET_PATH_MAX];
  char corpora[DUET_PATH_MAX]; /* working corpora: CORPORA/<target>/work */
  char id[128];  /* the report folder's name */
};

/* Runs the plan; returns the exit status (see `duet campaign --help`). */
int duet_campaign_plan_run(const struct duet_campaign_plan *plan);

#endif /* DUET_CLI_CAMPAIGN_RUN_H */

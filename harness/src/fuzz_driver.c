/*
 * The libFuzzer entry point, built once per target (DUET_FUZZ_TARGET names
 * it). Runs every side, compares, and on a divergence or panic prints one
 * DUET-RESULT record and aborts so that libFuzzer saves the input. Sanitizer
 * crashes are left to the sanitizers; the death callback names the side that
 * was running.
 *
 * Divergences listed in targets/<name>/known-divergences.json are explained
 * and accepted: the driver goes on past them instead of aborting, so a
 * campaign is not spent re-finding them (libb64's leniency made base64.decode
 * abort on nearly every input). DUET_ABORT_ON_KNOWN=1 restores aborting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/differential.h"
#include "duet/build_info.h"
#include "duet/dropin.h"
#include "duet/findings_store.h"
#include "duet/repro.h"
#include "duet/sanitizer_hooks.h"

#ifndef DUET_FUZZ_TARGET
#error "DUET_FUZZ_TARGET must name a target"
#endif

static const struct duet_target *target;
static cJSON *known; /* the target's known divergences, or NULL */

static void load_known(void) {
  const char *abort_on_known = getenv("DUET_ABORT_ON_KNOWN");
  if (abort_on_known && strcmp(abort_on_known, "1") == 0) return;
  char path[DUET_PATH_MAX], error[256];
  snprintf(path, sizeof path, "%s/targets/%s/known-divergences.json", duet_build_info.source_dir, target->name);
  known = duet_known_load(path, error, sizeof error);
  if (error[0]) fprintf(stderr, "duet: warning: %s; known divergences will abort\n", error);
}

/* Whether this divergence is a known one; says so once per signature. */
static bool is_known(const struct duet_differential *result) {
  if (!known || result->outcome != DUET_OUTCOME_DIVERGENCE) return false;
  cJSON *record = duet_differential_json(result);
  struct duet_verdict verdict;
  bool found = false;
  if (record && duet_verdict_from_record(target, record, &verdict) == 0) {
    char signature[17];
    duet_verdict_signature(target->name, &verdict, signature);
    const char *why = duet_known_lookup(known, &verdict, signature);
    static char reported[64][17];
    static size_t reported_count;
    found = why != NULL;
    bool said = false;
    for (size_t i = 0; i < reported_count; i++) said |= strcmp(reported[i], signature) == 0;
    if (found && !said && reported_count < 64) {
      memcpy(reported[reported_count++], signature, sizeof signature);
      fprintf(stderr, "duet: going on past known divergence %s (%s)\n", signature, why);
    }
  }
  cJSON_Delete(record);
  return found;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  target = duet_target_find(DUET_FUZZ_TARGET);
  if (!target) {
    fprintf(stderr, "duet: target %s is not in targets.def\n", DUET_FUZZ_TARGET);
    abort();
  }
  if (duet_dropin_guard(target, stderr) != 0) exit(2); /* never fuzz one library twice */
  duet_install_death_callback();
  load_known();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct duet_differential result;
  if (duet_differential_run(target, NULL, data, size, &result) != 0) {
    fprintf(stderr, "duet: harness out of memory\n");
    abort();
  }
  if (result.outcome != DUET_OUTCOME_NONE && !is_known(&result)) {
    duet_differential_print(stderr, &result);
    abort();
  }
  duet_differential_release(&result);
  return 0;
}

/*
 * `duet repro TARGET FILE`: each side alone in its own process, then all
 * together; prints status, output length and hash per side and the verdict.
 * The exit status is the verdict's (outcomes.def).
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duet/confine.h"
#include "duet/evidence.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/repro.h"

/* Under a pair's tolerance: each candidate's samples against the reference's. */
static void print_samples(const cJSON *sides, const struct duet_tolerance *t) {
  const cJSON *s;
  cJSON_ArrayForEach(s, sides) {
    const cJSON *samples = cJSON_GetObjectItem(s, "samples");
    if (!samples) continue;
    const cJSON *max = cJSON_GetObjectItem(samples, "max_difference");
    duet_cli_print(stdout, "  %-12s samples: %.0f compared, %.3g %% differ, max difference %s%.6g (tolerance %.6g)",
                   cJSON_GetStringValue(cJSON_GetObjectItem(s, "side")),
                   cJSON_GetNumberValue(cJSON_GetObjectItem(samples, "count")),
                   cJSON_GetNumberValue(cJSON_GetObjectItem(samples, "differing_share")) * 100,
                   cJSON_IsString(max) ? max->valuestring : "", cJSON_IsNumber(max) ? max->valuedouble : 0.0,
                   t ? t->max_difference : 0.0);
  }
}

static void print_human(const struct duet_repro *r, const char *path, size_t size, const char *sha1) {
  duet_cli_print(stdout, "target  %s", r->target->name);
  duet_cli_print(stdout, "input   %s (%zu bytes, sha1 %s)", path, size, sha1);
  cJSON *sides = duet_repro_sides_json(r);
  const cJSON *s;
  cJSON_ArrayForEach(s, sides) {
    const char *crash = cJSON_GetStringValue(cJSON_GetObjectItem(s, "crash"));
    const char *reason = cJSON_GetStringValue(cJSON_GetObjectItem(s, "reason"));
    if (crash) {
      duet_cli_print(stdout, "  %-12s alone: %s (%s)", cJSON_GetStringValue(cJSON_GetObjectItem(s, "side")), crash,
             cJSON_GetStringValue(cJSON_GetObjectItem(s, "crash_kind")));
      continue;
    }
    duet_cli_print(stdout, "  %-12s alone: %-12s len %-9.0f xxh3 %s%s%s%s", cJSON_GetStringValue(cJSON_GetObjectItem(s, "side")),
           cJSON_GetStringValue(cJSON_GetObjectItem(s, "status")), cJSON_GetNumberValue(cJSON_GetObjectItem(s, "output_len")),
           cJSON_GetStringValue(cJSON_GetObjectItem(s, "output_xxh3")), reason && *reason ? "  (" : "",
           reason ? reason : "", reason && *reason ? ")" : "");
  }
  print_samples(sides, r->target->tolerance);
  cJSON_Delete(sides);
  const char *together = cJSON_GetStringValue(cJSON_GetObjectItem(r->together.result, "outcome"));
  duet_cli_print(stdout, "  together:    %s", r->together.outcome != DUET_OUTCOME_NONE ? duet_outcome_name(r->together.outcome)
                                                                          : (together ? together : "no record"));
  const struct duet_verdict *v = &r->verdict;
  if (v->outcome == DUET_OUTCOME_NONE) {
    duet_cli_print(stdout, "verdict none: every side agrees");
    return;
  }
  char signature[17];
  duet_verdict_signature(r->target->name, v, signature);
  duet_cli_print(stdout, "verdict %s, side %s, %s: %s", duet_outcome_name(v->outcome), v->side, v->kind, v->detail);
  duet_cli_print(stdout, "signature %s", signature);
  for (int i = 0; i < v->frame_count; i++) duet_cli_print(stdout, "  frame %d: %s", i, v->frames[i]);
}

/* The input's preview and, when outputs differ, both around the first
   difference (duet/evidence.h, in a temporary folder). */
static void print_evidence(const struct duet_repro *r, const char *path, unsigned timeout) {
  char dir[PATH_MAX];
  if (duet_temp_name(dir, sizeof dir, "duet-evidence") != 0 || !mkdtemp(dir)) return;
  struct duet_evidence_view view;
  if (duet_evidence_collect(duet_self_exe(), r->target, path, timeout, dir, &view) == 0) {
    printf("preview %s\n", view.preview); /* terminal-safe already */
    if (view.difference[0])
      printf("outputs differ%s %s\n", r->verdict.outcome == DUET_OUTCOME_NONE ? " within the pair's tolerance" : "",
             view.difference);
  }
  duet_remove_tree(dir);
}

static void print_json(const struct duet_repro *r, const char *path, size_t size, const char *sha1) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "target", r->target->name);
  cJSON_AddStringToObject(o, "input", path);
  cJSON_AddNumberToObject(o, "input_size", (double)size);
  cJSON_AddStringToObject(o, "sha1", sha1);
  cJSON_AddItemToObject(o, "sides", duet_repro_sides_json(r));
  cJSON_AddItemToObject(o, "verdict", duet_verdict_json(&r->verdict));
  if (r->verdict.outcome != DUET_OUTCOME_NONE) {
    char signature[17];
    duet_verdict_signature(r->target->name, &r->verdict, signature);
    cJSON_AddStringToObject(o, "signature", signature);
  }
  char *text = cJSON_Print(o);
  if (text) puts(text);
  cJSON_free(text);
  cJSON_Delete(o);
}

int duet_cmd_repro(int argc, char **argv) {
  static const struct option options[] = {
      {"json", no_argument, NULL, 'j'}, {"timeout", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'}, {0}};
  bool json = false;
  long timeout = DUET_REPRO_TIMEOUT_SECONDS;
  int c;
  while ((c = getopt_long(argc, argv, "jt:h", options, NULL)) != -1) {
    switch (c) {
    case 'j': json = true; break;
    case 't':
      if ((timeout = duet_cli_number("--timeout", optarg, 1, 3600)) < 0) return DUET_EXIT_USAGE;
      break;
    case 'h':
      printf("usage: duet repro TARGET FILE [--json] [--timeout S]\n\n"
             "Runs FILE through each side of TARGET alone, each in its own process, then\n"
             "through all sides together, and classifies the result. Exit status:\n"
             "0 agree, 3 divergence, 4 panic, 5 crash, 6 leak, 7 timeout, 8 oom, 2 bad input.\n");
      return DUET_EXIT_OK;
    default: return DUET_EXIT_USAGE;
    }
  }
  if (argc - optind != 2) return duet_cli_usage_error("repro wants TARGET FILE (see duet repro --help)");
  const struct duet_target *target = duet_cli_target(argv[optind]);
  if (!target) return DUET_EXIT_USAGE;
  const char *path = argv[optind + 1];
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(path, DUET_INPUT_MAX, &data, &size);
  if (rc != 0) return duet_cli_usage_error("cannot read %s: %s", path, duet_fs_strerror(rc));
  char sha1[41];
  duet_sha1_hex(data, size, sha1);
  free(data);

  struct duet_repro r;
  rc = duet_repro_run(duet_self_exe(), target, path, (unsigned)timeout, &r);
  if (rc != 0) {
    duet_cli_print(stderr, "duet: cannot start a child process: %s", duet_fs_strerror(rc));
    return DUET_EXIT_INTERNAL;
  }
  if (json) print_json(&r, path, size, sha1);
  else {
    print_human(&r, path, size, sha1);
    print_evidence(&r, path, (unsigned)timeout);
  }
  int status = duet_outcome_exit_code(r.verdict.outcome);
  duet_repro_release(&r);
  return status;
}

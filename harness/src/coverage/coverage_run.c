/* duet_coverage_measure: replay, merge, export, HTML (duet/coverage.h). */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duet/campaign.h"
#include "duet/coverage.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/limits.h"

/* A tool's own timeout: merging and exporting one pair takes seconds. */
#define TOOL_SECONDS 600

/* Runs argv in `run_dir` with LLVM_PROFILE_FILE pointing into its profiles/.
   1 when it exited 0, 0 when it crashed, hung or failed (its profile is lost), -errno. */
static int replay(const char *run_dir, char *argv[]) {
  char profile[PATH_MAX + 40];
  /* Relative to run_dir (the child's folder): a % in a path would be a pattern. */
  snprintf(profile, sizeof profile, "LLVM_PROFILE_FILE=profiles/%%p.profraw");
  const char *set[] = {profile, NULL};
  char **env = duet_env_with(set);
  if (!env) return -ENOMEM;
  size_t n = 0;
  while (argv[n + 1]) n++;
  struct duet_child child;
  int rc = duet_child_run_in(argv, run_dir, env, (unsigned)(DUET_REPRO_TIMEOUT_SECONDS * n + 60), &child);
  duet_argv_free(env);
  if (rc != 0) return rc;
  rc = child.exit_code == 0 ? 1 : 0;
  duet_child_release(&child);
  return rc;
}

/* One batch; when its process dies, each input alone, and the ones that die
   alone too are lost. */
static int replay_batch(const char *binary, const char *run_dir, char *const inputs[], size_t n,
                        struct duet_coverage_result *result) {
  char **argv = calloc(n + 2, sizeof *argv);
  if (!argv) return -ENOMEM;
  argv[0] = (char *)binary;
  for (size_t i = 0; i < n; i++) argv[i + 1] = inputs[i];
  int rc = replay(run_dir, argv);
  for (size_t i = 0; rc == 0 && n > 1 && i < n; i++) {
    char *one[] = {(char *)binary, inputs[i], NULL};
    int alone = replay(run_dir, one);
    if (alone < 0) rc = alone;
    if (alone == 0) result->inputs_lost++;
  }
  if (rc == 0 && n == 1) result->inputs_lost++;
  free(argv);
  return rc < 0 ? rc : 0;
}

/* Runs a tool; its stdout into *out when out is not NULL. */
static int tool(char *const argv[], char **out, struct duet_coverage_result *result) {
  struct duet_child child;
  int rc = duet_child_run(argv, TOOL_SECONDS, &child);
  if (rc != 0) {
    snprintf(result->why, sizeof result->why, "%s could not start: %s", argv[0], strerror(-rc));
    return rc;
  }
  if (child.exit_code != 0) {
    const char *err = child.err ? child.err : "";
    snprintf(result->why, sizeof result->why, "%s failed: %.300s", argv[0], err);
    duet_child_release(&child);
    return -ECHILD;
  }
  if (out) {
    *out = child.out;
    child.out = NULL;
  }
  duet_child_release(&child);
  return 0;
}

static int merge(const struct duet_coverage_build *build, const char *run_dir, const char *profdata,
                 struct duet_coverage_result *result) {
  char dir[PATH_MAX], out[PATH_MAX + 8];
  snprintf(dir, sizeof dir, "%s/profiles", run_dir);
  char **raw;
  long n = duet_list_files(dir, &raw);
  if (n <= 0) {
    snprintf(result->why, sizeof result->why, "no replay wrote a profile (every input crashed or hung?)");
    if (n == 0) duet_paths_free(raw);
    return n < 0 ? (int)n : -ENOENT;
  }
  char **argv = calloc((size_t)n + 6, sizeof *argv);
  if (!argv) {
    duet_paths_free(raw);
    return -ENOMEM;
  }
  snprintf(out, sizeof out, "-o=%s", profdata);
  char *head[] = {(char *)build->profdata, "merge", "-sparse", out};
  memcpy(argv, head, sizeof head);
  for (long i = 0; i < n; i++) argv[4 + i] = raw[i];
  int rc = tool(argv, NULL, result);
  free(argv);
  duet_paths_free(raw);
  if (rc == 0) duet_remove_tree(dir); /* the merged profile says it all */
  return rc;
}

static int summarize(const struct duet_coverage_build *build, const char *binary, const char *profdata,
                     struct duet_coverage_result *result) {
  char prof[PATH_MAX + 16];
  snprintf(prof, sizeof prof, "-instr-profile=%s", profdata);
  char *argv[] = {(char *)build->cov, "export", "-summary-only", prof, (char *)binary, NULL};
  char *out = NULL;
  int rc = tool(argv, &out, result);
  if (rc != 0) return rc;
  cJSON *json = cJSON_Parse(out);
  free(out);
  if (!json) {
    snprintf(result->why, sizeof result->why, "llvm-cov export printed no JSON (over 1 MiB?)");
    return -EINVAL;
  }
  rc = duet_coverage_sum(build, json, result);
  cJSON_Delete(json);
  return rc;
}

/* `path` with every character a regular expression gives a meaning to escaped. */
static void regex_escape(const char *path, char *out, size_t cap) {
  size_t used = 0;
  for (const char *c = path; *c && used + 3 < cap; c++) {
    if (strchr(".^$|()[]{}*+?\\", *c)) out[used++] = '\\';
    out[used++] = *c;
  }
  out[used] = '\0';
}

/* Only the pair's own code in the HTML: Rust's std, system headers and duet's
   harness (as duet_coverage_part_of names it) left out. */
static int html(const struct duet_coverage_build *build, const char *binary, const char *profdata,
                const char *run_dir, struct duet_coverage_result *result) {
  char prof[PATH_MAX + 16], out[PATH_MAX + 16], src[2 * PATH_MAX], bin[2 * PATH_MAX], ignore[4 * PATH_MAX + 128];
  snprintf(prof, sizeof prof, "-instr-profile=%s", profdata);
  snprintf(out, sizeof out, "-output-dir=%s/html", run_dir);
  regex_escape(build->source_dir, src, sizeof src);
  regex_escape(build->binary_dir, bin, sizeof bin);
  snprintf(ignore, sizeof ignore, "-ignore-filename-regex=^/rustc/|^/usr/include/|^/usr/lib/|^%s/harness/|^%s/(harness|rust/src)/",
           src, bin);
  char *argv[] = {(char *)build->cov, "show", "-format=html", "-show-branches=count", "-show-line-counts-or-regions",
                  ignore, prof, out, (char *)binary, NULL};
  return tool(argv, NULL, result);
}

int duet_coverage_binary(const struct duet_coverage_build *build, const char *target, char *out, size_t cap) {
  if (snprintf(out, cap, "%s/harness/cli/duet-cover-%s", build->binary_dir, target) >= (int)cap) return -ENAMETOOLONG;
  return access(out, X_OK) == 0 ? 0 : -errno;
}

int duet_coverage_measure(const struct duet_coverage_build *build, const char *target, char *const inputs[], size_t n,
                          const char *run_dir, struct duet_coverage_result *result) {
  char binary[PATH_MAX], dir[PATH_MAX + 16], profdata[PATH_MAX + 32];
  memset(result, 0, sizeof *result);
  int rc = duet_coverage_binary(build, target, binary, sizeof binary);
  if (rc != 0) {
    snprintf(result->why, sizeof result->why, "no replay binary %s", binary);
    return rc;
  }
  snprintf(dir, sizeof dir, "%s/profiles", run_dir);
  rc = duet_make_dirs(dir);
  for (size_t i = 0; rc == 0 && i < n; i += DUET_COVERAGE_BATCH) {
    size_t k = n - i < DUET_COVERAGE_BATCH ? n - i : DUET_COVERAGE_BATCH;
    rc = replay_batch(binary, run_dir, inputs + i, k, result);
  }
  if (rc != 0) {
    snprintf(result->why, sizeof result->why, "replaying the corpus: %s", strerror(-rc));
    return rc;
  }
  result->inputs = (long)n;
  snprintf(profdata, sizeof profdata, "%s/coverage.profdata", run_dir);
  if ((rc = merge(build, run_dir, profdata, result)) != 0) return rc;
  if ((rc = summarize(build, binary, profdata, result)) != 0) return rc;
  return html(build, binary, profdata, run_dir, result);
}

/*
 * duet: differential fuzzing of a C library against its Rust rewrites.
 * main() only dispatches; each command lives in its own cmd_*.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/dropin.h"
#include "duet/lifeline.h"
#include "duet/text.h"

static const struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary; /* NULL: internal, not listed */
} commands[] = {
    {"list", duet_cmd_list, "targets, library versions and sanitizers per side"},
    {"fuzz", duet_cmd_fuzz, "run a differential campaign and write reports/<run-id>/"},
    {"campaign", duet_cmd_campaign, "fuzz many targets in one budget, one report; --ci: SARIF, JUnit, exit status"},
    {"repro", duet_cmd_repro, "re-run one input: each side alone, then together"},
    {"triage", duet_cmd_triage, "classify, deduplicate, minimise and store findings of runs or files; --import DIR from elsewhere"},
    {"promote", duet_cmd_promote, "turn a stored finding into a committed regression input"},
    {"report", duet_cmd_report, "the comparison report: a verdict per claim and pair, index.html, report.{json,md}"},
    {"unsafe", duet_cmd_unsafe, "the unsafe surface of each target's Rust side (claim C5)"},
    {"regress", duet_cmd_regress, "replay committed regression inputs against their expected classification"},
    {"coverage", duet_cmd_coverage, "line and branch coverage of each side over a corpus (the coverage build)"},
    {"bench", duet_cmd_bench, "benchmark each side over corpus input classes (Google Benchmark JSON + summary)"},
    {"stress", duet_cmd_stress, "claim C4: every side from many threads at once, answers compared with one thread's"},
    {"validate", duet_cmd_validate, "measure detection on the planted bugs of targets/ground-truth.json"},
    {"exec", duet_cmd_exec, NULL},
};

static void usage(FILE *out) {
  fprintf(out, "usage: duet COMMAND [ARGS]   (duet COMMAND --help for each)\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (commands[i].summary) fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
}

/* The message may quote paths and flags as given: escaped, it stays one
   line that nothing in it can steer (duet/text.h). */
void duet_cli_vformat_safe(char *out, size_t cap, const char *fmt, va_list ap) {
  char raw[4096];
  vsnprintf(raw, sizeof raw, fmt, ap);
  duet_text_terminal_safe(raw, out, cap);
}

int duet_cli_usage_error(const char *fmt, ...) {
  char safe[16384];
  va_list ap;
  va_start(ap, fmt);
  duet_cli_vformat_safe(safe, sizeof safe, fmt, ap);
  va_end(ap);
  fprintf(stderr, "duet: %s\n", safe);
  return DUET_EXIT_USAGE;
}

void duet_cli_print(FILE *out, const char *fmt, ...) {
  char safe[16384];
  va_list ap;
  va_start(ap, fmt);
  duet_cli_vformat_safe(safe, sizeof safe, fmt, ap);
  va_end(ap);
  fprintf(out, "%s\n", safe);
}

const struct duet_target *duet_cli_target(const char *name) {
  const struct duet_target *t = duet_target_find(name);
  if (t) return duet_dropin_guard(t, stderr) == 0 ? t : NULL; /* drop-in sides must be distinct code */
  size_t n;
  const struct duet_target *all = duet_targets(&n);
  char known[4096] = "";
  size_t used = 0;
  for (size_t i = 0; i < n && used < sizeof known; i++)
    used += (size_t)snprintf(known + used, sizeof known - used, " %s", all[i].name);
  duet_cli_usage_error("unknown target '%s' (known:%s)", name, known);
  return NULL;
}

bool duet_cli_plain_name(const char *name) {
  size_t n = strlen(name);
  return n > 0 && n <= 100 && name[0] != '.' &&
         strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

long duet_cli_number(const char *flag, const char *text, long min, long max) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno || end == text || *end || v < min || v > max) {
    duet_cli_usage_error("%s wants a whole number from %ld to %ld, got '%s'", flag, min, max, text);
    return -1;
  }
  return v;
}

/* The repo's own stores: nothing beneath them is reached through a link
   (duet/confine.h). Commands add the folders given by flags. */
static void confine_defaults(void) {
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", duet_build_info.reports_dir);
  duet_fs_confine(dir);
  snprintf(dir, sizeof dir, "%s/corpora", duet_build_info.source_dir);
  duet_fs_confine(dir);
}

/* duet's sanitizer defaults (duet/limits.h), unless the user set them. */
static void default_sanitizer_options(void) {
  setenv("ASAN_OPTIONS", DUET_ASAN_DEFAULTS, 0);
  setenv("UBSAN_OPTIONS", DUET_UBSAN_DEFAULTS, 0);
}

int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? DUET_EXIT_USAGE : DUET_EXIT_OK;
  }
  default_sanitizer_options();
  confine_defaults();
  /* Every process duet starts dies with it (duet/lifeline.h); `exec` is such a child. */
  if (strcmp(argv[1], "exec") == 0) duet_lifeline_die_with_parent();
  else duet_lifeline_open();
  duet_lifeline_stop_with_parent(); /* a fuzz run of a campaign */
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
  return duet_cli_usage_error("unknown command '%s' (duet --help lists them)", argv[1]);
}

/* `duet unsafe [TARGET...]`: the unsafe surface of each target's Rust side (claim C5). */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "duet/unsafe_surface.h"

static double number(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItem(o, key);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *text(const cJSON *o, const char *key) {
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
  return s ? s : "?";
}

/* "3 items, 1 file: 20 sites" — what cfg left out of the count. */
static void format_excluded(const cJSON *crate, char *out, size_t size) {
  const cJSON *x = cJSON_GetObjectItem(crate, "excluded_by_cfg");
  double items = number(x, "items"), files = cJSON_GetArraySize(cJSON_GetObjectItem(x, "files"));
  if (items == 0 && files == 0) snprintf(out, size, "-");
  else snprintf(out, size, "%.0f items, %.0f files: %.0f sites", items, files, duet_unsafe_sites(x));
}

static void print_crate(const cJSON *c) {
  char excluded[96];
  format_excluded(c, excluded, sizeof excluded);
  printf("  %-30s %-8s %-10s %5.0f %6.0f %5.0f %5.0f %6.0f %6.0f  %-6s %s", text(c, "crate"), text(c, "version"),
         text(c, "role"), number(c, "files"), number(c, "unsafe_blocks"), number(c, "unsafe_functions"),
         number(c, "unsafe_impls"), number(c, "unsafe_traits"), number(c, "in_macros"),
         cJSON_IsTrue(cJSON_GetObjectItem(c, "forbids_unsafe_code")) ? "yes" : "no", excluded);
  if (cJSON_GetObjectItem(c, "same_as")) printf("  (copy of %s: not in totals)", text(c, "same_as"));
  if (cJSON_GetArraySize(cJSON_GetObjectItem(c, "errors")) > 0) printf("  (unparsed files: see --json)");
  printf("\n");
}

static void print_surface(const struct duet_target *t, const cJSON *surface) {
  const cJSON *totals = cJSON_GetObjectItem(surface, "totals");
  printf("%s: unsafe sites in the rewrite %.0f, its dependencies %.0f, duet's glue %.0f\n", t->name,
         number(totals, "rewrite"), number(totals, "dependencies"), number(totals, "glue"));
  printf("  %-30s %-8s %-10s %5s %6s %5s %5s %6s %6s  %-6s %s\n", "crate", "version", "role", "files", "blocks", "fns",
         "impls", "traits", "macros", "forbid", "excluded by cfg");
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(surface, "crates")) print_crate(c);
}

/* Cross-pair totals: each "crate version" once (pairs share crates), copies skipped. */
struct overall {
  cJSON *seen;
  double rewrite, dependencies, glue;
};

static void add_overall(struct overall *all, const cJSON *surface) {
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(surface, "crates")) {
    char key[256];
    snprintf(key, sizeof key, "%s %s", text(c, "crate"), text(c, "version"));
    if (cJSON_GetObjectItem(c, "same_as") || cJSON_GetObjectItem(all->seen, key)) continue;
    cJSON_AddTrueToObject(all->seen, key);
    const char *role = text(c, "role");
    double n = duet_unsafe_sites(c);
    if (strcmp(role, "library") == 0) all->rewrite += n;
    else if (strcmp(role, "dependency") == 0) all->dependencies += n;
    else all->glue += n;
  }
}

static void usage(void) {
  printf("usage: duet unsafe [TARGET...] [--json]\n\n"
         "Counts the unsafe blocks, functions, impls and traits that each crate of a target's\n"
         "Rust side compiles, and whether the crate forbids unsafe_code. tools/unsafe-count\n"
         "parses the crate's module tree (syn) and evaluates #[cfg] and cfg_if! with the\n"
         "features cargo resolved, its build script's cfgs and the target's cfg.\n"
         "Roles: library (the rewrite's own crates), dependency (theirs), adapter and\n"
         "harness (duet's glue). 'macros' counts unsafe tokens inside macro bodies that\n"
         "cannot be evaluated; 'excluded by cfg' what cfg leaves out. Neither is totalled.\n"
         "A patched copy of a crate is shown, and counted once.\n");
}

int duet_cmd_unsafe(int argc, char **argv) {
  static const struct option options[] = {{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
  bool json = false;
  int c;
  while ((c = getopt_long(argc, argv, "jh", options, NULL)) != -1) {
    if (c == 'j') json = true;
    else if (c == 'h') return usage(), DUET_EXIT_OK;
    else return DUET_EXIT_USAGE;
  }
  size_t n;
  const struct duet_target *all = duet_targets(&n);
  cJSON *out = cJSON_CreateObject();
  struct overall overall = {.seen = cJSON_CreateObject()};
  int status = DUET_EXIT_OK;
  for (size_t i = 0; i < (optind < argc ? (size_t)(argc - optind) : n); i++) {
    const struct duet_target *t = optind < argc ? duet_cli_target(argv[optind + (int)i]) : &all[i];
    if (!t) {
      status = DUET_EXIT_USAGE;
      continue;
    }
    char error[512];
    cJSON *surface = duet_unsafe_surface(t, error, sizeof error);
    if (!surface) {
      duet_cli_print(stderr, "duet: %s", error);
      status = DUET_EXIT_USAGE;
      continue;
    }
    if (!json) print_surface(t, surface);
    add_overall(&overall, surface);
    cJSON_AddItemToObject(out, t->name, surface);
  }
  if (json) {
    char *printed = cJSON_Print(out);
    if (printed) puts(printed);
    cJSON_free(printed);
  } else {
    printf("all pairs (each crate once, copies skipped): rewrite %.0f, dependencies %.0f, glue %.0f\n",
           overall.rewrite, overall.dependencies, overall.glue);
  }
  cJSON_Delete(overall.seen);
  cJSON_Delete(out);
  return status;
}

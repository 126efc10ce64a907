/* `duet unsafe [TARGET...]`: the unsafe surface of each target's Rust side (claim C5). */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "duet/unsafe_surface.h"

static double number(const cJSON *o, const char *key) { return cJSON_GetNumberValue(cJSON_GetObjectItem(o, key)); }

static void print_surface(const struct duet_target *t, const cJSON *surface) {
  printf("%s\n  %-28s %-8s %-9s %6s %7s %6s %6s %6s  %s\n", t->name, "crate", "version", "role", "files", "blocks", "fns",
         "impls", "traits", "forbid(unsafe_code)");
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(surface, "crates"))
    printf("  %-28s %-8s %-9s %6.0f %7.0f %6.0f %6.0f %6.0f  %s\n", cJSON_GetStringValue(cJSON_GetObjectItem(c, "crate")),
           cJSON_GetStringValue(cJSON_GetObjectItem(c, "version")), cJSON_GetStringValue(cJSON_GetObjectItem(c, "role")),
           number(c, "files"), number(c, "unsafe_blocks"), number(c, "unsafe_functions"), number(c, "unsafe_impls"),
           number(c, "unsafe_traits"), cJSON_IsTrue(cJSON_GetObjectItem(c, "forbids_unsafe_code")) ? "yes" : "no");
}

int duet_cmd_unsafe(int argc, char **argv) {
  static const struct option options[] = {{"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
  bool json = false;
  int c;
  while ((c = getopt_long(argc, argv, "jh", options, NULL)) != -1) {
    if (c == 'j') json = true;
    else if (c == 'h') {
      printf("usage: duet unsafe [TARGET...] [--json]\n\n"
             "Counts unsafe blocks, functions, impls and traits in every crate of each target's\n"
             "Rust side (the rewrite's library crates, our adapter, the duet_ffi harness crate),\n"
             "with comments and strings skipped, and whether the crate forbids unsafe_code.\n");
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  size_t n;
  const struct duet_target *all = duet_targets(&n);
  cJSON *out = cJSON_CreateObject();
  int status = DUET_EXIT_OK;
  for (size_t i = 0; i < (optind < argc ? (size_t)(argc - optind) : n); i++) {
    const struct duet_target *t = optind < argc ? duet_cli_target(argv[optind + (int)i]) : &all[i];
    if (!t) {
      status = DUET_EXIT_USAGE;
      continue;
    }
    char error[256];
    cJSON *surface = duet_unsafe_surface(t, error, sizeof error);
    if (!surface) {
      duet_cli_print(stderr, "duet: %s", error);
      status = DUET_EXIT_USAGE;
      continue;
    }
    if (!json) print_surface(t, surface);
    cJSON_AddItemToObject(out, t->name, surface);
  }
  if (json) {
    char *text = cJSON_Print(out);
    if (text) puts(text);
    cJSON_free(text);
  }
  cJSON_Delete(out);
  return status;
}

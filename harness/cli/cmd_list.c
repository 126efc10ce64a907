#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/engine.h"
#include "duet/registry.h"

static void print_side(const struct duet_impl *impl, const char *role) {
  const struct duet_build_info *b = &duet_build_info;
  bool rust = impl->language == DUET_LANG_RUST;
  bool sanitized = duet_impl_sanitized(impl);
  const char *unavailable = impl->unavailable ? impl->unavailable() : NULL;
  printf("  %-10s %-9s %s %s via %s; %s%s%s%s\n", impl->name, role, impl->library, impl->version, impl->api,
         sanitized ? (rust ? "ASan" : "ASan+UBSan") : "NOT SANITIZED", sanitized || !b->c_sanitized ? "" : " (!)",
         unavailable ? "; UNAVAILABLE: " : "", unavailable ? unavailable : "");
}

/* How a pair with a tolerance compares its outputs (contract.h). */
static void print_tolerance(const struct duet_tolerance *t) {
  if (!t) return;
  char text[512];
  duet_tolerance_describe(t, text, sizeof text);
  printf("  outputs compared within a tolerance: %s\n", text);
}

int duet_cmd_list(int argc, char **argv) {
  static const struct option options[] = {{"help", no_argument, NULL, 'h'}, {0}};
  int c;
  while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    if (c == 'h') {
      printf("usage: duet list\n\nLists every target, its sides (the C reference first), the library\n"
             "and version each side drives, whether that side is sanitized, and how a\n"
             "pair whose outputs are approximate compares them.\n");
      return DUET_EXIT_OK;
    }
    return DUET_EXIT_USAGE;
  }
  if (optind < argc) return duet_cli_usage_error("list takes no arguments");
  size_t n;
  const struct duet_target *targets = duet_targets(&n);
  if (duet_build_info.c_unpatched)
    printf("UNPATCHED build: each C library below lacks the CVE patches its targets/<name>/cves.json lists "
           "(duet validate --cves); reports go to %s\n", duet_build_info.reports_dir);
  for (size_t i = 0; i < n; i++) {
    printf("%s\n", targets[i].name);
    print_side(targets[i].reference, "reference");
    for (const struct duet_impl *const *cand = targets[i].candidates; *cand; cand++) print_side(*cand, "candidate");
    print_tolerance(targets[i].tolerance);
  }
  return DUET_EXIT_OK;
}

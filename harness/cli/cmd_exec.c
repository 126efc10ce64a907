/*
 * Internal: `duet exec TARGET FILE [--side NAME]` runs sides in this process
 * and prints one DUET-RESULT line. `repro` and triage run it in child
 * processes so that a crash takes down only the child.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "duet/differential.h"
#include "duet/fileio.h"
#include "duet/sanitizer_hooks.h"

int duet_cmd_exec(int argc, char **argv) {
  static const struct option options[] = {{"side", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {0}};
  const char *side = NULL;
  int c;
  while ((c = getopt_long(argc, argv, "s:h", options, NULL)) != -1) {
    if (c == 's') side = optarg;
    else if (c == 'h') {
      printf("usage: duet exec TARGET FILE [--side NAME]\n\nInternal: runs the sides in this process and prints a DUET-RESULT record.\n");
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  if (argc - optind != 2) return duet_cli_usage_error("exec wants TARGET FILE");
  const struct duet_target *target = duet_cli_target(argv[optind]);
  if (!target) return DUET_EXIT_USAGE;
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(argv[optind + 1], DUET_INPUT_MAX, &data, &size);
  if (rc != 0) return duet_cli_usage_error("cannot read %s: %s", argv[optind + 1], strerror(-rc));
  duet_install_death_callback();
  struct duet_differential result;
  rc = duet_differential_run(target, side, data, size, &result);
  free(data);
  if (rc == -2) return duet_cli_usage_error("target %s has no side '%s'", target->name, side);
  if (rc != 0) return DUET_EXIT_INTERNAL;
  rc = duet_differential_print(stdout, &result);
  duet_differential_release(&result);
  return rc == 0 ? DUET_EXIT_OK : DUET_EXIT_INTERNAL;
}

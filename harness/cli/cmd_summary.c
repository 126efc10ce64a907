/* `duet summary`: the comparison report across pairs and runs. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/limits.h"
#include "duet/summary.h"

int duet_cmd_summary(int argc, char **argv) {
  static const struct option options[] = {{"reports", required_argument, NULL, 'r'}, {"help", no_argument, NULL, 'h'}, {0}};
  char reports[DUET_PATH_MAX];
  snprintf(reports, sizeof reports, "%s/reports", duet_build_info.source_dir);
  int c;
  while ((c = getopt_long(argc, argv, "r:h", options, NULL)) != -1) {
    if (c == 'r') snprintf(reports, sizeof reports, "%s", optarg);
    else if (c == 'h') {
      printf("usage: duet summary [--reports DIR]\n\n"
             "Reads every run report and the findings store under DIR (default: the repo's\n"
             "reports/) and writes DIR/summary.json and DIR/summary.md: per pair and overall,\n"
             "runs, executions, distinct findings and a verdict for each claim.\n");
      return DUET_EXIT_OK;
    } else return DUET_EXIT_USAGE;
  }
  if (optind < argc) return duet_cli_usage_error("summary takes no arguments (see --help)");
  struct stat st;
  if (stat(reports, &st) != 0 || !S_ISDIR(st.st_mode))
    return duet_cli_usage_error("no reports folder at %s (give one with --reports DIR)", reports);
  duet_fs_confine(reports);
  int rc = duet_check_writable_dir(reports);
  if (rc != 0) return duet_cli_usage_error("cannot write to %s: %s", reports, duet_fs_strerror(rc));
  rc = duet_summary_write(reports, stderr);
  if (rc != 0) {
    duet_cli_usage_error("cannot write the summary in %s: %s", reports, duet_fs_strerror(rc));
    return DUET_EXIT_INTERNAL;
  }
  printf("%s/summary.md\n%s/summary.json\n", reports, reports);
  return DUET_EXIT_OK;
}

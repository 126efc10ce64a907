/* `duet report`: the comparison report across pairs, runs, benchmarks and
   ground truth, a verdict per claim traced to its evidence. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/comparison.h"
#include "duet/confine.h"
#include "duet/fileio.h"
#include "duet/limits.h"

static int usage(void) {
  printf("usage: duet report [--reports DIR] [--id NAME]\n\n"
         "Reads every run report, stored finding, `duet bench` summary and `duet validate`\n"
         "result under DIR (default: the repo's reports/) and writes DIR/NAME/ (default NAME:\n"
         "report-<UTC time>): report.json (reports/schema/comparison.schema.json), report.md\n"
         "and index.html, one self-contained page, with a copy of every finding it lists\n"
         "under findings/. Each claim gets a verdict per pair and overall, by the rules of\n"
         "docs/evidence.md, citing the runs and signatures it rests on. Prints index.html's path.\n");
  return DUET_EXIT_OK;
}

int duet_cmd_report(int argc, char **argv) {
  static const struct option options[] = {
      {"reports", required_argument, NULL, 'r'}, {"id", required_argument, NULL, 'i'}, {"help", no_argument, NULL, 'h'}, {0}};
  char reports[DUET_PATH_MAX], id[128];
  time_t now = time(NULL);
  snprintf(reports, sizeof reports, "%s", duet_build_info.reports_dir);
  strftime(id, sizeof id, "report-%Y%m%dT%H%M%SZ", gmtime(&now));
  int c;
  while ((c = getopt_long(argc, argv, "r:i:h", options, NULL)) != -1) {
    if (c == 'r') snprintf(reports, sizeof reports, "%s", optarg);
    else if (c == 'i' && !duet_cli_plain_name(optarg))
      return duet_cli_usage_error("--id wants a plain folder name (letters, digits, '.', '_', '-'), got '%s'", optarg);
    else if (c == 'i') snprintf(id, sizeof id, "%s", optarg);
    else if (c == 'h') return usage();
    else return DUET_EXIT_USAGE;
  }
  if (optind < argc) return duet_cli_usage_error("report takes no arguments (see --help)");
  struct stat st;
  if (stat(reports, &st) != 0 || !S_ISDIR(st.st_mode))
    return duet_cli_usage_error("no reports folder at %s (give one with --reports DIR)", reports);
  duet_fs_confine(reports);
  int rc = duet_check_writable_dir(reports);
  if (rc != 0) return duet_cli_usage_error("cannot write to %s: %s", reports, duet_fs_strerror(rc));
  cJSON *report = duet_comparison_collect(reports, stderr);
  char out[DUET_PATH_MAX];
  snprintf(out, sizeof out, "%s/%s", reports, id);
  rc = report ? duet_comparison_write(reports, out, report) : -ENOMEM;
  cJSON_Delete(report);
  if (rc != 0) {
    duet_cli_usage_error("cannot write the report in %s: %s", out, duet_fs_strerror(rc));
    return DUET_EXIT_INTERNAL;
  }
  duet_cli_print(stdout, "%s/index.html", out);
  return DUET_EXIT_OK;
}

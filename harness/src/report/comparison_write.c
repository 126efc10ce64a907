/* Writes the comparison report's folder: a copy of each finding it lists,
   then report.json, report.md and, last, index.html (each atomically), so
   a folder with index.html is complete. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_read.h"
#include "duet/comparison.h"

/* Copies REPORTS/findings/T/SIG's files (regular files only, no links) into OUT/findings/T/SIG. */
static int copy_finding(const char *reports, const char *out, const char *target, const char *signature) {
  char from[DUET_PATH_MAX], to[DUET_PATH_MAX];
  snprintf(from, sizeof from, "%s/findings/%s/%s", reports, target, signature);
  if (snprintf(to, sizeof to, "%s/findings/%s/%s", out, target, signature) >= (int)sizeof to) return -ENAMETOOLONG;
  int rc = duet_make_dirs(to);
  char **files;
  long n = rc == 0 ? duet_list_files(from, &files) : rc;
  for (long i = 0; i < n && rc == 0; i++) {
    uint8_t *data;
    size_t size;
    char path[DUET_PATH_MAX];
    if (duet_read_file(files[i], (size_t)64 << 20, &data, &size) != 0) continue; /* a file that went away */
    snprintf(path, sizeof path, "%s/%s", to, strrchr(files[i], '/') + 1);
    rc = duet_write_atomic(path, data, size);
    free(data);
  }
  duet_paths_free(n >= 0 ? files : NULL);
  return n < 0 ? (int)n : rc;
}

static int copy_findings_of(const char *reports, const char *out, const cJSON *pairs) {
  const cJSON *p, *f;
  cJSON_ArrayForEach(p, pairs) {
    cJSON_ArrayForEach(f, cJSON_GetObjectItem(p, "findings")) {
      int rc = copy_finding(reports, out, duet_json_text(p, "target"), duet_json_text(f, "signature"));
      if (rc != 0) return rc;
    }
  }
  return 0;
}

static int write_text(const char *dir, const char *name, char *text) {
  char path[DUET_PATH_MAX];
  int rc = -ENOMEM;
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) rc = -ENAMETOOLONG;
  else if (text) rc = duet_write_atomic(path, text, strlen(text));
  free(text);
  return rc;
}

int duet_comparison_write(const char *reports, const char *out, const cJSON *report) {
  int rc = duet_make_dirs(out);
  if (rc == 0) rc = copy_findings_of(reports, out, cJSON_GetObjectItem(report, "pairs"));
  if (rc == 0)
    rc = copy_findings_of(reports, out, cJSON_GetObjectItem(cJSON_GetObjectItem(report, "ground_truth"), "components"));
  if (rc == 0) rc = write_text(out, "report.json", cJSON_Print(report));
  if (rc == 0) rc = write_text(out, "report.md", duet_comparison_markdown(report));
  if (rc == 0) rc = write_text(out, "index.html", duet_comparison_html(report));
  return rc;
}

/* findings.sarif: SARIF 2.1.0 for code scanning. One result per distinct
   finding a campaign met that is not known; its rule is class/kind, its
   location the faulting side's top frame in the library's own source
   (relative to the checkout; never duet's or libFuzzer's files), its
   fingerprint the signature. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <cjson/cJSON.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_read.h"
#include "duet/build_info.h"
#include "duet/ci_outputs.h"

bool duet_campaign_finding_is_new(const cJSON *finding, const struct duet_campaign_result *results, size_t n) {
  if (*duet_json_text(finding, "known") || !cJSON_IsTrue(cJSON_GetObjectItem(finding, "reliable"))) return false;
  const cJSON *run;
  cJSON_ArrayForEach(run, cJSON_GetObjectItem(finding, "runs"))
    for (size_t i = 0; i < n; i++)
      if (cJSON_IsString(run) && results[i].run_id[0] && strcmp(run->valuestring, results[i].run_id) == 0) return true;
  return false;
}

/* A frame of the library's own source: under the checkout, not duet's harness. */
static const char *own_source(const char *path) {
  size_t n = strlen(duet_build_info.source_dir);
  if (strncmp(path, duet_build_info.source_dir, n) != 0 || path[n] != '/') return NULL;
  const char *rel = path + n + 1;
  return strncmp(rel, "harness/", 8) == 0 || strncmp(rel, "build/", 6) == 0 ? NULL : rel;
}

/* The first "#K 0x... in FUNC /path/file.c:LINE[:COL]" of `side`'s part of
   evidence.txt whose file is the library's own; 0 when none. */
static int top_frame(const char *evidence, const char *side, char *uri, size_t cap) {
  char header[96];
  snprintf(header, sizeof header, "\n== %s alone:", side);
  const char *p = evidence ? strstr(evidence, header) : NULL;
  const char *end = p ? strstr(p + 1, "\n== ") : NULL;
  for (const char *line = p; line && *line && (!end || line < end); line = strchr(line + 1, '\n')) {
    const char *in = strstr(line, " in ");
    const char *eol = strchr(line + 1, '\n');
    if (!in || (eol && in > eol) || !strstr(line, "#")) continue;
    const char *path = strchr(in + 4, ' ');
    if (!path || (eol && path > eol) || path[1] != '/') continue;
    char file[1024];
    int line_no = 0;
    if (sscanf(path + 1, "%1023[^: \n]:%d", file, &line_no) != 2 || line_no <= 0) continue;
    const char *rel = own_source(file);
    if (!rel) continue;
    snprintf(uri, cap, "%s", rel);
    return line_no;
  }
  return 0;
}

/* The file named `wanted` under a folder, found by nftw: where, and how many. */
static struct {
  const char *wanted;
  char found[DUET_PATH_MAX];
  int matches;
} search;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  if (type == FTW_F && strcmp(path + ftw->base, search.wanted) == 0 && search.matches++ == 0)
    snprintf(search.found, sizeof search.found, "%s", path);
  return 0;
}

/* When the full report is not kept (triage cut short), the stored top frame
   ("func file.c:LINE") names the file alone: it is the pair's own, or the one
   file of that name among the C libraries' sources. */
static int stored_frame(const cJSON *finding, const char *target, char *uri, size_t cap) {
  const char *frame = cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(finding, "frames"), 0));
  const char *last = frame ? strrchr(frame, ' ') : NULL;
  char file[256];
  int line = 0;
  if (!last || sscanf(last + 1, "%255[^:]:%d", file, &line) != 2 || line <= 0) return 0;
  char dirs[2][DUET_PATH_MAX];
  snprintf(dirs[0], sizeof dirs[0], "%s/targets/%s", duet_build_info.source_dir, target);
  snprintf(dirs[1], sizeof dirs[1], "%s/third_party/src", duet_build_info.source_dir);
  for (int i = 0; i < 2; i++) {
    search.wanted = file;
    search.matches = 0;
    nftw(dirs[i], visit, 16, FTW_PHYS);
    const char *rel = search.matches == 1 ? own_source(search.found) : NULL;
    if (rel) {
      snprintf(uri, cap, "%s", rel);
      return line;
    }
  }
  return 0;
}

static cJSON *location(const char *target, const cJSON *finding, const char *report_dir) {
  char path[DUET_PATH_MAX], side[64], uri[1024];
  snprintf(path, sizeof path, "%s/findings/%s/%s/evidence.txt", report_dir, target, duet_json_text(finding, "signature"));
  snprintf(side, sizeof side, "%.*s", (int)strcspn(duet_json_text(finding, "side"), "+"), duet_json_text(finding, "side"));
  char *evidence = duet_read_text(path, (size_t)1 << 20);
  int line = top_frame(evidence, side, uri, sizeof uri);
  free(evidence);
  if (line == 0) line = stored_frame(finding, target, uri, sizeof uri);
  if (line == 0) { /* no frame of the library's: the pair's README explains its divergences */
    snprintf(uri, sizeof uri, "targets/%s/README.md", target);
    line = 1;
  }
  cJSON *loc = cJSON_CreateObject(), *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri", uri);
  cJSON_AddNumberToObject(cJSON_AddObjectToObject(phys, "region"), "startLine", line);
  return loc;
}

static const char *level(const char *cls) {
  return strcmp(cls, "crash") == 0 || strcmp(cls, "panic") == 0 ? "error" : "warning";
}

/* The rule's index in `rules`, added when new. */
static int rule_index(cJSON *rules, const char *cls, const char *kind) {
  char id[160];
  snprintf(id, sizeof id, "duet/%s/%s", cls, kind);
  int i = 0;
  const cJSON *r;
  cJSON_ArrayForEach(r, rules) {
    if (strcmp(duet_json_text(r, "id"), id) == 0) return i;
    i++;
  }
  cJSON *rule = cJSON_CreateObject();
  cJSON_AddStringToObject(rule, "id", id);
  char text[256];
  snprintf(text, sizeof text, "%s: %s (C and Rust sides compared by duet)", cls, kind);
  cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "shortDescription"), "text", text);
  cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "defaultConfiguration"), "level", level(cls));
  cJSON_AddItemToArray(rules, rule);
  return i;
}

static cJSON *result(const char *target, const cJSON *f, cJSON *rules, const char *report_dir) {
  cJSON *r = cJSON_CreateObject();
  const char *cls = duet_json_text(f, "class"), *kind = duet_json_text(f, "kind");
  int index = rule_index(rules, cls, kind);
  cJSON_AddStringToObject(r, "ruleId", duet_json_text(cJSON_GetArrayItem(rules, index), "id"));
  cJSON_AddNumberToObject(r, "ruleIndex", index);
  cJSON_AddStringToObject(r, "level", level(cls));
  char text[1024];
  snprintf(text, sizeof text, "%s: %s on %s (%s). Reproduce from the report folder: %s", target, cls,
           duet_json_text(f, "side"), duet_json_text(f, "detail"), duet_json_text(f, "repro"));
  cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "message"), "text", text);
  cJSON *locations = cJSON_AddArrayToObject(r, "locations");
  cJSON_AddItemToArray(locations, location(target, f, report_dir));
  cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "partialFingerprints"), "duetSignature/v1", duet_json_text(f, "signature"));
  cJSON *props = cJSON_AddObjectToObject(r, "properties");
  cJSON_AddStringToObject(props, "target", target);
  cJSON_AddStringToObject(props, "side", duet_json_text(f, "side"));
  return r;
}

cJSON *duet_sarif_log(const cJSON *report, const struct duet_campaign_result *results, size_t n, const char *report_dir) {
  cJSON *log = cJSON_CreateObject();
  cJSON_AddStringToObject(log, "$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  cJSON_AddStringToObject(log, "version", "2.1.0");
  cJSON *run = cJSON_CreateObject(), *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
  cJSON_AddItemToArray(cJSON_AddArrayToObject(log, "runs"), run);
  cJSON_AddStringToObject(driver, "name", "duet");
  cJSON_AddStringToObject(driver, "version", duet_build_info.duet_version);
  cJSON *rules = cJSON_AddArrayToObject(driver, "rules"), *out = cJSON_AddArrayToObject(run, "results");
  /* Real pairs and planted-bug components alike: a planted bug is what shows the alert works. */
  const cJSON *pairs[] = {cJSON_GetObjectItem(report, "pairs"),
                          cJSON_GetObjectItem(cJSON_GetObjectItem(report, "ground_truth"), "components")};
  for (size_t g = 0; g < 2; g++) {
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, pairs[g]) cJSON_ArrayForEach(f, cJSON_GetObjectItem(p, "findings"))
      if (duet_campaign_finding_is_new(f, results, n))
        cJSON_AddItemToArray(out, result(duet_json_text(p, "target"), f, rules, report_dir));
  }
  return log;
}

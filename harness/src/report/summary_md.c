/* summary.md from summary.json's tree (duet/summary.h): every cell that
   comes from a report, a finding or a library message is escaped. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>

#include "duet/observe.h"
#include "duet/summary.h"
#include "duet/text.h"

enum { CELL_MAX = 4 * DUET_DETAIL_MAX + 256 };

/* One escaped cell: a rotating set of buffers, enough for one table row. */
static const char *cell(const cJSON *o, const char *key) {
  static char buffers[8][CELL_MAX];
  static unsigned next;
  char *out = buffers[next++ % 8];
  const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
  return duet_text_md_cell(s ? s : "", out, CELL_MAX);
}

static double number(const cJSON *o, const char *key) { return cJSON_GetNumberValue(cJSON_GetObjectItem(o, key)); }

static void claims_table(FILE *md, const cJSON *claims) {
  fprintf(md, "| claim | verdict | evidence |\n|---|---|---|\n");
  const cJSON *c;
  cJSON_ArrayForEach(c, claims)
    fprintf(md, "| %s %s | **%s** | %s |\n", cell(c, "id"), cell(c, "claim"), cell(c, "verdict"), cell(c, "evidence"));
}

static void pairs_table(FILE *md, const cJSON *pairs) {
  fprintf(md, "\n## Pairs\n\nOnly complete runs count as evidence; unfinished ones (running, partial, interrupted, "
              "failed) are listed apart.\n\n| pair | runs | unfinished runs | executions | latest run | findings |\n"
              "|---|---|---|---|---|---|\n");
  const cJSON *p;
  cJSON_ArrayForEach(p, pairs)
    fprintf(md, "| %s | %.0f | %.0f | %.0f | %s | %d |\n", cell(p, "target"), number(p, "runs"),
            number(p, "unfinished_runs"), number(p, "executions"), cell(p, "latest_run"),
            cJSON_GetArraySize(cJSON_GetObjectItem(p, "findings")));
}

static void findings_table(FILE *md, const cJSON *findings) {
  if (cJSON_GetArraySize(findings) == 0) return;
  fprintf(md, "\n| signature | class | side | kind | detail | first seen | reliable |\n|---|---|---|---|---|---|---|\n");
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) {
    bool known = cJSON_GetStringValue(cJSON_GetObjectItem(f, "known")) != NULL;
    fprintf(md, "| `%s` | %s | %s | %s | %s%s%s | %s | %s |\n", cell(f, "signature"), cell(f, "class"), cell(f, "side"),
            cell(f, "kind"), cell(f, "detail"), known ? " — known: " : "", cell(f, "known"), cell(f, "first_seen"),
            cJSON_IsTrue(cJSON_GetObjectItem(f, "reliable")) ? "yes" : "**no**");
  }
}

static void unfinished_table(FILE *md, const cJSON *runs) {
  if (cJSON_GetArraySize(runs) == 0) return;
  fprintf(md, "\nUnfinished runs (not counted):\n\n| run | status | why |\n|---|---|---|\n");
  const cJSON *r;
  cJSON_ArrayForEach(r, runs) fprintf(md, "| %s | %s | %s |\n", cell(r, "run"), cell(r, "status"), cell(r, "status_reason"));
}

void duet_summary_markdown(FILE *md, const cJSON *summary) {
  fprintf(md, "# duet: comparison report\n\nEvery campaign under this folder and every stored finding, per pair and overall.\n"
              "Verdicts are `inconclusive` where the evidence is thin.\n\n## Overall\n\n");
  claims_table(md, cJSON_GetObjectItem(summary, "claims"));
  pairs_table(md, cJSON_GetObjectItem(summary, "pairs"));
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(summary, "pairs")) {
    fprintf(md, "\n### %s\n\n", cell(p, "target"));
    claims_table(md, cJSON_GetObjectItem(p, "claims"));
    findings_table(md, cJSON_GetObjectItem(p, "findings"));
    unfinished_table(md, cJSON_GetObjectItem(p, "unfinished"));
  }
}

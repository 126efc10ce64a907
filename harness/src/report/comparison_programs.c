/* The comparison report's map of a program pair (a reference side with
   `programs` set, e.g. coreutils): the pair's stored findings per program,
   the program being the first word of a finding's feature ("sort -k: stdout";
   a panic's feature is its location, so its detail: "uniq panicked at ..."),
   with the reliable divergences, memory/sanitizer findings and panics of each
   side, hangs, and the findings that did not always reproduce; rows in
   report.md and index.html. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "comparison_html.h"
#include "comparison_read.h"
#include "duet/text.h"

/* The counters of a row, in table order, and their column titles. */
static const char *const counts[] = {"divergences", "crashes_c", "crashes_rust", "panics_rust", "hangs", "unreliable"};
static const char *const titles[] = {"divergences", "C crashes", "Rust crashes", "Rust panics", "hangs", "not reliable"};
enum { COUNTS = sizeof counts / sizeof counts[0] };

/* The row of `program`, made when new. */
static cJSON *row_of(cJSON *map, const char *program) {
  cJSON *row;
  cJSON_ArrayForEach(row, map)
    if (strcmp(duet_json_text(row, "program"), program) == 0) return row;
  row = cJSON_CreateObject();
  cJSON_AddStringToObject(row, "program", program);
  for (size_t i = 0; i < COUNTS; i++) cJSON_AddNumberToObject(row, counts[i], 0);
  cJSON_AddArrayToObject(row, "signatures");
  cJSON_AddItemToArray(map, row);
  return row;
}

/* The rows of `map` moved into a new array by program name; map deleted. */
static cJSON *by_name(cJSON *map) {
  cJSON *sorted = cJSON_CreateArray();
  while (cJSON_GetArraySize(map) > 0) {
    cJSON *first = map->child, *row;
    cJSON_ArrayForEach(row, map)
      if (strcmp(duet_json_text(row, "program"), duet_json_text(first, "program")) < 0) first = row;
    cJSON_AddItemToArray(sorted, cJSON_DetachItemViaPointer(map, first));
  }
  cJSON_Delete(map);
  return sorted;
}

static void bump(cJSON *row, const char *counter) {
  cJSON *n = cJSON_GetObjectItem(row, counter);
  cJSON_SetNumberValue(n, n->valuedouble + 1);
}

/* Which counters one finding adds to. */
static void count(cJSON *row, const cJSON *f) {
  const char *cls = duet_json_text(f, "class"), *side = duet_json_text(f, "side");
  if (!cJSON_IsTrue(cJSON_GetObjectItem(f, "counted"))) return bump(row, "unreliable");
  if (strcmp(cls, "divergence") == 0) return bump(row, "divergences");
  if (strcmp(cls, "timeout") == 0) return bump(row, "hangs");
  if (strcmp(cls, "panic") == 0) return bump(row, "panics_rust");
  if (strncmp(side, "c", 1) == 0) bump(row, "crashes_c");
  if (strstr(side, "rust")) bump(row, "crashes_rust");
}

cJSON *duet_comparison_programs(const cJSON *findings) {
  cJSON *map = cJSON_CreateArray();
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) {
    char program[64];
    bool panic = strcmp(duet_json_text(f, "class"), "panic") == 0;
    const char *feature = duet_json_text(f, panic ? "detail" : "feature");
    size_t len = strcspn(feature, " :");
    if (len == 0 || len >= sizeof program) continue;
    memcpy(program, feature, len), program[len] = '\0';
    cJSON *row = row_of(map, program);
    count(row, f);
    cJSON_AddItemToArray(cJSON_GetObjectItem(row, "signatures"), cJSON_CreateString(duet_json_text(f, "signature")));
  }
  return by_name(map);
}

void duet_comparison_programs_md(FILE *md, const cJSON *pair) {
  const cJSON *map = cJSON_GetObjectItem(pair, "programs"), *r;
  if (cJSON_GetArraySize(map) == 0) return;
  fprintf(md, "\nPer program (the first word of each finding's feature; reliable findings, others under "
              "\"not reliable\"):\n\n| program |");
  for (size_t i = 0; i < COUNTS; i++) fprintf(md, " %s |", titles[i]);
  fprintf(md, "\n|---|");
  for (size_t i = 0; i < COUNTS; i++) fprintf(md, "---|");
  fprintf(md, "\n");
  cJSON_ArrayForEach(r, map) {
    char name[160];
    fprintf(md, "| %s |", duet_text_md_cell(duet_json_text(r, "program"), name, sizeof name));
    for (size_t i = 0; i < COUNTS; i++) fprintf(md, " %.0f |", duet_json_number(r, counts[i]));
    fprintf(md, "\n");
  }
}

void duet_comparison_programs_html(FILE *f, const cJSON *pair) {
  const cJSON *map = cJSON_GetObjectItem(pair, "programs"), *r;
  if (cJSON_GetArraySize(map) == 0) return;
  fputs("<table><thead><tr><th>program</th>", f);
  for (size_t i = 0; i < COUNTS; i++) fprintf(f, "<th>%s</th>", titles[i]);
  fputs("</tr></thead><tbody>", f);
  cJSON_ArrayForEach(r, map) {
    fputs("<tr><td>", f);
    duet_html_text(f, duet_json_text(r, "program"));
    fputs("</td>", f);
    for (size_t i = 0; i < COUNTS; i++) fprintf(f, "<td>%.0f</td>", duet_json_number(r, counts[i]));
    fputs("</tr>", f);
  }
  fputs("</tbody></table>", f);
}

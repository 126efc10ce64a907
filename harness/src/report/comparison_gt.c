/* The comparison report's ground truth: the planted-bug components' campaigns
   and the newest `duet validate`, reported as what they are, a measure of the
   detector (detection rate per bug class and side, time to detect), never as
   evidence about real rewrites. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "comparison_read.h"
#include "duet/comparison.h"

/* Adds one bug side's trials to the (class, side) row of `table`. */
static void tally(cJSON *table, const char *cls, const cJSON *side, double trials) {
  const char *name = duet_json_text(side, "side");
  cJSON *row = NULL, *r;
  cJSON_ArrayForEach(r, table)
    if (strcmp(duet_json_text(r, "class"), cls) == 0 && strcmp(duet_json_text(r, "side"), name) == 0) row = r;
  if (!row) {
    row = cJSON_CreateObject();
    cJSON_AddStringToObject(row, "class", cls);
    cJSON_AddStringToObject(row, "side", name);
    cJSON_AddNumberToObject(row, "bugs", 0);
    cJSON_AddNumberToObject(row, "trials", 0);
    cJSON_AddNumberToObject(row, "detected", 0);
    cJSON_AddNumberToObject(row, "attributed", 0);
    cJSON_AddItemToArray(table, row);
  }
  const double add[] = {1, trials, duet_json_number(side, "detected"), duet_json_number(side, "attributed")};
  const char *const keys[] = {"bugs", "trials", "detected", "attributed"};
  for (size_t k = 0; k < 4; k++) {
    cJSON *item = cJSON_GetObjectItem(row, keys[k]);
    cJSON_SetNumberValue(item, item->valuedouble + add[k]);
  }
}

/* Per bug and side that holds it: detections over trials and median time. */
static cJSON *validate_json(const cJSON *v, const char *file) {
  cJSON *o = cJSON_CreateObject(), *bugs = cJSON_CreateArray(), *rates = cJSON_CreateArray();
  double trials = duet_json_number(v, "trials");
  cJSON_AddStringToObject(o, "file", file);
  cJSON_AddNumberToObject(o, "trials", trials);
  cJSON_AddNumberToObject(o, "seconds_per_campaign", duet_json_number(v, "seconds_per_campaign"));
  const cJSON *bug, *side;
  cJSON_ArrayForEach(bug, cJSON_GetObjectItem(v, "bugs")) {
    cJSON_ArrayForEach(side, cJSON_GetObjectItem(bug, "sides")) {
      if (!cJSON_IsTrue(cJSON_GetObjectItem(side, "contains"))) continue;
      cJSON *row = cJSON_CreateObject();
      cJSON_AddStringToObject(row, "bug", duet_json_text(bug, "id"));
      cJSON_AddStringToObject(row, "component", duet_json_text(bug, "component"));
      cJSON_AddStringToObject(row, "class", duet_json_text(bug, "class"));
      cJSON_AddStringToObject(row, "side", duet_json_text(side, "side"));
      cJSON_AddStringToObject(row, "expected", duet_json_text(side, "expected"));
      cJSON_AddNumberToObject(row, "detected", duet_json_number(side, "detected"));
      cJSON_AddNumberToObject(row, "attributed", duet_json_number(side, "attributed"));
      const cJSON *t = cJSON_GetObjectItem(side, "median_seconds_to_detection");
      cJSON_AddItemToObject(row, "median_seconds_to_detection", cJSON_IsNumber(t) ? cJSON_CreateNumber(t->valuedouble) : cJSON_CreateNull());
      cJSON_AddItemToArray(bugs, row);
      tally(rates, duet_json_text(bug, "class"), side, trials);
    }
  }
  cJSON_AddItemToObject(o, "bugs", bugs);
  cJSON_AddItemToObject(o, "detection_by_class_and_side", rates);
  return o;
}

cJSON *duet_comparison_ground_truth(const char *reports, cJSON *gt_pairs, FILE *warn) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "note", "planted bugs (targets/ground-truth.json) validate the detector; they are never "
                          "evidence about real rewrites");
  const cJSON *p;
  cJSON_ArrayForEach(p, gt_pairs) cJSON_DeleteItemFromObject((cJSON *)p, "claims");
  cJSON_AddItemToObject(o, "components", gt_pairs);
  char file[256];
  cJSON *v = duet_newest_result(reports, "validate-", "validate.json", "bugs", file, sizeof file, warn);
  if (v) cJSON_AddItemToObject(o, "validate", validate_json(v, file));
  else cJSON_AddStringToObject(o, "validate_missing", "no `duet validate` result under the reports folder");
  cJSON_Delete(v);
  return o;
}

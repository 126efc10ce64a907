/* Runs tools/unsafe-count (built with duet) on one crate: argv, no shell. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "duet/build_info.h"
#include "duet/isolate.h"
#include "duet/unsafe_surface.h"

/* The counter parses one crate; the largest (serde, syn) take well under a second. */
enum { COUNT_TIMEOUT_SECONDS = 60 };

cJSON *duet_unsafe_count_crate(const struct duet_unsafe_crate *crate, char *error, size_t error_size) {
  size_t argc = 0, cap = 5 + 2 * (crate->feature_count + crate->cfg_count);
  char **argv = calloc(cap + 1, sizeof *argv);
  if (!argv) {
    snprintf(error, error_size, "out of memory");
    return NULL;
  }
  argv[argc++] = (char *)duet_build_info.unsafe_count;
  argv[argc++] = "--cfg-file";
  argv[argc++] = (char *)duet_build_info.rust_cfg_file;
  argv[argc++] = "--root";
  argv[argc++] = (char *)crate->root;
  for (size_t i = 0; i < crate->feature_count; i++) {
    argv[argc++] = "--feature";
    argv[argc++] = (char *)crate->features[i];
  }
  for (size_t i = 0; i < crate->cfg_count; i++) {
    argv[argc++] = "--cfg";
    argv[argc++] = (char *)crate->cfgs[i];
  }
  struct duet_child child;
  int rc = duet_child_run(argv, COUNT_TIMEOUT_SECONDS, &child);
  free(argv);
  if (rc != 0) {
    snprintf(error, error_size, "cannot run %s (rebuild duet)", duet_build_info.unsafe_count);
    return NULL;
  }
  cJSON *out = child.exit_code == 0 ? cJSON_Parse(child.out) : NULL;
  if (!cJSON_IsObject(out)) {
    snprintf(error, error_size, "unsafe-count failed on %s: %.200s", crate->root, child.err);
    cJSON_Delete(out);
    out = NULL;
  }
  duet_child_release(&child);
  return out;
}

double duet_unsafe_sites(const cJSON *crate) {
  static const char *const keys[] = {"unsafe_blocks", "unsafe_functions", "unsafe_impls", "unsafe_traits"};
  double n = 0;
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    const cJSON *v = cJSON_GetObjectItem(crate, keys[i]);
    if (cJSON_IsNumber(v)) n += v->valuedouble;
  }
  return n;
}

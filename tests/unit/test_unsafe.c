/* tools/unsafe-count on tests/fixtures/unsafe-crate, whose sources mark every
   site with `// counted` or `// excluded`: the exact counts, with its feature
   "on" and its build script's cfg and without them, and forbid(unsafe_code)
   read through cfg_attr. */
#include <cjson/cJSON.h>
#include <stdio.h>

#include "check.h"
#include "duet/build_info.h"
#include "duet/unsafe_surface.h"

/* `feature` and `cfg` (a build script's) may be NULL. */
static cJSON *count(const char *file, const char *feature, const char *cfg) {
  char root[4096], error[512];
  snprintf(root, sizeof root, "%s/tests/fixtures/unsafe-crate/src/%s", duet_build_info.source_dir, file);
  const char *features[] = {feature}, *cfgs[] = {cfg};
  struct duet_unsafe_crate crate = {
      .root = root, .features = features, .feature_count = feature ? 1 : 0, .cfgs = cfgs, .cfg_count = cfg ? 1 : 0};
  cJSON *out = duet_unsafe_count_crate(&crate, error, sizeof error);
  if (!out) fprintf(stderr, "%s\n", error);
  return out;
}

static long long num(const cJSON *o, const char *key) { return (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(o, key)); }

static const char *excluded_file(const cJSON *o) {
  const cJSON *files = cJSON_GetObjectItem(cJSON_GetObjectItem(o, "excluded_by_cfg"), "files");
  return cJSON_GetArraySize(files) == 1 ? cJSON_GetStringValue(cJSON_GetArrayItem(files, 0)) : "(not one file)";
}

static void feature_on(void) {
  cJSON *o = count("lib.rs", "on", "duet_fixture_cfg");
  CHECK(o != NULL);
  CHECK_EQ_INT(num(o, "unsafe_blocks"), 6);
  CHECK_EQ_INT(num(o, "unsafe_functions"), 9);
  CHECK_EQ_INT(num(o, "unsafe_impls"), 2);
  CHECK_EQ_INT(num(o, "unsafe_traits"), 2);
  CHECK_EQ_INT(num(o, "extern_block_functions"), 1);
  CHECK_EQ_INT(num(o, "in_macros"), 1);
  CHECK_EQ_INT(num(o, "files"), 7); /* not orphan.rs, windows.rs or feature_off.rs */
  CHECK(cJSON_IsFalse(cJSON_GetObjectItem(o, "forbids_unsafe_code"))); /* only in a comment */
  CHECK_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(o, "errors")), 0);
  const cJSON *x = cJSON_GetObjectItem(o, "excluded_by_cfg");
  CHECK_EQ_INT(num(x, "unsafe_blocks"), 2);
  CHECK_EQ_INT(num(x, "unsafe_functions"), 4); /* two in cfg_if! branches */
  CHECK_EQ_INT(num(x, "unsafe_impls"), 1);
  CHECK_EQ_INT(num(x, "items"), 6);
  CHECK(strstr(excluded_file(o), "/src/feature_off.rs") != NULL);
  CHECK_EQ_INT(duet_unsafe_sites(o), 19);
  cJSON_Delete(o);
}

static void feature_off(void) {
  cJSON *o = count("lib.rs", NULL, NULL);
  CHECK(o != NULL);
  CHECK_EQ_INT(num(o, "unsafe_blocks"), 5);    /* feature_on.rs left out */
  CHECK_EQ_INT(num(o, "unsafe_functions"), 7); /* gated_on, from_build_script left out */
  CHECK_EQ_INT(num(o, "unsafe_impls"), 3);     /* feature_off.rs counted */
  CHECK_EQ_INT(num(o, "unsafe_traits"), 2);
  CHECK(strstr(excluded_file(o), "/src/feature_on.rs") != NULL);
  cJSON_Delete(o);
}

static void lints(void) {
  cJSON *on = count("forbids.rs", "on", NULL), *off = count("forbids.rs", NULL, NULL);
  CHECK(cJSON_IsTrue(cJSON_GetObjectItem(on, "forbids_unsafe_code")));
  CHECK(cJSON_IsFalse(cJSON_GetObjectItem(off, "forbids_unsafe_code")));
  CHECK(cJSON_IsFalse(cJSON_GetObjectItem(on, "denies_unsafe_code"))); /* Windows only */
  cJSON_Delete(on);
  cJSON_Delete(off);
}

int main(void) {
  feature_on();
  feature_off();
  lints();
  char error[256];
  CHECK(count("no-such-file.rs", "on", NULL) == NULL);
  struct duet_unsafe_crate missing = {.root = "/nonexistent/lib.rs"};
  CHECK(duet_unsafe_count_crate(&missing, error, sizeof error) == NULL);
  CHECK_DONE();
}

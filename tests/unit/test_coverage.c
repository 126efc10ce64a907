/* Coverage per side: which part each source file llvm-cov names counts for,
   the sums of an llvm-cov export summary, coverage.json and the conf file. */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "duet/coverage.h"
#include "duet/fileio.h"

static const struct duet_coverage_build build = {
    .profdata = "/usr/bin/llvm-profdata-22", .cov = "/usr/bin/llvm-cov-22",
    .source_dir = "/src/duet", .binary_dir = "/src/duet/build/coverage"};

static void parts(void) {
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/third_party/src/zlib/inflate.c"), DUET_COVERAGE_C);
  /* base64.decode's patched copy of its C library lives in the build folder. */
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/build/coverage/targets/base64.decode/cdecode.c"), DUET_COVERAGE_C);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/usr/share/cargo/registry/base64-0.13.0/src/decode.rs"), DUET_COVERAGE_RUST);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/build/coverage/rust/patched/src/lib.rs"), DUET_COVERAGE_RUST);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/base64.decode/c_adapter.c"), DUET_COVERAGE_ADAPTER);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/base64.decode/rust/src/lib.rs"), DUET_COVERAGE_ADAPTER);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/brotli.decode-abi/abi_adapter.c"), DUET_COVERAGE_ADAPTER);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/brotli.decode/brotli_reason.h"), DUET_COVERAGE_ADAPTER);
  /* A ground-truth pair keeps its libraries in its own folder. */
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/gt.ringcmd/ringcmd.c"), DUET_COVERAGE_C);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/gt.ringcmd/rust/src/safe.rs"), DUET_COVERAGE_RUST);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets/gt.ringcmd/rust/src/lib.rs"), DUET_COVERAGE_ADAPTER);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/harness/src/engine/sink.c"), DUET_COVERAGE_HARNESS);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/harness/rust/duet_ffi/src/lib.rs"), DUET_COVERAGE_HARNESS);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/build/coverage/harness/build_info.c"), DUET_COVERAGE_HARNESS);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/build/coverage/rust/src/lib.rs"), DUET_COVERAGE_HARNESS);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/rustc/e50aa6fba4e6/library/std/src/io/mod.rs"), DUET_COVERAGE_OTHER);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/usr/include/x86_64-linux-gnu/bits/string_fortified.h"), DUET_COVERAGE_OTHER);
  /* A prefix of a folder name is not that folder. */
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet-other/harness/x.c"), DUET_COVERAGE_C);
  CHECK_EQ_INT(duet_coverage_part_of(&build, "/src/duet/targets2/x.rs"), DUET_COVERAGE_RUST);
}

static void sums(void) {
  const char *export_json =
      "{\"data\":[{\"files\":["
      "{\"filename\":\"/src/duet/third_party/src/libb64/a.c\",\"summary\":{\"lines\":{\"count\":10,\"covered\":4},"
      "\"branches\":{\"count\":6,\"covered\":3},\"functions\":{\"count\":2,\"covered\":1}}},"
      "{\"filename\":\"/src/duet/third_party/src/libb64/b.c\",\"summary\":{\"lines\":{\"count\":5,\"covered\":5},"
      "\"branches\":{\"count\":0,\"covered\":0},\"functions\":{\"count\":1,\"covered\":1}}},"
      "{\"filename\":\"/usr/share/cargo/registry/base64-0.13.0/src/decode.rs\",\"summary\":{\"lines\":{\"count\":20,"
      "\"covered\":2},\"branches\":{\"count\":4,\"covered\":1},\"functions\":{\"count\":3,\"covered\":1}}},"
      "{\"filename\":\"/rustc/x/library/core/src/a.rs\",\"summary\":{\"lines\":{\"count\":99,\"covered\":99}}}]}]}";
  cJSON *json = cJSON_Parse(export_json);
  struct duet_coverage_result r = {.inputs = 3};
  CHECK_EQ_INT(duet_coverage_sum(&build, json, &r), 0);
  cJSON_Delete(json);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_C].files, 2);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_C].lines, 15);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_C].lines_covered, 9);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_C].branches_covered, 3);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_RUST].lines, 20);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_RUST].functions_covered, 1);
  CHECK_EQ_INT(r.part[DUET_COVERAGE_HARNESS].files, 0);
  CHECK(duet_coverage_percent(0, 0) < 0);
  CHECK_EQ_INT((long)duet_coverage_percent(9, 15), 60);

  const char *dirs[] = {"/corpus"};
  cJSON *out = duet_coverage_json("base64.decode", dirs, 1, &r);
  CHECK_EQ_STR(cJSON_GetStringValue(cJSON_GetObjectItem(out, "$schema")), DUET_COVERAGE_SCHEMA_ID);
  const cJSON *c = cJSON_GetObjectItem(cJSON_GetObjectItem(out, "parts"), "c");
  CHECK_EQ_INT(cJSON_GetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(c, "lines"), "covered")), 9);
  const cJSON *harness = cJSON_GetObjectItem(cJSON_GetObjectItem(out, "parts"), "harness");
  CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(harness, "lines"), "percent")));
  cJSON_Delete(out);

  struct duet_coverage_result bad = {0};
  cJSON *empty = cJSON_Parse("{}");
  CHECK_EQ_INT(duet_coverage_sum(&build, empty, &bad), -EINVAL);
  cJSON_Delete(empty);
}

static void conf(void) {
  char dir[] = "/tmp/duet-test-coverage-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  struct duet_coverage_build read;
  CHECK_EQ_INT(duet_coverage_build_read(dir, &read), -ENOENT);
  char path[sizeof dir + 32];
  snprintf(path, sizeof path, "%s/duet-coverage.conf", dir);
  const char *text = "# comment\nllvm-profdata /usr/bin/llvm-profdata-22\nllvm-cov /opt/llvm cov\n"
                     "source-dir /src/a b\n";
  CHECK_EQ_INT(duet_write_atomic(path, text, strlen(text)), 0);
  CHECK_EQ_INT(duet_coverage_build_read(dir, &read), -EINVAL); /* binary-dir missing */
  const char *whole = "llvm-profdata /usr/bin/llvm-profdata-22\nllvm-cov /opt/llvm cov\nsource-dir /src/a b\n"
                      "binary-dir /src/a b/build/coverage\n";
  CHECK_EQ_INT(duet_write_atomic(path, whole, strlen(whole)), 0);
  CHECK_EQ_INT(duet_coverage_build_read(dir, &read), 0);
  CHECK_EQ_STR(read.cov, "/opt/llvm cov");
  CHECK_EQ_STR(read.binary_dir, "/src/a b/build/coverage");
  unlink(path);
  rmdir(dir);
}

int main(void) {
  parts();
  sums();
  conf();
  CHECK_DONE();
}

/* duet-bench's input check and classes: agreeing inputs are classed by size,
   a planted divergence makes the benchmark refuse (or is left out on
   request), known findings are skipped, and a side that changes its answer
   during timing is caught. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cases.h"
#include "check.h"
#include "corpus.h"

/* The fake library: accepts inputs starting with 'v' and echoes them. */
static int echo_reference(const uint8_t *in, size_t size, struct duet_sink *out) {
  if (size == 0 || in[0] != 'v') return DUET_REJECT;
  duet_sink_write(out, in, size);
  return DUET_ACCEPT;
}

/* The rewrite with planted bugs: corrupts output on "vbug", accepts "x...". */
static int buggy_candidate(const uint8_t *in, size_t size, struct duet_sink *out) {
  if (size >= 4 && memcmp(in, "vbug", 4) == 0) {
    duet_sink_write(out, "VBUG", 4);
    return DUET_ACCEPT;
  }
  if (size && in[0] == 'x') return DUET_ACCEPT;
  return echo_reference(in, size, out);
}

static bool flip; /* makes `flaky` reject everything: an answer that changed */
static int flaky(const uint8_t *in, size_t size, struct duet_sink *out) {
  return flip ? DUET_REJECT : echo_reference(in, size, out);
}

static const struct duet_impl reference = {.name = "c", .library = "fake", .version = "0", .api = "-", .run = echo_reference};
static const struct duet_impl good = {.name = "rust", .language = DUET_LANG_RUST, .library = "fake", .version = "0",
                                      .api = "-", .run = echo_reference};
static const struct duet_impl buggy = {.name = "rust", .language = DUET_LANG_RUST, .library = "fake", .version = "0",
                                       .api = "-", .run = buggy_candidate};
static const struct duet_impl flaky_impl = {.name = "c", .library = "fake", .version = "0", .api = "-", .run = flaky};
static const struct duet_impl *const good_list[] = {&good, NULL};
static const struct duet_impl *const buggy_list[] = {&buggy, NULL};
static const struct duet_target agreeing = {.name = "fake.agree", .reference = &reference, .candidates = good_list};
static const struct duet_target diverging = {.name = "fake.diverge", .reference = &reference, .candidates = buggy_list};

/* Native calls: the library's answer without output. `native_odd` rejects
   "vodd", which its contract call accepts: the two calls disagree there. */
static int native_echo(const uint8_t *in, size_t size) { return size && in[0] == 'v' ? DUET_ACCEPT : DUET_REJECT; }
static int native_odd(const uint8_t *in, size_t size) {
  return size == 4 && memcmp(in, "vodd", 4) == 0 ? DUET_REJECT : native_echo(in, size);
}
static const struct duet_impl native_ref = {.name = "c", .library = "fake", .version = "0", .api = "-",
                                            .run = echo_reference, .native = native_echo};
static const struct duet_impl native_cand = {.name = "rust", .language = DUET_LANG_RUST, .library = "fake",
                                             .version = "0", .api = "-", .run = echo_reference, .native = native_odd};
static const struct duet_impl *const native_list[] = {&native_cand, NULL};
static const struct duet_impl *const mixed_list[] = {&good, NULL}; /* no native: the pair times its contract */
static const struct duet_target natives = {.name = "fake.native", .reference = &native_ref, .candidates = native_list};
static const struct duet_target mixed = {.name = "fake.mixed", .reference = &native_ref, .candidates = mixed_list};

static void add(struct duet_bench_corpus *c, const char *text) {
  if (duet_bench_corpus_add(c, text, (const uint8_t *)text, strlen(text)) != 0) abort();
}

/* Nine valid inputs of sizes 1..9 (added out of order) and two invalid. */
static void add_standard(struct duet_bench_corpus *c) {
  static const char *const valid[] = {"vvvvvvvvv", "v", "vvvvv", "vv", "vvvvvvvv", "vvv", "vvvvvvv", "vvvv", "vvvvvv"};
  for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) add(c, valid[i]);
  add(c, "no");
  add(c, "");
}

static void test_classes(void) {
  struct duet_bench_corpus c;
  duet_bench_corpus_init(&c, &agreeing);
  add_standard(&c);
  char why[512] = "";
  CHECK_EQ_INT(duet_bench_corpus_classify(&c, false, why, sizeof why), 0);
  CHECK_EQ_STR(why, "");
  const struct duet_bench_class_inputs *small = &c.classes[DUET_BENCH_SMALL], *large = &c.classes[DUET_BENCH_LARGE];
  CHECK_EQ_INT(small->count, 3);
  CHECK_EQ_INT(c.classes[DUET_BENCH_MEDIUM].count, 3);
  CHECK_EQ_INT(large->count, 3);
  CHECK_EQ_INT(c.classes[DUET_BENCH_INVALID].count, 2);
  CHECK_EQ_INT(small->min_size, 1);
  CHECK_EQ_INT(small->max_size, 3);
  CHECK_EQ_INT(small->bytes, 1 + 2 + 3);
  CHECK_EQ_INT(large->min_size, 7);
  CHECK_EQ_INT(large->bytes, 7 + 8 + 9);
  CHECK_EQ_INT(c.classes[DUET_BENCH_INVALID].bytes, 2);

  /* Timing loop body: the checked answers hold, then one side changes its mind. */
  struct duet_bench_case valid_case = {.impl = &flaky_impl, .inputs = large, .expected = DUET_ACCEPT};
  CHECK(duet_bench_case_iteration(&valid_case) == NULL);
  flip = true;
  CHECK(duet_bench_case_iteration(&valid_case) != NULL);
  flip = false;
  struct duet_bench_case invalid_case = {.impl = &good, .inputs = &c.classes[DUET_BENCH_INVALID], .expected = DUET_REJECT};
  CHECK(duet_bench_case_iteration(&invalid_case) == NULL);
  duet_bench_corpus_release(&c);
}

static void test_refusal(const char *input, const char *relation) {
  struct duet_bench_corpus c;
  duet_bench_corpus_init(&c, &diverging);
  add_standard(&c);
  add(&c, input);
  char why[512] = "";
  CHECK_EQ_INT(duet_bench_corpus_classify(&c, false, why, sizeof why), 1);
  CHECK(strstr(why, relation) != NULL);
  CHECK(strstr(why, input) != NULL);
  if (!strstr(why, relation)) fprintf(stderr, "  why: %s\n", why);
  duet_bench_corpus_release(&c);

  /* Left out on request; everything else still classed. */
  duet_bench_corpus_init(&c, &diverging);
  add_standard(&c);
  add(&c, input);
  CHECK_EQ_INT(duet_bench_corpus_classify(&c, true, why, sizeof why), 0);
  CHECK_EQ_INT(c.excluded, 1);
  size_t classed = 0;
  for (int i = 0; i < DUET_BENCH_CLASS_COUNT; i++) classed += c.classes[i].count;
  CHECK_EQ_INT(classed, 11);
  duet_bench_corpus_release(&c);
}

static void write_file(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (!f || fputs(text, f) < 0 || fclose(f) != 0) abort();
}

static void test_known_findings(void) {
  char dir[] = "/tmp/duet-bench-test-XXXXXX";
  if (!mkdtemp(dir)) abort();
  write_file(dir, "agreed", "vfine");
  write_file(dir, "agreed.expect.json", "{\"class\": \"none\", \"side\": \"\", \"kind\": \"\"}");
  write_file(dir, "finding", "vbug");
  write_file(dir, "finding.expect.json", "{\"class\": \"divergence\", \"side\": \"rust\", \"kind\": \"output-mismatch\"}");
  struct duet_bench_corpus c;
  duet_bench_corpus_init(&c, &diverging);
  CHECK_EQ_INT(duet_bench_corpus_add_dir(&c, dir), 0);
  CHECK_EQ_INT(c.all_count, 1); /* "agreed" only: expectations and the known finding are skipped */
  CHECK_EQ_INT(c.known_findings, 1);
  char why[512];
  CHECK_EQ_INT(duet_bench_corpus_classify(&c, false, why, sizeof why), 0);
  duet_bench_corpus_release(&c);
  CHECK_EQ_INT(duet_bench_corpus_add_dir(&c, "/nonexistent/duet"), 0); /* a missing folder adds nothing */
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

/* Natives are timed only when every side has one, and an input on which a
   native call answers otherwise than its contract call is left out. */
static void test_natives(void) {
  CHECK(duet_bench_times_native(&natives));
  CHECK(!duet_bench_times_native(&mixed));
  CHECK(!duet_bench_times_native(&agreeing));
  struct duet_bench_corpus c;
  duet_bench_corpus_init(&c, &natives);
  add_standard(&c);
  add(&c, "vodd");
  char why[512] = "";
  CHECK_EQ_INT(duet_bench_corpus_classify(&c, true, why, sizeof why), 0);
  CHECK_EQ_INT(c.excluded, 1);
  CHECK(strstr(c.excluded_list, "vodd (rust's native call answers reject, its contract call accept)") != NULL);
  struct duet_bench_case native_case = {.impl = &native_cand, .inputs = &c.classes[DUET_BENCH_LARGE],
                                        .expected = DUET_ACCEPT, .native = true};
  CHECK(duet_bench_case_iteration(&native_case) == NULL);
  native_case.expected = DUET_REJECT; /* an answer that changed during timing is caught on the native path too */
  CHECK(duet_bench_case_iteration(&native_case) != NULL);
  duet_bench_corpus_release(&c);
}

int main(void) {
  test_classes();
  test_natives();
  test_refusal("vbug", "output-mismatch");
  test_refusal("xyz", "only-candidate-accepts");
  test_known_findings();
  CHECK_DONE();
}

/*
 * unit.coreutils: the program pair's decoder and runner without GNU or
 * uutils. Confinement (no argument reaches outside the run's directory), the
 * fixed environment, files written, the time limit, and that a run leaves
 * nothing behind in TMPDIR.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invocation.h"
#include "runner.h"

static int failures, checks;

#define CHECK(cond, what)                          \
  do {                                             \
    checks++;                                      \
    if (!(cond)) {                                 \
      failures++;                                  \
      fprintf(stderr, "FAIL: %s\n", what);         \
    }                                              \
  } while (0)

static const char *decode(const char *text, struct duet_cu_invocation *inv) {
  return duet_cu_decode((const uint8_t *)text, strlen(text), inv);
}

static void test_decode(void) {
  struct duet_cu_invocation inv;
  CHECK(decode("sort\n-n\n-k2\n\n3\n1\n", &inv) == NULL && inv.argc == 2 && strcmp(inv.args[1], "-k2") == 0 &&
            inv.stdin_len == 4,
        "a sort invocation decodes");
  CHECK(decode("sort\n\nx\0AA\0B", &inv) == NULL, "stdin and files decode");
  CHECK(duet_cu_decode((const uint8_t *)"sort\n\nx\0AA\0B", 12, &inv) == NULL && inv.stdin_len == 1 &&
            inv.file_a_len == 2 && inv.file_b_len == 1,
        "files a and b are split at NUL bytes");
  static const char *const outside[] = {"sort\n../x\n\n", "sort\n/etc/passwd\n\n", "sort\n-o/tmp/x\n\n",
                                        "sort\n--output=../x\n\n", "sort\n..\n\n", "sort\n.\n\n",
                                        "cut\n-f1\na/../../x\n\n"};
  for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
    CHECK(decode(outside[i], &inv) != NULL, outside[i]);
  CHECK(decode("rm\n-rf\n\n", &inv) != NULL, "a utility not in the table is refused");
  CHECK(decode("sort\n-n\n", &inv) != NULL, "arguments without their end are refused");
  CHECK(decode("sort\n-n\n-r\n-r\n--key=2\n-k1\n\n", &inv) == NULL, "option set input decodes");
  char set[64];
  duet_cu_option_set(&inv, set, sizeof set);
  CHECK(strcmp(set, "--key -k -n -r") == 0, "the option set is sorted, deduplicated, values dropped");
  CHECK(decode("paste\n--del=,\n--delimiters\n--s\n--zz\n\x01x\n--\n-\n\n", &inv) == NULL, "paste decodes");
  duet_cu_option_set(&inv, set, sizeof set);
  CHECK(strcmp(set, "--? --delimiters --serial") == 0, "long options are named as the grammar does");
  static const char *const utf8[][2] = {{"sort\n-t\xc3\xa9\n\n", "0"}, {"sort\n\xe2\x82\xac\n\n", "0"},
                                        {"sort\n\xf0\x9f\x98\x80\n\n", "0"}, {"sort\n-t\xc3\n\n", "1"},
                                        {"cut\n\xc0\xaf\n\n", "1"}, {"cut\n\xed\xa0\x80\n\n", "1"},
                                        {"cut\n\xf4\x90\x80\x80\n\n", "1"}, {"cut\n-n\n\xff\n\n", "1"}};
  for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
    CHECK(decode(utf8[i][0], &inv) == NULL && duet_cu_non_utf8_argument(&inv) == (utf8[i][1][0] == '1'), utf8[i][0]);
}

static size_t entries(const char *dir) {
  size_t n = 0;
  DIR *d = opendir(dir);
  for (struct dirent *e; d && (e = readdir(d)) != NULL;) n += e->d_name[0] != '.';
  if (d) closedir(d);
  return n;
}

/* Runs /usr/bin/env (or another program) as a "utility" of a hand-made invocation. */
static int run_limited(const char *program, const char *const *args, size_t argc, unsigned memory_mb,
                       struct duet_cu_result *res) {
  struct duet_cu_invocation inv = {0};
  inv.utility = strrchr(program, '/') + 1;
  for (size_t i = 0; i < argc; i++) snprintf(inv.args[i], sizeof inv.args[i], "%s", args[i]);
  inv.argc = argc;
  inv.stdin_bytes = (const uint8_t *)"in\n", inv.stdin_len = 3;
  inv.file_a = (const uint8_t *)"A", inv.file_a_len = 1;
  struct duet_cu_program prog = {.path = program, .multicall = NULL, .coverage_fd = -1, .memory_mb = memory_mb};
  return duet_cu_run(&prog, &inv, res);
}

static int run(const char *program, const char *const *args, size_t argc, struct duet_cu_result *res) {
  return run_limited(program, args, argc, 0, res);
}

/* The sandbox (sandbox.c): no write outside the run's directory where the
   kernel has Landlock, no socket, and the address-space limit. */
static void test_sandbox(const char *tmp) {
  struct duet_cu_result r;
  char outside[512];
  snprintf(outside, sizeof outside, "%s/outside", tmp);
  const char *touch_args[] = {outside};
  if (syscall(SYS_landlock_create_ruleset, NULL, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */) >= 1) {
    CHECK(run("/usr/bin/touch", touch_args, 1, &r) == 0 && r.exit_code != 0 && access(outside, F_OK) != 0,
          "a program cannot write outside its run's directory");
    duet_cu_result_free(&r);
  } else {
    printf("note: this kernel has no Landlock: writes outside the run's directory are not stopped\n");
  }
  const char *sock_args[] = {"-c", "import socket; socket.socket()"};
  CHECK(run("/usr/bin/python3", sock_args, 2, &r) == 0 && r.exit_code != 0 && r.err && strstr(r.err, "Permission denied"),
        "a program cannot open a socket");
  duet_cu_result_free(&r);
  /* duet fuzz's TMPDIR is relative (the run folder's tmp/): the program still
     runs, confined, with an absolute HOME. */
  char cwd[1024];
  if (getcwd(cwd, sizeof cwd) && chdir(tmp) == 0) {
    setenv("TMPDIR", ".", 1);
    CHECK(run("/usr/bin/env", NULL, 0, &r) == 0 && r.exit_code == 0 && r.out && strstr(r.out, "HOME=/"),
          "a relative TMPDIR: the program runs, HOME absolute");
    duet_cu_result_free(&r);
    setenv("TMPDIR", tmp, 1);
    CHECK(chdir(cwd) == 0, "back to the working directory");
  }
  const char *mem_args[] = {"-c", "bytearray(512 << 20)"};
  CHECK(run_limited("/usr/bin/python3", mem_args, 2, 128, &r) == 0 && r.exit_code != 0 && r.err &&
            strstr(r.err, "MemoryError"),
        "a program's address space is limited");
  duet_cu_result_free(&r);
}

static void test_runner(const char *tmp) {
  struct duet_cu_result r;
  CHECK(run("/usr/bin/env", NULL, 0, &r) == 0 && r.exit_code == 0, "env runs");
  CHECK(r.out && strstr(r.out, "LC_ALL=C\n") && strstr(r.out, "TZ=UTC\n") && !strstr(r.out, "DUET_TEST_SECRET"),
        "the environment is fixed, nothing inherited");
  CHECK(r.files && strstr(r.files, "file a 1\nA\n") && strstr(r.files, "file b 0\n"), "files a and b are there");
  duet_cu_result_free(&r);
  const char *touch_args[] = {"written"};
  CHECK(run("/usr/bin/touch", touch_args, 1, &r) == 0 && r.files && strstr(r.files, "file written 0\n"),
        "a file written in the run's directory is reported");
  duet_cu_result_free(&r);
  const char *cat_args[] = {"-"};
  CHECK(run("/usr/bin/cat", cat_args, 1, &r) == 0 && r.out_len == 3 && memcmp(r.out, "in\n", 3) == 0, "stdin is fed");
  duet_cu_result_free(&r);
  const char *sleep_args[] = {"30"};
  CHECK(run("/usr/bin/sleep", sleep_args, 1, &r) == 0 && r.timed_out, "the wall-clock limit kills a slow program");
  duet_cu_result_free(&r);
  CHECK(entries(tmp) == 0, "no run leaves anything in TMPDIR");
}

int main(void) {
  char tmp[] = "/tmp/duet-cu-unit-XXXXXX";
  if (!mkdtemp(tmp)) return 2;
  setenv("TMPDIR", tmp, 1);
  setenv("DUET_TEST_SECRET", "1", 1);
  test_decode();
  test_runner(tmp);
  test_sandbox(tmp);
  rmdir(tmp);
  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures ? 1 : 0;
}

/*
 * coreutils: a program pair. Both sides decode the input into one invocation
 * (invocation.h) and run a program in a private directory (runner.h): the C
 * side GNU coreutils 9.1 built from the Debian source with ASan+UBSan and
 * edge coverage (build-gnu.sh), the Rust side the uutils multicall binary of
 * Debian's rust-coreutils 0.0.17, uninstrumented. The canonical output
 * (README.md) is the exit status, the class of stderr, stdout and the files
 * left in the run's directory.
 *
 * Coverage: the GNU program increments a shared map (cov_child.c) that is
 * copied into libFuzzer's extra counters after each run, so libFuzzer is
 * guided by the C side. A sanitizer report in the GNU program's stderr is
 * handed to the harness as the C side's (duet_report_child).
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "duet/contract.h"
#include "duet/sanitizer_hooks.h"
#include "invocation.h"
#include "runner.h"

#ifndef DUET_COREUTILS_GNU_DIR
#define DUET_COREUTILS_GNU_DIR "/nonexistent"
#endif
#define DUET_UUTILS_BIN "/usr/bin/coreutils"
#define DUET_COV_MAP_SIZE 65536u

/* libFuzzer reads counters in this section as coverage (its "extra counters"). */
__attribute__((section("__libfuzzer_extra_counters"), used)) static unsigned char gnu_edges[DUET_COV_MAP_SIZE];
static unsigned char *shared_edges; /* the memfd's mapping, shared with the GNU program */
static int shared_fd = -2;          /* -2: not tried yet */

static int coverage_fd(void) {
  if (shared_fd != -2) return shared_fd;
  shared_fd = memfd_create("duet-cov", 0); /* inherited by the child: no CLOEXEC */
  if (shared_fd >= 0 && ftruncate(shared_fd, DUET_COV_MAP_SIZE) == 0) {
    void *p = mmap(NULL, DUET_COV_MAP_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, shared_fd, 0);
    if (p != MAP_FAILED) shared_edges = p;
  }
  if (!shared_edges && shared_fd >= 0) close(shared_fd), shared_fd = -1;
  return shared_fd;
}

/* A search of our own, not libc's: libFuzzer takes the arguments of every
   intercepted strstr as dictionary material, and "panicked at" would then
   be fuzzed into arguments that uutils echoes in its messages. */
static bool contains(const char *hay, size_t len, const char *needle) {
  size_t n = 0;
  while (needle[n]) n++;
  for (size_t i = 0; n <= len && i <= len - n; i++) {
    size_t k = 0;
    while (k < n && hay[i + k] == needle[k]) k++;
    if (k == n) return true;
  }
  return false;
}

static const char *stderr_class(const struct duet_cu_result *r) {
  if (r->err_len == 0) return "empty";
  if (contains(r->err, r->err_len, "--help") || contains(r->err, r->err_len, "Usage:") ||
      contains(r->err, r->err_len, "usage:"))
    return "usage";
  return "message";
}

static void write_canonical(struct duet_sink *out, const struct duet_cu_result *r) {
  char head[160];
  int n;
  if (r->timed_out) n = snprintf(head, sizeof head, "timeout\n");
  else if (r->signal) n = snprintf(head, sizeof head, "signal %s\n", sigabbrev_np(r->signal) ? sigabbrev_np(r->signal) : "?");
  else n = snprintf(head, sizeof head, "exit %d\n", r->exit_code);
  duet_sink_write(out, head, (size_t)n);
  n = snprintf(head, sizeof head, "stderr %s\nstdout %zu\n", stderr_class(r), r->out_total);
  duet_sink_write(out, head, (size_t)n);
  duet_sink_write(out, r->out, r->out_len);
  duet_sink_write(out, "\n", 1);
  duet_sink_write(out, r->files, r->files_len);
}

static bool sanitizer_report(const struct duet_cu_result *r) {
  if (r->signal || (r->exit_code != DUET_CU_ASAN_EXIT && r->exit_code != DUET_CU_UBSAN_EXIT)) return false;
  return contains(r->err, r->err_len, "Sanitizer") || contains(r->err, r->err_len, "runtime error: ");
}

/* A panic's reason, as duet_ffi words one: where it panicked ("seq panicked at
   src/uu/seq/src/seq.rs:66:10"), the location taken from the panic line of
   stderr without the build's own path prefix; the message is left out, as it
   may quote the input. */
static void panic_reason(const struct duet_cu_result *r, const char *utility, struct duet_sink *out) {
  const char *line = memmem(r->err, r->err_len, "panicked at ", 12);
  size_t len = line ? strcspn(line, "\n") : 0;
  const char *loc = NULL;
  for (size_t i = 0; i + 3 <= len; i++)
    if (line[i] == '\'' && line[i + 1] == ',' && line[i + 2] == ' ') loc = line + i + 3;
  if (loc) {
    const char *src = memmem(loc, (size_t)(line + len - loc), "/src/uu/", 8);
    if (src) loc = src + 1;
  }
  char reason[DUET_CAUSE_MAX * 2];
  int n = snprintf(reason, sizeof reason, "%s panicked at %.*s", utility, loc ? (int)(line + len - loc) : 0,
                   loc ? loc : "");
  if (n > 0) duet_sink_set_reason(out, reason, strlen(reason));
}

/* Decodes, runs `prog` and writes the canonical output; the shared part of both sides. */
static int run_program(const struct duet_cu_program *prog, bool gnu, const uint8_t *input, size_t size,
                       struct duet_sink *out) {
  struct duet_cu_invocation inv;
  const char *why = duet_cu_decode(input, size, &inv);
  if (why) return duet_sink_reject(out, why);
  const char *only = getenv("DUET_COREUTILS_UTILITY");
  if (only && *only && strcmp(only, inv.utility) != 0) return duet_sink_reject(out, "another utility");
  char path[4096];
  const char *dir = getenv("DUET_COREUTILS_GNU_DIR");
  static bool warned;
  if (dir && *dir && !warned) {
    warned = true; /* the side's version string describes this build's GNU, not these programs */
    fprintf(stderr, "duet: coreutils: GNU programs from %s (DUET_COREUTILS_GNU_DIR), not this build's sanitized ones\n",
            dir);
  }
  snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : DUET_COREUTILS_GNU_DIR, inv.utility);
  /* Both sides refuse alike while the GNU side is not built (CMakeLists.txt). */
  if (access(path, X_OK) != 0) return duet_sink_reject(out, "GNU program not built");
  struct duet_cu_program p = *prog;
  if (gnu) {
    p.path = path;
    p.coverage_fd = coverage_fd();
    if (shared_edges) memset(shared_edges, 0, DUET_COV_MAP_SIZE);
  }
  struct duet_cu_result r;
  if (duet_cu_run(&p, &inv, &r) != 0) {
    duet_cu_result_free(&r);
    fprintf(stderr, "duet: coreutils: cannot run %s (%s): see targets/coreutils/README.md\n", p.path, inv.utility);
    return duet_sink_reject(out, "program could not run");
  }
  if (gnu && shared_edges) memcpy(gnu_edges, shared_edges, DUET_COV_MAP_SIZE);
  int status = DUET_ACCEPT;
  if (gnu && sanitizer_report(&r)) duet_report_child(r.err, r.err_len);
  /* A Rust panic: exit status 101 with the panic message on stderr. */
  if (!gnu && !r.signal && !r.timed_out && r.exit_code == DUET_CU_PANIC_EXIT && contains(r.err, r.err_len, "panicked at")) {
    fprintf(stderr, "uutils %s: %s", inv.utility, r.err); /* the panic message, for a reviewer */
    panic_reason(&r, inv.utility, out);
    status = DUET_PANIC;
  }
  write_canonical(out, &r);
  duet_cu_result_free(&r);
  return status;
}

/* The GNU side skips the known UBSan reports of ubsan.supp (README.md), unless
   DUET_COREUTILS_UBSAN_SUPPRESSIONS names another file ("" for none). */
static int run_gnu(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *supp = getenv("DUET_COREUTILS_UBSAN_SUPPRESSIONS");
  if (!supp) supp = DUET_COREUTILS_UBSAN_SUPP;
  const struct duet_cu_program gnu = {.path = NULL, .multicall = NULL, .coverage_fd = -1, .ubsan_suppressions = *supp ? supp : NULL};
  return run_program(&gnu, true, input, size, out);
}

/* Debian's uutils binary runs in 4 GiB of address space; a stand-in given in
   DUET_COREUTILS_UUTILS may run ASan programs (tests/planted.c): none. */
static int run_uutils(const uint8_t *input, size_t size, struct duet_sink *out) {
  const char *bin = getenv("DUET_COREUTILS_UUTILS");
  bool stand_in = bin && *bin;
  struct duet_cu_program uu = {.path = stand_in ? bin : DUET_UUTILS_BIN, .multicall = "coreutils", .coverage_fd = -1,
                               .memory_mb = stand_in ? 0 : 4096};
  return run_program(&uu, false, input, size, out);
}

/* The section of the canonical output where the two sides first differ. */
static const char *differing_part(const uint8_t *ref, size_t len, size_t at) {
  size_t lines = 0;
  for (size_t i = 0; i < at && i < len; i++) lines += ref[i] == '\n';
  if (lines == 0) return "exit status";
  if (lines == 1) return "stderr class";
  if (lines == 2) return "stdout length";
  return memmem(ref, at, "\nfile ", 6) ? "files" : "stdout";
}

void duet_coreutils_cause(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                          const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                          char cause[DUET_CAUSE_MAX]);
void duet_coreutils_cause(const uint8_t *input, size_t size, const uint8_t *reference, size_t reference_len,
                          const uint8_t *candidate, size_t candidate_len, size_t first_difference,
                          char cause[DUET_CAUSE_MAX]) {
  (void)candidate, (void)candidate_len;
  struct duet_cu_invocation inv;
  cause[0] = '\0';
  if (duet_cu_decode(input, size, &inv)) return;
  char options[DUET_CAUSE_MAX];
  if (duet_cu_non_utf8_argument(&inv)) snprintf(options, sizeof options, "non-UTF-8 argument");
  else duet_cu_option_set(&inv, options, 32);
  snprintf(cause, DUET_CAUSE_MAX, "%s %s: %s", inv.utility, options,
           differing_part(reference, reference_len, first_difference));
}

/* The GNU side cannot run until its programs are built (CMakeLists.txt). */
static const char *gnu_unavailable(void) {
  const char *dir = getenv("DUET_COREUTILS_GNU_DIR");
  if (access(dir && *dir ? dir : DUET_COREUTILS_GNU_DIR, X_OK) == 0) return NULL;
  return "GNU coreutils is not built (cmake -DDUET_COREUTILS_GNU=ON, see targets/coreutils/README.md)";
}

const struct duet_impl duet_coreutils_reference = {
    .name = "c",
    .language = DUET_LANG_C,
    .library = "GNU coreutils",
    .version = "9.1 (Debian 9.1-1, ASan+UBSan, edge coverage)",
    .api = "programs: argv, stdin, files a and b, in a private directory (posix_spawn)",
    .run = run_gnu,
    .native = NULL,
    .dropin = NULL,
    .unavailable = gnu_unavailable,
    .programs = 1, /* causes read "UTILITY OPTIONS: PART" */
};

static const struct duet_impl uutils = {
    .name = "rust",
    .language = DUET_LANG_RUST,
    .library = "uutils coreutils",
    .version = "0.0.17 (Debian rust-coreutils 0.0.17-2, uninstrumented)",
    .api = "programs: /usr/bin/coreutils UTILITY argv, as the C side",
    .run = run_uutils,
    .native = NULL,
    .dropin = NULL,
    .uninstrumented = 1, /* Debian's binary: no sanitizer, no coverage */
};

const struct duet_impl *const duet_coreutils_candidates[] = {&uutils, NULL};

#define _GNU_SOURCE
#include "duet/observe.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

static void copy_field(char *dst, size_t cap, const char *src, size_t len) {
  if (len >= cap) len = cap - 1;
  memcpy(dst, src, len);
  dst[len] = '\0';
}

/* Searches of our own, not libc's: campaigns parse sanitizer reports inside
   the fuzzed process, and libFuzzer takes the arguments of every intercepted
   strstr/memmem/strcmp there as dictionary material ("ERROR:
   AddressSanitizer: " would end up inside the inputs). */
static const char *find_in(const char *hay, size_t hay_len, const char *needle, size_t needle_len) {
  for (size_t i = 0; needle_len <= hay_len && i <= hay_len - needle_len; i++) {
    size_t k = 0;
    while (k < needle_len && hay[i + k] == needle[k]) k++;
    if (k == needle_len) return hay + i;
  }
  return NULL;
}

static const char *find(const char *hay, const char *needle) {
  size_t hay_len = 0, needle_len = 0;
  while (hay[hay_len]) hay_len++;
  while (needle[needle_len]) needle_len++;
  return find_in(hay, hay_len, needle, needle_len);
}

static bool same(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

/* The rest of the line starting at p, without the newline. */
static size_t line_length(const char *p) { return strcspn(p, "\n"); }

static cJSON *parse_result(const char *text) {
  const char *p = text ? find(text, "DUET-RESULT ") : NULL;
  if (!p) return NULL;
  p += strlen("DUET-RESULT ");
  return cJSON_ParseWithLength(p, line_length(p));
}

/* Frames from the runtime, the harness or the language's panic machinery say
   nothing about the bug; ClusterFuzz skips the same kinds. */
static bool frame_is_noise(const char *frame, size_t len) {
  static const char *const noise[] = {
      "__asan", "__ubsan", "__sanitizer", "__interceptor", "compiler-rt", "libFuzzer", "fuzzer::",
      "/harness/", "duet_run_impl", "duet_differential", "LLVMFuzzer", "run_guarded", "catch_unwind",
      "std::panicking", "core::panicking", "std::panic", "__rust", "rust_begin_unwind", "libc.so",
      "__libc", "abort", "raise", "/rustc/", "malloc", "calloc", "realloc", "free ", "operator new",
  };
  for (size_t i = 0; i < sizeof noise / sizeof noise[0]; i++)
    if (find_in(frame, len, noise[i], strlen(noise[i]))) return true;
  return false;
}

/* "    #3 0x55d0 in inflate /src/zlib/inflate.c:1234:5" -> "inflate inflate.c:1234". */
static void frames_after(const char *report, struct duet_observation *obs) {
  for (const char *p = report; p && *p && obs->frame_count < DUET_FRAMES; p = strchr(p, '\n'), p = p ? p + 1 : p) {
    const char *line = p + strspn(p, " ");
    size_t len = line_length(line);
    if (line[0] != '#') {
      if (obs->frame_count > 0 && len == 0) break; /* end of the first stack */
      continue;
    }
    const char *in = find_in(line, len, " in ", 4);
    if (frame_is_noise(line, len)) continue;
    if (!in) {
      /* Unsymbolized: "#2 0x55d0  (/path/duet+0x4f1a2)" -> "duet+0x4f1a2". */
      const char *open = memchr(line, '(', len), *close = open ? memchr(open, ')', len - (size_t)(open - line)) : NULL;
      if (!open || !close) continue;
      const char *module = open + 1, *base = memrchr(module, '/', (size_t)(close - module));
      if (base) module = base + 1;
      snprintf(obs->frames[obs->frame_count++], DUET_FRAME_MAX, "%.*s", (int)(close - module), module);
      obs->symbolized = false;
      continue;
    }
    if (obs->frame_count == 0) obs->symbolized = true;
    const char *func = in + 4;
    size_t func_len = strcspn(func, " \n");
    const char *file = func + func_len + (func[func_len] == ' ');
    size_t file_len = line_length(file);
    const char *slash = memrchr(file, '/', file_len);
    if (slash) {
      file_len -= (size_t)(slash + 1 - file);
      file = slash + 1;
    }
    /* Drop the column: it moves with unrelated edits. */
    const char *last_colon = memrchr(file, ':', file_len), *first_colon = memchr(file, ':', file_len);
    if (last_colon && first_colon && last_colon != first_colon) file_len = (size_t)(last_colon - file);
    snprintf(obs->frames[obs->frame_count++], DUET_FRAME_MAX, "%.*s %.*s", (int)func_len, func, (int)file_len, file);
  }
}

struct report_kind {
  const char *marker;      /* text that identifies the report */
  duet_outcome_class outcome;
  const char *kind;        /* fixed kind, or NULL: take the word after the marker */
};

static const struct report_kind report_kinds[] = {
    /* Rust's debug-assertion check of a raw pointer dereference: a panic
       that cannot unwind, so the process aborts, and ASan's report of that
       abort ("ABRT on unknown address") must not name it. */
    {"misaligned pointer dereference", DUET_OUTCOME_CRASH, "misaligned-access"},
    {"ERROR: LeakSanitizer: detected memory leaks", DUET_OUTCOME_LEAK, "leak"},
    {"ERROR: libFuzzer: out-of-memory", DUET_OUTCOME_OOM, "oom"},
    {"ERROR: libFuzzer: timeout", DUET_OUTCOME_TIMEOUT, "timeout"},
    {"ERROR: AddressSanitizer: requested allocation size", DUET_OUTCOME_OOM, "allocation-size-too-big"},
    {"ERROR: AddressSanitizer: out of memory", DUET_OUTCOME_OOM, "oom"},
    {"ERROR: AddressSanitizer: allocator is out of memory", DUET_OUTCOME_OOM, "oom"},
    {"ERROR: AddressSanitizer: attempting double-free", DUET_OUTCOME_CRASH, "double-free"},
    {"ERROR: AddressSanitizer: attempting free on address which was not malloc", DUET_OUTCOME_CRASH, "bad-free"},
    {"ERROR: AddressSanitizer: ", DUET_OUTCOME_CRASH, NULL},
    {"SUMMARY: UndefinedBehaviorSanitizer: ", DUET_OUTCOME_CRASH, NULL},
    {"has overflowed its stack", DUET_OUTCOME_CRASH, "stack-overflow"},
};

/* One kind for a misaligned access whichever side saw it: UBSan's
   alignment check (C) and Rust's dereference check name it differently. */
static void same_kind_for_alignment(struct duet_observation *obs) {
  if (same(obs->kind, "misaligned-pointer-use")) snprintf(obs->kind, sizeof obs->kind, "misaligned-access");
}

/* Rust's own backtrace (RUST_BACKTRACE), for a panic that aborted:
   "   4: crate::module::function" then "             at ./src/x.rs:121:17"
   becomes "crate::module::function x.rs:121"; the panic machinery's frames
   are noise. */
static void rust_frames(const char *err, struct duet_observation *obs) {
  const char *p = find(err, "stack backtrace:");
  for (; p && *p && obs->frame_count < DUET_FRAMES; p = strchr(p, '\n'), p = p ? p + 1 : p) {
    const char *line = p + strspn(p, " ");
    size_t digits = strspn(line, "0123456789");
    if (!digits || line[digits] != ':' || line[digits + 1] != ' ') continue;
    const char *func = line + digits + 2, *next = strchr(func, '\n');
    size_t func_len = line_length(func);
    const char *at = next ? next + 1 + strspn(next + 1, " ") : NULL;
    if (frame_is_noise(func, func_len) || !at || at[0] != 'a' || at[1] != 't' || at[2] != ' ') continue;
    at += 3;
    size_t at_len = line_length(at);
    const char *slash = memrchr(at, '/', at_len), *file = slash ? slash + 1 : at;
    size_t file_len = at_len - (size_t)(file - at);
    const char *last = memrchr(file, ':', file_len), *first = memchr(file, ':', file_len);
    if (last && first && last != first) file_len = (size_t)(last - file); /* no column */
    snprintf(obs->frames[obs->frame_count++], DUET_FRAME_MAX, "%.*s %.*s", (int)func_len, func, (int)file_len, file);
    obs->symbolized = true;
  }
}

/* Whether the stack's first frame (the line after `line`) is the runtime's
   memcpy/memmove/memset/str* interceptor: its size is the call's length,
   which varies with the input, not a property of the bug. */
static bool bulk_access(const char *line) {
  const char *next = strchr(line, '\n');
  if (!next) return false;
  next++;
  size_t len = line_length(next);
  return find_in(next, len, " in __asan_mem", 14) || find_in(next, len, " in __interceptor_", 18) ||
         find_in(next, len, " in __sanitizer_", 16);
}

/* "WRITE of size 1 at 0x6020..." right below ASan's headline. The size
   class as ClusterFuzz keeps it (1, 2, 4, 8 or {*}); a copy through an
   interceptor is always {*}, so one overflowing memcpy is one signature
   whatever the input's length. */
static void note_access(const char *hit, struct duet_observation *obs) {
  const char *end = strchr(hit, '\n');
  const char *line = end ? end + 1 : NULL;
  if (!line) return;
  char type[8];
  unsigned long size;
  if (sscanf(line, "%7[A-Z] of size %lu at", type, &size) != 2 || (!same(type, "READ") && !same(type, "WRITE")))
    return;
  bool fixed = size == 1 || size == 2 || size == 4 || size == 8;
  if (fixed && !bulk_access(line)) snprintf(obs->access, sizeof obs->access, "%s %lu", type, size);
  else snprintf(obs->access, sizeof obs->access, "%s {*}", type);
}

/* A headline a reviewer can read: "==123==ERROR: AddressSanitizer:
   heap-buffer-overflow on address 0x... at pc ..." becomes
   "AddressSanitizer: heap-buffer-overflow (WRITE of size 1)". */
static void tidy_headline(struct duet_observation *obs, const char *access_line) {
  char *d = obs->detail;
  const char *error = find(d, "ERROR: ");
  if (d[0] == '=' && error) memmove(d, error + 7, strlen(error + 7) + 1);
  const char *address = find(d, " on address 0x");
  if (!address) address = find(d, " on unknown address");
  if (address) d[address - d] = '\0';
  size_t n = strlen(d), len = access_line ? strcspn(access_line, "\n") : 0;
  const char *at = access_line ? find(access_line, " at 0x") : NULL;
  if (at && (size_t)(at - access_line) < len) len = (size_t)(at - access_line);
  if (len && n + len + 4 < sizeof obs->detail) snprintf(d + n, sizeof obs->detail - n, " (%.*s)", (int)len, access_line);
}

static bool match_report(const char *err, struct duet_observation *obs) {
  for (size_t i = 0; i < sizeof report_kinds / sizeof report_kinds[0]; i++) {
    const char *hit = find(err, report_kinds[i].marker);
    if (!hit) continue;
    obs->outcome = report_kinds[i].outcome;
    const char *after = hit + strlen(report_kinds[i].marker);
    if (find(report_kinds[i].marker, "AddressSanitizer")) note_access(hit, obs);
    if (report_kinds[i].kind) copy_field(obs->kind, sizeof obs->kind, report_kinds[i].kind, strlen(report_kinds[i].kind));
    else copy_field(obs->kind, sizeof obs->kind, after, strcspn(after, " \n:"));
    const char *line_start = hit;
    while (line_start > err && line_start[-1] != '\n') line_start--;
    copy_field(obs->detail, sizeof obs->detail, line_start, line_length(line_start));
    const char *next = strchr(hit, '\n');
    tidy_headline(obs, obs->access[0] && next ? next + 1 : NULL);
    /* UBSan's headline is the "runtime error:" line above its summary. */
    const char *ub = find(err, "runtime error: ");
    if (ub && find(report_kinds[i].marker, "Undefined")) {
      while (ub > err && ub[-1] != '\n') ub--;
      copy_field(obs->detail, sizeof obs->detail, ub, line_length(ub));
      frames_after(err, obs);
    } else {
      frames_after(hit, obs);
    }
    if (obs->frame_count == 0) rust_frames(err, obs);
    same_kind_for_alignment(obs);
    return true;
  }
  return false;
}

static void note_crashed_side(const char *err, struct duet_observation *obs) {
  const char *p = err ? find(err, "DUET-SIDE ") : NULL;
  if (p) {
    p += strlen("DUET-SIDE ");
    copy_field(obs->crashed_side, sizeof obs->crashed_side, p, line_length(p));
  }
}

void duet_observe(const struct duet_child *child, struct duet_observation *obs) {
  memset(obs, 0, sizeof *obs);
  const char *err = child->err ? child->err : "";
  obs->result = parse_result(child->out);
  if (!obs->result) obs->result = parse_result(err);
  note_crashed_side(err, obs);
  if (child->timed_out) {
    obs->outcome = DUET_OUTCOME_TIMEOUT;
    snprintf(obs->kind, sizeof obs->kind, "timeout");
    snprintf(obs->detail, sizeof obs->detail, "did not finish within the time limit");
    return;
  }
  if (match_report(err, obs)) return;
  if (child->exit_code == 0 && obs->result) return; /* ran to completion */
  obs->outcome = DUET_OUTCOME_CRASH;
  if (child->signal) {
    snprintf(obs->kind, sizeof obs->kind, "signal-%s", sigabbrev_np(child->signal) ? sigabbrev_np(child->signal) : "?");
  } else {
    snprintf(obs->kind, sizeof obs->kind, "exit-%d", child->exit_code);
  }
  copy_field(obs->detail, sizeof obs->detail, err, line_length(err));
}

void duet_observation_release(struct duet_observation *obs) {
  cJSON_Delete(obs->result);
  memset(obs, 0, sizeof *obs);
}

bool duet_outcome_is_fatal(duet_outcome_class cls) {
  return cls == DUET_OUTCOME_CRASH || cls == DUET_OUTCOME_LEAK || cls == DUET_OUTCOME_TIMEOUT ||
         cls == DUET_OUTCOME_OOM;
}

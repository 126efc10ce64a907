#define _GNU_SOURCE
#include "duet/sanitizer_hooks.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "duet/differential.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DUET_HAVE_SANITIZER 1
#endif
#endif

static bool capturing;
static char captured[DUET_REPORT_CAPTURE_MAX + 1];
static size_t captured_len;

char *duet_report_take(void) {
  if (!capturing || captured_len == 0) return NULL;
  captured[captured_len] = '\0';
  char *text = strdup(captured);
  captured_len = 0;
  return text;
}

static void keep(const char *text, size_t len) {
  if (captured_len >= DUET_REPORT_CAPTURE_MAX) return;
  size_t room = DUET_REPORT_CAPTURE_MAX - captured_len;
  if (len > room) len = room;
  memcpy(captured + captured_len, text, len);
  captured_len += len;
}

void duet_report_child(const char *text, size_t len) {
  if (capturing) {
    keep(text, len);
    return;
  }
  const char *side = duet_running_side;
  fprintf(stderr, "%.*s\nDUET-SIDE %s\n", (int)len, text, side ? side : "harness");
  fflush(stderr);
  _exit(1); /* as the sanitizers end a process; abort() would add a report of its own */
}

#ifdef DUET_HAVE_SANITIZER
#include <execinfo.h>
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>


/* Runs inside a dying process: write(2) only, no stdio locks. */
static void report_running_side(void) {
  const char *side = duet_running_side;
  const char *name = side ? side : "harness";
  char line[96];
  int n = snprintf(line, sizeof line, "DUET-SIDE %s\n", name);
  if (n > 0) (void)!write(STDERR_FILENO, line, (size_t)n);
}

void duet_install_death_callback(void) { __sanitizer_set_death_callback(report_running_side); }

static void on_asan_report(const char *text) {
  if (capturing) keep(text, strlen(text));
}

/* The hook runs before UBSan prints, inside its handler; the stack is ours to
   take: the frames above __ubsan_handle_* are the code at fault. */
static void keep_ubsan_stack(void) {
  void *pcs[24];
  int n = backtrace(pcs, 24), frame = 0;
  bool above = false;
  for (int i = 0; i < n; i++) {
    char where[512], line[600];
    __sanitizer_symbolize_pc(pcs[i], "%f %S", where, sizeof where);
    if (!above) {
      above = strncmp(where, "__ubsan_handle_", 15) == 0;
      continue;
    }
    int len = snprintf(line, sizeof line, "    #%d %p in %s\n", frame++, pcs[i], where);
    if (len > 0) keep(line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
  }
  keep("\n", 1);
}

void __ubsan_on_report(void);
void __ubsan_get_current_report_data(const char **kind, const char **message, const char **file, unsigned *line,
                                     unsigned *column, char **address);

void __ubsan_on_report(void) {
  if (!capturing) return;
  const char *kind, *message, *file;
  unsigned line, column;
  char *address, text[1024];
  __ubsan_get_current_report_data(&kind, &message, &file, &line, &column, &address);
  int len = snprintf(text, sizeof text, "%s:%u:%u: runtime error: %s\n", file, line, column, message);
  if (len > 0) keep(text, (size_t)len < sizeof text ? (size_t)len : sizeof text - 1);
  keep_ubsan_stack();
  len = snprintf(text, sizeof text, "SUMMARY: UndefinedBehaviorSanitizer: %s %s:%u:%u\n", kind, file, line, column);
  if (len > 0) keep(text, (size_t)len < sizeof text ? (size_t)len : sizeof text - 1);
}

bool duet_report_capture_start(void) {
  __asan_set_error_report_callback(on_asan_report);
  capturing = true;
  return true;
}
#else
void duet_install_death_callback(void) {}
bool duet_report_capture_start(void) { return false; }
#endif

/*
 * ThreadSanitizer's reports in a `duet stress` round of the tsan build
 * (the `tsan` preset). Each round of that build runs one side only, so a
 * report belongs to the side the round ran, as a sanitizer report of a side
 * run alone does in triage; its frames say where.
 *
 *   WARNING: ThreadSanitizer: data race (pid=123)
 *     Write of size 1 at 0x55d0 by thread T3:
 *       #0 hex_init /work/duet/targets/gt.tlv/tlv.c:45:3 (duet+0x4f1a2)
 *       ...
 *   SUMMARY: ThreadSanitizer: data race /work/duet/targets/gt.tlv/tlv.c:45:3 in hex_init
 *
 * Reports the suppressions file (tools/tsan/suppressions.txt) matches never
 * reach stderr; the round's TSAN_OPTIONS name it (cmd_stress.c).
 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/build_info.h"
#include "stress.h"

static size_t line_length(const char *p) { return strcspn(p, "\n"); }

/* Runtime and harness frames say nothing about the bug. */
static bool noise(const char *frame, size_t len) {
  static const char *const words[] = {"__tsan", "__interceptor", "/harness/", "duet_run_impl", "start_thread",
                                      "clone", "pthread_", "catch_unwind", "std::panicking", "__rust"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (memmem(frame, len, words[i], strlen(words[i]))) return true;
  return false;
}

/* "#0 hex_init /path/tlv.c:45:3 (duet+0x4f1a2)" -> "hex_init tlv.c:45". */
static void frame_text(const char *line, size_t len, char *out, size_t cap) {
  const char *func = memchr(line, ' ', len);
  if (!func) {
    snprintf(out, cap, "%.*s", (int)len, line);
    return;
  }
  func++;
  size_t rest = len - (size_t)(func - line), func_len = strcspn(func, " \n");
  if (func_len > rest) func_len = rest;
  const char *file = func + func_len + 1, *end = line + len;
  size_t file_len = file < end ? strcspn(file, " \n") : 0;
  if (file + file_len > end) file_len = file < end ? (size_t)(end - file) : 0;
  const char *slash = file_len ? memrchr(file, '/', file_len) : NULL;
  if (slash) file_len -= (size_t)(slash + 1 - file), file = slash + 1;
  const char *last = file_len ? memrchr(file, ':', file_len) : NULL, *first = file_len ? memchr(file, ':', file_len) : NULL;
  if (last && first && last != first) file_len = (size_t)(last - file); /* the column moves with unrelated edits */
  snprintf(out, cap, "%.*s %.*s", (int)func_len, func, (int)file_len, file);
}

/* One report starting at `p` (its WARNING line) into a record for `side`. */
static cJSON *report_record(const char *p, const char *side, size_t threads) {
  const char *kind = p + strlen("WARNING: ThreadSanitizer: ");
  char kind_text[64];
  size_t kind_len = strcspn(kind, "(\n");
  while (kind_len && kind[kind_len - 1] == ' ') kind_len--;
  snprintf(kind_text, sizeof kind_text, "%.*s", (int)(kind_len < 63 ? kind_len : 63), kind);
  for (char *c = kind_text; *c; c++) *c = *c == ' ' ? '-' : *c;
  cJSON *rec = cJSON_CreateObject(), *frames = cJSON_CreateArray();
  cJSON_AddStringToObject(rec, "side", side);
  cJSON_AddStringToObject(rec, "kind", kind_text);
  cJSON_AddStringToObject(rec, "sanitizer", "thread");
  cJSON_AddNumberToObject(rec, "threads", (double)threads);
  char detail[DUET_DETAIL_MAX] = "";
  for (const char *q = strchr(p, '\n'); q && *++q && cJSON_GetArraySize(frames) < DUET_FRAMES; q = strchr(q, '\n')) {
    const char *line = q + strspn(q, " ");
    size_t len = line_length(line);
    if (strncmp(line, "==================", 18) == 0 || strncmp(line, "SUMMARY:", 8) == 0) break;
    if (line[0] != '#') {
      if (!detail[0] && len) snprintf(detail, sizeof detail, "ThreadSanitizer: %.*s", (int)len, line);
      if (cJSON_GetArraySize(frames) > 0 && len == 0) break; /* the first stack ended */
      continue;
    }
    char frame[DUET_FRAME_MAX];
    if (noise(line, len)) continue;
    frame_text(line, len, frame, sizeof frame);
    cJSON_AddItemToArray(frames, cJSON_CreateString(frame));
  }
  char *at = strstr(detail, " at 0x"); /* the address changes from run to run */
  if (at) {
    char *after = strchr(at + 4, ' ');
    if (after) memmove(at, after, strlen(after) + 1);
    else *at = '\0';
  }
  cJSON_AddStringToObject(rec, "detail", detail);
  cJSON_AddItemToObject(rec, "frames", frames);
  return rec;
}

size_t duet_stress_tsan_records(const char *err, const char *side, size_t threads, cJSON *out) {
  static const char marker[] = "WARNING: ThreadSanitizer: ";
  size_t n = 0;
  for (const char *p = err ? strstr(err, marker) : NULL; p; p = strstr(p + 1, marker)) {
    cJSON_AddItemToArray(out, report_record(p, side, threads));
    n++;
  }
  return n;
}

void duet_stress_tsan_env(void) {
  if (strcmp(duet_stress_sanitizer(), "thread") != 0) return;
  const char *user = getenv("TSAN_OPTIONS");
  char value[8192];
  /* The user's options first, so that duet's win where a round needs them:
     a race must not end the round (halt_on_error=0) nor fail it (exitcode=0). */
  snprintf(value, sizeof value, "%s%shalt_on_error=0 exitcode=0 report_signal_unsafe=0 suppressions='%s/tools/tsan/suppressions.txt'",
           user ? user : "", user ? " " : "", duet_build_info.source_dir);
  setenv("TSAN_OPTIONS", value, 1);
}

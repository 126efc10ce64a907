#include "invocation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const duet_cu_utilities[] = {
#define DUET_UTILITY(name, grammar, seed_args, seed_stdin) #name,
#include "utilities.def"
#undef DUET_UTILITY
    NULL,
};

static const char *const grammars[] = {
#define DUET_UTILITY(name, grammar, seed_args, seed_stdin) grammar,
#include "utilities.def"
#undef DUET_UTILITY
};

static const char *grammar_of(const char *utility) {
  for (size_t i = 0; duet_cu_utilities[i]; i++)
    if (duet_cu_utilities[i] == utility || strcmp(duet_cu_utilities[i], utility) == 0) return grammars[i];
  return "";
}

/* Length of the UTF-8 sequence at s[0..n), 0 when it is not one (overlong
   forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_sequence(const unsigned char *s, size_t n) {
  static const unsigned char lo[] = {0x80, 0xa0, 0x80, 0x90, 0x80}, hi[] = {0xbf, 0xbf, 0x9f, 0xbf, 0x8f};
  if (s[0] < 0x80) return 1;
  size_t len = s[0] >= 0xc2 && s[0] <= 0xdf ? 2 : s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
  if (len == 0 || len > n) return 0;
  /* the second byte's range: E0 (no overlong), ED (no surrogate), F0, F4 (<= U+10FFFF) narrow it */
  int r = s[0] == 0xe0 ? 1 : s[0] == 0xed ? 2 : s[0] == 0xf0 ? 3 : s[0] == 0xf4 ? 4 : 0;
  if (s[1] < lo[r] || s[1] > hi[r]) return 0;
  for (size_t i = 2; i < len; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  return len;
}

int duet_cu_non_utf8_argument(const struct duet_cu_invocation *inv) {
  for (size_t i = 0; i < inv->argc; i++) {
    const unsigned char *a = (const unsigned char *)inv->args[i];
    for (size_t n = strlen(inv->args[i]), at = 0, len; at < n; at += len)
      if ((len = utf8_sequence(a + at, n - at)) == 0) return 1;
  }
  return 0;
}

/* A long option's name as the signature shows it: the grammar's long option
   it abbreviates when exactly one (getopt's rule), else "--?" (unknown or
   ambiguous). out gets at most DUET_CU_MAX_ARG bytes. */
static void long_name(const char *grammar, const char *arg, char *out) {
  size_t len = strcspn(arg, "=");
  int found = 0;
  for (const char *p = grammar; *p;) {
    size_t tok = strcspn(p, " "), name = strcspn(p, "= ");
    if (tok >= 2 && p[0] == '-' && p[1] == '-' && len <= name && strncmp(p, arg, len) == 0) {
      if (name == len) { /* exact */
        memcpy(out, p, name), out[name] = '\0';
        return;
      }
      if (found++ == 0) memcpy(out, p, name), out[name] = '\0';
    }
    p += tok;
    p += strspn(p, " ");
  }
  if (found != 1) memcpy(out, "--?", 4);
}

static const char *table_name(const uint8_t *p, size_t len) {
  for (size_t i = 0; duet_cu_utilities[i]; i++)
    if (strlen(duet_cu_utilities[i]) == len && memcmp(duet_cu_utilities[i], p, len) == 0) return duet_cu_utilities[i];
  return NULL;
}

/* Confinement: no argument may name a path outside the run's directory. */
static const char *confine(const char *arg, size_t len) {
  if (memchr(arg, '/', len)) return "argument with a slash";
  if (strcmp(arg, ".") == 0 || strcmp(arg, "..") == 0) return "argument names a directory";
  return NULL;
}

static const uint8_t *next_line(const uint8_t *p, const uint8_t *end, size_t *len) {
  const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
  if (!nl) return NULL;
  *len = (size_t)(nl - p);
  return nl + 1;
}

static void split_files(struct duet_cu_invocation *inv, const uint8_t *p, const uint8_t *end) {
  const uint8_t *parts[3] = {p, NULL, NULL};
  size_t lens[3] = {(size_t)(end - p), 0, 0};
  for (int k = 0; k < 2; k++) {
    const uint8_t *z = memchr(parts[k], 0, lens[k]);
    if (!z) break;
    parts[k + 1] = z + 1;
    lens[k + 1] = (size_t)(end - (z + 1));
    lens[k] = (size_t)(z - parts[k]);
  }
  inv->stdin_bytes = parts[0], inv->stdin_len = lens[0];
  inv->file_a = parts[1], inv->file_a_len = lens[1];
  inv->file_b = parts[2], inv->file_b_len = lens[2];
}

const char *duet_cu_decode(const uint8_t *input, size_t size, struct duet_cu_invocation *inv) {
  memset(inv, 0, sizeof *inv);
  const uint8_t *p = input, *end = input + size;
  size_t len;
  const uint8_t *after = next_line(p, end, &len);
  if (!after) return "no utility line";
  inv->utility = table_name(p, len);
  if (!inv->utility) return "unknown utility";
  for (p = after; (after = next_line(p, end, &len)) != NULL && len > 0; p = after) {
    if (inv->argc == DUET_CU_MAX_ARGS) return "too many arguments";
    if (len >= DUET_CU_MAX_ARG || memchr(p, 0, len)) return "bad argument";
    memcpy(inv->args[inv->argc], p, len);
    inv->args[inv->argc][len] = '\0';
    const char *why = confine(inv->args[inv->argc], len);
    if (why) return why;
    inv->argc++;
  }
  if (!after) return "no end of arguments";
  split_files(inv, after, end);
  return NULL;
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void duet_cu_option_set(const struct duet_cu_invocation *inv, char *out, size_t cap) {
  char names[DUET_CU_MAX_ARGS][DUET_CU_MAX_ARG];
  char *sorted[DUET_CU_MAX_ARGS];
  size_t n = 0, used = 0;
  for (size_t i = 0; i < inv->argc; i++) {
    const char *a = inv->args[i];
    if (a[0] != '-' || a[1] == '\0') continue; /* an operand, or "-" (stdin) */
    if (a[1] == '-' && a[2] == '\0') continue;   /* "--": the end of options */
    if (a[1] == '-') long_name(grammar_of(inv->utility), a, names[n]);
    else snprintf(names[n], sizeof names[n], "-%c", a[1] > ' ' && a[1] < 0x7f ? a[1] : '?');
    sorted[n] = names[n];
    n++;
  }
  qsort(sorted, n, sizeof sorted[0], by_text);
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && strcmp(sorted[i], sorted[i - 1]) == 0) continue;
    size_t l = strlen(sorted[i]);
    if (used + l + 2 > cap) break;
    if (used) out[used++] = ' ';
    memcpy(out + used, sorted[i], l + 1);
    used += l;
  }
}

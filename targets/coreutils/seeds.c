/*
 * Seeds and dictionary of the coreutils program pair, both from
 * utilities.def (the one table):
 *   duet_seeds_coreutils OUTDIR        three seeds per utility (invocation.h's format)
 *   duet_seeds_coreutils --dict FILE [UTILITY]
 *                                      the dictionary: each utility's first line and every
 *                                      grammar token as a whole argument line; with UTILITY,
 *                                      that utility's only (a campaign of one utility)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duet/seedkit.h"

struct utility {
  const char *name, *grammar, *seed_args, *seed_stdin;
};

static const struct utility table[] = {
#define DUET_UTILITY(name, grammar, seed_args, seed_stdin) {#name, grammar, seed_args, seed_stdin},
#include "utilities.def"
#undef DUET_UTILITY
};
enum { UTILITY_COUNT = sizeof table / sizeof table[0] };

/* Writes "NAME\n" then each space-separated token of `args` on its own line, then "\n". */
static size_t invocation(char *buf, size_t cap, const char *name, const char *args, const char *extra) {
  size_t n = (size_t)snprintf(buf, cap, "%s\n", name);
  char copy[512];
  snprintf(copy, sizeof copy, "%s", args);
  for (char *save = NULL, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
    n += (size_t)snprintf(buf + n, cap - n, "%s\n", t);
  if (extra) n += (size_t)snprintf(buf + n, cap - n, "%s\n", extra);
  n += (size_t)snprintf(buf + n, cap - n, "\n");
  return n;
}

static int write_seeds(const char *dir) {
  for (size_t i = 0; i < UTILITY_COUNT; i++) {
    const struct utility *u = &table[i];
    char buf[2048];
    size_t n = invocation(buf, sizeof buf, u->name, u->seed_args, NULL);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", u->seed_stdin);
    if (duet_seed_writef(dir, buf, n, "%s-args", u->name) != 0) return 1;
    /* The same data from file a (operands), with file b beside it. */
    n = invocation(buf, sizeof buf, u->name, u->seed_args, "a");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%c%s%c%s", 0, u->seed_stdin, 0, u->seed_stdin);
    if (duet_seed_writef(dir, buf, n, "%s-file", u->name) != 0) return 1;
    n = invocation(buf, sizeof buf, u->name, "", NULL);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", u->seed_stdin);
    if (duet_seed_writef(dir, buf, n, "%s-plain", u->name) != 0) return 1;
  }
  return 0;
}

/* One dictionary entry: "\n" TOKEN "\n" in libFuzzer's quoting (\\, \", \xNN). */
static void dict_entry(FILE *f, const char *prefix, const char *token, const char *suffix) {
  fputc('"', f);
  char text[600];
  snprintf(text, sizeof text, "%s%s%s", prefix, token, suffix);
  for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
    if (*p == '\\' || *p == '"') fprintf(f, "\\%c", *p);
    else if (*p < 0x20 || *p > 0x7e) fprintf(f, "\\x%02X", *p);
    else fputc(*p, f);
  }
  fputs("\"\n", f);
}

static int write_dict(const char *path, const char *only) {
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  if (!f) {
    fprintf(stderr, "seeds: cannot write %s\n", tmp);
    return 1;
  }
  size_t written = 0;
  for (size_t i = 0; i < UTILITY_COUNT; i++) {
    if (only && strcmp(only, table[i].name) != 0) continue;
    written++;
    dict_entry(f, "", table[i].name, "\n");
    char copy[2048];
    snprintf(copy, sizeof copy, "%s", table[i].grammar);
    for (char *save = NULL, *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save))
      dict_entry(f, "\n", t, "\n");
  }
  if (written == 0) { /* not in the table */
    fclose(f), remove(tmp);
    fprintf(stderr, "seeds: %s is not a utility of utilities.def\n", only);
    return 2;
  }
  if (fclose(f) != 0 || rename(tmp, path) != 0) {
    fprintf(stderr, "seeds: cannot write %s\n", path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if ((argc == 3 || argc == 4) && strcmp(argv[1], "--dict") == 0) return write_dict(argv[2], argc == 4 ? argv[3] : NULL);
  const char *dir = duet_seed_dir(argc, argv);
  return dir ? write_seeds(dir) : 2;
}

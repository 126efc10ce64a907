/*
 * `duet triage --import DIR`: brings back what a fuzzer found elsewhere
 * (ClusterFuzzLite, OSS-Fuzz, another machine). Crash files go into a new
 * run folder's artifacts and through the usual triage (classified, sides
 * attributed, deduplicated, minimised, stored); every other file is a corpus
 * input, offered to the working corpus through libFuzzer's -merge=1.
 * Everything is checked before anything is written, DIR is only read, and
 * every copy is written atomically and named by its SHA-1, so no name from
 * DIR reaches a file name, a command line or a shell.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "duet/build_info.h"
#include "duet/confine.h"
#include "duet/corpus_merge.h"
#include "duet/dropin.h"
#include "duet/fileio.h"
#include "duet/isolate.h"
#include "duet/limits.h"

/* Files one import takes, and how deep it looks: a bound on memory, far
   above what a ClusterFuzzLite corpus download holds. */
enum { IMPORT_FILES_MAX = 200000, IMPORT_DEPTH_MAX = 16 };

/* Seconds the corpus merge of one target may take. */
enum { IMPORT_MERGE_SECONDS = 600 };

struct import_file {
  char *path;                       /* as found under DIR */
  const struct duet_target *target; /* NULL: none named */
  const char *kind;                 /* "crash", "leak", "timeout", "oom"; NULL: a corpus input */
};

/* What the walk found; nftw's callback has no context argument. */
static struct {
  struct import_file *files;
  size_t count, cap;
  const struct duet_target *forced; /* --target */
  const struct duet_target *root;   /* named by DIR itself */
  size_t root_len;                  /* strlen(DIR) as given */
  int error;                        /* -errno of the walk */
} scan;

/* The target called `s` (n bytes), by name or identifier, with or without
   the fuzzer's "duet-fuzz-" prefix; NULL if none. */
static const struct duet_target *target_named(const char *s, size_t n) {
  static const char prefix[] = "duet-fuzz-";
  if (n > sizeof prefix - 1 && strncmp(s, prefix, sizeof prefix - 1) == 0) s += sizeof prefix - 1, n -= sizeof prefix - 1;
  size_t count;
  const struct duet_target *all = duet_targets(&count);
  for (size_t i = 0; i < count; i++)
    if ((strlen(all[i].name) == n && strncmp(all[i].name, s, n) == 0) ||
        (strlen(all[i].ident) == n && strncmp(all[i].ident, s, n) == 0))
      return &all[i];
  return NULL;
}

/* OSS-Fuzz's test case downloads: clusterfuzz-testcase[-minimized]-FUZZER-ID. */
static const struct duet_target *testcase_target(const char *base) {
  static const char *const prefixes[] = {"clusterfuzz-testcase-minimized-", "clusterfuzz-testcase-"};
  for (size_t i = 0; i < 2; i++) {
    size_t n = strlen(prefixes[i]);
    if (strncmp(base, prefixes[i], n) != 0) continue;
    const char *last = strrchr(base + n, '-');
    if (!last || !last[1] || last[1 + strspn(last + 1, "0123456789")] != '\0') return NULL;
    return target_named(base + n, (size_t)(last - base - (ptrdiff_t)n));
  }
  return NULL;
}

/* libFuzzer's crash names (kind-<hash>, no extension), or NULL. */
static const char *crash_kind(const char *base) {
  static const char *const kinds[] = {"crash", "leak", "timeout", "oom"};
  if (strncmp(base, "clusterfuzz-testcase-", 21) == 0) return "crash";
  for (size_t i = 0; i < 4; i++) {
    size_t n = strlen(kinds[i]);
    if (strncmp(base, kinds[i], n) == 0 && base[n] == '-' && !strchr(base, '.')) return kinds[i];
  }
  return NULL;
}

/* Files beside crashes and corpora that are not inputs: stack traces,
   logs, build outputs. Hidden files are skipped too. */
static bool not_an_input(const char *base) {
  static const char *const skipped[] = {".txt", ".log", ".summary", ".json", ".md", ".zip", ".options", ".dict", NULL};
  const char *dot = strrchr(base, '.');
  if (base[0] == '.') return true;
  for (size_t i = 0; dot && skipped[i]; i++)
    if (strcmp(dot, skipped[i]) == 0) return true;
  return false;
}

/* The deepest folder between DIR (included) and the file that names a
   target, else the file's own test case name. */
static const struct duet_target *inferred_target(const char *path, const char *base) {
  const struct duet_target *t = scan.root, *named = testcase_target(base);
  for (const char *p = path + scan.root_len; *p;) {
    while (*p == '/') p++;
    const char *end = strchr(p, '/');
    if (!end) break; /* the file itself */
    const struct duet_target *here = target_named(p, (size_t)(end - p));
    if (here) t = here;
    p = end;
  }
  return named ? named : t;
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  const char *base = path + ftw->base;
  if (type == FTW_D && ftw->level > 0 && (base[0] == '.' || ftw->level > IMPORT_DEPTH_MAX)) return FTW_SKIP_SUBTREE;
  if (type == FTW_DNR) scan.error = -EACCES;
  if (type != FTW_F || !S_ISREG(st->st_mode) || not_an_input(base)) return FTW_CONTINUE; /* links are never followed */
  if (scan.count == scan.cap) {
    size_t cap = scan.cap ? scan.cap * 2 : 64;
    struct import_file *grown = cap <= IMPORT_FILES_MAX ? realloc(scan.files, cap * sizeof *grown) : NULL;
    if (!grown) return scan.error = cap > IMPORT_FILES_MAX ? -E2BIG : -ENOMEM, FTW_STOP;
    scan.files = grown;
    scan.cap = cap;
  }
  struct import_file *f = &scan.files[scan.count];
  if (!(f->path = strdup(path))) return scan.error = -ENOMEM, FTW_STOP;
  f->kind = crash_kind(base);
  f->target = scan.forced ? scan.forced : inferred_target(path, base);
  scan.count++;
  return FTW_CONTINUE;
}

static void scan_release(void) {
  for (size_t i = 0; i < scan.count; i++) free(scan.files[i].path);
  free(scan.files);
  memset(&scan, 0, sizeof scan);
}

/* Walks DIR; 0, or the exit status of a refusal (printed). */
static int walk(const struct duet_cli_import *im) {
  char real[PATH_MAX];
  struct stat st;
  if (stat(im->dir, &st) != 0 || !S_ISDIR(st.st_mode) || !realpath(im->dir, real))
    return duet_cli_usage_error("--import %s: no such folder", im->dir);
  const char *base = strrchr(real, '/') + 1;
  scan.forced = im->target;
  scan.root = target_named(base, strlen(base));
  scan.root_len = strlen(im->dir);
  if (nftw(im->dir, visit, 32, FTW_PHYS | FTW_ACTIONRETVAL) != 0 && !scan.error) scan.error = -errno;
  if (scan.error == -E2BIG) return duet_cli_usage_error("--import %s: more than %d files", im->dir, IMPORT_FILES_MAX);
  if (scan.error) return duet_cli_usage_error("--import %s: cannot read it all: %s", im->dir, duet_fs_strerror(scan.error));
  if (scan.count == 0)
    return duet_cli_usage_error("--import %s: nothing to import (no crash-*, leak-*, timeout-*, oom-* or corpus files)",
                                im->dir);
  return 0;
}

/* The fuzzer beside this duet, for corpus merges. */
static void fuzzer_path(const struct duet_target *t, char *out, size_t cap) {
  const char *exe = duet_self_exe();
  const char *slash = exe ? strrchr(exe, '/') : NULL;
  snprintf(out, cap, "%.*s/duet-fuzz-%s", slash ? (int)(slash - exe) : 1, slash ? exe : ".", t->name);
}

/* Every file has a target and a size an input may have, and every target
   with corpus inputs has its fuzzer: else nothing is imported. */
static int check_all(void) {
  for (size_t i = 0; i < scan.count; i++) {
    const struct import_file *f = &scan.files[i];
    struct stat st;
    if (!f->target)
      return duet_cli_usage_error("%s: which target? (--target T, or a folder named duet-fuzz-T or T)", f->path);
    if (duet_dropin_guard(f->target, stderr) != 0) return DUET_EXIT_USAGE; /* drop-in sides must be distinct code */
    if (lstat(f->path, &st) != 0) return duet_cli_usage_error("%s: %s", f->path, strerror(errno));
    if ((size_t)st.st_size > DUET_INPUT_MAX)
      return duet_cli_usage_error("%s: %lld bytes, over the %zu an input may have (DUET_INPUT_MAX): nothing imported",
                                  f->path, (long long)st.st_size, DUET_INPUT_MAX);
    char fuzzer[PATH_MAX];
    fuzzer_path(f->target, fuzzer, sizeof fuzzer);
    if (!f->kind && access(fuzzer, X_OK) != 0)
      return duet_cli_usage_error("no fuzzer for %s at %s (corpus merges need it): build with the fuzz preset",
                                  f->target->name, fuzzer);
  }
  return 0;
}

/* Copies f into dir as <stem>-<sha1> (stem NULL: <sha1>), atomically; the
   same bytes twice are one file. Returns 0 or -errno. */
static int copy_in(const struct import_file *f, const char *dir, const char *stem) {
  uint8_t *data;
  size_t size;
  int rc = duet_read_file(f->path, DUET_INPUT_MAX, &data, &size);
  if (rc != 0) return rc;
  char sha1[41], path[PATH_MAX];
  duet_sha1_hex(data, size, sha1);
  snprintf(path, sizeof path, "%s/%s%s%s", dir, stem ? stem : "", stem ? "-" : "", sha1);
  rc = duet_write_new(path, data, size);
  free(data);
  return rc == -EEXIST ? 0 : rc;
}

/* Copies t's files of one sort (crashes or corpus inputs) into dir.
   Returns how many, or -errno (printed). */
static long copy_all(const struct duet_target *t, bool crashes, const char *dir) {
  long n = 0;
  for (size_t i = 0; i < scan.count; i++) {
    const struct import_file *f = &scan.files[i];
    if (f->target != t || (f->kind != NULL) != crashes) continue;
    int rc = copy_in(f, dir, f->kind);
    if (rc != 0) return duet_cli_print(stderr, "duet: cannot import %s: %s", f->path, duet_fs_strerror(rc)), rc;
    n++;
  }
  return n;
}

/* A new run folder REPORTS/import-<target>-<time>-<pid>, its artifacts
   the crashes, triaged as `duet triage RUN` does. Returns the exit status. */
/* The paths of an import's run folder. */
struct import_run {
  char id[256], run[PATH_MAX], artifacts[PATH_MAX + 16], tmp[PATH_MAX + 16];
};

/* Creates REPORTS/import-<target>-<UTC time>-<pid>/{artifacts,tmp}: the
   name `duet fuzz` gives a run, marked, so `duet report` does not count it
   as a campaign. Returns 0 or -errno. */
static int make_run(const struct duet_target *t, const char *reports, struct import_run *r) {
  char stamp[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  snprintf(r->id, sizeof r->id, "import-%s-%s-%ld", t->name, stamp, (long)getpid());
  snprintf(r->run, sizeof r->run, "%s/%s", reports, r->id);
  snprintf(r->artifacts, sizeof r->artifacts, "%s/artifacts", r->run);
  snprintf(r->tmp, sizeof r->tmp, "%s/tmp", r->run);
  int rc = duet_make_dirs(r->artifacts);
  return rc == 0 ? duet_make_dirs(r->tmp) : rc;
}

static int import_crashes(const struct duet_target *t, const struct duet_cli_import *im) {
  struct import_run r;
  int rc = make_run(t, im->reports, &r);
  if (rc != 0) return duet_cli_print(stderr, "duet: cannot create %s: %s", r.run, duet_fs_strerror(rc)), DUET_EXIT_INTERNAL;
  long n = copy_all(t, true, r.artifacts);
  if (n < 0) return DUET_EXIT_INTERNAL;
  duet_cli_print(stderr, "duet: %s: %ld crash file(s) imported into %s", t->name, n, r.run);
  const char *old_tmp = getenv("TMPDIR");
  char *saved_tmp = old_tmp ? strdup(old_tmp) : NULL;
  setenv("TMPDIR", r.tmp, 1); /* triage's temporary files stay in the run folder */
  struct duet_triage tr;
  rc = duet_cli_triage_dir(t, r.artifacts, im->reports, r.id, im->minimize_seconds, NULL, &tr);
  if (rc != 0) duet_cli_print(stderr, "duet: triage of %s incomplete: %s", r.run, duet_fs_strerror(rc));
  int status = duet_cli_triage_report(&tr, r.run, im->json) != 0 && rc == 0 ? DUET_EXIT_INTERNAL : duet_cli_triage_exit(&tr, rc);
  duet_triage_release(&tr);
  if (saved_tmp) setenv("TMPDIR", saved_tmp, 1);
  else unsetenv("TMPDIR");
  free(saved_tmp);
  duet_remove_tree(r.tmp);
  return status;
}

/* The corpus inputs staged beside CORPORA/<t>/work, then merged into it.
   Returns the exit status. */
static int import_corpus(const struct duet_target *t, const struct duet_cli_import *im) {
  char work[PATH_MAX], staged[PATH_MAX + 32], fuzzer[PATH_MAX], why[512];
  if (im->corpora) snprintf(work, sizeof work, "%s/%s/work", im->corpora, t->name);
  else snprintf(work, sizeof work, "%s/corpora/%s/work", duet_build_info.source_dir, t->name);
  snprintf(staged, sizeof staged, "%s.import-%ld", work, (long)getpid());
  fuzzer_path(t, fuzzer, sizeof fuzzer);
  int rc = duet_make_dirs(work);
  if (rc == 0) rc = duet_make_dirs(staged);
  if (rc != 0) return duet_cli_print(stderr, "duet: cannot use %s: %s", work, duet_fs_strerror(rc)), DUET_EXIT_INTERNAL;
  long n = copy_all(t, false, staged);
  size_t before = 0, after = 0;
  rc = n < 0 ? (int)n : duet_corpus_merge_from(fuzzer, work, staged, IMPORT_MERGE_SECONDS, &before, &after, why, sizeof why);
  duet_remove_tree(staged);
  if (rc != 0) {
    duet_cli_print(stderr, "duet: %s: corpus not merged into %s (left as it was): %s", t->name, work,
                   n < 0 ? duet_fs_strerror(rc) : why);
    return rc == -EBUSY ? DUET_EXIT_USAGE : DUET_EXIT_INTERNAL;
  }
  duet_cli_print(stderr, "duet: %s: %ld corpus file(s) offered; %s now holds %zu input(s) (was %zu)", t->name, n, work,
                 after, before);
  return DUET_EXIT_OK;
}

/* The most telling of two statuses: a refusal or failure, else the worst finding. */
static int combine(int status, int s) {
  if (status == DUET_EXIT_USAGE || status == DUET_EXIT_INTERNAL) return status;
  return s == DUET_EXIT_USAGE || s == DUET_EXIT_INTERNAL || status == DUET_EXIT_OK ? s : status;
}

int duet_cli_triage_import(const struct duet_cli_import *im) {
  int status = walk(im);
  if (status == 0) status = check_all();
  if (status != 0) {
    scan_release();
    return status;
  }
  if (im->corpora) duet_fs_confine(im->corpora);
  size_t count;
  const struct duet_target *all = duet_targets(&count);
  for (size_t i = 0; i < count; i++) { /* targets in table order */
    bool crashes = false, corpus = false;
    for (size_t k = 0; k < scan.count; k++)
      if (scan.files[k].target == &all[i]) *(scan.files[k].kind ? &crashes : &corpus) = true;
    int s = DUET_EXIT_OK;
    if (crashes) s = combine(s, import_crashes(&all[i], im));
    if (corpus) s = combine(s, import_corpus(&all[i], im));
    status = combine(status, s);
    if (status == DUET_EXIT_USAGE || status == DUET_EXIT_INTERNAL) break;
  }
  scan_release();
  return status;
}

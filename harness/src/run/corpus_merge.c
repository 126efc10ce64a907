/* Keeps a working corpus minimal: libFuzzer's -merge=1 into a fresh folder,
   which then replaces the old one; under the corpus lock `duet fuzz` takes,
   so no campaign writes into it meanwhile. */
#define _GNU_SOURCE
#include "duet/corpus_merge.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "duet/campaign.h"
#include "duet/fileio.h"
#include "duet/isolate.h"

/* A scratch run folder: the driver records divergences there and goes on,
   as in a campaign, instead of stopping on each. */
static int scratch_run(const char *base, char *run, size_t cap) {
  if (snprintf(run, cap, "%s.run", base) >= (int)cap) return -ENAMETOOLONG;
  const char *subs[] = {"signatures", "records", "artifacts", "tmp"};
  for (size_t i = 0; i < 4; i++) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%s", run, subs[i]);
    int rc = duet_make_dirs(dir);
    if (rc != 0) return rc;
  }
  return 0;
}

/* The last line libFuzzer printed, for the reason a merge failed. */
static void last_line(const char *text, char *why, size_t cap) {
  const char *end = text ? text + strlen(text) : NULL;
  while (end && end > text && (end[-1] == '\n' || end[-1] == ' ')) end--;
  const char *start = end;
  while (start && start > text && start[-1] != '\n') start--;
  snprintf(why, cap, "libFuzzer: %.*s", start ? (int)(end - start) : 0, start ? start : "");
}

/* libFuzzer re-runs itself through a shell command line made of its
   arguments: every argument is a plain relative name (from the corpus's
   parent folder, through a link to the fuzzer), so a path with a space or a
   quote never reaches that command line. */
static int run_merge(const char *fuzzer, const char *merged, const char *work, const char *extra, const char *run,
                     unsigned timeout, char *why, size_t cap) {
  char parent[PATH_MAX], link_path[PATH_MAX + 16], exe[PATH_MAX], run_env[PATH_MAX + 16], tmp_env[PATH_MAX + 16];
  const char *base = strrchr(work, '/') ? strrchr(work, '/') + 1 : work;
  const char *run_name = strrchr(run, '/') ? strrchr(run, '/') + 1 : run;
  snprintf(parent, sizeof parent, "%.*s", (int)(base - work), work);
  snprintf(link_path, sizeof link_path, "%s/duet-fuzzer", run);
  if (symlink(fuzzer, link_path) != 0) return -errno;
  snprintf(exe, sizeof exe, "./%s/duet-fuzzer", run_name);
  snprintf(run_env, sizeof run_env, "DUET_RUN_DIR=%s", run);
  snprintf(tmp_env, sizeof tmp_env, "TMPDIR=%s/tmp", run_name);
  const char *set[] = {run_env, tmp_env, NULL};
  char **env = duet_env_with(set);
  const char *merged_name = strrchr(merged, '/') ? strrchr(merged, '/') + 1 : merged;
  const char *extra_name = extra ? (strrchr(extra, '/') ? strrchr(extra, '/') + 1 : extra) : NULL;
  char *argv[] = {exe, "-merge=1", "-timeout=5", (char *)merged_name, (char *)base, (char *)extra_name, NULL};
  struct duet_child child;
  int rc = env ? duet_child_run_in(argv, parent[0] ? parent : ".", env, timeout, &child) : -ENOMEM;
  duet_argv_free(env);
  if (rc != 0) return rc;
  rc = child.timed_out ? -ETIMEDOUT : child.exit_code == 0 ? 0 : -ECHILD;
  if (child.timed_out) snprintf(why, cap, "it took longer than its %u s", timeout);
  else if (rc != 0) last_line(child.err, why, cap);
  duet_child_release(&child);
  return rc;
}

/* Files in `dir`, or -errno. */
static long count_files(const char *dir) {
  char **files;
  long n = duet_list_files(dir, &files);
  duet_paths_free(n >= 0 ? files : NULL);
  return n;
}

int duet_corpus_merge(const char *fuzzer, const char *work, unsigned timeout, size_t *before, size_t *after, char *why,
                      size_t cap) {
  return duet_corpus_merge_from(fuzzer, work, NULL, timeout, before, after, why, cap);
}

int duet_corpus_merge_from(const char *fuzzer, const char *work, const char *extra, unsigned timeout, size_t *before,
                           size_t *after, char *why, size_t cap) {
  snprintf(why, cap, "%s", "");
  char merged[PATH_MAX], old[PATH_MAX], run[PATH_MAX];
  char **files;
  long n = count_files(work), added = extra ? count_files(extra) : 0;
  if (n < 0) return (int)n;
  if (added < 0) return (int)added;
  *before = (size_t)n;
  size_t offered = (size_t)(n + added);
  int fd = open(work, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -errno;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    snprintf(why, cap, "another campaign holds the corpus");
    return -EBUSY;
  }
  snprintf(merged, sizeof merged, "%s.merge-%d", work, (int)getpid());
  snprintf(old, sizeof old, "%s.old-%d", work, (int)getpid());
  int rc = duet_make_dirs(merged);
  if (rc == 0) rc = scratch_run(merged, run, sizeof run);
  if (rc == 0) rc = run_merge(fuzzer, merged, work, extra, run, timeout, why, cap);
  if (rc == 0 && (n = duet_list_files(merged, &files)) >= 0) {
    duet_paths_free(files);
    *after = (size_t)n;
    if (n == 0 && offered > 0) { /* libFuzzer keeps at least one input of any corpus: this is no merge */
      snprintf(why, cap, "it kept none of %zu inputs", offered);
      rc = -EIO;
    }
    /* Two renames: a kill between them leaves the old corpus whole, beside. */
    else if (rename(work, old) != 0 || rename(merged, work) != 0) rc = -errno;
  }
  if (rc != 0 && !why[0]) snprintf(why, cap, "%s", strerror(-rc));
  duet_remove_tree(run);
  duet_remove_tree(rc == 0 ? old : merged);
  close(fd);
  return rc;
}

#define _GNU_SOURCE /* O_NOFOLLOW, O_DIRECTORY, mkdirat */
#include "duet/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "duet/fileio.h"

enum { MAX_ROOTS = 32 };

static char roots[MAX_ROOTS][PATH_MAX];
static int root_count;

static int add_root(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  if (n == 0 || n >= PATH_MAX) return -ENAMETOOLONG;
  for (int i = 0; i < root_count; i++)
    if (strlen(roots[i]) == n && memcmp(roots[i], path, n) == 0) return 0;
  if (root_count == MAX_ROOTS) return -ENOSPC;
  memcpy(roots[root_count], path, n);
  roots[root_count++][n] = '\0';
  return 0;
}

int duet_fs_confine(const char *root) {
  int rc = add_root(root);
  char real[PATH_MAX];
  if (rc == 0 && realpath(root, real)) rc = add_root(real);
  return rc;
}

/* Length of the longest root `path` lies beneath (or is), 0 when none. */
static size_t root_of(const char *path) {
  size_t best = 0;
  for (int i = 0; i < root_count; i++) {
    size_t n = strlen(roots[i]);
    bool under = strncmp(path, roots[i], n) == 0 && (path[n] == '/' || path[n] == '\0' || strcmp(roots[i], "/") == 0);
    if (under && n > best) best = n;
  }
  return best;
}

/* Opens one folder below `dir` without following a link; creates it when
   missing and `create`. */
static int step(int dir, const char *name, bool create) {
  if (strcmp(name, "..") == 0) return -EXDEV; /* would leave the root */
  int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create) {
    if (mkdirat(dir, name, 0755) != 0 && errno != EEXIST) return -errno;
    fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  }
  if (fd >= 0) return fd;
  int err = errno;
  struct stat st;
  if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) return -ELOOP;
  return -err;
}

/* Walks `rel` ('/'-separated, modified) below the open folder `fd`, which it
   takes over. Returns the last folder's fd or -errno. */
static int walk(int fd, char *rel, bool create) {
  char *save = NULL;
  for (char *name = strtok_r(rel, "/", &save); name && fd >= 0; name = strtok_r(NULL, "/", &save)) {
    if (strcmp(name, ".") == 0) continue;
    int next = step(fd, name, create);
    close(fd);
    fd = next;
  }
  return fd;
}

static int open_root(const char *root, size_t n, bool create) {
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%.*s", (int)n, root);
  if (create) {
    int rc = duet_make_dirs_plain(dir);
    if (rc) return rc;
  }
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* the root itself is the user's choice */
  return fd < 0 ? -errno : fd;
}

int duet_fs_open_dir(const char *path, bool create) {
  size_t n = root_of(path);
  if (n == 0) {
    int rc = create ? duet_make_dirs_plain(path) : 0;
    int fd = rc ? rc : open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return fd < 0 && rc == 0 ? -errno : fd;
  }
  char rel[PATH_MAX];
  snprintf(rel, sizeof rel, "%s", path + n);
  int fd = open_root(path, n, create);
  return fd < 0 ? fd : walk(fd, rel, create);
}

int duet_fs_open_parent(const char *path, bool create, char name[DUET_NAME_MAX + 1]) {
  const char *slash = strrchr(path, '/');
  const char *last = slash ? slash + 1 : path;
  if (!*last || strlen(last) > DUET_NAME_MAX || strcmp(last, ".") == 0 || strcmp(last, "..") == 0) return -EINVAL;
  snprintf(name, DUET_NAME_MAX + 1, "%s", last);
  if (!slash) return duet_fs_open_dir(".", false);
  char dir[PATH_MAX];
  int n = snprintf(dir, sizeof dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
  if (n >= (int)sizeof dir) return -ENAMETOOLONG;
  return duet_fs_open_dir(dir, create);
}

int duet_fs_open(const char *path, int flags, mode_t mode) {
  char name[DUET_NAME_MAX + 1];
  int dir = duet_fs_open_parent(path, false, name);
  if (dir < 0) return dir;
  if (root_of(path) > 0) flags |= O_NOFOLLOW;
  int fd = openat(dir, name, flags | O_CLOEXEC, mode);
  int err = errno;
  struct stat st;
  bool link = fd < 0 && (flags & O_NOFOLLOW) && fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
  if (link) err = ELOOP; /* O_NOFOLLOW's own errno for a link varies */
  close(dir);
  return fd < 0 ? -err : fd;
}

const char *duet_fs_strerror(int rc) {
  if (rc == -ELOOP) return "a symbolic link where duet writes or reads its own files (refused)";
  if (rc == -DUET_ENOTREG) return "not a regular file (a FIFO, device or socket is never read)";
  if (rc == -EXDEV) return "the path leaves its root through '..' (refused)";
  return strerror(rc < 0 ? -rc : rc);
}

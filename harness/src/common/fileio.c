#define _GNU_SOURCE /* O_NOFOLLOW, renameat, linkat */
#include "duet/fileio.h"

#include "duet/confine.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sha1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

int duet_read_file(const char *path, size_t limit, uint8_t **data, size_t *size) {
  *data = NULL;
  *size = 0;
  /* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused
     below, as any file that is not regular); reads of a regular file ignore it. */
  int fd = duet_fs_open(path, O_RDONLY | O_NONBLOCK, 0);
  if (fd < 0) return fd;
  struct stat st;
  int err = 0;
  if (fstat(fd, &st) != 0) err = -errno;
  else if (S_ISDIR(st.st_mode)) err = -EISDIR;
  else if (!S_ISREG(st.st_mode)) err = -DUET_ENOTREG;
  else if ((uintmax_t)st.st_size > limit) err = -EFBIG;
  uint8_t *buf = err ? NULL : malloc((size_t)st.st_size + 1);
  if (!err && !buf) err = -ENOMEM;
  size_t got = 0;
  while (!err && got < (size_t)st.st_size) {
    ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) err = n < 0 ? -errno : -EIO; /* shrank while reading */
    else got += (size_t)n;
  }
  close(fd);
  if (err) {
    free(buf);
    return err;
  }
  *data = buf;
  *size = got;
  return 0;
}

static int write_all(int fd, const void *data, size_t size) {
  const uint8_t *p = data;
  while (size) {
    ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -errno;
    p += n;
    size -= (size_t)n;
  }
  return 0;
}

/* A new hidden temporary file beside `name` in `dir`: its fd, name in `tmp`. */
static int open_temp(int dir, const char *name, char tmp[DUET_NAME_MAX + 1]) {
  static unsigned counter;
  for (int tries = 0; tries < 100; tries++) {
    snprintf(tmp, DUET_NAME_MAX + 1, ".%.200s.tmp.%ld.%u", name, (long)getpid(), counter++);
    int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST) return fd < 0 ? -errno : fd;
  }
  return -EEXIST;
}

/* Writes data to a temporary file in `dir`, then gives it `name`: by
   rename (replacing) or, when `exclusive`, by link (-EEXIST if taken). */
static int write_in(int dir, const char *name, const void *data, size_t size, bool exclusive) {
  char tmp[DUET_NAME_MAX + 1];
  int fd = open_temp(dir, name, tmp);
  if (fd < 0) return fd;
  int err = write_all(fd, data, size);
  if (!err && fchmod(fd, 0644) != 0) err = -errno;
  if (!err && fsync(fd) != 0) err = -errno;
  if (close(fd) != 0 && !err) err = -errno;
  if (!err && (exclusive ? linkat(dir, tmp, dir, name, 0) : renameat(dir, tmp, dir, name)) != 0) err = -errno;
  if (err || exclusive) unlinkat(dir, tmp, 0);
  return err;
}

static int write_path(const char *path, const void *data, size_t size, bool exclusive) {
  char name[DUET_NAME_MAX + 1];
  int dir = duet_fs_open_parent(path, false, name);
  if (dir < 0) return dir;
  int err = write_in(dir, name, data, size, exclusive);
  close(dir);
  return err;
}

int duet_write_atomic(const char *path, const void *data, size_t size) { return write_path(path, data, size, false); }

int duet_write_new(const char *path, const void *data, size_t size) { return write_path(path, data, size, true); }

void duet_sha1_hex(const uint8_t *data, size_t size, char hex[41]) {
  char *digest = SHA1Data(data, size, hex);
  if (!digest) hex[0] = '\0';
}

int duet_make_dirs_plain(const char *path) {
  char buf[PATH_MAX];
  if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) return -ENAMETOOLONG;
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -errno;
    *p = '/';
  }
  if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -errno;
  struct stat st;
  if (stat(buf, &st) != 0) return -errno;
  return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

int duet_make_dirs(const char *path) {
  int fd = duet_fs_open_dir(path, true);
  if (fd < 0) return fd;
  close(fd);
  return 0;
}

int duet_check_writable_dir(const char *dir) {
  int fd = duet_fs_open_dir(dir, true);
  if (fd < 0) return fd;
  uint8_t *block = calloc(1, DUET_WRITE_PROBE_BYTES);
  char tmp[DUET_NAME_MAX + 1];
  int probe = block ? open_temp(fd, "write-probe", tmp) : -ENOMEM;
  int err = probe < 0 ? probe : write_all(probe, block, DUET_WRITE_PROBE_BYTES);
  if (probe >= 0 && !err && fsync(probe) != 0) err = -errno;
  if (probe >= 0) {
    close(probe);
    unlinkat(fd, tmp, 0);
  }
  free(block);
  close(fd);
  return err;
}

long long duet_free_bytes(const char *path) {
  struct statvfs fs;
  if (statvfs(path, &fs) != 0) return -errno;
  return (long long)fs.f_bavail * (long long)fs.f_frsize;
}

static int visible(const struct dirent *d) { return d->d_name[0] != '.'; }
static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static long list_of_type(const char *dir, mode_t type, char ***paths) {
  struct dirent **names;
  *paths = NULL;
  int fd = duet_fs_open_dir(dir, false);
  if (fd < 0) return fd;
  int n = scandirat(fd, ".", &names, visible, by_name);
  if (n < 0) {
    int err = -errno;
    close(fd);
    return err;
  }
  char **out = calloc((size_t)n + 1, sizeof *out);
  long count = 0;
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX];
    struct stat st; /* a link is neither: never followed */
    if (out && snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name) < (int)sizeof path &&
        fstatat(fd, names[i]->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && (st.st_mode & S_IFMT) == type)
      out[count++] = strdup(path);
    free(names[i]);
  }
  free(names);
  close(fd);
  if (!out) return -ENOMEM;
  *paths = out;
  return count;
}

long duet_list_files(const char *dir, char ***paths) { return list_of_type(dir, S_IFREG, paths); }

long duet_list_entries(const char *dir, char ***paths) { return list_of_type(dir, S_IFDIR, paths); }

void duet_paths_free(char **paths) {
  for (size_t i = 0; paths && paths[i]; i++) free(paths[i]);
  free(paths);
}

int duet_temp_name(char *out, size_t cap, const char *stem) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !dir[0]) dir = "/tmp";
  return snprintf(out, cap, "%s/%s-XXXXXX", dir, stem) < (int)cap ? 0 : -ENAMETOOLONG;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  return type == FTW_DP ? rmdir(path) : unlink(path);
}

int duet_remove_tree(const char *dir) {
  return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 || errno == ENOENT ? 0 : -errno;
}

#define _POSIX_C_SOURCE 200809L
#include "duet/fileio.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sha1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int duet_read_file(const char *path, size_t limit, uint8_t **data, size_t *size) {
  *data = NULL;
  *size = 0;
  /* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused
     below, as any file that is not regular); reads of a regular file ignore it. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -errno;
  struct stat st;
  int err = 0;
  if (fstat(fd, &st) != 0) err = -errno;
  else if (S_ISDIR(st.st_mode)) err = -EISDIR;
  else if (!S_ISREG(st.st_mode)) err = -EINVAL;
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

int duet_write_atomic(const char *path, const void *data, size_t size) {
  char tmp[PATH_MAX];
  if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) return -ENAMETOOLONG;
  int fd = mkstemp(tmp);
  if (fd < 0) return -errno;
  int err = write_all(fd, data, size);
  if (!err && fchmod(fd, 0644) != 0) err = -errno;
  if (!err && fsync(fd) != 0) err = -errno;
  if (close(fd) != 0 && !err) err = -errno;
  if (!err && rename(tmp, path) != 0) err = -errno;
  if (err) unlink(tmp);
  return err;
}

void duet_sha1_hex(const uint8_t *data, size_t size, char hex[41]) {
  char *digest = SHA1Data(data, size, hex);
  if (!digest) hex[0] = '\0';
}

int duet_make_dirs(const char *path) {
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

int duet_check_writable_dir(const char *dir) {
  int err = duet_make_dirs(dir);
  if (err) return err;
  char probe[PATH_MAX];
  if (snprintf(probe, sizeof probe, "%s/.duet-write-probe.XXXXXX", dir) >= (int)sizeof probe) return -ENAMETOOLONG;
  int fd = mkstemp(probe);
  if (fd < 0) return -errno;
  close(fd);
  unlink(probe);
  return 0;
}

static int visible(const struct dirent *d) { return d->d_name[0] != '.'; }
static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static long list_of_type(const char *dir, mode_t type, char ***paths) {
  struct dirent **names;
  int n = scandir(dir, &names, visible, by_name);
  *paths = NULL;
  if (n < 0) return -errno;
  char **out = calloc((size_t)n + 1, sizeof *out);
  long count = 0;
  for (int i = 0; i < n; i++) {
    char path[PATH_MAX];
    struct stat st;
    if (out && snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name) < (int)sizeof path && stat(path, &st) == 0 &&
        (st.st_mode & S_IFMT) == type)
      out[count++] = strdup(path);
    free(names[i]);
  }
  free(names);
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

/* Confined files (duet/confine.h): beneath a root nothing follows a link or
   leaves through "..", while a root that is itself a link, and paths beneath
   no root, are taken as given. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "duet/confine.h"
#include "duet/fileio.h"

static char base[PATH_MAX];

static const char *at(const char *rel) {
  static char path[4][PATH_MAX];
  static int next;
  char *p = path[next++ % 4];
  snprintf(p, PATH_MAX, "%s/%s", base, rel);
  return p;
}

int main(void) {
  snprintf(base, sizeof base, "%s/duet-confine-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  CHECK(mkdtemp(base) != NULL);
  CHECK_EQ_INT(duet_make_dirs(at("outside")), 0);
  CHECK_EQ_INT(duet_make_dirs(at("real-root")), 0);
  CHECK_EQ_INT(symlink(at("real-root"), at("root")), 0); /* the root itself may be a link */
  CHECK_EQ_INT(duet_fs_confine(at("root")), 0);

  CHECK_EQ_INT(duet_make_dirs(at("root/findings/t")), 0);
  CHECK_EQ_INT(duet_write_atomic(at("root/findings/t/a"), "x", 1), 0);
  CHECK_EQ_INT(symlink(at("outside"), at("root/findings/link")), 0);
  CHECK_EQ_INT(duet_make_dirs(at("root/findings/link/sig")), -ELOOP);
  CHECK_EQ_INT(duet_write_atomic(at("root/findings/link/b"), "x", 1), -ELOOP);
  CHECK_EQ_INT(symlink(at("outside/secret"), at("root/findings/t/file-link")), 0);
  CHECK_EQ_INT(duet_write_atomic(at("outside/secret"), "s", 1), 0); /* beneath no root: as given */
  uint8_t *data;
  size_t size;
  CHECK_EQ_INT(duet_read_file(at("root/findings/t/file-link"), 16, &data, &size), -ELOOP);
  CHECK_EQ_INT(duet_read_file(at("root/findings/../../outside/secret"), 16, &data, &size), -EXDEV);
  CHECK_EQ_INT(duet_write_new(at("root/findings/t/a"), "y", 1), -EEXIST); /* first writer wins */
  CHECK_EQ_INT(duet_read_file(at("root/findings/t/a"), 16, &data, &size), 0);
  CHECK_EQ_INT((int)size, 1);
  CHECK(data[0] == 'x');
  free(data);
  char **files;
  CHECK_EQ_INT((int)duet_list_files(at("root/findings/t"), &files), 1); /* the link is not listed */
  duet_paths_free(files);
  struct stat st;
  CHECK(stat(at("outside/sig"), &st) != 0 && stat(at("outside/b"), &st) != 0); /* nothing escaped */
  CHECK_EQ_INT(duet_remove_tree(base), 0);
  CHECK_DONE();
}

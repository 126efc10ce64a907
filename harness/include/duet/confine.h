/*
 * Confinement of duet's own files. The folders duet writes (reports/, the
 * findings store, corpora/, a run folder) are registered as roots; every
 * path beneath a root is then opened one component at a time from the
 * root's folder, never following a symbolic link and never leaving through
 * "..". A root itself may be a link: it is the user's choice. Paths beneath
 * no root (a file named on the command line) are opened as given.
 */
#ifndef DUET_CONFINE_H
#define DUET_CONFINE_H

#include <stdbool.h>
#include <sys/types.h>

/* A file name's longest length (NAME_MAX on Linux). */
#define DUET_NAME_MAX 255

/* Registers `root` (as given, and resolved when it exists). 0 or -errno. */
int duet_fs_confine(const char *root);

/* Opens folder `path` (created with its parents when `create`). fd or -errno:
   -ELOOP for a link beneath a root, -EXDEV for a ".." beneath a root. */
int duet_fs_open_dir(const char *path, bool create);
/* Opens the folder holding `path` and copies its last component to `name`. */
int duet_fs_open_parent(const char *path, bool create, char name[DUET_NAME_MAX + 1]);
/* open(2) of `path` with O_CLOEXEC, and O_NOFOLLOW beneath a root. fd or -errno. */
int duet_fs_open(const char *path, int flags, mode_t mode);

/* strerror, with the refusals above explained. */
const char *duet_fs_strerror(int rc);

/* mkdir -p without confinement (the roots themselves). 0 or -errno. */
int duet_make_dirs_plain(const char *path);

#endif /* DUET_CONFINE_H */

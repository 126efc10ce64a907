/* File helpers with the error handling the CLI needs: bounded reads, atomic writes. */
#ifndef DUET_FILEIO_H
#define DUET_FILEIO_H

#include <stddef.h>
#include <stdint.h>

/* Not an errno of the system: a file that is not a regular file. */
#define DUET_ENOTREG 4095

/*
 * Reads the whole regular file `path`, at most `limit` bytes. On success
 * returns 0 and *data (malloc'd, caller frees; non-NULL even when empty,
 * with one spare byte past *size so text can be NUL-terminated) and *size.
 * On failure returns -errno (-EFBIG when larger than limit, -EISDIR for a
 * folder, -DUET_ENOTREG for a FIFO, device or socket, never waited on) and
 * leaves *data NULL. duet_fs_strerror (duet/confine.h) explains each.
 */
int duet_read_file(const char *path, size_t limit, uint8_t **data, size_t *size);

/*
 * Writes data to `path` atomically: a temporary file in the same folder,
 * fsync, then rename over `path`. A crash or kill leaves either the old file
 * or the new one, never half of either. Returns 0 or -errno.
 */
int duet_write_atomic(const char *path, const void *data, size_t size);

/* The same, but only when `path` does not exist yet (-EEXIST otherwise):
   the file is complete when it appears, and whoever writes first wins. */
int duet_write_new(const char *path, const void *data, size_t size);

/* Lower-case hex SHA-1 of data into hex[41]. */
void duet_sha1_hex(const uint8_t *data, size_t size, char hex[41]);

/* "$TMPDIR/<stem>-XXXXXX" (TMPDIR unset: /tmp) into out, a template for
   mkstemp/mkdtemp. `duet fuzz` points TMPDIR into its run folder, so nothing
   temporary is left outside it. Returns 0 or -ENAMETOOLONG. */
int duet_temp_name(char *out, size_t cap, const char *stem);

/* mkdir -p; returns 0 or -errno. */
int duet_make_dirs(const char *path);

/* Bytes duet_check_writable_dir writes: a run needs at least this much room. */
#define DUET_WRITE_PROBE_BYTES (1u << 20)

/* 0 when `dir` exists (or can be created) and DUET_WRITE_PROBE_BYTES can be
   written and synced in it; -errno otherwise (-ENOSPC on a full disk,
   -EROFS/-EACCES when read-only). Leaves nothing behind. */
int duet_check_writable_dir(const char *dir);

/* Paths beneath a root registered with duet_fs_confine (duet/confine.h) are
   read, written and listed without following links. */

/* Bytes an unprivileged writer may still use on the file system of `path`,
   or -errno. */
long long duet_free_bytes(const char *path);

/*
 * The regular files in `dir` whose names do not start with '.', sorted by
 * name (links are skipped), as malloc'd "dir/name" paths in a NULL-terminated malloc'd array
 * (free with duet_paths_free). Returns the count, or -errno.
 */
long duet_list_files(const char *dir, char ***paths);
/* The same for the sub-folders of `dir`. */
long duet_list_entries(const char *dir, char ***paths);
void duet_paths_free(char **paths);

/* Removes `dir` and everything under it, never following a symbolic link. */
int duet_remove_tree(const char *dir);

#endif /* DUET_FILEIO_H */

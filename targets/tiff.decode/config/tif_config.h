/* libtiff's private build configuration for duet (what its configure writes
   on Debian 12 amd64, glibc, x86_64); the feature set is in tiffconf.h. */
#ifndef DUET_TIF_CONFIG_H
#define DUET_TIF_CONFIG_H
#include "tiffconf.h"

#define HAVE_ASSERT_H 1
#define HAVE_FCNTL_H 1
#define HAVE_FSEEKO 1
#define HAVE_MMAP 1
#define HAVE_SNPRINTF 1
#define HAVE_STRINGS_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1

#define PACKAGE "tiff"
#define PACKAGE_NAME "LibTIFF Software"
#define PACKAGE_VERSION "4.5.0"
#define VERSION "4.5.0"

#define SIZEOF_SIZE_T 8
/* configure's defaults (--with-default-strip-size, --with-max-dir-count) */
#define STRIP_SIZE_DEFAULT 8192
#define TIFF_MAX_DIR_COUNT 1048576

#define TIFF_SIZE_FORMAT "zu"
#define TIFF_SSIZE_FORMAT PRId64
#endif

#include "duet/seedkit.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const char *duet_seed_dir(int argc, char **argv) {
  if (argc == 2) return argv[1];
  fprintf(stderr, "usage: %s OUTDIR\n", argc > 0 ? argv[0] : "seeds");
  return NULL;
}

int duet_seed_write(const char *dir, const char *name, const void *bytes, size_t size) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  bool written = f && fwrite(bytes, 1, size, f) == size;
  if (f && fclose(f) != 0) written = false;
  if (!written) fprintf(stderr, "seeds: cannot write %s\n", path);
  return written ? 0 : -1;
}

int duet_seed_writef(const char *dir, const void *bytes, size_t size, const char *name_format, ...) {
  char name[1024];
  va_list ap;
  va_start(ap, name_format);
  vsnprintf(name, sizeof name, name_format, ap);
  va_end(ap);
  return duet_seed_write(dir, name, bytes, size);
}

int duet_seed_write_all(const char *dir, const struct duet_seed *seeds, size_t count, const char *extension) {
  for (size_t i = 0; i < count; i++)
    if (duet_seed_writef(dir, seeds[i].bytes, seeds[i].size, "%s%s", seeds[i].name, extension) != 0) return -1;
  return 0;
}

int duet_seed_write_texts(const char *dir, const char *const *texts, size_t count, const char *name_format) {
  for (size_t i = 0; i < count; i++) {
    char name[1024];
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wformat-nonliteral"
    snprintf(name, sizeof name, name_format, i);
#pragma clang diagnostic pop
    if (duet_seed_write(dir, name, texts[i], strlen(texts[i])) != 0) return -1;
  }
  return 0;
}

/*
 * Helpers for the seed-corpus generators (targets/<name>/seeds.c), linked
 * into each by duet_add_pair: one command line, one way to write a file, one
 * error message. Seeds are made at build time, never downloaded.
 */
#ifndef DUET_SEEDKIT_H
#define DUET_SEEDKIT_H

#include <stddef.h>

/* A seed given as bytes in the source. */
struct duet_seed {
  const char *name;            /* file name without extension */
  const unsigned char *bytes;  /* static storage */
  size_t size;
};

/* DUET_SEED("name", 0x01, 0x02, ...) */
#define DUET_SEED(name, ...) \
  {name, (const unsigned char[]){__VA_ARGS__}, sizeof((const unsigned char[]){__VA_ARGS__})}

/* The output folder (the only argument), or NULL after printing the usage. */
const char *duet_seed_dir(int argc, char **argv);

/* Writes DIR/NAME; on failure prints which file and returns -1, else 0. */
int duet_seed_write(const char *dir, const char *name, const void *bytes, size_t size);

/* Writes DIR/NAME for a printf-style NAME ("seed-%03d.zz"). */
int duet_seed_writef(const char *dir, const void *bytes, size_t size, const char *name_format, ...)
    __attribute__((format(printf, 4, 5)));

/* Writes every seed as DIR/<name><extension>; 0 or -1 at the first failure. */
int duet_seed_write_all(const char *dir, const struct duet_seed *seeds, size_t count, const char *extension);

/* Writes text i as DIR/<name_format with i> ("seed-%03zu.xml"), without its NUL. */
int duet_seed_write_texts(const char *dir, const char *const *texts, size_t count, const char *name_format);

#endif /* DUET_SEEDKIT_H */

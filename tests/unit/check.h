/* Tiny assertion helpers for the unit tests: print both values, count failures. */
#ifndef DUET_TEST_CHECK_H
#define DUET_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures, check_count;

#define CHECK(cond)                                                            \
  do {                                                                         \
    check_count++;                                                             \
    if (!(cond)) {                                                             \
      check_failures++;                                                        \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
  do {                                                                                             \
    long long check_a = (long long)(a), check_b = (long long)(b);                                  \
    check_count++;                                                                                 \
    if (check_a != check_b) {                                                                      \
      check_failures++;                                                                            \
      fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, check_a, \
              check_b);                                                                            \
    }                                                                                              \
  } while (0)

#define CHECK_EQ_STR(a, b)                                                                           \
  do {                                                                                               \
    const char *check_a = (a), *check_b = (b);                                                       \
    check_count++;                                                                                   \
    if (!check_a || !check_b || strcmp(check_a, check_b) != 0) {                                     \
      check_failures++;                                                                              \
      fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a, #b,       \
              check_a ? check_a : "(null)", check_b ? check_b : "(null)");                           \
    }                                                                                                \
  } while (0)

/* Ends main: prints the tally, exit status 1 on any failure. */
#define CHECK_DONE()                                                          \
  do {                                                                        \
    printf("%d checks, %d failed\n", check_count, check_failures);            \
    return check_failures ? 1 : 0;                                            \
  } while (0)

#endif

/* The drop-in identity guard on synthetic sides: shared entry points are
   refused with both sides and the symbol named; distinct ones pass; sides
   without a descriptor are not checked. */
#include <string.h>

#include "check.h"
#include "duet/dropin.h"

static void entry_a(void) {}
static void entry_b(void) {}
static void entry_c(void) {}
static int run_none(const uint8_t *input, size_t size, struct duet_sink *out) {
  (void)input;
  (void)size;
  (void)out;
  return DUET_REJECT;
}

static const struct duet_dropin_symbol lib_one[] = {{"Api", "Api", entry_a}, {"ApiTwo", "ApiTwo", entry_b}};
static const struct duet_dropin_symbol lib_two[] = {{"Api", "rs_Api", entry_c}};
/* A renamed side whose second entry point still reaches library one's code. */
static const struct duet_dropin_symbol half_renamed[] = {{"Api", "rs_Api", entry_c}, {"ApiTwo", "ApiTwo", entry_b}};
static const struct duet_dropin_symbol with_null[] = {{"Api", "Api", NULL}};

static const struct duet_dropin one = {.header = "api.h", .symbols = lib_one, .symbol_count = 2};
static const struct duet_dropin two = {.header = "api.h", .symbols = lib_two, .symbol_count = 1};
static const struct duet_dropin half = {.header = "api.h", .symbols = half_renamed, .symbol_count = 2};
static const struct duet_dropin nulls = {.header = "api.h", .symbols = with_null, .symbol_count = 1};
static const struct duet_dropin empty = {.header = "api.h", .symbols = lib_one, .symbol_count = 0};

#define SIDE(var, side_name, desc) \
  static const struct duet_impl var = {.name = side_name, .library = "lib", .version = "1", .api = "-", .run = run_none, .dropin = desc}
SIDE(c_one, "c", &one);
SIDE(rust_one, "rust", &one);
SIDE(rust_two, "rust", &two);
SIDE(rust_half, "rust", &half);
SIDE(rust_nulls, "rust", &nulls);
SIDE(rust_empty, "rust", &empty);
SIDE(plain_c, "c", NULL);
SIDE(plain_rust, "rust", NULL);

static int check_target(const struct duet_impl *reference, const struct duet_impl *candidate, char *why, size_t size) {
  const struct duet_impl *candidates[] = {candidate, NULL};
  struct duet_target t = {.name = "t", .reference = reference, .candidates = candidates};
  return duet_dropin_check(&t, why, size);
}

int main(void) {
  char why[1024];
  CHECK_EQ_INT(check_target(&c_one, &rust_two, why, sizeof why), 0);
  CHECK_EQ_STR(why, "");
  CHECK_EQ_INT(check_target(&plain_c, &plain_rust, why, sizeof why), 0);
  CHECK_EQ_INT(check_target(&c_one, &plain_rust, why, sizeof why), 0); /* one drop-in side: nothing to compare */

  /* The same library twice: refused, naming both sides and the entry point. */
  CHECK_EQ_INT(check_target(&c_one, &rust_one, why, sizeof why), -1);
  CHECK(strstr(why, "'c'") && strstr(why, "'rust'"));
  CHECK(strstr(why, "resolve Api (linked as Api)") != NULL);
  CHECK(strstr(why, "same code") != NULL);
  /* Renamed, but one entry point still shared: refused on that one. */
  CHECK_EQ_INT(check_target(&c_one, &rust_half, why, sizeof why), -1);
  CHECK(strstr(why, "ApiTwo") != NULL);
  /* A descriptor that proves nothing is refused too. */
  CHECK_EQ_INT(check_target(&c_one, &rust_nulls, why, sizeof why), -1);
  CHECK(strstr(why, "NULL") != NULL);
  CHECK_EQ_INT(check_target(&c_one, &rust_empty, why, sizeof why), -1);
  CHECK(strstr(why, "no entry point") != NULL);
  /* A short buffer still gets a NUL-terminated message. */
  char tiny[8];
  CHECK_EQ_INT(check_target(&c_one, &rust_one, tiny, sizeof tiny), -1);
  CHECK_EQ_INT(strlen(tiny), 7);
  CHECK_DONE();
}

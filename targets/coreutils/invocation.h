/*
 * A program pair's input, decoded: the invocation of one utility.
 *
 *   UTILITY \n ARG \n ARG \n ... \n \n STDIN [\0 FILE-a [\0 FILE-b]]
 *
 * The first line names the utility (utilities.def), each next line is one
 * argument (at most DUET_CU_MAX_ARGS), an empty line ends them; the rest is
 * stdin, then the contents of the run's files `a` and `b` after NUL bytes.
 * An input that does not decode, names a utility not in the table, or has an
 * argument that could reach outside the run's private directory (a `/`
 * anywhere, `.` or `..`) is not an invocation: nothing runs.
 */
#ifndef DUET_CU_INVOCATION_H
#define DUET_CU_INVOCATION_H

#include <stddef.h>
#include <stdint.h>

enum { DUET_CU_MAX_ARGS = 16, DUET_CU_MAX_ARG = 256 };

struct duet_cu_invocation {
  const char *utility;                          /* static, from the table */
  size_t argc;                                  /* arguments after the utility */
  char args[DUET_CU_MAX_ARGS][DUET_CU_MAX_ARG]; /* NUL-terminated copies */
  const uint8_t *stdin_bytes, *file_a, *file_b; /* views into the input */
  size_t stdin_len, file_a_len, file_b_len;
};

/* The utilities of utilities.def, in table order, NULL-terminated. */
extern const char *const duet_cu_utilities[];

/*
 * Decodes input[0..size) into *inv (views borrow the input). Returns NULL, or
 * a short input-independent reason why it is not an invocation.
 */
const char *duet_cu_decode(const uint8_t *input, size_t size, struct duet_cu_invocation *inv);

/* Whether some argument is not UTF-8: one cause of its own for signatures
   (uutils reads arguments as UTF-8 strings, GNU as bytes), whatever the
   options around it. */
int duet_cu_non_utf8_argument(const struct duet_cu_invocation *inv);

/* The option set of an invocation for signatures: "-k -t --reverse", sorted,
   deduplicated, values dropped; written into out[0..cap). */
void duet_cu_option_set(const struct duet_cu_invocation *inv, char *out, size_t cap);

#endif

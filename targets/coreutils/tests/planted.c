/*
 * The planted divergence of the coreutils pair's tests: a stand-in for the
 * uutils multicall binary (run as `planted UTILITY ARG...`) that runs the GNU
 * program of the same name, except that `sort` ignores the option `-r`. The
 * pair's test replaces the Rust side with it (DUET_COREUTILS_UUTILS) and
 * checks that a campaign finds and minimises that one divergence.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef DUET_PLANTED_GNU_DIR
#error "DUET_PLANTED_GNU_DIR must name GNU coreutils' src folder"
#endif

int main(int argc, char **argv) {
  if (argc < 2 || strchr(argv[1], '/')) {
    fprintf(stderr, "usage: planted UTILITY [ARG]...\n");
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", DUET_PLANTED_GNU_DIR, argv[1]);
  char *args[64];
  int n = 0;
  for (int i = 1; i < argc && n < 63; i++)
    if (!(strcmp(argv[1], "sort") == 0 && strcmp(argv[i], "-r") == 0)) args[n++] = argv[i];
  args[n] = NULL;
  execv(path, args);
  perror(path);
  return 127;
}

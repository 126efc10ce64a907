#include "duet/sanitizer_hooks.h"

#include <stdio.h>
#include <unistd.h>

#include "duet/differential.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DUET_HAVE_SANITIZER 1
#endif
#endif

#ifdef DUET_HAVE_SANITIZER
#include <sanitizer/common_interface_defs.h>

/* Runs inside a dying process: write(2) only, no stdio locks. */
static void report_running_side(void) {
  const char *side = duet_running_side;
  const char *name = side ? side : "harness";
  char line[96];
  int n = snprintf(line, sizeof line, "DUET-SIDE %s\n", name);
  if (n > 0) (void)!write(STDERR_FILENO, line, (size_t)n);
}

void duet_install_death_callback(void) { __sanitizer_set_death_callback(report_running_side); }
#else
void duet_install_death_callback(void) {}
#endif

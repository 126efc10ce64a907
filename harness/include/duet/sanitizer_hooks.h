/* Attribution of sanitizer deaths to the side that was running. */
#ifndef DUET_SANITIZER_HOOKS_H
#define DUET_SANITIZER_HOOKS_H

/*
 * Registers a sanitizer death callback that prints "DUET-SIDE <name>" (the
 * side in duet_running_side) to stderr before the process dies. A no-op in
 * builds without sanitizers.
 */
void duet_install_death_callback(void);

#endif /* DUET_SANITIZER_HOOKS_H */

/* Attribution of sanitizer deaths to the side that was running, and the
   capture of recoverable sanitizer reports in campaigns. */
#ifndef DUET_SANITIZER_HOOKS_H
#define DUET_SANITIZER_HOOKS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Registers a sanitizer death callback that prints "DUET-SIDE <name>" (the
 * side in duet_running_side) to stderr before the process dies, after any
 * captured report not yet taken. A no-op in builds without sanitizers.
 */
void duet_install_death_callback(void);

/*
 * Campaign builds are compiled with -fsanitize-recover=address,undefined and
 * campaigns run with halt_on_error=0, so a report does not end the process.
 * From this call on, each ASan report (its error-report callback) and each
 * UBSan report (its __ubsan_on_report hook, with a stack symbolized here) is
 * also kept in memory, and duet_report_take() hands over what was reported
 * since its last call. Reports still go to stderr as usual. Returns false
 * without sanitizers.
 */
bool duet_report_capture_start(void);

/*
 * The sanitizer reports made since the last call, NUL-terminated, at most
 * DUET_REPORT_CAPTURE_MAX bytes (the rest is dropped); NULL when none (or
 * capture is off). Caller frees.
 */
char *duet_report_take(void);

enum { DUET_REPORT_CAPTURE_MAX = 64 * 1024 };

/*
 * A sanitizer report made by a child process of the running side (program
 * pairs spawn their programs: GNU's sanitizers report in the child's stderr).
 * While capturing, it is kept as if reported in this process, so the side
 * that ran gets the finding; otherwise it is written to stderr with a
 * "DUET-SIDE <running side>" line and the process exits with status 1, as
 * an in-process report would end it (halt_on_error=1).
 */
void duet_report_child(const char *text, size_t len);

#endif /* DUET_SANITIZER_HOOKS_H */

/*
 * Nothing outlives duet. duet holds the write end of a pipe that every process
 * it starts inherits the read end of (fd DUET_LIFELINE_FD, named in the
 * environment). When duet ends, however it ends (SIGKILL included), the pipe
 * reads end-of-file: the libFuzzer processes (parent and fork-mode jobs,
 * which libFuzzer starts through a shell) watch it from a thread and kill
 * themselves; `duet exec` children also die with their parent
 * (PR_SET_PDEATHSIG).
 */
#ifndef DUET_LIFELINE_H
#define DUET_LIFELINE_H

enum { DUET_LIFELINE_FD = 197 };

/* In duet: opens the lifeline for the processes it will start. Returns 0 or
   -errno. Idempotent. */
int duet_lifeline_open(void);

/* In a child that may outlive duet (the fuzz drivers): when the environment
   names a lifeline, a thread kills this process once it breaks. */
void duet_lifeline_watch(void);

/* In a direct child of duet (`duet exec`): die with the parent. */
void duet_lifeline_die_with_parent(void);

/* In a `duet fuzz` that `duet campaign` started (DUET_CAMPAIGN_PID in the
   environment): a SIGTERM when the campaign dies, so it stops as after
   Ctrl-C (its report says interrupted) and takes its own processes along. */
void duet_lifeline_stop_with_parent(void);

#endif /* DUET_LIFELINE_H */

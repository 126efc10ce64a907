/*
 * When to stop: the first SIGINT or SIGTERM, or a wall-clock deadline. Every
 * long loop (the campaign's wait, triage, the waits on child processes) asks
 * duet_stop_now() and winds down, so a stop takes seconds and loses nothing
 * already saved.
 */
#ifndef DUET_STOP_H
#define DUET_STOP_H

#include <stdbool.h>

/* Catches SIGINT and SIGTERM from now on (the second one of either kills
   at once, as without duet). Idempotent. */
void duet_stop_install(void);

/* The signal that asked for the stop (SIGINT, SIGTERM), or 0. */
int duet_stop_signal(void);

/* Seconds on the monotonic clock (CLOCK_MONOTONIC). */
double duet_now(void);

/* Sets the deadline (duet_now() seconds); 0 removes it. */
void duet_stop_set_deadline(double when);

/* A stop signal arrived or the deadline has passed. */
bool duet_stop_now(void);

#endif /* DUET_STOP_H */

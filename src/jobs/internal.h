/*
 * What the two halves of the job queue share: queue.c (rows: enqueue,
 * cancel, admin, purge) and runtime.c (workers and scheduling). Not for
 * use outside src/jobs/.
 */
#ifndef PARLEY_JOBS_INTERNAL_H
#define PARLEY_JOBS_INTERNAL_H

#include <stdbool.h>

#include "store/store.h"

/* PostgreSQL channel on which an enqueue wakes the other nodes. */
#define JOBS_CHANNEL "parley_jobs"

/* Attempts a job gets when its spec says 0. */
#define JOBS_DEFAULT_MAX_ATTEMPTS 10

/* A kind is 1-64 characters of [a-z0-9._:-]: names chosen in code, safe
 * to write into SQL as literals and into metrics as label values. */
bool jobs_kind_is_valid(const char *kind);

/* Wake the idle workers of every runtime running on store s. Safe to call
 * from any thread, with or without runtimes. */
void jobs_wake_store(struct store *s);

#endif

/*
 * Allocation helpers that never return NULL.
 *
 * A server that runs out of memory cannot answer correctly anyway, so these
 * wrappers log and abort instead of making every caller handle a NULL that
 * cannot be acted on. Everything else in Parley allocates through them.
 */
#ifndef PARLEY_BASE_MEM_H
#define PARLEY_BASE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* printf into a fresh string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

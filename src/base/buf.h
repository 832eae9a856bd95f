/*
 * A growable byte buffer, always NUL-terminated so that text built in it
 * can be used as a C string. Used for response bodies, SQL and log lines.
 */
#ifndef PARLEY_BASE_BUF_H
#define PARLEY_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len; /* bytes used, not counting the terminator */
    size_t cap; /* bytes allocated */
};

/* clang-format off */
#define BUF_INIT {NULL, 0, 0}
/* clang-format on */

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Forget the contents but keep the memory for reuse. */
void buf_reset(struct buf *b);

/* Hand the memory to the caller (who frees it) and leave b empty. Never
 * returns NULL: an empty buffer yields "". */
char *buf_steal(struct buf *b);

void buf_free(struct buf *b);

#endif

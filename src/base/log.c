/*
 * logfmt logging to stderr; see log.h.
 *
 * Each line is formatted into a local buffer and written with one write(2)
 * so lines from different threads never interleave.
 */
#include "base/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"

static _Atomic int current_level = LOG_INFO;
static atomic_ulong errors_logged;

static const char *const level_names[] = {"error", "warn", "info", "debug"};

void log_set_level(enum log_level level)
{
    current_level = level;
}

enum log_level log_get_level(void)
{
    return current_level;
}

int log_parse_level(const char *name, enum log_level *out)
{
    for (int i = LOG_ERROR; i <= LOG_DEBUG; i++) {
        if (strcmp(name, level_names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

unsigned long log_error_count(void)
{
    return errors_logged;
}

void log_write(enum log_level level, const char *file, int line,
               const char *event, const char *fmt, ...)
{
    char text[2048];
    char ts[32];
    size_t n;
    va_list ap;

    if (level == LOG_ERROR)
        errors_logged++;
    if ((int)level > current_level)
        return;

    clock_format_iso(clock_now_ms(), ts, sizeof ts);
    n = (size_t)snprintf(text, sizeof text, "ts=%s level=%s pid=%d event=%s",
                         ts, level_names[level], (int)getpid(), event);
    if (n < sizeof text && fmt[0]) {
        text[n++] = ' ';
        va_start(ap, fmt);
        int m = vsnprintf(text + n, sizeof text - n, fmt, ap);
        va_end(ap);
        n += m > 0 ? (size_t)m : 0;
    }
    /* Errors name where they come from: they are bugs to find. */
    if (level == LOG_ERROR && n < sizeof text)
        n += (size_t)snprintf(text + n, sizeof text - n, " src=%s:%d", file,
                              line);
    if (n >= sizeof text - 1)
        n = sizeof text - 2;
    text[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, text, n);
    (void)w;
}

const char *log_quote(const char *s, char *out, size_t n)
{
    size_t o = 0;

    if (n < 3) {
        if (n)
            out[0] = '\0';
        return out;
    }
    out[o++] = '"';
    for (; s && *s && o + 3 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            out[o++] = '?';
        } else {
            out[o++] = (char)c;
        }
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

/*
 * Logging to stderr, one logfmt line per event:
 *
 *   ts=2026-12-03T16:30:00.123Z level=info pid=4242 event=http_request \
 *       method=GET path=/healthz status=200
 *
 * The caller names the event and formats the remaining key=value fields.
 * Values that may hold spaces or quotes go through log_quote(). Secrets and
 * message bodies are never passed here.
 */
#ifndef PARLEY_BASE_LOG_H
#define PARLEY_BASE_LOG_H

#include <stddef.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* Parse "error", "warn", "info" or "debug". Returns 0, or -1 if unknown. */
int log_parse_level(const char *name, enum log_level *out);

void log_write(enum log_level level, const char *file, int line,
               const char *event, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define log_error(event, ...)                                                  \
    log_write(LOG_ERROR, __FILE__, __LINE__, event, __VA_ARGS__)
#define log_warn(event, ...)                                                   \
    log_write(LOG_WARN, __FILE__, __LINE__, event, __VA_ARGS__)
#define log_info(event, ...)                                                   \
    log_write(LOG_INFO, __FILE__, __LINE__, event, __VA_ARGS__)
#define log_debug(event, ...)                                                  \
    log_write(LOG_DEBUG, __FILE__, __LINE__, event, __VA_ARGS__)

/*
 * Writes s into out as a logfmt value: quoted, with quotes, backslashes and
 * control characters escaped, cut to fit n bytes. Returns out.
 */
const char *log_quote(const char *s, char *out, size_t n);

/* Count of error-level lines so far; a bug of ours shows up here. */
unsigned long log_error_count(void);

#endif

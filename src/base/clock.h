/*
 * Time in one place. Stored times are UTC milliseconds since the epoch
 * (int64); durations are measured on the monotonic clock.
 */
#ifndef PARLEY_BASE_CLOCK_H
#define PARLEY_BASE_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Wall-clock UTC time in milliseconds. */
int64_t clock_now_ms(void);

/* Monotonic time in microseconds, for measuring durations. */
int64_t clock_mono_us(void);

/* Format ms as "2026-12-03T16:30:00.123Z" into out (at least 25 bytes). */
void clock_format_iso(int64_t ms, char *out, size_t n);

/*
 * Test hook: while offset is non-zero, clock_now_ms() runs that many
 * milliseconds ahead. Lets tests cross expiry times without sleeping.
 */
void clock_set_offset_ms(int64_t offset);

#endif

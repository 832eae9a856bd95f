/*
 * Business hours of an inbox: weekly opening intervals in an IANA time
 * zone, and holidays (local dates when it stays closed). Local time comes
 * from the system tz database, so daylight-saving changes are honoured.
 *
 * The document: {"timezone":"Asia/Seoul",
 *   "weekly":[{"day":"mon","open":"09:00","close":"18:00"}, ...],
 *   "holidays":["2026-12-25"]}
 * An interval may close at "24:00"; one that closes before it opens is
 * refused (write two intervals to span midnight).
 */
#ifndef PARLEY_AUTOMATION_HOURS_H
#define PARLEY_AUTOMATION_HOURS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define BH_MAX_INTERVALS 42
#define BH_MAX_HOLIDAYS  128

struct bh_interval {
    int day;   /* 0 Sunday .. 6 Saturday, local */
    int open;  /* minutes after local midnight, 0..1439 */
    int close; /* minutes after local midnight, open+1..1440 */
};

struct business_hours {
    char tz[64];
    struct bh_interval intervals[BH_MAX_INTERVALS];
    int ninterval;
    char holidays[BH_MAX_HOLIDAYS][11]; /* "YYYY-MM-DD" */
    int nholiday;
};

/* Whether tz names a zone in the system database (e.g. "Europe/Paris";
 * "UTC"). Rejects paths that would leave the zoneinfo directory. */
bool bh_tz_valid(const char *tz);

/*
 * Parse a business-hours document into *out. Returns 0, or -1 with a
 * message for the client in err.
 */
int bh_parse(const json_t *doc, struct business_hours *out, char *err,
             size_t errlen);

/* The document form of bh; caller owns the reference. */
json_t *bh_to_json(const struct business_hours *bh);

/*
 * Convert utc_ms to local broken-down time in tz. POSIX has no per-call
 * time zone, so this switches TZ under a process-wide lock and restores
 * it; other code in Parley works in UTC and does not read TZ. Returns 0,
 * or -1 if the time cannot be converted.
 */
int bh_localtime(const char *tz, int64_t utc_ms, struct tm *out);

/* Whether bh is open at utc_ms (not on a holiday, inside an interval). */
bool bh_is_open(const struct business_hours *bh, int64_t utc_ms);

/*
 * Open time (ms) in [from, to), to the minute. Spans longer than
 * BH_MAX_SPAN_DAYS are cut there.
 */
int64_t bh_open_ms_between(const struct business_hours *bh, int64_t from,
                           int64_t to);

/*
 * The instant when open_ms of open time will have passed after from, to
 * the minute; used for SLA deadlines "in business hours only". Returns
 * -1 if that lies more than BH_MAX_SPAN_DAYS ahead (never open).
 */
int64_t bh_add_open_ms(const struct business_hours *bh, int64_t from,
                       int64_t open_ms);

#define BH_MAX_SPAN_DAYS 60

#endif

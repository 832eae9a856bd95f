/*
 * Business hours; see hours.h. Local time is read with localtime_r()
 * while TZ names the inbox's zone, under one lock, so that the system tz
 * database (with its daylight-saving rules) does the calendar work.
 */
#include "automation/hours.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"

#define MINUTE_MS 60000LL

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const day_names[] = {"sun", "mon", "tue", "wed",
                                        "thu", "fri", "sat"};

bool bh_tz_valid(const char *tz)
{
    char path[160];

    if (!tz || !*tz || strlen(tz) >= 64 || tz[0] == '/' || strstr(tz, ".."))
        return false;
    for (const char *p = tz; *p; p++)
        if (!(*p == '/' || *p == '_' || *p == '-' || *p == '+' ||
              (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9')))
            return false;
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    return access(path, R_OK) == 0;
}

/* Set TZ to tz (the caller holds tz_lock); returns the previous value to
 * give back to tz_leave(), or NULL if TZ was unset. */
static char *tz_enter(const char *tz)
{
    const char *old = getenv("TZ");
    char *saved = old ? xstrdup(old) : NULL;

    setenv("TZ", tz, 1);
    tzset();
    return saved;
}

static void tz_leave(char *saved)
{
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
}

int bh_localtime(const char *tz, int64_t utc_ms, struct tm *out)
{
    time_t t = (time_t)(utc_ms / 1000);
    int rc;

    pthread_mutex_lock(&tz_lock);
    char *saved = tz_enter(tz);
    rc = localtime_r(&t, out) ? 0 : -1;
    tz_leave(saved);
    pthread_mutex_unlock(&tz_lock);
    return rc;
}

/* Parse "HH:MM" (00:00..24:00) into minutes; -1 if malformed. */
static int parse_hhmm(const char *s)
{
    int h, m;
    char tail;

    if (!s || strlen(s) != 5 || sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2)
        return -1;
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

static int parse_day(const char *s)
{
    for (int i = 0; s && i < 7; i++)
        if (!strcmp(s, day_names[i]))
            return i;
    return -1;
}

/* Parse the weekly intervals. */
static int parse_weekly(const json_t *weekly, struct business_hours *out,
                        char *err, size_t errlen)
{
    if (!json_is_array(weekly) || json_array_size(weekly) > BH_MAX_INTERVALS) {
        snprintf(err, errlen, "\"weekly\" must be an array of at most %d",
                 BH_MAX_INTERVALS);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(weekly); i++) {
        const json_t *w = json_array_get(weekly, i);
        struct bh_interval *iv = &out->intervals[out->ninterval];
        iv->day = parse_day(json_string_value(json_object_get(w, "day")));
        iv->open = parse_hhmm(json_string_value(json_object_get(w, "open")));
        iv->close = parse_hhmm(json_string_value(json_object_get(w, "close")));
        if (iv->day < 0 || iv->open < 0 || iv->close <= iv->open) {
            snprintf(err, errlen,
                     "weekly[%zu]: needs day (sun..sat), open and close "
                     "\"HH:MM\" with close after open",
                     i);
            return -1;
        }
        out->ninterval++;
    }
    return 0;
}

static bool valid_date(const char *s)
{
    int y, m, d;
    char tail;

    return s && strlen(s) == 10 &&
           sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1970 &&
           m >= 1 && m <= 12 && d >= 1 && d <= 31 && s[4] == '-' && s[7] == '-';
}

static int parse_holidays(const json_t *list, struct business_hours *out,
                          char *err, size_t errlen)
{
    if (!list)
        return 0;
    if (!json_is_array(list) || json_array_size(list) > BH_MAX_HOLIDAYS) {
        snprintf(err, errlen, "\"holidays\" must be an array of at most %d",
                 BH_MAX_HOLIDAYS);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *s = json_string_value(json_array_get(list, i));
        if (!valid_date(s)) {
            snprintf(err, errlen, "holidays[%zu]: not a YYYY-MM-DD date", i);
            return -1;
        }
        memcpy(out->holidays[out->nholiday++], s, 11);
    }
    return 0;
}

int bh_parse(const json_t *doc, struct business_hours *out, char *err,
             size_t errlen)
{
    const char *tz = json_string_value(json_object_get(doc, "timezone"));

    memset(out, 0, sizeof *out);
    if (!json_is_object(doc)) {
        snprintf(err, errlen, "business hours must be an object");
        return -1;
    }
    if (!bh_tz_valid(tz)) {
        snprintf(err, errlen, "unknown time zone '%s'", tz ? tz : "");
        return -1;
    }
    snprintf(out->tz, sizeof out->tz, "%s", tz);
    if (parse_weekly(json_object_get(doc, "weekly"), out, err, errlen) ||
        parse_holidays(json_object_get(doc, "holidays"), out, err, errlen))
        return -1;
    return 0;
}

json_t *bh_to_json(const struct business_hours *bh)
{
    json_t *weekly = json_array(), *holidays = json_array();

    for (int i = 0; i < bh->ninterval; i++) {
        const struct bh_interval *iv = &bh->intervals[i];
        char open[16], close[16];
        snprintf(open, sizeof open, "%02d:%02d", (iv->open / 60) % 100,
                 iv->open % 60);
        snprintf(close, sizeof close, "%02d:%02d", (iv->close / 60) % 100,
                 iv->close % 60);
        json_array_append_new(weekly, json_pack("{s:s,s:s,s:s}", "day",
                                                day_names[iv->day], "open",
                                                open, "close", close));
    }
    for (int i = 0; i < bh->nholiday; i++)
        json_array_append_new(holidays, json_string(bh->holidays[i]));
    return json_pack("{s:s,s:o,s:o}", "timezone", bh->tz, "weekly", weekly,
                     "holidays", holidays);
}

/* Whether local time tm falls in an open interval on a working day. */
static bool open_at_local(const struct business_hours *bh, const struct tm *tm)
{
    char date[40];
    int minute = tm->tm_hour * 60 + tm->tm_min;

    snprintf(date, sizeof date, "%04d-%02d-%02d", tm->tm_year + 1900,
             tm->tm_mon + 1, tm->tm_mday);
    for (int i = 0; i < bh->nholiday; i++)
        if (!strcmp(bh->holidays[i], date))
            return false;
    for (int i = 0; i < bh->ninterval; i++) {
        const struct bh_interval *iv = &bh->intervals[i];
        if (iv->day == tm->tm_wday && minute >= iv->open && minute < iv->close)
            return true;
    }
    return false;
}

bool bh_is_open(const struct business_hours *bh, int64_t utc_ms)
{
    struct tm tm;

    return bh_localtime(bh->tz, utc_ms, &tm) == 0 && open_at_local(bh, &tm);
}

/*
 * Walk minute by minute from `from` with TZ held once: sum open time until
 * `to` (when to >= 0) or until `budget` ms of open time has passed (when
 * budget >= 0). Sets *end to the instant reached. Returns the open time
 * summed. The first step is partial, to reach a whole UTC minute.
 */
static int64_t walk(const struct business_hours *bh, int64_t from, int64_t to,
                    int64_t budget, int64_t *end)
{
    int64_t t = from, open = 0;
    int64_t limit = from + BH_MAX_SPAN_DAYS * 86400000LL;

    pthread_mutex_lock(&tz_lock);
    char *saved = tz_enter(bh->tz);
    while (t < limit && (to < 0 || t < to)) {
        time_t secs = (time_t)(t / 1000);
        struct tm tm;
        int64_t next = (t / MINUTE_MS + 1) * MINUTE_MS;
        if (to >= 0 && next > to)
            next = to;
        bool is_open = localtime_r(&secs, &tm) && open_at_local(bh, &tm);
        if (is_open && budget >= 0 && open + (next - t) >= budget) {
            t += budget - open;
            open = budget;
            break;
        }
        if (is_open)
            open += next - t;
        t = next;
    }
    tz_leave(saved);
    pthread_mutex_unlock(&tz_lock);
    *end = t;
    return open;
}

int64_t bh_open_ms_between(const struct business_hours *bh, int64_t from,
                           int64_t to)
{
    int64_t end;

    if (to <= from)
        return 0;
    return walk(bh, from, to, -1, &end);
}

int64_t bh_add_open_ms(const struct business_hours *bh, int64_t from,
                       int64_t open_ms)
{
    int64_t end;

    if (open_ms <= 0)
        return from;
    if (walk(bh, from, -1, open_ms, &end) < open_ms)
        return -1;
    return end;
}

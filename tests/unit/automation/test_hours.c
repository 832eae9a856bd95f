/*
 * Tests for business hours, SLA state and routing decisions: time zones
 * and daylight-saving changes, holidays, open time between instants, SLA
 * targets in calendar and business time, capacity and presence in
 * assignment, and the queue's expected wait.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "automation/hours.h"
#include "automation/routing.h"
#include "automation/sla.h"

#define HOUR 3600000LL
#define MIN  60000LL

/* UTC ms of a UTC calendar time. */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi};
    return (int64_t)timegm(&tm) * 1000;
}

static void parse(const char *text, struct business_hours *bh)
{
    char err[200] = "";
    json_t *doc = json_loads(text, 0, NULL);

    assert_non_null(doc);
    if (bh_parse(doc, bh, err, sizeof err))
        fail_msg("bh_parse: %s", err);
    json_decref(doc);
}

static const char new_york[] =
    "{\"timezone\":\"America/New_York\",\"weekly\":["
    "{\"day\":\"mon\",\"open\":\"09:00\",\"close\":\"17:00\"},"
    "{\"day\":\"tue\",\"open\":\"09:00\",\"close\":\"17:00\"},"
    "{\"day\":\"wed\",\"open\":\"09:00\",\"close\":\"17:00\"},"
    "{\"day\":\"thu\",\"open\":\"09:00\",\"close\":\"17:00\"},"
    "{\"day\":\"fri\",\"open\":\"09:00\",\"close\":\"17:00\"}],"
    "\"holidays\":[\"2026-12-25\"]}";

/* 09:00 in New York is 14:00 UTC in winter and 13:00 UTC in summer: the
 * weekend of 7-8 March 2026 moves the clocks forward. */
static void test_dst_new_york(void **state)
{
    struct business_hours bh;

    parse(new_york, &bh);
    assert_false(bh_is_open(&bh, utc(2026, 3, 6, 13, 30))); /* 08:30 EST */
    assert_true(bh_is_open(&bh, utc(2026, 3, 6, 14, 0)));   /* 09:00 EST */
    assert_true(bh_is_open(&bh, utc(2026, 3, 9, 13, 0)));   /* 09:00 EDT */
    assert_false(bh_is_open(&bh, utc(2026, 3, 9, 12, 59))); /* 08:59 EDT */
    assert_true(bh_is_open(&bh, utc(2026, 3, 9, 20, 59)));  /* 16:59 EDT */
    assert_false(bh_is_open(&bh, utc(2026, 3, 9, 21, 0)));  /* 17:00 EDT */
    assert_false(bh_is_open(&bh, utc(2026, 3, 7, 15, 0)));  /* Saturday */
    /* Clocks go back on 1 November 2026. */
    assert_true(bh_is_open(&bh, utc(2026, 11, 2, 14, 0))); /* 09:00 EST */
    assert_false(bh_is_open(&bh, utc(2026, 11, 2, 13, 0)));
}

static void test_other_zones_and_holidays(void **state)
{
    struct business_hours seoul, ny;

    parse("{\"timezone\":\"Asia/Seoul\",\"weekly\":[{\"day\":\"mon\","
          "\"open\":\"09:00\",\"close\":\"24:00\"}],\"holidays\":[]}",
          &seoul);
    /* Monday 09:00 KST is Monday 00:00 UTC; Sunday 23:59 UTC is Monday
     * 08:59 KST. */
    assert_true(bh_is_open(&seoul, utc(2026, 3, 9, 0, 0)));
    assert_false(bh_is_open(&seoul, utc(2026, 3, 8, 23, 59)));
    assert_true(bh_is_open(&seoul, utc(2026, 3, 9, 14, 59))); /* 23:59 */
    assert_false(bh_is_open(&seoul, utc(2026, 3, 9, 15, 0))); /* Tue */

    parse(new_york, &ny);
    /* Friday 25 December 2026 is a holiday. */
    assert_false(bh_is_open(&ny, utc(2026, 12, 25, 15, 0)));
    assert_true(bh_is_open(&ny, utc(2026, 12, 24, 15, 0)));
}

static void test_parse_errors(void **state)
{
    struct business_hours bh;
    char err[200];
    json_t *bad_tz =
        json_pack("{s:s,s:[]}", "timezone", "Mars/Olympus", "weekly");
    json_t *escape =
        json_pack("{s:s,s:[]}", "timezone", "../../etc/passwd", "weekly");
    json_t *bad_iv = json_loads(
        "{\"timezone\":\"UTC\",\"weekly\":[{\"day\":\"mon\",\"open\":"
        "\"18:00\",\"close\":\"09:00\"}]}",
        0, NULL);
    json_t *bad_day = json_loads(
        "{\"timezone\":\"UTC\",\"weekly\":[],\"holidays\":[\"25/12/2026\"]}", 0,
        NULL);

    assert_int_equal(bh_parse(bad_tz, &bh, err, sizeof err), -1);
    assert_string_equal(err, "unknown time zone 'Mars/Olympus'");
    assert_int_equal(bh_parse(escape, &bh, err, sizeof err), -1);
    assert_int_equal(bh_parse(bad_iv, &bh, err, sizeof err), -1);
    assert_non_null(strstr(err, "weekly[0]"));
    assert_int_equal(bh_parse(bad_day, &bh, err, sizeof err), -1);
    assert_string_equal(err, "holidays[0]: not a YYYY-MM-DD date");
    json_decref(bad_tz);
    json_decref(escape);
    json_decref(bad_iv);
    json_decref(bad_day);
}

/* Open time across a weekend and the spring-forward night. */
static void test_open_time_across_dst(void **state)
{
    struct business_hours bh;

    parse(new_york, &bh);
    /* Friday 16:00 EST to Monday 10:00 EDT: 1 h Friday + 1 h Monday. */
    assert_int_equal(
        bh_open_ms_between(&bh, utc(2026, 3, 6, 21, 0), utc(2026, 3, 9, 14, 0)),
        2 * HOUR);
    /* Two open hours after Friday 16:00 EST end Monday 10:00 EDT. */
    assert_int_equal(bh_add_open_ms(&bh, utc(2026, 3, 6, 21, 0), 2 * HOUR),
                     utc(2026, 3, 9, 14, 0));
    assert_int_equal(bh_add_open_ms(&bh, utc(2026, 3, 6, 21, 0), 0),
                     utc(2026, 3, 6, 21, 0));
}

static void test_never_open(void **state)
{
    struct business_hours bh;

    parse("{\"timezone\":\"UTC\",\"weekly\":[]}", &bh);
    assert_false(bh_is_open(&bh, utc(2026, 3, 9, 12, 0)));
    assert_int_equal(bh_add_open_ms(&bh, utc(2026, 3, 9, 12, 0), HOUR), -1);
}

static void test_sla_calendar(void **state)
{
    struct sla_policy p = {.id = 1,
                           .first_response_ms = 10 * MIN,
                           .next_response_ms = 30 * MIN,
                           .resolution_ms = 8 * HOUR};
    struct sla_times t = {.started_at = 1000 * MIN};
    struct sla_status s;

    sla_evaluate(&p, &t, NULL, t.started_at + 5 * MIN, &s);
    assert_int_equal(s.first_response.state, SLA_ON_TRACK);
    assert_int_equal(s.first_response.due_at, t.started_at + 10 * MIN);
    assert_int_equal(s.next_change_at, t.started_at + 8 * MIN);
    assert_int_equal(s.overall, SLA_ON_TRACK);
    assert_int_equal(s.next_response.state, SLA_NONE);

    sla_evaluate(&p, &t, NULL, t.started_at + 9 * MIN, &s);
    assert_int_equal(s.first_response.state, SLA_AT_RISK);
    assert_int_equal(s.next_change_at, t.started_at + 10 * MIN);

    sla_evaluate(&p, &t, NULL, t.started_at + 11 * MIN, &s);
    assert_int_equal(s.first_response.state, SLA_BREACHED);
    assert_string_equal(sla_state_name(s.overall), "breached");

    /* Answered in time, then the customer waits again. */
    t.first_reply_at = t.started_at + 4 * MIN;
    t.waiting_since = t.started_at + 20 * MIN;
    sla_evaluate(&p, &t, NULL, t.started_at + 60 * MIN, &s);
    assert_int_equal(s.first_response.state, SLA_MET);
    assert_int_equal(s.next_response.state, SLA_BREACHED);
    assert_int_equal(s.next_response.due_at, t.started_at + 50 * MIN);

    t.resolved_at = t.started_at + 9 * HOUR;
    sla_evaluate(&p, &t, NULL, t.started_at + 10 * HOUR, &s);
    assert_int_equal(s.resolution.state, SLA_BREACHED);
    assert_int_equal(s.next_change_at, 0);
}

/* A business-hours SLA does not run at night: asked Friday 16:50 EST
 * with a one-hour target, it is due Monday 09:50 EDT. */
static void test_sla_business_hours(void **state)
{
    struct business_hours bh;
    struct sla_policy p = {.first_response_ms = HOUR,
                           .business_hours_only = true};
    struct sla_times t = {.started_at = utc(2026, 3, 6, 21, 50)};
    struct sla_status s;

    parse(new_york, &bh);
    sla_evaluate(&p, &t, &bh, utc(2026, 3, 8, 12, 0), &s);
    assert_int_equal(s.first_response.state, SLA_ON_TRACK);
    assert_int_equal(s.first_response.due_at, utc(2026, 3, 9, 13, 50));
    sla_evaluate(&p, &t, &bh, utc(2026, 3, 9, 13, 51), &s);
    assert_int_equal(s.first_response.state, SLA_BREACHED);
}

/* Capacity, presence and skills decide who may take a conversation. */
static void test_route_capacity_presence(void **state)
{
    struct route_agent a[] = {
        {.user_id = 2, .online = true, .qualified = true, .open_count = 10},
        {.user_id = 3, .online = false, .qualified = true, .open_count = 0},
        {.user_id = 4, .online = true, .qualified = false, .open_count = 0},
        {.user_id = 5, .online = true, .qualified = true, .open_count = 7},
    };

    assert_int_equal(route_pick(ROUTE_LEAST_LOADED, a, 4, 10, 0), 5);
    a[3].open_count = 10;
    assert_int_equal(route_pick(ROUTE_LEAST_LOADED, a, 4, 10, 0), 0);
    assert_int_equal(route_pick(ROUTE_ROUND_ROBIN, a, 4, 10, 0), 0);
    /* No capacity limit: the least loaded online, qualified agent. */
    a[3].open_count = 11;
    assert_int_equal(route_pick(ROUTE_LEAST_LOADED, a, 4, 0, 0), 2);
    a[1].online = true;
    assert_int_equal(route_pick(ROUTE_LEAST_LOADED, a, 4, 10, 0), 3);
}

static void test_route_turns(void **state)
{
    struct route_agent a[] = {
        {.user_id = 7, .online = true, .qualified = true, .open_count = 1},
        {.user_id = 3, .online = true, .qualified = true, .open_count = 1},
        {.user_id = 5, .online = true, .qualified = true, .open_count = 1},
    };

    assert_int_equal(route_pick(ROUTE_ROUND_ROBIN, a, 3, 0, 0), 3);
    assert_int_equal(route_pick(ROUTE_ROUND_ROBIN, a, 3, 0, 3), 5);
    assert_int_equal(route_pick(ROUTE_ROUND_ROBIN, a, 3, 0, 5), 7);
    assert_int_equal(route_pick(ROUTE_ROUND_ROBIN, a, 3, 0, 7), 3);
    /* Equal loads take turns too; a lower load wins outright. */
    assert_int_equal(route_pick(ROUTE_LEAST_LOADED, a, 3, 0, 5), 7);
    a[2].open_count = 0;
    assert_int_equal(route_pick(ROUTE_LEAST_LOADED, a, 3, 0, 5), 5);

    enum route_mode m;
    assert_int_equal(route_mode_parse("least_loaded", &m), 0);
    assert_int_equal(m, ROUTE_LEAST_LOADED);
    assert_int_equal(route_mode_parse("random", &m), -1);
}

static void test_expected_wait(void **state)
{
    /* 12 served in the last hour: one every 5 minutes. */
    assert_int_equal(route_expected_wait_ms(3, 12, 2, 0), 15 * MIN);
    /* Nothing served yet: 6-minute handling shared by 2 agents. */
    assert_int_equal(route_expected_wait_ms(2, 0, 2, 6 * MIN), 6 * MIN);
    assert_int_equal(route_expected_wait_ms(2, 0, 0, 6 * MIN), -1);
    assert_int_equal(route_expected_wait_ms(0, 12, 2, 0), 0);

    assert_true(route_wait_changed(-1, 5 * MIN, 25));
    assert_false(route_wait_changed(10 * MIN, 12 * MIN, 25));
    assert_true(route_wait_changed(10 * MIN, 13 * MIN, 25));
    assert_true(route_wait_changed(10 * MIN, 5 * MIN, 25));
    /* Under a minute of change is never worth a message. */
    assert_false(route_wait_changed(MIN, MIN + 50000, 25));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dst_new_york),
        cmocka_unit_test(test_other_zones_and_holidays),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_open_time_across_dst),
        cmocka_unit_test(test_never_open),
        cmocka_unit_test(test_sla_calendar),
        cmocka_unit_test(test_sla_business_hours),
        cmocka_unit_test(test_route_capacity_presence),
        cmocka_unit_test(test_route_turns),
        cmocka_unit_test(test_expected_wait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

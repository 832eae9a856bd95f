/*
 * Outbound pacing: the token bucket that paces a number's sends and a
 * recipient's pair rate, and the back-off wall after a rate error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "whatsapp/pacing.h"

/* A full bucket gives its capacity at once, then one token per period. */
static void test_burst_then_rate(void **state)
{
    struct wa_bucket b;
    int64_t t = 1000000;

    (void)state;
    wa_bucket_init(&b, 80, 80, t);
    for (int i = 0; i < 80; i++)
        assert_int_equal(wa_bucket_take(&b, t), 0);
    int64_t wait = wa_bucket_take(&b, t);
    assert_true(wait >= 12 && wait <= 14); /* 1000 / 80 = 12.5 ms */
    assert_true(wa_bucket_take(&b, t + 12) > 0);
    assert_int_equal(wa_bucket_take(&b, t + 13), 0);
}

/* The pair rate: 45 at once, then one every 6 s. */
static void test_pair_rate(void **state)
{
    struct wa_bucket b;
    int64_t t = 5000;

    (void)state;
    wa_bucket_init(&b, 1000.0 / WA_PAIR_INTERVAL_MS, WA_PAIR_BURST, t);
    for (int i = 0; i < WA_PAIR_BURST; i++)
        assert_int_equal(wa_bucket_take(&b, t), 0);
    int64_t wait = wa_bucket_take(&b, t);
    assert_true(wait > 5990 && wait <= 6001);
    assert_int_equal(wa_bucket_take(&b, t + wait), 0);
    assert_true(wa_bucket_take(&b, t + wait) > 5990);
}

/* Tokens never pile up beyond the capacity after a long idle time. */
static void test_capacity_caps_refill(void **state)
{
    struct wa_bucket b;

    (void)state;
    wa_bucket_init(&b, 20, 20, 0);
    for (int i = 0; i < 20; i++)
        wa_bucket_take(&b, 0);
    int taken = 0;
    while (wa_bucket_take(&b, 3600000) == 0)
        taken++;
    assert_int_equal(taken, 20);
}

/* A blocked bucket refuses until the wall, and starts empty after it. */
static void test_block(void **state)
{
    struct wa_bucket b;

    (void)state;
    wa_bucket_init(&b, 1, 45, 0);
    wa_bucket_block(&b, 4000);
    assert_int_equal(wa_bucket_take(&b, 1000), 3000);
    assert_true(wa_bucket_take(&b, 4000) > 0);
    assert_int_equal(wa_bucket_take(&b, 5000), 0);
    /* An earlier wall does not shorten a later one. */
    wa_bucket_block(&b, 9000);
    wa_bucket_block(&b, 6000);
    assert_int_equal(wa_bucket_take(&b, 8000), 1000);
}

/* A refund returns a token, never beyond the capacity; idle means full. */
static void test_refund_and_idle(void **state)
{
    struct wa_bucket b;

    (void)state;
    wa_bucket_init(&b, 1, 2, 0);
    assert_true(wa_bucket_idle(&b, 0));
    assert_int_equal(wa_bucket_take(&b, 0), 0);
    assert_false(wa_bucket_idle(&b, 0));
    wa_bucket_refund(&b);
    wa_bucket_refund(&b);
    assert_true(wa_bucket_idle(&b, 0));
    assert_int_equal(wa_bucket_take(&b, 0), 0);
    assert_int_equal(wa_bucket_take(&b, 0), 0);
    assert_true(wa_bucket_take(&b, 0) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_burst_then_rate),
        cmocka_unit_test(test_pair_rate),
        cmocka_unit_test(test_capacity_caps_refill),
        cmocka_unit_test(test_block),
        cmocka_unit_test(test_refund_and_idle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

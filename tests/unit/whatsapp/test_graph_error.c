/*
 * Tests for Graph send responses and the error retry policy: parsing both
 * bodies and classifying each class of code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "whatsapp/graph_error.h"

static void parses_success_with_contact_and_pacing(void **state)
{
    const char *body =
        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":"
        "\"+16505551234\",\"wa_id\":\"16505551234\",\"user_id\":\"US.1\"}],"
        "\"messages\":[{\"id\":\"wamid.HBgL\",\"message_status\":"
        "\"held_for_quality_assessment\"}]}";
    struct wa_send_result r;
    char err[128];

    assert_int_equal(
        wa_send_result_parse(body, strlen(body), &r, err, sizeof err), 0);
    assert_string_equal(r.wamid, "wamid.HBgL");
    assert_string_equal(r.message_status, "held_for_quality_assessment");
    assert_string_equal(r.input, "+16505551234");
    assert_string_equal(r.wa_id, "16505551234");
    assert_string_equal(r.user_id, "US.1");
    wa_send_result_clear(&r);
    assert_null(r.wamid);
}

static void success_without_wamid_is_an_error(void **state)
{
    static const char *const bodies[] = {"{\"messages\":[]}", "<html>",
                                         "{\"messages\":[{\"id\":5}]}"};
    struct wa_send_result r;
    char err[128];

    for (int i = 0; i < 3; i++) {
        err[0] = '\0';
        assert_int_equal(wa_send_result_parse(bodies[i], strlen(bodies[i]), &r,
                                              err, sizeof err),
                         -1);
        assert_null(r.wamid);
        assert_true(strlen(err) > 0);
        wa_send_result_clear(&r);
    }
}

static void parses_error_body(void **state)
{
    const char *body =
        "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":"
        "\"OAuthException\",\"code\":130429,\"error_data\":{"
        "\"messaging_product\":\"whatsapp\",\"details\":\"Cloud API message "
        "throughput has been reached.\"},\"error_subcode\":2494055,"
        "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
    struct wa_graph_error e;

    assert_int_equal(wa_graph_error_parse(body, strlen(body), &e), 0);
    assert_int_equal(e.code, 130429);
    assert_int_equal(e.subcode, 2494055);
    assert_string_equal(e.type, "OAuthException");
    assert_string_equal(e.message, "(#130429) Rate limit hit");
    assert_string_equal(e.details,
                        "Cloud API message throughput has been reached.");
    assert_string_equal(e.fbtrace_id, "Az8or2yhqkZfEZ-_4Qn_Bam");
    wa_graph_error_clear(&e);

    assert_int_equal(wa_graph_error_parse("{}", 2, &e), -1);
    assert_int_equal(e.code, 0);
    assert_int_equal(wa_graph_error_parse("oops", 4, &e), -1);
    wa_graph_error_clear(&e);
}

static void permanent_codes_never_retry(void **state)
{
    static const int64_t codes[] = {0,      190,    10,     250,    100,
                                    131026, 131047, 131050, 132000, 132016,
                                    130472, 131051, 368};

    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        struct wa_error_class c = wa_graph_classify(codes[i], 0);

        if (c.retry != WA_RETRY_NEVER)
            fail_msg("code %lld should be permanent", (long long)codes[i]);
        assert_non_null(c.agent_text);
    }
    assert_string_equal(wa_graph_classify(131047, 0).agent_text,
                        "The customer's 24-hour window has closed; send a "
                        "template instead.");
}

static void transient_codes_retry_now(void **state)
{
    struct wa_error_class c = wa_graph_classify(131000, 0);

    assert_int_equal(c.retry, WA_RETRY_NOW);
    assert_true(c.delay_ms > 0 && c.delay_ms <= 10000);
    assert_true(c.max_attempts >= 1);
    assert_int_equal(wa_graph_classify(1, 0).retry, WA_RETRY_NOW);
    assert_int_equal(wa_graph_classify(1, 0).max_attempts, 2);
}

static void rate_limits_retry_later_with_their_delays(void **state)
{
    struct wa_error_class c;

    /* Throughput: short. */
    c = wa_graph_classify(130429, 0);
    assert_int_equal(c.retry, WA_RETRY_LATER);
    assert_true(c.delay_ms <= 5000);

    /* Pair rate: 4^X seconds. */
    assert_int_equal(wa_graph_classify(131056, 0).delay_ms, 1000);
    assert_int_equal(wa_graph_classify(131056, 1).delay_ms, 4000);
    assert_int_equal(wa_graph_classify(131056, 2).delay_ms, 16000);
    assert_int_equal(wa_graph_classify(131056, 1000).delay_ms, 20 * 60000);

    /* Maintenance: about a minute. */
    c = wa_graph_classify(131057, 3);
    assert_int_equal(c.retry, WA_RETRY_LATER);
    assert_int_equal(c.delay_ms, 60000);

    /* App and WABA call limits: longer than a throughput blip. */
    assert_true(wa_graph_classify(4, 0).delay_ms >= 60000);
    assert_true(wa_graph_classify(80007, 0).delay_ms >= 60000);
    assert_true(wa_graph_classify(80007, 50).delay_ms <= 3600000);

    /* Healthy-ecosystem hold: not within a day. */
    assert_true(wa_graph_classify(131049, 0).delay_ms >= 24 * 3600000LL);
}

static void unknown_codes_and_http_statuses(void **state)
{
    struct wa_error_class c = wa_graph_classify(987654, 0);

    assert_int_equal(c.retry, WA_RETRY_NEVER);
    assert_non_null(c.agent_text);
    assert_int_equal(wa_graph_classify_http(503, 0).retry, WA_RETRY_LATER);
    assert_int_equal(wa_graph_classify_http(429, 0).retry, WA_RETRY_LATER);
    assert_int_equal(wa_graph_classify_http(0, 0).retry, WA_RETRY_NOW);
    assert_int_equal(wa_graph_classify_http(400, 0).retry, WA_RETRY_NEVER);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_success_with_contact_and_pacing),
        cmocka_unit_test(success_without_wamid_is_an_error),
        cmocka_unit_test(parses_error_body),
        cmocka_unit_test(permanent_codes_never_retry),
        cmocka_unit_test(transient_codes_retry_now),
        cmocka_unit_test(rate_limits_retry_later_with_their_delays),
        cmocka_unit_test(unknown_codes_and_http_statuses),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The inbox's pure functions: RFC 4180 CSV reading and writing with the
 * formula guard, the canned-reply ranking, custom attribute value checks,
 * keyboard shortcut names, and the escaping of search text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai.h"
#include "base/buf.h"
#include "base/clock.h"
#include "core/attribute.h"
#include "core/canned.h"
#include "core/csv.h"
#include "core/search.h"
#include "core/settings.h"

/* Read every record of text; returns the count and fills rows/ns. */
static int read_all(const char *text, char **rows[8], int ns[8],
                    const char **error)
{
    struct csv_reader r;
    int n, k = 0;

    csv_reader_init(&r, text, strlen(text));
    while (k < 8 && (n = csv_read_row(&r, &rows[k], 16, error)) > 0)
        ns[k++] = n;
    return n < 0 ? -1 : k;
}

static void free_all(char **rows[8], int ns[8], int k)
{
    for (int i = 0; i < k; i++)
        csv_free_row(rows[i], ns[i]);
}

static void csv_reads_quotes_breaks_and_empty_fields(void **state)
{
    char **rows[8];
    int ns[8];
    const char *error = NULL;
    int k = read_all("\xEF\xBB\xBF"
                     "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
                     ",\"two\nlines\",\n"
                     "last",
                     rows, ns, &error);

    (void)state;
    assert_int_equal(k, 3);
    assert_int_equal(ns[0], 3);
    assert_string_equal(rows[0][0], "a");
    assert_string_equal(rows[0][1], "b,c");
    assert_string_equal(rows[0][2], "say \"hi\"");
    assert_int_equal(ns[1], 3);
    assert_string_equal(rows[1][0], "");
    assert_string_equal(rows[1][1], "two\nlines");
    assert_string_equal(rows[1][2], "");
    assert_int_equal(ns[2], 1);
    assert_string_equal(rows[2][0], "last");
    free_all(rows, ns, k);
}

static void csv_refuses_malformed_input(void **state)
{
    static const char *const bad[] = {
        "\"open quote,1\r\n", "a\"b,1\r\n", "\"closed\"x,1\r\n",
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\r\n"};
    char **rows[8];
    int ns[8];

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *error = NULL;
        assert_int_equal(read_all(bad[i], rows, ns, &error), -1);
        assert_non_null(error);
    }
    /* A NUL byte inside the data is refused, not taken as the end. */
    struct csv_reader r;
    char **f;
    const char *error = NULL;
    csv_reader_init(&r, "a\0b,c\r\n", 7);
    assert_int_equal(csv_read_row(&r, &f, 4, &error), -1);
    assert_string_equal(error, "the file contains a NUL byte");
}

static void csv_reports_line_numbers_of_records(void **state)
{
    struct csv_reader r;
    char **f;
    const char *error;
    const char *text = "h\r\n\"x\ny\"\r\nz\r\n";

    (void)state;
    csv_reader_init(&r, text, strlen(text));
    assert_int_equal(csv_read_row(&r, &f, 4, &error), 1);
    assert_int_equal(r.line, 1);
    csv_free_row(f, 1);
    assert_int_equal(csv_read_row(&r, &f, 4, &error), 1);
    assert_int_equal(r.line, 2);
    csv_free_row(f, 1);
    assert_int_equal(csv_read_row(&r, &f, 4, &error), 1);
    assert_int_equal(r.line, 4);
    csv_free_row(f, 1);
    assert_int_equal(csv_read_row(&r, &f, 4, &error), 0);
}

static void csv_writes_quoted_and_formula_guarded_cells(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    csv_put_cell(&b, "", true);
    csv_put_cell(&b, "plain", false);
    csv_put_cell(&b, "a,b", false);
    csv_put_cell(&b, "say \"hi\"", false);
    csv_put_cell(&b, "=SUM(A1)", false);
    csv_put_cell(&b, "+82 10", false);
    csv_put_cell(&b, "-1", false);
    csv_put_cell(&b, "@cmd", false);
    csv_end_row(&b);
    assert_string_equal(b.data, ",plain,\"a,b\",\"say \"\"hi\"\"\","
                                "\"'=SUM(A1)\",\"'+82 10\",\"'-1\","
                                "\"'@cmd\"\r\n");
    buf_free(&b);
}

static const struct canned_item items[] = {
    {1, "refund", "Refunds", "Refunds reach your card within five days.", ""},
    {2, "track", "Where is my order",
     "Your order is on its way; here is the tracking link.", "track_order"},
    {3, "hours", "Opening hours", "We are open Monday to Friday.", ""},
};

static void ranking_puts_shortcut_prefix_first(void **state)
{
    struct canned_ranked out[3];
    int n;

    (void)state;
    n = canned_rank(NULL, items, 3, "/re", NULL, NULL, out, 3);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].index, 0);
    /* An exact shortcut beats a longer one with the same prefix. */
    n = canned_rank(NULL, items, 3, "hours", NULL, NULL, out, 3);
    assert_true(n >= 1);
    assert_int_equal(out[0].index, 2);
    assert_int_equal(canned_rank(NULL, items, 3, "/zz", NULL, NULL, out, 3), 0);
}

static void ranking_uses_words_without_a_model(void **state)
{
    struct canned_ranked out[3];
    int n = canned_rank(NULL, items, 3, "my card refund", NULL, NULL, out, 3);

    (void)state;
    assert_true(n >= 1);
    assert_int_equal(out[0].index, 0);
    n = canned_rank(NULL, items, 3, "", "where is the tracking of my order",
                    NULL, out, 3);
    assert_true(n >= 1);
    assert_int_equal(out[0].index, 1);
}

static void ranking_follows_the_customer_intent(void **state)
{
    struct canned_ranked out[3];
    int n = canned_rank(NULL, items, 3, "", NULL, "track_order", out, 3);

    (void)state;
    assert_int_equal(n, 1);
    assert_int_equal(out[0].index, 1);
}

static void ranking_with_the_model_answers_the_customer(void **state)
{
    const struct ai_model *m = ai_default_model();
    struct canned_ranked out[3];
    int64_t t0;
    int n;

    (void)state;
    assert_non_null(m); /* the binary carries its default model */
    n = canned_rank(m, items, 3, "", "hi, where is my parcel? it is late", NULL,
                    out, 3);
    assert_true(n >= 1);
    assert_int_equal(out[0].index, 1);
    n = canned_rank(m, items, 3, "/tr", "I want my money back", NULL, out, 1);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].index, 1); /* the typed shortcut wins */
    /* Fast enough to follow typing: a keystroke well under 5 ms. */
    t0 = clock_mono_us();
    for (int i = 0; i < 50; i++)
        canned_rank(m, items, 3, "refund my ca", "where is my order", NULL, out,
                    3);
    assert_true((clock_mono_us() - t0) / 50 < 5000);
}

static void attribute_values_are_checked_by_type(void **state)
{
    json_t *opts = json_pack("[ss]", "gold", "silver");
    char why[96];
    struct {
        const char *type;
        json_t *v;
        bool ok;
    } cases[] = {
        {"text", json_string("hello"), true},
        {"text", json_integer(3), false},
        {"number", json_real(2.5), true},
        {"number", json_string("2"), false},
        {"boolean", json_true(), true},
        {"boolean", json_string("true"), false},
        {"date", json_string("2024-02-29"), true},
        {"date", json_string("2023-02-29"), false},
        {"date", json_string("2024-13-01"), false},
        {"date", json_string("2024-1-01"), false},
        {"list", json_string("gold"), true},
        {"list", json_string("bronze"), false},
        {"link", json_string("https://example.com/a"), true},
        {"link", json_string("javascript:alert(1)"), false},
        {"link", json_string("https://a b"), false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool ok = attribute_check_value(cases[i].type, opts, cases[i].v, why,
                                        sizeof why);
        if (ok != cases[i].ok)
            fail_msg("case %zu (%s): got %d", i, cases[i].type, ok);
        json_decref(cases[i].v);
    }
    json_decref(opts);
    assert_true(attribute_key_valid("order_channel"));
    assert_false(attribute_key_valid("Order"));
    assert_false(attribute_key_valid(""));
}

static void shortcut_keys_need_a_modifier(void **state)
{
    (void)state;
    assert_true(settings_keys_valid("Ctrl+B"));
    assert_true(settings_keys_valid("Alt+Shift+2"));
    assert_true(settings_keys_valid("F5"));
    assert_true(settings_keys_valid("Meta+F12"));
    assert_false(settings_keys_valid("B"));
    assert_false(settings_keys_valid("Ctrl+Ctrl+B"));
    assert_false(settings_keys_valid("Ctrl+"));
    assert_false(settings_keys_valid("Hyper+B"));
    assert_false(settings_keys_valid("F13"));
    assert_false(settings_keys_valid("Ctrl+Enter"));
}

static void search_text_is_escaped(void **state)
{
    char *p = search_fts_phrase("say \"hi\" OR x");
    char *l = search_like_pattern("50%_a\\b");

    (void)state;
    assert_string_equal(p, "\"say \"\"hi\"\" OR x\"");
    assert_string_equal(l, "%50\\%\\_a\\\\b%");
    free(p);
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_reads_quotes_breaks_and_empty_fields),
        cmocka_unit_test(csv_refuses_malformed_input),
        cmocka_unit_test(csv_reports_line_numbers_of_records),
        cmocka_unit_test(csv_writes_quoted_and_formula_guarded_cells),
        cmocka_unit_test(ranking_puts_shortcut_prefix_first),
        cmocka_unit_test(ranking_uses_words_without_a_model),
        cmocka_unit_test(ranking_follows_the_customer_intent),
        cmocka_unit_test(ranking_with_the_model_answers_the_customer),
        cmocka_unit_test(attribute_values_are_checked_by_type),
        cmocka_unit_test(shortcut_keys_need_a_modifier),
        cmocka_unit_test(search_text_is_escaped),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

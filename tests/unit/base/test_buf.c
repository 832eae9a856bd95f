/*
 * Tests for the growable buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static void appends_and_terminates(void **state)
{
    struct buf b = BUF_INIT;

    buf_puts(&b, "hello");
    buf_putc(&b, ' ');
    buf_printf(&b, "%d-%s", 42, "x");
    assert_string_equal(b.data, "hello 42-x");
    assert_int_equal(b.len, 10);
    buf_free(&b);
    assert_null(b.data);
}

static void grows_past_many_doublings(void **state)
{
    struct buf b = BUF_INIT;

    for (int i = 0; i < 10000; i++)
        buf_append(&b, "abc", 3);
    assert_int_equal(b.len, 30000);
    assert_int_equal(b.data[29999], 'c');
    assert_int_equal(b.data[30000], '\0');
    buf_free(&b);
}

static void reset_keeps_memory_and_steal_empties(void **state)
{
    struct buf b = BUF_INIT;

    buf_puts(&b, "something long enough");
    char *before = b.data;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assert_ptr_equal(b.data, before);

    buf_puts(&b, "kept");
    char *s = buf_steal(&b);
    assert_string_equal(s, "kept");
    assert_null(b.data);
    free(s);

    s = buf_steal(&b);
    assert_string_equal(s, "");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_and_terminates),
        cmocka_unit_test(grows_past_many_doublings),
        cmocka_unit_test(reset_keeps_memory_and_steal_empties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

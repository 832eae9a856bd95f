/*
 * The stored side of the local AI on a fresh database (SQLite or
 * PostgreSQL): custom intents, examples and corrections, always scoped by
 * account, and an account layer loaded from them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ai/ai.h"
#include "testdb.h"

struct fixture {
    struct testdb t;
    struct db *db;
    int64_t acct[2];
};

static int64_t make_account(struct db *db, const char *name)
{
    struct db_stmt *st;
    int64_t id = 0;

    assert_int_equal(db_prepare(db,
                                "INSERT INTO accounts (name, created_at) "
                                "VALUES ($1, 0) RETURNING id",
                                &st),
                     STORE_OK);
    db_bind_text(st, 1, name, -1);
    assert_int_equal(db_step(st), STORE_ROW);
    id = db_col_int64(st, 0);
    db_done(st);
    return id;
}

static int setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);

    if (testdb_open(&f->t, 2) != 0)
        return -1;
    f->db = store_acquire(f->t.store);
    f->acct[0] = make_account(f->db, "one");
    f->acct[1] = make_account(f->db, "two");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    store_release(f->db);
    testdb_close(&f->t);
    test_free(f);
    return 0;
}

static void count_cb(int64_t id, const char *name, const char *desc, void *arg)
{
    (*(int *)arg)++;
}

static void test_intents(void **state)
{
    struct fixture *f = *state;
    int64_t id = 0;
    int n = 0;

    assert_int_equal(ai_intent_add(f->db, f->acct[0], "loyalty_card",
                                   "points and cards", &id),
                     AI_OK);
    assert_true(id > 0);
    assert_int_equal(
        ai_intent_add(f->db, f->acct[0], "loyalty_card", NULL, NULL),
        AI_EXISTS);
    assert_int_equal(ai_intent_add(f->db, f->acct[0], "Bad Name", NULL, NULL),
                     AI_INVALID);
    /* Another account may use the same name. */
    assert_int_equal(
        ai_intent_add(f->db, f->acct[1], "loyalty_card", NULL, NULL), AI_OK);
    assert_int_equal(ai_intent_list(f->db, f->acct[0], count_cb, &n), AI_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ai_intent_delete(f->db, f->acct[0], "loyalty_card"),
                     AI_OK);
    assert_int_equal(ai_intent_delete(f->db, f->acct[0], "loyalty_card"),
                     AI_NOT_FOUND);
    n = 0;
    assert_int_equal(ai_intent_list(f->db, f->acct[1], count_cb, &n), AI_OK);
    assert_int_equal(n, 1);
}

static void example_cb(int64_t id, const char *intent, const char *text,
                       const char *source, int64_t by, int64_t at, void *arg)
{
    (*(int *)arg)++;
}

static void test_examples_and_layer(void **state)
{
    struct fixture *f = *state;
    struct ai_account *a = NULL;
    struct ai_annotation ann;
    const struct ai_model *m = ai_default_model();
    const char *msg = "do you sell gift vouchers";
    int64_t id = 0;
    int n = 0;

    assert_non_null(m);
    assert_int_equal(ai_example_add(f->db, f->acct[0], "gift_voucher",
                                    "do you sell gift vouchers?", "custom", 0,
                                    &id),
                     AI_OK);
    assert_int_equal(ai_example_add(f->db, f->acct[0], "gift_voucher",
                                    "\xff\xfe", "custom", 0, NULL),
                     AI_INVALID);
    assert_int_equal(ai_example_add(f->db, f->acct[0], "gift_voucher", "x y",
                                    "guess", 0, NULL),
                     AI_INVALID);
    assert_int_equal(ai_example_list(f->db, f->acct[0], NULL, example_cb, &n),
                     AI_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(ai_example_list(f->db, f->acct[1], NULL, example_cb, &n),
                     AI_OK);
    assert_int_equal(n, 0);

    assert_int_equal(ai_account_load(f->db, f->acct[0], m, &a), AI_OK);
    assert_int_equal(ai_annotate_account(m, a, msg, strlen(msg), &ann), AI_OK);
    assert_string_equal(ann.intent, "gift_voucher");
    ai_account_free(a);

    /* Account two does not see account one's example. */
    assert_int_equal(ai_account_load(f->db, f->acct[1], m, &a), AI_OK);
    assert_int_equal(ai_annotate_account(m, a, msg, strlen(msg), &ann), AI_OK);
    assert_string_not_equal(ann.intent, "gift_voucher");
    ai_account_free(a);

    assert_int_equal(ai_example_delete(f->db, f->acct[1], id), AI_NOT_FOUND);
    assert_int_equal(ai_example_delete(f->db, f->acct[0], id), AI_OK);
}

static void test_correction(void **state)
{
    struct fixture *f = *state;
    struct ai_annotation ann;
    struct db_stmt *st;
    const char *msg = "where is my order";
    int n = 0;

    assert_int_equal(ai_annotate(ai_default_model(), msg, strlen(msg), &ann),
                     AI_OK);
    assert_int_equal(ai_annotation_save(f->db, f->acct[0], 42, &ann), AI_OK);
    assert_int_equal(ai_annotation_save(f->db, f->acct[0], 42, &ann), AI_OK);
    assert_int_equal(
        ai_correct(f->db, f->acct[0], 42, msg, "delivery_period", 0), AI_OK);
    assert_int_equal(
        ai_example_list(f->db, f->acct[0], "delivery_period", example_cb, &n),
        AI_OK);
    assert_int_equal(n, 1);
    assert_int_equal(db_prepare(f->db,
                                "SELECT intent, custom FROM ai_annotations "
                                "WHERE account_id = $1 AND message_id = 42",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, f->acct[0]);
    assert_int_equal(db_step(st), STORE_ROW);
    assert_string_equal(db_col_text(st, 0), "delivery_period");
    assert_int_equal(db_col_int64(st, 1), 1);
    db_done(st);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_intents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_examples_and_layer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_correction, setup, teardown),
    };
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

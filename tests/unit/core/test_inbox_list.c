/*
 * The inbox list and conversation actions against a real database (SQLite,
 * and PostgreSQL when configured): every sort pages through all rows in
 * the right order with ties on the sort key, filters narrow correctly,
 * changes leave activity lines, and snoozed conversations wake.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "core/account.h"
#include "core/conv_actions.h"
#include "core/conv_list.h"
#include "core/inbox.h"
#include "core/label.h"
#include "core/sql.h"
#include "testdb.h"

#define N_CONV 120
#define NONE   INT64_MAX

struct row {
    int64_t id, at, waiting;
    int priority;
};

struct fixture {
    struct testdb t;
    struct db *db;
    int64_t account, inbox, user, label;
    struct row rows[N_CONV];
};

static int64_t insert_id(struct db *db, const char *sql, int64_t a, int64_t b,
                         const char *text)
{
    struct db_stmt *st;
    int64_t id = 0;

    if (db_prepare(db, sql, &st))
        return 0;
    db_bind_int64(st, 1, a);
    db_bind_int64(st, 2, b);
    db_bind_text(st, 3, text, -1);
    return sql_int64(st, &id) == STORE_OK ? id : 0;
}

/* One conversation with the row's keys; ties are frequent on purpose. */
static int seed_one(struct fixture *f, int i)
{
    char wa[32];
    struct db_stmt *st;
    struct row *r = &f->rows[i];
    int64_t contact;

    snprintf(wa, sizeof wa, "8210%08d", i);
    contact = insert_id(f->db,
                        "INSERT INTO contacts (account_id, wa_id, phone, "
                        "created_at, updated_at) VALUES ($1, $3, $3, $2, $2) "
                        "RETURNING id",
                        f->account, 1000, wa);
    r->at = 1000000 + (i % 17) * 1000;
    r->priority = i % 5;
    r->waiting = i % 3 ? 5000 + (i % 7) * 100 : NONE;
    if (db_prepare(f->db,
                   "INSERT INTO conversations (account_id, inbox_id, "
                   "contact_id, priority, last_message_at, waiting_since, "
                   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                   "$5, $5) RETURNING id",
                   &st))
        return -1;
    db_bind_int64(st, 1, f->account);
    db_bind_int64(st, 2, f->inbox);
    db_bind_int64(st, 3, contact);
    db_bind_int64(st, 4, r->priority);
    db_bind_int64(st, 5, r->at);
    if (r->waiting == NONE)
        db_bind_null(st, 6);
    else
        db_bind_int64(st, 6, r->waiting);
    return sql_int64(st, &r->id) == STORE_OK ? 0 : -1;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    uint8_t master[CRYPTO_KEY_LEN];
    struct inbox_input in = {.name = "Main",
                             .phone_number_id = "1001",
                             .waba_id = "2001",
                             .display_phone_number = "15550001"};

    if (testdb_open(&f->t, 2) != 0)
        return -1;
    f->db = store_acquire(f->t.store);
    crypto_random(master, sizeof master);
    if (account_create(f->db, "Acme", &f->account) ||
        inbox_create(f->db, master, f->account, &in, &f->inbox))
        return -1;
    f->user = insert_id(f->db,
                        "INSERT INTO users (account_id, email, name, role, "
                        "created_at, updated_at) VALUES ($1, $3, 'Ann', "
                        "'agent', $2, $2) RETURNING id",
                        f->account, 1, "ann@example.com");
    for (int i = 0; i < N_CONV; i++)
        if (seed_one(f, i) != 0)
            return -1;
    if (label_create(f->db, f->account, "VIP", NULL, NULL, &f->label))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    store_release(f->db);
    testdb_close(&f->t);
    free(f);
    return 0;
}

static enum conv_sort current_sort;

/* The order each sort promises, as a comparison of two rows. */
static int cmp_rows(const void *pa, const void *pb)
{
    const struct row *a = pa, *b = pb;

    switch (current_sort) {
    case CONV_SORT_ACTIVITY:
        if (a->at != b->at)
            return a->at > b->at ? -1 : 1;
        return a->id > b->id ? -1 : 1;
    case CONV_SORT_PRIORITY:
        if (a->priority != b->priority)
            return a->priority > b->priority ? -1 : 1;
        /* fall through */
    case CONV_SORT_WAITING:
        if (a->waiting != b->waiting)
            return a->waiting < b->waiting ? -1 : 1;
        return a->id < b->id ? -1 : 1;
    }
    return 0;
}

/* Page through everything with sort at page size 7; compare to qsort. */
static void check_sort(struct fixture *f, enum conv_sort sort)
{
    struct row want[N_CONV];
    struct conv_list_query q = {.account_id = f->account,
                                .status = "all",
                                .priority = -1,
                                .priority_min = -1,
                                .sort = sort,
                                .limit = 7};
    char *cursor = NULL, *next;
    int seen = 0;

    memcpy(want, f->rows, sizeof want);
    current_sort = sort;
    qsort(want, N_CONV, sizeof *want, cmp_rows);
    do {
        json_t *page;
        size_t i;
        json_t *c;
        q.cursor = cursor;
        assert_int_equal(conv_list_page(f->db, &q, &page, &next), STORE_OK);
        json_array_foreach(page, i, c)
        {
            assert_true(seen < N_CONV);
            assert_int_equal(json_integer_value(json_object_get(c, "id")),
                             want[seen].id);
            seen++;
        }
        json_decref(page);
        free(cursor);
        cursor = next;
    } while (cursor);
    assert_int_equal(seen, N_CONV);
}

static void every_sort_pages_through_all_rows_in_order(void **state)
{
    struct fixture *f = *state;

    check_sort(f, CONV_SORT_ACTIVITY);
    check_sort(f, CONV_SORT_WAITING);
    check_sort(f, CONV_SORT_PRIORITY);
}

/* How many rows a query returns (one big page). */
static int count(struct fixture *f, struct conv_list_query *q)
{
    json_t *page;
    char *next;
    int n;

    q->account_id = f->account;
    q->limit = 200;
    if (!q->status)
        q->status = "all";
    assert_int_equal(conv_list_page(f->db, q, &page, &next), STORE_OK);
    n = (int)json_array_size(page);
    json_decref(page);
    free(next);
    return n;
}

static void filters_narrow_the_list(void **state)
{
    struct fixture *f = *state;
    struct conv_actor who = {f->account, f->user};
    struct conv_change ch = {
        .priority = -1, .set_assignee = true, .assignee_id = f->user};
    struct conv_list_query q;
    const char *why;
    bool changed;

    assert_int_equal(
        conv_apply(f->db, &who, f->rows[0].id, &ch, &changed, &why), STORE_OK);
    assert_true(changed);
    assert_int_equal(
        conv_label(f->db, &who, f->rows[1].id, f->label, true, &changed),
        STORE_OK);
    q = (struct conv_list_query){.priority = -1,
                                 .priority_min = -1,
                                 .assignee = CONV_ASSIGNEE_USER,
                                 .assignee_id = f->user};
    assert_int_equal(count(f, &q), 1);
    q = (struct conv_list_query){.priority = -1,
                                 .priority_min = -1,
                                 .assignee = CONV_ASSIGNEE_UNASSIGNED};
    assert_int_equal(count(f, &q), N_CONV - 1);
    q = (struct conv_list_query){
        .priority = -1, .priority_min = -1, .label_id = f->label};
    assert_int_equal(count(f, &q), 1);
    q = (struct conv_list_query){.priority = 4, .priority_min = -1};
    assert_int_equal(count(f, &q), N_CONV / 5);
    q = (struct conv_list_query){.priority = -1, .priority_min = 3};
    assert_int_equal(count(f, &q), 2 * N_CONV / 5);
    q = (struct conv_list_query){
        .priority = -1, .priority_min = -1, .status = "resolved"};
    assert_int_equal(count(f, &q), 0);
}

static void cursors_of_another_shape_are_refused(void **state)
{
    (void)state;
    assert_int_equal(conv_list_cursor_check(CONV_SORT_ACTIVITY, "a.5.3"), 0);
    assert_int_equal(conv_list_cursor_check(CONV_SORT_WAITING, "a.5.3"), -1);
    assert_int_equal(conv_list_cursor_check(CONV_SORT_PRIORITY, "p.5"), -1);
    assert_int_equal(conv_list_cursor_check(CONV_SORT_PRIORITY, "p.5.0"), -1);
    assert_int_equal(conv_list_cursor_check(CONV_SORT_ACTIVITY, "a.-1.2"), -1);
    assert_int_equal(conv_list_cursor_check(CONV_SORT_ACTIVITY, "a.1.2x"), -1);
    assert_int_equal(conv_list_cursor_check(CONV_SORT_ACTIVITY, NULL), 0);
}

static void resolving_and_snoozing_follow_the_rules(void **state)
{
    struct fixture *f = *state;
    struct conv_actor who = {f->account, f->user};
    int64_t id = f->rows[2].id, now = clock_now_ms();
    struct conv_change resolve = {.status = "resolved", .priority = -1};
    struct conv_change past = {
        .priority = -1, .set_snooze = true, .snoozed_until = now - 1};
    struct conv_change soon = {
        .priority = -1, .set_snooze = true, .snoozed_until = now + 60000};
    const char *why;
    bool changed;
    int woken;
    json_t *j;

    assert_int_equal(conv_apply(f->db, &who, id, &resolve, &changed, &why),
                     STORE_OK);
    assert_int_equal(conv_json_full(f->db, f->account, id, &j), STORE_OK);
    assert_true(json_integer_value(json_object_get(j, "resolved_at")) > 0);
    json_decref(j);
    assert_int_equal(conv_apply(f->db, &who, id, &past, &changed, &why),
                     STORE_CONSTRAINT);
    assert_non_null(why);
    assert_int_equal(conv_apply(f->db, &who, id, &soon, &changed, &why),
                     STORE_OK);
    assert_int_equal(conv_wake_snoozed(f->db, now, &woken), STORE_OK);
    assert_int_equal(woken, 0);
    assert_int_equal(conv_wake_snoozed(f->db, now + 60000, &woken), STORE_OK);
    assert_int_equal(woken, 1);
    assert_int_equal(conv_json_full(f->db, f->account, id, &j), STORE_OK);
    assert_string_equal(json_string_value(json_object_get(j, "status")),
                        "open");
    assert_true(json_is_null(json_object_get(j, "resolved_at")));
    json_decref(j);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            every_sort_pages_through_all_rows_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(filters_narrow_the_list, setup,
                                        teardown),
        cmocka_unit_test(cursors_of_another_shape_are_refused),
        cmocka_unit_test_setup_teardown(resolving_and_snoozing_follow_the_rules,
                                        setup, teardown),
    };
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

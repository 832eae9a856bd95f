/*
 * The channel's data model against a real database: sealed inbox secrets,
 * contact identities and merging, which conversation a message joins,
 * idempotent messages, and statuses that only move forward.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "core/account.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/inbox.h"
#include "core/message.h"
#include "core/sql.h"
#include "testdb.h"

struct fixture {
    struct testdb t;
    struct db *db;
    uint8_t master[CRYPTO_KEY_LEN];
    int64_t account, inbox;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct inbox_input in = {.name = "Main",
                             .phone_number_id = "1001",
                             .waba_id = "2001",
                             .display_phone_number = "15550001",
                             .access_token = "token-secret-value",
                             .app_secret = "app-secret-value",
                             .verify_token = "verify-value"};

    if (testdb_open(&f->t, 2) != 0)
        return -1;
    f->db = store_acquire(f->t.store);
    crypto_random(f->master, sizeof f->master);
    if (account_create(f->db, "Acme", &f->account) ||
        inbox_create(f->db, f->master, f->account, &in, &f->inbox))
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

static void inbox_secrets_are_sealed_and_bound_to_their_row(void **state)
{
    struct fixture *f = *state;
    struct inbox_secrets s;
    struct inbox_input other = {.name = "Other",
                                .phone_number_id = "1002",
                                .waba_id = "2001",
                                .display_phone_number = "15550002"};
    struct db_stmt *st;
    size_t len;
    int64_t id2;

    assert_int_equal(inbox_secrets_get(f->db, f->master, f->inbox, &s),
                     STORE_OK);
    assert_string_equal(s.access_token, "token-secret-value");
    assert_string_equal(s.app_secret, "app-secret-value");
    assert_string_equal(s.verify_token, "verify-value");
    inbox_secrets_clear(&s);

    /* What is stored is not the secret. */
    assert_int_equal(db_prepare(f->db,
                                "SELECT access_token FROM inboxes "
                                "WHERE id = $1",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, f->inbox);
    assert_int_equal(db_step(st), STORE_ROW);
    const void *sealed = db_col_blob(st, 0, &len);
    assert_true(len > strlen("token-secret-value"));
    assert_null(memmem(sealed, len, "token-secret", 12));
    db_done(st);

    /* Copied to another inbox, the sealed value does not open. */
    assert_int_equal(inbox_create(f->db, f->master, f->account, &other, &id2),
                     STORE_OK);
    assert_int_equal(db_prepare(f->db,
                                "UPDATE inboxes SET access_token = "
                                "(SELECT access_token FROM inboxes "
                                "WHERE id = $1) WHERE id = $2",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, f->inbox);
    db_bind_int64(st, 2, id2);
    assert_int_equal(sql_run(st), STORE_OK);
    assert_int_equal(inbox_secrets_get(f->db, f->master, id2, &s), STORE_ERROR);

    /* A wrong master key opens nothing either. */
    uint8_t wrong[CRYPTO_KEY_LEN];
    crypto_random(wrong, sizeof wrong);
    assert_int_equal(inbox_secrets_get(f->db, wrong, f->inbox, &s),
                     STORE_ERROR);
}

static void identities_resolve_and_merge(void **state)
{
    struct fixture *f = *state;
    int64_t by_phone, by_bsuid, again, conv;
    bool created;
    struct contact c;

    assert_int_equal(contact_resolve(f->db, f->account, "15551230000", NULL,
                                     "Kim", 1000, &by_phone),
                     STORE_OK);
    assert_int_equal(contact_resolve(f->db, f->account, NULL, "US.777", "K",
                                     2000, &by_bsuid),
                     STORE_OK);
    assert_int_not_equal(by_phone, by_bsuid);
    assert_int_equal(conversation_for_inbound(f->db, f->account, f->inbox,
                                              by_bsuid, 0, 2000, &conv,
                                              &created),
                     STORE_OK);

    /* A payload with both proves they are one person: keep the older. */
    assert_int_equal(contact_resolve(f->db, f->account, "15551230000", "US.777",
                                     "Kim Lee", 3000, &again),
                     STORE_OK);
    assert_int_equal(again, by_phone);
    assert_int_equal(contact_get(f->db, f->account, again, &c), STORE_OK);
    assert_string_equal(c.wa_id, "15551230000");
    assert_string_equal(c.bsuid, "US.777");
    assert_string_equal(c.profile_name, "Kim Lee");
    assert_string_equal(c.phone, "+15551230000");
    contact_clear(&c);

    struct conversation moved;
    assert_int_equal(conversation_get(f->db, f->account, conv, &moved),
                     STORE_OK);
    assert_int_equal(moved.contact_id, by_phone);

    /* Another account's contact with the same number is another person. */
    int64_t other_account, other;
    assert_int_equal(account_create(f->db, "Other", &other_account), STORE_OK);
    assert_int_equal(contact_resolve(f->db, other_account, "15551230000", NULL,
                                     NULL, 4000, &other),
                     STORE_OK);
    assert_int_not_equal(other, by_phone);
    assert_int_equal(
        contact_resolve(f->db, f->account, NULL, NULL, NULL, 1, &other),
        STORE_CONSTRAINT);
}

static void resolved_conversations_are_not_reopened(void **state)
{
    struct fixture *f = *state;
    int64_t contact, first, second, third;
    bool created;
    struct db_stmt *st;

    contact_resolve(f->db, f->account, "15559990000", NULL, NULL, 1, &contact);
    conversation_for_inbound(f->db, f->account, f->inbox, contact, 0, 10,
                             &first, &created);
    assert_true(created);
    conversation_for_inbound(f->db, f->account, f->inbox, contact, 0, 20,
                             &second, &created);
    assert_false(created);
    assert_int_equal(first, second);

    assert_int_equal(db_prepare(f->db,
                                "UPDATE conversations SET status = "
                                "'resolved' WHERE id = $1",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, first);
    sql_run(st);
    conversation_for_inbound(f->db, f->account, f->inbox, contact, 0, 30,
                             &third, &created);
    assert_true(created);
    assert_int_not_equal(third, first);
}

/* One inbound conversation with an outbound message "wamid.out". */
static int64_t outbound_message(struct fixture *f, int64_t *conv)
{
    int64_t contact, id;
    bool created, dup;
    struct message_input m = {.account_id = f->account,
                              .inbox_id = f->inbox,
                              .direction = "out",
                              .sender_type = "user",
                              .type = "text",
                              .content = "{\"body\":\"hi\"}",
                              .text = "hi",
                              .wamid = "wamid.out",
                              .status = "sending"};

    contact_resolve(f->db, f->account, "15550000042", NULL, NULL, 1, &contact);
    conversation_for_inbound(f->db, f->account, f->inbox, contact, 0, 1, conv,
                             &created);
    m.conversation_id = *conv;
    m.contact_id = contact;
    assert_int_equal(message_insert(f->db, &m, &id, &dup), STORE_OK);
    assert_false(dup);
    return id;
}

static const char *status_of(struct fixture *f, int64_t id)
{
    static char status[16];
    json_t *j;

    assert_int_equal(message_get_json(f->db, f->account, id, &j), STORE_OK);
    strcpy(status, json_string_value(json_object_get(j, "status")));
    json_decref(j);
    return status;
}

static void apply(struct fixture *f, const char *status, bool expect_change)
{
    struct message_status_update u = {f->inbox, "wamid.out", status, 5000,
                                      0,        NULL,        NULL,   NULL};
    int64_t mid, acc, conv;
    bool changed;

    if (!strcmp(status, "failed")) {
        u.error_code = 131047;
        u.error_title = "Re-engagement message";
    }
    assert_int_equal(
        message_apply_status(f->db, &u, &changed, &mid, &acc, &conv), STORE_OK);
    assert_int_equal(changed, expect_change);
    assert_int_equal(acc, f->account);
}

static void statuses_only_move_forward(void **state)
{
    struct fixture *f = *state;
    int64_t conv, id = outbound_message(f, &conv);

    apply(f, "sent", true);
    apply(f, "read", true);
    apply(f, "delivered", false); /* late, and read implies it */
    apply(f, "sent", false);
    apply(f, "read", false);   /* a duplicate */
    apply(f, "failed", false); /* too late to fail once read */
    apply(f, "bogus", false);
    assert_string_equal(status_of(f, id), "read");

    json_t *j;
    message_get_json(f->db, f->account, id, &j);
    assert_true(json_is_integer(json_object_get(j, "delivered_at")));
    json_decref(j);
}

static void failed_ends_an_undelivered_message(void **state)
{
    struct fixture *f = *state;
    int64_t conv, id = outbound_message(f, &conv);
    json_t *j;

    apply(f, "sent", true);
    apply(f, "failed", true);
    apply(f, "delivered", false);
    assert_string_equal(status_of(f, id), "failed");
    message_get_json(f->db, f->account, id, &j);
    json_t *err = json_object_get(j, "error");
    assert_int_equal(json_integer_value(json_object_get(err, "code")), 131047);
    json_decref(j);
}

static void inbound_messages_are_idempotent_on_wamid(void **state)
{
    struct fixture *f = *state;
    int64_t contact, conv, a, b;
    bool created, dup;
    struct message_input m = {.account_id = f->account,
                              .inbox_id = f->inbox,
                              .direction = "in",
                              .sender_type = "contact",
                              .type = "text",
                              .content = "{\"body\":\"hello\"}",
                              .text = "hello",
                              .wamid = "wamid.in.1",
                              .status = "received"};

    contact_resolve(f->db, f->account, "15550000077", NULL, NULL, 1, &contact);
    conversation_for_inbound(f->db, f->account, f->inbox, contact, 0, 1, &conv,
                             &created);
    m.conversation_id = conv;
    m.contact_id = contact;
    assert_int_equal(message_insert(f->db, &m, &a, &dup), STORE_OK);
    assert_false(dup);
    assert_int_equal(message_insert(f->db, &m, &b, &dup), STORE_OK);
    assert_true(dup);
    assert_int_equal(a, b);

    json_t *list;
    int64_t last;
    assert_int_equal(message_list(f->db, f->account, conv, 0, 10, &list, &last),
                     STORE_OK);
    assert_int_equal(json_array_size(list), 1);
    json_decref(list);
    /* Another account sees nothing of it. */
    assert_int_equal(
        message_list(f->db, f->account + 1, conv, 0, 10, &list, &last),
        STORE_OK);
    assert_int_equal(json_array_size(list), 0);
    json_decref(list);
}

int main(int argc, char **argv)
{
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            inbox_secrets_are_sealed_and_bound_to_their_row, setup, teardown),
        cmocka_unit_test_setup_teardown(identities_resolve_and_merge, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(resolved_conversations_are_not_reopened,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(statuses_only_move_forward, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(failed_ends_an_undelivered_message,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            inbound_messages_are_idempotent_on_wamid, setup, teardown),
    };

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

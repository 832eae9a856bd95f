/*
 * Applying inbound log entries against a real database: a message applied
 * twice is stored once with its contact, conversation and window; statuses
 * only move forward; an edit changes the message it names; bodies that
 * cannot be applied give the reason, and bad items inside a good entry are
 * recorded without blocking the rest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/account.h"
#include "core/inbox.h"
#include "core/message.h"
#include "core/sql.h"
#include "testdb.h"
#include "whatsapp/ingest_internal.h"

#define PHONE "1001"
#define HOUR  (3600LL * 1000)

struct fixture {
    struct testdb t;
    struct db *db;
    uint8_t master[CRYPTO_KEY_LEN];
    int64_t account, inbox;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    struct inbox_input in = {.name = "Main",
                             .phone_number_id = PHONE,
                             .waba_id = "2001",
                             .display_phone_number = "15550001",
                             .graph_base_url = "http://127.0.0.1:9",
                             .graph_version = "v23.0",
                             .throughput_mps = 80,
                             .access_token = "token",
                             .app_secret = "secret",
                             .verify_token = "verify"};

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

/* Log body, then apply it in a transaction as the processor does.
 * Returns the entry id; *fatal gets the reason, "" when it applied. */
static int64_t apply(struct fixture *f, const char *body, char *fatal,
                     size_t fatal_len)
{
    struct db_stmt *st;
    int64_t id, account;

    assert_int_equal(db_prepare(f->db,
                                "INSERT INTO wa_inbound (received_at, body) "
                                "VALUES (1000, $1) RETURNING id",
                                &st),
                     STORE_OK);
    db_bind_blob(st, 1, body, strlen(body));
    assert_int_equal(sql_int64(st, &id), STORE_OK);
    assert_int_equal(db_begin(f->db), STORE_OK);
    assert_int_equal(ingest_apply_entry(f->db, id, body, strlen(body), 1000,
                                        &account, fatal, fatal_len),
                     STORE_OK);
    if (fatal[0])
        db_rollback(f->db);
    else
        assert_int_equal(db_commit(f->db), STORE_OK);
    return id;
}

static int64_t count(struct fixture *f, const char *sql, const char *arg)
{
    struct db_stmt *st;
    int64_t n = -1;

    assert_int_equal(db_prepare(f->db, sql, &st), STORE_OK);
    if (arg)
        db_bind_text(st, 1, arg, -1);
    assert_int_equal(sql_int64(st, &n), STORE_OK);
    return n;
}

static char *text_of(struct fixture *f, const char *sql, const char *arg)
{
    struct db_stmt *st;
    char *out = NULL;

    assert_int_equal(db_prepare(f->db, sql, &st), STORE_OK);
    db_bind_text(st, 1, arg, -1);
    if (db_step(st) == STORE_ROW && db_col_text(st, 0))
        out = xstrdup(db_col_text(st, 0));
    db_done(st);
    return out;
}

/* A webhook body for phone-number id `phone` carrying `value_items`
 * (the JSON members after metadata, without a leading comma). */
static char *envelope(const char *phone, const char *value_items)
{
    return xasprintf(
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":"
        "\"2001\",\"changes\":[{\"field\":\"messages\",\"value\":{"
        "\"messaging_product\":\"whatsapp\",\"metadata\":{"
        "\"display_phone_number\":\"15550001\",\"phone_number_id\":\"%s\"},"
        "%s}}]}]}",
        phone, value_items);
}

static char *text_message(const char *wamid, const char *from, const char *body)
{
    char *items = xasprintf(
        "\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":\"%s\"}],"
        "\"messages\":[{\"from\":\"%s\",\"id\":\"%s\",\"timestamp\":"
        "\"1700000000\",\"type\":\"text\",\"text\":{\"body\":\"%s\"}}]",
        from, from, wamid, body);
    char *b = envelope(PHONE, items);
    free(items);
    return b;
}

static void a_message_applied_twice_is_stored_once(void **state)
{
    struct fixture *f = *state;
    char fatal[256];
    char *body = text_message("wamid.a1", "15557770001", "Where is it?");

    apply(f, body, fatal, sizeof fatal);
    assert_string_equal(fatal, "");
    apply(f, body, fatal, sizeof fatal);
    assert_string_equal(fatal, "");
    assert_int_equal(
        count(f, "SELECT COUNT(*) FROM messages WHERE wamid = $1", "wamid.a1"),
        1);
    char *text =
        text_of(f, "SELECT text FROM messages WHERE wamid = $1", "wamid.a1");
    assert_string_equal(text, "Where is it?");
    free(text);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM contacts WHERE wa_id = $1",
                           "15557770001"),
                     1);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM conversations", NULL), 1);
    /* The window: message time + 24 h, no free entry point. */
    assert_int_equal(
        count(f, "SELECT window_expires_at FROM contact_windows", NULL),
        1700000000000LL + 24 * HOUR);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM events WHERE type = $1",
                           "message.created"),
                     1);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM events WHERE type = $1",
                           "conversation.created"),
                     1);
    free(body);
}

/* An outbound message with a wamid, as the dispatcher leaves it. */
static void add_outbound(struct fixture *f, const char *wamid)
{
    char fatal[256];
    char *body = text_message("wamid.first", "15557770002", "hi");
    int64_t id, conv = 0, contact = 0;
    bool dup;

    apply(f, body, fatal, sizeof fatal);
    free(body);
    conv = count(f, "SELECT MAX(id) FROM conversations", NULL);
    contact = count(f, "SELECT MAX(id) FROM contacts", NULL);
    struct message_input m = {.account_id = f->account,
                              .conversation_id = conv,
                              .inbox_id = f->inbox,
                              .contact_id = contact,
                              .direction = "out",
                              .sender_type = "user",
                              .type = "text",
                              .content = "{\"body\":\"ok\"}",
                              .text = "ok",
                              .wamid = wamid,
                              .status = "sent"};
    assert_int_equal(message_insert(f->db, &m, &id, &dup), STORE_OK);
}

static void apply_status(struct fixture *f, const char *wamid,
                         const char *status, const char *extra)
{
    char fatal[256];
    char *items = xasprintf(
        "\"statuses\":[{\"id\":\"%s\",\"status\":\"%s\",\"timestamp\":"
        "\"1700000100\",\"recipient_id\":\"15557770002\"%s]",
        wamid, status, extra ? extra : "}");
    char *body = envelope(PHONE, items);

    apply(f, body, fatal, sizeof fatal);
    assert_string_equal(fatal, "");
    free(items);
    free(body);
}

static char *status_of(struct fixture *f, const char *wamid)
{
    return text_of(f, "SELECT status FROM messages WHERE wamid = $1", wamid);
}

static void statuses_only_move_forward(void **state)
{
    struct fixture *f = *state;
    char *s;

    add_outbound(f, "wamid.out1");
    apply_status(f, "wamid.out1", "read", NULL);
    apply_status(f, "wamid.out1", "delivered", NULL);
    apply_status(f, "wamid.out1", "sent", NULL);
    s = status_of(f, "wamid.out1");
    assert_string_equal(s, "read");
    free(s);
    /* Failed comes too late once delivered. */
    apply_status(f, "wamid.out1", "failed",
                 ",\"errors\":[{\"code\":131026,\"title\":\"x\"}]}");
    s = status_of(f, "wamid.out1");
    assert_string_equal(s, "read");
    free(s);

    add_outbound(f, "wamid.out2");
    apply_status(f, "wamid.out2", "failed",
                 ",\"errors\":[{\"code\":131047,\"title\":\"Re-engage\"}]}");
    s = status_of(f, "wamid.out2");
    assert_string_equal(s, "failed");
    free(s);
    assert_int_equal(count(f,
                           "SELECT error_code FROM messages WHERE wamid = $1",
                           "wamid.out2"),
                     131047);
}

static void an_edit_changes_the_message_it_names(void **state)
{
    struct fixture *f = *state;
    char fatal[256];
    char *body = text_message("wamid.e1", "15557770003", "helo");
    char *items =
        xstrdup("\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":"
                "\"15557770003\"}],\"messages\":[{\"from\":\"15557770003\","
                "\"id\":\"wamid.e2\",\"timestamp\":\"1700000050\",\"type\":"
                "\"edit\",\"edit\":{\"original_message_id\":\"wamid.e1\","
                "\"message\":{\"type\":\"text\",\"text\":{\"body\":"
                "\"hello\"}}}}]");
    char *edit = envelope(PHONE, items);

    apply(f, body, fatal, sizeof fatal);
    apply(f, edit, fatal, sizeof fatal);
    assert_string_equal(fatal, "");
    char *text =
        text_of(f, "SELECT text FROM messages WHERE wamid = $1", "wamid.e1");
    assert_string_equal(text, "hello");
    free(text);
    assert_int_equal(count(f,
                           "SELECT COUNT(*) FROM messages WHERE wamid = $1 "
                           "AND edited_at IS NOT NULL",
                           "wamid.e1"),
                     1);
    /* The edit itself is not a message of its own. */
    assert_int_equal(
        count(f, "SELECT COUNT(*) FROM messages WHERE wamid = $1", "wamid.e2"),
        0);
    free(body);
    free(items);
    free(edit);
}

static void bodies_that_cannot_apply_give_the_reason(void **state)
{
    struct fixture *f = *state;
    char fatal[256];
    char *unknown = text_message("wamid.u1", "15557770004", "x");
    char *p = strstr(unknown, "\"" PHONE "\"");

    apply(f, "{\"object\":", fatal, sizeof fatal);
    assert_non_null(strstr(fatal, "not a WhatsApp webhook"));
    apply(f, "{\"object\":\"page\",\"entry\":[]}", fatal, sizeof fatal);
    assert_non_null(strstr(fatal, "not a WhatsApp webhook"));

    memcpy(p + 1, "9999", 4); /* a number no inbox has */
    apply(f, unknown, fatal, sizeof fatal);
    assert_non_null(strstr(fatal, "9999"));
    assert_int_equal(count(f, "SELECT COUNT(*) FROM messages", NULL), 0);
    free(unknown);
}

static void bad_items_are_recorded_and_the_rest_applies(void **state)
{
    struct fixture *f = *state;
    char fatal[256];
    char *body = envelope(
        PHONE, "\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":"
               "\"15557770005\"}],\"messages\":[42,{\"from\":"
               "\"15557770005\",\"id\":\"wamid.g1\",\"timestamp\":"
               "\"1700000000\",\"type\":\"text\",\"text\":{\"body\":"
               "\"fine\"}}]");
    int64_t id = apply(f, body, fatal, sizeof fatal);
    char key[32];

    assert_string_equal(fatal, "");
    assert_int_equal(
        count(f, "SELECT COUNT(*) FROM messages WHERE wamid = $1", "wamid.g1"),
        1);
    snprintf(key, sizeof key, "%lld", (long long)id);
    assert_int_equal(count(f,
                           "SELECT COUNT(*) FROM wa_inbound_items WHERE "
                           "kind = 'unparsed' AND CAST(inbound_id AS TEXT) "
                           "= $1",
                           key),
                     1);
    free(body);
}

int main(int argc, char **argv)
{
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_message_applied_twice_is_stored_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(statuses_only_move_forward, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_edit_changes_the_message_it_names,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            bodies_that_cannot_apply_give_the_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(
            bad_items_are_recorded_and_the_rest_applies, setup, teardown),
    };

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

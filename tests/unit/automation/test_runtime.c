/*
 * Tests of the automation runtime on a real database (SQLite, or the
 * PostgreSQL of PARLEY_TEST_PG_URL): customer messages published on the
 * event bus run the demo rules through the job queue; the Korean and
 * English order-status flows, the handoff to the least-loaded online
 * agent, the queue when nobody is online, the loop guard, and time
 * events and SLA breaches that fire after a restart. The clock is moved
 * with clock_set_offset_ms(), never slept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "automation/automation.h"
#include "base/clock.h"
#include "base/mem.h"
#include "core/conversation.h"
#include "core/demo.h"
#include "core/events.h"
#include "core/message.h"
#include "core/sql.h"
#include "jobs/jobs.h"
#include "testdb.h"
#include "whatsapp/channel.h"

#define MIN 60000LL

struct fx {
    struct testdb t;
    struct jobs *jobs;
    struct wa_channel ch;
    int64_t account, inbox, support, korean, agent1, agent2;
};

/* Monday 9 March 2026, 10:00 in Seoul: inside the demo's hours. */
static int64_t monday_morning(void)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 2, .tm_mday = 9, .tm_hour = 1};
    return (int64_t)timegm(&tm) * 1000;
}

static int64_t one(struct db *db, const char *sql, int64_t a, const char *b)
{
    struct db_stmt *st;
    int64_t v = 0;

    assert_int_equal(db_prepare(db, sql, &st), STORE_OK);
    db_bind_int64(st, 1, a);
    if (b)
        db_bind_text(st, 2, b, -1);
    enum store_rc rc = sql_int64(st, &v);
    assert_true(rc == STORE_OK || rc == STORE_NOT_FOUND);
    return v;
}

static void exec_sql(struct db *db, const char *sql, int64_t a, int64_t b,
                     int64_t c)
{
    struct db_stmt *st;

    assert_int_equal(db_prepare(db, sql, &st), STORE_OK);
    db_bind_int64(st, 1, a);
    db_bind_int64(st, 2, b);
    db_bind_int64(st, 3, c);
    assert_int_equal(sql_run(st), STORE_OK);
}

/* Start the runtime as serve does: handlers, then the hand-off thread. */
static void start_runtime(struct fx *f)
{
    f->jobs = jobs_new(f->t.store, "test", 1);
    f->ch = (struct wa_channel){.store = f->t.store, .jobs = f->jobs};
    assert_int_equal(automation_init(&f->ch), 0);
    assert_int_equal(automation_start(&f->ch), 0);
}

static void stop_runtime(struct fx *f)
{
    automation_stop();
    events_reset();
    jobs_free(f->jobs);
    f->jobs = NULL;
}

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    bool seeded;

    clock_set_offset_ms(monday_morning() - clock_now_ms());
    if (testdb_open(&f->t, 4)) {
        free(f);
        return -1;
    }
    struct db *db = store_acquire(f->t.store);
    assert_int_equal(demo_seed(db, "password-123", &seeded, &f->account), 0);
    exec_sql(db,
             "INSERT INTO inboxes (account_id, name, phone_number_id, "
             "waba_id, display_phone_number, graph_base_url, graph_version, "
             "created_at, updated_at) VALUES ($1, 'Demo', '1001', '1002', "
             "'15550000001', 'http://127.0.0.1:1', 'v23.0', $2, $3)",
             f->account, clock_now_ms(), clock_now_ms());
    f->inbox = one(db, "SELECT id FROM inboxes WHERE account_id = $1",
                   f->account, NULL);
    f->support = one(db,
                     "SELECT id FROM teams WHERE account_id = $1 AND "
                     "name = $2",
                     f->account, "Support");
    f->korean = one(db,
                    "SELECT id FROM teams WHERE account_id = $1 AND "
                    "name = $2",
                    f->account, "Korean Desk");
    f->agent1 = one(db,
                    "SELECT id FROM users WHERE account_id = $1 AND "
                    "email = $2",
                    f->account, "agent1@demo.test");
    f->agent2 = one(db,
                    "SELECT id FROM users WHERE account_id = $1 AND "
                    "email = $2",
                    f->account, "agent2@demo.test");
    assert_int_equal(automation_seed_demo(db, f->account), STORE_OK);
    store_release(db);
    start_runtime(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    stop_runtime(f);
    testdb_close(&f->t);
    clock_set_offset_ms(0);
    free(f);
    return 0;
}

/* A customer (wa_id) message as the ingest side stores it: contact,
 * window, conversation, message, message.created. Returns the
 * conversation id. */
struct inbound {
    struct fx *f;
    const char *wa_id, *text, *reply_id;
    int64_t conv;
};

static enum store_rc inbound_tx(struct db *db, void *arg)
{
    struct inbound *in = arg;
    struct fx *f = in->f;
    int64_t now = clock_now_ms(), contact, mid;
    bool created, dup;
    struct db_stmt *st;
    json_t *m;
    char content[256], wamid[64];
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO contacts (account_id, wa_id, name, phone, created_at, "
        "updated_at) VALUES ($1, $2, 'Ana', $2, $3, $3) ON CONFLICT "
        "(account_id, wa_id) DO UPDATE SET updated_at = $3 RETURNING id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, f->account);
    db_bind_text(st, 2, in->wa_id, -1);
    db_bind_int64(st, 3, now);
    if ((rc = sql_int64(st, &contact)))
        return rc;
    if ((rc = db_prepare(db,
                         "INSERT INTO contact_windows (account_id, "
                         "contact_id, inbox_id, last_inbound_at, "
                         "window_expires_at) VALUES ($1, $2, $3, $4, $5) ON "
                         "CONFLICT (contact_id, inbox_id) DO UPDATE SET "
                         "last_inbound_at = $4, window_expires_at = $5",
                         &st)))
        return rc;
    db_bind_int64(st, 1, f->account);
    db_bind_int64(st, 2, contact);
    db_bind_int64(st, 3, f->inbox);
    db_bind_int64(st, 4, now);
    db_bind_int64(st, 5, now + 24 * 60 * MIN);
    if ((rc = sql_run(st)) ||
        (rc = conversation_for_inbound(db, f->account, f->inbox, contact, 0,
                                       now, &in->conv, &created)))
        return rc;
    if (in->reply_id)
        snprintf(content, sizeof content,
                 "{\"type\":\"button_reply\",\"id\":\"%s\",\"title\":\"%s\"}",
                 in->reply_id, in->text);
    else
        snprintf(content, sizeof content, "{\"body\":\"%s\"}", in->text);
    snprintf(wamid, sizeof wamid, "wamid.%lld.%d", (long long)now, rand());
    struct message_input mi = {.account_id = f->account,
                               .conversation_id = in->conv,
                               .inbox_id = f->inbox,
                               .contact_id = contact,
                               .direction = "in",
                               .sender_type = "contact",
                               .sender_id = contact,
                               .type = in->reply_id ? "interactive" : "text",
                               .content = content,
                               .text = in->text,
                               .wamid = wamid,
                               .status = "received",
                               .created_at = now};
    if ((rc = message_insert(db, &mi, &mid, &dup)) ||
        (rc = conversation_note_inbound(db, in->conv, mid, now)) ||
        (rc = message_get_json(db, f->account, mid, &m)))
        return rc;
    return events_emit(db, f->account, "message.created", 0, ROLE_AGENT, m,
                       NULL);
}

/* Run due jobs until none is left (the hand-off thread may still be
 * turning events into jobs, so look a few times). */
static void drain(struct fx *f)
{
    int idle = 0;

    while (idle < 20) {
        bool ran = false;
        assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
        if (ran) {
            idle = 0;
        } else {
            idle++;
            usleep(5000);
        }
    }
}

static int64_t send_text(struct fx *f, const char *wa_id, const char *text,
                         const char *reply_id)
{
    struct inbound in = {f, wa_id, text, reply_id, 0};
    struct db *db = store_acquire(f->t.store);

    assert_int_equal(store_tx(db, inbound_tx, &in), STORE_OK);
    store_release(db);
    drain(f);
    return in.conv;
}

/* How many queued automation messages of conv contain needle. */
static int64_t replies_with(struct fx *f, int64_t conv, const char *needle)
{
    char like[256];
    struct db *db = store_acquire(f->t.store);
    struct db_stmt *st;
    int64_t n;

    snprintf(like, sizeof like, "%%%s%%", needle);
    assert_int_equal(db_prepare(db,
                                "SELECT COUNT(*) FROM messages WHERE "
                                "conversation_id = $1 AND direction = 'out' "
                                "AND sender_type = 'automation' AND status = "
                                "'queued' AND content LIKE $2",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, conv);
    db_bind_text(st, 2, like, -1);
    assert_int_equal(sql_int64(st, &n), STORE_OK);
    store_release(db);
    return n;
}

static struct conversation conv_of(struct fx *f, int64_t id)
{
    struct conversation c;
    struct db *db = store_acquire(f->t.store);

    assert_int_equal(conversation_get(db, f->account, id, &c), STORE_OK);
    store_release(db);
    return c;
}

static void set_online(struct fx *f, int64_t user)
{
    struct db *db = store_acquire(f->t.store);
    char hash[64];

    snprintf(hash, sizeof hash, "h%lld-%lld", (long long)user,
             (long long)clock_now_ms());
    struct db_stmt *st;
    assert_int_equal(db_prepare(db,
                                "INSERT INTO sessions (token_hash, "
                                "account_id, user_id, csrf_token, created_at, "
                                "last_seen_at, expires_at) VALUES ($1, $2, "
                                "$3, 'c', $4, $4, $5)",
                                &st),
                     STORE_OK);
    db_bind_text(st, 1, hash, -1);
    db_bind_int64(st, 2, f->account);
    db_bind_int64(st, 3, user);
    db_bind_int64(st, 4, clock_now_ms());
    db_bind_int64(st, 5, clock_now_ms() + 24 * 60 * MIN);
    assert_int_equal(sql_run(st), STORE_OK);
    store_release(db);
}

/* A customer asks for an order status in Korean: the conversation goes to
 * the Korean Desk, the bot asks for the number in Korean, and the lookup
 * answers with the tracking link built from it. */
static void test_korean_order_flow(void **state)
{
    struct fx *f = *state;
    int64_t conv = send_text(f, "821011112222", "주문 조회 부탁드려요", NULL);

    assert_int_equal(replies_with(f, conv, "주문 번호를 보내주세요"), 1);
    assert_int_equal(conv_of(f, conv).team_id, f->korean);
    send_text(f, "821011112222", "A-1234 입니다", NULL);
    assert_int_equal(replies_with(f, conv, "track.example.com/A-1234"), 1);
    /* Inside business hours: no out-of-hours reply. */
    assert_int_equal(replies_with(f, conv, "closed right now"), 0);
}

/* English: greeting -> menu buttons; the tapped button asks for the
 * number; the number gets the link. */
static void test_english_menu_flow(void **state)
{
    struct fx *f = *state;
    int64_t conv = send_text(f, "15551230001", "Hello there", NULL);

    assert_int_equal(replies_with(f, conv, "\"order_status\""), 1);
    send_text(f, "15551230001", "Order status", "order_status");
    assert_int_equal(replies_with(f, conv, "Please send your order number"), 1);
    send_text(f, "15551230001", "it is B-98765", NULL);
    assert_int_equal(replies_with(f, conv, "track.example.com/B-98765"), 1);
    assert_int_equal(conv_of(f, conv).team_id, 0);
}

/* Store a customer message without running any job. */
static void store_text(struct fx *f, const char *wa_id, const char *text,
                       const char *reply_id)
{
    struct inbound in = {f, wa_id, text, reply_id, 0};
    struct db *db = store_acquire(f->t.store);

    assert_int_equal(store_tx(db, inbound_tx, &in), STORE_OK);
    store_release(db);
}

/* Wait for the hand-off thread to have queued n message evaluations. */
static void await_evaluations(struct fx *f, int64_t n)
{
    struct db *db = store_acquire(f->t.store);
    int64_t have = 0;

    for (int i = 0; i < 400 && have < n; i++) {
        have = one(db,
                   "SELECT COUNT(*) FROM jobs WHERE kind = $2 AND state = "
                   "'ready' AND payload LIKE '%message.received%' AND $1 = 0",
                   0, "automation.evaluate");
        if (have < n)
            usleep(5000);
    }
    store_release(db);
    assert_int_equal(have, n);
}

/*
 * Two quick messages into the menu flow, the second one's job taken first
 * (as a second worker would while the first is held up): the button must
 * still be evaluated before the order number, so the number gets its
 * tracking link.
 */
static void test_menu_flow_in_order(void **state)
{
    struct fx *f = *state;
    int64_t conv = send_text(f, "15551230002", "Hello there", NULL);

    assert_int_equal(replies_with(f, conv, "\"order_status\""), 1);
    store_text(f, "15551230002", "Order status", "order_status");
    store_text(f, "15551230002", "it is C-4242", NULL);
    await_evaluations(f, 2);
    struct db *db = store_acquire(f->t.store);
    struct db_stmt *st;
    assert_int_equal(db_prepare(db,
                                "UPDATE jobs SET run_at = run_at + 300 WHERE "
                                "kind = 'automation.evaluate' AND state = "
                                "'ready' AND id < (SELECT MAX(id) FROM jobs "
                                "WHERE kind = 'automation.evaluate' AND "
                                "payload LIKE '%message.received%')",
                                &st),
                     STORE_OK);
    assert_int_equal(sql_run(st), STORE_OK);
    store_release(db);
    for (int i = 0; i < 10; i++) /* past the delay of the held-up job */
        drain(f);
    assert_int_equal(replies_with(f, conv, "Please send your order number"), 1);
    assert_int_equal(replies_with(f, conv, "track.example.com/C-4242"), 1);
}

/* "Talk to a person" lands on the Support team with the least-loaded
 * online agent: agent1 already has a conversation, agent2 none. */
static void test_handoff_least_loaded(void **state)
{
    struct fx *f = *state;

    set_online(f, f->agent1);
    set_online(f, f->agent2);
    int64_t busy = send_text(f, "15551230002", "just saying thanks", NULL);
    struct db *db = store_acquire(f->t.store);
    exec_sql(db,
             "UPDATE conversations SET assignee_id = $2 WHERE id = $1 "
             "AND $3 = $3",
             busy, f->agent1, 0);
    store_release(db);

    int64_t conv =
        send_text(f, "15551230003", "I want to talk to a person", NULL);
    struct conversation c = conv_of(f, conv);
    assert_int_equal(c.team_id, f->support);
    assert_int_equal(c.assignee_id, f->agent2);
    assert_int_equal(replies_with(f, conv, "Connecting you"), 1);
}

/* Nobody online: the conversation waits in the queue and the customer is
 * told their place. */
static void test_queue_when_nobody_online(void **state)
{
    struct fx *f = *state;
    int64_t conv = send_text(f, "15551230004", "agent please", NULL);
    struct conversation c = conv_of(f, conv);

    assert_int_equal(c.assignee_id, 0);
    assert_int_equal(c.team_id, f->support);
    assert_int_equal(replies_with(f, conv, "number 1 in the queue"), 1);

    /* An agent signs in: the sweep hands the conversation out. */
    set_online(f, f->agent1);
    struct db *db = store_acquire(f->t.store);
    assert_int_equal(
        jobs_enqueue(db, &(struct job_spec){.kind = "automation.tick"}, NULL),
        STORE_OK);
    store_release(db);
    drain(f);
    assert_int_equal(conv_of(f, conv).assignee_id, f->agent1);
}

/* Timers and SLA jobs live in the jobs table: restart the node (close and
 * reopen the store, a fresh runtime), move the clock, and they fire. */
static void test_time_events_across_restart(void **state)
{
    struct fx *f = *state;

    set_online(f, f->agent2);
    int64_t conv = send_text(f, "15551230005", "human please", NULL);
    assert_int_equal(conv_of(f, conv).assignee_id, f->agent2);

    stop_runtime(f);
    assert_int_equal(testdb_reopen(&f->t), 0);
    clock_set_offset_ms(monday_morning() + 16 * MIN - time(NULL) * 1000LL);
    set_online(f, f->agent2); /* still at work, just not answering */
    start_runtime(f);
    drain(f);

    struct db *db = store_acquire(f->t.store);
    int64_t waited = one(db,
                         "SELECT COUNT(*) FROM messages WHERE "
                         "conversation_id = $1 AND type = 'note' AND text "
                         "LIKE $2",
                         conv, "%waited 10 minutes%");
    char state_text[32] = "";
    struct db_stmt *st;
    assert_int_equal(db_prepare(db,
                                "SELECT sla_state FROM "
                                "automation_conversations WHERE "
                                "conversation_id = $1",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, conv);
    assert_int_equal(db_step(st), STORE_ROW);
    snprintf(state_text, sizeof state_text, "%s", db_col_text(st, 0));
    db_done(st);
    store_release(db);
    assert_int_equal(waited, 1);
    assert_string_equal(state_text, "breached");
    assert_int_equal(conv_of(f, conv).priority, 4);
}

/* Automation's own messages never trigger rules: the only automation
 * rows after one greeting are its menu and the activity lines. */
static void test_loop_guard(void **state)
{
    struct fx *f = *state;
    int64_t conv = send_text(f, "15551230006", "hi", NULL);
    struct db *db = store_acquire(f->t.store);
    int64_t menus = one(db,
                        "SELECT COUNT(*) FROM messages WHERE conversation_id "
                        "= $1 AND type = 'interactive' AND CAST($2 AS TEXT) "
                        "IS NULL",
                        conv, NULL);

    store_release(db);
    assert_int_equal(menus, 1);
}

int main(int argc, char **argv)
{
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_korean_order_flow, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_english_menu_flow, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_menu_flow_in_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_handoff_least_loaded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_queue_when_nobody_online, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_time_events_across_restart, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_loop_guard, setup, teardown),
    };

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The automation runtime: from domain events to jobs, and the job
 * handlers that load the facts of a conversation, evaluate the rules and
 * carry out the plan; time events, SLA timers, outbound webhooks and the
 * recurring sweep.
 *
 * Event subscribers run on the committing thread and must not write, so
 * the subscriber only copies what it needs into a bounded queue; a
 * hand-off thread turns each entry into an "automation.evaluate" job
 * (unique per event id), in a transaction of its own.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation/automation.h"
#include "automation/hours.h"
#include "automation/internal.h"
#include "automation/rules.h"
#include "automation/sla.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/events.h"
#include "core/message.h"
#include "core/outbox.h"
#include "core/sql.h"
#include "jobs/jobs.h"
#include "whatsapp/channel.h"

#define HANDOFF_CAP 4096

/* --- loading the facts --------------------------------------------------- */

static enum store_rc ensure_state_row(struct auto_ctx *ctx)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "INSERT INTO automation_conversations (conversation_id, account_id, "
        "seen_status, seen_assignee_id, seen_priority) VALUES ($1, $2, $3, "
        "$4, $5) ON CONFLICT (conversation_id) DO NOTHING",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_int64(st, 2, ctx->account_id);
    db_bind_text(st, 3, ctx->conv.status, -1);
    db_bind_int64(st, 4, ctx->conv.assignee_id);
    db_bind_int64(st, 5, ctx->conv.priority);
    if ((rc = sql_run(st)))
        return rc;
    if ((rc = db_prepare(ctx->db,
                         "SELECT flow_step FROM automation_conversations "
                         "WHERE conversation_id = $1",
                         &st)))
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    if ((rc = db_step(st)) == STORE_ROW)
        snprintf(ctx->flow_step, sizeof ctx->flow_step, "%s",
                 db_col_text(st, 0));
    db_done(st);
    return rc == STORE_ROW ? STORE_OK : STORE_ERROR;
}

static enum store_rc load_contact(struct auto_ctx *ctx)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "SELECT CASE WHEN name <> '' THEN name ELSE profile_name END, "
        "COALESCE(NULLIF(phone, ''), wa_id, ''), attributes, language FROM "
        "contacts WHERE account_id = $1 AND id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_int64(st, 2, ctx->conv.contact_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        json_t *attrs = json_loads(db_col_text(st, 2), 0, NULL);
        if (!json_is_object(attrs)) {
            json_decref(attrs);
            attrs = json_object();
        }
        ctx->contact = json_pack("{ss ss so ss}", "name", db_col_text(st, 0),
                                 "phone", db_col_text(st, 1), "attributes",
                                 attrs, "language", db_col_text(st, 3));
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

static enum store_rc load_labels(struct auto_ctx *ctx)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "SELECT l.name FROM labels l WHERE l.account_id = $1 AND (l.id IN "
        "(SELECT label_id FROM conversation_labels WHERE conversation_id = "
        "$2) OR l.id IN (SELECT label_id FROM contact_labels WHERE "
        "contact_id = $3))",
        &st);

    ctx->labels = json_array();
    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_int64(st, 2, ctx->conv.id);
    db_bind_int64(st, 3, ctx->conv.contact_id);
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(ctx->labels, json_string(db_col_text(st, 0)));
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Business hours of the inbox: *found false when it has none. */
static enum store_rc load_hours(struct db *db, int64_t inbox_id,
                                struct business_hours *bh, bool *found)
{
    struct db_stmt *st;
    char err[200];
    enum store_rc rc = db_prepare(
        db, "SELECT hours FROM business_hours WHERE inbox_id = $1", &st);

    *found = false;
    if (rc)
        return rc;
    db_bind_int64(st, 1, inbox_id);
    if ((rc = db_step(st)) == STORE_ROW) {
        json_t *doc = json_loads(db_col_text(st, 0), 0, NULL);
        *found = bh_parse(doc, bh, err, sizeof err) == 0;
        json_decref(doc);
    }
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

static enum store_rc count_inbound(struct auto_ctx *ctx, int64_t *n)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "SELECT COUNT(*) FROM messages WHERE conversation_id = $1 AND "
        "direction = 'in'",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    return sql_int64(st, n);
}

static int64_t last_reply_of(int64_t rule_id, void *arg)
{
    struct auto_ctx *ctx = arg;
    struct db_stmt *st;
    int64_t at = 0;

    if (db_prepare(ctx->db,
                   "SELECT last_reply_at FROM rule_replies WHERE rule_id = $1 "
                   "AND conversation_id = $2",
                   &st))
        return 0;
    db_bind_int64(st, 1, rule_id);
    db_bind_int64(st, 2, ctx->conv.id);
    if (sql_int64(st, &at))
        at = 0;
    return at;
}

/* Fill the message facts from its API JSON. */
static void message_facts(struct auto_ctx *ctx)
{
    const json_t *m = ctx->message, *content = json_object_get(m, "content");
    const json_t *ai = json_object_get(m, "ai");
    struct auto_facts *f = &ctx->facts;

    f->sender_type = json_string_value(
        json_object_get(json_object_get(m, "sender"), "type"));
    f->message_type = json_string_value(json_object_get(m, "type"));
    f->text = json_string_value(json_object_get(m, "text"));
    f->reply_id = json_string_value(json_object_get(content, "id"));
    if (!f->reply_id)
        f->reply_id = json_string_value(json_object_get(content, "payload"));
    if (!f->text || !*f->text)
        f->text = json_string_value(json_object_get(content, "title"));
    f->intent = json_string_value(json_object_get(ai, "intent"));
    f->language = json_string_value(json_object_get(ai, "language"));
    f->sentiment = json_string_value(json_object_get(ai, "sentiment"));
}

static void fill_facts(struct auto_ctx *ctx, const char *event, bool open,
                       int64_t inbound)
{
    struct auto_facts *f = &ctx->facts;
    const char *lang =
        json_string_value(json_object_get(ctx->contact, "language"));

    memset(f, 0, sizeof *f);
    f->event = event;
    f->now = ctx->now;
    if (ctx->message)
        message_facts(ctx);
    if ((!f->language || !*f->language) && lang && *lang)
        f->language = lang;
    f->first_message = inbound == 1;
    f->conversation_id = ctx->conv.id;
    f->inbox_id = ctx->conv.inbox_id;
    f->team_id = ctx->conv.team_id;
    f->assignee_id = ctx->conv.assignee_id;
    f->priority = ctx->conv.priority;
    f->status = ctx->conv.status;
    f->in_business_hours = open;
    f->flow_step = ctx->flow_step;
    f->labels = ctx->labels;
    f->contact_name = json_string_value(json_object_get(ctx->contact, "name"));
    f->contact_phone =
        json_string_value(json_object_get(ctx->contact, "phone"));
    f->contact_attributes = json_object_get(ctx->contact, "attributes");
    f->last_reply = last_reply_of;
    f->last_reply_arg = ctx;
}

enum store_rc auto_ctx_load(struct db *db, int64_t account_id,
                            int64_t conversation_id, int64_t message_id,
                            const char *event, struct auto_ctx *ctx)
{
    struct business_hours bh;
    bool has_hours, open = true;
    int64_t expires, inbound = 0;
    enum store_rc rc;

    memset(ctx, 0, sizeof *ctx);
    ctx->db = db;
    ctx->account_id = account_id;
    ctx->now = clock_now_ms();
    if ((rc = conversation_get(db, account_id, conversation_id, &ctx->conv)) ||
        (rc = ensure_state_row(ctx)) || (rc = load_contact(ctx)) ||
        (rc = load_labels(ctx)) ||
        (rc = load_hours(db, ctx->conv.inbox_id, &bh, &has_hours)) ||
        (rc = outbox_window(db, ctx->conv.contact_id, ctx->conv.inbox_id,
                            ctx->now, &ctx->window_open, &expires)) ||
        (rc = count_inbound(ctx, &inbound)))
        return rc;
    if (message_id &&
        (rc = message_get_json(db, account_id, message_id, &ctx->message)))
        return rc;
    if (has_hours)
        open = bh_is_open(&bh, ctx->now);
    fill_facts(ctx, event, open, inbound);
    return STORE_OK;
}

void auto_ctx_free(struct auto_ctx *ctx)
{
    json_decref(ctx->message);
    json_decref(ctx->contact);
    json_decref(ctx->labels);
    memset(ctx, 0, sizeof *ctx);
}

enum store_rc auto_mark_seen(struct auto_ctx *ctx)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "UPDATE automation_conversations SET seen_status = $2, "
        "seen_assignee_id = $3, seen_priority = $4 WHERE conversation_id = $1",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_text(st, 2, ctx->conv.status, -1);
    db_bind_int64(st, 3, ctx->conv.assignee_id);
    db_bind_int64(st, 4, ctx->conv.priority);
    return sql_run(st);
}

enum store_rc auto_run_rules(struct auto_ctx *ctx)
{
    struct auto_rules_ref *ref;
    struct auto_plan plan;
    enum store_rc rc = auto_rules_acquire(ctx->db, ctx->account_id, &ref);

    if (rc)
        return rc;
    auto_evaluate(&ref->rs, &ctx->facts, &plan);
    rc = auto_exec_plan(ctx, &plan);
    auto_plan_free(&plan);
    auto_rules_release(ref);
    return rc;
}

/* --- event handlers --------------------------------------------------------
 */

/* A rating tapped in a CSAT survey ("csat:1".."csat:5") is stored once. */
static enum store_rc record_csat(struct auto_ctx *ctx)
{
    const char *id = ctx->facts.reply_id;
    struct db_stmt *st;
    enum store_rc rc;

    if (!id || strncmp(id, "csat:", 5) || id[5] < '1' || id[5] > '5' || id[6])
        return STORE_OK;
    rc = db_prepare(ctx->db,
                    "INSERT INTO csat_responses (account_id, conversation_id, "
                    "message_id, rating, created_at) VALUES ($1, $2, $3, $4, "
                    "$5) ON CONFLICT (message_id) DO NOTHING",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_int64(st, 2, ctx->conv.id);
    db_bind_int64(st, 3,
                  json_integer_value(json_object_get(ctx->message, "id")));
    db_bind_int64(st, 4, id[5] - '0');
    db_bind_int64(st, 5, ctx->now);
    if ((rc = sql_run(st)))
        return rc;
    return auto_activity(ctx, 0, "csat", "csat_response",
                         json_pack("{si}", "rating", id[5] - '0'));
}

/* When a timed rule should fire for the conversation as it is now; 0 when
 * it does not apply (resolved, nobody waiting). */
static int64_t timer_due(const struct auto_ctx *ctx, const struct auto_rule *r,
                         int64_t window_expires)
{
    int64_t x = r->event_minutes * 60000;
    const struct conversation *c = &ctx->conv;

    if (!strcmp(c->status, "resolved"))
        return 0;
    if (!strcmp(r->event, "time.idle"))
        return c->last_message_at + x;
    if (!strcmp(r->event, "time.window_closing"))
        return window_expires > 0 ? window_expires - x : 0;
    if (!c->waiting_since)
        return 0;
    if (!strcmp(r->event, "time.no_agent_reply") && !c->assignee_id)
        return 0;
    return c->waiting_since + x;
}

/* Arm a timer job per timed rule of the account (unique per conversation
 * and rule), after a customer message. */
static enum store_rc arm_timers(struct auto_ctx *ctx)
{
    struct auto_rules_ref *ref;
    enum store_rc rc = auto_rules_acquire(ctx->db, ctx->account_id, &ref);

    for (size_t i = 0; rc == STORE_OK && i < ref->rs.count; i++) {
        const struct auto_rule *r = &ref->rs.rules[i];
        if (!r->enabled || !auto_event_is_timed(r->event))
            continue;
        char key[96], payload[96];
        snprintf(key, sizeof key, "auto:t:%lld:%lld", (long long)ctx->conv.id,
                 (long long)r->id);
        snprintf(payload, sizeof payload,
                 "{\"conversation_id\":%lld,\"rule_id\":%lld}",
                 (long long)ctx->conv.id, (long long)r->id);
        struct job_spec spec = {.kind = "automation.timer",
                                .account_id = ctx->account_id,
                                .payload = payload,
                                .run_at = ctx->now + r->event_minutes * 60000,
                                .max_attempts = 1000,
                                .unique_key = key};
        rc = jobs_enqueue(ctx->db, &spec, NULL);
    }
    auto_rules_release(ref);
    return rc;
}

/* Conversation events automation derives from a change it had not seen. */
static enum store_rc diff_events(struct auto_ctx *ctx, const char **evs, int *n)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(ctx->db,
                   "SELECT seen_status, seen_assignee_id, seen_priority FROM "
                   "automation_conversations WHERE conversation_id = $1",
                   &st);

    *n = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    if ((rc = db_step(st)) == STORE_ROW) {
        const char *s = db_col_text(st, 0);
        bool was_resolved = !strcmp(s, "resolved");
        bool resolved = !strcmp(ctx->conv.status, "resolved");
        if (resolved && !was_resolved)
            evs[(*n)++] = "conversation.resolved";
        if (!resolved && was_resolved)
            evs[(*n)++] = "conversation.opened";
        if (ctx->conv.assignee_id &&
            ctx->conv.assignee_id != db_col_int64(st, 1))
            evs[(*n)++] = "conversation.assigned";
        if (ctx->conv.priority != db_col_int64(st, 2))
            evs[(*n)++] = "conversation.priority_changed";
    }
    db_done(st);
    return rc == STORE_ROW ? STORE_OK : STORE_ERROR;
}

struct evaluate {
    int64_t account_id, conversation_id, message_id;
    int64_t event_id;  /* 0: a job from before events were ordered */
    const char *event; /* message.received, conversation.created/updated */
    bool wait;         /* out: an earlier event is not done yet */
};

/* An earlier event that has waited this long is taken to be lost (its
 * job failed for good), and no longer holds the later ones back. */
#define ORDER_STALE_MS (2 * 60000LL)

/*
 * Take e's turn in its conversation's order: claim its pending row (the
 * row lock keeps a duplicate job on another node out until we commit).
 * Sets e->wait when an earlier event of the conversation is still to be
 * evaluated, and *skip when this event was already evaluated. Returns
 * STORE_OK or a store error.
 */
static enum store_rc take_turn(struct db *db, struct evaluate *e, bool *skip)
{
    struct db_stmt *st;
    int64_t earlier = 0;
    enum store_rc rc = db_prepare(
        db,
        "SELECT COUNT(*) FROM automation_pending WHERE conversation_id = $1 "
        "AND event_id < $2 AND done = 0 AND created_at > $3",
        &st);

    *skip = false;
    if (rc)
        return rc;
    db_bind_int64(st, 1, e->conversation_id);
    db_bind_int64(st, 2, e->event_id);
    db_bind_int64(st, 3, clock_now_ms() - ORDER_STALE_MS);
    if ((rc = sql_int64(st, &earlier)))
        return rc;
    if (earlier > 0) {
        e->wait = true;
        return STORE_OK;
    }
    if ((rc = db_prepare(db,
                         "UPDATE automation_pending SET done = 1 WHERE "
                         "conversation_id = $1 AND event_id = $2 AND done = 0",
                         &st)))
        return rc;
    db_bind_int64(st, 1, e->conversation_id);
    db_bind_int64(st, 2, e->event_id);
    rc = sql_run_changed(st);
    if (rc == STORE_NOT_FOUND) {
        *skip = true; /* done by an earlier run of this event's job */
        rc = STORE_OK;
    }
    return rc;
}

static enum store_rc evaluate_tx(struct db *db, void *arg)
{
    struct evaluate *e = arg;
    struct auto_ctx ctx = {0};
    const char *evs[4];
    int n = 1;
    bool skip = false;
    enum store_rc rc = STORE_OK;

    e->wait = false;
    if (e->event_id && ((rc = take_turn(db, e, &skip)) || e->wait || skip))
        return rc;
    if ((rc = auto_ctx_load(db, e->account_id, e->conversation_id,
                            e->message_id, e->event, &ctx)))
        goto out;
    evs[0] = e->event;
    if (!strcmp(e->event, "conversation.updated") &&
        (rc = diff_events(&ctx, evs, &n)))
        goto out;
    if (!strcmp(e->event, "message.received") && (rc = record_csat(&ctx)))
        goto out;
    for (int i = 0; rc == STORE_OK && i < n; i++) {
        ctx.facts.event = evs[i];
        rc = auto_run_rules(&ctx);
    }
    if (rc == STORE_OK && !strcmp(e->event, "message.received"))
        rc = arm_timers(&ctx);
    if (rc == STORE_OK)
        rc = auto_mark_seen(&ctx);
out:
    auto_ctx_free(&ctx);
    return rc;
}

static enum store_rc give_up_tx(struct db *db, void *arg)
{
    const struct evaluate *e = arg;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "UPDATE automation_pending SET done = 1 "
                                  "WHERE conversation_id = $1 AND event_id = "
                                  "$2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, e->conversation_id);
    db_bind_int64(st, 2, e->event_id);
    return sql_run(st);
}

/* An event whose evaluation failed for good no longer holds back the
 * later events of its conversation. */
static void give_up_turn(struct db *db, struct evaluate *e)
{
    if (e->event_id && e->conversation_id &&
        store_tx(db, give_up_tx, e) != STORE_OK)
        log_warn("automation_order_release_failed", "conv=%lld event=%lld",
                 (long long)e->conversation_id, (long long)e->event_id);
}

static enum job_result on_evaluate(struct db *db, struct job *job, void *arg)
{
    json_t *p = json_loads(job->payload, 0, NULL);
    struct evaluate e = {
        .account_id = job->account_id,
        .conversation_id =
            json_integer_value(json_object_get(p, "conversation_id")),
        .message_id = json_integer_value(json_object_get(p, "message_id")),
        .event_id = json_integer_value(json_object_get(p, "event_id")),
        .event = json_string_value(json_object_get(p, "event")),
    };
    enum store_rc rc = STORE_CONSTRAINT;
    bool last = job->attempt >= job->max_attempts;

    if (e.event && e.conversation_id)
        rc = store_tx(db, evaluate_tx, &e);
    json_decref(p);
    if (rc == STORE_OK && e.wait) {
        /* Short at first: the earlier event is usually being evaluated
         * right now. */
        job->retry_in_ms = job->attempt < 20 ? 10 * job->attempt : 500;
        jobs_set_error(job, "waiting for an earlier event");
        return JOB_RETRY;
    }
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        return JOB_DONE;
    jobs_set_error(job, "evaluate failed: rc=%d", rc);
    if (rc == STORE_CONSTRAINT || last) {
        give_up_turn(db, &e);
        return JOB_FAIL;
    }
    return JOB_RETRY;
}

/* --- time events ------------------------------------------------------------
 */

struct timer {
    int64_t account_id, conversation_id, rule_id;
    int64_t retry_at; /* out: not due yet, run again then */
};

/* Run one rule (a ruleset of one, so that the engine's guards hold). */
static enum store_rc run_single(struct auto_ctx *ctx, const struct auto_rule *r)
{
    struct auto_ruleset one = {.rules = (struct auto_rule *)r, .count = 1};
    struct auto_plan plan;
    enum store_rc rc;

    ctx->facts.event = r->event;
    ctx->facts.event_minutes = r->event_minutes;
    auto_evaluate(&one, &ctx->facts, &plan);
    rc = auto_exec_plan(ctx, &plan);
    auto_plan_free(&plan);
    return rc;
}

static enum store_rc timer_tx(struct db *db, void *arg)
{
    struct timer *t = arg;
    struct auto_ctx ctx;
    struct auto_rules_ref *ref = NULL;
    bool open;
    int64_t expires;
    enum store_rc rc =
        auto_ctx_load(db, t->account_id, t->conversation_id, 0, "time", &ctx);

    t->retry_at = 0;
    if (rc || (rc = auto_rules_acquire(db, t->account_id, &ref)) ||
        (rc = outbox_window(db, ctx.conv.contact_id, ctx.conv.inbox_id, ctx.now,
                            &open, &expires)))
        goto out;
    for (size_t i = 0; i < ref->rs.count; i++) {
        const struct auto_rule *r = &ref->rs.rules[i];
        if (r->id != t->rule_id || !r->enabled)
            continue;
        int64_t due = timer_due(&ctx, r, expires);
        if (due > ctx.now)
            t->retry_at = due;
        else if (due > 0)
            rc = run_single(&ctx, r);
        break;
    }
out:
    auto_rules_release(ref);
    auto_ctx_free(&ctx);
    return rc;
}

static enum job_result on_timer(struct db *db, struct job *job, void *arg)
{
    json_t *p = json_loads(job->payload, 0, NULL);
    struct timer t = {
        .account_id = job->account_id,
        .conversation_id =
            json_integer_value(json_object_get(p, "conversation_id")),
        .rule_id = json_integer_value(json_object_get(p, "rule_id")),
    };
    enum store_rc rc = store_tx(db, timer_tx, &t);

    json_decref(p);
    if (rc == STORE_OK && t.retry_at) {
        job->retry_in_ms = t.retry_at - clock_now_ms();
        if (job->retry_in_ms < 1000)
            job->retry_in_ms = 1000;
        return JOB_RETRY;
    }
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        return JOB_DONE;
    jobs_set_error(job, "timer failed: rc=%d", rc);
    return JOB_RETRY;
}

/* --- SLA timers -------------------------------------------------------------
 */

enum store_rc auto_sla_schedule(struct db *db, int64_t account_id,
                                int64_t conversation_id, int64_t at)
{
    char key[64], payload[64];
    enum store_rc rc;

    snprintf(key, sizeof key, "auto:sla:%lld", (long long)conversation_id);
    snprintf(payload, sizeof payload, "{\"conversation_id\":%lld}",
             (long long)conversation_id);
    rc = jobs_cancel_key(db, key);
    if (rc && rc != STORE_NOT_FOUND)
        return rc;
    struct job_spec spec = {.kind = "automation.sla",
                            .account_id = account_id,
                            .payload = payload,
                            .run_at = at,
                            .max_attempts = 1000,
                            .unique_key = key};
    return jobs_enqueue(db, &spec, NULL);
}

static enum store_rc load_sla(struct auto_ctx *ctx, struct sla_policy *p,
                              int64_t *started, char *state, size_t len)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "SELECT p.id, p.first_response_s, p.next_response_s, p.resolution_s, "
        "p.business_hours_only, p.at_risk_pct, a.sla_started_at, a.sla_state "
        "FROM automation_conversations a JOIN sla_policies p ON p.id = "
        "a.sla_policy_id WHERE a.conversation_id = $1 AND p.account_id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_int64(st, 2, ctx->account_id);
    if ((rc = db_step(st)) == STORE_ROW) {
        *p = (struct sla_policy){
            .id = db_col_int64(st, 0),
            .first_response_ms = db_col_int64(st, 1) * 1000,
            .next_response_ms = db_col_int64(st, 2) * 1000,
            .resolution_ms = db_col_int64(st, 3) * 1000,
            .business_hours_only = db_col_int64(st, 4) != 0,
            .at_risk_pct = (int)db_col_int64(st, 5),
        };
        *started = db_col_int64(st, 6);
        snprintf(state, len, "%s", db_col_text(st, 7));
    }
    db_done(st);
    if (rc == STORE_DONE)
        return STORE_NOT_FOUND;
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* The live SLA status of ctx's conversation; STORE_NOT_FOUND without a
 * policy. */
static enum store_rc sla_now(struct auto_ctx *ctx, struct sla_status *s,
                             char *stored, size_t len)
{
    struct sla_policy p;
    struct business_hours bh;
    bool has_hours;
    int64_t started = 0;
    enum store_rc rc = load_sla(ctx, &p, &started, stored, len);

    if (rc || (rc = load_hours(ctx->db, ctx->conv.inbox_id, &bh, &has_hours)))
        return rc;
    struct sla_times t = {.started_at = started,
                          .first_reply_at = ctx->conv.first_reply_at,
                          .waiting_since = ctx->conv.waiting_since,
                          .resolved_at = ctx->conv.resolved_at};
    sla_evaluate(&p, &t, has_hours ? &bh : NULL, ctx->now, s);
    return STORE_OK;
}

static enum store_rc sla_tx(struct db *db, void *arg)
{
    int64_t *ids = arg; /* account, conversation; out: next run */
    struct auto_ctx ctx;
    struct sla_status s;
    char stored[16];
    struct db_stmt *st;
    enum store_rc rc = auto_ctx_load(db, ids[0], ids[1], 0, "sla", &ctx);

    ids[2] = 0;
    if (rc || (rc = sla_now(&ctx, &s, stored, sizeof stored)))
        goto out;
    const char *name = sla_state_name(s.overall);
    ids[2] = s.next_change_at;
    if (!strcmp(name, stored))
        goto out;
    if ((rc = db_prepare(db,
                         "UPDATE automation_conversations SET sla_state = $2 "
                         "WHERE conversation_id = $1",
                         &st)))
        goto out;
    db_bind_int64(st, 1, ctx.conv.id);
    db_bind_text(st, 2, name, -1);
    if ((rc = sql_run(st)) == STORE_OK &&
        (s.overall == SLA_AT_RISK || s.overall == SLA_BREACHED)) {
        log_info("automation_sla", "conv=%lld state=%s", (long long)ctx.conv.id,
                 name);
        ctx.facts.event =
            s.overall == SLA_AT_RISK ? "sla.at_risk" : "sla.breached";
        if ((rc = auto_activity(&ctx, 0, "sla", name, NULL)) == STORE_OK)
            rc = auto_run_rules(&ctx);
    }
out:
    auto_ctx_free(&ctx);
    return rc;
}

static enum job_result on_sla(struct db *db, struct job *job, void *arg)
{
    json_t *p = json_loads(job->payload, 0, NULL);
    int64_t ids[3] = {job->account_id,
                      json_integer_value(json_object_get(p, "conversation_id")),
                      0};
    enum store_rc rc = store_tx(db, sla_tx, ids);

    json_decref(p);
    if (rc == STORE_OK && ids[2] > 0) {
        job->retry_in_ms = ids[2] - clock_now_ms();
        if (job->retry_in_ms < 1000)
            job->retry_in_ms = 1000;
        return JOB_RETRY;
    }
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        return JOB_DONE;
    jobs_set_error(job, "sla failed: rc=%d", rc);
    return JOB_RETRY;
}

/* --- outbound webhooks ------------------------------------------------------
 */

/*
 * POST the body with X-Parley-Signature: sha256=<hex HMAC of the body with
 * the rule's secret>. 2xx is done; 4xx other than 408/429 will not get
 * better and fails the job; anything else retries with backoff.
 */
static enum job_result on_webhook(struct db *db, struct job *job, void *arg)
{
    json_t *p = json_loads(job->payload, 0, NULL);
    const char *url = json_string_value(json_object_get(p, "url"));
    const char *secret = json_string_value(json_object_get(p, "secret"));
    char *body = json_dumps(json_object_get(p, "body"), JSON_COMPACT);
    uint8_t mac[32];
    char hex[65], sig[96];
    long status = 0;
    enum job_result res = JOB_RETRY;
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;

    if (!url || !body || !c) {
        jobs_set_error(job, "malformed webhook job");
        res = JOB_FAIL;
        goto out;
    }
    crypto_hmac_sha256(secret ? secret : "", secret ? strlen(secret) : 0, body,
                       strlen(body), mac);
    crypto_hex(mac, sizeof mac, hex);
    snprintf(sig, sizeof sig, "X-Parley-Signature: sha256=%s", hex);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, sig);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode cc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (cc == CURLE_OK && status >= 200 && status < 300)
        res = JOB_DONE;
    else if (cc == CURLE_OK && status >= 400 && status < 500 && status != 408 &&
             status != 429)
        res = JOB_FAIL;
    if (res != JOB_DONE)
        jobs_set_error(job, "webhook: curl=%d status=%ld", (int)cc, status);
out:
    curl_slist_free_all(h);
    if (c)
        curl_easy_cleanup(c);
    free(body);
    json_decref(p);
    return res;
}

/* --- idle conversations ------------------------------------------------------
 */

struct idle {
    int64_t account_id, conversation_id;
    char closing[4096]; /* up to 1000 characters of UTF-8 */
    char csat_template[128];
    bool csat;
};

/* Close one idle conversation: the closing message and the survey (a
 * template when the window has closed and one is configured), then
 * resolve. */
static enum store_rc idle_tx(struct db *db, void *arg)
{
    struct idle *it = arg;
    struct auto_ctx ctx;
    bool sent;
    enum store_rc rc = auto_ctx_load(db, it->account_id, it->conversation_id, 0,
                                     "time.idle", &ctx);

    if (rc)
        goto out;
    if (it->closing[0] && ctx.window_open)
        rc = auto_queue_message(&ctx, 0, "idle",
                                json_pack("{ss s{ss}}", "type", "text", "text",
                                          "body", it->closing),
                                &sent);
    if (rc == STORE_OK && it->csat) {
        json_t *a = ctx.window_open || !it->csat_template[0]
                        ? json_pack("{ss}", "type", "csat")
                        : json_pack("{ss ss ss}", "type", "template", "name",
                                    it->csat_template, "language", "en");
        struct auto_plan plan = {0};
        struct auto_planned one = {0, "idle", a};
        plan.actions = &one;
        plan.count = 1;
        rc = auto_exec_plan(&ctx, &plan);
        json_decref(a);
    }
    if (rc == STORE_OK) {
        json_t *a = json_pack("{ss}", "type", "resolve");
        struct auto_planned one = {0, "idle", a};
        struct auto_plan plan = {.actions = &one, .count = 1};
        rc = auto_exec_plan(&ctx, &plan);
        json_decref(a);
    }
out:
    auto_ctx_free(&ctx);
    return rc;
}

static enum store_rc resolve_idle(struct db *db, int64_t now)
{
    struct db_stmt *st;
    struct idle *list = NULL;
    size_t n = 0;
    enum store_rc rc = db_prepare(
        db,
        "SELECT c.account_id, c.id, s.closing_message, s.closing_csat, "
        "s.csat_template FROM conversations c JOIN automation_settings s ON "
        "s.account_id = c.account_id WHERE s.idle_resolve_min > 0 AND "
        "c.status IN ('open', 'pending') AND c.last_message_at < CAST($1 AS "
        "BIGINT) - "
        "s.idle_resolve_min * 60000 ORDER BY c.last_message_at LIMIT 100",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, now);
    while ((rc = db_step(st)) == STORE_ROW) {
        list = xrealloc(list, (n + 1) * sizeof *list);
        struct idle *it = &list[n++];
        it->account_id = db_col_int64(st, 0);
        it->conversation_id = db_col_int64(st, 1);
        snprintf(it->closing, sizeof it->closing, "%s", db_col_text(st, 2));
        it->csat = db_col_int64(st, 3) != 0;
        snprintf(it->csat_template, sizeof it->csat_template, "%s",
                 db_col_text(st, 4));
    }
    db_done(st);
    rc = rc == STORE_DONE ? STORE_OK : rc;
    for (size_t i = 0; rc == STORE_OK && i < n; i++)
        rc = store_tx(db, idle_tx, &list[i]);
    free(list);
    return rc;
}

/* Forget the order rows of events evaluated over an hour ago, and of
 * events given up on a day ago. */
static enum store_rc purge_order_tx(struct db *db, void *arg)
{
    int64_t now = *(int64_t *)arg;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "DELETE FROM automation_pending WHERE created_at < $1 AND (done = 1 "
        "OR created_at < $2)",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, now - 3600000LL);
    db_bind_int64(st, 2, now - 86400000LL);
    return sql_run(st);
}

static enum job_result on_tick(struct db *db, struct job *job, void *arg)
{
    int64_t now = clock_now_ms();
    enum store_rc rc = auto_sweep(db, now);

    if (rc == STORE_OK)
        rc = resolve_idle(db, now);
    if (rc == STORE_OK)
        rc = store_tx(db, purge_order_tx, &now);
    if (rc == STORE_OK)
        return JOB_DONE;
    jobs_set_error(job, "sweep failed: rc=%d", rc);
    return JOB_FAIL; /* the next tick comes anyway */
}

/* --- from events to jobs
 * ------------------------------------------------------ */

struct handoff_item {
    int64_t account_id, event_id, conversation_id, message_id;
    const char *event; /* static string */
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t thread;
    bool running, stopping;
    struct handoff_item items[HANDOFF_CAP];
    size_t head, count;
    struct store *store;
    struct jobs *jobs;
} ho = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};

/* Classify an event: what automation evaluates for it, or NULL. Only
 * customer messages count; messages of automation, agents and the system
 * never trigger rules (the loop guard's first line). */
static const char *classify(const struct event *ev, const json_t *p,
                            int64_t *conv, int64_t *msg)
{
    if (!strcmp(ev->type, "message.created")) {
        const char *dir = json_string_value(json_object_get(p, "direction"));
        const char *who = json_string_value(
            json_object_get(json_object_get(p, "sender"), "type"));
        if (!dir || strcmp(dir, "in") || !who || strcmp(who, "contact"))
            return NULL;
        *conv = json_integer_value(json_object_get(p, "conversation_id"));
        *msg = json_integer_value(json_object_get(p, "id"));
        return "message.received";
    }
    *conv = json_integer_value(json_object_get(p, "id"));
    *msg = 0;
    if (!strcmp(ev->type, "conversation.created"))
        return "conversation.created";
    if (!strcmp(ev->type, "conversation.updated"))
        return "conversation.updated";
    return NULL;
}

/*
 * The subscriber: quick, no writes. When the queue is full it waits for
 * room rather than drop an event (back-pressure on the committing thread
 * beats a lost rule).
 */
static void on_event(const struct event *ev, void *arg)
{
    int64_t conv = 0, msg = 0;
    json_t *p;
    const char *what;

    if (strncmp(ev->type, "message.created", 15) &&
        strncmp(ev->type, "conversation.", 13))
        return;
    p = json_loads(ev->payload, 0, NULL);
    what = p ? classify(ev, p, &conv, &msg) : NULL;
    json_decref(p);
    if (!what || !conv)
        return;
    pthread_mutex_lock(&ho.lock);
    while (ho.count == HANDOFF_CAP && !ho.stopping)
        pthread_cond_wait(&ho.cond, &ho.lock);
    if (!ho.stopping) {
        ho.items[(ho.head + ho.count) % HANDOFF_CAP] =
            (struct handoff_item){ev->account_id, ev->id, conv, msg, what};
        ho.count++;
        pthread_cond_broadcast(&ho.cond);
    } else {
        log_warn("automation_event_dropped_at_stop", "event=%lld",
                 (long long)ev->id);
    }
    pthread_mutex_unlock(&ho.lock);
}

/*
 * Queue the evaluation of one event, and its place in the conversation's
 * order. Each node hands off the events it sees in id order, so the row of
 * an earlier event of a conversation exists before a later one is taken,
 * whichever node queues it. A row that is there already (another node
 * queued the event) is left as it is, done or not.
 */
static enum store_rc enqueue_item(struct db *db, void *arg)
{
    const struct handoff_item *it = arg;
    char key[64], payload[192];
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "INSERT INTO automation_pending (conversation_id, event_id, "
                   "created_at) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM "
                   "conversations WHERE id = $1) ON CONFLICT (conversation_id, "
                   "event_id) DO NOTHING",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, it->conversation_id);
    db_bind_int64(st, 2, it->event_id);
    db_bind_int64(st, 3, clock_now_ms());
    if ((rc = sql_run(st)))
        return rc;
    snprintf(key, sizeof key, "auto:ev:%lld", (long long)it->event_id);
    snprintf(payload, sizeof payload,
             "{\"event\":\"%s\",\"conversation_id\":%lld,\"message_id\":%lld,"
             "\"event_id\":%lld}",
             it->event, (long long)it->conversation_id,
             (long long)it->message_id, (long long)it->event_id);
    struct job_spec spec = {.kind = "automation.evaluate",
                            .account_id = it->account_id,
                            .payload = payload,
                            .max_attempts = 1000,
                            .unique_key = key};
    return jobs_enqueue(db, &spec, NULL);
}

/* Events taken from the queue in one go, written in one transaction. */
#define HANDOFF_BATCH 256

struct handoff_batch {
    struct handoff_item items[HANDOFF_BATCH];
    int n;
};

static enum store_rc enqueue_batch(struct db *db, void *arg)
{
    struct handoff_batch *b = arg;
    enum store_rc rc = STORE_OK;

    for (int i = 0; i < b->n && rc == STORE_OK; i++)
        rc = enqueue_item(db, &b->items[i]);
    return rc;
}

/*
 * Turn queued events into evaluation jobs. Everything waiting is written
 * in one transaction: one commit (one fsync on SQLite) per event capped
 * the whole channel at a few hundred messages a second.
 */
static void *handoff_main(void *arg)
{
    static struct handoff_batch b;

    pthread_mutex_lock(&ho.lock);
    for (;;) {
        while (ho.count == 0 && !ho.stopping)
            pthread_cond_wait(&ho.cond, &ho.lock);
        if (ho.count == 0)
            break;
        for (b.n = 0; ho.count > 0 && b.n < HANDOFF_BATCH; b.n++) {
            b.items[b.n] = ho.items[ho.head];
            ho.head = (ho.head + 1) % HANDOFF_CAP;
            ho.count--;
        }
        pthread_cond_broadcast(&ho.cond);
        pthread_mutex_unlock(&ho.lock);

        struct db *db = store_acquire(ho.store);
        enum store_rc rc = store_tx(db, enqueue_batch, &b);
        store_release(db);
        if (rc)
            log_error("automation_enqueue_failed",
                      "events=%d first=%lld "
                      "rc=%d",
                      b.n, (long long)b.items[0].event_id, rc);
        pthread_mutex_lock(&ho.lock);
    }
    pthread_mutex_unlock(&ho.lock);
    return NULL;
}

/* --- start and stop
 * ------------------------------------------------------------ */

int automation_init(struct wa_channel *ch)
{
    ho.store = ch->store;
    ho.jobs = ch->jobs;
    if (jobs_register(ch->jobs, "automation.evaluate", on_evaluate, NULL) ||
        jobs_register(ch->jobs, "automation.timer", on_timer, NULL) ||
        jobs_register(ch->jobs, "automation.sla", on_sla, NULL) ||
        jobs_register(ch->jobs, "automation.webhook", on_webhook, NULL) ||
        jobs_register(ch->jobs, "automation.tick", on_tick, NULL)) {
        log_error("automation_init_failed", "reason=register");
        return -1;
    }
    events_subscribe(on_event, NULL);
    return 0;
}

int automation_start(struct wa_channel *ch)
{
    ho.stopping = false;
    if (pthread_create(&ho.thread, NULL, handoff_main, NULL)) {
        log_error("automation_start_failed", "reason=thread");
        return -1;
    }
    ho.running = true;
    if (jobs_every(ch->jobs, "automation.tick", 15000)) {
        log_error("automation_start_failed", "reason=tick");
        return -1;
    }
    return 0;
}

void automation_stop(void)
{
    if (ho.running) {
        pthread_mutex_lock(&ho.lock);
        ho.stopping = true;
        pthread_cond_broadcast(&ho.cond);
        pthread_mutex_unlock(&ho.lock);
        pthread_join(ho.thread, NULL);
        ho.running = false;
    }
    auto_rules_cache_clear();
}

/*
 * Carrying out a planned set of rule actions on a conversation, inside
 * the caller's transaction: outbound messages are queued in the messages
 * table for the dispatcher, conversation changes go through core's
 * conv_apply/conv_label, and every action leaves an activity line that
 * names the rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation/internal.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/conv_actions.h"
#include "core/events.h"
#include "core/message.h"
#include "core/sql.h"
#include "jobs/jobs.h"

static const char *str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/*
 * Add a private line of type ("activity" or "note") from rule rule_id to
 * the conversation and announce it. Takes content.
 */
static enum store_rc add_private(struct auto_ctx *ctx, int64_t rule_id,
                                 const char *type, json_t *content,
                                 const char *plain)
{
    char *text = json_dumps(content, JSON_COMPACT);
    struct message_input in = {
        .account_id = ctx->account_id,
        .conversation_id = ctx->conv.id,
        .inbox_id = ctx->conv.inbox_id,
        .contact_id = ctx->conv.contact_id,
        .direction = "out",
        .sender_type = "automation",
        .sender_id = rule_id,
        .type = type,
        .content = text,
        .text = plain,
        .private_note = true,
        .status = "sent",
        .created_at = ctx->now,
    };
    int64_t id;
    bool dup;
    json_t *m;
    enum store_rc rc = message_insert(ctx->db, &in, &id, &dup);

    free(text);
    json_decref(content);
    if (rc == STORE_OK &&
        (rc = message_get_json(ctx->db, ctx->account_id, id, &m)) == STORE_OK)
        rc = events_emit(ctx->db, ctx->account_id, "message.created", 0,
                         ROLE_AGENT, m, NULL);
    return rc;
}

enum store_rc auto_activity(struct auto_ctx *ctx, int64_t rule_id,
                            const char *rule_name, const char *did,
                            json_t *detail)
{
    json_t *content = json_pack("{ss ss sI ss}", "action", "automation", "rule",
                                rule_name ? rule_name : "automation", "rule_id",
                                (json_int_t)rule_id, "did", did);

    if (detail)
        json_object_update(content, detail);
    json_decref(detail);
    return add_private(ctx, rule_id, "activity", content, "");
}

/* Plain text of an outbound message, for search and the inbox list. */
static const char *content_text(const json_t *c)
{
    const char *type = str(c, "type");
    const json_t *body = json_object_get(c, type ? type : "");

    if (type && !strcmp(type, "text"))
        return str(body, "body");
    if (type && !strcmp(type, "interactive"))
        return str(json_object_get(body, "body"), "text");
    if (type && !strcmp(type, "template"))
        return str(body, "name");
    return "";
}

enum store_rc auto_queue_message(struct auto_ctx *ctx, int64_t rule_id,
                                 const char *rule_name, json_t *content,
                                 bool *sent)
{
    const char *type = str(content, "type");
    enum store_rc rc;

    *sent = false;
    if (!ctx->window_open && strcmp(type, "template")) {
        json_decref(content);
        return auto_activity(ctx, rule_id, rule_name, "skipped",
                             json_pack("{ss}", "reason",
                                       "24-hour window closed; only "
                                       "templates can be sent"));
    }
    char *text = json_dumps(content, JSON_COMPACT);
    struct message_input in = {
        .account_id = ctx->account_id,
        .conversation_id = ctx->conv.id,
        .inbox_id = ctx->conv.inbox_id,
        .contact_id = ctx->conv.contact_id,
        .direction = "out",
        .sender_type = "automation",
        .sender_id = rule_id,
        .type = type,
        .content = text,
        .text = content_text(content) ? content_text(content) : "",
        .status = "queued",
        .send_after = ctx->now,
        .created_at = ctx->now,
    };
    int64_t id;
    bool dup;
    json_t *m;

    rc = message_insert(ctx->db, &in, &id, &dup);
    free(text);
    json_decref(content);
    /* An automated answer does not stop the customer waiting for a
     * person: SLA clocks and "no agent reply" keep running. */
    if (rc == STORE_OK)
        rc = conversation_note_outbound(ctx->db, ctx->conv.id, id, ctx->now,
                                        false);
    if (rc == STORE_OK &&
        (rc = message_get_json(ctx->db, ctx->account_id, id, &m)) == STORE_OK)
        rc = events_emit(ctx->db, ctx->account_id, "message.created", 0,
                         ROLE_AGENT, m, NULL);
    *sent = rc == STORE_OK;
    return rc;
}

/* --- building outbound messages ---------------------------------------- */

static json_t *text_message(const char *body)
{
    return json_pack("{ss s{ss}}", "type", "text", "text", "body", body);
}

static json_t *buttons_message(const json_t *a)
{
    json_t *buttons = json_array();
    const json_t *b = json_object_get(a, "buttons");

    for (size_t i = 0; i < json_array_size(b); i++)
        json_array_append_new(
            buttons,
            json_pack("{ss s{sO sO}}", "type", "reply", "reply", "id",
                      json_object_get(json_array_get(b, i), "id"), "title",
                      json_object_get(json_array_get(b, i), "title")));
    return json_pack("{ss s{ss s{ss} s{so}}}", "type", "interactive",
                     "interactive", "type", "button", "body", "text",
                     str(a, "text"), "action", "buttons", buttons);
}

static json_t *list_message(const char *text, const char *button,
                            const json_t *rows, const char *section)
{
    json_t *r = json_array();

    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *row = json_array_get(rows, i);
        json_t *o = json_pack("{sO sO}", "id", json_object_get(row, "id"),
                              "title", json_object_get(row, "title"));
        if (str(row, "description"))
            json_object_set(o, "description",
                            json_object_get(row, "description"));
        json_array_append_new(r, o);
    }
    return json_pack("{ss s{ss s{ss} s{ss s[{ss so}]}}}", "type", "interactive",
                     "interactive", "type", "list", "body", "text", text,
                     "action", "button", button, "sections", "title", section,
                     "rows", r);
}

static json_t *template_message(const json_t *a)
{
    json_t *params = json_array();
    const json_t *p = json_object_get(a, "params");

    for (size_t i = 0; i < json_array_size(p); i++)
        json_array_append_new(params, json_pack("{ss sO}", "type", "text",
                                                "text", json_array_get(p, i)));
    json_t *t = json_pack("{ss s{ss}}", "name", str(a, "name"), "language",
                          "code", str(a, "language"));
    if (json_array_size(params))
        json_object_set_new(
            t, "components",
            json_pack("[{ss so}]", "type", "body", "parameters", params));
    else
        json_decref(params);
    return json_pack("{ss so}", "type", "template", "template", t);
}

/* The CSAT survey: a list of five ratings whose ids the inbound side
 * recognises ("csat:1".."csat:5"). */
static json_t *csat_message(void)
{
    json_t *rows = json_array();
    static const char *const titles[] = {
        "1 - Very poor", "2 - Poor", "3 - Okay", "4 - Good", "5 - Excellent"};

    for (int i = 0; i < 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "csat:%d", i + 1);
        json_array_append_new(
            rows, json_pack("{ss ss}", "id", id, "title", titles[i]));
    }
    json_t *m = list_message("How did we do? Please rate this conversation.",
                             "Rate us", rows, "Rating");
    json_decref(rows);
    return m;
}

/* --- conversation changes ------------------------------------------------ */

static enum store_rc apply_change(struct auto_ctx *ctx,
                                  const struct conv_change *ch)
{
    struct conv_actor who = {.account_id = ctx->account_id};
    bool changed;
    const char *why = NULL;
    enum store_rc rc =
        conv_apply(ctx->db, &who, ctx->conv.id, ch, &changed, &why);

    if (rc == STORE_CONSTRAINT) {
        log_info("automation_change_refused", "conv=%lld reason=\"%s\"",
                 (long long)ctx->conv.id, why ? why : "");
        return STORE_OK;
    }
    if (rc == STORE_OK)
        rc = conversation_get(ctx->db, ctx->account_id, ctx->conv.id,
                              &ctx->conv);
    return rc;
}

/* Find the account's label by name, creating it for add. */
static enum store_rc label_id(struct auto_ctx *ctx, const char *name,
                              bool create, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db, "SELECT id FROM labels WHERE account_id = $1 AND name = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_text(st, 2, name, -1);
    rc = sql_int64(st, id);
    if (rc != STORE_NOT_FOUND || !create)
        return rc;
    if ((rc = db_prepare(ctx->db,
                         "INSERT INTO labels (account_id, name, created_at) "
                         "VALUES ($1, $2, $3) RETURNING id",
                         &st)))
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_text(st, 2, name, -1);
    db_bind_int64(st, 3, ctx->now);
    return sql_int64(st, id);
}

static enum store_rc do_label(struct auto_ctx *ctx, const json_t *a, bool add)
{
    struct conv_actor who = {.account_id = ctx->account_id};
    int64_t id;
    bool changed;
    enum store_rc rc = label_id(ctx, str(a, "label"), add, &id);

    if (rc == STORE_NOT_FOUND)
        return STORE_OK; /* removing a label nobody has */
    if (rc == STORE_OK)
        rc = conv_label(ctx->db, &who, ctx->conv.id, id, add, &changed);
    return rc;
}

static enum store_rc do_set_attribute(struct auto_ctx *ctx, const json_t *a)
{
    json_t *attrs = json_object_get(ctx->contact, "attributes");
    struct db_stmt *st;
    enum store_rc rc;

    json_object_set(attrs, str(a, "key"), json_object_get(a, "value"));
    char *text = json_dumps(attrs, JSON_COMPACT);
    rc = db_prepare(ctx->db,
                    "UPDATE contacts SET attributes = $3, updated_at = $4 "
                    "WHERE account_id = $1 AND id = $2",
                    &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, ctx->account_id);
        db_bind_int64(st, 2, ctx->conv.contact_id);
        db_bind_text(st, 3, text, -1);
        db_bind_int64(st, 4, ctx->now);
        rc = sql_run(st);
    }
    free(text);
    return rc;
}

static enum store_rc do_note(struct auto_ctx *ctx, int64_t rule_id,
                             const json_t *a)
{
    return add_private(ctx, rule_id, "note",
                       json_pack("{ss}", "body", str(a, "text")),
                       str(a, "text"));
}

static enum store_rc set_flow_step(struct auto_ctx *ctx, const char *step)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(ctx->db,
                   "UPDATE automation_conversations SET flow_step = $2 "
                   "WHERE conversation_id = $1",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_text(st, 2, step, -1);
    snprintf(ctx->flow_step, sizeof ctx->flow_step, "%s", step);
    return sql_run(st);
}

/* Outbound webhook: a job POSTs the signed body and retries. */
static enum store_rc do_webhook(struct auto_ctx *ctx, int64_t rule_id,
                                const char *rule_name, const json_t *a)
{
    json_t *body = json_pack(
        "{ss sI ss sI sO sO}", "event", ctx->facts.event, "rule_id",
        (json_int_t)rule_id, "rule", rule_name, "conversation_id",
        (json_int_t)ctx->conv.id, "message",
        ctx->message ? ctx->message : json_null(), "contact", ctx->contact);
    json_t *payload = json_pack(
        "{sO so sO}", "url", json_object_get(a, "url"), "body", body, "secret",
        json_object_get(a, "secret") ? json_object_get(a, "secret")
                                     : json_string(""));
    char *text = json_dumps(payload, JSON_COMPACT);
    struct job_spec spec = {.kind = "automation.webhook",
                            .account_id = ctx->account_id,
                            .payload = text,
                            .max_attempts = 8};
    enum store_rc rc = jobs_enqueue(ctx->db, &spec, NULL);

    free(text);
    json_decref(payload);
    return rc;
}

static enum store_rc do_apply_sla(struct auto_ctx *ctx, const json_t *a)
{
    struct db_stmt *st;
    int64_t policy = json_integer_value(json_object_get(a, "policy_id"));
    enum store_rc rc = db_prepare(
        ctx->db,
        "UPDATE automation_conversations SET sla_policy_id = $2, "
        "sla_started_at = $3, sla_state = 'on_track' "
        "WHERE conversation_id = $1 AND EXISTS (SELECT 1 FROM sla_policies "
        "WHERE id = $2 AND account_id = $4)",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_int64(st, 2, policy);
    db_bind_int64(st, 3, ctx->conv.created_at);
    db_bind_int64(st, 4, ctx->account_id);
    if ((rc = sql_run(st)))
        return rc;
    return auto_sla_schedule(ctx->db, ctx->account_id, ctx->conv.id, ctx->now);
}

/* Remember that the rule replied here, for its reply period. */
static enum store_rc note_reply(struct auto_ctx *ctx, int64_t rule_id)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (rule_id == 0)
        return STORE_OK;
    rc = db_prepare(ctx->db,
                    "INSERT INTO rule_replies (rule_id, conversation_id, "
                    "account_id, last_reply_at) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT (rule_id, conversation_id) DO UPDATE SET "
                    "last_reply_at = $4",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, rule_id);
    db_bind_int64(st, 2, ctx->conv.id);
    db_bind_int64(st, 3, ctx->account_id);
    db_bind_int64(st, 4, ctx->now);
    return sql_run(st);
}

/* A reply-kind action: build the message and queue it. */
static enum store_rc do_reply(struct auto_ctx *ctx, int64_t rule_id,
                              const char *rule_name, const json_t *a,
                              const char *type)
{
    json_t *m;
    bool sent;
    enum store_rc rc;

    if (!strcmp(type, "reply"))
        m = text_message(str(a, "text"));
    else if (!strcmp(type, "buttons"))
        m = buttons_message(a);
    else if (!strcmp(type, "list"))
        m = list_message(str(a, "text"), str(a, "button"),
                         json_object_get(a, "rows"),
                         str(a, "section") ? str(a, "section") : "Options");
    else if (!strcmp(type, "template"))
        m = template_message(a);
    else
        m = csat_message();
    if ((rc = auto_queue_message(ctx, rule_id, rule_name, m, &sent)))
        return rc;
    return sent ? note_reply(ctx, rule_id) : STORE_OK;
}

static enum store_rc do_assign(struct auto_ctx *ctx, const json_t *a)
{
    int64_t user = json_integer_value(json_object_get(a, "user_id"));
    int64_t team = json_integer_value(json_object_get(a, "team_id"));
    int64_t assigned;

    if (user) {
        struct conv_change ch = {
            .priority = -1, .set_assignee = true, .assignee_id = user};
        return apply_change(ctx, &ch);
    }
    if (team && team != ctx->conv.team_id) {
        struct conv_change ch = {
            .priority = -1, .set_team = true, .team_id = team};
        enum store_rc rc = apply_change(ctx, &ch);
        if (rc)
            return rc;
    }
    /* "route": false only files the conversation with the team. */
    if (json_is_false(json_object_get(a, "route")))
        return STORE_OK;
    return auto_route(ctx, team, 0, &assigned);
}

/* Carry out one action. */
static enum store_rc exec_one(struct auto_ctx *ctx, int64_t rule_id,
                              const char *rule_name, const json_t *a)
{
    const char *t = str(a, "type");
    struct conv_change ch = {.priority = -1};

    if (auto_action_is_reply(t))
        return do_reply(ctx, rule_id, rule_name, a, t);
    if (!strcmp(t, "assign"))
        return do_assign(ctx, a);
    if (!strcmp(t, "unassign")) {
        ch.set_assignee = true;
        return apply_change(ctx, &ch);
    }
    if (!strcmp(t, "set_priority")) {
        ch.priority = (int)json_integer_value(json_object_get(a, "priority"));
        return apply_change(ctx, &ch);
    }
    if (!strcmp(t, "snooze")) {
        ch.status = "snoozed";
        ch.set_snooze = true;
        ch.snoozed_until =
            ctx->now +
            json_integer_value(json_object_get(a, "minutes")) * 60000;
        return apply_change(ctx, &ch);
    }
    if (!strcmp(t, "resolve") || !strcmp(t, "reopen")) {
        ch.status = !strcmp(t, "resolve") ? "resolved" : "open";
        return apply_change(ctx, &ch);
    }
    if (!strcmp(t, "add_label") || !strcmp(t, "remove_label"))
        return do_label(ctx, a, !strcmp(t, "add_label"));
    if (!strcmp(t, "set_attribute"))
        return do_set_attribute(ctx, a);
    if (!strcmp(t, "note"))
        return do_note(ctx, rule_id, a);
    if (!strcmp(t, "set_step"))
        return set_flow_step(ctx, str(a, "step"));
    if (!strcmp(t, "webhook"))
        return do_webhook(ctx, rule_id, rule_name, a);
    if (!strcmp(t, "apply_sla"))
        return do_apply_sla(ctx, a);
    return STORE_OK;
}

enum store_rc auto_exec_plan(struct auto_ctx *ctx, const struct auto_plan *plan)
{
    enum store_rc rc = STORE_OK;

    for (size_t i = 0; i < plan->count && rc == STORE_OK; i++) {
        const struct auto_planned *p = &plan->actions[i];
        const char *t = str(p->action, "type");
        rc = exec_one(ctx, p->rule_id, p->rule_name, p->action);
        if (rc == STORE_OK)
            rc = auto_activity(ctx, p->rule_id, p->rule_name, t,
                               json_pack("{sO}", "detail", p->action));
    }
    if (rc == STORE_OK)
        rc = auto_mark_seen(ctx);
    return rc;
}

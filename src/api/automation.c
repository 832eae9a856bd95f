/*
 * The automation REST API (docs/api/automation.md): rules and the rule
 * tester, assignment policies and agents' skills, business hours, SLA
 * policies, a conversation's automation state and the waiting queue.
 * Changes need a supervisor; reads an agent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "automation/automation.h"
#include "automation/engine.h"
#include "automation/hours.h"
#include "automation/internal.h"
#include "automation/routing.h"
#include "automation/rules.h"
#include "base/clock.h"
#include "core/sql.h"

static int64_t account_of(struct http_request *req)
{
    return http_principal(req)->account_id;
}

/* --- rules -----------------------------------------------------------------
 */

static void rules_list(struct http_request *req)
{
    json_t *list;
    enum store_rc rc = auto_rules_list(http_db(req), account_of(req), &list);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(
        req, 200,
        json_pack("{so so}", "data", list, "next_cursor", json_null()));
}

static void rules_get(struct http_request *req)
{
    int64_t id;
    json_t *rule;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id))
        return;
    if ((rc = auto_rules_get(http_db(req), account_of(req), id, &rule))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, 200, rule);
}

static const char *const rule_fields[] = {
    "name",       "position", "enabled", "event",          "event_minutes",
    "conditions", "actions",  "stop",    "reply_period_s", NULL};

/* Compile doc to check it; replies 422 with the engine's message when it
 * does not compile. */
static bool check_rule(struct http_request *req, const json_t *doc)
{
    struct auto_rule r;
    char err[256];

    if (auto_rule_compile(doc, &r, err, sizeof err)) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s", err);
        return false;
    }
    auto_rule_free(&r);
    return true;
}

/* Save doc as rule id (0: new), audit, commit and reply with the rule. */
static void save_rule(struct http_request *req, int64_t id, json_t *doc,
                      int status)
{
    int64_t saved;
    json_t *rule;
    enum store_rc rc;

    if (!check_rule(req, doc) || !api_begin(req))
        return;
    rc = auto_rules_save(http_db(req), account_of(req), id, doc, &saved);
    if (rc == STORE_OK)
        rc = auto_rules_get(http_db(req), account_of(req), saved, &rule);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_audit(req, id ? "rule.update" : "rule.create", "rule", saved,
              json_pack("{sO}", "name", json_object_get(rule, "name")));
    if (!api_commit(req)) {
        json_decref(rule);
        return;
    }
    http_reply_json(req, status, rule);
}

static void rules_create(struct http_request *req)
{
    json_t *body = http_json(req);

    if (!body || !api_only_fields(req, body, rule_fields))
        return;
    save_rule(req, 0, body, 201);
}

/* PATCH: the stored rule with the body's members replacing its own. */
static void rules_update(struct http_request *req)
{
    int64_t id;
    json_t *body, *rule;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, rule_fields))
        return;
    if ((rc = auto_rules_get(http_db(req), account_of(req), id, &rule))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    json_object_update(rule, body);
    save_rule(req, id, rule, 200);
    json_decref(rule);
}

static void rules_delete(struct http_request *req)
{
    int64_t id;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    if ((rc = auto_rules_delete(http_db(req), account_of(req), id))) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_audit(req, "rule.delete", "rule", id, NULL);
    if (api_commit(req))
        http_reply_empty(req, 204);
}

/* POST /rules/reorder {"ids":[...]}: the listed rules take positions 0,
 * 1, ... in that order. */
static void rules_reorder(struct http_request *req)
{
    json_t *body = http_json(req), *ids;
    int64_t list[1000];
    size_t n;
    enum store_rc rc;

    if (!body)
        return;
    ids = json_object_get(body, "ids");
    n = json_array_size(ids);
    if (!json_is_array(ids) || n == 0 || n > 1000) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "ids must be an array of 1 to 1000 rule ids");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!json_is_integer(json_array_get(ids, i))) {
            http_reply_error(req, ERR_INVALID_FIELD, "ids[%zu] is not an id",
                             i);
            return;
        }
        list[i] = json_integer_value(json_array_get(ids, i));
    }
    if (!api_begin(req))
        return;
    if ((rc = auto_rules_reorder(http_db(req), account_of(req), list, n))) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (api_commit(req))
        rules_list(req);
}

/* --- the rule tester -------------------------------------------------------
 */

static const char *jstr(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Facts from the tester's body: a sample message and optional context. */
static void tester_facts(const json_t *body, struct auto_facts *f)
{
    const json_t *m = json_object_get(body, "message");
    const json_t *c = json_object_get(body, "facts");
    const json_t *contact = json_object_get(body, "contact");

    memset(f, 0, sizeof *f);
    f->event = jstr(body, "event") ? jstr(body, "event") : "message.received";
    f->event_minutes =
        json_integer_value(json_object_get(body, "event_minutes"));
    f->now = clock_now_ms();
    f->sender_type = "contact";
    f->message_type = jstr(m, "type") ? jstr(m, "type") : "text";
    f->text = jstr(m, "text");
    f->reply_id = jstr(m, "reply_id");
    f->intent = jstr(m, "intent");
    f->language = jstr(m, "language");
    f->sentiment = jstr(m, "sentiment");
    f->first_message = json_is_true(json_object_get(c, "first_message"));
    f->inbox_id = json_integer_value(json_object_get(c, "inbox_id"));
    f->team_id = json_integer_value(json_object_get(c, "team_id"));
    f->assignee_id = json_integer_value(json_object_get(c, "assignee_id"));
    f->priority = (int)json_integer_value(json_object_get(c, "priority"));
    f->status = jstr(c, "status") ? jstr(c, "status") : "open";
    f->in_business_hours = !json_is_false(json_object_get(c, "business_hours"));
    f->flow_step = jstr(c, "flow_step");
    f->labels = json_object_get(c, "labels");
    f->contact_name = jstr(contact, "name");
    f->contact_phone = jstr(contact, "phone");
    f->contact_attributes = json_object_get(contact, "attributes");
    f->trace = true;
}

/*
 * POST /rules/test: evaluate the body's "rules" (or the stored ones when
 * absent) against a sample message; reply with the trace and the planned
 * actions. Nothing is written or sent.
 */
static void rules_test(struct http_request *req)
{
    json_t *body = http_json(req), *docs = NULL, *actions;
    struct auto_ruleset rs;
    struct auto_facts f;
    struct auto_plan plan;
    char err[256];
    enum store_rc rc;

    if (!body)
        return;
    tester_facts(body, &f);
    if (!auto_event_valid(f.event)) {
        http_reply_error(req, ERR_INVALID_FIELD, "unknown event '%s'", f.event);
        return;
    }
    docs = json_incref(json_object_get(body, "rules"));
    if (!docs && (rc = auto_rules_list(http_db(req), account_of(req), &docs))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    if (!json_is_array(docs) ||
        auto_ruleset_compile(docs, &rs, err, sizeof err)) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s",
                         json_is_array(docs) ? err : "rules must be an array");
        json_decref(docs);
        return;
    }
    auto_evaluate(&rs, &f, &plan);
    actions = json_array();
    for (size_t i = 0; i < plan.count; i++)
        json_array_append_new(actions,
                              json_pack("{sI ss sO}", "rule_id",
                                        (json_int_t)plan.actions[i].rule_id,
                                        "rule", plan.actions[i].rule_name,
                                        "action", plan.actions[i].action));
    http_reply_json(
        req, 200,
        json_pack("{sO so}", "rules", plan.trace, "actions", actions));
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
    json_decref(docs);
}

/* --- business hours ---------------------------------------------------------
 */

/* Whether inbox_id is the account's; replies 404 when not. */
static bool own_inbox(struct http_request *req, int64_t inbox_id)
{
    struct db_stmt *st;
    int64_t one;
    enum store_rc rc = db_prepare(
        http_db(req), "SELECT 1 FROM inboxes WHERE account_id = $1 AND id = $2",
        &st);

    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(st, 2, inbox_id);
        rc = sql_int64(st, &one);
    }
    if (rc)
        api_reply_store_error(req, rc, NULL);
    return rc == STORE_OK;
}

static void hours_get(struct http_request *req)
{
    int64_t inbox;
    struct db_stmt *st;
    enum store_rc rc;

    if (!http_param_id(req, "inbox_id", &inbox) || !own_inbox(req, inbox))
        return;
    if ((rc = db_prepare(http_db(req),
                         "SELECT hours FROM business_hours WHERE inbox_id = "
                         "$1 AND account_id = $2",
                         &st))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    db_bind_int64(st, 1, inbox);
    db_bind_int64(st, 2, account_of(req));
    rc = db_step(st);
    json_t *doc =
        rc == STORE_ROW ? json_loads(db_col_text(st, 0), 0, NULL) : NULL;
    db_done(st);
    if (rc == STORE_DONE)
        http_reply_error(req, ERR_NOT_FOUND,
                         "this inbox has no business hours (always open)");
    else if (!doc)
        api_reply_store_error(req, rc == STORE_ROW ? STORE_ERROR : rc, NULL);
    else
        http_reply_json(
            req, 200,
            json_pack("{sI so}", "inbox_id", (json_int_t)inbox, "hours", doc));
}

/* PUT /business-hours/{inbox_id} with the hours document. */
static void hours_put(struct http_request *req)
{
    int64_t inbox;
    json_t *body;
    struct business_hours bh;
    char err[200];
    struct db_stmt *st;
    enum store_rc rc;

    if (!http_param_id(req, "inbox_id", &inbox) || !(body = http_json(req)) ||
        !own_inbox(req, inbox))
        return;
    if (bh_parse(body, &bh, err, sizeof err)) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s", err);
        return;
    }
    json_t *doc = bh_to_json(&bh);
    char *text = json_dumps(doc, JSON_COMPACT);
    if (!api_begin(req))
        goto out;
    rc = db_prepare(http_db(req),
                    "INSERT INTO business_hours (inbox_id, account_id, hours, "
                    "updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT "
                    "(inbox_id) DO UPDATE SET hours = $3, updated_at = $4",
                    &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, inbox);
        db_bind_int64(st, 2, account_of(req));
        db_bind_text(st, 3, text, -1);
        db_bind_int64(st, 4, clock_now_ms());
        rc = sql_run(st);
    }
    if (rc) {
        api_rollback(req, rc, NULL);
        goto out;
    }
    api_audit(req, "business_hours.update", "inbox", inbox, NULL);
    if (api_commit(req))
        http_reply_json(
            req, 200,
            json_pack("{sI sO}", "inbox_id", (json_int_t)inbox, "hours", doc));
out:
    free(text);
    json_decref(doc);
}

/* --- SLA policies ------------------------------------------------------------
 */

static json_t *sla_row(struct db_stmt *st)
{
    return json_pack(
        "{sI ss sI sI sI sb sI}", "id", (json_int_t)db_col_int64(st, 0), "name",
        db_col_text(st, 1), "first_response_s", (json_int_t)db_col_int64(st, 2),
        "next_response_s", (json_int_t)db_col_int64(st, 3), "resolution_s",
        (json_int_t)db_col_int64(st, 4), "business_hours_only",
        db_col_int64(st, 5) != 0, "at_risk_pct",
        (json_int_t)db_col_int64(st, 6));
}

/* Reply with every row of a one-parameter (account) query as a list. */
static void reply_rows(struct http_request *req, const char *sql,
                       json_t *(*row)(struct db_stmt *))
{
    struct db_stmt *st;
    json_t *list = json_array();
    enum store_rc rc = db_prepare(http_db(req), sql, &st);

    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        while ((rc = db_step(st)) == STORE_ROW)
            json_array_append_new(list, row(st));
        db_done(st);
    }
    if (rc != STORE_DONE) {
        json_decref(list);
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(
        req, 200,
        json_pack("{so so}", "data", list, "next_cursor", json_null()));
}

static void sla_list(struct http_request *req)
{
    reply_rows(req,
               "SELECT id, name, first_response_s, next_response_s, "
               "resolution_s, business_hours_only, at_risk_pct FROM "
               "sla_policies WHERE account_id = $1 ORDER BY id",
               sla_row);
}

static bool seconds_field(struct http_request *req, json_t *body,
                          const char *key, int64_t *out)
{
    json_t *v = json_object_get(body, key);

    *out = json_integer_value(v);
    if ((v && !json_is_integer(v)) || *out < 0 || *out > 31536000) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "%s must be 0..31536000 seconds", key);
        return false;
    }
    return true;
}

static const char *const sla_fields[] = {"name",
                                         "first_response_s",
                                         "next_response_s",
                                         "resolution_s",
                                         "business_hours_only",
                                         "at_risk_pct",
                                         NULL};

/* The values of an SLA policy body. */
struct sla_input {
    const char *name; /* borrowed from the body */
    int64_t fr, nr, res, pct;
    int bho;
};

/* Check an SLA policy body (a new one, or the stored one with a PATCH's
 * members over it); replies 422 and returns false when bad. */
static bool check_sla(struct http_request *req, json_t *body,
                      struct sla_input *in)
{
    json_t *pct = json_object_get(body, "at_risk_pct");

    if (!api_string(req, body, "name", true, 100, &in->name) ||
        !seconds_field(req, body, "first_response_s", &in->fr) ||
        !seconds_field(req, body, "next_response_s", &in->nr) ||
        !seconds_field(req, body, "resolution_s", &in->res) ||
        !api_bool(req, body, "business_hours_only", &in->bho))
        return false;
    in->pct = pct ? json_integer_value(pct) : 80;
    if ((pct && !json_is_integer(pct)) || in->pct < 1 || in->pct > 99) {
        http_reply_error(req, ERR_INVALID_FIELD, "at_risk_pct must be 1..99");
        return false;
    }
    if (!*in->name || in->fr + in->nr + in->res == 0) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         *in->name ? "set at least one target"
                                   : "name must not be empty");
        return false;
    }
    return true;
}

static json_t *sla_json(int64_t id, const struct sla_input *in)
{
    return json_pack("{sI ss sI sI sI sb sI}", "id", (json_int_t)id, "name",
                     in->name, "first_response_s", (json_int_t)in->fr,
                     "next_response_s", (json_int_t)in->nr, "resolution_s",
                     (json_int_t)in->res, "business_hours_only", in->bho == 1,
                     "at_risk_pct", (json_int_t)in->pct);
}

/* Bind in's values to $2..$7 of an INSERT or UPDATE of sla_policies. */
static void bind_sla(struct db_stmt *st, const struct sla_input *in)
{
    db_bind_text(st, 2, in->name, -1);
    db_bind_int64(st, 3, in->fr);
    db_bind_int64(st, 4, in->nr);
    db_bind_int64(st, 5, in->res);
    db_bind_int64(st, 6, in->bho == 1);
    db_bind_int64(st, 7, in->pct);
    db_bind_int64(st, 8, clock_now_ms());
}

static void sla_create(struct http_request *req)
{
    json_t *body = http_json(req);
    struct sla_input in;
    int64_t id;
    struct db_stmt *st;
    enum store_rc rc;

    if (!body || !api_only_fields(req, body, sla_fields) ||
        !check_sla(req, body, &in) || !api_begin(req))
        return;
    rc = db_prepare(http_db(req),
                    "INSERT INTO sla_policies (account_id, name, "
                    "first_response_s, next_response_s, resolution_s, "
                    "business_hours_only, at_risk_pct, created_at, "
                    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) "
                    "RETURNING id",
                    &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        bind_sla(st, &in);
        rc = sql_int64(st, &id);
    }
    if (rc) {
        api_rollback(req, rc, "an SLA policy with this name exists");
        return;
    }
    api_audit(req, "sla_policy.create", "sla_policy", id, NULL);
    if (api_commit(req))
        http_reply_json(req, 201, sla_json(id, &in));
}

/* The stored row of an account-scoped table as its API JSON, through
 * row(); STORE_NOT_FOUND when the account has no such id. */
static enum store_rc load_row(struct http_request *req, const char *sql,
                              int64_t id, json_t *(*row)(struct db_stmt *),
                              json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(http_db(req), sql, &st);

    *out = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_of(req));
    db_bind_int64(st, 2, id);
    if ((rc = db_step(st)) == STORE_ROW)
        *out = row(st);
    db_done(st);
    if (rc == STORE_DONE)
        return STORE_NOT_FOUND;
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* PATCH: the stored policy with the body's members replacing its own,
 * checked as a whole. Running SLA timers keep their schedule and pick up
 * the new targets when they next run. */
static void sla_update(struct http_request *req)
{
    int64_t id;
    json_t *body, *cur = NULL;
    struct sla_input in;
    struct db_stmt *st;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, sla_fields))
        return;
    if ((rc = load_row(req,
                       "SELECT id, name, first_response_s, next_response_s, "
                       "resolution_s, business_hours_only, at_risk_pct FROM "
                       "sla_policies WHERE account_id = $1 AND id = $2",
                       id, sla_row, &cur))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    json_object_update(cur, body);
    if (!check_sla(req, cur, &in) || !api_begin(req))
        goto out;
    rc = db_prepare(http_db(req),
                    "UPDATE sla_policies SET name = $2, first_response_s = "
                    "$3, next_response_s = $4, resolution_s = $5, "
                    "business_hours_only = $6, at_risk_pct = $7, updated_at "
                    "= $8 WHERE account_id = $1 AND id = $9",
                    &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        bind_sla(st, &in);
        db_bind_int64(st, 9, id);
        rc = sql_run_changed(st);
    }
    if (rc) {
        api_rollback(req, rc, "an SLA policy with this name exists");
        goto out;
    }
    api_audit(req, "sla_policy.update", "sla_policy", id, json_deep_copy(body));
    if (api_commit(req))
        http_reply_json(req, 200, sla_json(id, &in));
out:
    json_decref(cur);
}

/* DELETE of an account-scoped row by id, with an audit entry. */
static void delete_row(struct http_request *req, const char *sql,
                       const char *action, const char *type)
{
    int64_t id;
    struct db_stmt *st;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    rc = db_prepare(http_db(req), sql, &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(st, 2, id);
        rc = sql_run_changed(st);
    }
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_audit(req, action, type, id, NULL);
    if (api_commit(req))
        http_reply_empty(req, 204);
}

static void sla_delete(struct http_request *req)
{
    delete_row(req,
               "DELETE FROM sla_policies WHERE account_id = $1 AND id = $2",
               "sla_policy.delete", "sla_policy");
}

/* --- assignment policies and skills ------------------------------------------
 */

static json_t *policy_row(struct db_stmt *st)
{
    json_t *skills = json_loads(db_col_text(st, 5), 0, NULL);

    return json_pack(
        "{sI so? so? ss sI so sI}", "id", (json_int_t)db_col_int64(st, 0),
        "inbox_id",
        db_col_is_null(st, 1) ? NULL : json_integer(db_col_int64(st, 1)),
        "team_id",
        db_col_is_null(st, 2) ? NULL : json_integer(db_col_int64(st, 2)),
        "mode", db_col_text(st, 3), "capacity", (json_int_t)db_col_int64(st, 4),
        "skills", skills ? skills : json_array(), "reassign_after_min",
        (json_int_t)db_col_int64(st, 6));
}

static void policies_list(struct http_request *req)
{
    reply_rows(req,
               "SELECT id, inbox_id, team_id, mode, capacity, skills, "
               "reassign_after_min FROM assignment_policies WHERE "
               "account_id = $1 ORDER BY id",
               policy_row);
}

/* Check a policy body; replies 422 and returns false when bad. */
static bool check_policy(struct http_request *req, json_t *body,
                         enum route_mode *mode)
{
    const json_t *skills = json_object_get(body, "skills");
    int64_t cap = json_integer_value(json_object_get(body, "capacity"));
    int64_t inbox = json_integer_value(json_object_get(body, "inbox_id"));
    int64_t team = json_integer_value(json_object_get(body, "team_id"));
    int64_t reassign =
        json_integer_value(json_object_get(body, "reassign_after_min"));

    if (route_mode_parse(jstr(body, "mode"), mode)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "mode must be round_robin or least_loaded");
        return false;
    }
    if ((inbox > 0) == (team > 0)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "set exactly one of inbox_id and team_id");
        return false;
    }
    if (cap < 0 || cap > 1000 ||
        (json_object_get(body, "capacity") &&
         !json_is_integer(json_object_get(body, "capacity")))) {
        http_reply_error(req, ERR_INVALID_FIELD, "capacity must be 0..1000");
        return false;
    }
    if (reassign < 0 || reassign > 10080 ||
        (json_object_get(body, "reassign_after_min") &&
         !json_is_integer(json_object_get(body, "reassign_after_min")))) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "reassign_after_min must be 0..10080 minutes");
        return false;
    }
    for (size_t i = 0; i < json_array_size(skills); i++)
        if (!json_is_string(json_array_get(skills, i))) {
            http_reply_error(req, ERR_INVALID_FIELD,
                             "skills[%zu] is not a string", i);
            return false;
        }
    if (skills && !json_is_array(skills)) {
        http_reply_error(req, ERR_INVALID_FIELD, "skills must be an array");
        return false;
    }
    return true;
}

static const char *const policy_fields[] = {
    "inbox_id",           "team_id", "mode", "capacity", "skills",
    "reassign_after_min", NULL};

static void policies_create(struct http_request *req)
{
    const char *const *fields = policy_fields;
    json_t *body = http_json(req);
    enum route_mode mode;
    struct db_stmt *st;
    int64_t id;
    enum store_rc rc;

    if (!body || !api_only_fields(req, body, fields) ||
        !check_policy(req, body, &mode) || !api_begin(req))
        return;
    json_t *skills = json_object_get(body, "skills");
    char *sk = skills ? json_dumps(skills, JSON_COMPACT) : NULL;
    rc = db_prepare(
        http_db(req),
        "INSERT INTO assignment_policies (account_id, inbox_id, team_id, "
        "mode, capacity, skills, reassign_after_min, created_at, updated_at) "
        "SELECT $1, NULLIF($2, 0), NULLIF($3, 0), $4, $5, $6, $7, $8, $8 "
        "WHERE (CAST($2 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM inboxes "
        "WHERE id = $2 AND account_id = $1)) AND (CAST($3 AS BIGINT) = 0 OR "
        "EXISTS (SELECT 1 FROM teams WHERE id = $3 AND account_id = $1)) "
        "RETURNING id",
        &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(st, 2,
                      json_integer_value(json_object_get(body, "inbox_id")));
        db_bind_int64(st, 3,
                      json_integer_value(json_object_get(body, "team_id")));
        db_bind_text(st, 4, route_mode_name(mode), -1);
        db_bind_int64(
            st, 5,
            json_object_get(body, "capacity")
                ? json_integer_value(json_object_get(body, "capacity"))
                : AUTO_DEFAULT_CAPACITY);
        db_bind_text(st, 6, sk ? sk : "[]", -1);
        db_bind_int64(
            st, 7,
            json_integer_value(json_object_get(body, "reassign_after_min")));
        db_bind_int64(st, 8, clock_now_ms());
        rc = sql_int64(st, &id);
    }
    free(sk);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_audit(req, "assignment_policy.create", "assignment_policy", id, NULL);
    if (api_commit(req))
        http_reply_json(req, 201, json_pack("{sI}", "id", (json_int_t)id));
}

/*
 * PATCH: the stored policy with the body's members replacing its own,
 * checked as a whole (so moving it from an inbox to a team sets team_id
 * and inbox_id null). The inbox or team must be the account's: 404
 * otherwise. Replies with the policy as stored.
 */
static void policies_update(struct http_request *req)
{
    static const char *const sql =
        "SELECT id, inbox_id, team_id, mode, capacity, skills, "
        "reassign_after_min FROM assignment_policies WHERE account_id = $1 "
        "AND id = $2";
    int64_t id;
    json_t *body, *cur = NULL;
    enum route_mode mode;
    struct db_stmt *st;
    char *sk = NULL;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, policy_fields))
        return;
    if ((rc = load_row(req, sql, id, policy_row, &cur))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    json_object_update(cur, body);
    if (!check_policy(req, cur, &mode) || !api_begin(req))
        goto out;
    sk = json_dumps(json_object_get(cur, "skills"), JSON_COMPACT);
    rc = db_prepare(
        http_db(req),
        "UPDATE assignment_policies SET inbox_id = NULLIF($2, 0), team_id = "
        "NULLIF($3, 0), mode = $4, capacity = $5, skills = $6, "
        "reassign_after_min = $7, updated_at = $8 WHERE account_id = $1 AND "
        "id = $9 AND (CAST($2 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM "
        "inboxes WHERE id = $2 AND account_id = $1)) AND (CAST($3 AS BIGINT) "
        "= 0 OR EXISTS (SELECT 1 FROM teams WHERE id = $3 AND account_id = "
        "$1))",
        &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(st, 2,
                      json_integer_value(json_object_get(cur, "inbox_id")));
        db_bind_int64(st, 3,
                      json_integer_value(json_object_get(cur, "team_id")));
        db_bind_text(st, 4, route_mode_name(mode), -1);
        db_bind_int64(st, 5,
                      json_integer_value(json_object_get(cur, "capacity")));
        db_bind_text(st, 6, sk ? sk : "[]", -1);
        db_bind_int64(
            st, 7,
            json_integer_value(json_object_get(cur, "reassign_after_min")));
        db_bind_int64(st, 8, clock_now_ms());
        db_bind_int64(st, 9, id);
        rc = sql_run_changed(st);
    }
    if (rc) {
        api_rollback(req, rc, NULL);
        goto out;
    }
    api_audit(req, "assignment_policy.update", "assignment_policy", id,
              json_deep_copy(body));
    json_object_set_new(cur, "mode", json_string(route_mode_name(mode)));
    if (api_commit(req))
        http_reply_json(req, 200, json_incref(cur));
out:
    free(sk);
    json_decref(cur);
}

static void policies_delete(struct http_request *req)
{
    delete_row(req,
               "DELETE FROM assignment_policies WHERE account_id = $1 AND "
               "id = $2",
               "assignment_policy.delete", "assignment_policy");
}

/* PUT /agents/{id}/skills {"skills":["lang:ko","billing"]}: replace. */
static void skills_put(struct http_request *req)
{
    int64_t user;
    json_t *body, *skills;
    struct db_stmt *st;
    enum store_rc rc;

    if (!http_param_id(req, "id", &user) || !(body = http_json(req)))
        return;
    skills = json_object_get(body, "skills");
    if (!json_is_array(skills) || json_array_size(skills) > 100) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "skills must be an array of at most 100 names");
        return;
    }
    if (!api_begin(req))
        return;
    rc = db_prepare(http_db(req),
                    "DELETE FROM agent_skills WHERE account_id = $1 AND "
                    "user_id = $2",
                    &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(st, 2, user);
        rc = sql_run(st);
    }
    for (size_t i = 0; rc == STORE_OK && i < json_array_size(skills); i++) {
        const char *s = json_string_value(json_array_get(skills, i));
        if (!s || !*s || strlen(s) > 64) {
            db_rollback(http_db(req));
            http_reply_error(req, ERR_INVALID_FIELD,
                             "skills[%zu] must be a name of 1-64 bytes", i);
            return;
        }
        if ((rc = db_prepare(http_db(req),
                             "INSERT INTO agent_skills (account_id, user_id, "
                             "skill) SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 "
                             "FROM users WHERE id = $2 AND account_id = $1) "
                             "ON CONFLICT DO NOTHING",
                             &st)))
            break;
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(st, 2, user);
        db_bind_text(st, 3, s, -1);
        rc = sql_run(st);
    }
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_audit(req, "agent.skills", "user", user, json_incref(skills));
    if (api_commit(req))
        http_reply_json(req, 200,
                        json_pack("{sI sO}", "user_id", (json_int_t)user,
                                  "skills", skills));
}

/* --- conversation state and the queue ----------------------------------------
 */

/* GET /conversations/{id}/automation: SLA state, queue place, flow step
 * and the automation activity lines of the conversation. */
static void conversation_automation(struct http_request *req)
{
    int64_t id, wait = 0;
    int position = 0;
    struct db_stmt *st;
    json_t *out = NULL, *log = json_array();
    enum store_rc rc;

    if (!http_param_id(req, "id", &id))
        return;
    rc = db_prepare(http_db(req),
                    "SELECT a.flow_step, a.sla_policy_id, a.sla_state, "
                    "a.queued_at FROM conversations c LEFT JOIN "
                    "automation_conversations a ON a.conversation_id = c.id "
                    "WHERE c.account_id = $1 AND c.id = $2",
                    &st);
    if (rc)
        goto fail;
    db_bind_int64(st, 1, account_of(req));
    db_bind_int64(st, 2, id);
    if ((rc = db_step(st)) == STORE_ROW)
        out = json_pack(
            "{sI ss so? ss}", "conversation_id", (json_int_t)id, "flow_step",
            db_col_text(st, 0), "sla_policy_id",
            db_col_is_null(st, 1) ? NULL : json_integer(db_col_int64(st, 1)),
            "sla_state", db_col_is_null(st, 2) ? "none" : db_col_text(st, 2));
    db_done(st);
    if (rc != STORE_ROW) {
        rc = rc == STORE_DONE ? STORE_NOT_FOUND : rc;
        goto fail;
    }
    if ((rc = auto_queue_place(http_db(req), account_of(req), id, &position,
                               &wait)))
        goto fail;
    json_object_set_new(out, "queue",
                        position
                            ? json_pack("{si sI}", "position", position,
                                        "expected_wait_ms", (json_int_t)wait)
                            : json_null());
    if ((rc = db_prepare(http_db(req),
                         "SELECT content, created_at FROM messages WHERE "
                         "account_id = $1 AND conversation_id = $2 AND type = "
                         "'activity' AND sender_type = 'automation' ORDER BY "
                         "id DESC LIMIT 100",
                         &st)))
        goto fail;
    db_bind_int64(st, 1, account_of(req));
    db_bind_int64(st, 2, id);
    while ((rc = db_step(st)) == STORE_ROW) {
        json_t *c = json_loads(db_col_text(st, 0), 0, NULL);
        if (c) {
            json_object_set_new(c, "at", json_integer(db_col_int64(st, 1)));
            json_array_append_new(log, c);
        }
    }
    db_done(st);
    json_object_set_new(out, "actions", log);
    http_reply_json(req, 200, out);
    return;
fail:
    json_decref(out);
    json_decref(log);
    api_reply_store_error(req, rc, NULL);
}

static json_t *queue_row(struct db_stmt *st)
{
    return json_pack("{sI sI sI sI}", "conversation_id",
                     (json_int_t)db_col_int64(st, 0), "team_id",
                     (json_int_t)db_col_int64(st, 1), "priority",
                     (json_int_t)db_col_int64(st, 2), "queued_at",
                     (json_int_t)db_col_int64(st, 3));
}

/* GET /queue: waiting conversations, by priority then longest waiting. */
static void queue_list(struct http_request *req)
{
    reply_rows(req,
               "SELECT a.conversation_id, a.queue_team_id, c.priority, "
               "a.queued_at FROM automation_conversations a JOIN "
               "conversations c ON c.id = a.conversation_id WHERE "
               "a.account_id = $1 AND a.queued_at IS NOT NULL AND c.status "
               "IN ('open', 'pending') ORDER BY c.priority DESC, a.queued_at, "
               "c.id LIMIT 500",
               queue_row);
}

/* --- the route table ------------------------------------------------------ */

/* --- account settings
 * ---------------------------------------------------------
 */

static const char *const settings_fields[] = {
    "idle_resolve_min", "closing_message",       "closing_csat",
    "csat_template",    "queue_wait_change_pct", NULL};

/* The account's automation settings, or the defaults when it has none. */
static enum store_rc settings_load(struct http_request *req, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(http_db(req),
                   "SELECT idle_resolve_min, closing_message, closing_csat, "
                   "csat_template, queue_wait_change_pct, updated_at FROM "
                   "automation_settings WHERE account_id = $1",
                   &st);

    *out = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_of(req));
    if ((rc = db_step(st)) == STORE_ROW)
        *out = json_pack("{sI ss sb ss sI sI}", "idle_resolve_min",
                         (json_int_t)db_col_int64(st, 0), "closing_message",
                         db_col_text(st, 1), "closing_csat",
                         db_col_int64(st, 2) != 0, "csat_template",
                         db_col_text(st, 3), "queue_wait_change_pct",
                         (json_int_t)db_col_int64(st, 4), "updated_at",
                         (json_int_t)db_col_int64(st, 5));
    db_done(st);
    if (rc == STORE_DONE)
        *out = json_pack("{si ss sb ss si so}", "idle_resolve_min", 0,
                         "closing_message", "", "closing_csat", 0,
                         "csat_template", "", "queue_wait_change_pct", 25,
                         "updated_at", json_null());
    return *out ? STORE_OK : rc;
}

static void settings_get(struct http_request *req)
{
    json_t *cur;
    enum store_rc rc = settings_load(req, &cur);

    if (rc)
        api_reply_store_error(req, rc, NULL);
    else
        http_reply_json(req, 200, cur);
}

/* An integer member within lo..hi; replies 422 and returns false when
 * not. */
static bool int_field(struct http_request *req, json_t *o, const char *key,
                      int64_t lo, int64_t hi)
{
    json_t *v = json_object_get(o, key);

    if (json_is_integer(v) && json_integer_value(v) >= lo &&
        json_integer_value(v) <= hi)
        return true;
    http_reply_error(req, ERR_INVALID_FIELD, "%s must be an integer %lld..%lld",
                     key, (long long)lo, (long long)hi);
    return false;
}

/* The closing message goes to customers as it is: up to 1000 characters,
 * line breaks allowed, no other control characters. */
static bool closing_ok(struct http_request *req, const json_t *v)
{
    const unsigned char *p = (const unsigned char *)json_string_value(v);
    size_t chars = 0;

    for (; p && *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            break;
        chars += (*p & 0xc0) != 0x80;
    }
    if (p && !*p && chars <= 1000)
        return true;
    http_reply_error(req, ERR_INVALID_FIELD,
                     "closing_message must be text of at most 1000 "
                     "characters");
    return false;
}

/* A template name as WhatsApp has them: [a-z0-9_], 1-100; "" for none. */
static bool template_ok(struct http_request *req, const json_t *v)
{
    const char *p = json_string_value(v);

    if (p && strlen(p) <= 100 &&
        strspn(p, "abcdefghijklmnopqrstuvwxyz"
                  "0123456789_") == strlen(p))
        return true;
    http_reply_error(req, ERR_INVALID_FIELD,
                     "csat_template must be a template name of a-z, 0-9 and "
                     "_ (at most 100), or \"\" for none");
    return false;
}

/* Check the settings as a whole (stored with a PATCH's members over
 * them); replies 422 and returns false when bad. */
static bool check_settings(struct http_request *req, json_t *s)
{
    if (!int_field(req, s, "idle_resolve_min", 0, 43200) ||
        !closing_ok(req, json_object_get(s, "closing_message")) ||
        !template_ok(req, json_object_get(s, "csat_template")) ||
        !int_field(req, s, "queue_wait_change_pct", 1, 100))
        return false;
    if (!json_is_boolean(json_object_get(s, "closing_csat"))) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "closing_csat must be true or false");
        return false;
    }
    return true;
}

/*
 * PATCH /automation/settings: any of idle_resolve_min (0: never; else
 * resolve a conversation idle that many minutes), closing_message,
 * closing_csat (send the survey on idle close), csat_template (sent when
 * the window has closed) and queue_wait_change_pct. Replies with all of
 * them as stored.
 */
static void settings_update(struct http_request *req)
{
    json_t *body = http_json(req), *cur = NULL;
    struct db_stmt *st;
    int64_t now = clock_now_ms();
    enum store_rc rc;

    if (!body || !api_only_fields(req, body, settings_fields))
        return;
    if ((rc = settings_load(req, &cur))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    json_object_update(cur, body);
    if (!check_settings(req, cur) || !api_begin(req))
        goto out;
    rc = db_prepare(
        http_db(req),
        "INSERT INTO automation_settings (account_id, idle_resolve_min, "
        "closing_message, closing_csat, csat_template, "
        "queue_wait_change_pct, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7) ON CONFLICT (account_id) DO UPDATE SET idle_resolve_min = $2, "
        "closing_message = $3, closing_csat = $4, csat_template = $5, "
        "queue_wait_change_pct = $6, updated_at = $7",
        &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_of(req));
        db_bind_int64(
            st, 2,
            json_integer_value(json_object_get(cur, "idle_resolve_min")));
        db_bind_text(st, 3, jstr(cur, "closing_message"), -1);
        db_bind_int64(st, 4,
                      json_is_true(json_object_get(cur, "closing_csat")));
        db_bind_text(st, 5, jstr(cur, "csat_template"), -1);
        db_bind_int64(
            st, 6,
            json_integer_value(json_object_get(cur, "queue_wait_change_pct")));
        db_bind_int64(st, 7, now);
        rc = sql_run(st);
    }
    if (rc) {
        api_rollback(req, rc, NULL);
        goto out;
    }
    /* The audit says which settings changed, not the message text. */
    json_t *changed = json_array();
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v)
        json_array_append_new(changed, json_string(key));
    api_audit(req, "automation_settings.update", "account", account_of(req),
              json_pack("{so}", "fields", changed));
    json_object_set_new(cur, "updated_at", json_integer(now));
    if (api_commit(req))
        http_reply_json(req, 200, json_incref(cur));
out:
    json_decref(cur);
}

static const struct http_route routes[] = {
    {"GET", "/api/v1/rules", rules_list, ROLE_SUPERVISOR, 0},
    {"POST", "/api/v1/rules", rules_create, ROLE_SUPERVISOR, 0},
    {"POST", "/api/v1/rules/reorder", rules_reorder, ROLE_SUPERVISOR, 0},
    {"POST", "/api/v1/rules/test", rules_test, ROLE_SUPERVISOR, 0},
    {"GET", "/api/v1/rules/{id}", rules_get, ROLE_SUPERVISOR, 0},
    {"PATCH", "/api/v1/rules/{id}", rules_update, ROLE_SUPERVISOR, 0},
    {"DELETE", "/api/v1/rules/{id}", rules_delete, ROLE_SUPERVISOR, 0},
    {"GET", "/api/v1/assignment-policies", policies_list, ROLE_AGENT, 0},
    {"POST", "/api/v1/assignment-policies", policies_create, ROLE_SUPERVISOR,
     0},
    {"PATCH", "/api/v1/assignment-policies/{id}", policies_update,
     ROLE_SUPERVISOR, 0},
    {"DELETE", "/api/v1/assignment-policies/{id}", policies_delete,
     ROLE_SUPERVISOR, 0},
    {"PUT", "/api/v1/agents/{id}/skills", skills_put, ROLE_SUPERVISOR, 0},
    {"GET", "/api/v1/business-hours/{inbox_id}", hours_get, ROLE_AGENT, 0},
    {"PUT", "/api/v1/business-hours/{inbox_id}", hours_put, ROLE_SUPERVISOR, 0},
    {"GET", "/api/v1/sla-policies", sla_list, ROLE_AGENT, 0},
    {"POST", "/api/v1/sla-policies", sla_create, ROLE_SUPERVISOR, 0},
    {"PATCH", "/api/v1/sla-policies/{id}", sla_update, ROLE_SUPERVISOR, 0},
    {"DELETE", "/api/v1/sla-policies/{id}", sla_delete, ROLE_SUPERVISOR, 0},
    {"GET", "/api/v1/automation/settings", settings_get, ROLE_SUPERVISOR, 0},
    {"PATCH", "/api/v1/automation/settings", settings_update, ROLE_SUPERVISOR,
     0},
    {"GET", "/api/v1/conversations/{id}/automation", conversation_automation,
     ROLE_AGENT, 0},
    {"GET", "/api/v1/queue", queue_list, ROLE_AGENT, 0},
};

const struct http_route *automation_routes(size_t *count)
{
    *count = sizeof routes / sizeof *routes;
    return routes;
}

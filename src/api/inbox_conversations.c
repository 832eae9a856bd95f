/*
 * Conversation endpoints of the inbox:
 *   GET   /api/v1/conversations            filtered, sorted, keyset-paged
 *   GET   /api/v1/conversations/counts     open counts of the inbox tabs
 *   PATCH /api/v1/conversations/{id}       status, priority, assignee...
 *   POST  /api/v1/conversations/bulk       the same for up to 500 at once
 *   POST|DELETE /api/v1/conversations/{id}/labels/{label_id}
 * Agents may do all of it, assigning to colleagues included (help desks
 * hand conversations over); every query is scoped by the account.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/inbox_api.h"
#include "core/attribute.h"
#include "core/conv_actions.h"
#include "core/conversation.h"
#include "core/conv_list.h"
#include "core/label.h"
#include "core/search.h"

#define BULK_MAX 500

/* Parse a query parameter that must be a positive id; 0 when absent.
 * Replies 400 and returns false when malformed. */
static bool query_id(struct http_request *req, const char *name, int64_t *out)
{
    const char *v = http_query(req, name);
    char *end;

    *out = 0;
    if (!v || !*v)
        return true;
    long long n = strtoll(v, &end, 10);
    if (*end || n <= 0) {
        http_reply_error(req, ERR_BAD_REQUEST, "%s must be a positive id",
                         name);
        return false;
    }
    *out = n;
    return true;
}

/* Parse a priority query parameter (0..4); -1 when absent. */
static bool query_priority(struct http_request *req, const char *name, int *out)
{
    const char *v = http_query(req, name);

    *out = -1;
    if (!v || !*v)
        return true;
    if (strlen(v) != 1 || v[0] < '0' || v[0] > '0' + CONV_PRIORITY_MAX) {
        http_reply_error(req, ERR_BAD_REQUEST, "%s must be 0 to 4", name);
        return false;
    }
    *out = v[0] - '0';
    return true;
}

/* assignee=me|unassigned|<id> */
static bool parse_assignee(struct http_request *req, struct conv_list_query *q)
{
    const char *v = http_query(req, "assignee");

    q->assignee = CONV_ASSIGNEE_ANY;
    if (!v || !*v || !strcmp(v, "all"))
        return true;
    if (!strcmp(v, "me")) {
        q->assignee = CONV_ASSIGNEE_USER;
        q->assignee_id = http_principal(req)->user_id;
        return true;
    }
    if (!strcmp(v, "unassigned")) {
        q->assignee = CONV_ASSIGNEE_UNASSIGNED;
        return true;
    }
    q->assignee = CONV_ASSIGNEE_USER;
    return query_id(req, "assignee", &q->assignee_id);
}

/* Read every list parameter into q; false after replying 400. */
static bool parse_list_query(struct http_request *req,
                             struct conv_list_query *q)
{
    int sort = conv_list_sort_parse(http_query(req, "sort"));

    q->account_id = http_principal(req)->account_id;
    q->status = http_query(req, "status");
    if (!q->status || !*q->status)
        q->status = "open";
    if (strcmp(q->status, "all") && !conversation_status_valid(q->status)) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "status must be open, "
                         "pending, snoozed, resolved "
                         "or all");
        return false;
    }
    if (sort < 0) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "sort must be last_activity, waiting or priority");
        return false;
    }
    q->sort = sort;
    q->q = http_query(req, "q");
    if (q->q && strlen(q->q) > SEARCH_QUERY_MAX * 4) {
        http_reply_error(req, ERR_BAD_REQUEST, "q is too long");
        return false;
    }
    q->cursor = http_query(req, "cursor");
    if (conv_list_cursor_check(q->sort, q->cursor) != 0) {
        http_reply_error(req, ERR_INVALID_CURSOR, "the cursor is not valid");
        return false;
    }
    return parse_assignee(req, q) && query_id(req, "inbox_id", &q->inbox_id) &&
           query_id(req, "team_id", &q->team_id) &&
           query_id(req, "label", &q->label_id) &&
           query_priority(req, "priority", &q->priority) &&
           query_priority(req, "priority_min", &q->priority_min);
}

/* ?limit= (1..API_PAGE_MAX, default API_PAGE_DEFAULT). */
static bool parse_limit(struct http_request *req, int *limit)
{
    const char *l = http_query(req, "limit");
    char *end;

    *limit = API_PAGE_DEFAULT;
    if (!l)
        return true;
    long v = strtol(l, &end, 10);
    if (end == l || *end || v < 1 || v > API_PAGE_MAX) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "limit must be a number from 1 to %d", API_PAGE_MAX);
        return false;
    }
    *limit = (int)v;
    return true;
}

void api_inbox_conversations_list(struct http_request *req)
{
    struct conv_list_query q = {0};
    json_t *data;
    char *next = NULL;
    enum store_rc rc;

    if (!parse_list_query(req, &q) || !parse_limit(req, &q.limit))
        return;
    if ((rc = conv_list_page(http_db(req), &q, &data, &next))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, 200,
                    json_pack("{so so}", "data", data, "next_cursor",
                              next ? json_string(next) : json_null()));
    free(next);
}

void api_inbox_conversations_counts(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    json_t *counts;
    enum store_rc rc =
        conv_list_counts(http_db(req), p->account_id, p->user_id, &counts);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, 200, counts);
}

/* An optional id member: absent leaves *set false; null sets 0. */
static bool body_id(struct http_request *req, json_t *body, const char *key,
                    bool *set, int64_t *out)
{
    json_t *v = json_object_get(body, key);

    *set = v != NULL;
    *out = 0;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'%s' must be a positive id or null", key);
        return false;
    }
    *out = json_integer_value(v);
    return true;
}

/* Read the change members of a PATCH or bulk body into ch. */
static bool parse_change(struct http_request *req, json_t *body,
                         struct conv_change *ch)
{
    json_t *pr = json_object_get(body, "priority");
    bool set_snooze;

    memset(ch, 0, sizeof *ch);
    ch->priority = -1;
    if (!api_string(req, body, "status", false, 16, &ch->status))
        return false;
    if (ch->status && !conversation_status_valid(ch->status)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "status must be open, "
                         "pending, snoozed or "
                         "resolved");
        return false;
    }
    if (pr && (!json_is_integer(pr) || json_integer_value(pr) < 0 ||
               json_integer_value(pr) > CONV_PRIORITY_MAX)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'priority' must be an integer from 0 to 4");
        return false;
    }
    if (pr)
        ch->priority = (int)json_integer_value(pr);
    if (!body_id(req, body, "assignee_id", &ch->set_assignee,
                 &ch->assignee_id) ||
        !body_id(req, body, "team_id", &ch->set_team, &ch->team_id) ||
        !body_id(req, body, "snoozed_until", &set_snooze, &ch->snoozed_until))
        return false;
    ch->set_snooze = set_snooze;
    return true;
}

/* Reply to a refused or failed change, rolling back. */
static void reply_change_error(struct http_request *req, enum store_rc rc,
                               const char *why)
{
    if (rc == STORE_CONSTRAINT && why) {
        db_rollback(http_db(req));
        http_reply_error(req, ERR_INVALID_FIELD, "%s", why);
        return;
    }
    api_rollback(req, rc, NULL);
}

/* Validate and merge a PATCH's attributes member into the conversation's
 * current attributes, inside the request's transaction so that two
 * concurrent edits cannot lose each other's keys; *merged is NULL when the
 * body has none. On false it has rolled back and replied. */
static bool merge_attributes(struct http_request *req, json_t *body, int64_t id,
                             char **merged)
{
    json_t *patch = json_object_get(body, "attributes");
    char why[160];
    enum store_rc rc;

    *merged = NULL;
    if (!patch)
        return true;
    rc = attribute_merge_stored(http_db(req), http_principal(req)->account_id,
                                "conversation", id, patch, merged, why,
                                sizeof why);
    if (rc == STORE_CONSTRAINT) {
        db_rollback(http_db(req));
        http_reply_error(req, ERR_INVALID_FIELD, "%s", why);
        return false;
    }
    if (rc) {
        api_rollback(req, rc, NULL);
        return false;
    }
    return true;
}

/* The attributes member, when present, must be an object. */
static bool attributes_shape(struct http_request *req, json_t *body)
{
    json_t *a = json_object_get(body, "attributes");

    if (a && !json_is_object(a)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'attributes' must be an object");
        return false;
    }
    return true;
}

void api_inbox_conversation_update(struct http_request *req)
{
    static const char *const fields[] = {
        "status",        "priority",   "assignee_id", "team_id",
        "snoozed_until", "attributes", NULL};
    struct http_principal *p = http_principal(req);
    struct conv_actor who = {p->account_id, p->user_id};
    struct conv_change ch;
    const char *why = NULL;
    char *attrs = NULL;
    json_t *body, *out;
    int64_t id;
    bool changed;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, fields) || !parse_change(req, body, &ch) ||
        !attributes_shape(req, body) || !api_begin(req) ||
        !merge_attributes(req, body, id, &attrs))
        return;
    ch.attributes = attrs;
    enum store_rc rc = conv_apply(http_db(req), &who, id, &ch, &changed, &why);
    free(attrs);
    if (rc == STORE_OK)
        rc = conv_json_full(http_db(req), p->account_id, id, &out);
    if (rc) {
        reply_change_error(req, rc, why);
        return;
    }
    if (!api_commit(req)) {
        json_decref(out);
        return;
    }
    http_reply_json(req, 200, out);
}

/* Read an array of positive ids (at most max) from body[key]; an absent
 * member gives an empty array. */
static bool body_ids(struct http_request *req, json_t *body, const char *key,
                     size_t max, json_t **out)
{
    json_t *a = json_object_get(body, key), *v;
    size_t i;

    *out = a;
    if (!a)
        return true;
    if (!json_is_array(a) || json_array_size(a) > max) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'%s' must be an array of at most %zu ids", key, max);
        return false;
    }
    json_array_foreach(a, i, v)
    {
        if (!json_is_integer(v) || json_integer_value(v) <= 0) {
            http_reply_error(req, ERR_INVALID_FIELD,
                             "'%s' must hold positive ids", key);
            return false;
        }
    }
    return true;
}

/* Every label id of a bulk request must be the account's. */
static bool check_labels(struct http_request *req, json_t *labels)
{
    size_t i;
    json_t *v;

    json_array_foreach(labels, i, v)
    {
        enum store_rc rc =
            label_exists(http_db(req), http_principal(req)->account_id,
                         json_integer_value(v));
        if (rc == STORE_NOT_FOUND) {
            http_reply_error(req, ERR_INVALID_FIELD,
                             "label %lld is not a label of this account",
                             (long long)json_integer_value(v));
            return false;
        }
        if (rc) {
            api_reply_store_error(req, rc, NULL);
            return false;
        }
    }
    return true;
}

/* The bulk request, parsed. */
struct bulk {
    json_t *ids, *add, *remove;
    struct conv_change ch;
};

/* Apply the bulk request to one conversation; fills its result object.
 * Returns a hard store error only (which aborts the whole request). */
static enum store_rc bulk_one(struct http_request *req, const struct bulk *b,
                              int64_t id, json_t *result)
{
    struct http_principal *p = http_principal(req);
    struct conv_actor who = {p->account_id, p->user_id};
    const char *why = NULL;
    bool changed;
    size_t i;
    json_t *v;
    enum store_rc rc =
        conv_apply(http_db(req), &who, id, &b->ch, &changed, &why);

    json_array_foreach(b->add, i, v)
    {
        if (rc == STORE_OK)
            rc = conv_label(http_db(req), &who, id, json_integer_value(v), true,
                            &changed);
    }
    json_array_foreach(b->remove, i, v)
    {
        if (rc == STORE_OK)
            rc = conv_label(http_db(req), &who, id, json_integer_value(v),
                            false, &changed);
    }
    if (rc == STORE_OK || rc == STORE_NOT_FOUND || rc == STORE_CONSTRAINT) {
        json_object_set_new(result, "ok", json_boolean(rc == STORE_OK));
        if (rc != STORE_OK)
            json_object_set_new(
                result, "error",
                json_pack("{ss ss}", "code",
                          rc == STORE_NOT_FOUND ? "not_found" : "invalid_field",
                          "message", why ? why : "not found"));
        return STORE_OK;
    }
    return rc;
}

/*
 * Phases: parse and check the whole request (ids, change, labels, the
 * assignee and team once), then apply it to each id inside one
 * transaction; a missing id is a per-id result, a storage failure rolls
 * everything back.
 */
void api_inbox_conversations_bulk(struct http_request *req)
{
    static const char *const fields[] = {
        "ids",     "status",     "priority",      "assignee_id",
        "team_id", "add_labels", "remove_labels", NULL};
    struct bulk b;
    const char *why;
    json_t *body, *results, *v;
    size_t i;
    enum store_rc rc;

    if (!(body = http_json(req)) || !api_only_fields(req, body, fields) ||
        !body_ids(req, body, "ids", BULK_MAX, &b.ids) ||
        !body_ids(req, body, "add_labels", 50, &b.add) ||
        !body_ids(req, body, "remove_labels", 50, &b.remove) ||
        !parse_change(req, body, &b.ch))
        return;
    if (!b.ids || json_array_size(b.ids) == 0) {
        http_reply_error(req, ERR_MISSING_FIELD,
                         "'ids' must name 1 to %d conversations", BULK_MAX);
        return;
    }
    if (!check_labels(req, b.add) || !check_labels(req, b.remove))
        return;
    rc = conv_change_check(http_db(req), http_principal(req)->account_id, &b.ch,
                           &why);
    if (rc) {
        if (rc == STORE_CONSTRAINT)
            http_reply_error(req, ERR_INVALID_FIELD, "%s", why);
        else
            api_reply_store_error(req, rc, NULL);
        return;
    }
    if (!api_begin(req))
        return;
    results = json_array();
    json_array_foreach(b.ids, i, v)
    {
        json_t *r = json_pack("{sI}", "id", (json_int_t)json_integer_value(v));
        json_array_append_new(results, r);
        if ((rc = bulk_one(req, &b, json_integer_value(v), r))) {
            json_decref(results);
            api_rollback(req, rc, NULL);
            return;
        }
    }
    if (!api_commit(req)) {
        json_decref(results);
        return;
    }
    http_reply_json(req, 200, json_pack("{so}", "results", results));
}

/* POST or DELETE a label on a conversation. */
static void label_change(struct http_request *req, bool add)
{
    struct http_principal *p = http_principal(req);
    struct conv_actor who = {p->account_id, p->user_id};
    int64_t id, label_id;
    bool changed;
    json_t *out;

    if (!http_param_id(req, "id", &id) ||
        !http_param_id(req, "label_id", &label_id) || !api_begin(req))
        return;
    enum store_rc rc =
        conv_label(http_db(req), &who, id, label_id, add, &changed);
    if (rc == STORE_OK)
        rc = conv_json_full(http_db(req), p->account_id, id, &out);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (!api_commit(req)) {
        json_decref(out);
        return;
    }
    http_reply_json(req, 200, out);
}

void api_inbox_conversation_label_add(struct http_request *req)
{
    label_change(req, true);
}

void api_inbox_conversation_label_remove(struct http_request *req)
{
    label_change(req, false);
}

/*
 * Reading conversations and messages; see conversations.h. Writing them
 * (replies, status changes, assignment) belongs to other handlers.
 */
#include "api/conversations.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/message.h"
#include "core/sql.h"

/* Parse "<last_message_at>:<id>" (both non-negative). 0 on success. */
static int cursor_parse(const char *s, int64_t *at, int64_t *id)
{
    char *end;
    long long a, b;

    *at = *id = 0;
    if (!s || !s[0])
        return 0;
    errno = 0;
    a = strtoll(s, &end, 10);
    if (errno || end == s || *end != ':' || a < 0)
        return -1;
    s = end + 1;
    b = strtoll(s, &end, 10);
    if (errno || end == s || *end || b <= 0)
        return -1;
    *at = a;
    *id = b;
    return 0;
}

/* ?limit= as api_page reads it, without its numeric cursor. */
static bool read_limit(struct http_request *req, int *limit)
{
    const char *l = http_query(req, "limit");
    char *end;
    long v;

    *limit = API_PAGE_DEFAULT;
    if (!l)
        return true;
    v = strtol(l, &end, 10);
    if (end == l || *end || v < 1 || v > API_PAGE_MAX) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "limit must be a number from 1 to %d", API_PAGE_MAX);
        return false;
    }
    *limit = (int)v;
    return true;
}

void api_conversations_list(struct http_request *req)
{
    struct conversation_query q = {
        .account_id = http_principal(req)->account_id,
        .status = http_query(req, "status"),
    };
    struct db *db = http_db(req);
    int64_t last_at, last_id;
    json_t *data, *cursor = json_null();
    enum store_rc rc;

    if (!q.status)
        q.status = "open";
    if (strcmp(q.status, "all") != 0 && !conversation_status_valid(q.status)) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "status must be open, pending, "
                         "snoozed, resolved or all");
        return;
    }
    if (!read_limit(req, &q.limit))
        return;
    if (cursor_parse(http_query(req, "cursor"), &q.before_at, &q.before_id)) {
        http_reply_error(req, ERR_INVALID_CURSOR, "the cursor is not valid");
        return;
    }
    if ((rc = conversation_list(db, &q, &data, &last_at, &last_id))) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    if (json_array_size(data) == (size_t)q.limit && last_id > 0) {
        char text[48];
        snprintf(text, sizeof text, "%" PRId64 ":%" PRId64, last_at, last_id);
        cursor = json_string(text);
    }
    http_reply_json(req, 200,
                    json_pack("{so so}", "data", data, "next_cursor", cursor));
}

/* The contact's windows in the conversation's inbox, added to o. */
static enum store_rc add_window(struct db *db, const struct conversation *c,
                                json_t *o)
{
    struct db_stmt *st;
    json_t *window = json_null(), *free_entry = json_null();
    enum store_rc rc = db_prepare(
        db,
        "SELECT window_expires_at, free_entry_expires_at FROM "
        "contact_windows WHERE account_id = $1 AND contact_id = $2 AND "
        "inbox_id = $3",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, c->account_id);
    db_bind_int64(st, 2, c->contact_id);
    db_bind_int64(st, 3, c->inbox_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        window = json_integer(db_col_int64(st, 0));
        if (!db_col_is_null(st, 1))
            free_entry = json_integer(db_col_int64(st, 1));
    }
    db_done(st);
    json_object_set_new(o, "window_expires_at", window);
    json_object_set_new(o, "free_entry_expires_at", free_entry);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* Contact, last message and window of conversation c, added to o. */
static enum store_rc add_details(struct db *db, const struct conversation *c,
                                 json_t *o)
{
    struct contact ct;
    json_t *last = NULL;
    enum store_rc rc = contact_get(db, c->account_id, c->contact_id, &ct);

    if (rc)
        return rc;
    json_object_set_new(o, "contact", contact_json(&ct));
    contact_clear(&ct);
    if (c->last_message_id &&
        (rc = message_get_json(db, c->account_id, c->last_message_id, &last)) !=
            STORE_OK &&
        rc != STORE_NOT_FOUND)
        return rc;
    json_object_set_new(o, "last_message", last ? last : json_null());
    return add_window(db, c, o);
}

void api_conversations_get(struct http_request *req)
{
    struct db *db = http_db(req);
    struct conversation c;
    int64_t id;
    json_t *o;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id))
        return;
    rc = conversation_get(db, http_principal(req)->account_id, id, &c);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    o = conversation_json(&c);
    if ((rc = add_details(db, &c, o))) {
        json_decref(o);
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, 200, o);
}

void api_conversation_messages(struct http_request *req)
{
    struct db *db = http_db(req);
    int64_t account = http_principal(req)->account_id;
    struct conversation c;
    int64_t id, before, last;
    int limit;
    json_t *data;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !api_page(req, &limit, &before))
        return;
    rc = conversation_get(db, account, id, &c);
    if (rc == STORE_OK)
        rc = message_list(db, account, id, before, limit, &data, &last);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_reply_page(req, data, json_array_size(data), limit, last);
}

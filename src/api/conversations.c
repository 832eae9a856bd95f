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

/*
 * Conversations; see conversation.h.
 */
#include "core/conversation.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "core/sql.h"

bool conversation_status_valid(const char *s)
{
    return s && (!strcmp(s, "open") || !strcmp(s, "pending") ||
                 !strcmp(s, "snoozed") || !strcmp(s, "resolved"));
}

void conversation_read(struct db_stmt *st, struct conversation *c)
{
    memset(c, 0, sizeof *c);
    c->id = db_col_int64(st, 0);
    c->account_id = db_col_int64(st, 1);
    c->inbox_id = db_col_int64(st, 2);
    c->contact_id = db_col_int64(st, 3);
    snprintf(c->status, sizeof c->status, "%s", db_col_text(st, 4));
    c->priority = (int)db_col_int64(st, 5);
    c->assignee_id = db_col_int64(st, 6);
    c->team_id = db_col_int64(st, 7);
    c->snoozed_until = db_col_int64(st, 8);
    c->unread_count = db_col_int64(st, 9);
    c->last_message_id = db_col_int64(st, 10);
    c->last_message_at = db_col_int64(st, 11);
    c->last_customer_message_at = db_col_int64(st, 12);
    c->last_agent_reply_at = db_col_int64(st, 13);
    c->first_reply_at = db_col_int64(st, 14);
    c->waiting_since = db_col_int64(st, 15);
    c->created_at = db_col_int64(st, 16);
    c->updated_at = db_col_int64(st, 17);
    c->resolved_at = db_col_int64(st, 18);
}

enum store_rc conversation_for_inbound(struct db *db, int64_t account_id,
                                       int64_t inbox_id, int64_t contact_id,
                                       int64_t team_id, int64_t at, int64_t *id,
                                       bool *created)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT id FROM conversations WHERE account_id = $1 AND "
                   "contact_id = $2 AND inbox_id = $3 AND status <> 'resolved' "
                   "ORDER BY id DESC LIMIT 1",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, contact_id);
    db_bind_int64(st, 3, inbox_id);
    rc = sql_int64(st, id);
    *created = rc == STORE_NOT_FOUND;
    if (rc != STORE_NOT_FOUND)
        return rc;

    rc = db_prepare(db,
                    "INSERT INTO conversations (account_id, inbox_id, "
                    "contact_id, team_id, last_message_at, created_at, "
                    "updated_at) VALUES ($1, $2, $3, $4, $5, $5, $5) "
                    "RETURNING id",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_int64(st, 3, contact_id);
    if (team_id > 0)
        db_bind_int64(st, 4, team_id);
    else
        db_bind_null(st, 4);
    db_bind_int64(st, 5, at);
    return sql_int64(st, id);
}

enum store_rc conversation_note_inbound(struct db *db, int64_t id,
                                        int64_t message_id, int64_t at)
{
    struct db_stmt *st;
    /* Messages can arrive out of order: only a newer one becomes the
     * last message. */
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE conversations SET "
                   "last_message_id = CASE WHEN $3 >= last_message_at "
                   "THEN $2 ELSE last_message_id END, "
                   "last_message_at = CASE WHEN $3 >= last_message_at "
                   "THEN $3 ELSE last_message_at END, "
                   "last_customer_message_at = $3, "
                   "unread_count = unread_count + 1, "
                   "waiting_since = COALESCE(waiting_since, $3), "
                   "status = CASE WHEN status = 'snoozed' THEN 'open' "
                   "ELSE status END, "
                   "snoozed_until = CASE WHEN status = 'snoozed' THEN NULL "
                   "ELSE snoozed_until END, "
                   "updated_at = $4 WHERE id = $1",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, message_id);
    db_bind_int64(st, 3, at);
    db_bind_int64(st, 4, clock_now_ms());
    return sql_run(st);
}

enum store_rc conversation_note_outbound(struct db *db, int64_t id,
                                         int64_t message_id, int64_t at,
                                         bool is_reply)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE conversations SET last_message_id = $2, "
        "last_message_at = $3, "
        "last_agent_reply_at = CASE WHEN $4 = 1 THEN $3 "
        "ELSE last_agent_reply_at END, "
        "first_reply_at = CASE WHEN $4 = 1 THEN "
        "COALESCE(first_reply_at, $3) ELSE first_reply_at END, "
        "waiting_since = CASE WHEN $4 = 1 THEN NULL "
        "ELSE waiting_since END, "
        "unread_count = CASE WHEN $4 = 1 THEN 0 ELSE unread_count END, "
        "updated_at = $3 WHERE id = $1",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, message_id);
    db_bind_int64(st, 3, at);
    db_bind_int64(st, 4, is_reply ? 1 : 0);
    return sql_run(st);
}

enum store_rc conversation_get(struct db *db, int64_t account_id, int64_t id,
                               struct conversation *out)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT " CONVERSATION_COLUMNS " FROM conversations c "
                   "WHERE c.account_id = $1 AND c.id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        conversation_read(st, out);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* 0 reads as null: an unset id or time. */
static json_t *id_or_null(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

json_t *conversation_json(const struct conversation *c)
{
    return json_pack(
        "{sI sI sI ss si so so so sI so so so so so so sI sI so}", "id",
        (json_int_t)c->id, "inbox_id", (json_int_t)c->inbox_id, "contact_id",
        (json_int_t)c->contact_id, "status", c->status, "priority", c->priority,
        "assignee_id", id_or_null(c->assignee_id), "team_id",
        id_or_null(c->team_id), "snoozed_until", id_or_null(c->snoozed_until),
        "unread_count", (json_int_t)c->unread_count, "last_message_at",
        id_or_null(c->last_message_at), "last_customer_message_at",
        id_or_null(c->last_customer_message_at), "last_agent_reply_at",
        id_or_null(c->last_agent_reply_at), "first_reply_at",
        id_or_null(c->first_reply_at), "waiting_since",
        id_or_null(c->waiting_since), "last_message_id",
        id_or_null(c->last_message_id), "created_at", (json_int_t)c->created_at,
        "updated_at", (json_int_t)c->updated_at, "resolved_at",
        id_or_null(c->resolved_at));
}

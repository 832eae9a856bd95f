/*
 * Messages; see message.h.
 */
#include "core/message.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "core/sql.h"

static const char *const status_order[] = {
    "queued", "sending", "sent", "delivered", "read", "played",
};

int message_status_rank(const char *status)
{
    for (int i = 0; i < (int)(sizeof status_order / sizeof *status_order);
         i++) {
        if (status && !strcmp(status, status_order[i]))
            return i;
    }
    return -1;
}

/* The same ranking in SQL, for a guarded UPDATE. */
#define RANK(x)                                                                \
    "(CASE " x " WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 "                  \
    "WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 "           \
    "WHEN 'played' THEN 5 ELSE -1 END)"

/* The id of the message an idempotent insert found already there. */
static enum store_rc find_existing(struct db *db,
                                   const struct message_input *in, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (in->wamid) {
        rc = db_prepare(db,
                        "SELECT id FROM messages WHERE inbox_id = $1 "
                        "AND wamid = $2",
                        &st);
        if (rc)
            return rc;
        db_bind_int64(st, 1, in->inbox_id);
        db_bind_text(st, 2, in->wamid, -1);
    } else {
        rc = db_prepare(db,
                        "SELECT id FROM messages WHERE account_id = $1 "
                        "AND sender_id = $2 AND idempotency_key = $3",
                        &st);
        if (rc)
            return rc;
        db_bind_int64(st, 1, in->account_id);
        db_bind_int64(st, 2, in->sender_id);
        db_bind_text(st, 3, in->idempotency_key, -1);
    }
    return sql_int64(st, id);
}

static void bind_optional_id(struct db_stmt *st, int idx, int64_t v)
{
    if (v)
        db_bind_int64(st, idx, v);
    else
        db_bind_null(st, idx);
}

enum store_rc message_insert(struct db *db, const struct message_input *in,
                             int64_t *id, bool *duplicate)
{
    struct db_stmt *st;
    int64_t now = in->created_at ? in->created_at : clock_now_ms();
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO messages (account_id, conversation_id, inbox_id, "
        "contact_id, direction, sender_type, sender_id, type, content, "
        "text, private, wamid, status, reply_to_wamid, idempotency_key, "
        "wa_timestamp, send_after, created_at, updated_at) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
        "$16, $17, $18, $18) ON CONFLICT DO NOTHING RETURNING id",
        &st);

    *duplicate = false;
    if (rc)
        return rc;
    db_bind_int64(st, 1, in->account_id);
    db_bind_int64(st, 2, in->conversation_id);
    db_bind_int64(st, 3, in->inbox_id);
    db_bind_int64(st, 4, in->contact_id);
    db_bind_text(st, 5, in->direction, -1);
    db_bind_text(st, 6, in->sender_type, -1);
    bind_optional_id(st, 7, in->sender_id);
    db_bind_text(st, 8, in->type, -1);
    db_bind_text(st, 9, in->content ? in->content : "{}", -1);
    db_bind_text(st, 10, in->text ? in->text : "", -1);
    db_bind_int64(st, 11, in->private_note);
    db_bind_text(st, 12, in->wamid, -1);
    db_bind_text(st, 13, in->status, -1);
    db_bind_text(st, 14, in->reply_to_wamid, -1);
    db_bind_text(st, 15, in->idempotency_key, -1);
    bind_optional_id(st, 16, in->wa_timestamp);
    bind_optional_id(st, 17, in->send_after);
    db_bind_int64(st, 18, now);
    rc = sql_int64(st, id);
    if (rc != STORE_NOT_FOUND)
        return rc;
    /* ON CONFLICT swallowed it: the message is already there. */
    *duplicate = true;
    return find_existing(db, in, id);
}

/* Read back the message a status names, for the caller's events. */
static enum store_rc locate(struct db *db, int64_t inbox_id, const char *wamid,
                            int64_t *message_id, int64_t *account_id,
                            int64_t *conversation_id)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT id, account_id, conversation_id FROM messages "
                   "WHERE inbox_id = $1 AND wamid = $2",
                   &st);

    *message_id = *account_id = *conversation_id = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, inbox_id);
    db_bind_text(st, 2, wamid, -1);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *message_id = db_col_int64(st, 0);
        *account_id = db_col_int64(st, 1);
        *conversation_id = db_col_int64(st, 2);
    }
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/*
 * Move a message's status forward only: a later status of lower rank is
 * ignored, "failed" applies only before delivery, and the time columns
 * fill in as the status passes them (read implies delivered).
 */
/* clang-format off */
static const char apply_status_sql[] =
    "UPDATE messages SET status = $3, updated_at = $9, "
    "sent_at = CASE WHEN " RANK("$3") " >= 2 "
    "  THEN COALESCE(sent_at, $4) ELSE sent_at END, "
    "delivered_at = CASE WHEN " RANK("$3") " >= 3 "
    "  THEN COALESCE(delivered_at, $4) ELSE delivered_at END, "
    "read_at = CASE WHEN " RANK("$3") " >= 4 "
    "  THEN COALESCE(read_at, $4) ELSE read_at END, "
    "failed_at = CASE WHEN $3 = 'failed' THEN $4 ELSE failed_at END, "
    "error_code = CASE WHEN $3 = 'failed' THEN $5 ELSE error_code END, "
    "error_title = CASE WHEN $3 = 'failed' THEN $6 ELSE error_title END, "
    "pricing_category = COALESCE($7, pricing_category), "
    "pricing_type = COALESCE($8, pricing_type) "
    "WHERE inbox_id = $1 AND wamid = $2 AND status <> 'failed' AND "
    "(CASE WHEN $3 = 'failed' THEN " RANK("status") " <= 2 "
    "  ELSE " RANK("$3") " > " RANK("status") " END)";
/* clang-format on */

enum store_rc message_apply_status(struct db *db,
                                   const struct message_status_update *u,
                                   bool *changed, int64_t *message_id,
                                   int64_t *account_id,
                                   int64_t *conversation_id)
{
    struct db_stmt *st;
    bool failed = !strcmp(u->status, "failed");
    enum store_rc rc = db_prepare(db, apply_status_sql, &st);

    *changed = false;
    if (rc)
        return rc;
    if (!failed && message_status_rank(u->status) < 0)
        return locate(db, u->inbox_id, u->wamid, message_id, account_id,
                      conversation_id);
    db_bind_int64(st, 1, u->inbox_id);
    db_bind_text(st, 2, u->wamid, -1);
    db_bind_text(st, 3, u->status, -1);
    db_bind_int64(st, 4, u->at);
    bind_optional_id(st, 5, u->error_code);
    db_bind_text(st, 6, u->error_title, -1);
    db_bind_text(st, 7, u->pricing_category, -1);
    db_bind_text(st, 8, u->pricing_type, -1);
    db_bind_int64(st, 9, clock_now_ms());
    rc = sql_run_changed(st);
    if (rc == STORE_OK)
        *changed = true;
    else if (rc != STORE_NOT_FOUND)
        return rc;
    return locate(db, u->inbox_id, u->wamid, message_id, account_id,
                  conversation_id);
}

enum store_rc message_adopt_wamid(struct db *db, int64_t inbox_id,
                                  int64_t message_id, const char *wamid)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE messages SET wamid = $3 WHERE id = $1 AND inbox_id = $2 "
        "AND direction = 'out' AND wamid IS NULL "
        "AND status IN ('queued', 'sending')",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, message_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_text(st, 3, wamid, -1);
    return sql_run_changed(st);
}

#define MESSAGE_COLUMNS                                                        \
    "id, conversation_id, direction, sender_type, sender_id, type, "           \
    "content, text, private, wamid, status, error_code, error_title, "         \
    "reply_to_wamid, pricing_category, created_at, sent_at, "                  \
    "delivered_at, read_at, failed_at, edited_at, revoked_at, send_after, "    \
    "ai_language, ai_intent, ai_confidence, ai_sentiment, ai_score"

static json_t *time_or_null(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null()
                                   : json_integer(db_col_int64(st, col));
}

static json_t *text_or_null(struct db_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? json_string(s) : json_null();
}

static json_t *ai_json(struct db_stmt *st)
{
    if (db_col_is_null(st, 23))
        return json_null();
    return json_pack("{so so sf so sf}", "language", text_or_null(st, 23),
                     "intent", text_or_null(st, 24), "confidence",
                     db_col_double(st, 25), "sentiment", text_or_null(st, 26),
                     "score", db_col_double(st, 27));
}

static json_t *message_row_json(struct db_stmt *st)
{
    json_t *content = json_loads(db_col_text(st, 6), 0, NULL);
    json_t *error =
        db_col_is_null(st, 11)
            ? json_null()
            : json_pack("{sI so}", "code", (json_int_t)db_col_int64(st, 11),
                        "title", text_or_null(st, 12));

    return json_pack(
        "{sI sI ss s{ss so} ss so ss sb so ss so so so sI so so so so so "
        "so so so}",
        "id", (json_int_t)db_col_int64(st, 0), "conversation_id",
        (json_int_t)db_col_int64(st, 1), "direction", db_col_text(st, 2),
        "sender", "type", db_col_text(st, 3), "id", time_or_null(st, 4), "type",
        db_col_text(st, 5), "content", content ? content : json_object(),
        "text", db_col_text(st, 7), "private", db_col_int64(st, 8) != 0,
        "wamid", text_or_null(st, 9), "status", db_col_text(st, 10), "error",
        error, "reply_to_wamid", text_or_null(st, 13), "pricing_category",
        text_or_null(st, 14), "created_at", (json_int_t)db_col_int64(st, 15),
        "sent_at", time_or_null(st, 16), "delivered_at", time_or_null(st, 17),
        "read_at", time_or_null(st, 18), "failed_at", time_or_null(st, 19),
        "edited_at", time_or_null(st, 20), "revoked_at", time_or_null(st, 21),
        "send_after", time_or_null(st, 22), "ai", ai_json(st));
}

/* --- media of messages ------------------------------------------------- */

/* One media row as a message lists it: where to fetch it and its state. */
static json_t *media_row_json(struct db_stmt *st)
{
    char url[64];

    snprintf(url, sizeof url, "/api/v1/media/%lld",
             (long long)db_col_int64(st, 1));
    return json_pack(
        "{sI ss ss sI ss ss so}", "id", (json_int_t)db_col_int64(st, 1),
        "state", db_col_text(st, 2), "mime_type", db_col_text(st, 3), "size",
        (json_int_t)db_col_int64(st, 4), "filename", db_col_text(st, 5), "url",
        url, "error", text_or_null(st, 6));
}

/*
 * Give each message of list (JSON objects with "id", ids between lo and
 * hi) a "media" array, with one query over that id range: the join keeps
 * it to the messages of conversation_id.
 */
static enum store_rc add_media(struct db *db, int64_t account_id,
                               int64_t conversation_id, int64_t lo, int64_t hi,
                               json_t *list)
{
    struct db_stmt *st;
    json_t *by_id = json_object();
    char key[24];
    size_t i;
    json_t *m;
    enum store_rc rc;

    for (i = 0; i < json_array_size(list); i++) {
        m = json_array_get(list, i);
        json_t *arr = json_array();
        json_object_set_new(m, "media", arr);
        snprintf(key, sizeof key, "%lld",
                 (long long)json_integer_value(json_object_get(m, "id")));
        json_object_set(by_id, key, arr);
    }
    rc = db_prepare(db,
                    "SELECT d.message_id, d.id, d.state, d.mime_type, "
                    "d.size, d.filename, d.error FROM media d JOIN messages "
                    "g ON g.id = d.message_id WHERE d.account_id = $1 AND "
                    "g.conversation_id = $2 AND d.message_id BETWEEN $3 AND "
                    "$4 ORDER BY d.id",
                    &st);
    if (rc == STORE_OK) {
        db_bind_int64(st, 1, account_id);
        db_bind_int64(st, 2, conversation_id);
        db_bind_int64(st, 3, lo);
        db_bind_int64(st, 4, hi);
        while ((rc = db_step(st)) == STORE_ROW) {
            snprintf(key, sizeof key, "%lld", (long long)db_col_int64(st, 0));
            json_t *arr = json_object_get(by_id, key);
            if (arr)
                json_array_append_new(arr, media_row_json(st));
        }
        db_done(st);
        rc = rc == STORE_DONE ? STORE_OK : rc;
    }
    json_decref(by_id);
    return rc;
}

enum store_rc message_get_json(struct db *db, int64_t account_id, int64_t id,
                               json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " MESSAGE_COLUMNS " FROM messages "
                                  "WHERE account_id = $1 AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *out = message_row_json(st);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    int64_t conversation_id = rc == STORE_OK ? db_col_int64(st, 1) : 0;
    db_done(st);
    if (rc == STORE_OK) {
        json_t *one = json_pack("[O]", *out);
        rc = add_media(db, account_id, conversation_id, id, id, one);
        json_decref(one);
        if (rc) {
            json_decref(*out);
            *out = NULL;
        }
    }
    return rc;
}

enum store_rc message_list(struct db *db, int64_t account_id,
                           int64_t conversation_id, int64_t before_id,
                           int limit, json_t **out, int64_t *last_id)
{
    struct db_stmt *st;
    json_t *list;
    enum store_rc rc = db_prepare(
        db,
        "SELECT " MESSAGE_COLUMNS " FROM messages WHERE account_id = $1 "
        "AND conversation_id = $2 AND (CAST($3 AS BIGINT) = 0 OR id < $3) "
        "ORDER BY id DESC LIMIT $4",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, conversation_id);
    db_bind_int64(st, 3, before_id);
    db_bind_int64(st, 4, limit);
    list = json_array();
    *last_id = 0;
    while ((rc = db_step(st)) == STORE_ROW) {
        json_array_append_new(list, message_row_json(st));
        *last_id = db_col_int64(st, 0);
    }
    db_done(st);
    if (rc == STORE_DONE)
        rc = json_array_size(list) == 0
                 ? STORE_OK
                 : add_media(db, account_id, conversation_id, *last_id,
                             json_integer_value(json_object_get(
                                 json_array_get(list, 0), "id")),
                             list);
    if (rc != STORE_OK) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return STORE_OK;
}

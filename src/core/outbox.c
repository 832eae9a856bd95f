/*
 * Storage side of the sending API; see outbox.h.
 */
#include "core/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/sql.h"

enum store_rc outbox_window(struct db *db, int64_t contact_id, int64_t inbox_id,
                            int64_t now, bool *open, int64_t *expires_at)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT window_expires_at FROM "
                                  "contact_windows WHERE contact_id = $1 "
                                  "AND inbox_id = $2",
                                  &st);

    *open = false;
    *expires_at = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, contact_id);
    db_bind_int64(st, 2, inbox_id);
    rc = sql_int64(st, expires_at);
    if (rc == STORE_NOT_FOUND)
        return STORE_OK;
    *open = rc == STORE_OK && *expires_at > now;
    return rc;
}

enum store_rc outbox_template_get(struct db *db, int64_t account_id,
                                  int64_t inbox_id, const char *name,
                                  const char *language, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT status, parameter_format, components FROM templates "
                   "WHERE account_id = $1 AND inbox_id = $2 AND name = $3 AND "
                   "language = $4",
                   &st);

    *out = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_text(st, 3, name, -1);
    db_bind_text(st, 4, language, -1);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        json_t *comp = json_loads(db_col_text(st, 2), 0, NULL);

        *out = json_pack("{ss ss ss ss so}", "name", name, "language", language,
                         "status", db_col_text(st, 0), "parameter_format",
                         db_col_text(st, 1), "components",
                         comp ? comp : json_array());
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Who sent outbound message id, for the cancel permission check. */
static enum store_rc sender_of_message(struct db *db, int64_t account_id,
                                       int64_t id, int64_t *sender)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT COALESCE(sender_id, 0) FROM messages WHERE account_id = $1 "
        "AND id = $2 AND direction = 'out'",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_int64(st, sender);
}

enum store_rc outbox_cancel(struct db *db, int64_t account_id, int64_t id,
                            int64_t user_id, bool supervisor, int64_t now,
                            enum outbox_cancel_rc *result)
{
    struct db_stmt *st;
    int64_t sender = 0;
    enum store_rc rc = sender_of_message(db, account_id, id, &sender);

    *result = OUTBOX_CANCEL_NOT_FOUND;
    if (rc == STORE_NOT_FOUND)
        return STORE_OK;
    if (rc)
        return rc;
    *result = OUTBOX_CANCEL_FORBIDDEN;
    if (sender != user_id && !supervisor)
        return STORE_OK;
    rc = db_prepare(db,
                    "UPDATE messages SET status = 'cancelled', updated_at = "
                    "$3 WHERE account_id = $1 AND id = $2 AND status = "
                    "'queued' AND attempts = 0 AND send_after > $3",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_int64(st, 3, now);
    rc = sql_run_changed(st);
    *result = rc == STORE_OK ? OUTBOX_CANCELLED : OUTBOX_CANCEL_TOO_LATE;
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

enum store_rc outbox_last_inbound_wamid(struct db *db, int64_t account_id,
                                        int64_t conversation_id, char **wamid)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT wamid FROM messages WHERE account_id = $1 AND "
        "conversation_id = $2 AND direction = 'in' AND wamid IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        &st);

    *wamid = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, conversation_id);
    rc = db_step(st);
    if (rc == STORE_ROW)
        *wamid = xstrdup(db_col_text(st, 0));
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

enum store_rc outbox_clear_unread(struct db *db, int64_t account_id,
                                  int64_t conversation_id, int64_t now)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "UPDATE conversations SET unread_count = 0, "
                                  "updated_at = $3 WHERE account_id = $1 AND "
                                  "id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, conversation_id);
    db_bind_int64(st, 3, now);
    return sql_run_changed(st);
}

static json_t *template_row_json(struct db_stmt *st)
{
    json_t *comp = json_loads(db_col_text(st, 9), 0, NULL);
    const char *wid = db_col_text(st, 2);

    return json_pack("{sI sI so ss ss ss ss ss ss so ss sI}", "id",
                     (json_int_t)db_col_int64(st, 0), "inbox_id",
                     (json_int_t)db_col_int64(st, 1), "wa_template_id",
                     wid ? json_string(wid) : json_null(), "name",
                     db_col_text(st, 3), "language", db_col_text(st, 4),
                     "category", db_col_text(st, 5), "status",
                     db_col_text(st, 6), "quality", db_col_text(st, 7),
                     "parameter_format", db_col_text(st, 8), "components",
                     comp ? comp : json_array(), "reason", db_col_text(st, 10),
                     "updated_at", (json_int_t)db_col_int64(st, 11));
}

enum store_rc outbox_templates_list(struct db *db, int64_t account_id,
                                    int64_t inbox_id, int64_t after_id,
                                    int limit, json_t **out, int64_t *last_id)
{
    struct db_stmt *st;
    json_t *list;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, inbox_id, wa_template_id, name, language, category, "
        "status, quality, parameter_format, components, reason, updated_at "
        "FROM templates WHERE account_id = $1 AND (CAST($2 AS BIGINT) = 0 "
        "OR inbox_id = $2) AND id > $3 ORDER BY id LIMIT $4",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_int64(st, 3, after_id);
    db_bind_int64(st, 4, limit);
    list = json_array();
    *last_id = 0;
    while ((rc = db_step(st)) == STORE_ROW) {
        json_array_append_new(list, template_row_json(st));
        *last_id = db_col_int64(st, 0);
    }
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return STORE_OK;
}

static const char *or_default(const char *s, const char *def)
{
    return s ? s : def;
}

enum store_rc outbox_template_upsert(struct db *db, int64_t account_id,
                                     int64_t inbox_id,
                                     const struct outbox_template *t,
                                     int64_t now)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (!t->name || !t->language || !*t->name || !*t->language)
        return STORE_CONSTRAINT;
    rc = db_prepare(
        db,
        "INSERT INTO templates (account_id, inbox_id, wa_template_id, name, "
        "language, category, status, quality, parameter_format, components, "
        "reason, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10, $11, $12) ON CONFLICT (inbox_id, name, language) DO UPDATE "
        "SET wa_template_id = excluded.wa_template_id, category = "
        "excluded.category, status = excluded.status, quality = "
        "excluded.quality, parameter_format = excluded.parameter_format, "
        "components = excluded.components, reason = excluded.reason, "
        "updated_at = excluded.updated_at WHERE templates.account_id = $1",
        &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_text(st, 3, t->wa_template_id, -1);
    db_bind_text(st, 4, t->name, -1);
    db_bind_text(st, 5, t->language, -1);
    db_bind_text(st, 6, or_default(t->category, ""), -1);
    db_bind_text(st, 7, or_default(t->status, "PENDING"), -1);
    db_bind_text(st, 8, or_default(t->quality, "UNKNOWN"), -1);
    db_bind_text(st, 9, or_default(t->parameter_format, "POSITIONAL"), -1);
    db_bind_text(st, 10, or_default(t->components, "[]"), -1);
    db_bind_text(st, 11, or_default(t->reason, ""), -1);
    db_bind_int64(st, 12, now);
    return sql_run(st);
}

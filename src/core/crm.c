/*
 * Contacts for the inbox's CRM pane: list, edit, notes, CSV; see crm.h.
 */
#include "core/crm.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "core/attribute.h"
#include "core/contact.h"
#include "core/csv.h"
#include "core/label.h"
#include "core/qbuild.h"
#include "core/search.h"
#include "core/sql.h"

enum store_rc crm_contact_exists(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    int64_t one;
    enum store_rc rc = db_prepare(db,
                                  "SELECT 1 FROM contacts WHERE account_id = "
                                  "$1 AND id = $2 AND merged_into IS NULL",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_int64(st, &one);
}

enum store_rc crm_contact_get(struct db *db, int64_t account_id, int64_t id,
                              json_t **out)
{
    struct contact c;
    json_t *labels;
    enum store_rc rc = crm_contact_exists(db, account_id, id);

    if (rc || (rc = contact_get(db, account_id, id, &c)))
        return rc;
    rc = label_contact_labels(db, account_id, id, &labels);
    if (rc == STORE_OK) {
        *out = contact_json(&c);
        json_object_set_new(*out, "labels", labels);
    }
    contact_clear(&c);
    return rc;
}

/* Append the attribute filter: attributes[key] in its text form. */
static void attr_filter(struct qb *b, enum store_dialect d, const char *key,
                        const char *value)
{
    if (d == STORE_SQLITE) {
        qb_sql(b, " AND (SELECT CASE type WHEN 'true' THEN 'true' "
                  "WHEN 'false' THEN 'false' ELSE CAST(value AS TEXT) END "
                  "FROM json_each(p.attributes) WHERE key = ");
        qb_text(b, key);
        qb_sql(b, ") = ");
    } else {
        qb_sql(b, " AND (CAST(p.attributes AS jsonb) ->> CAST(");
        qb_text(b, key);
        qb_sql(b, " AS TEXT)) = ");
    }
    qb_text(b, value);
}

/* The ids of one page of contacts matching q. */
static enum store_rc list_ids(struct db *db, const struct crm_contact_query *q,
                              int64_t *ids, int *n)
{
    struct qb b = QB_INIT;
    struct db_stmt *st;
    enum store_rc rc;

    qb_sql(&b, "SELECT p.id FROM contacts p WHERE p.account_id = ");
    qb_int(&b, q->account_id);
    qb_sql(&b, " AND p.merged_into IS NULL");
    if (q->before_id > 0) {
        qb_sql(&b, " AND p.id < ");
        qb_int(&b, q->before_id);
    }
    if (q->q && q->q[0]) {
        qb_sql(&b, " AND p.id IN ");
        search_contacts_sql(&b, store_dialect(db_store(db)), 1, q->q);
    }
    if (q->label_id > 0) {
        qb_sql(&b, " AND p.id IN (SELECT contact_id FROM contact_labels "
                   "WHERE label_id = ");
        qb_int(&b, q->label_id);
        qb_sql(&b, ")");
    }
    if (q->attr_key && q->attr_value)
        attr_filter(&b, store_dialect(db_store(db)), q->attr_key,
                    q->attr_value);
    qb_sql(&b, " ORDER BY p.id DESC LIMIT ");
    qb_int(&b, q->limit);
    rc = qb_prepare(&b, db, &st);
    qb_free(&b);
    if (rc)
        return rc;
    *n = 0;
    while ((rc = db_step(st)) == STORE_ROW && *n < q->limit)
        ids[(*n)++] = db_col_int64(st, 0);
    db_done(st);
    return rc == STORE_DONE || rc == STORE_ROW ? STORE_OK : rc;
}

enum store_rc crm_contact_list(struct db *db, const struct crm_contact_query *q,
                               json_t **out, int64_t *last_id)
{
    int64_t *ids = xcalloc((size_t)q->limit, sizeof *ids);
    int n = 0;
    json_t *one;
    enum store_rc rc = list_ids(db, q, ids, &n);

    *last_id = 0;
    *out = json_array();
    for (int i = 0; rc == STORE_OK && i < n; i++) {
        rc = crm_contact_get(db, q->account_id, ids[i], &one);
        if (rc == STORE_OK)
            json_array_append_new(*out, one);
        *last_id = ids[i];
    }
    free(ids);
    if (rc) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

static void bind_text_or_null(struct db_stmt *st, int idx, const char *v)
{
    if (v)
        db_bind_text(st, idx, v, -1);
    else
        db_bind_null(st, idx);
}

enum store_rc crm_contact_update(struct db *db, int64_t account_id, int64_t id,
                                 const struct crm_contact_change *ch)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE contacts SET name = COALESCE(CAST($3 AS TEXT), name), "
        "email = COALESCE(CAST($4 AS TEXT), email), "
        "phone = COALESCE(CAST($5 AS TEXT), phone), "
        "language = COALESCE(CAST($6 AS TEXT), language), "
        "blocked = CASE WHEN CAST($7 AS BIGINT) < 0 THEN blocked ELSE $7 END, "
        "attributes = COALESCE(CAST($8 AS TEXT), attributes), "
        "updated_at = $9 WHERE account_id = $1 AND id = $2 "
        "AND merged_into IS NULL",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    bind_text_or_null(st, 3, ch->name);
    bind_text_or_null(st, 4, ch->email);
    bind_text_or_null(st, 5, ch->phone);
    bind_text_or_null(st, 6, ch->language);
    db_bind_int64(st, 7, ch->blocked);
    bind_text_or_null(st, 8, ch->attributes);
    db_bind_int64(st, 9, clock_now_ms());
    return sql_run_changed(st);
}

enum store_rc crm_contact_conversations(struct db *db, int64_t account_id,
                                        int64_t id, json_t **out)
{
    struct db_stmt *st;
    json_t *contact;
    enum store_rc rc = crm_contact_get(db, account_id, id, &contact);

    if (rc)
        return rc;
    json_decref(contact);
    rc = db_prepare(db,
                    "SELECT id, inbox_id, status, priority, assignee_id, "
                    "last_message_at, created_at, resolved_at FROM "
                    "conversations WHERE account_id = $1 AND contact_id = $2 "
                    "ORDER BY last_message_at DESC, id DESC LIMIT 100",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(
            *out,
            json_pack(
                "{sI sI ss sI so sI sI so}", "id",
                (json_int_t)db_col_int64(st, 0), "inbox_id",
                (json_int_t)db_col_int64(st, 1), "status", db_col_text(st, 2),
                "priority", (json_int_t)db_col_int64(st, 3), "assignee_id",
                db_col_is_null(st, 4) ? json_null()
                                      : json_integer(db_col_int64(st, 4)),
                "last_message_at", (json_int_t)db_col_int64(st, 5),
                "created_at", (json_int_t)db_col_int64(st, 6), "resolved_at",
                db_col_is_null(st, 7) ? json_null()
                                      : json_integer(db_col_int64(st, 7))));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

/* --- notes ---------------------------------------------------------------- */

#define NOTE_COLUMNS                                                           \
    "n.id, n.contact_id, n.user_id, COALESCE(u.name, ''), n.body, "            \
    "n.created_at, n.updated_at"

static json_t *note_json(struct db_stmt *st)
{
    return json_pack(
        "{sI sI so ss ss sI sI}", "id", (json_int_t)db_col_int64(st, 0),
        "contact_id", (json_int_t)db_col_int64(st, 1), "user_id",
        db_col_is_null(st, 2) ? json_null() : json_integer(db_col_int64(st, 2)),
        "user_name", db_col_text(st, 3), "body", db_col_text(st, 4),
        "created_at", (json_int_t)db_col_int64(st, 5), "updated_at",
        (json_int_t)db_col_int64(st, 6));
}

/* Notes selected by account and one id column ($2). */
static enum store_rc select_notes(struct db *db, const char *where,
                                  int64_t account_id, int64_t id, json_t **out)
{
    struct db_stmt *st;
    char *sql = xasprintf("SELECT " NOTE_COLUMNS " FROM contact_notes n "
                          "LEFT JOIN users u ON u.id = n.user_id "
                          "WHERE n.account_id = $1 AND %s "
                          "ORDER BY n.id DESC LIMIT 500",
                          where);
    enum store_rc rc = db_prepare(db, sql, &st);

    free(sql);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out, note_json(st));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

enum store_rc crm_notes_list(struct db *db, int64_t account_id,
                             int64_t contact_id, json_t **out)
{
    json_t *contact;
    enum store_rc rc = crm_contact_get(db, account_id, contact_id, &contact);

    if (rc)
        return rc;
    json_decref(contact);
    return select_notes(db, "n.contact_id = $2", account_id, contact_id, out);
}

enum store_rc crm_note_json(struct db *db, int64_t account_id, int64_t note_id,
                            json_t **out)
{
    json_t *rows;
    enum store_rc rc =
        select_notes(db, "n.id = $2", account_id, note_id, &rows);

    if (rc)
        return rc;
    *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return *out ? STORE_OK : STORE_NOT_FOUND;
}

enum store_rc crm_note_create(struct db *db, int64_t account_id,
                              int64_t contact_id, int64_t user_id,
                              const char *body, int64_t *id)
{
    struct db_stmt *st;
    json_t *contact;
    enum store_rc rc = crm_contact_get(db, account_id, contact_id, &contact);

    if (rc)
        return rc;
    json_decref(contact);
    rc = db_prepare(db,
                    "INSERT INTO contact_notes (account_id, contact_id, "
                    "user_id, body, created_at, updated_at) VALUES ($1, $2, "
                    "$3, $4, $5, $5) RETURNING id",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, contact_id);
    db_bind_int64(st, 3, user_id);
    db_bind_text(st, 4, body, -1);
    db_bind_int64(st, 5, clock_now_ms());
    return sql_int64(st, id);
}

enum store_rc crm_note_author(struct db *db, int64_t account_id,
                              int64_t contact_id, int64_t note_id,
                              int64_t *user_id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT COALESCE(user_id, 0) FROM contact_notes WHERE account_id = "
        "$1 AND contact_id = $2 AND id = $3",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, contact_id);
    db_bind_int64(st, 3, note_id);
    return sql_int64(st, user_id);
}

enum store_rc crm_note_update(struct db *db, int64_t account_id,
                              int64_t note_id, const char *body)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE contact_notes SET body = $3, updated_at = $4 WHERE "
                   "account_id = $1 AND id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, note_id);
    db_bind_text(st, 3, body, -1);
    db_bind_int64(st, 4, clock_now_ms());
    return sql_run_changed(st);
}

enum store_rc crm_note_delete(struct db *db, int64_t account_id,
                              int64_t note_id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM contact_notes WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, note_id);
    return sql_run_changed(st);
}

/*
 * Labels; see label.h.
 */
#include "core/label.h"

#include <ctype.h>
#include <string.h>

#include "base/clock.h"
#include "core/sql.h"

#define LABEL_COLUMNS "id, name, color, description, created_at"

static json_t *row_json(struct db_stmt *st)
{
    return json_pack("{sI ss ss ss sI}", "id", (json_int_t)db_col_int64(st, 0),
                     "name", db_col_text(st, 1), "color", db_col_text(st, 2),
                     "description", db_col_text(st, 3), "created_at",
                     (json_int_t)db_col_int64(st, 4));
}

enum store_rc label_list(struct db *db, int64_t account_id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " LABEL_COLUMNS " FROM labels "
                                  "WHERE account_id = $1 ORDER BY name, id",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out, row_json(st));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

enum store_rc label_get_json(struct db *db, int64_t account_id, int64_t id,
                             json_t **out)
{
    return sql_get_json(db,
                        "SELECT " LABEL_COLUMNS
                        " FROM labels WHERE account_id = $1 AND id = $2",
                        account_id, id, row_json, out);
}

enum store_rc label_exists(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    int64_t one;
    enum store_rc rc = db_prepare(
        db, "SELECT 1 FROM labels WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_int64(st, &one);
}

bool label_color_valid(const char *c)
{
    if (!c || strlen(c) != 7 || c[0] != '#')
        return false;
    for (int i = 1; i < 7; i++)
        if (!isxdigit((unsigned char)c[i]))
            return false;
    return true;
}

enum store_rc label_create(struct db *db, int64_t account_id, const char *name,
                           const char *color, const char *description,
                           int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "INSERT INTO labels (account_id, name, color, description, "
                   "created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, name, -1);
    db_bind_text(st, 3, color ? color : "#6b7280", -1);
    db_bind_text(st, 4, description ? description : "", -1);
    db_bind_int64(st, 5, clock_now_ms());
    return sql_int64(st, id);
}

enum store_rc label_update(struct db *db, int64_t account_id, int64_t id,
                           const char *name, const char *color,
                           const char *description)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE labels SET name = COALESCE(CAST($3 AS TEXT), name), "
                   "color = COALESCE(CAST($4 AS TEXT), color), "
                   "description = COALESCE(CAST($5 AS TEXT), description) "
                   "WHERE account_id = $1 AND id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, name, -1);
    db_bind_text(st, 4, color, -1);
    db_bind_text(st, 5, description, -1);
    return sql_run_changed(st);
}

enum store_rc label_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM labels WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_run_changed(st);
}

/* Is contact id the account's (and not merged away)? */
static enum store_rc contact_exists(struct db *db, int64_t account_id,
                                    int64_t id)
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

enum store_rc label_contact_set(struct db *db, int64_t account_id,
                                int64_t contact_id, int64_t label_id, bool add)
{
    struct db_stmt *st;
    enum store_rc rc = contact_exists(db, account_id, contact_id);

    if (rc || (rc = label_exists(db, account_id, label_id)))
        return rc;
    rc = db_prepare(db,
                    add ? "INSERT INTO contact_labels (account_id, "
                          "contact_id, label_id) VALUES ($1, $2, $3) "
                          "ON CONFLICT DO NOTHING"
                        : "DELETE FROM contact_labels WHERE account_id = $1 "
                          "AND contact_id = $2 AND label_id = $3",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, contact_id);
    db_bind_int64(st, 3, label_id);
    return sql_run(st);
}

enum store_rc label_contact_labels(struct db *db, int64_t account_id,
                                   int64_t contact_id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT l.id, l.name, l.color FROM contact_labels cl JOIN labels l "
        "ON l.id = cl.label_id WHERE cl.account_id = $1 AND "
        "cl.contact_id = $2 ORDER BY l.name",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, contact_id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out, json_pack("{sI ss ss}", "id",
                                              (json_int_t)db_col_int64(st, 0),
                                              "name", db_col_text(st, 1),
                                              "color", db_col_text(st, 2)));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

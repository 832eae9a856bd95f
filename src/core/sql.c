/*
 * Query-shape helpers; see sql.h.
 */
#include "core/sql.h"

#include <errno.h>
#include <stdlib.h>

enum store_rc sql_run(struct db_stmt *st)
{
    enum store_rc rc;

    do
        rc = db_step(st);
    while (rc == STORE_ROW);
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

enum store_rc sql_run_changed(struct db_stmt *st)
{
    enum store_rc rc;
    int64_t changed;

    do
        rc = db_step(st);
    while (rc == STORE_ROW);
    changed = db_changes(st);
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    return changed > 0 ? STORE_OK : STORE_NOT_FOUND;
}

enum store_rc sql_int64(struct db_stmt *st, int64_t *out)
{
    enum store_rc rc = db_step(st);

    if (rc == STORE_ROW) {
        *out = db_col_int64(st, 0);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

enum store_rc sql_get_json(struct db *db, const char *sql, int64_t account_id,
                           int64_t id, sql_row_json_cb to_json, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, sql, &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *out = to_json(st);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

int sql_cursor_parse(const char *cursor, int64_t *after_id)
{
    char *end;

    *after_id = 0;
    if (!cursor || !cursor[0])
        return 0;
    errno = 0;
    long long v = strtoll(cursor, &end, 10);
    if (errno || *end || v < 0)
        return -1;
    *after_id = v;
    return 0;
}

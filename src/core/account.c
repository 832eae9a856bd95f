/*
 * Accounts; see account.h.
 */
#include "core/account.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "core/sql.h"

enum store_rc account_create(struct db *db, const char *name, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "INSERT INTO accounts (name, created_at) VALUES ($1, $2) "
                   "RETURNING id",
                   &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, name, -1);
    db_bind_int64(st, 2, clock_now_ms());
    return sql_int64(st, id);
}

enum store_rc account_get(struct db *db, int64_t id, struct account *out)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT id, name, timezone, undo_send_ms, created_at "
                   "FROM accounts WHERE id = $1",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        out->id = db_col_int64(st, 0);
        out->name = xstrdup(db_col_text(st, 1));
        out->timezone = xstrdup(db_col_text(st, 2));
        out->undo_send_ms = db_col_int64(st, 3);
        out->created_at = db_col_int64(st, 4);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

void account_clear(struct account *a)
{
    free(a->name);
    free(a->timezone);
    memset(a, 0, sizeof *a);
}

enum store_rc account_count(struct db *db, int64_t *count)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, "SELECT COUNT(*) FROM accounts", &st);

    if (rc)
        return rc;
    return sql_int64(st, count);
}

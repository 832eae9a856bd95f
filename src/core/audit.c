/*
 * The audit log; see audit.h.
 */
#include "core/audit.h"

#include <stdlib.h>

#include "base/clock.h"
#include "core/sql.h"

enum store_rc audit_record(struct db *db, const struct audit_entry *e,
                           json_t *detail)
{
    struct db_stmt *st;
    char *text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
    enum store_rc rc =
        db_prepare(db,
                   "INSERT INTO audit_log (account_id, user_id, action, "
                   "target_type, target_id, detail, address, created_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   &st);

    json_decref(detail);
    if (rc) {
        free(text);
        return rc;
    }
    db_bind_int64(st, 1, e->account_id);
    if (e->user_id)
        db_bind_int64(st, 2, e->user_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, e->action, -1);
    db_bind_text(st, 4, e->target_type ? e->target_type : "", -1);
    if (e->target_id)
        db_bind_int64(st, 5, e->target_id);
    else
        db_bind_null(st, 5);
    db_bind_text(st, 6, text ? text : "{}", -1);
    db_bind_text(st, 7, e->address ? e->address : "", -1);
    db_bind_int64(st, 8, clock_now_ms());
    free(text);
    return sql_run(st);
}

enum store_rc audit_list(struct db *db, int64_t account_id, int64_t before_id,
                         int limit, json_t **out, int64_t *last_id)
{
    struct db_stmt *st;
    json_t *list;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, user_id, action, target_type, target_id, detail, "
        "address, created_at FROM audit_log WHERE account_id = $1 "
        "AND (CAST($2 AS BIGINT) = 0 OR id < $2) "
        "ORDER BY id DESC LIMIT $3",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, before_id);
    db_bind_int64(st, 3, limit);
    list = json_array();
    *last_id = 0;
    while ((rc = db_step(st)) == STORE_ROW) {
        json_t *detail = json_loads(db_col_text(st, 5), 0, NULL);
        *last_id = db_col_int64(st, 0);
        json_array_append_new(
            list,
            json_pack("{sI sI ss ss sI so ss sI}", "id", (json_int_t)*last_id,
                      "user_id", (json_int_t)db_col_int64(st, 1), "action",
                      db_col_text(st, 2), "target_type", db_col_text(st, 3),
                      "target_id", (json_int_t)db_col_int64(st, 4), "detail",
                      detail ? detail : json_object(), "address",
                      db_col_text(st, 6), "created_at",
                      (json_int_t)db_col_int64(st, 7)));
    }
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return STORE_OK;
}

/*
 * Query builder for dynamic WHERE clauses; see qbuild.h.
 */
#include "core/qbuild.h"

#include <stdlib.h>

#include "base/log.h"
#include "base/mem.h"

void qb_sql(struct qb *q, const char *sql)
{
    buf_puts(&q->sql, sql);
}

/* Claim the next parameter slot; the callers' shapes are fixed, so
 * running out is a bug of ours. */
static int next_slot(struct qb *q)
{
    if (q->count >= QB_MAX_PARAMS) {
        log_error("qb_too_many_params", "max=%d", QB_MAX_PARAMS);
        abort();
    }
    buf_printf(&q->sql, "$%d", q->count + 1);
    return q->count++;
}

void qb_int(struct qb *q, int64_t v)
{
    int k = next_slot(q);

    q->p[k].is_text = 0;
    q->p[k].i = v;
}

void qb_text(struct qb *q, const char *s)
{
    int k = next_slot(q);

    q->p[k].is_text = 1;
    q->p[k].s = xstrdup(s);
}

void qb_ref(struct qb *q, int n)
{
    buf_printf(&q->sql, "$%d", n);
}

enum store_rc qb_prepare(struct qb *q, struct db *db, struct db_stmt **out)
{
    enum store_rc rc = db_prepare(db, q->sql.data, out);

    if (rc != STORE_OK)
        return rc;
    for (int k = 0; k < q->count; k++) {
        if (q->p[k].is_text)
            db_bind_text(*out, k + 1, q->p[k].s, -1);
        else
            db_bind_int64(*out, k + 1, q->p[k].i);
    }
    return STORE_OK;
}

void qb_free(struct qb *q)
{
    for (int k = 0; k < q->count; k++)
        free(q->p[k].s);
    buf_free(&q->sql);
    q->count = 0;
}

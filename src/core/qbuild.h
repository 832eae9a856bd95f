/*
 * Building a query whose WHERE clause depends on the request (the inbox
 * list's filters, contact search): SQL text and its parameters grow
 * together, so "$n" always names the value just added. The set of texts
 * such a builder can produce is small and fixed by the code, which keeps
 * the per-connection statement cache bounded.
 */
#ifndef PARLEY_CORE_QBUILD_H
#define PARLEY_CORE_QBUILD_H

#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

#define QB_MAX_PARAMS 32

struct qb {
    struct buf sql;
    int count;
    struct {
        int is_text;
        int64_t i;
        char *s; /* owned */
    } p[QB_MAX_PARAMS];
};

#define QB_INIT                                                                \
    {                                                                          \
        BUF_INIT, 0,                                                           \
        {                                                                      \
            {                                                                  \
                0, 0, NULL                                                     \
            }                                                                  \
        }                                                                      \
    }

/* Append literal SQL. */
void qb_sql(struct qb *q, const char *sql);

/* Append "$n" for a new int64 / text parameter (text copied). Aborts on
 * more than QB_MAX_PARAMS: the callers' shapes are fixed. */
void qb_int(struct qb *q, int64_t v);
void qb_text(struct qb *q, const char *s);

/* Append "$n" naming the parameter added as number n again. */
void qb_ref(struct qb *q, int n);

/* Prepare the text and bind every parameter. */
enum store_rc qb_prepare(struct qb *q, struct db *db, struct db_stmt **out);

/* Free the text and the copies; the builder may be reused after. */
void qb_free(struct qb *q);

#endif

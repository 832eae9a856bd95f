/*
 * Contacts and WhatsApp identities; see contact.h.
 */
#include "core/contact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "core/sql.h"

#define CONTACT_COLUMNS                                                        \
    "id, account_id, wa_id, bsuid, name, profile_name, phone, email, "         \
    "attributes, language, marketing_opt_out, blocked, created_at, "           \
    "updated_at, last_seen_at"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void read_contact(struct db_stmt *st, struct contact *c)
{
    c->id = db_col_int64(st, 0);
    c->account_id = db_col_int64(st, 1);
    c->wa_id = dup_or_null(db_col_text(st, 2));
    c->bsuid = dup_or_null(db_col_text(st, 3));
    c->name = xstrdup(db_col_text(st, 4));
    c->profile_name = xstrdup(db_col_text(st, 5));
    c->phone = xstrdup(db_col_text(st, 6));
    c->email = xstrdup(db_col_text(st, 7));
    c->attributes = xstrdup(db_col_text(st, 8));
    c->language = xstrdup(db_col_text(st, 9));
    c->marketing_opt_out = db_col_int64(st, 10) != 0;
    c->blocked = db_col_int64(st, 11) != 0;
    c->created_at = db_col_int64(st, 12);
    c->updated_at = db_col_int64(st, 13);
    c->last_seen_at = db_col_int64(st, 14);
}

/* The id of the contact whose column (wa_id or bsuid) is value, or 0. */
static enum store_rc find_by(struct db *db, int64_t account_id,
                             const char *column, const char *value, int64_t *id)
{
    struct db_stmt *st;
    char sql[160];
    enum store_rc rc;

    *id = 0;
    if (!value || !value[0])
        return STORE_OK;
    snprintf(sql, sizeof sql,
             "SELECT id FROM contacts WHERE account_id = $1 AND %s = $2",
             column);
    if ((rc = db_prepare(db, sql, &st)))
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, value, -1);
    rc = sql_int64(st, id);
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

static enum store_rc create_contact(struct db *db, int64_t account_id,
                                    const char *wa_id, const char *bsuid,
                                    const char *profile_name, int64_t at,
                                    int64_t *id)
{
    struct db_stmt *st;
    char phone[64] = "";
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO contacts (account_id, wa_id, bsuid, profile_name, "
        "phone, created_at, updated_at, last_seen_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING id",
        &st);

    if (rc)
        return rc;
    if (wa_id && wa_id[0])
        snprintf(phone, sizeof phone, "+%s", wa_id);
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, wa_id && wa_id[0] ? wa_id : NULL, -1);
    db_bind_text(st, 3, bsuid && bsuid[0] ? bsuid : NULL, -1);
    db_bind_text(st, 4, profile_name ? profile_name : "", -1);
    db_bind_text(st, 5, phone, -1);
    db_bind_int64(st, 6, at);
    return sql_int64(st, id);
}

/* Fill in identifiers the contact lacked and note the visit. */
static enum store_rc update_seen(struct db *db, int64_t id, const char *wa_id,
                                 const char *bsuid, const char *profile_name,
                                 int64_t at)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE contacts SET wa_id = COALESCE(wa_id, $2), "
                   "bsuid = COALESCE(bsuid, $3), "
                   "phone = CASE WHEN phone = '' AND $2 IS NOT NULL "
                   "THEN '+' || $2 ELSE phone END, "
                   "profile_name = COALESCE($4, profile_name), "
                   "last_seen_at = $5, updated_at = $5 WHERE id = $1",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, wa_id && wa_id[0] ? wa_id : NULL, -1);
    db_bind_text(st, 3, bsuid && bsuid[0] ? bsuid : NULL, -1);
    db_bind_text(st, 4, profile_name && profile_name[0] ? profile_name : NULL,
                 -1);
    db_bind_int64(st, 5, at);
    return sql_run(st);
}

enum store_rc contact_resolve(struct db *db, int64_t account_id,
                              const char *wa_id, const char *bsuid,
                              const char *profile_name, int64_t seen_at,
                              int64_t *id)
{
    int64_t by_bsuid, by_wa;
    enum store_rc rc;

    if ((!wa_id || !wa_id[0]) && (!bsuid || !bsuid[0]))
        return STORE_CONSTRAINT;
    if ((rc = find_by(db, account_id, "bsuid", bsuid, &by_bsuid)) ||
        (rc = find_by(db, account_id, "wa_id", wa_id, &by_wa)))
        return rc;
    if (!by_bsuid && !by_wa)
        return create_contact(db, account_id, wa_id, bsuid, profile_name,
                              seen_at, id);
    /* The payload proves the two are one person: keep the older. */
    if (by_bsuid && by_wa && by_bsuid != by_wa) {
        int64_t keep = by_bsuid < by_wa ? by_bsuid : by_wa;
        int64_t gone = keep == by_bsuid ? by_wa : by_bsuid;
        if ((rc = contact_merge(db, account_id, keep, gone)))
            return rc;
        by_bsuid = by_wa = keep;
    }
    *id = by_bsuid ? by_bsuid : by_wa;
    return update_seen(db, *id, wa_id, bsuid, profile_name, seen_at);
}

/* Statements that move the rows of contact $3 to contact $2. */
static const char *const merge_steps[] = {
    "UPDATE conversations SET contact_id = $2 "
    "WHERE account_id = $1 AND contact_id = $3",
    "UPDATE messages SET contact_id = $2 "
    "WHERE account_id = $1 AND contact_id = $3",
    "DELETE FROM contact_windows WHERE account_id = $1 AND contact_id = $3 "
    "AND inbox_id IN (SELECT inbox_id FROM contact_windows "
    "WHERE contact_id = $2)",
    "UPDATE contact_windows SET contact_id = $2 "
    "WHERE account_id = $1 AND contact_id = $3",
    "UPDATE contact_notes SET contact_id = $2 "
    "WHERE account_id = $1 AND contact_id = $3",
    "INSERT INTO contact_labels (account_id, contact_id, label_id) "
    "SELECT account_id, CAST($2 AS BIGINT), label_id FROM contact_labels "
    "WHERE account_id = $1 AND contact_id = $3 ON CONFLICT DO NOTHING",
    "DELETE FROM contact_labels WHERE account_id = $1 AND contact_id = $3 "
    "AND contact_id <> $2",
    /* The identifiers are unique per account: gone gives them up here
     * and keep takes them after the loop. */
    "UPDATE contacts SET merged_into = $2, wa_id = NULL, bsuid = NULL "
    "WHERE account_id = $1 AND id = $3",
};

enum store_rc contact_merge(struct db *db, int64_t account_id, int64_t keep,
                            int64_t gone)
{
    struct db_stmt *st;
    char *wa = NULL, *bs = NULL;
    enum store_rc rc = STORE_OK;
    struct contact g;

    if ((rc = contact_get(db, account_id, gone, &g)))
        return rc;
    wa = g.wa_id ? xstrdup(g.wa_id) : NULL;
    bs = g.bsuid ? xstrdup(g.bsuid) : NULL;
    contact_clear(&g);
    for (size_t i = 0; i < sizeof merge_steps / sizeof merge_steps[0]; i++) {
        if ((rc = db_prepare(db, merge_steps[i], &st)))
            goto out;
        db_bind_int64(st, 1, account_id);
        db_bind_int64(st, 2, keep);
        db_bind_int64(st, 3, gone);
        if ((rc = sql_run(st)))
            goto out;
    }
    /* Now that gone no longer holds them, keep takes what it lacked. */
    rc = update_seen(db, keep, wa, bs, NULL, clock_now_ms());
out:
    free(wa);
    free(bs);
    return rc;
}

enum store_rc contact_get(struct db *db, int64_t account_id, int64_t id,
                          struct contact *out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " CONTACT_COLUMNS " FROM contacts "
                                  "WHERE account_id = $1 AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        read_contact(st, out);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

void contact_clear(struct contact *c)
{
    free(c->wa_id);
    free(c->bsuid);
    free(c->name);
    free(c->profile_name);
    free(c->phone);
    free(c->email);
    free(c->attributes);
    free(c->language);
    memset(c, 0, sizeof *c);
}

enum store_rc contact_set_marketing(struct db *db, int64_t account_id,
                                    const char *wa_id, bool opted_out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "UPDATE contacts SET marketing_opt_out = $3 "
                                  "WHERE account_id = $1 AND wa_id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, wa_id, -1);
    db_bind_int64(st, 3, opted_out);
    return sql_run(st);
}

json_t *contact_json(const struct contact *c)
{
    const char *shown = c->name[0]           ? c->name
                        : c->profile_name[0] ? c->profile_name
                                             : c->phone;
    json_t *attrs = json_loads(c->attributes, 0, NULL);

    return json_pack(
        "{sI ss s:s? s:s? ss ss ss ss so ss sb sb sI sI sI}", "id",
        (json_int_t)c->id, "name", shown, "wa_id", c->wa_id, "bsuid", c->bsuid,
        "profile_name", c->profile_name, "custom_name", c->name, "phone",
        c->phone, "email", c->email, "attributes",
        attrs ? attrs : json_object(), "language", c->language,
        "marketing_opt_out", c->marketing_opt_out, "blocked", c->blocked,
        "created_at", (json_int_t)c->created_at, "updated_at",
        (json_int_t)c->updated_at, "last_seen_at", (json_int_t)c->last_seen_at);
}

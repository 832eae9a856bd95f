/*
 * Teams and their members; see team.h.
 */
#include "core/team.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "core/sql.h"

#define TEAM_SELECT                                                            \
    "SELECT t.id, t.account_id, t.name, t.description, t.created_at, "         \
    "(SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id) "            \
    "FROM teams t "

static void read_team(struct db_stmt *st, struct team *t)
{
    t->id = db_col_int64(st, 0);
    t->account_id = db_col_int64(st, 1);
    t->name = xstrdup(db_col_text(st, 2));
    t->description = xstrdup(db_col_text(st, 3));
    t->created_at = db_col_int64(st, 4);
    t->member_count = db_col_int64(st, 5);
}

enum store_rc team_create(struct db *db, int64_t account_id, const char *name,
                          const char *description, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO teams (account_id, name, description, created_at) "
        "VALUES ($1, $2, $3, $4) RETURNING id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, name, -1);
    db_bind_text(st, 3, description ? description : "", -1);
    db_bind_int64(st, 4, clock_now_ms());
    return sql_int64(st, id);
}

enum store_rc team_get(struct db *db, int64_t account_id, int64_t id,
                       struct team *out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, TEAM_SELECT "WHERE t.account_id = $1 AND t.id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        read_team(st, out);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

enum store_rc team_list(struct db *db, int64_t account_id, int64_t after_id,
                        int limit, struct team **out, size_t *count)
{
    struct db_stmt *st;
    struct team *teams;
    size_t n = 0;
    enum store_rc rc =
        db_prepare(db,
                   TEAM_SELECT "WHERE t.account_id = $1 AND t.id > $2 "
                               "ORDER BY t.id LIMIT $3",
                   &st);

    if (rc)
        return rc;
    teams = xcalloc((size_t)limit, sizeof *teams);
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, after_id);
    db_bind_int64(st, 3, limit);
    while ((rc = db_step(st)) == STORE_ROW && n < (size_t)limit)
        read_team(st, &teams[n++]);
    db_done(st);
    if (rc != STORE_DONE && rc != STORE_ROW) {
        team_list_free(teams, n);
        return rc;
    }
    *out = teams;
    *count = n;
    return STORE_OK;
}

void team_list_free(struct team *teams, size_t count)
{
    for (size_t i = 0; i < count; i++)
        team_clear(&teams[i]);
    free(teams);
}

enum store_rc team_update(struct db *db, int64_t account_id, int64_t id,
                          const char *name, const char *description)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "UPDATE teams SET name = COALESCE($3, name), "
                                  "description = COALESCE($4, description) "
                                  "WHERE account_id = $1 AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, name, -1);
    db_bind_text(st, 4, description, -1);
    return sql_run_changed(st);
}

enum store_rc team_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM teams WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_run_changed(st);
}

enum store_rc team_add_member(struct db *db, int64_t account_id,
                              int64_t team_id, int64_t user_id)
{
    struct db_stmt *st;
    /* Both the team and the user must belong to the account; the SELECT
     * yields no row otherwise and nothing is inserted. */
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO team_members (account_id, team_id, user_id) "
        "SELECT CAST($1 AS BIGINT), t.id, u.id FROM teams t, users u "
        "WHERE t.id = $2 AND t.account_id = $1 "
        "AND u.id = $3 AND u.account_id = $1 "
        "ON CONFLICT (team_id, user_id) DO UPDATE SET "
        "account_id = excluded.account_id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int64(st, 3, user_id);
    return sql_run_changed(st);
}

enum store_rc team_remove_member(struct db *db, int64_t account_id,
                                 int64_t team_id, int64_t user_id)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "DELETE FROM team_members WHERE account_id = $1 "
                   "AND team_id = $2 AND user_id = $3",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int64(st, 3, user_id);
    return sql_run_changed(st);
}

enum store_rc team_member_ids(struct db *db, int64_t account_id,
                              int64_t team_id, int64_t **ids, size_t *count)
{
    struct db_stmt *st;
    size_t n = 0, cap = 16;
    int64_t *v;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT user_id FROM team_members WHERE account_id = $1 "
                   "AND team_id = $2 ORDER BY user_id",
                   &st);

    if (rc)
        return rc;
    v = xmalloc(cap * sizeof *v);
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, team_id);
    while ((rc = db_step(st)) == STORE_ROW) {
        if (n == cap)
            v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[n++] = db_col_int64(st, 0);
    }
    db_done(st);
    if (rc != STORE_DONE) {
        free(v);
        return rc;
    }
    *ids = v;
    *count = n;
    return STORE_OK;
}

void team_clear(struct team *t)
{
    free(t->name);
    free(t->description);
    memset(t, 0, sizeof *t);
}

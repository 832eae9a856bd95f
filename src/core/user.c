/*
 * Users; see user.h.
 */
#include "core/user.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"

#define USER_COLUMNS                                                           \
    "id, account_id, email, name, role, locale, timezone, disabled, "          \
    "created_at, updated_at"

int user_email_normalize(const char *in, char *out, size_t n)
{
    size_t len = in ? strlen(in) : 0;
    const char *at = in ? strchr(in, '@') : NULL;

    if (len < 3 || len > 254 || len >= n || !at || at == in || !at[1] ||
        strchr(at + 1, '@'))
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c <= ' ' || c == 0x7f)
            return -1;
        out[i] = (char)tolower(c);
    }
    out[len] = '\0';
    return 0;
}

const char *user_password_problem(const char *password)
{
    size_t len = password ? strlen(password) : 0;

    if (len < USER_PASSWORD_MIN)
        return "the password must have at least 8 characters";
    if (len > USER_PASSWORD_MAX)
        return "the password must have at most 1024 characters";
    return NULL;
}

static void read_user(struct db_stmt *st, struct user *u)
{
    u->id = db_col_int64(st, 0);
    u->account_id = db_col_int64(st, 1);
    u->email = xstrdup(db_col_text(st, 2));
    u->name = xstrdup(db_col_text(st, 3));
    u->role = role_parse(db_col_text(st, 4));
    u->locale = xstrdup(db_col_text(st, 5));
    u->timezone = xstrdup(db_col_text(st, 6));
    u->disabled = db_col_int64(st, 7) != 0;
    u->created_at = db_col_int64(st, 8);
    u->updated_at = db_col_int64(st, 9);
}

/* Step a single-row lookup into *out. */
static enum store_rc fetch_one(struct db_stmt *st, struct user *out)
{
    enum store_rc rc = db_step(st);

    if (rc == STORE_ROW) {
        read_user(st, out);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    return rc;
}

enum store_rc user_create(struct db *db, const struct user_input *in,
                          int64_t *id)
{
    struct db_stmt *st;
    char *hash = NULL;
    int64_t now = clock_now_ms();
    enum store_rc rc;

    if (in->password && !(hash = crypto_password_hash(in->password)))
        return STORE_ERROR;
    rc = db_prepare(db,
                    "INSERT INTO users (account_id, email, name, role, "
                    "password_hash, created_at, updated_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                    &st);
    if (rc)
        goto out;
    db_bind_int64(st, 1, in->account_id);
    db_bind_text(st, 2, in->email, -1);
    db_bind_text(st, 3, in->name, -1);
    db_bind_text(st, 4, role_name(in->role), -1);
    db_bind_text(st, 5, hash, -1);
    db_bind_int64(st, 6, now);
    rc = sql_int64(st, id);
out:
    free(hash);
    return rc;
}

enum store_rc user_get(struct db *db, int64_t account_id, int64_t id,
                       struct user *out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " USER_COLUMNS " FROM users "
                                  "WHERE account_id = $1 AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = fetch_one(st, out);
    db_done(st);
    return rc;
}

enum store_rc user_find_for_login(struct db *db, const char *email,
                                  struct user *out, char **password_hash)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT " USER_COLUMNS ", password_hash FROM users "
                   "WHERE email = $1",
                   &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, email, -1);
    rc = fetch_one(st, out);
    if (rc == STORE_OK) {
        const char *h = db_col_text(st, 10);
        *password_hash = h ? xstrdup(h) : NULL;
    }
    db_done(st);
    return rc;
}

enum store_rc user_list(struct db *db, int64_t account_id, int64_t after_id,
                        int limit, struct user **out, size_t *count)
{
    struct db_stmt *st;
    struct user *users = xcalloc((size_t)limit, sizeof *users);
    size_t n = 0;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT " USER_COLUMNS " FROM users "
                   "WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                   &st);

    if (rc) {
        free(users);
        return rc;
    }
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, after_id);
    db_bind_int64(st, 3, limit);
    while ((rc = db_step(st)) == STORE_ROW && n < (size_t)limit)
        read_user(st, &users[n++]);
    db_done(st);
    if (rc != STORE_DONE && rc != STORE_ROW) {
        user_list_free(users, n);
        return rc;
    }
    *out = users;
    *count = n;
    return STORE_OK;
}

void user_list_free(struct user *users, size_t count)
{
    for (size_t i = 0; i < count; i++)
        user_clear(&users[i]);
    free(users);
}

enum store_rc user_update(struct db *db, int64_t account_id, int64_t id,
                          const struct user_patch *p)
{
    struct db_stmt *st;
    /* COALESCE keeps a column when its parameter is NULL, so one
     * statement serves every combination of fields. */
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE users SET name = COALESCE($3, name), "
                   "role = COALESCE($4, role), locale = COALESCE($5, locale), "
                   "timezone = COALESCE($6, timezone), "
                   "disabled = COALESCE($7, disabled), updated_at = $8 "
                   "WHERE account_id = $1 AND id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, p->name, -1);
    db_bind_text(st, 4, p->role ? role_name(p->role) : NULL, -1);
    db_bind_text(st, 5, p->locale, -1);
    db_bind_text(st, 6, p->timezone, -1);
    if (p->disabled < 0)
        db_bind_null(st, 7);
    else
        db_bind_int64(st, 7, p->disabled);
    db_bind_int64(st, 8, clock_now_ms());
    return sql_run_changed(st);
}

enum store_rc user_set_password(struct db *db, int64_t account_id, int64_t id,
                                const char *password)
{
    struct db_stmt *st;
    char *hash = crypto_password_hash(password);
    enum store_rc rc;

    if (!hash)
        return STORE_ERROR;
    rc = db_prepare(db,
                    "UPDATE users SET password_hash = $3, updated_at = $4 "
                    "WHERE account_id = $1 AND id = $2",
                    &st);
    if (!rc) {
        db_bind_int64(st, 1, account_id);
        db_bind_int64(st, 2, id);
        db_bind_text(st, 3, hash, -1);
        db_bind_int64(st, 4, clock_now_ms());
        rc = sql_run_changed(st);
    }
    free(hash);
    return rc;
}

enum store_rc user_count_admins(struct db *db, int64_t account_id,
                                int64_t *count)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT COUNT(*) FROM users WHERE account_id = $1 "
                   "AND role = 'administrator' AND disabled = 0",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    return sql_int64(st, count);
}

void user_clear(struct user *u)
{
    free(u->email);
    free(u->name);
    free(u->locale);
    free(u->timezone);
    memset(u, 0, sizeof *u);
}

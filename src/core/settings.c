/*
 * Account settings and per-user shortcuts; see settings.h.
 */
#include "core/settings.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/canned.h"
#include "core/sql.h"

enum store_rc settings_account_update(struct db *db, int64_t account_id,
                                      const char *name, const char *timezone,
                                      int64_t undo_send_ms)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE accounts SET name = COALESCE(CAST($2 AS TEXT), name), "
        "timezone = COALESCE(CAST($3 AS TEXT), timezone), "
        "undo_send_ms = CASE WHEN CAST($4 AS BIGINT) < 0 THEN undo_send_ms "
        "ELSE $4 END WHERE id = $1",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, name, -1);
    db_bind_text(st, 3, timezone, -1);
    db_bind_int64(st, 4, undo_send_ms);
    return sql_run_changed(st);
}

enum store_rc settings_account_json(struct db *db, int64_t account_id,
                                    json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT id, name, timezone, undo_send_ms, "
                                  "created_at FROM accounts WHERE id = $1",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *out = json_pack("{sI ss ss sI sI}", "id",
                         (json_int_t)db_col_int64(st, 0), "name",
                         db_col_text(st, 1), "timezone", db_col_text(st, 2),
                         "undo_send_ms", (json_int_t)db_col_int64(st, 3),
                         "created_at", (json_int_t)db_col_int64(st, 4));
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

bool settings_timezone_valid(const char *tz)
{
    char path[256];
    struct stat sb;

    if (!tz || !*tz || strlen(tz) > 64 || strstr(tz, "..") || tz[0] == '/')
        return false;
    for (const char *p = tz; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p))
            return false;
    if (!strcmp(tz, "UTC"))
        return true;
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

enum store_rc settings_shortcuts_get(struct db *db, int64_t account_id,
                                     int64_t user_id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT keys, canned_reply_id FROM user_shortcuts WHERE account_id = "
        "$1 AND user_id = $2 ORDER BY keys",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out,
                              json_pack("{ss sI}", "keys", db_col_text(st, 0),
                                        "canned_reply_id",
                                        (json_int_t)db_col_int64(st, 1)));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

/* Insert one shortcut after checking its reply is the account's. */
static enum store_rc put_one(struct db *db, int64_t account_id, int64_t user_id,
                             json_t *item, int64_t *bad_id)
{
    int64_t reply =
        json_integer_value(json_object_get(item, "canned_reply_id"));
    struct db_stmt *st;
    json_t *r;
    enum store_rc rc = canned_get_json(db, account_id, reply, &r);

    if (rc == STORE_NOT_FOUND)
        *bad_id = reply;
    if (rc)
        return rc;
    json_decref(r);
    rc = db_prepare(db,
                    "INSERT INTO user_shortcuts (account_id, user_id, keys, "
                    "canned_reply_id) VALUES ($1, $2, $3, $4)",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, json_string_value(json_object_get(item, "keys")), -1);
    db_bind_int64(st, 4, reply);
    return sql_run(st);
}

enum store_rc settings_shortcuts_put(struct db *db, int64_t account_id,
                                     int64_t user_id, json_t *list,
                                     int64_t *bad_id)
{
    struct db_stmt *st;
    size_t i;
    json_t *item;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM user_shortcuts WHERE account_id = $1 AND user_id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    if ((rc = sql_run(st)))
        return rc;
    json_array_foreach(list, i, item)
    {
        if ((rc = put_one(db, account_id, user_id, item, bad_id)))
            return rc;
    }
    return STORE_OK;
}

/* Is k one key a shortcut may end in? Sets *fkey for F1-F12. */
static bool key_valid(const char *k, size_t n, bool *fkey)
{
    *fkey = false;
    if (n == 1)
        return isalnum((unsigned char)k[0]);
    if ((k[0] == 'F' || k[0] == 'f') && n <= 3) {
        int v = 0;
        for (size_t i = 1; i < n; i++) {
            if (!isdigit((unsigned char)k[i]))
                return false;
            v = v * 10 + (k[i] - '0');
        }
        *fkey = v >= 1 && v <= 12;
        return *fkey;
    }
    return false;
}

bool settings_keys_valid(const char *keys)
{
    static const char *const mods[] = {"Ctrl", "Alt", "Shift", "Meta"};
    unsigned seen = 0;
    int nmods = 0;
    const char *p = keys;
    bool fkey;

    for (const char *plus; (plus = strchr(p, '+')); p = plus + 1) {
        size_t n = (size_t)(plus - p), m;
        for (m = 0; m < 4; m++)
            if (strlen(mods[m]) == n && !strncmp(p, mods[m], n))
                break;
        if (m == 4 || (seen & (1u << m)))
            return false;
        seen |= 1u << m;
        nmods++;
    }
    if (!key_valid(p, strlen(p), &fkey))
        return false;
    return nmods > 0 || fkey;
}

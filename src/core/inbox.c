/*
 * Inboxes and their sealed secrets; see inbox.h.
 *
 * A secret is sealed with AES-256-GCM under a key derived for inbox
 * secrets, and bound (as associated data) to "inbox:<id>:<field>", so a
 * sealed value copied to another row or column does not open.
 */
#include "core/inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"

#define INBOX_COLUMNS                                                          \
    "id, account_id, name, phone_number_id, waba_id, display_phone_number, "   \
    "graph_base_url, graph_version, throughput_mps, team_id, created_at, "     \
    "updated_at"

static const char *const secret_fields[] = {"access_token", "app_secret",
                                            "verify_token"};

int inbox_throughput_valid(int64_t mps)
{
    return mps == 20 || mps == 80 || mps == 1000;
}

static void read_inbox(struct db_stmt *st, struct inbox *in)
{
    in->id = db_col_int64(st, 0);
    in->account_id = db_col_int64(st, 1);
    in->name = xstrdup(db_col_text(st, 2));
    in->phone_number_id = xstrdup(db_col_text(st, 3));
    in->waba_id = xstrdup(db_col_text(st, 4));
    in->display_phone_number = xstrdup(db_col_text(st, 5));
    in->graph_base_url = xstrdup(db_col_text(st, 6));
    in->graph_version = xstrdup(db_col_text(st, 7));
    in->throughput_mps = db_col_int64(st, 8);
    in->team_id = db_col_int64(st, 9);
    in->created_at = db_col_int64(st, 10);
    in->updated_at = db_col_int64(st, 11);
}

static void secret_aad(int64_t id, int field, char *out, size_t n)
{
    snprintf(out, n, "inbox:%lld:%s", (long long)id, secret_fields[field]);
}

/* Seal value into column field of inbox id (NULL leaves it). */
static enum store_rc store_secret(struct db *db,
                                  const uint8_t master[CRYPTO_KEY_LEN],
                                  int64_t id, int field, const char *value)
{
    uint8_t key[CRYPTO_KEY_LEN];
    struct buf sealed = BUF_INIT;
    struct db_stmt *st;
    char aad[64], sql[96];
    enum store_rc rc;

    if (!value)
        return STORE_OK;
    crypto_derive_key(master, "inbox-secrets", key);
    secret_aad(id, field, aad, sizeof aad);
    crypto_seal(key, value, strlen(value), aad, strlen(aad), &sealed);
    snprintf(sql, sizeof sql, "UPDATE inboxes SET %s = $2 WHERE id = $1",
             secret_fields[field]);
    rc = db_prepare(db, sql, &st);
    if (!rc) {
        db_bind_int64(st, 1, id);
        db_bind_blob(st, 2, sealed.data, sealed.len);
        rc = sql_run(st);
    }
    buf_free(&sealed);
    return rc;
}

static enum store_rc store_secrets(struct db *db,
                                   const uint8_t master[CRYPTO_KEY_LEN],
                                   int64_t id, const struct inbox_input *in)
{
    const char *values[] = {in->access_token, in->app_secret, in->verify_token};
    enum store_rc rc = STORE_OK;

    for (int i = 0; i < 3 && rc == STORE_OK; i++)
        rc = store_secret(db, master, id, i, values[i]);
    return rc;
}

enum store_rc inbox_create(struct db *db, const uint8_t master[CRYPTO_KEY_LEN],
                           int64_t account_id, const struct inbox_input *in,
                           int64_t *id)
{
    struct db_stmt *st;
    int64_t now = clock_now_ms();
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO inboxes (account_id, name, phone_number_id, "
        "waba_id, display_phone_number, graph_base_url, graph_version, "
        "throughput_mps, team_id, created_at, updated_at) VALUES ($1, $2, "
        "$3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, in->name, -1);
    db_bind_text(st, 3, in->phone_number_id, -1);
    db_bind_text(st, 4, in->waba_id, -1);
    db_bind_text(st, 5, in->display_phone_number, -1);
    db_bind_text(
        st, 6,
        in->graph_base_url ? in->graph_base_url : INBOX_DEFAULT_GRAPH_URL, -1);
    db_bind_text(st, 7,
                 in->graph_version ? in->graph_version
                                   : INBOX_DEFAULT_GRAPH_VERSION,
                 -1);
    db_bind_int64(st, 8, in->throughput_mps ? in->throughput_mps : 80);
    if (in->team_id > 0)
        db_bind_int64(st, 9, in->team_id);
    else
        db_bind_null(st, 9);
    db_bind_int64(st, 10, now);
    rc = sql_int64(st, id);
    if (rc)
        return rc;
    return store_secrets(db, master, *id, in);
}

enum store_rc inbox_update(struct db *db, const uint8_t master[CRYPTO_KEY_LEN],
                           int64_t account_id, int64_t id,
                           const struct inbox_input *in)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE inboxes SET name = COALESCE($3, name), "
                   "waba_id = COALESCE($4, waba_id), "
                   "display_phone_number = COALESCE($5, display_phone_number), "
                   "graph_base_url = COALESCE($6, graph_base_url), "
                   "graph_version = COALESCE($7, graph_version), "
                   "throughput_mps = COALESCE($8, throughput_mps), "
                   "team_id = CASE WHEN CAST($9 AS BIGINT) = 0 THEN team_id "
                   "WHEN CAST($9 AS BIGINT) < 0 THEN NULL ELSE $9 END, "
                   "updated_at = $10 WHERE account_id = $1 AND id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, in->name, -1);
    db_bind_text(st, 4, in->waba_id, -1);
    db_bind_text(st, 5, in->display_phone_number, -1);
    db_bind_text(st, 6, in->graph_base_url, -1);
    db_bind_text(st, 7, in->graph_version, -1);
    if (in->throughput_mps)
        db_bind_int64(st, 8, in->throughput_mps);
    else
        db_bind_null(st, 8);
    db_bind_int64(st, 9, in->team_id);
    db_bind_int64(st, 10, clock_now_ms());
    if ((rc = sql_run_changed(st)))
        return rc;
    return store_secrets(db, master, id, in);
}

enum store_rc inbox_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM inboxes WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_run_changed(st);
}

/* Run a lookup that yields at most one inbox. */
static enum store_rc fetch_inbox(struct db_stmt *st, struct inbox *out)
{
    enum store_rc rc = db_step(st);

    if (rc == STORE_ROW) {
        read_inbox(st, out);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

enum store_rc inbox_get(struct db *db, int64_t account_id, int64_t id,
                        struct inbox *out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " INBOX_COLUMNS " FROM inboxes "
                                  "WHERE account_id = $1 AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return fetch_inbox(st, out);
}

enum store_rc inbox_find_by_phone(struct db *db, const char *phone_number_id,
                                  struct inbox *out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " INBOX_COLUMNS " FROM inboxes "
                                  "WHERE phone_number_id = $1",
                                  &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, phone_number_id, -1);
    return fetch_inbox(st, out);
}

enum store_rc inbox_list(struct db *db, int64_t account_id, struct inbox **out,
                         size_t *count)
{
    struct db_stmt *st;
    size_t n = 0, cap = 8;
    struct inbox *v;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT " INBOX_COLUMNS " FROM inboxes WHERE "
                   "(CAST($1 AS BIGINT) = 0 OR account_id = $1) ORDER BY id",
                   &st);

    if (rc)
        return rc;
    v = xcalloc(cap, sizeof *v);
    db_bind_int64(st, 1, account_id);
    while ((rc = db_step(st)) == STORE_ROW) {
        if (n == cap) {
            v = xrealloc(v, 2 * cap * sizeof *v);
            memset(v + cap, 0, cap * sizeof *v);
            cap *= 2;
        }
        read_inbox(st, &v[n++]);
    }
    db_done(st);
    if (rc != STORE_DONE) {
        inbox_list_free(v, n);
        return rc;
    }
    *out = v;
    *count = n;
    return STORE_OK;
}

void inbox_list_free(struct inbox *v, size_t count)
{
    for (size_t i = 0; i < count; i++)
        inbox_clear(&v[i]);
    free(v);
}

/* Open one sealed column into a fresh string ("" when unset). */
static char *open_secret(const uint8_t key[CRYPTO_KEY_LEN], int64_t id,
                         int field, const void *sealed, size_t len)
{
    struct buf plain = BUF_INIT;
    char aad[64];

    if (!sealed || !len)
        return xstrdup("");
    secret_aad(id, field, aad, sizeof aad);
    if (crypto_open(key, sealed, len, aad, strlen(aad), &plain) != 0) {
        log_warn("inbox_secret_unreadable", "inbox=%lld field=%s",
                 (long long)id, secret_fields[field]);
        buf_free(&plain);
        return NULL;
    }
    return buf_steal(&plain);
}

enum store_rc inbox_secrets_get(struct db *db,
                                const uint8_t master[CRYPTO_KEY_LEN],
                                int64_t inbox_id, struct inbox_secrets *out)
{
    uint8_t key[CRYPTO_KEY_LEN];
    struct db_stmt *st;
    char **slots[] = {&out->access_token, &out->app_secret, &out->verify_token};
    enum store_rc rc =
        db_prepare(db,
                   "SELECT access_token, app_secret, verify_token FROM inboxes "
                   "WHERE id = $1",
                   &st);

    memset(out, 0, sizeof *out);
    if (rc)
        return rc;
    crypto_derive_key(master, "inbox-secrets", key);
    db_bind_int64(st, 1, inbox_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        rc = STORE_OK;
        for (int i = 0; i < 3; i++) {
            size_t len = 0;
            const void *p = db_col_blob(st, i, &len);
            if (!(*slots[i] = open_secret(key, inbox_id, i, p, len)))
                rc = STORE_ERROR;
        }
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    if (rc)
        inbox_secrets_clear(out);
    return rc;
}

static void wipe_free(char *s)
{
    if (s) {
        crypto_wipe(s, strlen(s));
        free(s);
    }
}

void inbox_secrets_clear(struct inbox_secrets *s)
{
    wipe_free(s->access_token);
    wipe_free(s->app_secret);
    wipe_free(s->verify_token);
    memset(s, 0, sizeof *s);
}

void inbox_clear(struct inbox *in)
{
    free(in->name);
    free(in->phone_number_id);
    free(in->waba_id);
    free(in->display_phone_number);
    free(in->graph_base_url);
    free(in->graph_version);
    memset(in, 0, sizeof *in);
}

/*
 * Sessions, login throttling and API tokens; see auth.h.
 */
#include "core/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"

#define TOKEN_BYTES       32
#define TOKEN_PREFIX      "pk_"
#define TOKEN_SHOWN_CHARS 10
/* Refresh last-seen stamps at most this often, not on every request. */
#define TOUCH_INTERVAL_MS 60000

/* --- throttling ------------------------------------------------------- */

static enum store_rc failures_in_window(struct db *db, const char *key,
                                        int64_t window_start, int64_t *n)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT failures FROM login_failures "
                                  "WHERE key = $1 AND window_start = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, key, -1);
    db_bind_int64(st, 2, window_start);
    rc = sql_int64(st, n);
    if (rc == STORE_NOT_FOUND) {
        *n = 0;
        rc = STORE_OK;
    }
    return rc;
}

static enum store_rc record_failure(struct db *db, const char *key,
                                    int64_t window_start)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO login_failures (key, window_start, failures) "
        "VALUES ($1, $2, 1) ON CONFLICT (key, window_start) DO UPDATE "
        "SET failures = login_failures.failures + 1",
        &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, key, -1);
    db_bind_int64(st, 2, window_start);
    return sql_run(st);
}

static enum store_rc clear_failures(struct db *db, const char *key)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db, "DELETE FROM login_failures WHERE key = $1", &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, key, -1);
    return sql_run(st);
}

/* True when either key has used up its failures in this window. */
static enum auth_result check_throttle(struct db *db, const char *ip_key,
                                       const char *email_key,
                                       const struct login_request *req,
                                       int64_t window_start)
{
    int64_t by_ip = 0, by_email = 0;

    if (failures_in_window(db, ip_key, window_start, &by_ip) ||
        failures_in_window(db, email_key, window_start, &by_email))
        return AUTH_ERROR;
    if (by_ip >= req->max_failures || by_email >= req->max_failures)
        return AUTH_RATE_LIMITED;
    return AUTH_OK;
}

/* --- passwords -------------------------------------------------------- */

static char *dummy_hash;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    dummy_hash = crypto_password_hash("not a real password, only timing");
}

/* Verify against the user's hash, or against a dummy when there is no
 * user, so that both paths cost one argon2 run. */
static bool password_matches(const char *hash, const char *password)
{
    if (hash)
        return crypto_password_verify(hash, password);
    pthread_once(&dummy_once, make_dummy_hash);
    crypto_password_verify(dummy_hash, password);
    return false;
}

/* --- sessions --------------------------------------------------------- */

/* Length of s cut to at most max bytes without splitting a UTF-8
 * sequence; user agents are kept only to tell sessions apart. */
static long capped_length(const char *s, size_t max)
{
    size_t n = strlen(s);

    if (n <= max)
        return (long)n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (long)max;
}

static enum store_rc session_insert(struct db *db,
                                    const struct login_request *req,
                                    struct login_result *out)
{
    struct db_stmt *st;
    char hash[65];
    int64_t now = clock_now_ms();
    enum store_rc rc =
        db_prepare(db,
                   "INSERT INTO sessions (token_hash, account_id, user_id, "
                   "csrf_token, address, user_agent, created_at, last_seen_at, "
                   "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) "
                   "RETURNING id",
                   &st);

    if (rc)
        return rc;
    out->token = crypto_token("", TOKEN_BYTES);
    out->csrf_token = crypto_token("", TOKEN_BYTES);
    out->expires_at = now + req->session_ttl_ms;
    crypto_sha256_hex(out->token, hash);
    db_bind_text(st, 1, hash, -1);
    db_bind_int64(st, 2, out->user.account_id);
    db_bind_int64(st, 3, out->user.id);
    db_bind_text(st, 4, out->csrf_token, -1);
    db_bind_text(st, 5, req->address ? req->address : "", -1);
    db_bind_text(st, 6, req->user_agent ? req->user_agent : "",
                 capped_length(req->user_agent ? req->user_agent : "", 255));
    db_bind_int64(st, 7, now);
    db_bind_int64(st, 8, out->expires_at);
    return sql_int64(st, &out->session_id);
}

enum auth_result auth_login(struct db *db, const struct login_request *req,
                            struct login_result *out)
{
    char email[256], ip_key[300], email_key[300];
    char *hash = NULL;
    int64_t now = clock_now_ms();
    int64_t window_start = now - now % req->window_ms;
    bool known;
    enum auth_result result;

    memset(out, 0, sizeof *out);
    if (user_email_normalize(req->email, email, sizeof email) != 0)
        email[0] = '\0';
    snprintf(ip_key, sizeof ip_key, "ip:%s", req->address ? req->address : "");
    snprintf(email_key, sizeof email_key, "email:%s", email);

    result = check_throttle(db, ip_key, email_key, req, window_start);
    if (result == AUTH_RATE_LIMITED)
        out->retry_after_ms = window_start + req->window_ms - now;
    if (result != AUTH_OK)
        return result;

    enum store_rc rc = email[0]
                           ? user_find_for_login(db, email, &out->user, &hash)
                           : STORE_NOT_FOUND;
    if (rc != STORE_OK && rc != STORE_NOT_FOUND)
        return AUTH_ERROR;
    known = rc == STORE_OK;
    if (!password_matches(known ? hash : NULL,
                          req->password ? req->password : "")) {
        free(hash);
        if (record_failure(db, ip_key, window_start) ||
            record_failure(db, email_key, window_start))
            return AUTH_ERROR;
        return AUTH_BAD_CREDENTIALS;
    }
    free(hash);
    if (out->user.disabled)
        return AUTH_DISABLED;
    if (session_insert(db, req, out) != STORE_OK)
        return AUTH_ERROR;
    clear_failures(db, email_key);
    return AUTH_OK;
}

void auth_login_result_clear(struct login_result *r)
{
    user_clear(&r->user);
    free(r->token);
    free(r->csrf_token);
    memset(r, 0, sizeof *r);
}

static void touch_session(struct db *db, int64_t id, int64_t now,
                          int64_t ttl_ms)
{
    struct db_stmt *st;

    if (db_prepare(db,
                   "UPDATE sessions SET last_seen_at = $2, "
                   "expires_at = $3 WHERE id = $1",
                   &st))
        return;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, now);
    db_bind_int64(st, 3, now + ttl_ms);
    sql_run(st);
}

static enum store_rc delete_session_by_id(struct db *db, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db, "DELETE FROM sessions WHERE id = $1", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    return sql_run(st);
}

/*
 * Find the row that sql ($1 = the SHA-256 of secret) selects, whose first
 * five columns are its id, account, user, the user's role and disabled
 * flag; fill *who from them (the id goes to *id) and *disabled. On
 * AUTH_OK the row stays current in *out for the caller to read the rest
 * and db_done(); otherwise AUTH_UNKNOWN or AUTH_ERROR.
 */
static enum auth_result find_by_secret(struct db *db, const char *sql,
                                       const char *secret,
                                       struct auth_identity *who, int64_t *id,
                                       bool *disabled, struct db_stmt **out)
{
    struct db_stmt *st;
    char hash[65];
    enum store_rc rc = db_prepare(db, sql, &st);

    if (rc)
        return AUTH_ERROR;
    crypto_sha256_hex(secret, hash);
    db_bind_text(st, 1, hash, -1);
    rc = db_step(st);
    if (rc != STORE_ROW) {
        db_done(st);
        return rc == STORE_DONE ? AUTH_UNKNOWN : AUTH_ERROR;
    }
    memset(who, 0, sizeof *who);
    *id = db_col_int64(st, 0);
    who->account_id = db_col_int64(st, 1);
    who->user_id = db_col_int64(st, 2);
    who->role = role_parse(db_col_text(st, 3));
    *disabled = db_col_int64(st, 4) != 0;
    *out = st;
    return AUTH_OK;
}

enum auth_result auth_session_check(struct db *db, const char *token,
                                    int64_t ttl_ms, struct auth_identity *who,
                                    char **csrf_token)
{
    struct db_stmt *st;
    int64_t now = clock_now_ms(), expires, last_seen;
    bool disabled;
    enum auth_result r = find_by_secret(
        db,
        "SELECT s.id, s.account_id, s.user_id, u.role, u.disabled, "
        "s.csrf_token, s.expires_at, s.last_seen_at "
        "FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = $1",
        token, who, &who->session_id, &disabled, &st);

    if (r != AUTH_OK)
        return r;
    *csrf_token = xstrdup(db_col_text(st, 5));
    expires = db_col_int64(st, 6);
    last_seen = db_col_int64(st, 7);
    db_done(st);

    if (expires <= now || disabled) {
        free(*csrf_token);
        *csrf_token = NULL;
        delete_session_by_id(db, who->session_id);
        return disabled ? AUTH_DISABLED : AUTH_EXPIRED;
    }
    if (now - last_seen > TOUCH_INTERVAL_MS)
        touch_session(db, who->session_id, now, ttl_ms);
    return AUTH_OK;
}

enum store_rc auth_session_end(struct db *db, const char *token)
{
    struct db_stmt *st;
    char hash[65];
    enum store_rc rc =
        db_prepare(db, "DELETE FROM sessions WHERE token_hash = $1", &st);

    if (rc)
        return rc;
    crypto_sha256_hex(token, hash);
    db_bind_text(st, 1, hash, -1);
    return sql_run(st);
}

enum store_rc auth_sessions_end_for_user(struct db *db, int64_t account_id,
                                         int64_t user_id, int64_t keep)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "DELETE FROM sessions WHERE account_id = $1 AND user_id = $2 "
        "AND id <> $3",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    db_bind_int64(st, 3, keep);
    return sql_run(st);
}

enum store_rc auth_sessions_purge(struct db *db, int64_t now)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db, "DELETE FROM sessions WHERE expires_at <= $1", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, now);
    rc = sql_run(st);
    if (rc)
        return rc;
    /* Old throttling windows are of no further use either. */
    rc = db_prepare(db, "DELETE FROM login_failures WHERE window_start < $1",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, now - 86400000);
    return sql_run(st);
}

/* --- API tokens --------------------------------------------------------- */

enum store_rc auth_token_create(struct db *db, int64_t account_id,
                                int64_t user_id, const char *name,
                                char **plaintext, int64_t *id)
{
    struct db_stmt *st;
    char hash[65], prefix[TOKEN_SHOWN_CHARS + 1];
    char *token;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO api_tokens (account_id, user_id, name, token_hash, "
        "prefix, created_at) SELECT CAST($1 AS BIGINT), u.id, $3, $4, $5, "
        "CAST($6 AS BIGINT) "
        "FROM users u WHERE u.id = $2 AND u.account_id = $1 "
        "RETURNING id",
        &st);

    if (rc)
        return rc;
    token = crypto_token(TOKEN_PREFIX, TOKEN_BYTES);
    crypto_sha256_hex(token, hash);
    snprintf(prefix, sizeof prefix, "%s", token);
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, name, -1);
    db_bind_text(st, 4, hash, -1);
    db_bind_text(st, 5, prefix, -1);
    db_bind_int64(st, 6, clock_now_ms());
    rc = sql_int64(st, id);
    if (rc == STORE_OK)
        *plaintext = token;
    else
        free(token);
    return rc;
}

static void touch_token(struct db *db, int64_t id, int64_t now)
{
    struct db_stmt *st;

    if (db_prepare(db,
                   "UPDATE api_tokens SET last_used_at = $2 "
                   "WHERE id = $1",
                   &st))
        return;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, now);
    sql_run(st);
}

enum auth_result auth_token_check(struct db *db, const char *token,
                                  struct auth_identity *who)
{
    struct db_stmt *st;
    int64_t now = clock_now_ms(), revoked, last_used;
    bool disabled;
    enum auth_result r = find_by_secret(
        db,
        "SELECT t.id, t.account_id, t.user_id, u.role, u.disabled, "
        "t.revoked_at, t.last_used_at FROM api_tokens t "
        "JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
        token, who, &who->token_id, &disabled, &st);

    if (r != AUTH_OK)
        return r;
    revoked = db_col_int64(st, 5);
    last_used = db_col_int64(st, 6);
    db_done(st);

    if (revoked)
        return AUTH_REVOKED;
    if (disabled)
        return AUTH_DISABLED;
    if (now - last_used > TOUCH_INTERVAL_MS)
        touch_token(db, who->token_id, now);
    return AUTH_OK;
}

enum store_rc auth_token_list(struct db *db, int64_t account_id,
                              int64_t user_id, int64_t after_id, int limit,
                              struct api_token **out, size_t *count)
{
    struct db_stmt *st;
    struct api_token *v;
    size_t n = 0;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, account_id, user_id, name, prefix, created_at, "
        "last_used_at, revoked_at FROM api_tokens "
        "WHERE account_id = $1 AND (CAST($2 AS BIGINT) = 0 OR user_id = $2) "
        "AND id > $3 ORDER BY id LIMIT $4",
        &st);

    if (rc)
        return rc;
    v = xcalloc((size_t)limit, sizeof *v);
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    db_bind_int64(st, 3, after_id);
    db_bind_int64(st, 4, limit);
    while ((rc = db_step(st)) == STORE_ROW && n < (size_t)limit) {
        struct api_token *t = &v[n++];
        t->id = db_col_int64(st, 0);
        t->account_id = db_col_int64(st, 1);
        t->user_id = db_col_int64(st, 2);
        t->name = xstrdup(db_col_text(st, 3));
        t->prefix = xstrdup(db_col_text(st, 4));
        t->created_at = db_col_int64(st, 5);
        t->last_used_at = db_col_int64(st, 6);
        t->revoked_at = db_col_int64(st, 7);
    }
    db_done(st);
    if (rc != STORE_DONE && rc != STORE_ROW) {
        auth_token_list_free(v, n);
        return rc;
    }
    *out = v;
    *count = n;
    return STORE_OK;
}

void auth_token_list_free(struct api_token *t, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(t[i].name);
        free(t[i].prefix);
    }
    free(t);
}

enum store_rc auth_token_revoke(struct db *db, int64_t account_id,
                                int64_t user_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE api_tokens SET revoked_at = $4 WHERE account_id = $1 "
        "AND (CAST($2 AS BIGINT) = 0 OR user_id = $2) AND id = $3 "
        "AND revoked_at IS NULL",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    db_bind_int64(st, 3, id);
    db_bind_int64(st, 4, clock_now_ms());
    return sql_run_changed(st);
}

enum store_rc auth_tokens_revoke_for_user(struct db *db, int64_t account_id,
                                          int64_t user_id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE api_tokens SET revoked_at = $3 WHERE account_id = $1 "
        "AND user_id = $2 AND revoked_at IS NULL",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    db_bind_int64(st, 3, clock_now_ms());
    return sql_run(st);
}

/*
 * Sign-in, sign-out and the signed-in user's own profile:
 *   POST /api/v1/auth/login, POST /api/v1/auth/logout,
 *   GET /api/v1/me, PATCH /api/v1/me.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/log.h"
#include "core/account.h"
#include "core/auth.h"
#include "core/user.h"

static void set_session_cookie(struct http_request *req, const char *value,
                               int64_t max_age_s)
{
    struct app *app = api_app(req);
    char cookie[256];

    snprintf(cookie, sizeof cookie,
             SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; "
                            "Max-Age=%lld%s",
             value, (long long)max_age_s,
             app->secure_cookies ? "; Secure" : "");
    http_set_header(req, "Set-Cookie", cookie);
}

static void reply_login_failure(struct http_request *req, enum auth_result r,
                                int64_t retry_after_ms)
{
    char seconds[24];

    switch (r) {
    case AUTH_RATE_LIMITED:
        snprintf(seconds, sizeof seconds, "%lld",
                 (long long)(retry_after_ms + 999) / 1000);
        http_set_header(req, "Retry-After", seconds);
        http_reply_error(req, ERR_RATE_LIMITED,
                         "too many failed sign-ins; try again in %s seconds",
                         seconds);
        break;
    case AUTH_DISABLED:
        http_reply_error(req, ERR_UNAUTHORIZED, "this user is disabled");
        break;
    case AUTH_ERROR:
        http_reply_error(req, ERR_UNAVAILABLE, "cannot sign in now");
        break;
    default:
        http_reply_error(req, ERR_BAD_CREDENTIALS,
                         "wrong e-mail address or password");
        break;
    }
}

void api_login(struct http_request *req)
{
    static const char *const fields[] = {"email", "password", NULL};
    struct app *app = api_app(req);
    json_t *body = http_json(req);
    struct login_result res;
    struct login_request lr = {
        .address = http_client_address(req),
        .user_agent = http_header(req, "User-Agent"),
        .session_ttl_ms = app->session_ttl_ms,
        .max_failures = app->login_max_failures,
        .window_ms = app->login_window_ms,
    };

    if (!body || !api_only_fields(req, body, fields) ||
        !api_string(req, body, "email", true, 254, &lr.email) ||
        !api_string(req, body, "password", true, USER_PASSWORD_MAX,
                    &lr.password))
        return;

    enum auth_result r = auth_login(http_db(req), &lr, &res);
    if (r != AUTH_OK) {
        reply_login_failure(req, r, res.retry_after_ms);
        auth_login_result_clear(&res);
        return;
    }
    set_session_cookie(req, res.token, app->session_ttl_ms / 1000);
    http_principal(req)->account_id = res.user.account_id;
    http_principal(req)->user_id = res.user.id;
    api_audit(req, "user.signed_in", "user", res.user.id, NULL);
    http_reply_json(req, 200,
                    json_pack("{so ss sI}", "user", api_user_json(&res.user),
                              "csrf_token", res.csrf_token, "expires_at",
                              (json_int_t)res.expires_at));
    auth_login_result_clear(&res);
}

void api_logout(struct http_request *req)
{
    const char *cookie = http_cookie(req, SESSION_COOKIE);

    if (http_principal(req)->session_id && cookie &&
        auth_session_end(http_db(req), cookie) != STORE_OK) {
        http_reply_error(req, ERR_UNAVAILABLE, "cannot sign out now");
        return;
    }
    set_session_cookie(req, "", 0);
    http_reply_empty(req, 204);
}

void api_me_get(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    struct app *app = api_app(req);
    struct user u;
    struct account a;
    json_t *out;
    enum store_rc rc = user_get(http_db(req), p->account_id, p->user_id, &u);

    if (rc || (rc = account_get(http_db(req), p->account_id, &a))) {
        if (rc == STORE_OK)
            user_clear(&u);
        api_reply_store_error(req, rc, NULL);
        return;
    }
    out =
        json_pack("{so s{sI ss ss sI} ss}", "user", api_user_json(&u),
                  "account", "id", (json_int_t)a.id, "name", a.name, "timezone",
                  a.timezone, "undo_send_ms", (json_int_t)a.undo_send_ms,
                  "auth", p->session_id ? "session" : "token");
    /* A reloaded page has lost its CSRF token but kept the cookie. */
    if (p->session_id) {
        struct auth_identity who;
        char *csrf = NULL;
        if (auth_session_check(http_db(req), http_cookie(req, SESSION_COOKIE),
                               app->session_ttl_ms, &who, &csrf) == AUTH_OK)
            json_object_set_new(out, "csrf_token", json_string(csrf));
        free(csrf);
    }
    user_clear(&u);
    account_clear(&a);
    http_reply_json(req, 200, out);
}

/* Time-zone names are IANA identifiers such as "America/Sao_Paulo". */
static bool valid_timezone(const char *tz)
{
    if (!tz[0])
        return false;
    for (const char *c = tz; *c; c++) {
        if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                    "0123456789/_+-",
                    *c))
            return false;
    }
    return true;
}

/* Check the current password, then set the new one and end the user's
 * other sessions. Replies on failure and returns false. */
static bool change_password(struct http_request *req, const char *current,
                            const char *next)
{
    struct http_principal *p = http_principal(req);
    struct db *db = http_db(req);
    struct user u;
    char *hash = NULL;
    const char *problem = user_password_problem(next);
    bool ok;

    if (problem) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s", problem);
        return false;
    }
    if (user_get(db, p->account_id, p->user_id, &u) != STORE_OK) {
        http_reply_error(req, ERR_INTERNAL, "cannot load the user");
        return false;
    }
    struct user again;
    ok = user_find_for_login(db, u.email, &again, &hash) == STORE_OK && hash &&
         current && crypto_password_verify(hash, current);
    if (hash)
        user_clear(&again);
    free(hash);
    user_clear(&u);
    if (!ok) {
        http_reply_error(req, ERR_BAD_CREDENTIALS,
                         "the current password is wrong");
        return false;
    }
    if (user_set_password(db, p->account_id, p->user_id, next) != STORE_OK ||
        auth_sessions_end_for_user(db, p->account_id, p->user_id,
                                   p->session_id) != STORE_OK) {
        http_reply_error(req, ERR_INTERNAL, "cannot change the password");
        return false;
    }
    api_audit(req, "user.password_changed", "user", p->user_id, NULL);
    return true;
}

void api_me_update(struct http_request *req)
{
    static const char *const fields[] = {
        "name", "locale", "timezone", "current_password", "new_password", NULL};
    json_t *body = http_json(req);
    struct user_patch patch = {.disabled = -1};
    const char *current, *next;

    if (!body || !api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", false, USER_NAME_MAX, &patch.name) ||
        !api_string(req, body, "locale", false, 10, &patch.locale) ||
        !api_string(req, body, "timezone", false, 64, &patch.timezone) ||
        !api_string(req, body, "current_password", false, USER_PASSWORD_MAX,
                    &current) ||
        !api_string(req, body, "new_password", false, USER_PASSWORD_MAX, &next))
        return;
    if (patch.locale && strcmp(patch.locale, "en") &&
        strcmp(patch.locale, "ko")) {
        http_reply_error(req, ERR_INVALID_FIELD, "locale must be en or ko");
        return;
    }
    if (patch.timezone && !valid_timezone(patch.timezone)) {
        http_reply_error(req, ERR_INVALID_FIELD, "timezone is not valid");
        return;
    }
    if (patch.name && !patch.name[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return;
    }
    if (next && !change_password(req, current, next))
        return;
    struct http_principal *p = http_principal(req);
    enum store_rc rc =
        user_update(http_db(req), p->account_id, p->user_id, &patch);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_me_get(req);
}

/*
 * The guard in front of every signed-in route: who is asking (an API
 * token in "Authorization: Bearer", or the session cookie), whether their
 * role suffices, and, for cookie-authenticated writes, the CSRF token.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "base/crypto.h"
#include "core/auth.h"

static bool is_write(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* Reply 401 with the code that says what to do about it. */
static void refuse(struct http_request *req, enum auth_result r)
{
    switch (r) {
    case AUTH_EXPIRED:
        http_reply_error(req, ERR_SESSION_EXPIRED,
                         "your session has expired; sign in again");
        break;
    case AUTH_REVOKED:
        http_reply_error(req, ERR_UNAUTHORIZED, "this API token was revoked");
        break;
    case AUTH_DISABLED:
        http_reply_error(req, ERR_UNAUTHORIZED, "this user is disabled");
        break;
    case AUTH_ERROR:
        http_reply_error(req, ERR_UNAVAILABLE, "cannot check sign-in now");
        break;
    default:
        http_reply_error(req, ERR_UNAUTHORIZED, "sign in first");
        break;
    }
}

/* The token of "Authorization: Bearer <token>", or NULL. */
static const char *bearer_token(struct http_request *req)
{
    const char *h = http_header(req, "Authorization");

    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return *h ? h : NULL;
}

static bool csrf_ok(struct http_request *req, const char *expected)
{
    const char *sent = http_header(req, "X-CSRF-Token");
    size_t n = strlen(expected);

    return sent && strlen(sent) == n && crypto_equal(sent, expected, n);
}

static void set_principal(struct http_request *req,
                          const struct auth_identity *who)
{
    struct http_principal *p = http_principal(req);

    p->account_id = who->account_id;
    p->user_id = who->user_id;
    p->role = who->role;
    p->session_id = who->session_id;
    p->token_id = who->token_id;
}

bool api_guard(struct http_request *req, const struct http_route *route)
{
    struct app *app = api_app(req);
    struct auth_identity who;
    const char *token = bearer_token(req);
    const char *cookie = http_cookie(req, SESSION_COOKIE);
    char *csrf = NULL;
    enum auth_result r;

    if (token) {
        r = auth_token_check(http_db(req), token, &who);
    } else if (cookie && cookie[0]) {
        r = auth_session_check(http_db(req), cookie, app->session_ttl_ms, &who,
                               &csrf);
    } else {
        r = AUTH_UNKNOWN;
    }
    if (r != AUTH_OK) {
        refuse(req, r);
        return false;
    }
    /* A browser sends the cookie on any request to us, even one another
     * site started; only our pages know the CSRF token. */
    if (csrf && is_write(http_method(req)) && !csrf_ok(req, csrf)) {
        free(csrf);
        http_reply_error(req, ERR_CSRF, "missing or wrong X-CSRF-Token header");
        return false;
    }
    free(csrf);
    if (who.role < route->min_role) {
        http_reply_error(req, ERR_FORBIDDEN, "this needs the %s role",
                         role_name(route->min_role));
        return false;
    }
    set_principal(req, &who);
    return true;
}

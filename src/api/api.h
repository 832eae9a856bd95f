/*
 * The REST API under /api/v1, plus /healthz, /readyz and /metrics: the
 * route table, the guard every signed-in route passes, and what handlers
 * share (the app context, JSON field readers, paging).
 *
 * Handlers follow one shape: parse the request, check it, apply it
 * through core/, reply. Every query they make is scoped by the account of
 * the principal the guard established.
 */
#ifndef PARLEY_API_H
#define PARLEY_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "http/http.h"
#include "store/store.h"

#define SESSION_COOKIE   "parley_session"
#define API_PAGE_DEFAULT 50
#define API_PAGE_MAX     200

struct jobs;
struct wa_channel;

/* What every handler can reach through http_app(req). */
struct app {
    struct store *store;
    struct http_server *http;
    struct jobs *jobs;
    struct wa_channel *channel;
    const char *data_dir;
    uint8_t master_key[CRYPTO_KEY_LEN];
    const char *node_id;
    int64_t session_ttl_ms;
    int login_max_failures; /* per address and per e-mail in a window */
    int64_t login_window_ms;
    bool secure_cookies; /* set the Secure flag (served over https) */
    int64_t started_at;
};

/* The route table of the API; extra (e.g. the simulator's) routes are
 * appended by the caller. */
const struct http_route *api_routes(size_t *count);

/* The local AI's routes (src/api/ai.c): intent corrections, the account's
 * own intents and their examples. */
const struct http_route *api_ai_routes(size_t *count);

/* The guard of http.h: API token or session cookie, role, CSRF. */
bool api_guard(struct http_request *req, const struct http_route *route);

/* Subscribe the SSE hub of app->http (once set) to the event bus. */
void api_events_attach(struct app *app);

static inline struct app *api_app(struct http_request *req)
{
    return http_app(req);
}

/* --- reading JSON bodies ------------------------------------------------ */

/*
 * Read string member key of body into *out (borrowed from body). A missing
 * member is fine unless required; a member of another type, one longer
 * than max_chars code points, or one with control characters gets a 422
 * reply and false.
 */
bool api_string(struct http_request *req, json_t *body, const char *key,
                bool required, size_t max_chars, const char **out);

/* Read a boolean member; -1 in *out when absent. */
bool api_bool(struct http_request *req, json_t *body, const char *key,
              int *out);

/* Reply 422 unknown_field for any member of body not in the NULL-ended
 * list allowed; returns false then. Catches typos in clients. */
bool api_only_fields(struct http_request *req, json_t *body,
                     const char *const *allowed);

/* --- paging ------------------------------------------------------------- */

/*
 * Read ?limit= and ?cursor= into *limit (1..API_PAGE_MAX) and *after_id.
 * Replies 400 and returns false when either is malformed.
 */
bool api_page(struct http_request *req, int *limit, int64_t *after_id);

/* Reply {"data": data, "next_cursor": ...}: the cursor is last_id as a
 * string when the page was full, else null. Takes data. */
void api_reply_page(struct http_request *req, json_t *data, size_t count,
                    int limit, int64_t last_id);

/* Reply with the error a store status calls for: not found → 404,
 * constraint → 409 with conflict_message, other → 500 (logged). */
void api_reply_store_error(struct http_request *req, enum store_rc rc,
                           const char *conflict_message);

/*
 * Publish a domain event for the principal's account (see core/events.h)
 * inside the current transaction. Takes payload. Returns false after
 * rolling back and replying when it could not be recorded.
 */
bool api_emit(struct http_request *req, const char *type, enum role min_role,
              json_t *payload);

/* Begin a transaction on the request's connection; false after replying
 * when the database cannot start one. */
bool api_begin(struct http_request *req);

/* Commit; false after rolling back and replying on failure. */
bool api_commit(struct http_request *req);

/* Roll back and reply with the error rc calls for. */
void api_rollback(struct http_request *req, enum store_rc rc,
                  const char *conflict_message);

/* Record an audit entry for the principal of req (errors are logged, not
 * returned: the change itself has been made). Takes detail. */
void api_audit(struct http_request *req, const char *action,
               const char *target_type, int64_t target_id, json_t *detail);

/* The public JSON form of a user (never the password hash). */
struct user;
json_t *api_user_json(const struct user *u);

/* --- handlers (one file per resource) ---------------------------------- */

void api_login(struct http_request *req);
void api_logout(struct http_request *req);
void api_me_get(struct http_request *req);
void api_me_update(struct http_request *req);

void api_users_list(struct http_request *req);
void api_users_create(struct http_request *req);
void api_users_get(struct http_request *req);
void api_users_update(struct http_request *req);
void api_users_delete(struct http_request *req);

void api_teams_list(struct http_request *req);
void api_teams_create(struct http_request *req);
void api_teams_get(struct http_request *req);
void api_teams_update(struct http_request *req);
void api_teams_delete(struct http_request *req);
void api_team_members_list(struct http_request *req);
void api_team_members_add(struct http_request *req);
void api_team_members_remove(struct http_request *req);

void api_tokens_list(struct http_request *req);
void api_tokens_create(struct http_request *req);
void api_tokens_revoke(struct http_request *req);

void api_inboxes_list(struct http_request *req);
void api_inboxes_create(struct http_request *req);
void api_inboxes_get(struct http_request *req);
void api_inboxes_update(struct http_request *req);
void api_inboxes_delete(struct http_request *req);

void api_events_stream(struct http_request *req);
void api_audit_list(struct http_request *req);

void api_healthz(struct http_request *req);
void api_readyz(struct http_request *req);
void api_metrics(struct http_request *req);

#endif

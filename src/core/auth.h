/*
 * Sign-in: passwords, server-side sessions, login throttling and API
 * tokens. Sessions and tokens are random strings given to the client once;
 * only their SHA-256 is stored, so a copy of the database signs no one in.
 */
#ifndef PARLEY_CORE_AUTH_H
#define PARLEY_CORE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "base/role.h"
#include "core/user.h"
#include "store/store.h"

/* Who a request acts as, once a session or token checked out. */
struct auth_identity {
    int64_t account_id;
    int64_t user_id;
    enum role role;
    int64_t session_id; /* 0 unless signed in with a session */
    int64_t token_id;   /* 0 unless signed in with an API token */
};

enum auth_result {
    AUTH_OK,
    AUTH_UNKNOWN,         /* no such session or token */
    AUTH_BAD_CREDENTIALS, /* wrong e-mail or password */
    AUTH_EXPIRED,         /* the session timed out */
    AUTH_REVOKED,         /* the API token was revoked */
    AUTH_DISABLED,        /* the user was disabled */
    AUTH_RATE_LIMITED,    /* too many failures from here or for this user */
    AUTH_ERROR,           /* storage failed; logged */
};

struct login_request {
    const char *email; /* as typed; normalised here */
    const char *password;
    const char *address; /* the client's address, for throttling */
    const char *user_agent;
    int64_t session_ttl_ms;
    int max_failures; /* per address and per e-mail in a window */
    int64_t window_ms;
};

struct login_result {
    struct user user;
    int64_t session_id;
    char *token;      /* the cookie value; caller frees */
    char *csrf_token; /* echoed by the client in X-CSRF-Token; caller frees */
    int64_t expires_at;
    int64_t retry_after_ms; /* with AUTH_RATE_LIMITED */
};

/*
 * Check the password and open a session. The same work is done whether or
 * not the e-mail exists, so timing does not tell which. Free *out with
 * auth_login_result_clear() whatever the result.
 */
enum auth_result auth_login(struct db *db, const struct login_request *req,
                            struct login_result *out);
void auth_login_result_clear(struct login_result *r);

/*
 * Check a session cookie. On AUTH_OK fills *who and *csrf_token (caller
 * frees) and slides the expiry forward by ttl_ms when it was last
 * refreshed more than a minute ago.
 */
enum auth_result auth_session_check(struct db *db, const char *token,
                                    int64_t ttl_ms, struct auth_identity *who,
                                    char **csrf_token);

/* End one session (sign-out). Unknown tokens are ignored. */
enum store_rc auth_session_end(struct db *db, const char *token);

/* End every session of a user, e.g. after a password change, except keep
 * (0 for none). */
enum store_rc auth_sessions_end_for_user(struct db *db, int64_t account_id,
                                         int64_t user_id, int64_t keep);

/* Delete sessions past their expiry; for the periodic purge. */
enum store_rc auth_sessions_purge(struct db *db, int64_t now);

struct api_token {
    int64_t id;
    int64_t account_id;
    int64_t user_id;
    char *name;
    char *prefix; /* the first characters, to tell tokens apart */
    int64_t created_at;
    int64_t last_used_at; /* 0 if never */
    int64_t revoked_at;   /* 0 if active */
};

/* Make a token acting as user_id. *plaintext (caller frees) is shown to
 * the user once and never again. */
enum store_rc auth_token_create(struct db *db, int64_t account_id,
                                int64_t user_id, const char *name,
                                char **plaintext, int64_t *id);

/* Check "Authorization: Bearer <token>" credentials. */
enum auth_result auth_token_check(struct db *db, const char *token,
                                  struct auth_identity *who);

/* Tokens of an account (of one user when user_id is not 0), by id. Free
 * with auth_token_list_free(). */
enum store_rc auth_token_list(struct db *db, int64_t account_id,
                              int64_t user_id, int64_t after_id, int limit,
                              struct api_token **out, size_t *count);
void auth_token_list_free(struct api_token *t, size_t count);

/* Revoke; STORE_NOT_FOUND if not this account's (or, when user_id is not
 * 0, not this user's) active token. */
enum store_rc auth_token_revoke(struct db *db, int64_t account_id,
                                int64_t user_id, int64_t id);

/* Revoke every token of a user (when the user is disabled). */
enum store_rc auth_tokens_revoke_for_user(struct db *db, int64_t account_id,
                                          int64_t user_id);

#endif

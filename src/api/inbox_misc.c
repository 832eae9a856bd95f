/*
 * The rest of the inbox API:
 *   GET   /api/v1/search?q=&limit=        contacts and messages
 *   PATCH /api/v1/account                 name, timezone, undo_send_ms
 *   GET|PUT /api/v1/me/shortcuts          keyboard shortcuts → replies
 *   POST  /api/v1/conversations/{id}/viewing and .../presence/typing
 *   GET   /api/v1/presence                who is online
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/inbox_api.h"
#include "core/conversation.h"
#include "core/presence.h"
#include "core/search.h"
#include "core/settings.h"
#include "core/user.h"

#define SEARCH_DEFAULT 20
#define SEARCH_MAX     50

/* Code points of UTF-8 text. */
static size_t chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void api_search(struct http_request *req)
{
    const char *q = http_query(req, "q"), *l = http_query(req, "limit");
    long limit = SEARCH_DEFAULT;
    char *end;
    json_t *out;

    if (!q || !*q || chars(q) > SEARCH_QUERY_MAX) {
        http_reply_error(req, ERR_BAD_REQUEST, "q must be 1 to %d characters",
                         SEARCH_QUERY_MAX);
        return;
    }
    if (l &&
        ((limit = strtol(l, &end, 10)) < 1 || limit > SEARCH_MAX || *end)) {
        http_reply_error(req, ERR_BAD_REQUEST, "limit must be 1 to %d",
                         SEARCH_MAX);
        return;
    }
    enum store_rc rc = search_all(http_db(req), http_principal(req)->account_id,
                                  q, (int)limit, &out);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, 200, out);
}

/* undo_send_ms: absent → -1; else an integer 0..30000. */
static bool parse_undo(struct http_request *req, json_t *body, int64_t *out)
{
    json_t *v = json_object_get(body, "undo_send_ms");

    *out = -1;
    if (!v)
        return true;
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > SETTINGS_UNDO_MAX_MS) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "undo_send_ms must be an integer from 0 to %d",
                         SETTINGS_UNDO_MAX_MS);
        return false;
    }
    *out = json_integer_value(v);
    return true;
}

void api_account_update(struct http_request *req)
{
    static const char *const fields[] = {"name", "timezone", "undo_send_ms",
                                         NULL};
    int64_t account = http_principal(req)->account_id, undo;
    const char *name, *tz;
    json_t *body, *a;

    if (!(body = http_json(req)) || !api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", false, 100, &name) ||
        !api_string(req, body, "timezone", false, 64, &tz) ||
        !parse_undo(req, body, &undo))
        return;
    if (name && !name[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return;
    }
    if (tz && !settings_timezone_valid(tz)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "timezone must be an IANA zone like Asia/Seoul");
        return;
    }
    if (!api_begin(req))
        return;
    enum store_rc rc =
        settings_account_update(http_db(req), account, name, tz, undo);
    if (rc == STORE_OK)
        rc = settings_account_json(http_db(req), account, &a);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "account.updated", a, 200, "account", account);
}

void api_shortcuts_get(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    json_t *data;
    enum store_rc rc =
        settings_shortcuts_get(http_db(req), p->account_id, p->user_id, &data);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

/* The body {"shortcuts":[{keys, canned_reply_id}]}: shapes, valid keys,
 * no key twice. */
static bool parse_shortcuts(struct http_request *req, json_t *body,
                            json_t **list)
{
    static const char *const fields[] = {"shortcuts", NULL};
    size_t i, j;
    json_t *it;

    *list = json_object_get(body, "shortcuts");
    if (!api_only_fields(req, body, fields))
        return false;
    if (!json_is_array(*list) || json_array_size(*list) > SHORTCUTS_MAX) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'shortcuts' must be an array of at most %d",
                         SHORTCUTS_MAX);
        return false;
    }
    json_array_foreach(*list, i, it)
    {
        const char *k = json_string_value(json_object_get(it, "keys"));
        json_t *id = json_object_get(it, "canned_reply_id");
        bool dup = false;
        for (j = 0; k && j < i; j++)
            dup |= !strcmp(k, json_string_value(json_object_get(
                                  json_array_get(*list, j), "keys")));
        if (!json_is_object(it) || json_object_size(it) != 2 ||
            !settings_keys_valid(k ? k : "") || !json_is_integer(id) ||
            json_integer_value(id) <= 0 || dup) {
            http_reply_error(req, ERR_INVALID_FIELD,
                             "shortcut %zu must be {keys: \"Ctrl+B\", "
                             "canned_reply_id: id}, each keys once",
                             i);
            return false;
        }
    }
    return true;
}

void api_shortcuts_put(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    int64_t bad = 0;
    json_t *body, *list, *data;

    if (!(body = http_json(req)) || !parse_shortcuts(req, body, &list) ||
        !api_begin(req))
        return;
    enum store_rc rc = settings_shortcuts_put(http_db(req), p->account_id,
                                              p->user_id, list, &bad);
    if (rc == STORE_NOT_FOUND && bad) {
        db_rollback(http_db(req));
        http_reply_error(req, ERR_INVALID_FIELD,
                         "canned reply %lld does not exist", (long long)bad);
        return;
    }
    if (rc == STORE_OK)
        rc = settings_shortcuts_get(http_db(req), p->account_id, p->user_id,
                                    &data);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (api_commit(req))
        api_inbox_reply_all(req, data);
    else
        json_decref(data);
}

/* Announce kind for the conversation in the path. */
static void announce(struct http_request *req, const char *kind)
{
    struct http_principal *p = http_principal(req);
    struct conversation c;
    struct user u;
    int64_t id, until;

    if (!http_param_id(req, "id", &id))
        return;
    enum store_rc rc = conversation_get(http_db(req), p->account_id, id, &c);
    if (rc == STORE_OK)
        rc = user_get(http_db(req), p->account_id, p->user_id, &u);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    bool sent =
        presence_announce(p->account_id, p->user_id, u.name, id, kind, &until);
    user_clear(&u);
    if (!sent) {
        http_set_header(req, "Retry-After", "1");
        http_reply_error(req, ERR_RATE_LIMITED,
                         "announced less than a second ago");
        return;
    }
    http_reply_json(req, 200,
                    json_pack("{sI sI}", "conversation_id", (json_int_t)id,
                              "until", (json_int_t)until));
}

void api_conversation_viewing(struct http_request *req)
{
    announce(req, "viewing");
}

void api_presence_typing(struct http_request *req)
{
    announce(req, "typing");
}

/* Users with an open event stream count as online whatever their last
 * request: a browser that only listens is still someone at the desk. */
#define PRESENCE_STREAMING_MAX 1000

void api_presence_list(struct http_request *req)
{
    int64_t account = http_principal(req)->account_id;
    int64_t *live = http_alloc(req, PRESENCE_STREAMING_MAX * sizeof *live);
    size_t n = http_sse_users(http_server_of(req), account, live,
                              PRESENCE_STREAMING_MAX);
    json_t *data;
    enum store_rc rc = presence_list(http_db(req), account, live, n, &data);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

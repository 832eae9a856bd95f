/*
 * Canned replies: GET /api/v1/canned-replies and
 * GET /api/v1/canned-replies/suggest?q=&conversation_id=&limit= (agents),
 * POST, PATCH and DELETE (supervisors). Events canned_reply.created,
 * canned_reply.updated, canned_reply.deleted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/inbox_api.h"
#include "core/canned.h"

#define SUGGEST_DEFAULT 5
#define SUGGEST_MAX     20

void api_canned_list(struct http_request *req)
{
    json_t *data;
    enum store_rc rc =
        canned_list(http_db(req), http_principal(req)->account_id, &data);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

struct canned_fields {
    const char *shortcut, *title, *body, *intent;
};

/* Read and check the members of a create (shortcut and body required)
 * or an update (all optional); false after replying 422. */
static bool parse_canned(struct http_request *req, json_t *body, bool creating,
                         struct canned_fields *f)
{
    static const char *const fields[] = {"shortcut", "title", "body", "intent",
                                         NULL};

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "shortcut", creating, CANNED_SHORTCUT_MAX,
                    &f->shortcut) ||
        !api_string(req, body, "title", false, CANNED_TITLE_MAX, &f->title) ||
        !api_string(req, body, "body", creating, CANNED_BODY_MAX, &f->body) ||
        !api_string(req, body, "intent", false, 64, &f->intent))
        return false;
    if (f->shortcut && !canned_shortcut_valid(f->shortcut)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "shortcut must be 1 to %d of a-z, 0-9, _ and -",
                         CANNED_SHORTCUT_MAX);
        return false;
    }
    if (f->body && !f->body[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "body must not be empty");
        return false;
    }
    return true;
}

/* Reply with reply id after a change, through api_inbox_finish. */
static void finish(struct http_request *req, int64_t id, const char *type,
                   int status)
{
    json_t *obj;
    enum store_rc rc = canned_get_json(
        http_db(req), http_principal(req)->account_id, id, &obj);

    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, type, obj, status, "canned_reply", id);
}

void api_canned_create(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    json_t *body = http_json(req);
    struct canned_fields f;
    int64_t id;

    if (!body || !parse_canned(req, body, true, &f) || !api_begin(req))
        return;
    enum store_rc rc =
        canned_create(http_db(req), p->account_id, p->user_id, f.shortcut,
                      f.title, f.body, f.intent, &id);
    if (rc) {
        api_rollback(req, rc, "a canned reply with that shortcut exists");
        return;
    }
    finish(req, id, "canned_reply.created", 201);
}

void api_canned_update(struct http_request *req)
{
    struct canned_fields f;
    json_t *body;
    int64_t id;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !parse_canned(req, body, false, &f) || !api_begin(req))
        return;
    enum store_rc rc =
        canned_update(http_db(req), http_principal(req)->account_id, id,
                      f.shortcut, f.title, f.body, f.intent);
    if (rc) {
        api_rollback(req, rc, "a canned reply with that shortcut exists");
        return;
    }
    finish(req, id, "canned_reply.updated", 200);
}

void api_canned_delete(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    enum store_rc rc =
        canned_delete(http_db(req), http_principal(req)->account_id, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "canned_reply.deleted",
                     json_pack("{sI}", "id", (json_int_t)id), 204,
                     "canned_reply", id);
}

/* A positive number query parameter, or def when absent. */
static bool query_number(struct http_request *req, const char *name,
                         int64_t def, int64_t max, int64_t *out)
{
    const char *v = http_query(req, name);
    char *end;

    *out = def;
    if (!v || !*v)
        return true;
    long long n = strtoll(v, &end, 10);
    if (*end || n <= 0 || n > max) {
        http_reply_error(req, ERR_BAD_REQUEST, "%s must be from 1 to %lld",
                         name, (long long)max);
        return false;
    }
    *out = n;
    return true;
}

void api_canned_suggest(struct http_request *req)
{
    const char *q = http_query(req, "q");
    int64_t conversation_id, limit;
    json_t *data;

    if (!query_number(req, "conversation_id", 0, INT64_MAX, &conversation_id) ||
        !query_number(req, "limit", SUGGEST_DEFAULT, SUGGEST_MAX, &limit))
        return;
    if (q && strlen(q) > CANNED_BODY_MAX) {
        http_reply_error(req, ERR_BAD_REQUEST, "q is too long");
        return;
    }
    enum store_rc rc =
        canned_suggest(http_db(req), http_principal(req)->account_id,
                       conversation_id, q ? q : "", (int)limit, &data);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

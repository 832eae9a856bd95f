/*
 * API tokens for integrations (administrators):
 *   GET /api/v1/tokens, POST /api/v1/tokens, DELETE /api/v1/tokens/{id}.
 *
 * A token acts as the administrator who made it. Its value is in the
 * reply to POST and nowhere else, ever: only its hash is kept.
 */
#include <stdlib.h>

#include "api/api.h"
#include "core/auth.h"
#include "core/events.h"

static json_t *token_json(const struct api_token *t)
{
    json_t *o =
        json_pack("{sI sI ss ss sI}", "id", (json_int_t)t->id, "user_id",
                  (json_int_t)t->user_id, "name", t->name, "prefix", t->prefix,
                  "created_at", (json_int_t)t->created_at);

    json_object_set_new(o, "last_used_at",
                        t->last_used_at ? json_integer(t->last_used_at)
                                        : json_null());
    json_object_set_new(o, "revoked_at",
                        t->revoked_at ? json_integer(t->revoked_at)
                                      : json_null());
    return o;
}

void api_tokens_list(struct http_request *req)
{
    struct api_token *tokens;
    size_t n;
    int limit;
    int64_t after;
    json_t *data;

    if (!api_page(req, &limit, &after))
        return;
    enum store_rc rc =
        auth_token_list(http_db(req), http_principal(req)->account_id, 0, after,
                        limit, &tokens, &n);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    data = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(data, token_json(&tokens[i]));
    api_reply_page(req, data, n, limit, n ? tokens[n - 1].id : 0);
    auth_token_list_free(tokens, n);
}

void api_tokens_create(struct http_request *req)
{
    static const char *const fields[] = {"name", NULL};
    struct http_principal *p = http_principal(req);
    json_t *body = http_json(req);
    const char *name;
    char *plaintext;
    int64_t id;

    if (!body || !api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", true, 100, &name))
        return;
    if (!name[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return;
    }
    if (!api_begin(req))
        return;
    enum store_rc rc = auth_token_create(http_db(req), p->account_id,
                                         p->user_id, name, &plaintext, &id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    /* Administrators only; the event never carries the token itself. */
    if (!api_emit(req, "api_token.created", ROLE_ADMINISTRATOR,
                  json_pack("{sI ss}", "id", (json_int_t)id, "name", name))) {
        free(plaintext);
        return;
    }
    api_audit(req, "token.created", "api_token", id,
              json_pack("{ss}", "name", name));
    if (api_commit(req))
        http_reply_json(req, 201,
                        json_pack("{sI ss ss sI}", "id", (json_int_t)id, "name",
                                  name, "token", plaintext, "user_id",
                                  (json_int_t)p->user_id));
    free(plaintext);
}

void api_tokens_revoke(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    enum store_rc rc =
        auth_token_revoke(http_db(req), http_principal(req)->account_id, 0, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (!api_emit(req, "api_token.revoked", ROLE_ADMINISTRATOR,
                  json_pack("{sI}", "id", (json_int_t)id)))
        return;
    api_audit(req, "token.revoked", "api_token", id, NULL);
    if (api_commit(req))
        http_reply_empty(req, 204);
}

/*
 * Custom attribute definitions: GET /api/v1/attributes?applies_to=
 * (agents), POST, PATCH and DELETE /api/v1/attributes/{id}
 * (supervisors). A definition's key, type and target are fixed once made;
 * label and options may change.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/inbox_api.h"
#include "core/attribute.h"

void api_attributes_list(struct http_request *req)
{
    const char *to = http_query(req, "applies_to");
    json_t *data;

    if (to && strcmp(to, "contact") && strcmp(to, "conversation")) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "applies_to must be contact or conversation");
        return;
    }
    enum store_rc rc = attribute_list(
        http_db(req), http_principal(req)->account_id, to, &data);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

/* options: an array of 1..100 distinct non-empty strings (lists only);
 * *text is its JSON (caller frees) or NULL when absent. */
static bool parse_options(struct http_request *req, json_t *body,
                          const char *type, char **text)
{
    json_t *o = json_object_get(body, "options"), *v;
    size_t i;

    *text = NULL;
    if (!o)
        return true;
    if (!json_is_array(o) || json_array_size(o) > 100 ||
        (type && strcmp(type, "list") && json_array_size(o) > 0)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "options must be an array of at most 100 strings, "
                         "for list attributes only");
        return false;
    }
    json_array_foreach(o, i, v)
    {
        if (!json_is_string(v) || !json_string_length(v) ||
            json_string_length(v) > 200) {
            http_reply_error(req, ERR_INVALID_FIELD,
                             "options must be non-empty strings");
            return false;
        }
    }
    *text = json_dumps(o, JSON_COMPACT);
    return true;
}

/* Reply with definition id after a change, through api_inbox_finish. */
static void finish(struct http_request *req, int64_t id, const char *type,
                   int status)
{
    json_t *obj;
    enum store_rc rc = attribute_get_json(
        http_db(req), http_principal(req)->account_id, id, &obj);

    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, type, obj, status, "attribute", id);
}

/* The members of a new definition, checked. */
static bool parse_new(struct http_request *req, json_t *body, const char **to,
                      const char **key, const char **label, const char **type)
{
    static const char *const fields[] = {"applies_to", "key",     "label",
                                         "type",       "options", NULL};

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "applies_to", true, 20, to) ||
        !api_string(req, body, "key", true, 40, key) ||
        !api_string(req, body, "label", true, 100, label) ||
        !api_string(req, body, "type", true, 20, type))
        return false;
    const char *bad = strcmp(*to, "contact") && strcmp(*to, "conversation")
                          ? "applies_to must be contact or conversation"
                      : !attribute_key_valid(*key)
                          ? "key must be 1 to 40 of a-z, 0-9 and _"
                      : !attribute_type_valid(*type)
                          ? "type must be text, number, date, list, "
                            "boolean or link"
                      : !(*label)[0] ? "label must not be empty"
                                     : NULL;
    if (bad)
        http_reply_error(req, ERR_INVALID_FIELD, "%s", bad);
    return bad == NULL;
}

void api_attributes_create(struct http_request *req)
{
    const char *to, *key, *label, *type;
    char *options = NULL;
    json_t *body = http_json(req);
    int64_t id;

    if (!body || !parse_new(req, body, &to, &key, &label, &type) ||
        !parse_options(req, body, type, &options))
        return;
    if (!strcmp(type, "list") && (!options || !strcmp(options, "[]"))) {
        free(options);
        http_reply_error(req, ERR_INVALID_FIELD,
                         "a list attribute needs options");
        return;
    }
    if (!api_begin(req)) {
        free(options);
        return;
    }
    enum store_rc rc =
        attribute_create(http_db(req), http_principal(req)->account_id, to, key,
                         label, type, options, &id);
    free(options);
    if (rc) {
        api_rollback(req, rc, "an attribute with that key exists");
        return;
    }
    finish(req, id, "attribute.created", 201);
}

void api_attributes_update(struct http_request *req)
{
    static const char *const fields[] = {"label", "options", NULL};
    const char *label;
    char *options = NULL;
    json_t *body, *current;
    int64_t id, account = http_principal(req)->account_id;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, fields) ||
        !api_string(req, body, "label", false, 100, &label))
        return;
    enum store_rc rc = attribute_get_json(http_db(req), account, id, &current);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    bool ok = parse_options(req, body,
                            json_string_value(json_object_get(current, "type")),
                            &options);
    json_decref(current);
    if (!ok || !api_begin(req)) {
        free(options);
        return;
    }
    rc = attribute_update(http_db(req), account, id,
                          label && label[0] ? label : NULL, options);
    free(options);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    finish(req, id, "attribute.updated", 200);
}

void api_attributes_delete(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    enum store_rc rc =
        attribute_delete(http_db(req), http_principal(req)->account_id, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "attribute.deleted",
                     json_pack("{sI}", "id", (json_int_t)id), 204, "attribute",
                     id);
}

/*
 * Labels: GET /api/v1/labels (agents), POST /api/v1/labels and
 * PATCH|DELETE /api/v1/labels/{id} (supervisors). Events label.created,
 * label.updated, label.deleted.
 */
#include "api/api.h"
#include "api/inbox_api.h"
#include "core/label.h"

void api_labels_list(struct http_request *req)
{
    json_t *data;
    enum store_rc rc =
        label_list(http_db(req), http_principal(req)->account_id, &data);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_inbox_reply_all(req, data);
}

/* Read name, color and description; name required when creating. */
static bool parse_label(struct http_request *req, json_t *body, bool creating,
                        const char **name, const char **color,
                        const char **description)
{
    static const char *const fields[] = {"name", "color", "description", NULL};

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", creating, LABEL_NAME_MAX, name) ||
        !api_string(req, body, "color", false, 7, color) ||
        !api_string(req, body, "description", false, LABEL_DESC_MAX,
                    description))
        return false;
    if (*name && !(*name)[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return false;
    }
    if (*color && !label_color_valid(*color)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "color must be a hex colour like #1f883d");
        return false;
    }
    return true;
}

/* Finish a create or update of label id. */
static void finish(struct http_request *req, int64_t id, const char *type,
                   int status)
{
    json_t *obj;
    enum store_rc rc =
        label_get_json(http_db(req), http_principal(req)->account_id, id, &obj);

    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, type, obj, status, "label", id);
}

void api_labels_create(struct http_request *req)
{
    json_t *body = http_json(req);
    const char *name, *color, *description;
    int64_t id;

    if (!body || !parse_label(req, body, true, &name, &color, &description) ||
        !api_begin(req))
        return;
    enum store_rc rc =
        label_create(http_db(req), http_principal(req)->account_id, name, color,
                     description, &id);
    if (rc) {
        api_rollback(req, rc, "a label with that name exists");
        return;
    }
    finish(req, id, "label.created", 201);
}

void api_labels_update(struct http_request *req)
{
    json_t *body;
    const char *name, *color, *description;
    int64_t id;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !parse_label(req, body, false, &name, &color, &description) ||
        !api_begin(req))
        return;
    enum store_rc rc =
        label_update(http_db(req), http_principal(req)->account_id, id, name,
                     color, description);
    if (rc) {
        api_rollback(req, rc, "a label with that name exists");
        return;
    }
    finish(req, id, "label.updated", 200);
}

void api_labels_delete(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    enum store_rc rc =
        label_delete(http_db(req), http_principal(req)->account_id, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_inbox_finish(req, "label.deleted",
                     json_pack("{sI}", "id", (json_int_t)id), 204, "label", id);
}

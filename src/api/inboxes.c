/*
 * WhatsApp numbers of an account:
 *   GET /api/v1/inboxes, GET /api/v1/inboxes/{id} (agents),
 *   POST /api/v1/inboxes, PATCH|DELETE /api/v1/inboxes/{id} (administrators).
 *
 * Tokens and secrets can be set and replaced but are never shown again:
 * the API says only whether each is set.
 */
#include <ctype.h>
#include <string.h>

#include "api/api.h"
#include "core/inbox.h"

static json_t *inbox_json(const struct inbox *in)
{
    json_t *o = json_pack(
        "{sI ss ss ss ss ss ss sI sI sI}", "id", (json_int_t)in->id, "name",
        in->name, "phone_number_id", in->phone_number_id, "waba_id",
        in->waba_id, "display_phone_number", in->display_phone_number,
        "graph_base_url", in->graph_base_url, "graph_version",
        in->graph_version, "throughput_mps", (json_int_t)in->throughput_mps,
        "created_at", (json_int_t)in->created_at, "updated_at",
        (json_int_t)in->updated_at);

    json_object_set_new(o, "team_id",
                        in->team_id ? json_integer(in->team_id) : json_null());
    return o;
}

static void reply_inbox(struct http_request *req, int status, int64_t id)
{
    struct inbox in;
    enum store_rc rc =
        inbox_get(http_db(req), http_principal(req)->account_id, id, &in);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, status, inbox_json(&in));
    inbox_clear(&in);
}

void api_inboxes_list(struct http_request *req)
{
    struct inbox *v;
    size_t n;
    json_t *data;
    enum store_rc rc =
        inbox_list(http_db(req), http_principal(req)->account_id, &v, &n);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    data = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(data, inbox_json(&v[i]));
    inbox_list_free(v, n);
    http_reply_json(req, 200,
                    json_pack("{so sn}", "data", data, "next_cursor"));
}

void api_inboxes_get(struct http_request *req)
{
    int64_t id;

    if (http_param_id(req, "id", &id))
        reply_inbox(req, 200, id);
}

static bool all_digits(const char *s)
{
    if (!s[0])
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

/* "v23.0": a Graph API version. */
static bool valid_version(const char *v)
{
    const char *dot = strchr(v, '.');

    return v[0] == 'v' && dot && dot > v + 1 && dot[1] &&
           strspn(v + 1, "0123456789") == (size_t)(dot - v - 1) &&
           strspn(dot + 1, "0123456789") == strlen(dot + 1);
}

/* Check the formats of what is present; replies and returns false on the
 * first problem. */
static bool check_formats(struct http_request *req,
                          const struct inbox_input *in)
{
    const char *problem = NULL;

    if ((in->phone_number_id && !all_digits(in->phone_number_id)) ||
        (in->waba_id && !all_digits(in->waba_id)) ||
        (in->display_phone_number && !all_digits(in->display_phone_number)))
        problem = "ids and the display number are digits only";
    else if (in->graph_base_url && strncmp(in->graph_base_url, "https://", 8) &&
             strncmp(in->graph_base_url, "http://", 7))
        problem = "graph_base_url must be an http(s) URL";
    else if (in->graph_version && !valid_version(in->graph_version))
        problem = "graph_version looks like v23.0";
    else if (in->throughput_mps && !inbox_throughput_valid(in->throughput_mps))
        problem = "throughput_mps is 20, 80 or 1000";
    else if (in->name && !in->name[0])
        problem = "name must not be empty";
    if (problem)
        http_reply_error(req, ERR_INVALID_FIELD, "%s", problem);
    return !problem;
}

/* Read every field; creating requires the identifying ones and secrets. */
static bool parse_inbox(struct http_request *req, json_t *body, bool creating,
                        struct inbox_input *in)
{
    static const char *const fields[] = {
        "name",           "phone_number_id",
        "waba_id",        "display_phone_number",
        "graph_base_url", "graph_version",
        "throughput_mps", "team_id",
        "access_token",   "app_secret",
        "verify_token",   NULL};
    json_t *mps = json_object_get(body, "throughput_mps");
    json_t *team = json_object_get(body, "team_id");

    memset(in, 0, sizeof *in);
    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", creating, 100, &in->name) ||
        !api_string(req, body, "phone_number_id", creating, 32,
                    &in->phone_number_id) ||
        !api_string(req, body, "waba_id", creating, 32, &in->waba_id) ||
        !api_string(req, body, "display_phone_number", creating, 20,
                    &in->display_phone_number) ||
        !api_string(req, body, "graph_base_url", false, 300,
                    &in->graph_base_url) ||
        !api_string(req, body, "graph_version", false, 10,
                    &in->graph_version) ||
        !api_string(req, body, "access_token", creating, 2048,
                    &in->access_token) ||
        !api_string(req, body, "app_secret", creating, 256, &in->app_secret) ||
        !api_string(req, body, "verify_token", creating, 256,
                    &in->verify_token))
        return false;
    if ((mps && !json_is_integer(mps)) ||
        (team && !json_is_integer(team) && !json_is_null(team))) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "throughput_mps and team_id are integers");
        return false;
    }
    in->throughput_mps = mps ? json_integer_value(mps) : 0;
    in->team_id = !team                ? 0
                  : json_is_null(team) ? -1
                                       : json_integer_value(team);
    return check_formats(req, in);
}

void api_inboxes_create(struct http_request *req)
{
    struct app *app = api_app(req);
    json_t *body = http_json(req);
    struct inbox_input in;
    int64_t id;

    if (!body || !parse_inbox(req, body, true, &in) || !api_begin(req))
        return;
    enum store_rc rc = inbox_create(http_db(req), app->master_key,
                                    http_principal(req)->account_id, &in, &id);
    if (rc) {
        api_rollback(req, rc, "an inbox with that phone_number_id exists");
        return;
    }
    api_audit(req, "inbox.created", "inbox", id,
              json_pack("{ss}", "phone_number_id", in.phone_number_id));
    if (api_commit(req))
        reply_inbox(req, 201, id);
}

void api_inboxes_update(struct http_request *req)
{
    struct app *app = api_app(req);
    struct inbox_input in;
    json_t *body;
    int64_t id;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !parse_inbox(req, body, false, &in))
        return;
    if (in.phone_number_id) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "phone_number_id cannot change; add a new inbox");
        return;
    }
    if (!api_begin(req))
        return;
    enum store_rc rc = inbox_update(http_db(req), app->master_key,
                                    http_principal(req)->account_id, id, &in);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    /* Say which secrets changed, never what they are. */
    api_audit(req, "inbox.updated", "inbox", id,
              json_pack("{sb sb sb}", "access_token", in.access_token != NULL,
                        "app_secret", in.app_secret != NULL, "verify_token",
                        in.verify_token != NULL));
    if (api_commit(req))
        reply_inbox(req, 200, id);
}

void api_inboxes_delete(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    enum store_rc rc =
        inbox_delete(http_db(req), http_principal(req)->account_id, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    api_audit(req, "inbox.deleted", "inbox", id, NULL);
    if (api_commit(req))
        http_reply_empty(req, 204);
}

/*
 * The local AI over HTTP: an agent corrects the intent of a customer
 * message (POST /api/v1/messages/{id}/intent), and supervisors manage the
 * account's own intents and their example phrases under /api/v1/ai. The
 * route table is exported by api_ai_routes(); the work is done by src/ai/.
 */
#include <string.h>

#include "ai/ai.h"
#include "api/api.h"
#include "base/clock.h"
#include "base/log.h"
#include "core/message.h"

/* Longest example phrase or intent description accepted, in characters
 * (WhatsApp caps a text message at 4096). */
#define AI_API_TEXT_MAX 4096
#define AI_API_DESC_MAX 500
#define AI_API_NAME_MAX 64

/* The HTTP reply an ai_rc calls for, inside or outside a transaction. */
static void reply_ai_error(struct http_request *req, enum ai_rc rc,
                           const char *what)
{
    if (rc == AI_NOT_FOUND)
        http_reply_error(req, ERR_NOT_FOUND, "no such %s", what);
    else if (rc == AI_EXISTS)
        http_reply_error(req, ERR_ALREADY_EXISTS, "that %s already exists",
                         what);
    else if (rc == AI_EMPTY || rc == AI_INVALID || rc == AI_TOO_LONG)
        http_reply_error(req, ERR_INVALID_FIELD, "%s: %s", what,
                         ai_strerror(rc));
    else
        http_reply_error(req, ERR_INTERNAL, "the AI store failed");
}

/* Roll back the request's transaction, then reply for rc. */
static void rollback_ai(struct http_request *req, enum ai_rc rc,
                        const char *what)
{
    db_rollback(http_db(req));
    reply_ai_error(req, rc, what);
}

/* True when name is one of the default model's intents. */
static bool is_default_intent(const char *name)
{
    const struct ai_model *m = ai_default_model();
    int n = m ? ai_model_intents(m) : 0;

    for (int i = 0; i < n; i++)
        if (!strcmp(ai_model_intent(m, i), name))
            return true;
    return false;
}

struct find_intent {
    const char *name;
    bool found;
};

static void find_intent_cb(int64_t id, const char *name,
                           const char *description, void *arg)
{
    struct find_intent *f = arg;

    (void)id;
    (void)description;
    if (!strcmp(name, f->name))
        f->found = true;
}

/*
 * Whether intent is a default intent or one of the account's custom ones.
 * Returns AI_OK and sets *known, or AI_ERROR when storage failed.
 */
static enum ai_rc intent_known(struct db *db, int64_t account_id,
                               const char *intent, bool *known)
{
    struct find_intent f = {intent, false};
    enum ai_rc rc;

    *known = is_default_intent(intent);
    if (*known)
        return AI_OK;
    rc = ai_intent_list(db, account_id, find_intent_cb, &f);
    *known = f.found;
    return rc;
}

/* Check that intent names a known intent; replies 422 (or 500) when not. */
static bool check_intent(struct http_request *req, const char *intent)
{
    bool known;
    enum ai_rc rc = intent_known(http_db(req), http_principal(req)->account_id,
                                 intent, &known);

    if (rc != AI_OK) {
        reply_ai_error(req, rc, "intent");
        return false;
    }
    if (!known)
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'%s' is neither a default intent nor one of the "
                         "account's own",
                         intent);
    return known;
}

/* --- correcting a message's intent ------------------------------------ */

/*
 * Read the message to correct: it must be the account's, come from the
 * customer and carry text. Sets *text (owned by *msg, which the caller
 * frees). Replies and returns false otherwise.
 */
static bool load_message(struct http_request *req, int64_t id, json_t **msg,
                         const char **text)
{
    enum store_rc rc = message_get_json(
        http_db(req), http_principal(req)->account_id, id, msg);
    const char *dir;

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    dir = json_string_value(json_object_get(*msg, "direction"));
    *text = json_string_value(json_object_get(*msg, "text"));
    if (!dir || strcmp(dir, "in") != 0 || !*text || !(*text)[0]) {
        json_decref(*msg);
        *msg = NULL;
        http_reply_error(req, ERR_INVALID_FIELD,
                         "only a customer message with text has an intent");
        return false;
    }
    return true;
}

/* Set the message's own ai_intent column; confidence 1: a person said so. */
static enum store_rc set_message_intent(struct db *db, int64_t account_id,
                                        int64_t id, const char *intent)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "UPDATE messages SET ai_intent = $3, "
                                  "ai_confidence = 1 WHERE account_id = $1 "
                                  "AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, intent, -1);
    rc = db_step(st);
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* After the correction is stored: event, audit, commit, reply. */
static void finish_correction(struct http_request *req, int64_t id,
                              const char *intent)
{
    struct http_principal *p = http_principal(req);
    json_t *msg = NULL;
    enum store_rc rc = message_get_json(http_db(req), p->account_id, id, &msg);

    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (!api_emit(req, "message.updated", ROLE_AGENT, json_incref(msg))) {
        json_decref(msg);
        return;
    }
    api_audit(req, "message.intent_corrected", "message", id,
              json_pack("{ss}", "intent", intent));
    if (!api_commit(req)) {
        json_decref(msg);
        return;
    }
    log_info("ai_intent_corrected", "account=%lld message=%lld intent=%s",
             (long long)p->account_id, (long long)id, intent);
    http_reply_json(req, 200, msg);
}

static void api_ai_correct_intent(struct http_request *req)
{
    static const char *const fields[] = {"intent", NULL};
    struct http_principal *p = http_principal(req);
    const char *intent, *text;
    json_t *body, *msg = NULL;
    int64_t id;
    enum ai_rc arc;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, fields) ||
        !api_string(req, body, "intent", true, AI_API_NAME_MAX, &intent) ||
        !check_intent(req, intent) || !api_begin(req))
        return;
    if (!load_message(req, id, &msg, &text)) {
        db_rollback(http_db(req));
        return;
    }
    arc = ai_correct(http_db(req), p->account_id, id, text, intent, p->user_id);
    json_decref(msg); /* text was borrowed from it */
    if (arc != AI_OK) {
        rollback_ai(req, arc, "correction");
        return;
    }
    rc = set_message_intent(http_db(req), p->account_id, id, intent);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    finish_correction(req, id, intent);
}

/* --- the account's own intents ---------------------------------------- */

static void list_custom_cb(int64_t id, const char *name,
                           const char *description, void *arg)
{
    json_array_append_new(arg, json_pack("{sI ss ss sb}", "id", (json_int_t)id,
                                         "name", name, "description",
                                         description ? description : "",
                                         "custom", 1));
}

/* Every intent the account can use: the defaults (id null), then its own. */
static void api_ai_intents_list(struct http_request *req)
{
    const struct ai_model *m = ai_default_model();
    json_t *data = json_array();
    int n = m ? ai_model_intents(m) : 0;
    enum ai_rc rc;

    for (int i = 0; i < n; i++)
        json_array_append_new(data, json_pack("{sn ss ss sb}", "id", "name",
                                              ai_model_intent(m, i),
                                              "description", "", "custom", 0));
    rc = ai_intent_list(http_db(req), http_principal(req)->account_id,
                        list_custom_cb, data);
    if (rc != AI_OK) {
        json_decref(data);
        reply_ai_error(req, rc, "intent");
        return;
    }
    http_reply_json(req, 200,
                    json_pack("{so sn}", "data", data, "next_cursor"));
}

/* Read and check name and description of a new intent. */
static bool parse_intent(struct http_request *req, json_t *body,
                         const char **name, const char **description)
{
    static const char *const fields[] = {"name", "description", NULL};

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", true, AI_API_NAME_MAX, name) ||
        !api_string(req, body, "description", false, AI_API_DESC_MAX,
                    description))
        return false;
    if (is_default_intent(*name)) {
        http_reply_error(req, ERR_ALREADY_EXISTS, "'%s' is a default intent",
                         *name);
        return false;
    }
    return true;
}

static void api_ai_intents_create(struct http_request *req)
{
    const char *name, *description;
    json_t *body, *obj;
    int64_t id;
    enum ai_rc rc;

    if (!(body = http_json(req)) ||
        !parse_intent(req, body, &name, &description) || !api_begin(req))
        return;
    rc = ai_intent_add(http_db(req), http_principal(req)->account_id, name,
                       description, &id);
    if (rc == AI_INVALID) {
        db_rollback(http_db(req));
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'name' must be 1-64 characters of a-z, 0-9 and _");
        return;
    }
    if (rc != AI_OK) {
        rollback_ai(req, rc, "intent");
        return;
    }
    obj = json_pack("{sI ss ss sb}", "id", (json_int_t)id, "name", name,
                    "description", description ? description : "", "custom", 1);
    api_audit(req, "ai_intent.created", "ai_intent", id, NULL);
    if (api_commit(req))
        http_reply_json(req, 201, obj);
    else
        json_decref(obj);
}

static void api_ai_intents_delete(struct http_request *req)
{
    const char *name = http_param(req, "name");
    enum ai_rc rc;

    if (!api_begin(req))
        return;
    rc = ai_intent_delete(http_db(req), http_principal(req)->account_id, name);
    if (rc == AI_INVALID)
        rc = AI_NOT_FOUND; /* a name that cannot exist names nothing */
    if (rc != AI_OK) {
        rollback_ai(req, rc, "custom intent");
        return;
    }
    api_audit(req, "ai_intent.deleted", "ai_intent", 0,
              json_pack("{ss}", "name", name));
    if (api_commit(req))
        http_reply_empty(req, 204);
}

/* --- example phrases --------------------------------------------------- */

static json_t *example_json(int64_t id, const char *intent, const char *text,
                            const char *source, int64_t created_by,
                            int64_t created_at)
{
    json_t *o = json_pack("{sI ss ss ss sI}", "id", (json_int_t)id, "intent",
                          intent, "text", text, "source", source, "created_at",
                          (json_int_t)created_at);

    json_object_set_new(o, "created_by",
                        created_by > 0 ? json_integer(created_by)
                                       : json_null());
    return o;
}

static void list_example_cb(int64_t id, const char *intent, const char *text,
                            const char *source, int64_t created_by,
                            int64_t created_at, void *arg)
{
    json_array_append_new(
        arg, example_json(id, intent, text, source, created_by, created_at));
}

/* Examples of one intent (custom phrases and agents' corrections). */
static void api_ai_examples_list(struct http_request *req)
{
    const char *intent = http_param(req, "name");
    json_t *data;
    enum ai_rc rc;

    if (!check_intent(req, intent))
        return;
    data = json_array();
    rc = ai_example_list(http_db(req), http_principal(req)->account_id, intent,
                         list_example_cb, data);
    if (rc != AI_OK) {
        json_decref(data);
        reply_ai_error(req, rc, "example");
        return;
    }
    http_reply_json(req, 200,
                    json_pack("{so sn}", "data", data, "next_cursor"));
}

static void api_ai_examples_create(struct http_request *req)
{
    static const char *const fields[] = {"text", NULL};
    struct http_principal *p = http_principal(req);
    const char *intent = http_param(req, "name"), *text;
    json_t *body;
    int64_t id;
    enum ai_rc rc;

    if (!(body = http_json(req)) || !api_only_fields(req, body, fields) ||
        !api_string(req, body, "text", true, AI_API_TEXT_MAX, &text) ||
        !check_intent(req, intent) || !api_begin(req))
        return;
    rc = ai_example_add(http_db(req), p->account_id, intent, text, "custom",
                        p->user_id, &id);
    if (rc != AI_OK) {
        rollback_ai(req, rc, "example text");
        return;
    }
    api_audit(req, "ai_example.created", "ai_example", id, NULL);
    if (api_commit(req))
        http_reply_json(req, 201,
                        example_json(id, intent, text, "custom", p->user_id,
                                     clock_now_ms()));
}

static void api_ai_examples_delete(struct http_request *req)
{
    int64_t id;
    enum ai_rc rc;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    rc = ai_example_delete(http_db(req), http_principal(req)->account_id, id);
    if (rc != AI_OK) {
        rollback_ai(req, rc, "example");
        return;
    }
    api_audit(req, "ai_example.deleted", "ai_example", id, NULL);
    if (api_commit(req))
        http_reply_empty(req, 204);
}

static const struct http_route routes[] = {
    {"POST", "/api/v1/messages/{id}/intent", api_ai_correct_intent, ROLE_AGENT,
     0},
    {"GET", "/api/v1/ai/intents", api_ai_intents_list, ROLE_AGENT, 0},
    {"POST", "/api/v1/ai/intents", api_ai_intents_create, ROLE_SUPERVISOR, 0},
    {"DELETE", "/api/v1/ai/intents/{name}", api_ai_intents_delete,
     ROLE_SUPERVISOR, 0},
    {"GET", "/api/v1/ai/intents/{name}/examples", api_ai_examples_list,
     ROLE_SUPERVISOR, 0},
    {"POST", "/api/v1/ai/intents/{name}/examples", api_ai_examples_create,
     ROLE_SUPERVISOR, 0},
    {"DELETE", "/api/v1/ai/examples/{id}", api_ai_examples_delete,
     ROLE_SUPERVISOR, 0},
};

const struct http_route *api_ai_routes(size_t *count)
{
    *count = sizeof routes / sizeof routes[0];
    return routes;
}

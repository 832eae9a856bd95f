/*
 * The people of an account:
 *   GET /api/v1/users, POST /api/v1/users (administrators),
 *   GET /api/v1/users/{id}, PATCH /api/v1/users/{id} (administrators),
 *   DELETE /api/v1/users/{id} (administrators; disables the user).
 *
 * A disabled user keeps their history but can no longer sign in; their
 * sessions end and their API tokens are revoked at once. The last enabled
 * administrator of an account cannot be demoted or disabled.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/auth.h"
#include "core/events.h"
#include "core/user.h"

json_t *api_user_json(const struct user *u)
{
    return json_pack("{sI sI ss ss ss ss ss sb sI sI}", "id", (json_int_t)u->id,
                     "account_id", (json_int_t)u->account_id, "email", u->email,
                     "name", u->name, "role", role_name(u->role), "locale",
                     u->locale, "timezone", u->timezone, "disabled",
                     u->disabled, "created_at", (json_int_t)u->created_at,
                     "updated_at", (json_int_t)u->updated_at);
}

void api_users_list(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    struct user *users;
    size_t n;
    int limit;
    int64_t after;
    json_t *data;

    if (!api_page(req, &limit, &after))
        return;
    enum store_rc rc =
        user_list(http_db(req), p->account_id, after, limit, &users, &n);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    data = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(data, api_user_json(&users[i]));
    api_reply_page(req, data, n, limit, n ? users[n - 1].id : 0);
    user_list_free(users, n);
}

/* Parse and check the body of a create; replies and returns false when it
 * is not acceptable. email_out receives the normalised address. */
static bool parse_new_user(struct http_request *req, json_t *body,
                           struct user_input *in, char *email_out,
                           size_t email_cap)
{
    static const char *const fields[] = {"email", "name", "role", "password",
                                         NULL};
    const char *email, *role, *problem;

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "email", true, 254, &email) ||
        !api_string(req, body, "name", true, USER_NAME_MAX, &in->name) ||
        !api_string(req, body, "role", true, 20, &role) ||
        !api_string(req, body, "password", false, USER_PASSWORD_MAX,
                    &in->password))
        return false;
    if (user_email_normalize(email, email_out, email_cap) != 0) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "email is not a valid e-mail address");
        return false;
    }
    in->email = email_out;
    if (!(in->role = role_parse(role))) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "role must be administrator, supervisor or agent");
        return false;
    }
    if (!in->name[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return false;
    }
    if (in->password && (problem = user_password_problem(in->password))) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s", problem);
        return false;
    }
    return true;
}

static void reply_user(struct http_request *req, int status, int64_t id)
{
    struct user u;
    enum store_rc rc =
        user_get(http_db(req), http_principal(req)->account_id, id, &u);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, status, api_user_json(&u));
    user_clear(&u);
}

void api_users_create(struct http_request *req)
{
    json_t *body = http_json(req);
    struct user_input in = {.account_id = http_principal(req)->account_id};
    char email[256];
    struct user u;
    int64_t id;

    if (!body || !parse_new_user(req, body, &in, email, sizeof email) ||
        !api_begin(req))
        return;
    enum store_rc rc = user_create(http_db(req), &in, &id);
    if (!rc)
        rc = user_get(http_db(req), in.account_id, id, &u);
    if (rc) {
        api_rollback(req, rc, "a user with that e-mail address exists");
        return;
    }
    json_t *j = api_user_json(&u);
    user_clear(&u);
    if (!api_emit(req, "user.created", ROLE_AGENT, json_incref(j))) {
        json_decref(j);
        return;
    }
    api_audit(
        req, "user.created", "user", id,
        json_pack("{ss ss}", "email", in.email, "role", role_name(in.role)));
    if (api_commit(req))
        http_reply_json(req, 201, j);
    else
        json_decref(j);
}

void api_users_get(struct http_request *req)
{
    int64_t id;

    if (http_param_id(req, "id", &id))
        reply_user(req, 200, id);
}

/* A change to a user, applied in one transaction. */
struct user_change {
    int64_t account_id;
    int64_t id;
    struct user_patch patch;
    bool last_admin; /* set when the change was refused for that */
};

static enum store_rc apply_user_change(struct db *db, void *arg)
{
    struct user_change *c = arg;
    struct user before;
    int64_t admins;
    enum store_rc rc = user_get(db, c->account_id, c->id, &before);

    if (rc)
        return rc;
    bool demotes = before.role == ROLE_ADMINISTRATOR && !before.disabled &&
                   ((c->patch.role && c->patch.role != ROLE_ADMINISTRATOR) ||
                    c->patch.disabled == 1);
    user_clear(&before);
    if (demotes) {
        if ((rc = user_count_admins(db, c->account_id, &admins)))
            return rc;
        if (admins <= 1) {
            c->last_admin = true;
            return STORE_CONSTRAINT;
        }
    }
    if ((rc = user_update(db, c->account_id, c->id, &c->patch)) ||
        (rc = user_get(db, c->account_id, c->id, &before)))
        return rc;
    rc = events_emit(db, c->account_id, "user.updated", 0, ROLE_AGENT,
                     api_user_json(&before), NULL);
    user_clear(&before);
    if (rc)
        return rc;
    if (c->patch.disabled == 1 &&
        ((rc = auth_sessions_end_for_user(db, c->account_id, c->id, 0)) ||
         (rc = auth_tokens_revoke_for_user(db, c->account_id, c->id))))
        return rc;
    return STORE_OK;
}

/* Run a change and reply with the user, or with why not. */
static void change_user(struct http_request *req, struct user_change *c,
                        int status_on_success)
{
    enum store_rc rc = store_tx(http_db(req), apply_user_change, c);

    if (c->last_admin) {
        http_reply_error(req, ERR_CONFLICT,
                         "an account needs at least one enabled "
                         "administrator");
        return;
    }
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_audit(req, c->patch.disabled == 1 ? "user.disabled" : "user.updated",
              "user", c->id,
              json_pack("{s:s?}", "role",
                        c->patch.role ? role_name(c->patch.role) : NULL));
    if (status_on_success == 204)
        http_reply_empty(req, 204);
    else
        reply_user(req, 200, c->id);
}

void api_users_update(struct http_request *req)
{
    static const char *const fields[] = {"name", "role", "disabled", NULL};
    struct user_change c = {.account_id = http_principal(req)->account_id};
    json_t *body;
    const char *role;

    if (!http_param_id(req, "id", &c.id) || !(body = http_json(req)) ||
        !api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", false, USER_NAME_MAX, &c.patch.name) ||
        !api_string(req, body, "role", false, 20, &role) ||
        !api_bool(req, body, "disabled", &c.patch.disabled))
        return;
    if (role && !(c.patch.role = role_parse(role))) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "role must be administrator, supervisor or agent");
        return;
    }
    if (c.patch.name && !c.patch.name[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return;
    }
    change_user(req, &c, 200);
}

void api_users_delete(struct http_request *req)
{
    struct user_change c = {.account_id = http_principal(req)->account_id,
                            .patch = {.disabled = 1}};

    if (http_param_id(req, "id", &c.id))
        change_user(req, &c, 204);
}

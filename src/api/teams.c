/*
 * Teams and their members:
 *   GET /api/v1/teams, POST /api/v1/teams (administrators),
 *   GET|PATCH|DELETE /api/v1/teams/{id} (changes: administrators),
 *   GET /api/v1/teams/{id}/members,
 *   PUT|DELETE /api/v1/teams/{id}/members/{user_id} (supervisors).
 */
#include <stdlib.h>

#include "api/api.h"
#include "core/team.h"
#include "core/user.h"

static json_t *team_json(const struct team *t)
{
    return json_pack("{sI ss ss sI sI}", "id", (json_int_t)t->id, "name",
                     t->name, "description", t->description, "member_count",
                     (json_int_t)t->member_count, "created_at",
                     (json_int_t)t->created_at);
}

static void reply_team(struct http_request *req, int status, int64_t id)
{
    struct team t;
    enum store_rc rc =
        team_get(http_db(req), http_principal(req)->account_id, id, &t);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    http_reply_json(req, status, team_json(&t));
    team_clear(&t);
}

/*
 * The end of every change to a team, inside the transaction the handler
 * began: publish `type` with the team as it now is, audit, commit, reply
 * with the team (status 200/201) or with nothing (204).
 */
static void finish_change(struct http_request *req, int64_t id,
                          const char *type, int status, json_t *detail)
{
    struct team t;
    json_t *j;
    enum store_rc rc =
        team_get(http_db(req), http_principal(req)->account_id, id, &t);

    if (rc) {
        json_decref(detail);
        api_rollback(req, rc, NULL);
        return;
    }
    j = team_json(&t);
    team_clear(&t);
    if (!api_emit(req, type, ROLE_AGENT, json_incref(j))) {
        json_decref(detail);
        json_decref(j);
        return;
    }
    api_audit(req, type, "team", id, detail);
    if (!api_commit(req)) {
        json_decref(j);
        return;
    }
    if (status == 204) {
        json_decref(j);
        http_reply_empty(req, 204);
    } else {
        http_reply_json(req, status, j);
    }
}

void api_teams_list(struct http_request *req)
{
    struct team *teams;
    size_t n;
    int limit;
    int64_t after;
    json_t *data;

    if (!api_page(req, &limit, &after))
        return;
    enum store_rc rc = team_list(http_db(req), http_principal(req)->account_id,
                                 after, limit, &teams, &n);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    data = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(data, team_json(&teams[i]));
    api_reply_page(req, data, n, limit, n ? teams[n - 1].id : 0);
    team_list_free(teams, n);
}

/* Read name and description; name required when creating. */
static bool parse_team(struct http_request *req, json_t *body, bool creating,
                       const char **name, const char **description)
{
    static const char *const fields[] = {"name", "description", NULL};

    if (!api_only_fields(req, body, fields) ||
        !api_string(req, body, "name", creating, TEAM_NAME_MAX, name) ||
        !api_string(req, body, "description", false, 1000, description))
        return false;
    if (*name && !(*name)[0]) {
        http_reply_error(req, ERR_INVALID_FIELD, "name must not be empty");
        return false;
    }
    return true;
}

void api_teams_create(struct http_request *req)
{
    json_t *body = http_json(req);
    const char *name, *description;
    int64_t id;

    if (!body || !parse_team(req, body, true, &name, &description) ||
        !api_begin(req))
        return;
    enum store_rc rc = team_create(
        http_db(req), http_principal(req)->account_id, name, description, &id);
    if (rc) {
        api_rollback(req, rc, "a team with that name exists");
        return;
    }
    finish_change(req, id, "team.created", 201, NULL);
}

void api_teams_get(struct http_request *req)
{
    int64_t id;

    if (http_param_id(req, "id", &id))
        reply_team(req, 200, id);
}

void api_teams_update(struct http_request *req)
{
    json_t *body;
    const char *name, *description;
    int64_t id;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)) ||
        !parse_team(req, body, false, &name, &description) || !api_begin(req))
        return;
    enum store_rc rc = team_update(
        http_db(req), http_principal(req)->account_id, id, name, description);
    if (rc) {
        api_rollback(req, rc, "a team with that name exists");
        return;
    }
    finish_change(req, id, "team.updated", 200, NULL);
}

void api_teams_delete(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    enum store_rc rc =
        team_delete(http_db(req), http_principal(req)->account_id, id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (!api_emit(req, "team.deleted", ROLE_AGENT,
                  json_pack("{sI}", "id", (json_int_t)id)))
        return;
    api_audit(req, "team.deleted", "team", id, NULL);
    if (api_commit(req))
        http_reply_empty(req, 204);
}

void api_team_members_list(struct http_request *req)
{
    int64_t account = http_principal(req)->account_id, id, *ids;
    struct team t;
    size_t n;
    json_t *data;

    if (!http_param_id(req, "id", &id))
        return;
    /* An unknown team is a 404, not an empty list. */
    enum store_rc rc = team_get(http_db(req), account, id, &t);
    if (rc == STORE_OK) {
        team_clear(&t);
        rc = team_member_ids(http_db(req), account, id, &ids, &n);
    }
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    data = json_array();
    for (size_t i = 0; i < n; i++) {
        struct user u;
        if (user_get(http_db(req), account, ids[i], &u) == STORE_OK) {
            json_array_append_new(data, api_user_json(&u));
            user_clear(&u);
        }
    }
    free(ids);
    http_reply_json(req, 200,
                    json_pack("{so sn}", "data", data, "next_cursor"));
}

void api_team_members_add(struct http_request *req)
{
    int64_t id, user_id;

    if (!http_param_id(req, "id", &id) ||
        !http_param_id(req, "user_id", &user_id) || !api_begin(req))
        return;
    enum store_rc rc = team_add_member(
        http_db(req), http_principal(req)->account_id, id, user_id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    finish_change(req, id, "team.member_added", 204,
                  json_pack("{sI}", "user_id", (json_int_t)user_id));
}

void api_team_members_remove(struct http_request *req)
{
    int64_t id, user_id;

    if (!http_param_id(req, "id", &id) ||
        !http_param_id(req, "user_id", &user_id) || !api_begin(req))
        return;
    enum store_rc rc = team_remove_member(
        http_db(req), http_principal(req)->account_id, id, user_id);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    finish_change(req, id, "team.member_removed", 204,
                  json_pack("{sI}", "user_id", (json_int_t)user_id));
}

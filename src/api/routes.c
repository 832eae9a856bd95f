/*
 * The route table: every endpoint of the server, the least role it needs
 * and its flags, in one place.
 */
#include "api/api.h"

#define ANY        ROLE_NONE
#define AGENT      ROLE_AGENT
#define SUPERVISOR ROLE_SUPERVISOR
#define ADMIN      ROLE_ADMINISTRATOR

static const struct http_route routes[] = {
    {"GET", "/healthz", api_healthz, ANY, HTTP_NO_LOG},
    {"GET", "/readyz", api_readyz, ANY, HTTP_NO_LOG},
    {"GET", "/metrics", api_metrics, ANY, HTTP_NO_LOG},

    {"POST", "/api/v1/auth/login", api_login, ANY, 0},
    {"POST", "/api/v1/auth/logout", api_logout, AGENT, 0},
    {"GET", "/api/v1/me", api_me_get, AGENT, 0},
    {"PATCH", "/api/v1/me", api_me_update, AGENT, 0},

    {"GET", "/api/v1/users", api_users_list, AGENT, 0},
    {"POST", "/api/v1/users", api_users_create, ADMIN, 0},
    {"GET", "/api/v1/users/{id}", api_users_get, AGENT, 0},
    {"PATCH", "/api/v1/users/{id}", api_users_update, ADMIN, 0},
    {"DELETE", "/api/v1/users/{id}", api_users_delete, ADMIN, 0},

    {"GET", "/api/v1/teams", api_teams_list, AGENT, 0},
    {"POST", "/api/v1/teams", api_teams_create, ADMIN, 0},
    {"GET", "/api/v1/teams/{id}", api_teams_get, AGENT, 0},
    {"PATCH", "/api/v1/teams/{id}", api_teams_update, ADMIN, 0},
    {"DELETE", "/api/v1/teams/{id}", api_teams_delete, ADMIN, 0},
    {"GET", "/api/v1/teams/{id}/members", api_team_members_list, AGENT, 0},
    {"PUT", "/api/v1/teams/{id}/members/{user_id}", api_team_members_add,
     SUPERVISOR, 0},
    {"DELETE", "/api/v1/teams/{id}/members/{user_id}", api_team_members_remove,
     SUPERVISOR, 0},

    {"GET", "/api/v1/tokens", api_tokens_list, ADMIN, 0},
    {"POST", "/api/v1/tokens", api_tokens_create, ADMIN, 0},
    {"DELETE", "/api/v1/tokens/{id}", api_tokens_revoke, ADMIN, 0},

    {"GET", "/api/v1/inboxes", api_inboxes_list, AGENT, 0},
    {"POST", "/api/v1/inboxes", api_inboxes_create, ADMIN, 0},
    {"GET", "/api/v1/inboxes/{id}", api_inboxes_get, AGENT, 0},
    {"PATCH", "/api/v1/inboxes/{id}", api_inboxes_update, ADMIN, 0},
    {"DELETE", "/api/v1/inboxes/{id}", api_inboxes_delete, ADMIN, 0},

    {"GET", "/api/v1/events", api_events_stream, AGENT, 0},
    {"GET", "/api/v1/audit", api_audit_list, ADMIN, 0},
};

const struct http_route *api_routes(size_t *count)
{
    *count = sizeof routes / sizeof routes[0];
    return routes;
}

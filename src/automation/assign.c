/*
 * Routing with storage: find the assignment policy, gather the candidate
 * agents (presence from sessions, skills, open load), pick one with
 * routing.c, or queue the conversation and tell the customer their place
 * and expected wait. Also the sweep that keeps the queue moving.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation/internal.h"
#include "automation/routing.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/conv_actions.h"
#include "core/sql.h"

struct policy {
    int64_t id; /* 0: the built-in default */
    enum route_mode mode;
    int capacity;
    json_t *skills; /* array of names, owned */
    int64_t last_user_id;
};

/* The policy of team_id, else of the inbox, else least-loaded with the
 * default capacity and no skills. */
static enum store_rc load_policy(struct auto_ctx *ctx, int64_t team_id,
                                 struct policy *p)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "SELECT id, mode, capacity, skills, last_user_id FROM "
        "assignment_policies WHERE account_id = $1 AND (team_id = $2 OR "
        "(team_id IS NULL AND inbox_id = $3)) ORDER BY team_id IS NULL, id "
        "LIMIT 1",
        &st);

    memset(p, 0, sizeof *p);
    p->mode = ROUTE_LEAST_LOADED;
    p->capacity = AUTO_DEFAULT_CAPACITY;
    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int64(st, 3, ctx->conv.inbox_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        p->id = db_col_int64(st, 0);
        route_mode_parse(db_col_text(st, 1), &p->mode);
        p->capacity = (int)db_col_int64(st, 2);
        p->skills = json_loads(db_col_text(st, 3), 0, NULL);
        p->last_user_id = db_col_int64(st, 4);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_OK;
    }
    db_done(st);
    return rc;
}

/* How many of the policy's skills the user lacks. */
static enum store_rc missing_skills(struct auto_ctx *ctx, int64_t user,
                                    const json_t *skills, int *missing)
{
    *missing = 0;
    for (size_t i = 0; i < json_array_size(skills); i++) {
        struct db_stmt *st;
        int64_t one;
        enum store_rc rc = db_prepare(ctx->db,
                                      "SELECT 1 FROM agent_skills WHERE "
                                      "user_id = $1 AND skill = $2",
                                      &st);
        if (rc)
            return rc;
        db_bind_int64(st, 1, user);
        db_bind_text(st, 2, json_string_value(json_array_get(skills, i)), -1);
        rc = sql_int64(st, &one);
        if (rc == STORE_NOT_FOUND)
            (*missing)++;
        else if (rc)
            return rc;
    }
    return STORE_OK;
}

/*
 * The candidates: the team's members (or, without a team, every enabled
 * user of the account), with presence and open load.
 */
static enum store_rc load_agents(struct auto_ctx *ctx, int64_t team_id,
                                 const struct policy *p,
                                 struct route_agent **out, size_t *n)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        "SELECT u.id, "
        " (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id AND "
        "  s.last_seen_at > $3 AND s.expires_at > $4), "
        " (SELECT COUNT(*) FROM conversations c WHERE c.account_id = $1 AND "
        "  c.assignee_id = u.id AND c.status IN ('open', 'pending')) "
        "FROM users u WHERE u.account_id = $1 AND u.disabled = 0 AND "
        "(CAST($2 AS BIGINT) = 0 OR u.id IN (SELECT user_id FROM "
        "team_members WHERE team_id = $2)) ORDER BY u.id",
        &st);

    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->account_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int64(st, 3, ctx->now - AUTO_PRESENCE_MS);
    db_bind_int64(st, 4, ctx->now);
    while ((rc = db_step(st)) == STORE_ROW) {
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[*n] = (struct route_agent){
            .user_id = db_col_int64(st, 0),
            .online = db_col_int64(st, 1) > 0,
            .qualified = true,
            .open_count = (int)db_col_int64(st, 2),
        };
        (*n)++;
    }
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    for (size_t i = 0; i < *n; i++) {
        int missing;
        if ((rc = missing_skills(ctx, (*out)[i].user_id, p->skills, &missing)))
            return rc;
        (*out)[i].qualified = missing == 0;
    }
    return STORE_OK;
}

static enum store_rc set_queued(struct auto_ctx *ctx, int64_t team_id,
                                bool queued)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        ctx->db,
        queued ? "UPDATE automation_conversations SET queued_at = "
                 "COALESCE(queued_at, $2), queue_team_id = $3 WHERE "
                 "conversation_id = $1"
               : "UPDATE automation_conversations SET queued_at = NULL, "
                 "told_wait_ms = NULL, assigned_at = $2, queue_team_id = $3 "
                 "WHERE conversation_id = $1",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_int64(st, 2, ctx->now);
    db_bind_int64(st, 3, team_id);
    return sql_run(st);
}

static enum store_rc remember_turn(struct auto_ctx *ctx, int64_t policy_id,
                                   int64_t user)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (policy_id == 0)
        return STORE_OK;
    rc = db_prepare(ctx->db,
                    "UPDATE assignment_policies SET last_user_id = $2 "
                    "WHERE id = $1",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, policy_id);
    db_bind_int64(st, 2, user);
    return sql_run(st);
}

/* Served in the last hour (taken and answered) and agents online, for
 * the expected wait. */
static enum store_rc service_rate(struct db *db, int64_t account_id,
                                  int64_t team_id, int64_t now, int *served,
                                  int *online)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT (SELECT COUNT(*) FROM conversations c WHERE c.account_id = $1 "
        " AND c.assignee_id IS NOT NULL AND c.first_reply_at > $3 AND "
        " (CAST($2 AS BIGINT) = 0 OR c.team_id = $2)), "
        "(SELECT COUNT(DISTINCT s.user_id) FROM sessions s JOIN users u ON "
        " u.id = s.user_id WHERE u.account_id = $1 AND s.last_seen_at > $4 "
        " AND (CAST($2 AS BIGINT) = 0 OR u.id IN (SELECT user_id FROM "
        " team_members WHERE team_id = $2)))",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, team_id);
    db_bind_int64(st, 3, now - 3600000);
    db_bind_int64(st, 4, now - AUTO_PRESENCE_MS);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *served = (int)db_col_int64(st, 0);
        *online = (int)db_col_int64(st, 1);
        rc = STORE_OK;
    }
    db_done(st);
    return rc == STORE_DONE ? STORE_ERROR : rc;
}

enum store_rc auto_queue_place(struct db *db, int64_t account_id,
                               int64_t conversation_id, int *position,
                               int64_t *wait_ms)
{
    struct db_stmt *st;
    int64_t team = 0, pos = 0;
    int served = 0, online = 0;
    enum store_rc rc = db_prepare(
        db,
        "SELECT a.queue_team_id, (SELECT COUNT(*) FROM "
        " automation_conversations b JOIN conversations cb ON cb.id = "
        " b.conversation_id WHERE b.account_id = $1 AND b.queued_at IS NOT "
        " NULL AND b.queue_team_id = a.queue_team_id AND (cb.priority > "
        " c.priority OR (cb.priority = c.priority AND (b.queued_at < "
        " a.queued_at OR (b.queued_at = a.queued_at AND cb.id <= c.id))))) "
        "FROM automation_conversations a JOIN conversations c ON c.id = "
        "a.conversation_id WHERE a.account_id = $1 AND a.conversation_id = $2 "
        "AND a.queued_at IS NOT NULL",
        &st);

    *position = 0;
    *wait_ms = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, conversation_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        team = db_col_int64(st, 0);
        pos = db_col_int64(st, 1);
    }
    db_done(st);
    if (rc == STORE_DONE || pos == 0)
        return rc == STORE_DONE ? STORE_OK : rc;
    if (rc != STORE_ROW)
        return rc;
    *position = (int)pos;
    if ((rc = service_rate(db, account_id, team, clock_now_ms(), &served,
                           &online)))
        return rc;
    *wait_ms = route_expected_wait_ms(*position, served, online,
                                      AUTO_DEFAULT_HANDLING_MS);
    return STORE_OK;
}

/* Tell a queued customer their place and wait, when it changed enough
 * since they were last told (in Korean when they write Korean). */
static enum store_rc tell_place(struct auto_ctx *ctx)
{
    int position;
    int64_t wait, told = -1;
    struct db_stmt *st;
    enum store_rc rc = auto_queue_place(ctx->db, ctx->account_id, ctx->conv.id,
                                        &position, &wait);

    if (rc || position == 0)
        return rc;
    if ((rc = db_prepare(ctx->db,
                         "SELECT COALESCE(told_wait_ms, -1) FROM "
                         "automation_conversations WHERE conversation_id = $1",
                         &st)))
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    if ((rc = sql_int64(st, &told)) && rc != STORE_NOT_FOUND)
        return rc;
    if (!route_wait_changed(told, wait < 0 ? 0 : wait, 25))
        return STORE_OK;

    char text[300];
    long minutes = wait < 0 ? 0 : (long)((wait + 59999) / 60000);
    bool ko = ctx->facts.language && !strcmp(ctx->facts.language, "ko");
    if (ko)
        snprintf(text, sizeof text,
                 "모든 상담원이 상담 중입니다. 대기 순서는 %d번째이며, 예상 "
                 "대기 시간은 약 %ld분입니다.",
                 position, minutes);
    else
        snprintf(text, sizeof text,
                 "All our agents are busy. You are number %d in the queue; "
                 "the expected wait is about %ld minute%s.",
                 position, minutes, minutes == 1 ? "" : "s");
    bool sent;
    json_t *m = json_pack("{ss s{ss}}", "type", "text", "text", "body", text);
    if ((rc = auto_queue_message(ctx, 0, "queue", m, &sent)))
        return rc;
    if ((rc = db_prepare(ctx->db,
                         "UPDATE automation_conversations SET told_wait_ms = "
                         "$2 WHERE conversation_id = $1",
                         &st)))
        return rc;
    db_bind_int64(st, 1, ctx->conv.id);
    db_bind_int64(st, 2, wait < 0 ? 0 : wait);
    return sql_run(st);
}

enum store_rc auto_route(struct auto_ctx *ctx, int64_t team_id,
                         int64_t exclude_user, int64_t *assigned)
{
    struct policy p;
    struct route_agent *agents = NULL;
    size_t n = 0;
    enum store_rc rc;

    *assigned = 0;
    if (team_id == 0)
        team_id = ctx->conv.team_id;
    if ((rc = load_policy(ctx, team_id, &p)) ||
        (rc = load_agents(ctx, team_id, &p, &agents, &n)))
        goto out;
    for (size_t i = 0; i < n; i++)
        if (agents[i].user_id == exclude_user)
            agents[i].qualified = false;
    *assigned = route_pick(p.mode, agents, n, p.capacity, p.last_user_id);
    if (*assigned == 0) {
        if ((rc = set_queued(ctx, team_id, true)) == STORE_OK)
            rc = tell_place(ctx);
        goto out;
    }
    struct conv_change ch = {
        .priority = -1, .set_assignee = true, .assignee_id = *assigned};
    struct conv_actor who = {.account_id = ctx->account_id};
    bool changed;
    const char *why;
    if ((rc = conv_apply(ctx->db, &who, ctx->conv.id, &ch, &changed, &why)) ||
        (rc = conversation_get(ctx->db, ctx->account_id, ctx->conv.id,
                               &ctx->conv)) ||
        (rc = remember_turn(ctx, p.id, *assigned)))
        goto out;
    rc = set_queued(ctx, team_id, false);
    log_info("automation_assigned", "conv=%lld user=%lld mode=%s",
             (long long)ctx->conv.id, (long long)*assigned,
             route_mode_name(p.mode));
out:
    json_decref(p.skills);
    free(agents);
    return rc;
}

/* --- the sweep ------------------------------------------------------------ */

/* Conversation ids (with their accounts) a query selects, at most 200. */
static enum store_rc select_ids(struct db *db, const char *sql, int64_t now,
                                int64_t (*ids)[2], size_t *n)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, sql, &st);

    *n = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, now);
    while (*n < 200 && (rc = db_step(st)) == STORE_ROW) {
        ids[*n][0] = db_col_int64(st, 0);
        ids[*n][1] = db_col_int64(st, 1);
        (*n)++;
    }
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

struct sweep_one {
    int64_t account_id, conversation_id;
    int what; /* 0 hand out from the queue, 1 agent offline or silent */
};

static enum store_rc sweep_tx(struct db *db, void *arg)
{
    struct sweep_one *s = arg;
    struct auto_ctx ctx;
    int64_t assigned, exclude;
    enum store_rc rc =
        auto_ctx_load(db, s->account_id, s->conversation_id, 0, "queue", &ctx);

    if (rc)
        return rc == STORE_NOT_FOUND ? STORE_OK : rc;
    exclude = s->what ? ctx.conv.assignee_id : 0;
    if (s->what && ctx.conv.assignee_id) {
        struct conv_change ch = {.priority = -1, .set_assignee = true};
        struct conv_actor who = {.account_id = s->account_id};
        bool changed;
        const char *why;
        if ((rc = conv_apply(db, &who, ctx.conv.id, &ch, &changed, &why)) ||
            (rc =
                 conversation_get(db, s->account_id, ctx.conv.id, &ctx.conv)) ||
            (rc = auto_activity(
                 &ctx, 0, "routing", "returned_to_queue",
                 json_pack("{sI}", "from_user", (json_int_t)exclude))))
            goto out;
    }
    if ((rc = auto_route(&ctx, 0, exclude, &assigned)) == STORE_OK)
        rc = auto_mark_seen(&ctx);
out:
    auto_ctx_free(&ctx);
    return rc;
}

/* Queued conversations, highest priority and longest waiting first. */
static const char queued_sql[] =
    "SELECT a.account_id, a.conversation_id FROM automation_conversations a "
    "JOIN conversations c ON c.id = a.conversation_id WHERE a.queued_at IS "
    "NOT NULL AND a.queued_at <= $1 AND c.status IN ('open', 'pending') "
    "ORDER BY c.priority DESC, a.queued_at, c.id";

/*
 * Conversations routing assigned whose agent went offline, or who has
 * not replied within the policy's reassign time.
 */
static const char stranded_sql[] =
    "SELECT a.account_id, a.conversation_id FROM automation_conversations a "
    "JOIN conversations c ON c.id = a.conversation_id WHERE a.assigned_at IS "
    "NOT NULL AND c.assignee_id IS NOT NULL AND c.status IN ('open', "
    "'pending') AND (NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = "
    "c.assignee_id AND s.last_seen_at > CAST($1 AS BIGINT) - 300000 AND "
    "s.expires_at > CAST($1 AS BIGINT)) "
    "OR EXISTS (SELECT 1 FROM assignment_policies p WHERE p.account_id = "
    "a.account_id AND p.reassign_after_min > 0 AND (p.team_id = "
    "a.queue_team_id OR (p.team_id IS NULL AND p.inbox_id = c.inbox_id)) "
    "AND a.assigned_at < CAST($1 AS BIGINT) - p.reassign_after_min * 60000 AND "
    "(c.last_agent_reply_at IS NULL OR c.last_agent_reply_at < "
    "a.assigned_at)))";

static enum store_rc sweep_list(struct db *db, const char *sql, int what,
                                int64_t now)
{
    int64_t(*ids)[2] = xcalloc(200, sizeof *ids);
    size_t n;
    enum store_rc rc = select_ids(db, sql, now, ids, &n);

    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        struct sweep_one s = {ids[i][0], ids[i][1], what};
        rc = store_tx(db, sweep_tx, &s);
    }
    free(ids);
    return rc;
}

enum store_rc auto_sweep(struct db *db, int64_t now)
{
    enum store_rc rc = sweep_list(db, stranded_sql, 1, now);

    if (rc == STORE_OK)
        rc = sweep_list(db, queued_sql, 0, now);
    return rc;
}

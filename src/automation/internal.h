/*
 * What the automation runtime's files share: the context of one
 * evaluation (the conversation, message and contact it is about, loaded
 * once) and the calls between facts loading, action execution and
 * routing. Not for use outside src/automation/.
 */
#ifndef PARLEY_AUTOMATION_INTERNAL_H
#define PARLEY_AUTOMATION_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "automation/engine.h"
#include "core/conversation.h"
#include "store/store.h"

/* Presence: an agent is online when one of their sessions was seen this
 * recently (sessions.last_seen_at is refreshed by each request). */
#define AUTO_PRESENCE_MS (5 * 60000LL)
/* Handling time assumed per conversation before any was served. */
#define AUTO_DEFAULT_HANDLING_MS (10 * 60000LL)
#define AUTO_DEFAULT_CAPACITY    10

struct auto_ctx {
    struct db *db;
    int64_t account_id;
    int64_t now;
    struct conversation conv;
    json_t *message; /* the message's API JSON, or NULL */
    json_t *contact; /* {"name","phone","attributes"} */
    json_t *labels;  /* array of label names */
    char flow_step[64];
    bool window_open;
    struct auto_facts facts; /* borrows from the members above */
};

/* Load everything about conversation id (and message_id, 0 for none)
 * into ctx and fill ctx->facts for event. Free with auto_ctx_free(). */
enum store_rc auto_ctx_load(struct db *db, int64_t account_id,
                            int64_t conversation_id, int64_t message_id,
                            const char *event, struct auto_ctx *ctx);
void auto_ctx_free(struct auto_ctx *ctx);

/* Carry out a plan in the caller's transaction. */
enum store_rc auto_exec_plan(struct auto_ctx *ctx,
                             const struct auto_plan *plan);

/* Evaluate the account's rules for ctx->facts and carry out the plan. */
enum store_rc auto_run_rules(struct auto_ctx *ctx);

/*
 * Queue an outbound message (Cloud API shape in content, e.g.
 * {"type":"text","text":{"body":...}}) from rule_id (0: automation
 * itself) on ctx's conversation, status queued, due now; emits
 * message.created. Free-form messages need an open window: otherwise an
 * activity line says why nothing was sent and *sent is false.
 */
enum store_rc auto_queue_message(struct auto_ctx *ctx, int64_t rule_id,
                                 const char *rule_name, json_t *content,
                                 bool *sent);

/* Add an activity line {action:"automation", rule, rule_id, did, ...
 * detail} to the conversation. Takes detail (may be NULL). */
enum store_rc auto_activity(struct auto_ctx *ctx, int64_t rule_id,
                            const char *rule_name, const char *did,
                            json_t *detail);

/*
 * Route ctx's conversation to an agent by the assignment policy of
 * team_id (0: the conversation's team, else its inbox's policy), never to
 * exclude_user. Assigns when someone can take it, else puts it in the
 * queue and tells the customer their place and expected wait. Sets
 * *assigned to the agent (0 when queued).
 */
enum store_rc auto_route(struct auto_ctx *ctx, int64_t team_id,
                         int64_t exclude_user, int64_t *assigned);

/* Record the conversation's current status, assignee and priority as
 * seen, so that automation's own changes trigger no rules. */
enum store_rc auto_mark_seen(struct auto_ctx *ctx);

/* Schedule (or move) the SLA job of the conversation to run at `at`. */
enum store_rc auto_sla_schedule(struct db *db, int64_t account_id,
                                int64_t conversation_id, int64_t at);

/* Queue position (1-based) and expected wait of a queued conversation;
 * *position 0 when it is not queued. */
enum store_rc auto_queue_place(struct db *db, int64_t account_id,
                               int64_t conversation_id, int *position,
                               int64_t *wait_ms);

/* The recurring sweep: offline agents' conversations back to the queue,
 * the reassign timeout, the queue handed out, idle conversations
 * resolved. */
enum store_rc auto_sweep(struct db *db, int64_t now);

#endif

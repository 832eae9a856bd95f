/*
 * Conversations: one thread between a contact and an inbox, from the first
 * message until it is resolved. A new customer message goes to the
 * contact's unresolved conversation in that inbox, or opens a new one.
 *
 * Status is open, pending, snoozed or resolved; priority 0 (none) to 4
 * (urgent). waiting_since is when the customer started waiting for a
 * reply (NULL when the last word was ours).
 */
#ifndef PARLEY_CORE_CONVERSATION_H
#define PARLEY_CORE_CONVERSATION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define CONV_PRIORITY_MAX 4

struct conversation {
    int64_t id;
    int64_t account_id;
    int64_t inbox_id;
    int64_t contact_id;
    char status[12];
    int priority;
    int64_t assignee_id; /* 0: unassigned */
    int64_t team_id;     /* 0: none */
    int64_t snoozed_until;
    int64_t unread_count;
    int64_t last_message_id;
    int64_t last_message_at;
    int64_t last_customer_message_at;
    int64_t last_agent_reply_at;
    int64_t first_reply_at;
    int64_t waiting_since;
    int64_t created_at;
    int64_t updated_at;
    int64_t resolved_at;
};

bool conversation_status_valid(const char *status);

/*
 * The conversation a customer message at `at` belongs to: the contact's
 * newest unresolved one in this inbox, or a new open one (with team_id,
 * 0 for none). *created says which. Run inside a transaction.
 */
enum store_rc conversation_for_inbound(struct db *db, int64_t account_id,
                                       int64_t inbox_id, int64_t contact_id,
                                       int64_t team_id, int64_t at, int64_t *id,
                                       bool *created);

/* A customer message arrived: it becomes the last message, the unread
 * count grows, the customer is waiting, and a snoozed conversation wakes. */
enum store_rc conversation_note_inbound(struct db *db, int64_t id,
                                        int64_t message_id, int64_t at);

/* We sent a message: it becomes the last message; when a person or rule
 * answered (not a system line) the customer stops waiting. */
enum store_rc conversation_note_outbound(struct db *db, int64_t id,
                                         int64_t message_id, int64_t at,
                                         bool is_reply);

enum store_rc conversation_get(struct db *db, int64_t account_id, int64_t id,
                               struct conversation *out);

/* The conversation as the API shows it (ids, status, times); callers add
 * the contact and last message. */
json_t *conversation_json(const struct conversation *c);

/*
 * The columns conversation_read() reads, for a SELECT over "conversations
 * c"; other queries add their own columns after them.
 */
#define CONVERSATION_COLUMNS                                                   \
    "c.id, c.account_id, c.inbox_id, c.contact_id, c.status, c.priority, "     \
    "c.assignee_id, c.team_id, c.snoozed_until, c.unread_count, "              \
    "c.last_message_id, c.last_message_at, c.last_customer_message_at, "       \
    "c.last_agent_reply_at, c.first_reply_at, c.waiting_since, "               \
    "c.created_at, c.updated_at, c.resolved_at"
#define CONVERSATION_NCOLS 19

/* Fill c from the first CONVERSATION_NCOLS columns of the current row. */
void conversation_read(struct db_stmt *st, struct conversation *c);

#endif

/*
 * Messages: what customers sent, what we sent, private notes and activity
 * lines, in one table. Inbound messages are idempotent on their WhatsApp
 * id (wamid) per inbox, so a webhook delivered twice stores one message.
 * Delivery statuses only move forward: queued < sending < sent <
 * delivered < read < played; failed ends a message that was not yet
 * delivered.
 */
#ifndef PARLEY_CORE_MESSAGE_H
#define PARLEY_CORE_MESSAGE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct message_input {
    int64_t account_id;
    int64_t conversation_id;
    int64_t inbox_id;
    int64_t contact_id;
    const char *direction;   /* "in" or "out" */
    const char *sender_type; /* "contact", "user", "automation", "system" */
    int64_t sender_id;       /* user id, rule id, or 0 */
    const char *type;        /* "text", "image", ... "note", "activity" */
    const char *content;     /* JSON object text */
    const char *text;        /* searchable plain text */
    bool private_note;
    const char *wamid;  /* NULL for outbound until sent */
    const char *status; /* "received", "queued", ... */
    const char *reply_to_wamid;
    const char *idempotency_key;
    int64_t wa_timestamp;
    int64_t send_after; /* outbound: not before (undo window) */
    int64_t created_at;
};

/*
 * Insert a message. When an inbound message with the same (inbox, wamid)
 * exists, nothing is written, *duplicate is set and *id names the existing
 * one. The same holds for an outbound one with the same idempotency key
 * from the same sender.
 */
enum store_rc message_insert(struct db *db, const struct message_input *in,
                             int64_t *id, bool *duplicate);

struct message_status_update {
    int64_t inbox_id;
    const char *wamid;
    const char *status; /* sent, delivered, read, played, failed */
    int64_t at;
    int64_t error_code;
    const char *error_title;
    const char *pricing_category;
    const char *pricing_type;
};

/*
 * Apply a status report to the message it names, only when it moves the
 * status forward. Sets *changed, and *message_id / *account_id /
 * *conversation_id of the message (0 when no message has that wamid).
 */
enum store_rc message_apply_status(struct db *db,
                                   const struct message_status_update *u,
                                   bool *changed, int64_t *message_id,
                                   int64_t *account_id,
                                   int64_t *conversation_id);

/*
 * A status can arrive before the dispatcher stored the wamid the Graph
 * API answered with. The send carried our message id; give that message
 * (an outbound one of this inbox still without a wamid) the wamid now.
 * STORE_NOT_FOUND when no such message is waiting for one.
 */
enum store_rc message_adopt_wamid(struct db *db, int64_t inbox_id,
                                  int64_t message_id, const char *wamid);

/* The message as the API shows it. */
enum store_rc message_get_json(struct db *db, int64_t account_id, int64_t id,
                               json_t **out);

/*
 * Messages of a conversation before before_id (0: from the newest),
 * newest first, at most limit, as a JSON array; *last_id is the last
 * row's id for the next page (0 when none).
 */
enum store_rc message_list(struct db *db, int64_t account_id,
                           int64_t conversation_id, int64_t before_id,
                           int limit, json_t **out, int64_t *last_id);

/* The rank of a delivery status, for ordering; -1 for unknown. */
int message_status_rank(const char *status);

#endif

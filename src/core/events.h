/*
 * Domain events ("message.created", "conversation.updated", ...) and the
 * in-process bus that carries them.
 *
 * An event is a row written in the same transaction as the change it
 * describes, so it exists exactly when the change does; after commit it
 * is handed to every subscriber (the SSE hub, automation, webhooks). The
 * row id orders events and lets a browser resume with Last-Event-ID. On
 * PostgreSQL a NOTIFY carries the id to the other nodes, which load the row
 * and publish it to their own subscribers.
 */
#ifndef PARLEY_CORE_EVENTS_H
#define PARLEY_CORE_EVENTS_H

#include <jansson.h>
#include <stdint.h>

#include "base/role.h"
#include "store/store.h"

struct event {
    int64_t id;
    int64_t account_id;
    int64_t user_id;    /* 0: everyone in the account may see it */
    enum role min_role; /* the least role that may see it */
    const char *type;
    const char *payload; /* one line of JSON */
    int64_t created_at;
};

/* Subscribers are called on the committing thread, after commit; they must
 * be quick and must not write to the database. */
typedef void (*event_cb)(const struct event *ev, void *arg);

/* Add a subscriber. Call at start-up, before traffic. */
void events_subscribe(event_cb fn, void *arg);

/* Remove every subscriber (at shutdown, and between tests). */
void events_reset(void);

/*
 * Record an event inside the caller's transaction; it is published once
 * that commits. Takes the reference to payload (a JSON object). Sets *id
 * when id is not NULL.
 */
enum store_rc events_emit(struct db *db, int64_t account_id, const char *type,
                          int64_t user_id, enum role min_role, json_t *payload,
                          int64_t *id);

/*
 * Hand an event straight to the subscribers without storing it: for
 * ephemeral signals (an agent typing or viewing) that nobody replays.
 * Give it id 0. Reaches this node's subscribers only.
 */
void events_publish_ephemeral(const struct event *ev);

/*
 * Events of an account after after_id that a user with this role may see,
 * oldest first, at most limit, each passed to fn. For resuming streams.
 */
enum store_rc events_since(struct db *db, int64_t account_id, int64_t user_id,
                           enum role role, int64_t after_id, int limit,
                           event_cb fn, void *arg);

/*
 * Listen for events committed by other nodes (PostgreSQL only; a no-op on
 * SQLite). node_id tells this node's own notifications apart.
 */
enum store_rc events_listen(struct store *s, const char *node_id);

#endif

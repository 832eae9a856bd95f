/*
 * Collision control and presence: agents announce that they are viewing
 * or typing in a conversation, and everyone in the account sees it live
 * (SSE events "viewing" / "typing" with {conversation_id, user_id, name,
 * until}). These signals are ephemeral: published straight to the event
 * bus with id 0, never stored, never replayed. Announcements are limited
 * per user and kind, and mark the user as active for GET /presence.
 *
 * TODO: on PostgreSQL the signals reach only the streams of the node that
 * took the request; crossing nodes needs a NOTIFY with the payload.
 */
#ifndef PARLEY_CORE_PRESENCE_H
#define PARLEY_CORE_PRESENCE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define PRESENCE_MIN_INTERVAL_MS 1000  /* per user and kind */
#define PRESENCE_TTL_MS          10000 /* "until" = now + this */
#define PRESENCE_ONLINE_MS       120000

/*
 * Publish kind ("viewing" or "typing") for user (named name) in the
 * conversation. Returns false, publishing nothing, when the same user
 * announced the same kind less than PRESENCE_MIN_INTERVAL_MS ago. Sets
 * *until to when the signal lapses. Thread safe.
 */
bool presence_announce(int64_t account_id, int64_t user_id, const char *name,
                       int64_t conversation_id, const char *kind,
                       int64_t *until);

/*
 * The users of the account who are online: those in streaming (the
 * n_streaming users with an open event stream, given by the caller), and
 * those who announced something or used a session within
 * PRESENCE_ONLINE_MS. As [{user_id, name, last_seen_at, streaming,
 * viewing (conversation id or null)}]; caller frees.
 */
enum store_rc presence_list(struct db *db, int64_t account_id,
                            const int64_t *streaming, size_t n_streaming,
                            json_t **out);

/* Forget everything (between tests). */
void presence_reset(void);

#endif

/*
 * What the sending API asks of storage before and after queueing an
 * outbound message: is the contact's 24-hour window open, the stored
 * template a send names, undo (cancel) of a queued message, the newest
 * customer message to mark read, clearing the unread count, and the
 * templates of an inbox (list and upsert from a sync).
 */
#ifndef PARLEY_CORE_OUTBOX_H
#define PARLEY_CORE_OUTBOX_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Whether the customer-service window of contact in inbox is open at now
 * (*open), and when it closes (*expires_at, 0 when there never was one). */
enum store_rc outbox_window(struct db *db, int64_t contact_id, int64_t inbox_id,
                            int64_t now, bool *open, int64_t *expires_at);

/*
 * The template name/language of inbox in account as the WABA list shows
 * it ({"name","language","status","parameter_format","components"}); the
 * caller decrefs *out. STORE_NOT_FOUND when it is not stored.
 */
enum store_rc outbox_template_get(struct db *db, int64_t account_id,
                                  int64_t inbox_id, const char *name,
                                  const char *language, json_t **out);

/* Why a cancel did not happen. */
enum outbox_cancel_rc {
    OUTBOX_CANCELLED,
    OUTBOX_CANCEL_NOT_FOUND, /* no outbound message with that id */
    OUTBOX_CANCEL_FORBIDDEN, /* someone else's, and not a supervisor */
    OUTBOX_CANCEL_TOO_LATE,  /* it left the queue or its window passed */
};

/*
 * Inside a transaction: cancel outbound message id of account if it is
 * still queued, never tried and before its send_after. user_id may cancel
 * only its own unless supervisor. Sets *result; returns a store status.
 */
enum store_rc outbox_cancel(struct db *db, int64_t account_id, int64_t id,
                            int64_t user_id, bool supervisor, int64_t now,
                            enum outbox_cancel_rc *result);

/* The wamid of the newest customer message of a conversation; *wamid is
 * NULL (and STORE_OK) when there is none. The caller frees *wamid. */
enum store_rc outbox_last_inbound_wamid(struct db *db, int64_t account_id,
                                        int64_t conversation_id, char **wamid);

/* Set a conversation's unread count to 0. */
enum store_rc outbox_clear_unread(struct db *db, int64_t account_id,
                                  int64_t conversation_id, int64_t now);

/* Templates of account (inbox_id 0: every inbox) with id > after_id, by
 * id, at most limit, as a JSON array; *last_id is the last row's id. */
enum store_rc outbox_templates_list(struct db *db, int64_t account_id,
                                    int64_t inbox_id, int64_t after_id,
                                    int limit, json_t **out, int64_t *last_id);

/* A template as stored; strings borrowed. components is JSON array text.
 * NULL fields take the column defaults (wa_template_id stays NULL). */
struct outbox_template {
    const char *wa_template_id;
    const char *name;     /* required */
    const char *language; /* required */
    const char *category;
    const char *status;
    const char *quality;
    const char *parameter_format;
    const char *components;
    const char *reason;
};

/* Insert or update one template of inbox_id by (name, language).
 * STORE_CONSTRAINT when name or language is missing or empty. */
enum store_rc outbox_template_upsert(struct db *db, int64_t account_id,
                                     int64_t inbox_id,
                                     const struct outbox_template *t,
                                     int64_t now);

#endif

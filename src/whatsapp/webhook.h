/*
 * Parsing of WhatsApp Cloud API webhook bodies into a batch of typed items:
 * inbound messages with normalised content, delivery statuses, template
 * events, marketing preferences, value-level errors, and everything else
 * kept as raw JSON. Pure: no storage, no logging of bodies.
 *
 * Every level of the envelope is iterated (entry[], changes[], messages[],
 * statuses[], contacts[], errors[]). An envelope that is not a WhatsApp
 * webhook fails as a whole; one bad item inside a good envelope is kept as
 * "unparsed" with its reason and raw JSON, so nothing is silently dropped.
 *
 * Ownership: everything reachable from a struct wa_batch (strings, json_t
 * pointers, arrays) belongs to the batch and lives until wa_batch_free().
 * Take a json_incref() or a copy to keep anything longer.
 */
#ifndef PARLEY_WHATSAPP_WEBHOOK_H
#define PARLEY_WHATSAPP_WEBHOOK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One changes[] element: where the items below it came from. */
struct wa_change {
    const char *field;                /* "messages", "account_update", ... */
    const char *waba_id;              /* entry[].id; NULL if absent */
    const char *phone_number_id;      /* metadata; NULL if absent */
    const char *display_phone_number; /* metadata, no '+'; NULL if absent */
    int64_t entry_time_ms;            /* entry[].time; 0 if absent */
};

/* An error object as Meta sends it (message, status or value level). */
struct wa_error {
    int64_t code;        /* 0 if absent */
    const char *title;   /* NULL if absent; human text, never branch on it */
    const char *message; /* NULL if absent */
    const char *details; /* error_data.details; NULL if absent */
};

/*
 * An inbound message, or an echo of one the business sent from the
 * WhatsApp Business app (field smb_message_echoes; then `from` is the
 * business number, the customer is `to` / `to_user_id`, and the profile
 * is the customer's). type is as received ("text", "interactive", "poll"
 * ...). content is always an object, the normalised type-specific part
 * that the REST API returns:
 *
 *   text            {"body"}
 *   image video document audio sticker
 *                   {"id","mime_type","sha256","caption","filename","url",
 *                    "voice" (audio), "animated" (sticker)}, present keys only
 *   location        {"latitude","longitude" (numbers),"name","address","url"}
 *   contacts        {"contacts":[...as received...]}
 *   interactive     {"type":"button_reply"|"list_reply","id","title",
 *                    "description"} or {"type":"nfm_reply","name","body",
 *                    "response_json" (the raw string),"response" (parsed
 *                    object, or null if it is not JSON)}; other subtypes
 *                    {"type":sub, sub: {...as received}}
 *   button          {"payload","text"} (template quick reply)
 *   reaction        {"message_id","emoji" (null when removed),"removed"}
 *   order           {"catalog_id","text","product_items":[{...,
 *                    "quantity" (integer)}]}
 *   system          {"type","body","wa_id","identity" {...}}
 *   request_welcome {}
 *   edit            {"original_message_id","message":{"type","content",
 *                    "context"?}} with the new content normalised likewise
 *   revoke          {"original_message_id"}
 *   anything else   {"unsupported_type" (if given),"raw":{whole message}}
 *
 * context is NULL or {"id","from","forwarded","frequently_forwarded",
 * "referred_product":{"catalog_id","product_retailer_id"}} (present keys
 * only); referral is NULL or the referral object as received; errors is
 * NULL or an array of {"code","title","message","details"}.
 */
struct wa_message {
    const struct wa_change *change;
    bool echo; /* smb_message_echoes: the business sent it from the
                  WhatsApp Business app (coexistence numbers) */
    const char *wamid;
    const char *from;         /* phone; NULL for username-only users */
    const char *from_user_id; /* BSUID; NULL before the 2026 rollout */
    const char *to;           /* echoes only: the customer's phone */
    const char *to_user_id;   /* echoes only: the customer's BSUID */
    const char *profile_name; /* from the matching contacts[]; may be NULL */
    const char *username;     /* likewise */
    int64_t timestamp_ms;     /* 0 if absent */
    const char *type;
    json_t *content;
    json_t *context;
    json_t *referral;
    json_t *errors;
    json_t *raw; /* the message object as received */
};

/* Monotonic rank of a delivery status; see wa_status_rank(). */
enum wa_status_rank {
    WA_STATUS_UNKNOWN = 0,
    WA_STATUS_SENT = 1,
    WA_STATUS_DELIVERED = 2,
    WA_STATUS_READ = 3,
    WA_STATUS_PLAYED = 4,
    WA_STATUS_FAILED = 100, /* terminal */
};

/* A status update for a message we sent. Absent members are NULL / 0. */
struct wa_status {
    const struct wa_change *change;
    const char *wamid;
    const char *status; /* as received, unknown values included */
    enum wa_status_rank rank;
    int64_t timestamp_ms;
    const char *recipient_id;
    const char *recipient_user_id;
    const char *biz_opaque_callback_data;
    const char *conversation_id;
    const char *conversation_origin;
    int64_t conversation_expiration_ms;
    const char *pricing_type;
    const char *pricing_category;
    const char *pricing_model;
    int billable; /* 1, 0, or -1 if absent */
    struct wa_error *errors;
    size_t n_errors;
    json_t *raw;
};

/*
 * A template webhook: message_template_status_update (event, reason),
 * message_template_quality_update (previous/new quality) or
 * template_category_update (new_category). Fields not carried by the
 * given kind are NULL.
 */
struct wa_template_event {
    const struct wa_change *change;
    int64_t template_id;
    const char *name;
    const char *language;
    const char *event;    /* APPROVED, REJECTED, ...; status updates */
    const char *reason;   /* status updates; NULL when null or absent */
    const char *category; /* message_template_category */
    const char *previous_quality;
    const char *new_quality;
    const char *new_category;
    json_t *raw; /* the whole change value */
};

/* One user_preferences[] element (marketing stop / resume ...). */
struct wa_preference {
    const struct wa_change *change;
    const char *wa_id;
    const char *user_id;
    const char *category; /* "marketing_messages" */
    const char *value;    /* "stop", "resume", ... */
    const char *detail;
    int64_t timestamp_ms;
    json_t *raw;
};

/* A value-level errors[] element. */
struct wa_value_error {
    const struct wa_change *change;
    struct wa_error error;
};

/* A change whose field this parser does not model: field + raw value. */
struct wa_other {
    const struct wa_change *change;
    json_t *value;
};

/* An item that could not be parsed, with the reason and the raw JSON. */
struct wa_unparsed {
    const struct wa_change *change; /* NULL if the change itself was bad */
    const char *reason;
    json_t *raw;
};

struct wa_batch {
    json_t *root;
    struct wa_change *changes;
    size_t n_changes;
    struct wa_message *messages;
    size_t n_messages;
    struct wa_status *statuses;
    size_t n_statuses;
    struct wa_template_event *templates;
    size_t n_templates;
    struct wa_preference *preferences;
    size_t n_preferences;
    struct wa_value_error *errors;
    size_t n_errors;
    struct wa_other *others;
    size_t n_others;
    struct wa_unparsed *unparsed;
    size_t n_unparsed;
};

/*
 * Parses a webhook body (body[0..len), need not be NUL-terminated) into
 * *out. Returns 0 and sets *out (free it with wa_batch_free()), or -1 with
 * *out NULL and a one-line reason in err (errlen bytes, may be 0) when the
 * body is not JSON, not an object, its "object" is not
 * "whatsapp_business_account" or its "entry" is not an array. Problems
 * inside the envelope never fail the call: see wa_batch.unparsed.
 */
int wa_webhook_parse(const char *body, size_t len, struct wa_batch **out,
                     char *err, size_t errlen);

/* Frees a batch and everything it holds; NULL is harmless. */
void wa_batch_free(struct wa_batch *b);

/*
 * The ordering key of an item: the contact it concerns, BSUID if present
 * else the phone (wa_id); for an echo, its recipient. The processor applies
 * items with the same key in log order. NULL when the item names no contact
 * (then any order will do). The string is borrowed from the batch.
 */
const char *wa_message_contact_key(const struct wa_message *m);
const char *wa_status_contact_key(const struct wa_status *s);
const char *wa_preference_contact_key(const struct wa_preference *p);

/*
 * Rank of a status string: sent < delivered < read < played, failed
 * terminal; WA_STATUS_UNKNOWN for NULL or anything else.
 */
enum wa_status_rank wa_status_rank(const char *status);

/*
 * Whether a status update `next` may replace the stored `current` (NULL or
 * a local state such as "queued" counts as unknown). Statuses only move
 * forward, failed replaces anything but failed and nothing replaces
 * failed; an unknown next status never replaces anything.
 */
bool wa_status_may_replace(const char *current, const char *next);

#endif

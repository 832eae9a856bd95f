/*
 * Applying one inbound log entry: parse the stored body, then turn each
 * item into rows (contacts, conversations, messages, windows, statuses,
 * templates, preferences) and events, all in the caller's transaction.
 * Every write is idempotent, so an entry applied twice (a replay, a crash
 * before the entry was marked done) changes nothing the second time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/events.h"
#include "core/inbox.h"
#include "core/message.h"
#include "core/sql.h"
#include "whatsapp/ingest_internal.h"
#include "whatsapp/media.h"
#include "whatsapp/webhook.h"

#define HOUR_MS       (3600LL * 1000)
#define WINDOW_MS     (24 * HOUR_MS)
#define FREE_ENTRY_MS (72 * HOUR_MS)
#define INBOX_CACHE   16

/* An inbox named by a phone-number id, looked up once per entry. */
struct inbox_ref {
    const char *phone; /* borrowed from the batch */
    int64_t id;        /* 0 when no inbox has the number */
    int64_t account_id;
    int64_t team_id;
};

/* What applying one entry keeps track of. */
struct apply {
    struct db *db;
    int64_t entry_id;
    int64_t received_at;
    int64_t account_id; /* of the first inbox resolved */
    struct inbox_ref inboxes[INBOX_CACHE];
    size_t n_inboxes;
    int known;   /* items that named one of our inboxes */
    int unknown; /* items that named a number or WABA we do not have */
    const char *unknown_name;
};

/* Record an item of the entry that was not applied (raw is copied). */
static enum store_rc record_item(struct apply *a, int64_t account_id,
                                 const char *kind, const char *reason,
                                 const json_t *raw)
{
    struct db_stmt *st;
    char *text = raw ? json_dumps(raw, JSON_COMPACT) : NULL;
    enum store_rc rc = db_prepare(
        a->db,
        "INSERT INTO wa_inbound_items (inbound_id, account_id, kind, "
        "reason, raw, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        &st);

    if (rc == STORE_OK) {
        db_bind_int64(st, 1, a->entry_id);
        if (account_id)
            db_bind_int64(st, 2, account_id);
        else
            db_bind_null(st, 2);
        db_bind_text(st, 3, kind, -1);
        db_bind_text(st, 4, reason, -1);
        db_bind_text(st, 5, text ? text : "null", -1);
        db_bind_int64(st, 6, clock_now_ms());
        rc = sql_run(st);
    }
    free(text);
    return rc;
}

static void note_account(struct apply *a, int64_t account_id)
{
    if (!a->account_id)
        a->account_id = account_id;
    a->known++;
}

/*
 * The inbox a change's phone-number id names, from the per-entry cache or
 * storage. Sets *out (out->id 0 when none). Returns STORE_OK or an error.
 */
static enum store_rc resolve_inbox(struct apply *a, const char *phone,
                                   struct inbox_ref *out)
{
    struct inbox box;
    enum store_rc rc;

    memset(out, 0, sizeof *out);
    if (!phone)
        return STORE_OK;
    for (size_t i = 0; i < a->n_inboxes; i++) {
        if (!strcmp(a->inboxes[i].phone, phone)) {
            *out = a->inboxes[i];
            return STORE_OK;
        }
    }
    out->phone = phone;
    rc = inbox_find_by_phone(a->db, phone, &box);
    if (rc == STORE_OK) {
        out->id = box.id;
        out->account_id = box.account_id;
        out->team_id = box.team_id;
        inbox_clear(&box);
    } else if (rc != STORE_NOT_FOUND) {
        return rc;
    }
    if (a->n_inboxes < INBOX_CACHE)
        a->inboxes[a->n_inboxes++] = *out;
    return STORE_OK;
}

/* resolve_inbox, recording the item as unknown when no inbox matches.
 * *found says whether the caller should go on with the item. */
static enum store_rc inbox_for_item(struct apply *a, const struct wa_change *ch,
                                    const char *kind, const json_t *raw,
                                    struct inbox_ref *out, bool *found)
{
    enum store_rc rc = resolve_inbox(a, ch ? ch->phone_number_id : NULL, out);
    char reason[160];

    *found = false;
    if (rc)
        return rc;
    if (out->id) {
        note_account(a, out->account_id);
        *found = true;
        return STORE_OK;
    }
    a->unknown++;
    if (!a->unknown_name)
        a->unknown_name = ch && ch->phone_number_id ? ch->phone_number_id : "";
    snprintf(reason, sizeof reason, "no inbox has phone_number_id %.64s",
             ch && ch->phone_number_id ? ch->phone_number_id : "(none)");
    return record_item(a, 0, kind, reason, raw);
}

/* --- searchable text ------------------------------------------------------ */

static const char *member(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static void put_word(struct buf *b, const char *s)
{
    if (!s || !s[0])
        return;
    if (b->len)
        buf_putc(b, ' ');
    buf_puts(b, s);
}

/* The names of a contacts message's cards. */
static void contacts_text(struct buf *b, const json_t *content)
{
    size_t i;
    json_t *card;

    json_array_foreach(json_object_get(content, "contacts"), i, card)
        put_word(b, member(json_object_get(card, "name"), "formatted_name"));
}

/*
 * The plain text a message is found by: the body, caption, button title
 * and so on of its normalised content. Caller frees.
 */
static char *searchable_text(const char *type, const json_t *content)
{
    struct buf b = BUF_INIT;

    if (!strcmp(type, "text")) {
        put_word(&b, member(content, "body"));
    } else if (!strcmp(type, "image") || !strcmp(type, "video") ||
               !strcmp(type, "audio") || !strcmp(type, "document") ||
               !strcmp(type, "sticker")) {
        put_word(&b, member(content, "caption"));
        put_word(&b, member(content, "filename"));
    } else if (!strcmp(type, "location")) {
        put_word(&b, member(content, "name"));
        put_word(&b, member(content, "address"));
    } else if (!strcmp(type, "contacts")) {
        contacts_text(&b, content);
    } else if (!strcmp(type, "interactive")) {
        put_word(&b, member(content, "title"));
        put_word(&b, member(content, "description"));
        put_word(&b, member(content, "body"));
    } else if (!strcmp(type, "button") || !strcmp(type, "order")) {
        put_word(&b, member(content, "text"));
    } else if (!strcmp(type, "reaction")) {
        put_word(&b, member(content, "emoji"));
    } else if (!strcmp(type, "system")) {
        put_word(&b, member(content, "body"));
    }
    return buf_steal(&b);
}

/* --- events --------------------------------------------------------------- */

static enum store_rc emit_message(struct db *db, int64_t account_id, int64_t id,
                                  const char *type)
{
    json_t *m;
    enum store_rc rc = message_get_json(db, account_id, id, &m);

    if (rc)
        return rc;
    return events_emit(db, account_id, type, 0, ROLE_AGENT, m, NULL);
}

static enum store_rc emit_conversation(struct db *db, int64_t account_id,
                                       int64_t id, bool created)
{
    struct conversation c;
    enum store_rc rc = conversation_get(db, account_id, id, &c);

    if (rc)
        return rc;
    return events_emit(db, account_id,
                       created ? "conversation.created"
                               : "conversation.updated",
                       0, ROLE_AGENT, conversation_json(&c), NULL);
}

/* --- messages ------------------------------------------------------------- */

/* Where a customer message lands: contact, conversation. */
struct placement {
    struct inbox_ref inbox;
    int64_t contact_id;
    int64_t conversation_id;
    bool created;
    int64_t at;
};

/*
 * Open (or extend) the 24-hour customer-service window of the contact in
 * this inbox, and the 72-hour free entry point window when the message
 * came from an ad or post (a referral). Never moves a window backwards,
 * so late or replayed messages are harmless.
 */
static enum store_rc open_window(struct db *db, const struct placement *p,
                                 bool referral)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO contact_windows (account_id, contact_id, inbox_id, "
        "last_inbound_at, window_expires_at, free_entry_expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) "
        "ON CONFLICT (contact_id, inbox_id) DO UPDATE SET "
        "last_inbound_at = CASE WHEN excluded.last_inbound_at > "
        "contact_windows.last_inbound_at THEN excluded.last_inbound_at "
        "ELSE contact_windows.last_inbound_at END, "
        "window_expires_at = CASE WHEN excluded.window_expires_at > "
        "contact_windows.window_expires_at THEN excluded.window_expires_at "
        "ELSE contact_windows.window_expires_at END, "
        "free_entry_expires_at = CASE "
        "WHEN excluded.free_entry_expires_at IS NULL "
        "THEN contact_windows.free_entry_expires_at "
        "WHEN contact_windows.free_entry_expires_at IS NULL OR "
        "excluded.free_entry_expires_at > "
        "contact_windows.free_entry_expires_at "
        "THEN excluded.free_entry_expires_at "
        "ELSE contact_windows.free_entry_expires_at END",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, p->inbox.account_id);
    db_bind_int64(st, 2, p->contact_id);
    db_bind_int64(st, 3, p->inbox.id);
    db_bind_int64(st, 4, p->at);
    db_bind_int64(st, 5, p->at + WINDOW_MS);
    if (referral)
        db_bind_int64(st, 6, p->at + FREE_ENTRY_MS);
    else
        db_bind_null(st, 6);
    return sql_run(st);
}

static const char *sentiment_name(enum ai_sentiment s)
{
    return s == AI_NEGATIVE   ? "negative"
           : s == AI_POSITIVE ? "positive"
                              : "neutral";
}

/* Best effort: annotate a customer's text with the local AI. Never fails
 * the entry; a storage error is returned only because the transaction
 * cannot go on after one. */
static enum store_rc annotate(struct db *db, int64_t account_id, int64_t id,
                              const char *text)
{
    struct ai_annotation an;
    struct db_stmt *st;
    enum store_rc rc;

    /* The account's own intents and corrections take part. */
    if (!text[0] || ai_annotate_for_account(db, account_id, text, strlen(text),
                                            &an) != AI_OK)
        return STORE_OK;
    rc = db_prepare(db,
                    "UPDATE messages SET ai_language = $2, ai_intent = $3, "
                    "ai_confidence = $4, ai_sentiment = $5, ai_score = $6 "
                    "WHERE id = $1",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, an.language, -1);
    db_bind_text(st, 3, an.intent, -1);
    db_bind_double(st, 4, an.confidence);
    db_bind_text(st, 5, sentiment_name(an.sentiment), -1);
    db_bind_double(st, 6, an.score);
    return sql_run(st);
}

static bool is_media_type(const char *type)
{
    return !strcmp(type, "image") || !strcmp(type, "video") ||
           !strcmp(type, "audio") || !strcmp(type, "document") ||
           !strcmp(type, "sticker");
}

static enum store_rc fetch_media(struct db *db, const struct placement *p,
                                 int64_t message_id, const json_t *c)
{
    if (!member(c, "id"))
        return STORE_OK;
    return wa_media_enqueue_download(
        db, p->inbox.account_id, p->inbox.id, message_id, member(c, "id"),
        member(c, "mime_type"), member(c, "sha256"), member(c, "filename"),
        member(c, "url"));
}

/*
 * Update the message an edit or a revoke names. Sets *target to its id
 * (0 when we do not have it). The edit's new content replaces the old
 * one, with edited_at set; a revoke sets revoked_at.
 */
static enum store_rc change_target(struct db *db, const struct placement *p,
                                   const struct wa_message *m, int64_t *target)
{
    const json_t *c = m->content;
    const char *orig = member(c, "original_message_id");
    json_t *inner = json_object_get(json_object_get(c, "message"), "content");
    const char *inner_type = member(json_object_get(c, "message"), "type");
    bool edit = !strcmp(m->type, "edit");
    char *content = NULL, *text = NULL;
    struct db_stmt *st;
    enum store_rc rc;

    *target = 0;
    if (!orig || (edit && !json_is_object(inner)))
        return STORE_OK;
    rc = db_prepare(db,
                    edit ? "UPDATE messages SET content = $3, text = $4, "
                           "edited_at = $5, updated_at = $6 "
                           "WHERE inbox_id = $1 AND wamid = $2 RETURNING id"
                         : "UPDATE messages SET revoked_at = COALESCE("
                           "revoked_at, $5), updated_at = $6 WHERE "
                           "inbox_id = $1 AND wamid = $2 AND "
                           "CAST($3 AS TEXT) IS NULL AND "
                           "CAST($4 AS TEXT) IS NULL RETURNING id",
                    &st);
    if (rc)
        return rc;
    if (edit) {
        content = json_dumps(inner, JSON_COMPACT);
        text = searchable_text(inner_type ? inner_type : "", inner);
    }
    db_bind_int64(st, 1, p->inbox.id);
    db_bind_text(st, 2, orig, -1);
    db_bind_text(st, 3, content, -1);
    db_bind_text(st, 4, text, -1);
    db_bind_int64(st, 5, p->at);
    db_bind_int64(st, 6, clock_now_ms());
    rc = sql_int64(st, target);
    free(content);
    free(text);
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* The content we store: the codec's, plus context, referral and errors
 * when the message carried them. Caller frees. */
static char *stored_content(const struct wa_message *m)
{
    json_t *c = json_deep_copy(m->content);
    char *s;

    if (!c)
        c = json_object();
    if (m->context)
        json_object_set(c, "context", m->context);
    if (m->referral)
        json_object_set(c, "referral", m->referral);
    if (m->errors)
        json_object_set(c, "errors", m->errors);
    if (m->username)
        json_object_set_new(c, "username", json_string(m->username));
    s = json_dumps(c, JSON_COMPACT);
    json_decref(c);
    return s;
}

static const char *reply_target(const struct wa_message *m)
{
    if (!strcmp(m->type, "reaction"))
        return member(m->content, "message_id");
    return member(m->context, "id");
}

/* Insert the message row; *id and *dup as message_insert gives them. */
static enum store_rc insert_message(struct db *db, const struct placement *p,
                                    const struct wa_message *m, int64_t *id,
                                    bool *dup)
{
    char *content = stored_content(m);
    char *text = searchable_text(m->type, m->content);
    struct message_input mi = {
        .account_id = p->inbox.account_id,
        .conversation_id = p->conversation_id,
        .inbox_id = p->inbox.id,
        .contact_id = p->contact_id,
        .direction = m->echo ? "out" : "in",
        .sender_type = m->echo ? "user" : "contact",
        .type = m->type,
        .content = content,
        .text = text,
        .wamid = m->wamid,
        .status = m->echo ? "sent" : "received",
        .reply_to_wamid = reply_target(m),
        .wa_timestamp = m->timestamp_ms,
        .created_at = 0,
    };
    enum store_rc rc = message_insert(db, &mi, id, dup);

    if (rc == STORE_OK && !*dup && !m->echo &&
        (!strcmp(m->type, "text") || !strcmp(m->type, "button") ||
         !strcmp(m->type, "interactive")))
        rc = annotate(db, p->inbox.account_id, *id, text);
    free(content);
    free(text);
    return rc;
}

/* After a new message: conversation bookkeeping, window, media, events. */
static enum store_rc after_insert(struct db *db, const struct placement *p,
                                  const struct wa_message *m, int64_t id)
{
    int64_t acc = p->inbox.account_id;
    enum store_rc rc;

    if (m->echo)
        rc =
            conversation_note_outbound(db, p->conversation_id, id, p->at, true);
    else
        rc = conversation_note_inbound(db, p->conversation_id, id, p->at);
    if (rc == STORE_OK && !m->echo && strcmp(m->type, "system") != 0)
        rc = open_window(db, p, m->referral != NULL);
    if (rc == STORE_OK && is_media_type(m->type))
        rc = fetch_media(db, p, id, m->content);
    if (rc == STORE_OK)
        rc = emit_message(db, acc, id, "message.created");
    if (rc == STORE_OK)
        rc = emit_conversation(db, acc, p->conversation_id, p->created);
    return rc;
}

/*
 * A "user changed number" system message: the contact now has the new
 * wa_id. When another contact already holds it, the two are one person
 * and are merged.
 */
static enum store_rc change_number(struct db *db, int64_t account_id,
                                   int64_t contact_id, const char *new_wa_id)
{
    struct db_stmt *st;
    int64_t other = 0;
    enum store_rc rc;

    rc = db_prepare(db,
                    "SELECT id FROM contacts WHERE account_id = $1 AND "
                    "wa_id = $2 AND id <> $3",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, new_wa_id, -1);
    db_bind_int64(st, 3, contact_id);
    rc = sql_int64(st, &other);
    if (rc == STORE_OK)
        return contact_merge(db, account_id, contact_id, other);
    if (rc != STORE_NOT_FOUND)
        return rc;
    rc = db_prepare(db,
                    "UPDATE contacts SET wa_id = $3, phone = '+' || $3, "
                    "updated_at = $4 WHERE account_id = $1 AND id = $2",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, contact_id);
    db_bind_text(st, 3, new_wa_id, -1);
    db_bind_int64(st, 4, clock_now_ms());
    return sql_run(st);
}

/* Contact and conversation of a message; false in *ok when the message
 * names no customer (recorded). */
static enum store_rc place_message(struct apply *a, const struct wa_message *m,
                                   struct placement *p, bool *ok)
{
    const char *wa = m->echo ? m->to : m->from;
    const char *bs = m->echo ? m->to_user_id : m->from_user_id;
    enum store_rc rc;

    *ok = false;
    p->at = m->timestamp_ms ? m->timestamp_ms : a->received_at;
    if ((!wa || !wa[0]) && (!bs || !bs[0]))
        return record_item(a, p->inbox.account_id, "message",
                           "the message names no customer", m->raw);
    rc = contact_resolve(a->db, p->inbox.account_id, wa, bs, m->profile_name,
                         p->at, &p->contact_id);
    if (rc == STORE_OK)
        rc = conversation_for_inbound(a->db, p->inbox.account_id, p->inbox.id,
                                      p->contact_id, p->inbox.team_id, p->at,
                                      &p->conversation_id, &p->created);
    *ok = rc == STORE_OK;
    return rc;
}

/* An edit or revoke: change the message it names, or, when we do not have
 * that one, keep the edit or revoke as a message of its own. */
static enum store_rc apply_change(struct apply *a, const struct placement *p,
                                  const struct wa_message *m, bool *handled)
{
    int64_t target, acc = p->inbox.account_id;
    enum store_rc rc = change_target(a->db, p, m, &target);

    *handled = rc == STORE_OK && target != 0;
    if (*handled)
        rc = emit_message(a->db, acc, target, "message.updated");
    return rc;
}

static enum store_rc apply_message(struct apply *a, const struct wa_message *m)
{
    struct placement p = {0};
    bool ok, dup, handled = false;
    int64_t id;
    enum store_rc rc =
        inbox_for_item(a, m->change, "message", m->raw, &p.inbox, &ok);

    if (rc || !ok)
        return rc;
    if ((rc = place_message(a, m, &p, &ok)) || !ok)
        return rc;
    if (!strcmp(m->type, "system") && member(m->content, "wa_id") &&
        !strcmp(member(m->content, "type") ? member(m->content, "type") : "",
                "user_changed_number") &&
        (rc = change_number(a->db, p.inbox.account_id, p.contact_id,
                            member(m->content, "wa_id"))))
        return rc;
    if (!strcmp(m->type, "edit") || !strcmp(m->type, "revoke")) {
        if ((rc = apply_change(a, &p, m, &handled)) || handled)
            return rc;
    }
    if ((rc = insert_message(a->db, &p, m, &id, &dup)) || dup)
        return rc;
    return after_insert(a->db, &p, m, id);
}

/* --- statuses, templates, preferences ------------------------------------ */

/* The message id the dispatcher put in biz_opaque_callback_data
 * ("parley:<id>") takes the status's wamid, if it still lacks one. */
static enum store_rc adopt_wamid(struct db *db, int64_t inbox_id,
                                 const struct wa_status *s)
{
    const char *tag = s->biz_opaque_callback_data;
    char *end;
    long long id;

    if (!tag || strncmp(tag, "parley:", 7) != 0)
        return STORE_NOT_FOUND;
    id = strtoll(tag + 7, &end, 10);
    if (*end || id <= 0)
        return STORE_NOT_FOUND;
    return message_adopt_wamid(db, inbox_id, id, s->wamid);
}

static enum store_rc apply_status(struct apply *a, const struct wa_status *s)
{
    struct inbox_ref box;
    bool found, changed;
    int64_t mid, acc, conv;
    const struct wa_error *e = s->n_errors ? &s->errors[0] : NULL;
    enum store_rc rc =
        inbox_for_item(a, s->change, "status", s->raw, &box, &found);
    struct message_status_update u = {
        .inbox_id = box.id,
        .wamid = s->wamid,
        .status = s->status ? s->status : "",
        .at = s->timestamp_ms ? s->timestamp_ms : a->received_at,
        .error_code = e ? e->code : 0,
        .error_title = e ? (e->title ? e->title : e->message) : NULL,
        .pricing_category = s->pricing_category,
        .pricing_type = s->pricing_type,
    };

    if (rc || !found)
        return rc;
    if (!s->wamid)
        return record_item(a, box.account_id, "status",
                           "the status names no message", s->raw);
    rc = message_apply_status(a->db, &u, &changed, &mid, &acc, &conv);
    if (rc)
        return rc;
    /* Faster than the dispatcher: the send's own id says whose it is. */
    if (!mid && adopt_wamid(a->db, box.id, s) == STORE_OK)
        rc = message_apply_status(a->db, &u, &changed, &mid, &acc, &conv);
    if (rc)
        return rc;
    if (!mid)
        return record_item(a, box.account_id, "status_unmatched",
                           "no message has this wamid", s->raw);
    return changed ? emit_message(a->db, acc, mid, "message.updated")
                   : STORE_OK;
}

/* The account of an inbox of the WABA, or 0. */
static enum store_rc waba_account(struct db *db, const char *waba,
                                  int64_t *account_id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT account_id FROM inboxes WHERE "
                                  "waba_id = $1 ORDER BY id LIMIT 1",
                                  &st);

    *account_id = 0;
    if (rc)
        return rc;
    db_bind_text(st, 1, waba ? waba : "", -1);
    rc = sql_int64(st, account_id);
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

/* Update the template rows the event names (by Meta's id, or by name and
 * language) in every inbox of the WABA. Sets *changed. */
static enum store_rc update_templates(struct db *db,
                                      const struct wa_template_event *t,
                                      const char *tid, int64_t *changed)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE templates SET status = COALESCE($4, status), "
        "reason = COALESCE($5, reason), quality = COALESCE($6, quality), "
        "category = COALESCE($7, category), "
        "wa_template_id = COALESCE(wa_template_id, $8), updated_at = $9 "
        "WHERE inbox_id IN (SELECT id FROM inboxes WHERE waba_id = $1) AND "
        "(wa_template_id = $8 OR (name = $2 AND language = $3))",
        &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, t->change->waba_id, -1);
    db_bind_text(st, 2, t->name, -1);
    db_bind_text(st, 3, t->language, -1);
    db_bind_text(st, 4, t->event, -1);
    db_bind_text(st, 5, t->event ? (t->reason ? t->reason : "") : NULL, -1);
    db_bind_text(st, 6, t->new_quality, -1);
    db_bind_text(st, 7, t->new_category ? t->new_category : t->category, -1);
    db_bind_text(st, 8, tid, -1);
    db_bind_int64(st, 9, clock_now_ms());
    rc = db_step(st);
    *changed = rc == STORE_DONE ? db_changes(st) : 0;
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* A status event for a template we have not synced yet: add it to every
 * inbox of the WABA so the event is not lost. */
static enum store_rc insert_templates(struct db *db,
                                      const struct wa_template_event *t,
                                      const char *tid)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO templates (account_id, inbox_id, wa_template_id, name, "
        "language, category, status, quality, reason, updated_at) "
        "SELECT account_id, id, $2, $3, $4, $5, $6, $7, $8, $9 FROM inboxes "
        "WHERE waba_id = $1 ON CONFLICT DO NOTHING",
        &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, t->change->waba_id, -1);
    db_bind_text(st, 2, tid, -1);
    db_bind_text(st, 3, t->name, -1);
    db_bind_text(st, 4, t->language, -1);
    db_bind_text(st, 5,
                 t->new_category ? t->new_category
                 : t->category   ? t->category
                                 : "",
                 -1);
    db_bind_text(st, 6, t->event ? t->event : "PENDING", -1);
    db_bind_text(st, 7, t->new_quality ? t->new_quality : "UNKNOWN", -1);
    db_bind_text(st, 8, t->reason ? t->reason : "", -1);
    db_bind_int64(st, 9, clock_now_ms());
    return sql_run(st);
}

static enum store_rc apply_template(struct apply *a,
                                    const struct wa_template_event *t)
{
    char tid[32] = "", reason[160];
    int64_t acc, changed = 0;
    enum store_rc rc = waba_account(a->db, t->change->waba_id, &acc);

    if (rc)
        return rc;
    if (!acc) {
        a->unknown++;
        if (!a->unknown_name)
            a->unknown_name = t->change->waba_id ? t->change->waba_id : "";
        snprintf(reason, sizeof reason, "no inbox has waba_id %.64s",
                 t->change->waba_id ? t->change->waba_id : "(none)");
        return record_item(a, 0, "template", reason, t->raw);
    }
    note_account(a, acc);
    if (t->template_id)
        snprintf(tid, sizeof tid, "%lld", (long long)t->template_id);
    rc = update_templates(a->db, t, tid[0] ? tid : NULL, &changed);
    if (rc == STORE_OK && !changed && t->name && t->language)
        rc = insert_templates(a->db, t, tid[0] ? tid : NULL);
    return rc;
}

static enum store_rc apply_preference(struct apply *a,
                                      const struct wa_preference *p)
{
    struct inbox_ref box;
    bool found, stop;
    enum store_rc rc =
        inbox_for_item(a, p->change, "preference", p->raw, &box, &found);

    if (rc || !found)
        return rc;
    if (!p->value || !p->category ||
        strcmp(p->category, "marketing_messages") != 0)
        return record_item(a, box.account_id, "preference",
                           "not a marketing preference", p->raw);
    stop = !strcmp(p->value, "stop");
    if (!stop && strcmp(p->value, "resume") != 0)
        return STORE_OK; /* e.g. "signup": nothing to change */
    if (!p->wa_id)
        return record_item(a, box.account_id, "preference",
                           "the preference names no wa_id", p->raw);
    return contact_set_marketing(a->db, box.account_id, p->wa_id, stop);
}

/* --- the entry --------------------------------------------------------------
 */

static enum store_rc apply_errors(struct apply *a, const struct wa_batch *b)
{
    enum store_rc rc = STORE_OK;
    char reason[256];

    for (size_t i = 0; i < b->n_errors && rc == STORE_OK; i++) {
        const struct wa_error *e = &b->errors[i].error;
        snprintf(reason, sizeof reason, "Meta reported error %lld: %.200s",
                 (long long)e->code,
                 e->title     ? e->title
                 : e->message ? e->message
                              : "");
        rc = record_item(a, 0, "error", reason, NULL);
    }
    for (size_t i = 0; i < b->n_unparsed && rc == STORE_OK; i++)
        rc = record_item(a, 0, "unparsed", b->unparsed[i].reason,
                         b->unparsed[i].raw);
    return rc;
}

static enum store_rc apply_batch(struct apply *a, const struct wa_batch *b)
{
    enum store_rc rc = STORE_OK;

    for (size_t i = 0; i < b->n_messages && rc == STORE_OK; i++)
        rc = apply_message(a, &b->messages[i]);
    for (size_t i = 0; i < b->n_statuses && rc == STORE_OK; i++)
        rc = apply_status(a, &b->statuses[i]);
    for (size_t i = 0; i < b->n_templates && rc == STORE_OK; i++)
        rc = apply_template(a, &b->templates[i]);
    for (size_t i = 0; i < b->n_preferences && rc == STORE_OK; i++)
        rc = apply_preference(a, &b->preferences[i]);
    if (rc == STORE_OK)
        rc = apply_errors(a, b);
    return rc;
}

enum store_rc ingest_apply_entry(struct db *db, int64_t entry_id,
                                 const char *body, size_t len,
                                 int64_t received_at, int64_t *account_id,
                                 char *fatal, size_t fatal_len)
{
    struct apply a = {
        .db = db, .entry_id = entry_id, .received_at = received_at};
    struct wa_batch *b = NULL;
    char err[200];
    enum store_rc rc;

    fatal[0] = '\0';
    *account_id = 0;
    if (wa_webhook_parse(body, len, &b, err, sizeof err) != 0) {
        snprintf(fatal, fatal_len, "not a WhatsApp webhook: %s", err);
        return STORE_OK;
    }
    rc = apply_batch(&a, b);
    *account_id = a.account_id;
    if (rc == STORE_OK && a.unknown && !a.known)
        snprintf(fatal, fatal_len,
                 "no inbox has phone_number_id or "
                 "waba_id %.64s",
                 a.unknown_name ? a.unknown_name : "");
    wa_batch_free(b);
    return rc;
}

/*
 * Sending from the inbox:
 *   POST /api/v1/conversations/{id}/messages  a Cloud API message or a
 *        private note; queued for the dispatcher after the undo window,
 *   POST /api/v1/messages/{id}/cancel         undo send while still queued,
 *   POST /api/v1/conversations/{id}/read      mark read on WhatsApp,
 *   POST /api/v1/conversations/{id}/typing    typing indicator.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/outbound.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/account.h"
#include "core/conversation.h"
#include "core/message.h"
#include "core/outbox.h"
#include "core/presence.h"
#include "core/user.h"
#include "whatsapp/channel.h"
#include "whatsapp/dispatch.h"
#include "whatsapp/graph_error.h"
#include "whatsapp/media.h"
#include "whatsapp/outbound.h"

#define NOTE_MAX_CHARS  4096
#define IDEMPOTENCY_MAX 200

/* What a create request becomes before it is stored. */
struct draft {
    struct conversation conv;
    json_t *content; /* owned: stored as the message's content */
    const char *type;
    char *text; /* owned: the searchable text */
    bool note;
    int64_t media_id; /* agent upload the message sends, or 0 */
    const char *reply_to;
    const char *idempotency_key;
};

static void draft_clear(struct draft *d)
{
    json_decref(d->content);
    free(d->text);
}

/* The text a message is found by: body, caption, template name... */
static char *searchable_text(const json_t *msg, const char *type)
{
    const json_t *obj = json_object_get(msg, type);
    static const char *const keys[] = {"body", "caption", "name", "emoji",
                                       NULL};

    for (int i = 0; keys[i]; i++) {
        const char *s = json_string_value(json_object_get(obj, keys[i]));
        if (s)
            return xstrdup(s);
    }
    obj = json_object_get(json_object_get(obj, "body"), "text");
    return xstrdup(json_string_value(obj) ? json_string_value(obj) : "");
}

/* The @names a note mentions, in order, without repeats. */
static json_t *mentions_of(const char *body)
{
    json_t *list = json_array();

    for (const char *p = strchr(body, '@'); p; p = strchr(p + 1, '@')) {
        const char *q = p + 1;
        json_t *name;
        size_t i;
        json_t *v;

        while (isalnum((unsigned char)*q) || *q == '.' || *q == '_' ||
               *q == '-')
            q++;
        if (q == p + 1 || (p > body && isalnum((unsigned char)p[-1])))
            continue;
        name = json_stringn(p + 1, (size_t)(q - p - 1));
        json_array_foreach(list, i, v) if (json_equal(v, name)) break;
        if (i == json_array_size(list))
            json_array_append(list, name);
        json_decref(name);
    }
    return list;
}

/* A private note: {"type":"note","text":{"body"},"private":true}. */
static bool read_note(struct http_request *req, json_t *body, struct draft *d)
{
    json_t *text = json_object_get(body, "text");
    const char *s = json_string_value(json_object_get(text, "body"));

    if (json_object_get(body, "private") != json_true()) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "private must be true for a note");
        return false;
    }
    if (!s || !*s) {
        http_reply_error(req, ERR_MISSING_FIELD, "text.body is required");
        return false;
    }
    if (wa_utf8_length(s) > NOTE_MAX_CHARS) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "text.body is longer than %d characters",
                         NOTE_MAX_CHARS);
        return false;
    }
    d->note = true;
    d->type = "note";
    d->text = xstrdup(s);
    d->content = json_pack("{ss so}", "body", s, "mentions", mentions_of(s));
    return true;
}

/*
 * An "id" in a media object names an agent's upload (POST /api/v1/media),
 * as a number or a string of digits. Keep the number aside (the
 * dispatcher uploads the file) and put it in the Cloud API shape as text.
 */
static bool read_media_ref(struct http_request *req, json_t *msg,
                           struct draft *d)
{
    json_t *obj = json_object_get(msg, d->type);
    json_t *id = json_object_get(obj, "id");
    const char *s = json_string_value(id);
    char buf[24];
    char *end;

    if (!id)
        return true;
    if (json_is_integer(id)) {
        d->media_id = json_integer_value(id);
    } else if (s && *s) {
        d->media_id = strtoll(s, &end, 10);
        if (*end)
            d->media_id = 0;
    }
    if (d->media_id <= 0) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "%s.id must name an uploaded media (POST "
                         "/api/v1/media)",
                         d->type);
        return false;
    }
    snprintf(buf, sizeof buf, "%lld", (long long)d->media_id);
    json_object_set_new(obj, "id", json_string(buf));
    return true;
}

/* A template is sendable only when stored, APPROVED, with the language
 * and the parameters it expects. Replies 422 otherwise. */
static bool check_template(struct http_request *req, const json_t *msg,
                           struct draft *d)
{
    const json_t *t = json_object_get(msg, "template");
    const char *name = json_string_value(json_object_get(t, "name"));
    const char *lang = json_string_value(
        json_object_get(json_object_get(t, "language"), "code"));
    json_t *stored = NULL;
    char err[256];
    enum store_rc rc =
        outbox_template_get(http_db(req), d->conv.account_id, d->conv.inbox_id,
                            name, lang, &stored);
    bool ok = false;

    if (rc == STORE_NOT_FOUND)
        http_reply_error(req, ERR_INVALID_FIELD,
                         "template %s in language %s is not known for this "
                         "inbox (sync the templates)",
                         name, lang);
    else if (rc)
        api_reply_store_error(req, rc, NULL);
    else if (strcmp(json_string_value(json_object_get(stored, "status")),
                    "APPROVED"))
        http_reply_error(req, ERR_INVALID_FIELD,
                         "template %s (%s) is %s, not APPROVED", name, lang,
                         json_string_value(json_object_get(stored, "status")));
    else if (wa_template_check_send(stored, t, err, sizeof err))
        http_reply_error(req, ERR_INVALID_FIELD, "template: %s", err);
    else
        ok = true;
    json_decref(stored);
    return ok;
}

/* Free text needs the customer-service window open; replies 422
 * window_closed otherwise. */
static bool check_window(struct http_request *req, struct draft *d)
{
    bool open;
    int64_t expires;
    enum store_rc rc =
        outbox_window(http_db(req), d->conv.contact_id, d->conv.inbox_id,
                      clock_now_ms(), &open, &expires);

    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    if (!open)
        http_reply_error(req, ERR_WINDOW_CLOSED,
                         "the 24-hour customer service window is closed: "
                         "only a template message can be sent now");
    return open;
}

/* A Cloud API message: validated, window or template checked. */
static bool read_message(struct http_request *req, json_t *body,
                         struct draft *d)
{
    char err[256];
    json_t *ctx;

    d->type = json_string_value(json_object_get(body, "type"));
    if (!d->type) {
        http_reply_error(req, ERR_MISSING_FIELD, "type is required");
        return false;
    }
    d->content = json_deep_copy(body);
    if (!read_media_ref(req, d->content, d))
        return false;
    if (wa_outbound_validate(d->content, err, sizeof err)) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s", err);
        return false;
    }
    if (!strcmp(d->type, "template") ? !check_template(req, d->content, d)
                                     : !check_window(req, d))
        return false;
    ctx = json_object_get(d->content, "context");
    d->reply_to = json_string_value(json_object_get(ctx, "message_id"));
    d->text = searchable_text(d->content, d->type);
    if (d->media_id)
        json_object_set_new(d->content, "media_id", json_integer(d->media_id));
    return true;
}

/* Parse and check a create request into d. Replies on failure. */
static bool read_draft(struct http_request *req, struct draft *d)
{
    struct http_principal *p = http_principal(req);
    json_t *body;
    int64_t id;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !(body = http_json(req)))
        return false;
    rc = conversation_get(http_db(req), p->account_id, id, &d->conv);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    d->idempotency_key = http_header(req, "Idempotency-Key");
    if (d->idempotency_key && (!*d->idempotency_key ||
                               strlen(d->idempotency_key) > IDEMPOTENCY_MAX)) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "Idempotency-Key must be 1 to %d characters",
                         IDEMPOTENCY_MAX);
        return false;
    }
    if (!strcmp(json_string_value(json_object_get(body, "type")) ?: "", "note"))
        return read_note(req, body, d);
    if (json_object_get(body, "private")) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "private is only for type note");
        return false;
    }
    return read_message(req, body, d);
}

/* Publish the conversation as it now is (conversation.updated). */
static bool emit_conversation(struct http_request *req, int64_t id)
{
    struct conversation c;
    enum store_rc rc =
        conversation_get(http_db(req), http_principal(req)->account_id, id, &c);

    if (rc) {
        api_rollback(req, rc, NULL);
        return false;
    }
    return api_emit(req, "conversation.updated", ROLE_AGENT,
                    conversation_json(&c));
}

/* Publish message id as type (message.created / message.updated). */
static bool emit_message(struct http_request *req, const char *type, int64_t id)
{
    json_t *m = NULL;
    enum store_rc rc =
        message_get_json(http_db(req), http_principal(req)->account_id, id, &m);

    if (rc) {
        api_rollback(req, rc, NULL);
        return false;
    }
    return api_emit(req, type, ROLE_AGENT, m);
}

/*
 * Inside the request's transaction: insert d (queued until now + undo_ms,
 * or a stored note), tie its upload to it and make it the conversation's
 * last message. Sets *id and *dup (an earlier request with the same
 * Idempotency-Key made it). STORE_CONSTRAINT: the upload is not usable.
 */
static enum store_rc store_draft(struct http_request *req, struct draft *d,
                                 int64_t undo_ms, int64_t *id, bool *dup)
{
    struct http_principal *p = http_principal(req);
    struct db *db = http_db(req);
    int64_t now = clock_now_ms();
    char *content = json_dumps(d->content, JSON_COMPACT);
    struct message_input in = {.account_id = p->account_id,
                               .conversation_id = d->conv.id,
                               .inbox_id = d->conv.inbox_id,
                               .contact_id = d->conv.contact_id,
                               .direction = "out",
                               .sender_type = "user",
                               .sender_id = p->user_id,
                               .type = d->type,
                               .content = content,
                               .text = d->text,
                               .private_note = d->note,
                               .status = d->note ? "note" : "queued",
                               .reply_to_wamid = d->reply_to,
                               .idempotency_key = d->idempotency_key,
                               .send_after = d->note ? 0 : now + undo_ms,
                               .created_at = now};
    enum store_rc rc = message_insert(db, &in, id, dup);

    free(content);
    if (rc || *dup)
        return rc;
    if (d->media_id) {
        rc = wa_media_attach(db, p->account_id, d->conv.inbox_id, d->media_id,
                             *id);
        if (rc == STORE_NOT_FOUND)
            return STORE_CONSTRAINT;
        if (rc)
            return rc;
    }
    return conversation_note_outbound(db, d->conv.id, *id, now, !d->note);
}

/* Reply with message id as it is now. */
static void reply_message(struct http_request *req, int status, int64_t id)
{
    json_t *m = NULL;
    enum store_rc rc =
        message_get_json(http_db(req), http_principal(req)->account_id, id, &m);

    if (rc)
        api_reply_store_error(req, rc, NULL);
    else
        http_reply_json(req, status, m);
}

void api_messages_create(struct http_request *req)
{
    struct app *app = api_app(req);
    struct draft d = {0};
    struct account acc = {0};
    int64_t id = 0;
    bool dup = false;
    enum store_rc rc;

    if (!read_draft(req, &d))
        goto out;
    rc = account_get(http_db(req), d.conv.account_id, &acc);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        goto out;
    }
    if (!api_begin(req))
        goto out;
    rc = store_draft(req, &d, acc.undo_send_ms, &id, &dup);
    if (rc == STORE_CONSTRAINT && d.media_id) {
        db_rollback(http_db(req));
        http_reply_error(req, ERR_INVALID_FIELD,
                         "%s.id names no unsent upload of this inbox", d.type);
        goto out;
    }
    if (rc) {
        api_rollback(req, rc, "the message could not be stored");
        goto out;
    }
    if (dup) {
        db_rollback(http_db(req));
        reply_message(req, 200, id);
        goto out;
    }
    if (!emit_message(req, "message.created", id) ||
        !emit_conversation(req, d.conv.id))
        goto out;
    if (!d.note && app->channel)
        wa_dispatch_wake_on_commit(app->channel->dispatch, http_db(req));
    if (api_commit(req))
        reply_message(req, 201, id);
out:
    account_clear(&acc);
    draft_clear(&d);
}

void api_messages_cancel(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    enum outbox_cancel_rc result;
    int64_t id;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id) || !api_begin(req))
        return;
    rc = outbox_cancel(http_db(req), p->account_id, id, p->user_id,
                       p->role >= ROLE_SUPERVISOR, clock_now_ms(), &result);
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (result != OUTBOX_CANCELLED) {
        db_rollback(http_db(req));
        if (result == OUTBOX_CANCEL_NOT_FOUND)
            http_reply_error(req, ERR_NOT_FOUND, "no such outbound message");
        else if (result == OUTBOX_CANCEL_FORBIDDEN)
            http_reply_error(req, ERR_FORBIDDEN,
                             "only the sender or a supervisor can cancel "
                             "this message");
        else
            http_reply_error(req, ERR_CONFLICT,
                             "the message can no longer be cancelled: it "
                             "has left the queue or its undo time passed");
        return;
    }
    if (emit_message(req, "message.updated", id) && api_commit(req))
        reply_message(req, 200, id);
}

/* Reply with the Graph error of an answer that was not 2xx. */
static void reply_graph_failure(struct http_request *req,
                                const struct wa_graph_response *resp)
{
    struct wa_graph_error ge = {0};

    if (!resp->http_status) {
        http_reply_error(req, ERR_UPSTREAM, "WhatsApp did not answer: %s",
                         resp->error);
        return;
    }
    if (wa_graph_error_parse(resp->body, resp->len, &ge) == 0 && ge.code)
        http_reply_error(req, ERR_UPSTREAM, "WhatsApp refused (%lld): %s",
                         (long long)ge.code,
                         wa_graph_classify(ge.code, 0).agent_text);
    else
        http_reply_error(req, ERR_UPSTREAM, "WhatsApp answered HTTP %ld",
                         resp->http_status);
    wa_graph_error_clear(&ge);
}

/*
 * Mark the newest customer message of c read on WhatsApp, with the typing
 * indicator when typing. Sets *none when there is no customer message to
 * mark. Returns whether the caller may go on; replies when not.
 */
static bool post_read(struct http_request *req, const struct conversation *c,
                      bool typing, bool *none)
{
    struct app *app = api_app(req);
    struct wa_graph *g =
        app->channel ? wa_dispatch_graph(app->channel->dispatch) : NULL;
    struct wa_graph_target t = {0};
    struct wa_graph_response resp = {0};
    char *wamid = NULL, *url = NULL, *body = NULL;
    json_t *j;
    enum store_rc rc =
        outbox_last_inbound_wamid(http_db(req), c->account_id, c->id, &wamid);
    bool ok = false;

    *none = false;
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        goto out;
    }
    if (!wamid) {
        *none = true;
        ok = true;
        goto out;
    }
    if (!g) {
        http_reply_error(req, ERR_UNAVAILABLE, "the channel is not running");
        goto out;
    }
    rc = wa_graph_target_load(http_db(req), app->master_key, c->account_id,
                              c->inbox_id, &t);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        goto out;
    }
    j = typing ? wa_outbound_typing_body(wamid) : wa_outbound_read_body(wamid);
    body = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    url = xasprintf("%s/%s/messages", t.base, t.phone_number_id);
    wa_graph_call(g,
                  &(struct wa_graph_request){.method = "POST",
                                             .url = url,
                                             .token = t.token,
                                             .json_body = body,
                                             .timeout_ms = 10000},
                  &resp);
    ok = resp.http_status >= 200 && resp.http_status < 300;
    if (!ok)
        reply_graph_failure(req, &resp);
out:
    wa_graph_response_clear(&resp);
    wa_graph_target_clear(&t);
    free(wamid);
    free(url);
    free(body);
    return ok;
}

void api_conversation_read(struct http_request *req)
{
    struct conversation c;
    int64_t id;
    bool none;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id))
        return;
    rc =
        conversation_get(http_db(req), http_principal(req)->account_id, id, &c);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    if (!post_read(req, &c, false, &none) || !api_begin(req))
        return;
    rc = outbox_clear_unread(http_db(req), c.account_id, id, clock_now_ms());
    if (rc) {
        api_rollback(req, rc, NULL);
        return;
    }
    if (!emit_conversation(req, id) || !api_commit(req))
        return;
    rc = conversation_get(http_db(req), c.account_id, id, &c);
    if (rc)
        api_reply_store_error(req, rc, NULL);
    else
        http_reply_json(req, 200, conversation_json(&c));
}

/* Colleagues see who is typing in the conversation, whether or not the
 * customer's indicator goes out this time. Best effort. */
static void tell_colleagues_typing(struct http_request *req, int64_t id)
{
    struct http_principal *p = http_principal(req);
    struct user u;
    int64_t until;

    if (user_get(http_db(req), p->account_id, p->user_id, &u) != STORE_OK)
        return;
    presence_announce(p->account_id, p->user_id, u.name, id, "typing", &until);
    user_clear(&u);
}

void api_conversation_typing(struct http_request *req)
{
    struct app *app = api_app(req);
    struct conversation c;
    int64_t id;
    bool none;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id))
        return;
    rc =
        conversation_get(http_db(req), http_principal(req)->account_id, id, &c);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    tell_colleagues_typing(req, id);
    if (!app->channel || !app->channel->dispatch) {
        http_reply_error(req, ERR_UNAVAILABLE, "the channel is not running");
        return;
    }
    if (!wa_dispatch_typing_allowed(app->channel->dispatch, id,
                                    clock_now_ms())) {
        http_set_header(req, "Retry-After", "3");
        http_reply_error(req, ERR_RATE_LIMITED,
                         "one typing indicator per conversation every %d s",
                         WA_TYPING_INTERVAL_MS / 1000);
        return;
    }
    if (!post_read(req, &c, true, &none))
        return;
    if (none)
        http_reply_error(req, ERR_INVALID_FIELD,
                         "the customer has sent no message to answer");
    else
        http_reply_empty(req, 204);
}

/*
 * Webhook body → struct wa_batch. Walks entry[] → changes[] and hands each
 * change to a parser chosen by its field; item-level problems become
 * "unparsed" entries instead of failing the batch. See webhook.h.
 */
#include "whatsapp/webhook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "whatsapp/content.h"

/* Appends one zeroed element to a vector that doubles at powers of two,
 * so no capacity field is needed. Returns the (maybe moved) vector. */
static void *vec_push(void *v, size_t *n, size_t size)
{
    if (*n == 0 || (*n & (*n - 1)) == 0)
        v = xrealloc(v, (*n ? *n * 2 : 1) * size);
    memset((char *)v + *n * size, 0, size);
    (*n)++;
    return v;
}

#define PUSH(vec, n)                                                           \
    ((vec) = vec_push((vec), &(n), sizeof *(vec)), &(vec)[(n)-1])

static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* Seconds since the epoch, given as a string of digits or an integer, in
 * milliseconds; 0 when absent, malformed or out of range. */
static int64_t seconds_ms(const json_t *v)
{
    const char *s = json_string_value(v);
    long long secs;
    char *end;

    if (json_is_integer(v)) {
        secs = json_integer_value(v);
    } else {
        if (!s || *s < '0' || *s > '9')
            return 0;
        errno = 0;
        secs = strtoll(s, &end, 10);
        if (errno || *end)
            return 0;
    }
    if (secs < 0 || secs > INT64_MAX / 1000)
        return 0;
    return (int64_t)secs * 1000;
}

/* An int64 given as an integer or a string of digits; -1 if neither. */
static int64_t int64_of(const json_t *v)
{
    const char *s = json_string_value(v);
    long long n;
    char *end;

    if (json_is_integer(v))
        return json_integer_value(v) < 0 ? -1 : json_integer_value(v);
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    n = strtoll(s, &end, 10);
    return errno || *end ? -1 : n;
}

/* Records an item that could not be read, keeping a reference to it. */
static void add_unparsed(struct wa_batch *b, const struct wa_change *c,
                         const char *reason, json_t *raw)
{
    struct wa_unparsed *u = PUSH(b->unparsed, b->n_unparsed);

    u->change = c;
    u->reason = reason;
    u->raw = json_incref(raw);
}

/* Copies the members of a Cloud API error object; absent ones are 0. */
static void fill_error(struct wa_error *e, const json_t *obj)
{
    json_t *code = json_object_get(obj, "code");

    e->code = json_is_integer(code) ? json_integer_value(code) : 0;
    e->title = str(obj, "title");
    e->message = str(obj, "message");
    e->details = str(json_object_get(obj, "error_data"), "details");
}

/* The contacts[] element describing the sender: same BSUID or same wa_id.
 * NULL if none matches. */
static json_t *find_contact(const json_t *contacts, const char *wa_id,
                            const char *user_id)
{
    json_t *c;
    size_t i;

    json_array_foreach(contacts, i, c)
    {
        const char *cu = str(c, "user_id"), *cw = str(c, "wa_id");

        if ((user_id && cu && strcmp(user_id, cu) == 0) ||
            (wa_id && cw && strcmp(wa_id, cw) == 0))
            return c;
    }
    return NULL;
}

/* Sender identity: from the message, completed from its contacts[] entry
 * (which carries the BSUID and profile even when the message does not). */
static void fill_sender(struct wa_message *m, const json_t *msg,
                        const json_t *contacts)
{
    json_t *c, *profile;

    m->from = str(msg, "from");
    m->from_user_id = str(msg, "from_user_id");
    c = find_contact(contacts, m->from, m->from_user_id);
    if (!c)
        return;
    if (!m->from)
        m->from = str(c, "wa_id");
    if (!m->from_user_id)
        m->from_user_id = str(c, "user_id");
    profile = json_object_get(c, "profile");
    m->profile_name = str(profile, "name");
    m->username = str(profile, "username");
}

/* One messages[] element. Only a missing id or type makes it unparsed:
 * any other oddity is kept in the (raw) content. */
static void parse_message(struct wa_batch *b, const struct wa_change *c,
                          json_t *msg, const json_t *contacts)
{
    struct wa_message *m;
    json_t *referral = json_object_get(msg, "referral");

    if (!json_is_object(msg)) {
        add_unparsed(b, c, "message is not an object", msg);
        return;
    }
    if (!str(msg, "id")) {
        add_unparsed(b, c, "message has no id", msg);
        return;
    }
    if (!str(msg, "type")) {
        add_unparsed(b, c, "message has no type", msg);
        return;
    }

    m = PUSH(b->messages, b->n_messages);
    m->change = c;
    m->wamid = str(msg, "id");
    m->type = str(msg, "type");
    m->timestamp_ms = seconds_ms(json_object_get(msg, "timestamp"));
    fill_sender(m, msg, contacts);
    m->content = wa_content_normalise(msg);
    m->context = wa_content_context(json_object_get(msg, "context"));
    m->referral = json_is_object(referral) ? json_incref(referral) : NULL;
    m->errors = wa_content_errors(json_object_get(msg, "errors"));
    m->raw = json_incref(msg);
}

/* Conversation (omitted since v24 outside free entry points) and pricing
 * members of a status. */
static void fill_pricing(struct wa_status *s, const json_t *st)
{
    json_t *conv = json_object_get(st, "conversation");
    json_t *pricing = json_object_get(st, "pricing");
    json_t *billable = json_object_get(pricing, "billable");

    s->conversation_id = str(conv, "id");
    s->conversation_origin = str(json_object_get(conv, "origin"), "type");
    s->conversation_expiration_ms =
        seconds_ms(json_object_get(conv, "expiration_timestamp"));
    s->pricing_type = str(pricing, "type");
    s->pricing_category = str(pricing, "category");
    s->pricing_model = str(pricing, "pricing_model");
    s->billable = json_is_boolean(billable) ? json_is_true(billable) : -1;
}

/* The errors[] of a failed status, as structs the dispatcher can
 * classify; the array is owned by the status. */
static void fill_status_errors(struct wa_status *s, const json_t *errors)
{
    json_t *e;
    size_t i;

    if (!json_is_array(errors) || json_array_size(errors) == 0)
        return;
    s->errors = xcalloc(json_array_size(errors), sizeof *s->errors);
    json_array_foreach(errors, i, e) fill_error(&s->errors[s->n_errors++], e);
}

/* One statuses[] element; needs an id and a status. The recipient is
 * completed from the matching contacts[] entry. */
static void parse_status(struct wa_batch *b, const struct wa_change *c,
                         json_t *st, const json_t *contacts)
{
    json_t *contact;

    struct wa_status *s;

    if (!json_is_object(st)) {
        add_unparsed(b, c, "status is not an object", st);
        return;
    }
    if (!str(st, "id")) {
        add_unparsed(b, c, "status has no id", st);
        return;
    }
    if (!str(st, "status")) {
        add_unparsed(b, c, "status has no status", st);
        return;
    }

    s = PUSH(b->statuses, b->n_statuses);
    s->change = c;
    s->wamid = str(st, "id");
    s->status = str(st, "status");
    s->rank = wa_status_rank(s->status);
    s->timestamp_ms = seconds_ms(json_object_get(st, "timestamp"));
    s->recipient_id = str(st, "recipient_id");
    s->recipient_user_id = str(st, "recipient_user_id");
    s->biz_opaque_callback_data = str(st, "biz_opaque_callback_data");
    /* Since BSUIDs, sent/delivered/read statuses carry contacts[]; take the
     * user id from there so the ordering key matches the messages'. */
    contact = find_contact(contacts, s->recipient_id, s->recipient_user_id);
    if (!s->recipient_user_id)
        s->recipient_user_id = str(contact, "user_id");
    if (!s->recipient_id)
        s->recipient_id = str(contact, "wa_id");
    fill_pricing(s, st);
    fill_status_errors(s, json_object_get(st, "errors"));
    s->raw = json_incref(st);
}

/* Runs fn on every element of value[key]; a present non-array is itself
 * reported as unparsed. */
static void each(struct wa_batch *b, const struct wa_change *c, json_t *value,
                 const char *key, const char *not_array,
                 void (*fn)(struct wa_batch *, const struct wa_change *,
                            json_t *, const json_t *))
{
    json_t *list = json_object_get(value, key), *item;
    json_t *contacts = json_object_get(value, "contacts");
    size_t i;

    if (!list)
        return;
    if (!json_is_array(list)) {
        add_unparsed(b, c, not_array, value);
        return;
    }
    json_array_foreach(list, i, item) fn(b, c, item, contacts);
}

static void on_message(struct wa_batch *b, const struct wa_change *c,
                       json_t *item, const json_t *contacts)
{
    parse_message(b, c, item, contacts);
}

/* An smb_message_echoes element: parsed like a message, then the
 * customer is taken from to / to_user_id and their contacts[] entry. */
static void on_echo(struct wa_batch *b, const struct wa_change *c, json_t *item,
                    const json_t *contacts)
{
    size_t before = b->n_messages;
    struct wa_message *m;
    json_t *contact, *profile;

    parse_message(b, c, item, contacts);
    if (b->n_messages == before)
        return;
    m = &b->messages[b->n_messages - 1];
    m->echo = true;
    m->to = str(item, "to");
    m->to_user_id = str(item, "to_user_id");
    contact = find_contact(contacts, m->to, m->to_user_id);
    if (!m->to)
        m->to = str(contact, "wa_id");
    if (!m->to_user_id)
        m->to_user_id = str(contact, "user_id");
    profile = json_object_get(contact, "profile");
    m->profile_name = str(profile, "name");
    m->username = str(profile, "username");
}

static void on_status(struct wa_batch *b, const struct wa_change *c,
                      json_t *item, const json_t *contacts)
{
    parse_status(b, c, item, contacts);
}

/* A value-level errors[] element (not tied to one message). */
static void on_value_error(struct wa_batch *b, const struct wa_change *c,
                           json_t *item, const json_t *contacts)
{
    struct wa_value_error *e;

    if (!json_is_object(item)) {
        add_unparsed(b, c, "errors[] element is not an object", item);
        return;
    }
    e = PUSH(b->errors, b->n_errors);
    e->change = c;
    fill_error(&e->error, item);
}

/* A user_preferences[] element: needs a value and a user. */
static void on_preference(struct wa_batch *b, const struct wa_change *c,
                          json_t *item, const json_t *contacts)
{
    struct wa_preference *p;

    if (!json_is_object(item) || !str(item, "value") ||
        (!str(item, "wa_id") && !str(item, "user_id"))) {
        add_unparsed(b, c, "preference lacks value or user", item);
        return;
    }
    p = PUSH(b->preferences, b->n_preferences);
    p->change = c;
    p->wa_id = str(item, "wa_id");
    p->user_id = str(item, "user_id");
    p->category = str(item, "category");
    p->value = str(item, "value");
    p->detail = str(item, "detail");
    p->timestamp_ms = seconds_ms(json_object_get(item, "timestamp"));
    p->raw = json_incref(item);
}

/* The three template fields share one event struct; only the template
 * id is required. */
static void parse_template(struct wa_batch *b, const struct wa_change *c,
                           json_t *value)
{
    struct wa_template_event *t;
    int64_t id = int64_of(json_object_get(value, "message_template_id"));

    if (id < 0) {
        add_unparsed(b, c, "template update has no template id", value);
        return;
    }
    t = PUSH(b->templates, b->n_templates);
    t->change = c;
    t->template_id = id;
    t->name = str(value, "message_template_name");
    t->language = str(value, "message_template_language");
    t->event = str(value, "event");
    t->reason = str(value, "reason");
    t->category = str(value, "message_template_category");
    t->previous_quality = str(value, "previous_quality_score");
    t->new_quality = str(value, "new_quality_score");
    t->new_category = str(value, "new_category");
    t->raw = json_incref(value);
}

/* Fields not modelled here: kept whole so that nothing is lost. */
static void parse_other(struct wa_batch *b, const struct wa_change *c,
                        json_t *value)
{
    struct wa_other *o = PUSH(b->others, b->n_others);

    o->change = c;
    o->value = json_incref(value);
}

static bool is_template_field(const char *field)
{
    return strcmp(field, "message_template_status_update") == 0 ||
           strcmp(field, "message_template_quality_update") == 0 ||
           strcmp(field, "template_category_update") == 0;
}

/* Dispatches one change value by field. Value-level errors[] are read for
 * every field; fields not modelled here keep their whole value.
 * TODO: calls (connect, terminate, call statuses) are kept raw, not
 * parsed. */
static void parse_value(struct wa_batch *b, const struct wa_change *c,
                        json_t *value)
{
    if (strcmp(c->field, "messages") == 0) {
        each(b, c, value, "messages", "messages is not an array", on_message);
        each(b, c, value, "statuses", "statuses is not an array", on_status);
    } else if (strcmp(c->field, "smb_message_echoes") == 0) {
        each(b, c, value, "message_echoes", "message_echoes is not an array",
             on_echo);
    } else if (is_template_field(c->field)) {
        parse_template(b, c, value);
    } else if (strcmp(c->field, "user_preferences") == 0) {
        each(b, c, value, "user_preferences",
             "user_preferences is not an array", on_preference);
    } else {
        parse_other(b, c, value);
    }
    each(b, c, value, "errors", "errors is not an array", on_value_error);
}

/* One changes[] element under entry; a change without a field or value
 * object is unparsed, with no change to point to. */
static void parse_change(struct wa_batch *b, const json_t *entry,
                         json_t *change)
{
    json_t *value = json_object_get(change, "value");
    json_t *meta = json_object_get(value, "metadata");
    struct wa_change *c;

    if (!json_is_object(change) || !str(change, "field") ||
        !json_is_object(value)) {
        add_unparsed(b, NULL, "change lacks a field or a value object", change);
        return;
    }
    /* Capacity was reserved up front: items point into this array. */
    c = &b->changes[b->n_changes++];
    c->field = str(change, "field");
    c->waba_id = str(entry, "id");
    c->phone_number_id = str(meta, "phone_number_id");
    c->display_phone_number = str(meta, "display_phone_number");
    c->entry_time_ms = seconds_ms(json_object_get(entry, "time"));
    parse_value(b, c, value);
}

/* One entry[] element: every change in it. */
static void parse_entry(struct wa_batch *b, json_t *entry)
{
    json_t *changes = json_object_get(entry, "changes"), *change;
    size_t i;

    if (!json_is_object(entry) || !json_is_array(changes)) {
        add_unparsed(b, NULL, "entry lacks a changes array", entry);
        return;
    }
    json_array_foreach(changes, i, change) parse_change(b, entry, change);
}

/* Upper bound of the changes in the body, to size b->changes once. */
static size_t count_changes(const json_t *entries)
{
    size_t i, n = 0;
    json_t *e;

    json_array_foreach(entries, i, e) n +=
        json_array_size(json_object_get(e, "changes"));
    return n;
}

/* Checks the envelope; returns a reason, or NULL if it is a webhook. */
static const char *check_envelope(const json_t *root)
{
    const char *object;

    if (!json_is_object(root))
        return "body is not a JSON object";
    object = str(root, "object");
    if (!object)
        return "\"object\" is missing";
    if (strcmp(object, "whatsapp_business_account") != 0)
        return "\"object\" is not \"whatsapp_business_account\"";
    if (!json_is_array(json_object_get(root, "entry")))
        return "\"entry\" is not an array";
    return NULL;
}

int wa_webhook_parse(const char *body, size_t len, struct wa_batch **out,
                     char *err, size_t errlen)
{
    json_error_t jerr;
    json_t *root, *entries, *entry;
    struct wa_batch *b;
    const char *why;
    size_t i;

    *out = NULL;
    if (!body || len == 0) {
        snprintf(err, errlen, "body is empty");
        return -1;
    }
    root = json_loadb(body, len, 0, &jerr);
    if (!root) {
        /* jansson's text may quote the body; only say where it broke. */
        snprintf(err, errlen, "body is not valid JSON (line %d, column %d)",
                 jerr.line, jerr.column);
        return -1;
    }
    why = check_envelope(root);
    if (why) {
        snprintf(err, errlen, "%s", why);
        json_decref(root);
        return -1;
    }
    b = xcalloc(1, sizeof *b);
    b->root = root;
    entries = json_object_get(root, "entry");
    b->changes = xcalloc(count_changes(entries) + 1, sizeof *b->changes);
    json_array_foreach(entries, i, entry) parse_entry(b, entry);
    *out = b;
    return 0;
}

void wa_batch_free(struct wa_batch *b)
{
    size_t i;

    if (!b)
        return;
    for (i = 0; i < b->n_messages; i++) {
        json_decref(b->messages[i].content);
        json_decref(b->messages[i].context);
        json_decref(b->messages[i].referral);
        json_decref(b->messages[i].errors);
        json_decref(b->messages[i].raw);
    }
    for (i = 0; i < b->n_statuses; i++) {
        free(b->statuses[i].errors);
        json_decref(b->statuses[i].raw);
    }
    for (i = 0; i < b->n_templates; i++)
        json_decref(b->templates[i].raw);
    for (i = 0; i < b->n_preferences; i++)
        json_decref(b->preferences[i].raw);
    for (i = 0; i < b->n_others; i++)
        json_decref(b->others[i].value);
    for (i = 0; i < b->n_unparsed; i++)
        json_decref(b->unparsed[i].raw);
    free(b->messages);
    free(b->statuses);
    free(b->templates);
    free(b->preferences);
    free(b->errors);
    free(b->others);
    free(b->unparsed);
    free(b->changes);
    json_decref(b->root);
    free(b);
}

static const char *key_of(const char *user_id, const char *wa_id)
{
    return user_id ? user_id : wa_id;
}

const char *wa_message_contact_key(const struct wa_message *m)
{
    if (m->echo)
        return key_of(m->to_user_id, m->to);
    return key_of(m->from_user_id, m->from);
}

const char *wa_status_contact_key(const struct wa_status *s)
{
    return key_of(s->recipient_user_id, s->recipient_id);
}

const char *wa_preference_contact_key(const struct wa_preference *p)
{
    return key_of(p->user_id, p->wa_id);
}

enum wa_status_rank wa_status_rank(const char *status)
{
    static const struct {
        const char *name;
        enum wa_status_rank rank;
    } ranks[] = {
        {"sent", WA_STATUS_SENT},     {"delivered", WA_STATUS_DELIVERED},
        {"read", WA_STATUS_READ},     {"played", WA_STATUS_PLAYED},
        {"failed", WA_STATUS_FAILED},
    };

    for (size_t i = 0; status && i < sizeof ranks / sizeof *ranks; i++)
        if (strcmp(status, ranks[i].name) == 0)
            return ranks[i].rank;
    return WA_STATUS_UNKNOWN;
}

bool wa_status_may_replace(const char *current, const char *next)
{
    enum wa_status_rank cur = wa_status_rank(current);
    enum wa_status_rank nxt = wa_status_rank(next);

    if (nxt == WA_STATUS_UNKNOWN || cur == WA_STATUS_FAILED)
        return false;
    return nxt > cur;
}

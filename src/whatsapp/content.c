/*
 * Normalised content of inbound messages: one small function per Cloud API
 * message type, chosen from a table, each keeping only the members the
 * type defines. Anything that does not fit falls back to the raw object.
 */
#include "whatsapp/content.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A normaliser returns a new content object, or NULL with *why set. */
typedef json_t *(*normalise_cb)(const json_t *msg, const json_t *member,
                                const char **why);

/* Copies each listed member of src that exists into dst (shared refs:
 * scalars only, which jansson never mutates behind our back). */
static void copy_scalars(json_t *dst, const json_t *src,
                         const char *const *keys)
{
    for (; *keys; keys++) {
        json_t *v = json_object_get(src, *keys);

        if (v && !json_is_object(v) && !json_is_array(v))
            json_object_set(dst, *keys, v);
    }
}

/* A JSON number, or a string holding a whole decimal number, as a double.
 * Returns false for anything else. */
static bool number_of(const json_t *v, double *out)
{
    const char *s;
    char *end;

    if (json_is_number(v)) {
        *out = json_number_value(v);
        return true;
    }
    s = json_string_value(v);
    if (!s || !*s)
        return false;
    errno = 0;
    *out = strtod(s, &end);
    return errno == 0 && *end == '\0';
}

/* {"body"}; a text message without a string body is not normalised. */
static json_t *norm_text(const json_t *msg, const json_t *member,
                         const char **why)
{
    if (!json_is_string(json_object_get(member, "body"))) {
        *why = "text.body is missing";
        return NULL;
    }
    return json_pack("{s:O}", "body", json_object_get(member, "body"));
}

/* Media of every kind share one shape; only members Meta defines for
 * media are kept, as given (sha256 stays in whatever encoding Meta used). */
static json_t *norm_media(const json_t *msg, const json_t *member,
                          const char **why)
{
    static const char *const keys[] = {"id",      "mime_type", "sha256",
                                       "caption", "filename",  "url",
                                       "voice",   "animated",  NULL};
    json_t *out;

    if (!json_is_object(member)) {
        *why = "media member is missing";
        return NULL;
    }
    out = json_object();
    copy_scalars(out, member, keys);
    return out;
}

/* Coordinates become numbers even when sent as strings; a location
 * without a usable position is not normalised. */
static json_t *norm_location(const json_t *msg, const json_t *member,
                             const char **why)
{
    static const char *const keys[] = {"name", "address", "url", NULL};
    double lat, lon;
    json_t *out;

    if (!number_of(json_object_get(member, "latitude"), &lat) ||
        !number_of(json_object_get(member, "longitude"), &lon) ||
        !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
        *why = "location has no valid latitude/longitude";
        return NULL;
    }
    out = json_pack("{s:f,s:f}", "latitude", lat, "longitude", lon);
    copy_scalars(out, member, keys);
    return out;
}

/* Contact cards are already structured; keep them whole under a key so
 * that content stays an object. */
static json_t *norm_contacts(const json_t *msg, const json_t *member,
                             const char **why)
{
    if (!json_is_array(member)) {
        *why = "contacts is not an array";
        return NULL;
    }
    return json_pack("{s:o}", "contacts", json_deep_copy(member));
}

/* nfm_reply carries the flow's answer as a JSON string; keep the string
 * and, when it parses to an object, the parsed form too. */
static json_t *norm_nfm_reply(const json_t *reply)
{
    static const char *const keys[] = {"name", "body", "response_json", NULL};
    const char *rj = json_string_value(json_object_get(reply, "response_json"));
    json_t *out = json_pack("{s:s}", "type", "nfm_reply");
    json_t *parsed = rj ? json_loads(rj, 0, NULL) : NULL;

    copy_scalars(out, reply, keys);
    if (!json_is_object(parsed)) {
        json_decref(parsed);
        parsed = json_null();
    }
    json_object_set_new(out, "response", parsed);
    return out;
}

/* A reply to an interactive message we sent. Button and list replies are
 * flattened; subtypes this code does not know keep their object. */
static json_t *norm_interactive(const json_t *msg, const json_t *member,
                                const char **why)
{
    static const char *const keys[] = {"id", "title", "description", NULL};
    const char *sub = json_string_value(json_object_get(member, "type"));
    json_t *reply, *out;

    if (!sub) {
        *why = "interactive.type is missing";
        return NULL;
    }
    reply = json_object_get(member, sub);
    if (!json_is_object(reply)) {
        *why = "interactive reply object is missing";
        return NULL;
    }
    if (strcmp(sub, "nfm_reply") == 0)
        return norm_nfm_reply(reply);
    out = json_pack("{s:s}", "type", sub);
    if (strcmp(sub, "button_reply") == 0 || strcmp(sub, "list_reply") == 0)
        copy_scalars(out, reply, keys);
    else
        json_object_set_new(out, sub, json_deep_copy(reply));
    return out;
}

/* A quick-reply tap on a template: the payload we set and its label. */
static json_t *norm_button(const json_t *msg, const json_t *member,
                           const char **why)
{
    static const char *const keys[] = {"payload", "text", NULL};
    json_t *out;

    if (!json_is_object(member)) {
        *why = "button member is missing";
        return NULL;
    }
    out = json_object();
    copy_scalars(out, member, keys);
    return out;
}

/* A removal arrives as "emoji":"" or with no emoji at all; both become
 * emoji null + removed true so that consumers test one thing. */
static json_t *norm_reaction(const json_t *msg, const json_t *member,
                             const char **why)
{
    json_t *id = json_object_get(member, "message_id");
    const char *emoji = json_string_value(json_object_get(member, "emoji"));
    bool removed = !emoji || !*emoji;

    if (!json_is_string(id)) {
        *why = "reaction.message_id is missing";
        return NULL;
    }
    return json_pack("{s:O,s:o,s:b}", "message_id", id, "emoji",
                     removed ? json_null() : json_string(emoji), "removed",
                     removed);
}

/* Quantity arrives as a number or as a string; store an integer. */
static json_t *norm_order_item(const json_t *item)
{
    static const char *const keys[] = {"product_retailer_id", "item_price",
                                       "currency", NULL};
    json_t *out;
    double q;

    if (!json_is_object(item) ||
        !number_of(json_object_get(item, "quantity"), &q) ||
        !(q >= 0 && q <= 1e9) || q != (double)(json_int_t)q)
        return NULL;
    out = json_pack("{s:I}", "quantity", (json_int_t)q);
    copy_scalars(out, item, keys);
    return out;
}

/* A cart from the catalogue; fails if any item lacks a usable quantity,
 * since a half-read order would mislead an agent. */
static json_t *norm_order(const json_t *msg, const json_t *member,
                          const char **why)
{
    static const char *const keys[] = {"catalog_id", "text", NULL};
    json_t *items = json_object_get(member, "product_items");
    json_t *out, *list, *it;
    size_t i;

    if (!json_is_array(items)) {
        *why = "order.product_items is not an array";
        return NULL;
    }
    list = json_array();
    json_array_foreach(items, i, it)
    {
        json_t *n = norm_order_item(it);

        if (!n) {
            json_decref(list);
            *why = "order item has no valid quantity";
            return NULL;
        }
        json_array_append_new(list, n);
    }
    out = json_pack("{s:o}", "product_items", list);
    copy_scalars(out, member, keys);
    return out;
}

/* Number and identity changes. The identity object is a sibling of
 * "system" in the message, not a member of it. */
static json_t *norm_system(const json_t *msg, const json_t *member,
                           const char **why)
{
    static const char *const keys[] = {"type", "body", "wa_id", "customer",
                                       NULL};
    json_t *identity = json_object_get(msg, "identity");
    json_t *out;

    if (!json_is_object(member)) {
        *why = "system member is missing";
        return NULL;
    }
    out = json_object();
    copy_scalars(out, member, keys);
    if (json_is_object(identity))
        json_object_set_new(out, "identity", json_deep_copy(identity));
    return out;
}

/* Types with no payload of their own (request_welcome). */
static json_t *norm_empty(const json_t *msg, const json_t *member,
                          const char **why)
{
    return json_object();
}

/* The customer deleted an earlier message. */
static json_t *norm_revoke(const json_t *msg, const json_t *member,
                           const char **why)
{
    json_t *orig = json_object_get(member, "original_message_id");

    if (!json_is_string(orig)) {
        *why = "revoke.original_message_id is missing";
        return NULL;
    }
    return json_pack("{s:O}", "original_message_id", orig);
}

/* Picks the normaliser for msg's type; depth counts enclosing edits.
 * Never returns NULL. */
static json_t *normalise_at(const json_t *msg, int depth);

/* The new version inside an edit is itself a message object; it is
 * normalised once more, but an edit of an edit is kept raw. */
static json_t *norm_edit(const json_t *msg, const json_t *member,
                         const char **why)
{
    json_t *orig = json_object_get(member, "original_message_id");
    json_t *inner = json_object_get(member, "message");
    json_t *type = json_object_get(inner, "type");
    json_t *ctx, *m;

    if (!json_is_string(orig) || !json_is_string(type)) {
        *why = "edit.original_message_id or edit.message.type is missing";
        return NULL;
    }
    m = json_pack("{s:O,s:o}", "type", type, "content", normalise_at(inner, 1));
    ctx = wa_content_context(json_object_get(inner, "context"));
    if (ctx)
        json_object_set_new(m, "context", ctx);
    return json_pack("{s:O,s:o}", "original_message_id", orig, "message", m);
}

static const struct {
    const char *type;
    normalise_cb fn;
} normalisers[] = {
    {"text", norm_text},
    {"image", norm_media},
    {"audio", norm_media},
    {"video", norm_media},
    {"document", norm_media},
    {"sticker", norm_media},
    {"location", norm_location},
    {"contacts", norm_contacts},
    {"interactive", norm_interactive},
    {"button", norm_button},
    {"reaction", norm_reaction},
    {"order", norm_order},
    {"system", norm_system},
    {"request_welcome", norm_empty},
    {"revoke", norm_revoke},
    {"edit", norm_edit},
};

/* The fallback: the whole message, with what is known about why. */
static json_t *raw_content(const json_t *msg, const char *why)
{
    json_t *out = json_pack("{s:o}", "raw", json_deep_copy(msg));
    json_t *unsup = json_object_get(msg, "unsupported");
    json_t *utype = json_object_get(unsup, "type");

    if (json_is_string(utype))
        json_object_set(out, "unsupported_type", utype);
    if (why)
        json_object_set_new(out, "unsupported_reason", json_string(why));
    return out;
}

static json_t *normalise_at(const json_t *msg, int depth)
{
    const char *type = json_string_value(json_object_get(msg, "type"));
    const char *why = NULL;
    json_t *out;

    if (!type)
        return raw_content(msg, "type is missing");
    for (size_t i = 0; i < sizeof normalisers / sizeof *normalisers; i++) {
        if (strcmp(type, normalisers[i].type) != 0)
            continue;
        if (depth > 0 && normalisers[i].fn == norm_edit)
            return raw_content(msg, "nested edit");
        out = normalisers[i].fn(msg, json_object_get(msg, type), &why);
        return out ? out : raw_content(msg, why);
    }
    /* unsupported, unknown and types newer than this code. */
    return raw_content(msg, NULL);
}

json_t *wa_content_normalise(const json_t *msg)
{
    return normalise_at(msg, 0);
}

json_t *wa_content_context(const json_t *ctx)
{
    static const char *const keys[] = {"id", "from", "forwarded",
                                       "frequently_forwarded", NULL};
    static const char *const product[] = {"catalog_id", "product_retailer_id",
                                          NULL};
    json_t *rp = json_object_get(ctx, "referred_product");
    json_t *out;

    if (!json_is_object(ctx))
        return NULL;
    out = json_object();
    copy_scalars(out, ctx, keys);
    if (json_is_object(rp)) {
        json_t *p = json_object();

        copy_scalars(p, rp, product);
        json_object_set_new(out, "referred_product", p);
    }
    return out;
}

json_t *wa_content_errors(const json_t *errors)
{
    static const char *const keys[] = {"code", "title", "message", NULL};
    json_t *out, *e;
    size_t i;

    if (!json_is_array(errors) || json_array_size(errors) == 0)
        return NULL;
    out = json_array();
    json_array_foreach(errors, i, e)
    {
        json_t *n = json_object();
        json_t *details =
            json_object_get(json_object_get(e, "error_data"), "details");

        copy_scalars(n, e, keys);
        if (json_is_string(details))
            json_object_set(n, "details", details);
        json_array_append_new(out, n);
    }
    return out;
}

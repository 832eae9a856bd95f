/*
 * Validation and Graph bodies for outbound messages. Each message type has
 * a checker; checkers report the first problem as "<field path> <what is
 * wrong>" through struct check, so the REST API can return it verbatim.
 */
#include "whatsapp/outbound.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Where a checker writes its complaint. */
struct check {
    char *err;
    size_t errlen;
};

static int fail(struct check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct check *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, c->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

size_t wa_utf8_length(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Checks obj[key] is a string of at most max code points (0: no limit);
 * required says whether it may be absent. An empty required string is
 * refused too: Meta rejects it later with a less helpful error. */
static int check_str(struct check *c, const json_t *obj, const char *path,
                     const char *key, bool required, size_t max)
{
    json_t *v = json_object_get(obj, key);
    const char *s = json_string_value(v);

    if (!v && !required)
        return 0;
    if (!v)
        return fail(c, "%s.%s is required", path, key);
    if (!s)
        return fail(c, "%s.%s must be a string", path, key);
    if (required && !*s)
        return fail(c, "%s.%s must not be empty", path, key);
    if (max && wa_utf8_length(s) > max)
        return fail(c, "%s.%s is longer than %zu characters", path, key, max);
    return 0;
}

/* obj[key], when present, must be a JSON boolean. */
static int check_bool(struct check *c, const json_t *obj, const char *path,
                      const char *key)
{
    json_t *v = json_object_get(obj, key);

    if (v && !json_is_boolean(v))
        return fail(c, "%s.%s must be true or false", path, key);
    return 0;
}

/* v must be an object; path names it in the complaint. */
static int check_object(struct check *c, const json_t *v, const char *path)
{
    return json_is_object(v) ? 0 : fail(c, "%s must be an object", path);
}

/* Refuses members other than the listed ones: a misspelt optional field
 * would otherwise be silently ignored by us and rejected by Meta. */
static int check_keys(struct check *c, const json_t *obj, const char *path,
                      const char *const *allowed)
{
    const char *key;
    json_t *v;

    json_object_foreach((json_t *)obj, key, v)
    {
        const char *const *a = allowed;

        while (*a && strcmp(*a, key) != 0)
            a++;
        if (!*a)
            return fail(c, "%s.%s is not a known field", path, key);
    }
    return 0;
}

/* An absolute http(s) URL with something after the scheme. */
static bool is_url(const char *s)
{
    return s &&
           (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
           strlen(s) > 8;
}

/* Media by uploaded id or by link: exactly one of the two. */
static int check_media_ref(struct check *c, const json_t *m, const char *path)
{
    json_t *id = json_object_get(m, "id"), *link = json_object_get(m, "link");

    if (!id == !link)
        return fail(c, "%s needs exactly one of id and link", path);
    if (id)
        return check_str(c, m, path, "id", true, 128);
    if (!is_url(json_string_value(link)))
        return fail(c, "%s.link must be an http(s) URL", path);
    return check_str(c, m, path, "link", true, 2000);
}

/*
 * The checkers below take the type member of the message (m) and the type
 * name, and return 0 or -1 after writing the first problem found.
 */

/* Text: body up to 4096 characters, optional preview_url. */
static int check_text(struct check *c, const json_t *m, const char *type)
{
    static const char *const keys[] = {"body", "preview_url", NULL};

    if (check_keys(c, m, "text", keys) ||
        check_str(c, m, "text", "body", true, 4096))
        return -1;
    return check_bool(c, m, "text", "preview_url");
}

/* Media by id or link; captions on image, video and document only,
 * filename on documents, voice on audio. */
static int check_media(struct check *c, const json_t *m, const char *type)
{
    static const char *const keys[] = {"id",       "link",  "caption",
                                       "filename", "voice", NULL};
    bool captioned = strcmp(type, "audio") != 0 && strcmp(type, "sticker");

    if (check_keys(c, m, type, keys) || check_media_ref(c, m, type))
        return -1;
    if (json_object_get(m, "caption") && !captioned)
        return fail(c, "%s.caption is not allowed", type);
    if (json_object_get(m, "filename") && strcmp(type, "document") != 0)
        return fail(c, "%s.filename is only for documents", type);
    if (json_object_get(m, "voice") && strcmp(type, "audio") != 0)
        return fail(c, "%s.voice is only for audio", type);
    if (check_str(c, m, type, "caption", false, 1024) ||
        check_str(c, m, type, "filename", false, 240))
        return -1;
    return check_bool(c, m, type, "voice");
}

/* A coordinate must be a JSON number within [-limit, limit]. */
static int check_coordinate(struct check *c, const json_t *m, const char *key,
                            double limit)
{
    json_t *v = json_object_get(m, key);
    double d = json_number_value(v);

    if (!json_is_number(v))
        return fail(c, "location.%s must be a number", key);
    if (!(d >= -limit && d <= limit))
        return fail(c, "location.%s must be between %g and %g", key, -limit,
                    limit);
    return 0;
}

/* A point with an optional name and address. */
static int check_location(struct check *c, const json_t *m, const char *type)
{
    static const char *const keys[] = {"latitude", "longitude", "name",
                                       "address", NULL};

    if (check_keys(c, m, "location", keys) ||
        check_coordinate(c, m, "latitude", 90) ||
        check_coordinate(c, m, "longitude", 180))
        return -1;
    if (check_str(c, m, "location", "name", false, 1000))
        return -1;
    return check_str(c, m, "location", "address", false, 1000);
}

/* One contact card: a formatted name is the only required member. */
static int check_contact(struct check *c, const json_t *card, size_t i)
{
    char path[64];
    json_t *phones = json_object_get(card, "phones");

    snprintf(path, sizeof path, "contacts[%zu]", i);
    if (check_object(c, card, path))
        return -1;
    snprintf(path, sizeof path, "contacts[%zu].name", i);
    if (check_object(c, json_object_get(card, "name"), path) ||
        check_str(c, json_object_get(card, "name"), path, "formatted_name",
                  true, 1000))
        return -1;
    if (phones && !json_is_array(phones))
        return fail(c, "contacts[%zu].phones must be an array", i);
    return 0;
}

/* Contacts is an array of cards rather than an object. */
static int check_contacts(struct check *c, const json_t *m, const char *type)
{
    json_t *card;
    size_t i;

    if (!json_is_array(m) || json_array_size(m) == 0)
        return fail(c, "contacts must be a non-empty array");
    json_array_foreach(m, i, card) if (check_contact(c, card, i)) return -1;
    return 0;
}

/* A reaction to one of the conversation's messages. */
static int check_reaction(struct check *c, const json_t *m, const char *type)
{
    static const char *const keys[] = {"message_id", "emoji", NULL};

    if (check_keys(c, m, "reaction", keys) ||
        check_str(c, m, "reaction", "message_id", true, 256))
        return -1;
    /* "" removes a reaction, so the emoji may be empty but not absent. */
    if (!json_is_string(json_object_get(m, "emoji")))
        return fail(c, "reaction.emoji must be a string (\"\" removes)");
    return check_str(c, m, "reaction", "emoji", false, 10);
}

/* The optional header of an interactive message. List messages take a
 * text header only. */
static int check_header(struct check *c, const json_t *h, bool text_only)
{
    const char *type = json_string_value(json_object_get(h, "type"));

    if (!h)
        return 0;
    if (check_object(c, h, "interactive.header"))
        return -1;
    if (!type)
        return fail(c, "interactive.header.type is required");
    if (strcmp(type, "text") == 0)
        return check_str(c, h, "interactive.header", "text", true, 60);
    if (text_only || (strcmp(type, "image") && strcmp(type, "video") &&
                      strcmp(type, "document")))
        return fail(c, "interactive.header.type \"%s\" is not allowed here",
                    type);
    if (check_object(c, json_object_get(h, type), "interactive.header"))
        return -1;
    return check_media_ref(c, json_object_get(h, type), "interactive.header");
}

/* True if id already appears among the first n ids of seen. */
static bool seen_before(const char **seen, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(seen[i], id) == 0)
            return true;
    return false;
}

/* Reply button i of at most three; ids collects ids to refuse repeats
 * (Meta requires them unique). */
static int check_reply_button(struct check *c, const json_t *b, size_t i,
                              const char **ids)
{
    char path[64];
    json_t *reply = json_object_get(b, "reply");

    snprintf(path, sizeof path, "interactive.action.buttons[%zu]", i);
    if (check_object(c, b, path))
        return -1;
    if (!json_string_value(json_object_get(b, "type")) ||
        strcmp(json_string_value(json_object_get(b, "type")), "reply") != 0)
        return fail(c, "%s.type must be \"reply\"", path);
    snprintf(path, sizeof path, "interactive.action.buttons[%zu].reply", i);
    if (check_object(c, reply, path) ||
        check_str(c, reply, path, "id", true, 256) ||
        check_str(c, reply, path, "title", true, 20))
        return -1;
    ids[i] = json_string_value(json_object_get(reply, "id"));
    if (seen_before(ids, i, ids[i]))
        return fail(c, "%s.id repeats an earlier button's id", path);
    return 0;
}

/* The buttons of an interactive "button" message: one to three. */
static int check_buttons(struct check *c, const json_t *action)
{
    json_t *buttons = json_object_get(action, "buttons"), *b;
    const char *ids[3];
    size_t i;

    if (!json_is_array(buttons) || json_array_size(buttons) == 0)
        return fail(c, "interactive.action.buttons must be a non-empty "
                       "array");
    if (json_array_size(buttons) > 3)
        return fail(c,
                    "interactive.action.buttons has %zu buttons (at "
                    "most 3)",
                    json_array_size(buttons));
    json_array_foreach(buttons, i,
                       b) if (check_reply_button(c, b, i, ids)) return -1;
    return 0;
}

/* Row r of section s; ids holds the n_ids row ids seen so far. */
static int check_row(struct check *c, const json_t *row, size_t s, size_t r,
                     const char **ids, size_t n_ids)
{
    char path[80];

    snprintf(path, sizeof path, "interactive.action.sections[%zu].rows[%zu]", s,
             r);
    if (check_object(c, row, path) ||
        check_str(c, row, path, "id", true, 200) ||
        check_str(c, row, path, "title", true, 24) ||
        check_str(c, row, path, "description", false, 72))
        return -1;
    ids[n_ids] = json_string_value(json_object_get(row, "id"));
    if (seen_before(ids, n_ids, ids[n_ids]))
        return fail(c, "%s.id repeats an earlier row's id", path);
    return 0;
}

/* Rows of one section, appended to ids; *n_ids counts rows so far and the
 * list as a whole may hold at most 10. */
static int check_section(struct check *c, const json_t *sec, size_t s,
                         bool titled, const char **ids, size_t *n_ids)
{
    json_t *rows = json_object_get(sec, "rows"), *row;
    char path[64];
    size_t r;

    snprintf(path, sizeof path, "interactive.action.sections[%zu]", s);
    if (check_object(c, sec, path) ||
        check_str(c, sec, path, "title", titled, 24))
        return -1;
    if (!json_is_array(rows) || json_array_size(rows) == 0)
        return fail(c, "%s.rows must be a non-empty array", path);
    json_array_foreach(rows, r, row)
    {
        if (*n_ids == 10)
            return fail(c,
                        "%s.rows[%zu] is one row too many (at most 10 "
                        "in all sections)",
                        path, r);
        if (check_row(c, row, s, r, ids, *n_ids))
            return -1;
        (*n_ids)++;
    }
    return 0;
}

/* A list: its opening button label, 1 to 10 sections, and 10 rows at most
 * in all; section titles are required once there are several. */
static int check_list(struct check *c, const json_t *action)
{
    json_t *sections = json_object_get(action, "sections"), *sec;
    const char *ids[10];
    size_t s, n_ids = 0, n = json_array_size(sections);

    if (check_str(c, action, "interactive.action", "button", true, 20))
        return -1;
    if (!json_is_array(sections) || n == 0)
        return fail(c, "interactive.action.sections must be a non-empty "
                       "array");
    if (n > 10)
        return fail(c,
                    "interactive.action.sections has %zu sections (at "
                    "most 10)",
                    n);
    json_array_foreach(
        sections, s,
        sec) if (check_section(c, sec, s, n > 1, ids, &n_ids)) return -1;
    return 0;
}

/* A single call-to-action URL button. */
static int check_cta_url(struct check *c, const json_t *action)
{
    const char *name = json_string_value(json_object_get(action, "name"));
    json_t *p = json_object_get(action, "parameters");
    const char *path = "interactive.action.parameters";

    if (!name || strcmp(name, "cta_url") != 0)
        return fail(c, "interactive.action.name must be \"cta_url\"");
    if (check_object(c, p, path) ||
        check_str(c, p, path, "display_text", true, 20) ||
        check_str(c, p, path, "url", true, 2000))
        return -1;
    if (!is_url(json_string_value(json_object_get(p, "url"))))
        return fail(c, "%s.url must be an http(s) URL", path);
    return 0;
}

/* Interactive messages: common header, body and footer, then the action
 * of the subtype. */
static int check_interactive(struct check *c, const json_t *m, const char *type)
{
    static const char *const keys[] = {"type",   "header", "body",
                                       "footer", "action", NULL};
    const char *sub = json_string_value(json_object_get(m, "type"));
    json_t *action = json_object_get(m, "action");
    bool list = sub && strcmp(sub, "list") == 0;

    if (check_keys(c, m, "interactive", keys))
        return -1;
    if (!sub || (!list && strcmp(sub, "button") && strcmp(sub, "cta_url")))
        return fail(c, "interactive.type must be button, list or cta_url");
    if (check_header(c, json_object_get(m, "header"), list) ||
        check_object(c, json_object_get(m, "body"), "interactive.body") ||
        check_str(c, json_object_get(m, "body"), "interactive.body", "text",
                  true, list ? 4096 : 1024))
        return -1;
    if (json_object_get(m, "footer") &&
        (check_object(c, json_object_get(m, "footer"), "interactive.footer") ||
         check_str(c, json_object_get(m, "footer"), "interactive.footer",
                   "text", true, 60)))
        return -1;
    if (check_object(c, action, "interactive.action"))
        return -1;
    if (list)
        return check_list(c, action);
    return strcmp(sub, "button") == 0 ? check_buttons(c, action)
                                      : check_cta_url(c, action);
}

/* One template parameter: text-like types need their string; the rest
 * need their member object. */
static int check_parameter(struct check *c, const json_t *p, const char *path)
{
    const char *type = json_string_value(json_object_get(p, "type"));

    if (check_object(c, p, path))
        return -1;
    if (!type)
        return fail(c, "%s.type is required", path);
    if (strcmp(type, "text") == 0)
        return check_str(c, p, path, "text", true, 32768);
    if (strcmp(type, "payload") == 0)
        return check_str(c, p, path, "payload", true, 1000);
    if (strcmp(type, "coupon_code") == 0)
        return check_str(c, p, path, "coupon_code", true, 20);
    /* currency, date_time, media, location, action: Meta checks the
     * member; we only need it to be there. */
    return check_object(c, json_object_get(p, type), path);
}

/* Component i of a template send: a type and well-formed parameters.
 * Counting against the template is wa_template_check_send()'s job. */
static int check_component(struct check *c, const json_t *comp, size_t i)
{
    json_t *params = json_object_get(comp, "parameters"), *p;
    char path[80];
    size_t j;

    snprintf(path, sizeof path, "template.components[%zu]", i);
    if (check_object(c, comp, path) ||
        check_str(c, comp, path, "type", true, 0))
        return -1;
    if (params && !json_is_array(params))
        return fail(c, "%s.parameters must be an array", path);
    json_array_foreach(params, j, p)
    {
        snprintf(path, sizeof path, "template.components[%zu].parameters[%zu]",
                 i, j);
        if (check_parameter(c, p, path))
            return -1;
    }
    return 0;
}

/* A template send: name, language code and optional components. */
static int check_template(struct check *c, const json_t *m, const char *type)
{
    static const char *const keys[] = {"name", "language", "components", NULL};
    json_t *comps = json_object_get(m, "components"), *comp;
    size_t i;

    if (check_keys(c, m, "template", keys) ||
        check_str(c, m, "template", "name", true, 512) ||
        check_object(c, json_object_get(m, "language"), "template.language") ||
        check_str(c, json_object_get(m, "language"), "template.language",
                  "code", true, 15))
        return -1;
    if (comps && !json_is_array(comps))
        return fail(c, "template.components must be an array");
    json_array_foreach(comps, i,
                       comp) if (check_component(c, comp, i)) return -1;
    return 0;
}

typedef int (*check_cb)(struct check *c, const json_t *member,
                        const char *type);

static const struct {
    const char *type;
    check_cb fn;
} checkers[] = {
    {"text", check_text},         {"image", check_media},
    {"video", check_media},       {"document", check_media},
    {"audio", check_media},       {"sticker", check_media},
    {"location", check_location}, {"contacts", check_contacts},
    {"reaction", check_reaction}, {"interactive", check_interactive},
    {"template", check_template},
};

/* The checker for a sendable type, or NULL. */
static check_cb find_checker(const char *type)
{
    for (size_t i = 0; type && i < sizeof checkers / sizeof *checkers; i++)
        if (strcmp(type, checkers[i].type) == 0)
            return checkers[i].fn;
    return NULL;
}

/* The envelope around the type member: context and callback data. */
static int check_envelope(struct check *c, const json_t *msg, const char *type)
{
    json_t *ctx = json_object_get(msg, "context");
    const char *key;
    json_t *v;

    json_object_foreach((json_t *)msg, key, v)
    {
        if (strcmp(key, "type") && strcmp(key, type) &&
            strcmp(key, "context") && strcmp(key, "biz_opaque_callback_data"))
            return fail(c, "%s is not a known field", key);
    }
    if (ctx && strcmp(type, "reaction") == 0)
        return fail(c, "context is not allowed on a reaction");
    if (ctx && (check_object(c, ctx, "context") ||
                check_str(c, ctx, "context", "message_id", true, 256)))
        return -1;
    return check_str(c, msg, "message", "biz_opaque_callback_data", false, 512);
}

int wa_outbound_validate(const json_t *msg, char *err, size_t errlen)
{
    struct check c = {err, errlen};
    const char *type = json_string_value(json_object_get(msg, "type"));
    check_cb fn = find_checker(type);

    if (!json_is_object(msg))
        return fail(&c, "message must be a JSON object");
    if (!type)
        return fail(&c, "type is required");
    if (!fn)
        return fail(&c, "type \"%s\" cannot be sent", type);
    if (check_envelope(&c, msg, type))
        return -1;
    if (strcmp(type, "contacts") != 0 &&
        check_object(&c, json_object_get(msg, type), type))
        return -1;
    return fn(&c, json_object_get(msg, type), type);
}

/* A phone number as Meta accepts it: digits with optional '+', spaces,
 * dashes and parentheses; 6 to 20 digits. */
static bool valid_phone(const char *s)
{
    size_t digits = 0;

    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!strchr("+-() ", *s))
            return false;
    }
    return digits >= 6 && digits <= 20;
}

/* A BSUID: two upper-case letters, '.', then letters, digits and dots. */
static bool valid_bsuid(const char *s)
{
    size_t n = strlen(s);

    if (n < 4 || n > 128 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' ||
        s[1] > 'Z' || s[2] != '.')
        return false;
    return strspn(s + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"
                         "xyz0123456789.") == n - 3;
}

/* At least one of to and recipient, each well-formed. */
static int check_recipient(struct check *c, const char *to,
                           const char *recipient)
{
    if (!to && !recipient)
        return fail(c, "a recipient (phone number or user id) is required");
    if (to && !valid_phone(to))
        return fail(c, "to is not a phone number");
    if (recipient && !valid_bsuid(recipient))
        return fail(c, "recipient is not a WhatsApp user id");
    return 0;
}

json_t *wa_outbound_build(const json_t *msg, const char *to,
                          const char *recipient, const char *biz_opaque,
                          char *err, size_t errlen)
{
    struct check c = {err, errlen};
    const char *type;
    json_t *body, *ctx, *opaque;

    if (wa_outbound_validate(msg, err, errlen) ||
        check_recipient(&c, to, recipient))
        return NULL;
    if (biz_opaque && wa_utf8_length(biz_opaque) > 512) {
        fail(&c, "biz_opaque_callback_data is longer than 512 characters");
        return NULL;
    }
    type = json_string_value(json_object_get(msg, "type"));
    body = json_pack("{s:s,s:s,s:s,s:o}", "messaging_product", "whatsapp",
                     "recipient_type", "individual", "type", type, type,
                     json_deep_copy(json_object_get(msg, type)));
    if (to)
        json_object_set_new(body, "to", json_string(to));
    if (recipient)
        json_object_set_new(body, "recipient", json_string(recipient));
    ctx = json_object_get(msg, "context");
    if (ctx)
        json_object_set_new(body, "context",
                            json_pack("{s:O}", "message_id",
                                      json_object_get(ctx, "message_id")));
    opaque =
        biz_opaque
            ? json_string(biz_opaque)
            : json_incref(json_object_get(msg, "biz_opaque_callback_data"));
    if (opaque)
        json_object_set_new(body, "biz_opaque_callback_data", opaque);
    return body;
}

json_t *wa_outbound_read_body(const char *wamid)
{
    return json_pack("{s:s,s:s,s:s}", "messaging_product", "whatsapp", "status",
                     "read", "message_id", wamid);
}

json_t *wa_outbound_typing_body(const char *wamid)
{
    json_t *body = wa_outbound_read_body(wamid);

    json_object_set_new(body, "typing_indicator",
                        json_pack("{s:s}", "type", "text"));
    return body;
}

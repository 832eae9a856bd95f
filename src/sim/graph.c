/*
 * The simulated Graph API for messages: request checks in Meta's order
 * (version, token, phone-number id, payload, throughput, window, template,
 * pair rate), Meta's error envelope, the success answer, and the status
 * webhooks that follow an accepted message.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/mem.h"
#include "http/http.h"
#include "sim/sim_internal.h"

#define WINDOW_MS (24LL * 3600 * 1000)

struct graph_error {
    int code;
    int status;
    const char *title;
};

/* The codes the simulator answers with, their HTTP status and title. */
static const struct graph_error graph_errors[] = {
    {0, 401, "AuthException"},
    {2, 503, "Service temporarily unavailable"},
    {4, 400, "Application request limit reached"},
    {100, 400, "Invalid parameter"},
    {190, 401, "Invalid OAuth access token - Cannot parse access token"},
    {130429, 400, "Rate limit hit"},
    {131000, 500, "Something went wrong"},
    {131008, 400, "Required parameter is missing"},
    {131009, 400, "Parameter value is not valid"},
    {131016, 500, "Service unavailable"},
    {131021, 400, "Recipient cannot be sender"},
    {131026, 400, "Message undeliverable"},
    {131047, 400, "Re-engagement message"},
    {131048, 400, "Spam rate limit hit"},
    {131049, 400,
     "This message was not delivered to maintain healthy "
     "ecosystem engagement."},
    {131051, 400, "Unsupported message type"},
    {131053, 400, "Media upload error"},
    {131056, 400, "(Business Account, Consumer Account) pair rate limit hit"},
    {131057, 500, "Account in maintenance mode"},
    {132000, 400,
     "Number of parameters does not match the expected number "
     "of params"},
    {132001, 404, "Template name does not exist in the translation"},
    {132015, 400, "Template is Paused"},
    {132016, 400, "Template is Disabled"},
    {133010, 400, "Account not registered"},
};

/* The table entry of a code; unknown codes answer 400. */
static const struct graph_error *graph_error_of(int code)
{
    static const struct graph_error unknown = {0, 400, "Unknown error"};

    for (size_t i = 0; i < sizeof(graph_errors) / sizeof(graph_errors[0]); i++)
        if (graph_errors[i].code == code)
            return &graph_errors[i];
    return &unknown;
}

/* The error object Meta puts in replies and in failed statuses. */
static json_t *error_object(int code, const char *details, bool envelope)
{
    const struct graph_error *e = graph_error_of(code);
    char msg[200];

    if (!envelope)
        return json_pack(
            "{s:i,s:s,s:s,s:{s:s},s:s}", "code", code, "title", e->title,
            "message", e->title, "error_data", "details", details, "href",
            "https://developers.facebook.com/docs/whatsapp/cloud-api/"
            "support/error-codes/");
    if (code == 190 || code == 0)
        snprintf(msg, sizeof(msg), "%s", e->title);
    else
        snprintf(msg, sizeof(msg), "(#%d) %s", code, e->title);
    char *trace = crypto_token("A", 12);
    json_t *o = json_pack("{s:s,s:s,s:i,s:{s:s,s:s},s:s}", "message", msg,
                          "type", "OAuthException", "code", code, "error_data",
                          "messaging_product", "whatsapp", "details", details,
                          "fbtrace_id", trace);
    free(trace);
    return o;
}

/* Reply Meta's error envelope for code with details. */
void sim_graph_error(struct http_request *req, int code, const char *details)
{
    json_t *body = json_pack("{s:o}", "error", error_object(code, details, 1));
    http_reply_json(req, graph_error_of(code)->status, body);
}

/* "v" digits "." digits, as every Graph version is. */
static bool version_ok(const char *v)
{
    if (!v || *v++ != 'v' || !(*v >= '0' && *v <= '9'))
        return false;
    while (*v >= '0' && *v <= '9')
        v++;
    if (*v++ != '.' || !(*v >= '0' && *v <= '9'))
        return false;
    while (*v >= '0' && *v <= '9')
        v++;
    return *v == '\0';
}

/*
 * Version, token (constant-time compare), the slow fault, then the path
 * object. The slow fault sleeps on a server thread on purpose: that is the
 * fault. See sim_internal.h.
 */
struct sim *sim_graph_begin(struct http_request *req, const char *id_param,
                            const char *expect_kind)
{
    struct sim *sim = sim_instance();
    const char *auth = http_header(req, "Authorization");

    if (!sim) {
        sim_graph_error(req, 2, "The simulator is not running.");
        return NULL;
    }
    if (!version_ok(http_param(req, "ver"))) {
        sim_graph_error(req, 100, "Unknown path components");
        return NULL;
    }
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || !auth[7]) {
        sim_graph_error(req, 0, "An active access token must be used.");
        return NULL;
    }
    size_t n = strlen(sim->access_token);
    if (strlen(auth + 7) != n ||
        !crypto_equal(auth + 7, sim->access_token, n)) {
        sim_graph_error(req, 190, "Invalid OAuth 2.0 Access Token");
        return NULL;
    }
    pthread_mutex_lock(&sim->lock);
    int slow = sim->faults.slow_ms;
    pthread_mutex_unlock(&sim->lock);
    if (slow > 0)
        usleep((useconds_t)(slow > 30000 ? 30000 : slow) * 1000);
    if (!id_param)
        return sim;
    const char *id = http_param(req, id_param);
    const char *want =
        strcmp(expect_kind, "waba") == 0 ? sim->waba_id : sim->phone_number_id;
    if (!id || strcmp(id, want) != 0) {
        char d[160];
        snprintf(d, sizeof(d),
                 "Unsupported post request. Object with ID '%.40s' does not "
                 "exist, cannot be loaded due to missing permissions.",
                 id ? id : "");
        sim_graph_error(req, 100, d);
        return NULL;
    }
    return sim;
}

/* The request body as a JSON object, Graph-style errors on failure. */
json_t *sim_graph_json(struct http_request *req)
{
    size_t len = 0;
    const char *body = http_body(req, &len);
    json_t *j = body ? json_loadb(body, len, 0, NULL) : NULL;

    if (!json_is_object(j)) {
        json_decref(j);
        sim_graph_error(req, 100, "The request body must be a JSON object.");
        return NULL;
    }
    return j;
}

/* Digits of a phone number as typed ("+1 (650) 555-1234"). */
static bool normalize_phone(const char *in, char *out, size_t n)
{
    size_t k = 0;

    for (; in && *in; in++) {
        if (*in >= '0' && *in <= '9') {
            if (k + 1 >= n)
                return false;
            out[k++] = *in;
        } else if (!strchr("+-() .", *in)) {
            return false;
        }
    }
    out[k] = '\0';
    return k >= 5;
}

/* Token bucket refill to now; true if one token could be taken. */
static bool bucket_take(double *tokens, int64_t *last_us, double rate_per_s,
                        double cap)
{
    int64_t now = clock_mono_us();

    *tokens += (double)(now - *last_us) / 1e6 * rate_per_s;
    if (*tokens > cap)
        *tokens = cap;
    *last_us = now;
    if (*tokens < 1.0)
        return false;
    *tokens -= 1.0;
    return true;
}

/* --- per-type checks ----------------------------------------------------- */

struct check {
    int code;
    char details[200];
    struct sim_template *tpl;
};

/* Record a failed check (code, formatted details); returns false so a
 * check can end with `return fail(...)`. */
static bool fail(struct check *ck, int code, const char *fmt, const char *a)
{
    ck->code = code;
    snprintf(ck->details, sizeof(ck->details), fmt, a);
    return false;
}

/* A string member no longer than max code points; required or not. */
static bool check_text(struct check *ck, json_t *obj, const char *key,
                       const char *where, size_t max, bool required)
{
    json_t *v = json_object_get(obj, key);

    if (!v)
        return required ? fail(ck, 100, "The parameter %s is required.", where)
                        : true;
    if (!json_is_string(v))
        return fail(ck, 100, "Param %s must be a string.", where);
    if (sim_utf8_len(json_string_value(v)) > max)
        return fail(ck, 131009, "Param %s is too long.", where);
    if (required && !json_string_length(v))
        return fail(ck, 100, "The parameter %s is required.", where);
    return true;
}

/* A media member: an uploaded id we hold or an http(s) link, and a
 * caption within 1024 characters where captions exist. */
static bool check_media(struct sim *sim, struct check *ck, json_t *body,
                        const char *type)
{
    json_t *m = json_object_get(body, type);
    const char *id = json_string_value(json_object_get(m, "id"));
    const char *link = json_string_value(json_object_get(m, "link"));
    bool captioned = strcmp(type, "audio") && strcmp(type, "sticker");

    if (!json_is_object(m))
        return fail(ck, 100, "The parameter %s is required.", type);
    if (!id && !link)
        return fail(ck, 100, "Param %s must have an id or a link.", type);
    if (id && !sim_media_get(sim, id))
        return fail(ck, 100,
                    "Param %s['id'] is not a valid whatsapp business account "
                    "media attachment ID",
                    type);
    if (link && strncmp(link, "https://", 8) && strncmp(link, "http://", 7))
        return fail(ck, 100, "Param %s['link'] must be a URL.", type);
    if (captioned && !check_text(ck, m, "caption", "caption", 1024, false))
        return false;
    return true;
}

/* Reply buttons: one to three, each with an id and a short title. */
static bool check_buttons(struct check *ck, json_t *action)
{
    json_t *buttons = json_object_get(action, "buttons"), *b;
    size_t i;

    if (!json_array_size(buttons))
        return fail(ck, 100, "The parameter %s is required.",
                    "interactive['action']['buttons']");
    if (json_array_size(buttons) > 3)
        return fail(ck, 131009, "Param %s can have at most 3 buttons.",
                    "interactive['action']['buttons']");
    json_array_foreach(buttons, i, b)
    {
        json_t *r = json_object_get(b, "reply");
        if (!check_text(ck, r, "id", "reply['id']", 256, true) ||
            !check_text(ck, r, "title", "reply['title']", 20, true))
            return false;
    }
    return true;
}

/* A list: its button label, 1-10 sections, 1-10 rows in all, with the
 * length limits of titles, ids and descriptions. */
static bool check_list(struct check *ck, json_t *action)
{
    json_t *sections = json_object_get(action, "sections"), *s, *r;
    size_t i, j, rows = 0;

    if (!check_text(ck, action, "button", "action['button']", 20, true))
        return false;
    if (!json_array_size(sections) || json_array_size(sections) > 10)
        return fail(ck, 131009, "Param %s must hold 1 to 10 sections.",
                    "action['sections']");
    json_array_foreach(sections, i, s)
    {
        if (!check_text(ck, s, "title", "section['title']", 24,
                        json_array_size(sections) > 1))
            return false;
        json_array_foreach(json_object_get(s, "rows"), j, r)
        {
            if (!check_text(ck, r, "id", "row['id']", 200, true) ||
                !check_text(ck, r, "title", "row['title']", 24, true) ||
                !check_text(ck, r, "description", "row['description']", 72,
                            false))
                return false;
            rows++;
        }
    }
    if (rows < 1 || rows > 10)
        return fail(ck, 131009, "Param %s must hold 1 to 10 rows in all.",
                    "action['sections']");
    return true;
}

/* An interactive message: body, header and footer lengths, then the
 * rules of its type; other known types are accepted as they are. */
static bool check_interactive(struct check *ck, json_t *body)
{
    json_t *in = json_object_get(body, "interactive");
    const char *t = json_string_value(json_object_get(in, "type"));
    json_t *action = json_object_get(in, "action");

    if (!t)
        return fail(ck, 100, "The parameter %s is required.",
                    "interactive['type']");
    bool list = strcmp(t, "list") == 0;
    if (!check_text(ck, json_object_get(in, "body"), "text",
                    "interactive['body']['text']", list ? 4096 : 1024,
                    strcmp(t, "button") == 0 || list) ||
        !check_text(ck, json_object_get(in, "footer"), "text",
                    "interactive['footer']['text']", 60, false) ||
        !check_text(ck, json_object_get(in, "header"), "text",
                    "interactive['header']['text']", 60, false))
        return false;
    if (strcmp(t, "button") == 0)
        return check_buttons(ck, action);
    if (list)
        return check_list(ck, action);
    if (strcmp(t, "cta_url") == 0) {
        json_t *p = json_object_get(action, "parameters");
        return check_text(ck, p, "display_text", "display_text", 20, true) &&
               check_text(ck, p, "url", "url", 2000, true);
    }
    static const char *const others[] = {"flow",
                                         "product",
                                         "product_list",
                                         "location_request_message",
                                         "address_message",
                                         "call_permission_request",
                                         "carousel"};
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        if (strcmp(t, others[i]) == 0)
            return true;
    return fail(ck, 100, "Param interactive['type'] '%s' is not supported.", t);
}

/* Parameters given for one component type ("body", "header"). */
static int count_params(json_t *tpl_msg, const char *type)
{
    json_t *c;
    size_t i;

    json_array_foreach(json_object_get(tpl_msg, "components"), i, c)
    {
        const char *t = json_string_value(json_object_get(c, "type"));
        if (t && strcasecmp(t, type) == 0)
            return (int)json_array_size(json_object_get(c, "parameters"));
    }
    return 0;
}

/* Placeholders the template's component of a type ("BODY") expects. */
static int expected_params(const struct sim_template *t, const char *type)
{
    json_t *c;
    size_t i;

    json_array_foreach(t->components, i, c)
    {
        const char *ct = json_string_value(json_object_get(c, "type"));
        if (ct && strcasecmp(ct, type) == 0)
            return sim_count_placeholders(
                json_string_value(json_object_get(c, "text")));
    }
    return 0;
}

/*
 * A template send: the template exists in that language and is approved
 * (paused and disabled have their own codes), and the body and header get
 * as many parameters as they have placeholders. Sets ck->tpl.
 */
static bool check_template(struct sim *sim, struct check *ck, json_t *body)
{
    json_t *m = json_object_get(body, "template");
    const char *name = json_string_value(json_object_get(m, "name"));
    const char *lang = json_string_value(
        json_object_get(json_object_get(m, "language"), "code"));

    if (!name || !lang)
        return fail(ck, 100, "The parameter %s is required.",
                    !name ? "template['name']"
                          : "template['language']['code']");
    struct sim_template *t = sim_template_find(sim, name, lang);
    if (!t)
        return fail(ck, 132001,
                    "template name (%.60s) does not exist in the language",
                    name);
    if (strcmp(t->status, "PAUSED") == 0)
        return fail(ck, 132015, "Template %.60s is paused.", name);
    if (strcmp(t->status, "DISABLED") == 0)
        return fail(ck, 132016, "Template %.60s is disabled.", name);
    if (strcmp(t->status, "APPROVED") != 0)
        return fail(ck, 132001, "Template %.60s is not approved.", name);
    static const char *const parts[] = {"BODY", "HEADER"};
    for (int i = 0; i < 2; i++) {
        int want = expected_params(t, parts[i]);
        int got = count_params(m, parts[i]);
        if (want != got) {
            ck->code = 132000;
            snprintf(ck->details, sizeof(ck->details),
                     "%s: number of localizable_params (%d) does not match "
                     "the expected number of params (%d)",
                     parts[i], got, want);
            return false;
        }
    }
    ck->tpl = t;
    return true;
}

/* Latitude and longitude, as numbers or numeric strings. */
static bool check_location(struct check *ck, json_t *body)
{
    json_t *l = json_object_get(body, "location");
    json_t *lat = json_object_get(l, "latitude");
    json_t *lon = json_object_get(l, "longitude");

    if (!lat || !lon)
        return fail(ck, 100, "The parameter %s is required.",
                    "location['latitude'] and ['longitude']");
    if (!(json_is_number(lat) || json_is_string(lat)) ||
        !(json_is_number(lon) || json_is_string(lon)))
        return fail(ck, 131009, "Param %s must be numbers.", "location");
    return true;
}

/* At least one contact, each with a formatted name. */
static bool check_contacts(struct check *ck, json_t *body)
{
    json_t *list = json_object_get(body, "contacts"), *c;
    size_t i;

    if (!json_array_size(list))
        return fail(ck, 100, "The parameter %s is required.", "contacts");
    json_array_foreach(list, i, c)
    {
        if (!check_text(ck, json_object_get(c, "name"), "formatted_name",
                        "contacts['name']['formatted_name']", 1024, true))
            return false;
    }
    return true;
}

/* Check a send body's type-specific member. Lock held. */
static bool check_message(struct sim *sim, struct check *ck, json_t *body,
                          const char *type)
{
    static const char *const media[] = {"image", "audio", "video", "document",
                                        "sticker"};

    if (strcmp(type, "text") == 0)
        return check_text(ck, json_object_get(body, "text"), "body",
                          "text['body']", 4096, true);
    for (size_t i = 0; i < sizeof(media) / sizeof(media[0]); i++)
        if (strcmp(type, media[i]) == 0)
            return check_media(sim, ck, body, type);
    if (strcmp(type, "interactive") == 0)
        return check_interactive(ck, body);
    if (strcmp(type, "template") == 0)
        return check_template(sim, ck, body);
    if (strcmp(type, "location") == 0)
        return check_location(ck, body);
    if (strcmp(type, "contacts") == 0)
        return check_contacts(ck, body);
    if (strcmp(type, "reaction") == 0) {
        json_t *r = json_object_get(body, "reaction");
        return check_text(ck, r, "message_id", "reaction['message_id']", 256,
                          true) &&
               check_text(ck, r, "emoji", "reaction['emoji']", 10, false);
    }
    return fail(ck, 100, "Param type '%.40s' is not a valid message type.",
                type);
}

/* --- statuses ------------------------------------------------------------ */

/* The "value" of a status webhook for one status. */
static json_t *status_value(struct sim *sim, struct sim_customer *c,
                            const char *wamid, const char *status,
                            json_t *pricing, json_t *errors,
                            const char *biz_opaque)
{
    char ts[24];
    json_t *st, *v;

    snprintf(ts, sizeof(ts), "%lld", (long long)(clock_now_ms() / 1000));
    st = json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", wamid, "status", status,
                   "timestamp", ts, "recipient_id", c->wa_id,
                   "recipient_user_id", c->user_id);
    if (biz_opaque)
        json_object_set_new(st, "biz_opaque_callback_data",
                            json_string(biz_opaque));
    if (pricing)
        json_object_set(st, "pricing", pricing);
    if (errors)
        json_object_set(st, "errors", errors);
    v = json_pack("{s:s,s:{s:s,s:s}}", "messaging_product", "whatsapp",
                  "metadata", "display_phone_number", sim->display_number,
                  "phone_number_id", sim->phone_number_id);
    if (!errors)
        json_object_set_new(v, "contacts",
                            json_pack("[{s:{s:s},s:s,s:s}]", "profile", "name",
                                      c->profile_name, "wa_id", c->wa_id,
                                      "user_id", c->user_id));
    json_object_set_new(v, "statuses", json_pack("[o]", st));
    return v;
}

/* Queue one status (maybe twice, maybe not at all, per the faults). */
static void queue_status(struct sim *sim, const char *wa_id, char *body,
                         int delay, bool ordered, const char *wamid,
                         const char *status, struct sim_faults *f)
{
    if (f->drop_probability > 0 && strcmp(status, "failed") != 0 &&
        sim_chance(f->drop_probability)) {
        free(body);
        return;
    }
    if (sim_chance(f->duplicate_probability))
        sim_webhook_queue(sim, xstrdup(body), delay + 1, wa_id, ordered, NULL,
                          NULL);
    sim_webhook_queue(sim, body, delay, wa_id, ordered, wamid, status);
}

/* Queue a failed status carrying code. Lock held; unlocks. */
static void schedule_failed(struct sim *sim, struct sim_customer *c,
                            const char *wamid, int code, const char *biz_opaque,
                            struct sim_faults *f)
{
    json_t *errs =
        json_pack("[o]", error_object(code, "Message failed to send.", false));
    char *body = sim_webhook_envelope(
        sim, "messages",
        status_value(sim, c, wamid, "failed", NULL, errs, biz_opaque), false);
    int step = sim->status_step_ms;
    char *wa_id = xstrdup(c->wa_id);

    json_decref(errs);
    pthread_mutex_unlock(&sim->lock);
    queue_status(sim, wa_id, body, step, true, wamid, "failed", f);
    free(wa_id);
}

/*
 * Queue the statuses of an accepted message, step by step apart, with
 * pricing on sent and delivered; the fault modes may fail, drop,
 * duplicate or reverse them. See sim_internal.h.
 */
void sim_schedule_statuses(struct sim *sim, const char *wa_id,
                           const char *wamid, const char *category,
                           const char *pricing_type, bool only_sent,
                           const char *biz_opaque, int fail_code)
{
    static const char *const steps[] = {"sent", "delivered", "read"};
    char *bodies[3] = {NULL, NULL, NULL};
    struct sim_faults f;
    int n = only_sent ? 1 : 3;

    pthread_mutex_lock(&sim->lock);
    struct sim_customer *c = sim_customer_get(sim, wa_id, true);
    f = sim->faults;
    int step = sim->status_step_ms;
    if (!fail_code && sim_chance(f.fail_probability))
        fail_code = f.fail_code ? f.fail_code : 131026;
    if (fail_code) {
        schedule_failed(sim, c, wamid, fail_code, biz_opaque, &f);
        return;
    }
    if (sim->no_read && n == 3)
        n = 2;
    /* pricing rides on sent and on delivered, not on read */
    json_t *pricing = json_pack(
        "{s:b,s:s,s:s,s:s}", "billable", strcmp(pricing_type, "regular") == 0,
        "pricing_model", "PMP", "type", pricing_type, "category", category);
    for (int i = 0; i < n; i++)
        bodies[i] = sim_webhook_envelope(sim, "messages",
                                         status_value(sim, c, wamid, steps[i],
                                                      i < 2 ? pricing : NULL,
                                                      NULL, biz_opaque),
                                         false);
    json_decref(pricing);
    pthread_mutex_unlock(&sim->lock);

    bool reorder = sim_chance(f.reorder_probability);
    for (int i = 0; i < n; i++) {
        int at = reorder ? (n - i) * step : (i + 1) * step;
        queue_status(sim, wa_id, bodies[i], at, !reorder, wamid, steps[i], &f);
    }
}

/* --- the send endpoint --------------------------------------------------- */

/* Accept a checked send: ledger entry, counters. Lock held. Returns the
 * wamid (caller frees). */
static char *accept_send(struct sim *sim, struct sim_customer *c, json_t *body,
                         const char *type)
{
    char *wamid = sim_new_wamid();
    json_t *entry =
        json_pack("{s:s,s:s,s:I,s:s,s:O}", "direction", "out", "wamid", wamid,
                  "timestamp", (json_int_t)(clock_now_ms() / 1000), "type",
                  type, "message", body);

    sim_ledger_add(sim, c, entry);
    sim->counters.sends_accepted++;
    sim_load_on_reply(sim, c);
    return wamid;
}

/* Mark-as-read (and typing indicator) on an inbound message. */
static void mark_read(struct http_request *req, struct sim *sim, json_t *body)
{
    const char *id = json_string_value(json_object_get(body, "message_id"));
    json_t *found = NULL;

    pthread_mutex_lock(&sim->lock);
    for (size_t i = 0; id && !found && i < sim->ncustomers; i++) {
        json_t *e = sim_ledger_find(sim->customers[i], id);
        if (e && strcmp(json_string_value(json_object_get(e, "direction")),
                        "in") == 0) {
            found = e;
            json_object_set_new(e, "read", json_true());
            if (json_object_get(body, "typing_indicator"))
                json_object_set_new(e, "typing_until",
                                    json_integer(clock_now_ms() + 25000));
            json_object_set_new(e, "seq",
                                json_integer((json_int_t)++sim->next_seq));
        }
    }
    pthread_mutex_unlock(&sim->lock);
    if (!found) {
        sim_graph_error(req, 100,
                        "Param message_id is not a received "
                        "message.");
        return;
    }
    http_reply_json(req, 200, json_pack("{s:b}", "success", 1));
}

/* The checks that need the lock, in Meta's order. Returns 0 or a code,
 * with ck->details set. */
static int send_checks(struct sim *sim, struct check *ck, json_t *body,
                       const char *type, struct sim_customer *c)
{
    bool window =
        c->last_inbound_ms && clock_now_ms() - c->last_inbound_ms < WINDOW_MS;

    if (!bucket_take(&sim->number_tokens, &sim->number_last_us,
                     sim->throughput_mps, sim->throughput_mps))
        return fail(ck, 130429, "%s",
                    "Cloud API message throughput has been reached."),
               ck->code;
    if (sim->faults.error_probability > 0 &&
        sim_chance(sim->faults.error_probability))
        return fail(ck,
                    sim->faults.error_code ? sim->faults.error_code : 131000,
                    "%s", "Simulated failure."),
               ck->code;
    if (!check_message(sim, ck, body, type))
        return ck->code;
    if (!window && strcmp(type, "template") != 0 && !sim->async_window_errors)
        return fail(ck, 131047, "%s",
                    "Message failed to send because more than 24 hours have "
                    "passed since the customer last replied to this number."),
               ck->code;
    if (!bucket_take(&c->pair_tokens, &c->pair_last_us,
                     1.0 / sim->pair_interval_s, sim->pair_burst))
        return fail(ck, 131056, "%s",
                    "Message failed to send because there were too many "
                    "messages sent from this phone number to the same phone "
                    "number in a short period of time."),
               ck->code;
    return 0;
}

/* An accepted message's price, copied out from under the lock. */
struct price {
    char category[32];
    const char *type;
};

/*
 * Pricing of an accepted message per the PMP rules: free-form messages are
 * "service" and free inside the window; templates carry their category,
 * and a utility template inside the window is free too.
 */
static void price_of(const struct check *ck, bool window, struct price *p)
{
    size_t i = 0;

    if (!ck->tpl) {
        snprintf(p->category, sizeof(p->category), "service");
        p->type = "free_customer_service";
        return;
    }
    for (; ck->tpl->category[i] && i + 1 < sizeof(p->category); i++)
        p->category[i] = (char)(ck->tpl->category[i] | 0x20);
    p->category[i] = '\0';
    p->type = window && strcmp(p->category, "utility") == 0
                  ? "free_customer_service"
                  : "regular";
}

/* The wa_id of the customer with a business-scoped user id, into to. */
static bool resolve_bsuid(struct sim *sim, const char *user_id, char *to,
                          size_t to_len)
{
    bool found = false;

    pthread_mutex_lock(&sim->lock);
    for (size_t i = 0; i < sim->ncustomers && !found; i++) {
        if (strcmp(sim->customers[i]->user_id, user_id) == 0) {
            snprintf(to, to_len, "%s", sim->customers[i]->wa_id);
            found = true;
        }
    }
    pthread_mutex_unlock(&sim->lock);
    return found;
}

/*
 * The envelope checks of a send, before any state is touched:
 * messaging_product, a recipient (a phone number in "to", or a known
 * BSUID in "recipient") that is not the business itself. Fills to (digits
 * only) and returns true, or replies and returns false.
 */
static bool parse_send(struct http_request *req, struct sim *sim, json_t *body,
                       char *to, size_t to_len)
{
    const char *mp =
        json_string_value(json_object_get(body, "messaging_product"));

    if (!mp || strcmp(mp, "whatsapp") != 0) {
        sim_graph_error(req, 100,
                        "The parameter messaging_product is "
                        "required and must be 'whatsapp'.");
        return false;
    }
    if (json_object_get(body, "status"))
        return true; /* mark-as-read: no recipient */
    const char *bsuid = json_string_value(json_object_get(body, "recipient"));
    if (bsuid && !json_object_get(body, "to")) {
        if (resolve_bsuid(sim, bsuid, to, to_len))
            return true;
        sim_graph_error(req, 100, "Param recipient is not a known user id.");
        return false;
    }
    if (!normalize_phone(json_string_value(json_object_get(body, "to")), to,
                         to_len)) {
        sim_graph_error(req, 100,
                        "The parameter to is required and must be "
                        "a phone number.");
        return false;
    }
    if (strcmp(to, sim->display_number) == 0) {
        sim_graph_error(req, 131021, "The recipient is the sender.");
        return false;
    }
    return true;
}

/* Meta's success answer; templates also get message_status, sends by
 * BSUID get the contact's user_id. */
static json_t *send_reply(json_t *body, const char *to, const char *wamid,
                          bool is_template)
{
    const char *input = json_string_value(json_object_get(body, "to"));
    const char *bsuid = json_string_value(json_object_get(body, "recipient"));
    json_t *msg = json_pack("{s:s}", "id", wamid);
    json_t *contact =
        json_pack("{s:s,s:s}", "input", input ? input : bsuid, "wa_id", to);

    if (bsuid)
        json_object_set_new(contact, "user_id", json_string(bsuid));
    if (is_template)
        json_object_set_new(msg, "message_status", json_string("accepted"));
    return json_pack("{s:s,s:[o],s:[o]}", "messaging_product", "whatsapp",
                     "contacts", contact, "messages", msg);
}

/*
 * POST /{ver}/{pnid}/messages: a mark-as-read, or a send checked in
 * Meta's order, accepted into the ledger, answered at once, with its
 * statuses following by webhook.
 */
void sim_graph_mark_or_send(struct http_request *req)
{
    struct sim *sim = sim_graph_begin(req, "pnid", "pnid");
    json_t *body = sim ? sim_graph_json(req) : NULL;
    struct check ck = {0};
    struct price price;
    char to[32];

    if (!body || !parse_send(req, sim, body, to, sizeof(to)))
        goto out;
    if (json_object_get(body, "status")) {
        mark_read(req, sim, body);
        goto out;
    }
    const char *type = json_string_value(json_object_get(body, "type"));
    if (!type)
        type = "text";

    /* check and accept in one critical section, as Meta's counters do */
    pthread_mutex_lock(&sim->lock);
    struct sim_customer *c = sim_customer_get(sim, to, true);
    bool window =
        c->last_inbound_ms && clock_now_ms() - c->last_inbound_ms < WINDOW_MS;
    if (send_checks(sim, &ck, body, type, c) != 0) {
        sim->counters.sends_rejected++;
        pthread_mutex_unlock(&sim->lock);
        sim_graph_error(req, ck.code, ck.details);
        goto out;
    }
    char *wamid = accept_send(sim, c, body, type);
    price_of(&ck, window, &price);
    pthread_mutex_unlock(&sim->lock);

    const char *opaque =
        json_string_value(json_object_get(body, "biz_opaque_callback_data"));
    /* outside the window and still accepted: Meta fails it async */
    int fail_code = !window && !ck.tpl ? 131047 : 0;
    sim_schedule_statuses(sim, to, wamid, price.category, price.type,
                          strcmp(type, "reaction") == 0, opaque, fail_code);
    http_reply_json(req, 200, send_reply(body, to, wamid, ck.tpl != NULL));
    free(wamid);
out:
    json_decref(body);
}

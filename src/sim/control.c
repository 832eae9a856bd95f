/*
 * The simulator's control API under /sim/: make virtual customers send
 * messages (through signed webhooks), read what the business sent them,
 * list customers, set fault modes, reset, counters, load runs, the
 * webhook verification handshake, and the customer-phone page.
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/http.h"
#include "sim/sim_internal.h"

/* Written by scripts/embed.py from web/sim/. */
struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};
extern const struct embedded_file sim_web_files[];

static const char *const inbound_types[] = {
    "text",     "image",    "audio",    "video",       "document",
    "sticker",  "location", "contacts", "interactive", "button",
    "reaction", "order",    "system",   "unsupported", "request_welcome"};

/* Types whose member names a media object. */
static bool is_media(const char *type)
{
    return strcmp(type, "image") == 0 || strcmp(type, "audio") == 0 ||
           strcmp(type, "video") == 0 || strcmp(type, "document") == 0 ||
           strcmp(type, "sticker") == 0;
}

/* Give an inbound media member real stored bytes: the caller's
 * data_base64 or a sample file. Returns false with *why when full/bad. */
static bool attach_media(struct sim *sim, struct http_request *req,
                         const char *type, json_t *m, const char **why)
{
    const char *b64 = json_string_value(json_object_get(m, "data_base64"));
    const char *mime = json_string_value(json_object_get(m, "mime_type"));
    const unsigned char *data;
    unsigned char *decoded = NULL;
    size_t len;
    uint8_t h[CRYPTO_SHA256_LEN];

    if (json_object_get(m, "id"))
        return true; /* the caller names media it uploaded */
    if (b64) {
        size_t cap = strlen(b64) * 3 / 4 + 3;
        decoded = xmalloc(cap);
        int n = crypto_unbase64(b64, strlen(b64), decoded, cap);
        if (n < 0 || !mime) {
            free(decoded);
            *why = "data_base64 must be base64 and come with mime_type";
            return false;
        }
        data = decoded;
        len = (size_t)n;
    } else {
        sim_media_sample(type, &mime, &data, &len);
    }
    pthread_mutex_lock(&sim->lock);
    struct sim_media *sm = sim_media_add(sim, mime, data, len);
    char *url = sm ? sim_media_url(sim, req, sm) : NULL;
    if (sm)
        json_object_set_new(m, "id", json_string(sm->id));
    pthread_mutex_unlock(&sim->lock);
    if (sm) {
        crypto_sha256(data, len, h);
        char *sha = crypto_base64(h, sizeof(h));
        json_object_set_new(m, "sha256", json_string(sha));
        json_object_set_new(m, "mime_type", json_string(mime));
        json_object_set_new(m, "url", json_string(url));
        json_object_del(m, "data_base64");
        free(sha);
    }
    free(url);
    free(decoded);
    if (!sm)
        *why = "the simulator's media store is full";
    return sm != NULL;
}

/* Check an inbound message object; returns its type or NULL with *why. */
static const char *inbound_check(json_t *msg, const char **why)
{
    const char *type = json_string_value(json_object_get(msg, "type"));

    for (size_t i = 0;
         type && i < sizeof(inbound_types) / sizeof(inbound_types[0]); i++) {
        if (strcmp(type, inbound_types[i]) != 0)
            continue;
        json_t *member = json_object_get(msg, type);
        if (strcmp(type, "text") == 0 &&
            !json_is_string(json_object_get(member, "body"))) {
            *why = "text.body must be a string";
            return NULL;
        }
        if (is_media(type) && member && !json_is_object(member)) {
            *why = "the media member must be an object";
            return NULL;
        }
        return type;
    }
    *why = "type must be a WhatsApp inbound message type";
    return NULL;
}

/* The inbound message as Meta sends it: common fields and the type's
 * member, context and referral. The caller decrefs. */
static json_t *inbound_message(const char *wa_id, const char *user_id,
                               json_t *msg, const char *type, const char *wamid)
{
    char ts[24];
    json_t *out;

    snprintf(ts, sizeof(ts), "%lld", (long long)(clock_now_ms() / 1000));
    out = json_pack("{s:s,s:s,s:s,s:s,s:s}", "from", wa_id, "from_user_id",
                    user_id, "id", wamid, "timestamp", ts, "type", type);
    json_t *member = json_object_get(msg, type);
    json_object_set_new(out, type,
                        member ? json_deep_copy(member) : json_object());
    static const char *const extra[] = {"context", "referral", "errors",
                                        "identity"};
    for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
        if (json_object_get(msg, extra[i]))
            json_object_set_new(out, extra[i],
                                json_deep_copy(json_object_get(msg, extra[i])));
    return out;
}

/*
 * Record an inbound message (out, taken) on the customer's ledger, open
 * their window, and build the signed-to-be webhook body (returned; the
 * caller frees). *dup tells whether the duplicate fault fires. The
 * customer is looked up again under the lock: a reset may have run since.
 */
static char *record_inbound(struct sim *sim, const char *wa_id,
                            const char *name, json_t *out, const char *type,
                            const char *wamid, bool *dup)
{
    pthread_mutex_lock(&sim->lock);
    struct sim_customer *c = sim_customer_get(sim, wa_id, true);
    if (name && *name) {
        free(c->profile_name);
        c->profile_name = xstrdup(name);
    }
    c->last_inbound_ms = clock_now_ms();
    if (sim->load.running && !c->load_waiting_us)
        c->load_waiting_us = clock_mono_us();
    sim->counters.inbound_messages++;
    sim_ledger_add(sim, c,
                   json_pack("{s:s,s:s,s:I,s:s,s:O}", "direction", "in",
                             "wamid", wamid, "timestamp",
                             (json_int_t)(clock_now_ms() / 1000), "type", type,
                             "message", out));
    json_t *value = json_pack(
        "{s:s,s:{s:s,s:s},s:[{s:{s:s},s:s,s:s}],s:[o]}", "messaging_product",
        "whatsapp", "metadata", "display_phone_number", sim->display_number,
        "phone_number_id", sim->phone_number_id, "contacts", "profile", "name",
        c->profile_name, "wa_id", c->wa_id, "user_id", c->user_id, "messages",
        out);
    char *body = sim_webhook_envelope(sim, "messages", value, false);
    *dup = sim_chance(sim->faults.duplicate_probability);
    pthread_mutex_unlock(&sim->lock);
    return body;
}

/*
 * Build the inbound message Meta would send for msg, give media types real
 * stored bytes, record it and queue its webhook. See sim_internal.h.
 */
char *sim_customer_send(struct sim *sim, struct http_request *req,
                        const char *wa_id, json_t *msg, const char **why)
{
    const char *type = inbound_check(msg, why);
    const char *name = json_string_value(json_object_get(msg, "profile_name"));
    char *user_id;
    bool dup = false;

    if (!type)
        return NULL;
    char *wamid = sim_new_wamid();
    pthread_mutex_lock(&sim->lock);
    user_id = xstrdup(sim_customer_get(sim, wa_id, true)->user_id);
    pthread_mutex_unlock(&sim->lock);

    json_t *out = inbound_message(wa_id, user_id, msg, type, wamid);
    free(user_id);
    if (is_media(type) &&
        !attach_media(sim, req, type, json_object_get(out, type), why)) {
        json_decref(out);
        free(wamid);
        return NULL;
    }
    char *body = record_inbound(sim, wa_id, name, out, type, wamid, &dup);

    /* per customer in order, as the same sender's messages are */
    if (dup)
        sim_webhook_queue(sim, xstrdup(body), 0, wa_id, true, NULL, NULL);
    sim_webhook_queue(sim, body, 0, wa_id, true, NULL, NULL);
    return wamid;
}

/* wa_id from the path: digits only, 5 to 20 of them. */
static const char *path_wa_id(struct http_request *req)
{
    const char *w = http_param(req, "wa_id");
    size_t n = w ? strspn(w, "0123456789") : 0;

    if (!w || n != strlen(w) || n < 5 || n > 20) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "wa_id must be 5 to 20 digits");
        return NULL;
    }
    return w;
}

/* POST /sim/customers/{wa_id}/messages: the customer sends msg. */
static void on_customer_message(struct http_request *req)
{
    struct sim *sim = sim_instance();
    const char *wa_id = path_wa_id(req);
    json_t *msg = wa_id ? http_json(req) : NULL;
    const char *why = NULL;

    if (!msg)
        return;
    char *wamid = sim_customer_send(sim, req, wa_id, msg, &why);
    if (!wamid) {
        http_reply_error(req, ERR_INVALID_FIELD, "%s", why);
        return;
    }
    http_reply_json(req, 200, json_pack("{s:s}", "wamid", wamid));
    free(wamid);
}

/* Entries of a customer's ledger: direction "out" only, or every entry
 * with seq after `after`. Replies 404 for an unknown customer. */
static void reply_ledger(struct http_request *req, bool out_only)
{
    struct sim *sim = sim_instance();
    const char *wa_id = path_wa_id(req);
    const char *after_s = http_query(req, "after");
    long long after = after_s ? strtoll(after_s, NULL, 10) : 0;
    json_t *list = json_array(), *e;
    size_t i;

    if (!wa_id) {
        json_decref(list);
        return;
    }
    pthread_mutex_lock(&sim->lock);
    struct sim_customer *c = sim_customer_get(sim, wa_id, false);
    json_array_foreach(c ? c->ledger : NULL, i, e)
    {
        const char *dir = json_string_value(json_object_get(e, "direction"));
        if ((out_only && strcmp(dir, "out") != 0) ||
            json_integer_value(json_object_get(e, "seq")) <= after)
            continue;
        json_array_append_new(list, json_deep_copy(e));
    }
    json_t *reply =
        c ? json_pack("{s:s,s:s,s:s,s:I,s:o}", "wa_id", c->wa_id, "user_id",
                      c->user_id, "profile_name", c->profile_name, "last_seq",
                      (json_int_t)sim->next_seq, "messages", list)
          : NULL;
    pthread_mutex_unlock(&sim->lock);
    if (!reply) {
        json_decref(list);
        http_reply_error(req, ERR_NOT_FOUND, "no customer %s", wa_id);
        return;
    }
    http_reply_json(req, 200, reply);
}

/* GET /sim/customers/{wa_id}/received: what the business sent. */
static void on_received(struct http_request *req)
{
    reply_ledger(req, true);
}

/* GET /sim/customers/{wa_id}/conversation?after=SEQ: both directions,
 * changes after SEQ; the phone page polls it. */
static void on_conversation(struct http_request *req)
{
    reply_ledger(req, false);
}

/* GET /sim/customers: every customer and whether its window is open. */
static void reply_customers(struct http_request *req, struct sim *sim)
{
    json_t *list = json_array();
    int64_t now = clock_now_ms();

    pthread_mutex_lock(&sim->lock);
    for (size_t i = 0; i < sim->ncustomers; i++) {
        struct sim_customer *c = sim->customers[i];
        bool open =
            c->last_inbound_ms && now - c->last_inbound_ms < 24LL * 3600 * 1000;
        json_array_append_new(
            list,
            json_pack("{s:s,s:s,s:s,s:b,s:I,s:I}", "wa_id", c->wa_id, "user_id",
                      c->user_id, "profile_name", c->profile_name,
                      "window_open", open, "last_inbound_ms",
                      (json_int_t)c->last_inbound_ms, "messages",
                      (json_int_t)json_array_size(c->ledger)));
    }
    pthread_mutex_unlock(&sim->lock);
    http_reply_json(req, 200, json_pack("{s:o}", "customers", list));
}

/* The fault settings as the control API shows them. */
static json_t *faults_json(const struct sim_faults *f)
{
    return json_pack("{s:f,s:i,s:i,s:f,s:f,s:f,s:f,s:i}", "error_probability",
                     f->error_probability, "error_code", f->error_code,
                     "slow_ms", f->slow_ms, "duplicate_probability",
                     f->duplicate_probability, "reorder_probability",
                     f->reorder_probability, "drop_probability",
                     f->drop_probability, "fail_probability",
                     f->fail_probability, "fail_code", f->fail_code);
}

/* Read a probability member into *p; false (after replying) if bad. */
static bool read_prob(struct http_request *req, json_t *j, const char *key,
                      double *p)
{
    json_t *v = json_object_get(j, key);

    if (!v)
        return true;
    if (!json_is_number(v) || json_number_value(v) < 0 ||
        json_number_value(v) > 1) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "%s must be a number from 0 to 1", key);
        return false;
    }
    *p = json_number_value(v);
    return true;
}

/* Read an integer member in [lo, hi] into *out; false (after replying)
 * when it is there but bad. */
static bool read_int(struct http_request *req, json_t *j, const char *key,
                     int lo, int hi, int *out)
{
    json_t *v = json_object_get(j, key);

    if (!v)
        return true;
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "%s must be an integer from %d to %d", key, lo, hi);
        return false;
    }
    *out = (int)json_integer_value(v);
    return true;
}

/* PUT /sim/faults: replace the fault modes (absent members are off). */
static void on_faults_put(struct http_request *req)
{
    struct sim *sim = sim_instance();
    json_t *j = http_json(req);
    struct sim_faults f = {0};

    if (!j)
        return;
    if (!read_prob(req, j, "error_probability", &f.error_probability) ||
        !read_int(req, j, "error_code", 0, 9999999, &f.error_code) ||
        !read_int(req, j, "slow_ms", 0, 30000, &f.slow_ms) ||
        !read_prob(req, j, "duplicate_probability", &f.duplicate_probability) ||
        !read_prob(req, j, "reorder_probability", &f.reorder_probability) ||
        !read_prob(req, j, "drop_probability", &f.drop_probability) ||
        !read_prob(req, j, "fail_probability", &f.fail_probability) ||
        !read_int(req, j, "fail_code", 0, 9999999, &f.fail_code))
        return;
    pthread_mutex_lock(&sim->lock);
    sim->faults = f;
    pthread_mutex_unlock(&sim->lock);
    log_info("sim_faults_set", "error_p=%.2f slow_ms=%d", f.error_probability,
             f.slow_ms);
    http_reply_json(req, 200, faults_json(&f));
}

/* GET /sim/faults. */
static void reply_faults(struct http_request *req, struct sim *sim)
{
    pthread_mutex_lock(&sim->lock);
    struct sim_faults f = sim->faults;
    pthread_mutex_unlock(&sim->lock);
    http_reply_json(req, 200, faults_json(&f));
}

/*
 * POST /sim/reset: forget customers, media, created templates, faults,
 * counters and queued webhooks. Transfers in flight still finish.
 */
static void on_reset(struct http_request *req)
{
    struct sim *sim = sim_instance();

    pthread_mutex_lock(&sim->lock);
    sim_webhook_clear(sim);
    sim_state_reset(sim);
    pthread_mutex_unlock(&sim->lock);
    http_reply_json(req, 200, json_pack("{s:b}", "reset", 1));
}

/* GET /sim/stats: the counters, plus what is held now. */
static void reply_stats(struct http_request *req, struct sim *sim)
{
    pthread_mutex_lock(&sim->lock);
    struct sim_counters k = sim->counters;
    json_t *o = json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
        "sends_accepted", (json_int_t)k.sends_accepted, "sends_rejected",
        (json_int_t)k.sends_rejected, "inbound_messages",
        (json_int_t)k.inbound_messages, "webhooks_queued",
        (json_int_t)k.webhooks_queued, "webhooks_acked",
        (json_int_t)k.webhooks_acked, "webhook_attempts_failed",
        (json_int_t)k.webhook_attempts_failed, "webhooks_given_up",
        (json_int_t)k.webhooks_given_up, "webhooks_pending",
        (json_int_t)sim_webhook_pending(sim), "media_uploaded",
        (json_int_t)k.media_uploaded, "templates_created",
        (json_int_t)k.templates_created, "customers",
        (json_int_t)sim->ncustomers, "media", (json_int_t)sim->nmedia,
        "templates", (json_int_t)sim->ntemplates);
    pthread_mutex_unlock(&sim->lock);
    http_reply_json(req, 200, o);
}

/* The current or last load run's report, with status. */
static void reply_load(struct http_request *req, struct sim *sim, int status)
{
    struct sim_load_report r;

    sim_load_report(sim, &r);
    char *text = sim_load_report_json(&r);
    http_reply_bytes(req, status, "application/json", text, strlen(text));
    free(text);
}

/* POST /sim/load {"customers":N,"rate":R,"seconds":T}, loopback only. */
static void on_load(struct http_request *req)
{
    struct sim *sim = sim_instance();
    const char *addr = http_client_address(req);
    json_t *j;
    int n = 0, rate = 0, secs = 0;
    const char *why = NULL;

    if (!addr || (strcmp(addr, "127.0.0.1") && strcmp(addr, "::1"))) {
        http_reply_error(req, ERR_FORBIDDEN, "load runs are loopback only");
        return;
    }
    if (!(j = http_json(req)) || !read_int(req, j, "customers", 1, 1000, &n) ||
        !read_int(req, j, "rate", 1, 100, &rate) ||
        !read_int(req, j, "seconds", 1, 300, &secs))
        return;
    if (sim_load_start(sim, n, rate, secs, &why) != 0) {
        http_reply_error(req, ERR_CONFLICT, "%s", why);
        return;
    }
    reply_load(req, sim, 202);
}

/* POST /sim/verify: run Meta's GET handshake against the callback. */
static void on_verify(struct http_request *req)
{
    struct sim *sim = sim_instance();
    char challenge[24], *url;
    struct buf got = BUF_INIT;
    long status = 0;

    if (!sim->callback_url) {
        http_reply_error(req, ERR_CONFLICT, "no callback URL is configured");
        return;
    }
    snprintf(challenge, sizeof(challenge), "%u",
             (unsigned)(clock_mono_us() % 2000000000));
    CURL *h = curl_easy_init();
    char *tok = curl_easy_escape(h, sim->verify_token, 0);
    url = xasprintf("%s%shub.mode=subscribe&hub.challenge=%s&"
                    "hub.verify_token=%s",
                    sim->callback_url,
                    strchr(sim->callback_url, '?') ? "&" : "?", challenge, tok);
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sim_curl_collect);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &got);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    bool ok = rc == CURLE_OK && status == 200 && got.data &&
              strcmp(got.data, challenge) == 0;
    http_reply_json(
        req, 200,
        json_pack("{s:b,s:i}", "verified", ok, "status", (int)status));
    curl_free(tok);
    curl_easy_cleanup(h);
    free(url);
    buf_free(&got);
}

/* --- the phone page ------------------------------------------------------ */

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');

    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    return "text/html; charset=utf-8";
}

/* An embedded file of the phone page, under a strict CSP. */
static void reply_asset(struct http_request *req, const char *name)
{
    for (const struct embedded_file *f = sim_web_files; f->name; f++) {
        if (strcmp(f->name, name) != 0)
            continue;
        http_set_header(req, "Content-Security-Policy",
                        "default-src 'self'; style-src 'self'");
        http_set_header(req, "Cache-Control", "no-cache");
        http_reply_static(req, 200, mime_of(name), f->data, f->len);
        return;
    }
    http_reply_error(req, ERR_NOT_FOUND, "no such file");
}

/* GET /sim/phone/{file}. */
static void on_phone_file(struct http_request *req)
{
    reply_asset(req, http_param(req, "file"));
}

/* The fixed GET pages of /sim/, by name; on the root mount the Graph
 * object route /{ver}/{id} also lands here for ver "sim". */
void sim_control_get(struct http_request *req, const char *name)
{
    struct sim *sim = sim_instance();

    if (!sim) {
        http_reply_error(req, ERR_UNAVAILABLE, "the simulator is not running");
        return;
    }
    if (strcmp(name, "phone") == 0)
        reply_asset(req, "phone.html");
    else if (strcmp(name, "customers") == 0)
        reply_customers(req, sim);
    else if (strcmp(name, "stats") == 0)
        reply_stats(req, sim);
    else if (strcmp(name, "faults") == 0)
        reply_faults(req, sim);
    else if (strcmp(name, "load") == 0)
        reply_load(req, sim, 200);
    else
        http_reply_error(req, ERR_NO_ROUTE, "no such simulator page");
}

/* Route entries for the fixed /sim/ GET pages. */
#define GET_PAGE(n)                                                            \
    static void on_get_##n(struct http_request *req)                           \
    {                                                                          \
        sim_control_get(req, #n);                                              \
    }
GET_PAGE(phone)
GET_PAGE(customers)
GET_PAGE(stats)
GET_PAGE(faults)
GET_PAGE(load)

const struct http_route sim_control_routes[] = {
    {"GET", "/sim/phone", on_get_phone, ROLE_NONE, 0},
    {"GET", "/sim/phone/{file}", on_phone_file, ROLE_NONE, 0},
    {"GET", "/sim/customers", on_get_customers, ROLE_NONE, 0},
    {"POST", "/sim/customers/{wa_id}/messages", on_customer_message, ROLE_NONE,
     0},
    {"GET", "/sim/customers/{wa_id}/received", on_received, ROLE_NONE, 0},
    {"GET", "/sim/customers/{wa_id}/conversation", on_conversation, ROLE_NONE,
     HTTP_NO_LOG},
    {"GET", "/sim/faults", on_get_faults, ROLE_NONE, 0},
    {"PUT", "/sim/faults", on_faults_put, ROLE_NONE, 0},
    {"POST", "/sim/reset", on_reset, ROLE_NONE, 0},
    {"GET", "/sim/stats", on_get_stats, ROLE_NONE, 0},
    {"GET", "/sim/load", on_get_load, ROLE_NONE, 0},
    {"POST", "/sim/load", on_load, ROLE_NONE, 0},
    {"POST", "/sim/verify", on_verify, ROLE_NONE, 0},
    {"GET", "/sim/media/{id}", sim_media_download, ROLE_NONE, 0},
};
const size_t sim_control_route_count =
    sizeof(sim_control_routes) / sizeof(sim_control_routes[0]);

/*
 * Tests for the Cloud API simulator, driven over real HTTP: the simulator
 * on its own server (127.0.0.1:0) with the Graph API at the root, and a
 * small in-test webhook receiver that checks every signature and can be
 * told to fail its first requests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/http.h"
#include "sim/sim.h"
#include "whatsapp/signature.h"
#include "whatsapp/webhook.h"

#define SECRET   "test-app-secret"
#define TOKEN    "test-token"
#define PNID     "100000000000001"
#define WABA     "100000000000002"
#define CUSTOMER "16505551234"

/* --- the webhook receiver ------------------------------------------------ */

static pthread_mutex_t hook_lock = PTHREAD_MUTEX_INITIALIZER;
static char *hook_bodies[256];
static size_t hook_count;
static int hook_bad_signatures;
static int hook_fail_remaining;
static int hook_failed;
static int hook_delay_us; /* vary answer times so transfers overlap */
static unsigned hook_seen;

static void on_hook(struct http_request *req)
{
    size_t len = 0;
    const char *body = http_body(req, &len);
    bool ok = wa_signature_valid(
        SECRET, http_header(req, "X-Hub-Signature-256"), body, len);

    pthread_mutex_lock(&hook_lock);
    int delay = hook_delay_us * (int)(hook_seen++ % 4);
    pthread_mutex_unlock(&hook_lock);
    if (delay)
        usleep((useconds_t)delay);
    pthread_mutex_lock(&hook_lock);
    if (hook_fail_remaining > 0) {
        hook_fail_remaining--;
        hook_failed++;
        pthread_mutex_unlock(&hook_lock);
        http_reply_empty(req, 503);
        return;
    }
    if (!ok)
        hook_bad_signatures++;
    if (hook_count < 256)
        hook_bodies[hook_count++] = xstrndup(body ? body : "", len);
    pthread_mutex_unlock(&hook_lock);
    http_reply_json(req, 200, json_object());
}

/* Meta's GET handshake, as Parley answers it. */
static void on_hook_verify(struct http_request *req)
{
    const char *challenge = http_query(req, "hub.challenge");

    if (!challenge || !wa_verify_handshake(http_query(req, "hub.mode"),
                                           http_query(req, "hub.verify_token"),
                                           "sim-verify")) {
        http_reply_empty(req, 403);
        return;
    }
    http_reply_bytes(req, 200, "text/plain", challenge, strlen(challenge));
}

static const struct http_route hook_routes[] = {
    {"POST", "/hook", on_hook, ROLE_NONE, HTTP_RAW_BODY},
    {"GET", "/hook", on_hook_verify, ROLE_NONE, 0},
};

static void hook_clear(void)
{
    pthread_mutex_lock(&hook_lock);
    for (size_t i = 0; i < hook_count; i++)
        free(hook_bodies[i]);
    hook_count = 0;
    hook_bad_signatures = 0;
    hook_fail_remaining = 0;
    hook_failed = 0;
    hook_delay_us = 0;
    pthread_mutex_unlock(&hook_lock);
}

/* Wait up to 3 s for at least n webhooks; returns how many arrived. */
static size_t hook_wait(size_t n)
{
    for (int i = 0; i < 300; i++) {
        pthread_mutex_lock(&hook_lock);
        size_t got = hook_count;
        pthread_mutex_unlock(&hook_lock);
        if (got >= n)
            return got;
        usleep(10000);
    }
    return hook_count;
}

/* Webhook i parsed (caller decrefs). */
static json_t *hook_json(size_t i)
{
    pthread_mutex_lock(&hook_lock);
    json_t *j = i < hook_count ? json_loads(hook_bodies[i], 0, NULL) : NULL;
    pthread_mutex_unlock(&hook_lock);
    assert_non_null(j);
    return j;
}

/* The first statuses[] or messages[] element of webhook i. */
static json_t *hook_item(json_t *hook, const char *kind)
{
    json_t *v = json_object_get(
        json_array_get(
            json_object_get(json_array_get(json_object_get(hook, "entry"), 0),
                            "changes"),
            0),
        "value");
    return json_array_get(json_object_get(v, kind), 0);
}

/* --- fixture ------------------------------------------------------------- */

struct fixture {
    struct http_server *hook_srv, *sim_srv;
    struct sim *sim;
    char base[64];
};

static struct http_options server_options(const struct http_route *routes,
                                          size_t n)
{
    struct http_options o = {
        .listen = "127.0.0.1:0",
        .threads = 2,
        .max_body_bytes = 1024 * 1024,
        .max_upload_bytes = 8 * 1024 * 1024,
        .max_header_bytes = 8192,
        .timeout_s = 5,
        .routes = routes,
        .route_count = n,
    };
    return o;
}

static int start_with(void **state, struct sim_options *so)
{
    struct fixture *f = xcalloc(1, sizeof(*f));
    struct http_options ho = server_options(hook_routes, 2);
    char cb[64];

    hook_clear();
    assert_int_equal(http_server_start(&ho, &f->hook_srv), 0);
    snprintf(cb, sizeof(cb), "http://127.0.0.1:%d/hook",
             http_server_port(f->hook_srv));
    so->callback_url = cb;
    so->app_secret = SECRET;
    so->access_token = TOKEN;
    if (!so->status_step_ms)
        so->status_step_ms = 5;
    so->retry_initial_ms = 20;
    so->template_approval_ms = 50;
    assert_int_equal(sim_start(so, &f->sim), 0);
    ho.routes = sim_routes_root(&ho.route_count);
    assert_int_equal(http_server_start(&ho, &f->sim_srv), 0);
    snprintf(f->base, sizeof(f->base), "http://127.0.0.1:%d",
             http_server_port(f->sim_srv));
    *state = f;
    return 0;
}

static int setup(void **state)
{
    struct sim_options so = {0};
    return start_with(state, &so);
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    http_server_stop(f->sim_srv);
    sim_stop(f->sim);
    http_server_stop(f->hook_srv);
    clock_set_offset_ms(0);
    hook_clear();
    free(f);
    return 0;
}

/* --- HTTP client --------------------------------------------------------- */

struct reply {
    long status;
    struct buf body;
    json_t *json;
};

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
    buf_append(ud, p, size * n);
    return size * n;
}

/*
 * One request. auth: NULL sends the right token, "" none, else that
 * token. ctype: NULL for JSON. Returns the reply; free with reply_free.
 */
static struct reply call(struct fixture *f, const char *method,
                         const char *path, const char *auth, const char *body,
                         size_t body_len, const char *ctype)
{
    struct reply r = {0, BUF_INIT, NULL};
    struct curl_slist *h = NULL;
    char line[256];
    char *url = xasprintf("%s%s", f->base, path);
    CURL *c = curl_easy_init();

    if (!auth || *auth) {
        snprintf(line, sizeof(line), "Authorization: Bearer %s",
                 auth ? auth : TOKEN);
        h = curl_slist_append(h, line);
    }
    snprintf(line, sizeof(line), "Content-Type: %s",
             ctype ? ctype : "application/json");
    if (body)
        h = curl_slist_append(h, line);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    if (r.body.data)
        r.json = json_loads(r.body.data, 0, NULL);
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    free(url);
    return r;
}

static struct reply post(struct fixture *f, const char *path, const char *body)
{
    return call(f, "POST", path, NULL, body, strlen(body), NULL);
}

static struct reply get(struct fixture *f, const char *path)
{
    return call(f, "GET", path, NULL, NULL, 0, NULL);
}

static void reply_free(struct reply *r)
{
    buf_free(&r->body);
    json_decref(r->json);
}

/* The Graph error code of a reply, or -1 if it is not an error. */
static int error_code(const struct reply *r)
{
    json_t *code = json_object_get(json_object_get(r->json, "error"), "code");
    return code ? (int)json_integer_value(code) : -1;
}

static struct reply send_msg(struct fixture *f, const char *json_body)
{
    return post(f, "/v23.0/" PNID "/messages", json_body);
}

static const char *text_to_customer =
    "{\"messaging_product\":\"whatsapp\",\"to\":\"+" CUSTOMER
    "\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}";

/* The customer writes, opening the 24-hour window. */
static char *customer_says_id(struct fixture *f, const char *text)
{
    char *body = xasprintf("{\"type\":\"text\",\"text\":{\"body\":\"%s\"},"
                           "\"profile_name\":\"Ann Example\"}",
                           text);
    struct reply r = post(f, "/sim/customers/" CUSTOMER "/messages", body);

    assert_int_equal(r.status, 200);
    char *wamid = xstrdup(json_string_value(json_object_get(r.json, "wamid")));
    reply_free(&r);
    free(body);
    return wamid;
}

static void customer_says(struct fixture *f, const char *text)
{
    free(customer_says_id(f, text));
}

/* --- tests --------------------------------------------------------------- */

static void rejects_missing_and_wrong_tokens(void **state)
{
    struct fixture *f = *state;
    struct reply r = call(f, "POST", "/v23.0/" PNID "/messages", "",
                          text_to_customer, strlen(text_to_customer), NULL);

    assert_int_equal(r.status, 401);
    assert_int_equal(error_code(&r), 0);
    reply_free(&r);
    r = call(f, "POST", "/v23.0/" PNID "/messages", "wrong", text_to_customer,
             strlen(text_to_customer), NULL);
    assert_int_equal(r.status, 401);
    assert_int_equal(error_code(&r), 190);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(r.json, "error"), "type")),
                        "OAuthException");
    reply_free(&r);
}

static void rejects_unknown_phone_number_and_version(void **state)
{
    struct fixture *f = *state;
    struct reply r = post(f, "/v23.0/999/messages", text_to_customer);

    assert_int_equal(r.status, 400);
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
    r = post(f, "/latest/" PNID "/messages", text_to_customer);
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
}

static void enforces_the_customer_service_window(void **state)
{
    struct fixture *f = *state;
    struct reply r = send_msg(f, text_to_customer);

    assert_int_equal(r.status, 400);
    assert_int_equal(error_code(&r), 131047);
    reply_free(&r);

    customer_says(f, "hi");
    r = send_msg(f, text_to_customer);
    assert_int_equal(r.status, 200);
    reply_free(&r);

    clock_set_offset_ms(25LL * 3600 * 1000);
    r = send_msg(f, text_to_customer);
    assert_int_equal(error_code(&r), 131047);
    reply_free(&r);
}

static void answers_success_in_meta_shape(void **state)
{
    struct fixture *f = *state;

    customer_says(f, "hi");
    struct reply r = send_msg(f, text_to_customer);
    assert_int_equal(r.status, 200);
    assert_string_equal(
        json_string_value(json_object_get(r.json, "messaging_product")),
        "whatsapp");
    json_t *contact = json_array_get(json_object_get(r.json, "contacts"), 0);
    assert_string_equal(json_string_value(json_object_get(contact, "wa_id")),
                        CUSTOMER);
    assert_string_equal(json_string_value(json_object_get(contact, "input")),
                        "+" CUSTOMER);
    json_t *msg = json_array_get(json_object_get(r.json, "messages"), 0);
    assert_true(strncmp(json_string_value(json_object_get(msg, "id")), "wamid.",
                        6) == 0);
    assert_null(json_object_get(msg, "message_status"));
    reply_free(&r);
}

static void limits_throughput_per_number(void **state)
{
    struct fixture *f = *state;
    int limited = 0, ok = 0;

    teardown(state);
    struct sim_options so = {.throughput_mps = 5};
    start_with(state, &so);
    f = *state;
    for (int i = 0; i < 10; i++) {
        char *b = xasprintf(
            "{\"messaging_product\":\"whatsapp\",\"to\":\"1650555%04d\","
            "\"type\":\"template\",\"template\":{\"name\":\"hello_world\","
            "\"language\":{\"code\":\"en_US\"}}}",
            i);
        struct reply r = send_msg(f, b);
        limited += error_code(&r) == 130429;
        ok += r.status == 200;
        reply_free(&r);
        free(b);
    }
    assert_true(ok >= 5);
    assert_true(limited >= 3);
}

static void limits_pair_rate(void **state)
{
    struct fixture *f;
    int codes[4];

    teardown(state);
    struct sim_options so = {.pair_burst = 3};
    start_with(state, &so);
    f = *state;
    customer_says(f, "hi");
    for (int i = 0; i < 4; i++) {
        struct reply r = send_msg(f, text_to_customer);
        codes[i] = error_code(&r);
        reply_free(&r);
    }
    assert_int_equal(codes[0], -1);
    assert_int_equal(codes[2], -1);
    assert_int_equal(codes[3], 131056);
}

static void checks_templates(void **state)
{
    struct fixture *f = *state;
    static const char *const cases[][2] = {
        {"{\"name\":\"no_such\",\"language\":{\"code\":\"en_US\"}}", "132001"},
        {"{\"name\":\"hello_world\",\"language\":{\"code\":\"fr\"}}", "132001"},
        {"{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"},"
         "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":"
         "\"text\",\"text\":\"Jane\"}]}]}",
         "132000"},
        {"{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"},"
         "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":"
         "\"text\",\"text\":\"Jane\"},{\"type\":\"text\",\"text\":\"A-7\"}]}"
         "]}",
         "0"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *b = xasprintf("{\"messaging_product\":\"whatsapp\",\"to\":\"%s\","
                            "\"type\":\"template\",\"template\":%s}",
                            CUSTOMER, cases[i][0]);
        struct reply r = send_msg(f, b);
        int want = atoi(cases[i][1]);
        if (want) {
            assert_int_equal(error_code(&r), want);
            assert_int_equal(r.status, want == 132001 ? 404 : 400);
        } else {
            assert_int_equal(r.status, 200);
            json_t *m = json_array_get(json_object_get(r.json, "messages"), 0);
            assert_string_equal(
                json_string_value(json_object_get(m, "message_status")),
                "accepted");
        }
        reply_free(&r);
        free(b);
    }
}

static void checks_body_caption_and_media_limits(void **state)
{
    struct fixture *f = *state;
    char *long_text = xmalloc(4098), *long_caption = xmalloc(1026);

    memset(long_text, 'a', 4097);
    long_text[4097] = '\0';
    memset(long_caption, 'b', 1025);
    long_caption[1025] = '\0';
    customer_says(f, "hi");
    char *cases[][2] = {
        {xasprintf("\"type\":\"text\",\"text\":{\"body\":\"%s\"}", long_text),
         "131009"},
        {xasprintf("\"type\":\"image\",\"image\":{\"link\":"
                   "\"https://example.com/a.png\",\"caption\":\"%s\"}",
                   long_caption),
         "131009"},
        {xasprintf("\"type\":\"text\",\"text\":{}"), "100"},
        {xasprintf("\"type\":\"image\",\"image\":{\"id\":\"123\"}"), "100"},
        {xasprintf(
             "\"type\":\"interactive\",\"interactive\":{\"type\":"
             "\"button\",\"body\":{\"text\":\"Pick\"},\"action\":{"
             "\"buttons\":[%s,%s,%s,%s]}}",
             "{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}}",
             "{\"type\":\"reply\",\"reply\":{\"id\":\"b\",\"title\":\"B\"}}",
             "{\"type\":\"reply\",\"reply\":{\"id\":\"c\",\"title\":\"C\"}}",
             "{\"type\":\"reply\",\"reply\":{\"id\":\"d\",\"title\":\"D\"}}"),
         "131009"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *b =
            xasprintf("{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",%s}",
                      CUSTOMER, cases[i][0]);
        struct reply r = send_msg(f, b);
        assert_int_equal(error_code(&r), atoi(cases[i][1]));
        assert_int_equal(r.status, 400);
        reply_free(&r);
        free(b);
        free(cases[i][0]);
    }
    free(long_text);
    free(long_caption);
}

static void reports_signed_statuses_in_order_with_pricing(void **state)
{
    struct fixture *f = *state;
    static const char *const order[] = {"sent", "delivered", "read"};

    customer_says(f, "hi");
    assert_int_equal(hook_wait(1), 1);
    struct reply r = send_msg(f, text_to_customer);
    assert_int_equal(r.status, 200);
    const char *wamid = json_string_value(json_object_get(
        json_array_get(json_object_get(r.json, "messages"), 0), "id"));
    assert_true(hook_wait(4) >= 4);
    usleep(50000);
    assert_int_equal(hook_count, 4);
    assert_int_equal(hook_bad_signatures, 0);
    for (int i = 0; i < 3; i++) {
        json_t *h = hook_json((size_t)i + 1);
        json_t *st = hook_item(h, "statuses");
        assert_string_equal(json_string_value(json_object_get(st, "id")),
                            wamid);
        assert_string_equal(json_string_value(json_object_get(st, "status")),
                            order[i]);
        json_t *pricing = json_object_get(st, "pricing");
        if (i < 2) {
            assert_string_equal(
                json_string_value(json_object_get(pricing, "pricing_model")),
                "PMP");
            assert_string_equal(
                json_string_value(json_object_get(pricing, "category")),
                "service");
            assert_string_equal(
                json_string_value(json_object_get(pricing, "type")),
                "free_customer_service");
        } else {
            assert_null(pricing);
        }
        json_decref(h);
    }
    reply_free(&r);
}

static void prices_templates_by_category(void **state)
{
    struct fixture *f = *state;
    struct reply r = send_msg(
        f, "{\"messaging_product\":\"whatsapp\",\"to\":\"" CUSTOMER "\","
           "\"type\":\"template\",\"template\":{\"name\":\"csat_survey\","
           "\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":"
           "\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"A\"}]}]}}");

    assert_int_equal(r.status, 200);
    assert_true(hook_wait(1) >= 1);
    json_t *h = hook_json(0);
    json_t *pricing = json_object_get(hook_item(h, "statuses"), "pricing");
    assert_string_equal(json_string_value(json_object_get(pricing, "category")),
                        "marketing");
    assert_string_equal(json_string_value(json_object_get(pricing, "type")),
                        "regular");
    assert_true(json_is_true(json_object_get(pricing, "billable")));
    json_decref(h);
    reply_free(&r);
}

static void retries_until_the_callback_answers(void **state)
{
    struct fixture *f = *state;

    pthread_mutex_lock(&hook_lock);
    hook_fail_remaining = 2;
    pthread_mutex_unlock(&hook_lock);
    customer_says(f, "are you there?");
    assert_int_equal(hook_wait(1), 1);
    assert_int_equal(hook_failed, 2);
    struct reply r = get(f, "/sim/stats");
    assert_int_equal(
        json_integer_value(json_object_get(r.json, "webhook_attempts_failed")),
        2);
    assert_int_equal(
        json_integer_value(json_object_get(r.json, "webhooks_acked")), 1);
    reply_free(&r);
}

static void customer_message_is_a_parseable_signed_webhook(void **state)
{
    struct fixture *f = *state;
    struct wa_batch *b = NULL;
    char err[128];

    customer_says(f, "where is my order?");
    assert_int_equal(hook_wait(1), 1);
    assert_int_equal(hook_bad_signatures, 0);
    pthread_mutex_lock(&hook_lock);
    int rc = wa_webhook_parse(hook_bodies[0], strlen(hook_bodies[0]), &b, err,
                              sizeof(err));
    pthread_mutex_unlock(&hook_lock);
    assert_int_equal(rc, 0);
    assert_int_equal(b->n_messages, 1);
    assert_int_equal(b->n_unparsed, 0);
    assert_string_equal(b->messages[0].from, CUSTOMER);
    assert_string_equal(b->messages[0].type, "text");
    assert_string_equal(b->messages[0].profile_name, "Ann Example");
    assert_non_null(b->messages[0].from_user_id);
    assert_string_equal(b->changes[0].phone_number_id, PNID);
    assert_string_equal(
        json_string_value(json_object_get(b->messages[0].content, "body")),
        "where is my order?");
    wa_batch_free(b);
}

static void ledger_lists_what_the_business_sent(void **state)
{
    struct fixture *f = *state;

    customer_says(f, "hi");
    struct reply s = send_msg(f, text_to_customer);
    assert_int_equal(s.status, 200);
    hook_wait(4);
    usleep(30000);
    struct reply r = get(f, "/sim/customers/" CUSTOMER "/received");
    assert_int_equal(r.status, 200);
    json_t *msgs = json_object_get(r.json, "messages");
    assert_int_equal(json_array_size(msgs), 1);
    json_t *m = json_array_get(msgs, 0);
    assert_string_equal(json_string_value(json_object_get(m, "type")), "text");
    json_t *sts = json_object_get(m, "statuses");
    assert_int_equal(json_array_size(sts), 3);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(sts, 2), "status")),
        "read");
    reply_free(&r);
    reply_free(&s);
    r = get(f, "/sim/customers/19999999999/received");
    assert_int_equal(r.status, 404);
    reply_free(&r);
}

/* A multipart body with one file part. */
static char *multipart(const char *mime, const char *data, size_t *len)
{
    struct buf b = BUF_INIT;

    buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; "
                 "name=\"messaging_product\"\r\n\r\nwhatsapp\r\n");
    buf_printf(&b,
               "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
               "filename=\"f\"\r\nContent-Type: %s\r\n\r\n%s\r\n",
               mime, data);
    buf_puts(&b, "--XyZ--\r\n");
    *len = b.len;
    return buf_steal(&b);
}

static void uploads_describes_downloads_and_deletes_media(void **state)
{
    struct fixture *f = *state;
    size_t len;
    char *body = multipart("text/plain", "hello media", &len);
    struct reply r = call(f, "POST", "/v23.0/" PNID "/media", NULL, body, len,
                          "multipart/form-data; boundary=XyZ");

    assert_int_equal(r.status, 200);
    char *id = xstrdup(json_string_value(json_object_get(r.json, "id")));
    reply_free(&r);
    free(body);

    char *path = xasprintf("/v23.0/%s", id);
    r = get(f, path);
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "mime_type")),
                        "text/plain");
    assert_string_equal(json_string_value(json_object_get(r.json, "file_size")),
                        "11");
    assert_int_equal(
        strlen(json_string_value(json_object_get(r.json, "sha256"))), 64);
    const char *url = json_string_value(json_object_get(r.json, "url"));
    char *dl = xstrdup(strstr(url, "/sim/media/"));
    reply_free(&r);

    r = call(f, "GET", dl, "", NULL, 0, NULL);
    assert_int_equal(r.status, 401);
    reply_free(&r);
    r = get(f, dl);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "hello media");
    reply_free(&r);
    clock_set_offset_ms(301 * 1000);
    r = get(f, dl);
    assert_int_equal(r.status, 404);
    reply_free(&r);
    clock_set_offset_ms(0);

    r = call(f, "DELETE", path, NULL, NULL, 0, NULL);
    assert_int_equal(r.status, 200);
    assert_true(json_is_true(json_object_get(r.json, "success")));
    reply_free(&r);
    r = get(f, path);
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
    free(path);
    free(dl);
    free(id);
}

static void refuses_unsupported_media_types(void **state)
{
    struct fixture *f = *state;
    size_t len;
    char *body = multipart("application/x-msdownload", "MZ", &len);
    struct reply r = call(f, "POST", "/v23.0/" PNID "/media", NULL, body, len,
                          "multipart/form-data; boundary=XyZ");

    assert_int_equal(error_code(&r), 131053);
    reply_free(&r);
    free(body);
    r = post(f, "/v23.0/" PNID "/media", "{}");
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
}

static void lists_creates_approves_and_deletes_templates(void **state)
{
    struct fixture *f = *state;
    struct reply r = get(f, "/v23.0/" WABA "/message_templates?limit=2");

    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "data")), 2);
    assert_non_null(json_object_get(json_object_get(r.json, "paging"), "next"));
    reply_free(&r);

    r = post(f, "/v23.0/" WABA "/message_templates",
             "{\"name\":\"shipping_delay\",\"category\":\"UTILITY\","
             "\"language\":\"en_US\",\"components\":[{\"type\":\"BODY\","
             "\"text\":\"Sorry {{1}}, order is late.\"}]}");
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "status")),
                        "PENDING");
    reply_free(&r);

    assert_true(hook_wait(1) >= 1);
    json_t *h = hook_json(0);
    json_t *change = json_array_get(
        json_object_get(json_array_get(json_object_get(h, "entry"), 0),
                        "changes"),
        0);
    assert_string_equal(json_string_value(json_object_get(change, "field")),
                        "message_template_status_update");
    json_t *v = json_object_get(change, "value");
    assert_string_equal(json_string_value(json_object_get(v, "event")),
                        "APPROVED");
    assert_string_equal(
        json_string_value(json_object_get(v, "message_template_name")),
        "shipping_delay");
    json_decref(h);

    const char *send =
        "{\"messaging_product\":\"whatsapp\",\"to\":\"" CUSTOMER "\","
        "\"type\":\"template\",\"template\":{\"name\":\"shipping_delay\","
        "\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":"
        "\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"A\"}]}]}}";
    r = send_msg(f, send);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    r = call(f, "DELETE",
             "/v23.0/" WABA "/message_templates?name=shipping_delay", NULL,
             NULL, 0, NULL);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    r = send_msg(f, send);
    assert_int_equal(error_code(&r), 132001);
    reply_free(&r);
}

static void injects_errors_and_duplicates(void **state)
{
    struct fixture *f = *state;
    const char *err = "{\"error_probability\":1,\"error_code\":131000}";
    struct reply r = call(f, "PUT", "/sim/faults", "", err, strlen(err), NULL);

    assert_int_equal(r.status, 200);
    reply_free(&r);
    r = send_msg(f, "{\"messaging_product\":\"whatsapp\",\"to\":\"" CUSTOMER
                    "\",\"type\":\"template\",\"template\":{\"name\":"
                    "\"hello_world\",\"language\":{\"code\":\"en_US\"}}}");
    assert_int_equal(r.status, 500);
    assert_int_equal(error_code(&r), 131000);
    reply_free(&r);

    const char *dup = "{\"duplicate_probability\":1}";
    r = call(f, "PUT", "/sim/faults", "", dup, strlen(dup), NULL);
    reply_free(&r);
    customer_says(f, "twice");
    assert_int_equal(hook_wait(2), 2);
    pthread_mutex_lock(&hook_lock);
    bool same = strcmp(hook_bodies[0], hook_bodies[1]) == 0;
    pthread_mutex_unlock(&hook_lock);
    assert_true(same);

    const char *bad = "{\"drop_probability\":2}";
    r = call(f, "PUT", "/sim/faults", "", bad, strlen(bad), NULL);
    assert_int_equal(r.status, 422);
    reply_free(&r);
}

static void inbound_media_can_be_downloaded(void **state)
{
    struct fixture *f = *state;
    struct reply r = post(f, "/sim/customers/" CUSTOMER "/messages",
                          "{\"type\":\"image\",\"image\":{\"caption\":\"x\"}}");

    assert_int_equal(r.status, 200);
    reply_free(&r);
    assert_int_equal(hook_wait(1), 1);
    json_t *h = hook_json(0);
    json_t *img = json_object_get(hook_item(h, "messages"), "image");
    assert_string_equal(json_string_value(json_object_get(img, "mime_type")),
                        "image/png");
    assert_string_equal(json_string_value(json_object_get(img, "caption")),
                        "x");
    char *path =
        xasprintf("/v23.0/%s", json_string_value(json_object_get(img, "id")));
    json_decref(h);
    r = get(f, path);
    assert_int_equal(r.status, 200);
    char *dl = xstrdup(strstr(json_string_value(json_object_get(r.json, "url")),
                              "/sim/media/"));
    reply_free(&r);
    r = get(f, dl);
    assert_int_equal(r.status, 200);
    assert_true(r.body.len > 8 && memcmp(r.body.data, "\x89PNG", 4) == 0);
    reply_free(&r);
    free(dl);
    free(path);
}

static void reset_forgets_customers(void **state)
{
    struct fixture *f = *state;

    customer_says(f, "hi");
    struct reply r = post(f, "/sim/reset", "{}");
    assert_int_equal(r.status, 200);
    reply_free(&r);
    r = get(f, "/sim/customers");
    assert_int_equal(json_array_size(json_object_get(r.json, "customers")), 0);
    reply_free(&r);
    r = send_msg(f, text_to_customer);
    assert_int_equal(error_code(&r), 131047);
    reply_free(&r);
}

static void reorders_and_drops_statuses(void **state)
{
    struct fixture *f;
    const char *rev = "{\"reorder_probability\":1}";
    const char *drop = "{\"drop_probability\":1}";

    teardown(state);
    struct sim_options so = {.status_step_ms = 100};
    start_with(state, &so);
    f = *state;
    customer_says(f, "hi");
    assert_int_equal(hook_wait(1), 1);
    struct reply r = call(f, "PUT", "/sim/faults", "", rev, strlen(rev), NULL);
    reply_free(&r);
    r = send_msg(f, text_to_customer);
    reply_free(&r);
    assert_int_equal(hook_wait(4), 4);
    json_t *h = hook_json(1);
    assert_string_equal(
        json_string_value(json_object_get(hook_item(h, "statuses"), "status")),
        "read");
    json_decref(h);

    r = call(f, "PUT", "/sim/faults", "", drop, strlen(drop), NULL);
    reply_free(&r);
    r = send_msg(f, text_to_customer);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    usleep(500000);
    assert_int_equal(hook_wait(5), 4);
}

static void marks_inbound_messages_read(void **state)
{
    struct fixture *f = *state;
    char *wamid = customer_says_id(f, "hello?");
    char *body = xasprintf("{\"messaging_product\":\"whatsapp\",\"status\":"
                           "\"read\",\"message_id\":\"%s\",\"typing_indicator\""
                           ":{\"type\":\"text\"}}",
                           wamid);
    struct reply r = send_msg(f, body);

    assert_int_equal(r.status, 200);
    assert_true(json_is_true(json_object_get(r.json, "success")));
    reply_free(&r);
    r = get(f, "/sim/customers/" CUSTOMER "/conversation");
    json_t *e = json_array_get(json_object_get(r.json, "messages"), 0);
    assert_true(json_is_true(json_object_get(e, "read")));
    assert_true(json_integer_value(json_object_get(e, "typing_until")) > 0);
    reply_free(&r);
    r = send_msg(f, "{\"messaging_product\":\"whatsapp\",\"status\":\"read\","
                    "\"message_id\":\"wamid.nope\"}");
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
    free(body);
    free(wamid);
}

static void serves_the_phone_page(void **state)
{
    struct fixture *f = *state;
    struct reply r = get(f, "/sim/phone?wa_id=" CUSTOMER);

    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.data, "/sim/phone/phone.js"));
    reply_free(&r);
    r = get(f, "/sim/phone/phone.js");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body.data, "textContent"));
    assert_null(strstr(r.body.data, "innerHTML"));
    reply_free(&r);
    r = get(f, "/sim/phone/nothing.js");
    assert_int_equal(r.status, 404);
    reply_free(&r);
}

static void runs_the_verification_handshake(void **state)
{
    struct fixture *f = *state;
    struct reply r = post(f, "/sim/verify", "{}");

    assert_int_equal(r.status, 200);
    assert_true(json_is_true(json_object_get(r.json, "verified")));
    reply_free(&r);
}

static void serves_the_graph_under_a_prefix(void **state)
{
    struct fixture *f = *state;
    struct http_options ho = server_options(NULL, 0);
    struct http_server *srv = NULL;
    struct fixture g = *f;

    ho.routes = sim_routes(&ho.route_count);
    assert_int_equal(http_server_start(&ho, &srv), 0);
    snprintf(g.base, sizeof(g.base), "http://127.0.0.1:%d",
             http_server_port(srv));
    struct reply r =
        post(&g, "/sim/graph/v23.0/" PNID "/messages", text_to_customer);
    assert_int_equal(error_code(&r), 131047);
    reply_free(&r);
    r = get(&g, "/sim/stats");
    assert_int_equal(r.status, 200);
    assert_int_equal(
        json_integer_value(json_object_get(r.json, "sends_rejected")), 1);
    reply_free(&r);
    http_server_stop(srv);
}

static void runs_a_bounded_load(void **state)
{
    struct fixture *f = *state;

    hook_delay_us = 3000;
    struct reply r =
        post(f, "/sim/load", "{\"customers\":20,\"rate\":5,\"seconds\":1}");

    assert_int_equal(r.status, 202);
    reply_free(&r);
    r = post(f, "/sim/load", "{\"customers\":3000,\"rate\":5,\"seconds\":1}");
    assert_int_equal(r.status, 422);
    reply_free(&r);
    bool running = true;
    for (int i = 0; i < 100 && running; i++) {
        usleep(100000);
        r = get(f, "/sim/load");
        running = json_is_true(json_object_get(r.json, "running"));
        if (running)
            reply_free(&r);
    }
    assert_false(running);
    json_int_t sent =
        json_integer_value(json_object_get(r.json, "messages_sent"));
    assert_true(sent >= 80 && sent <= 120);
    assert_int_equal(
        json_integer_value(json_object_get(r.json, "webhooks_acked")), sent);
    assert_true(json_number_value(json_object_get(
                    json_object_get(r.json, "ack_latency_ms"), "p50")) > 0);
    reply_free(&r);
}

static void fails_window_sends_async_when_configured(void **state)
{
    struct fixture *f;

    teardown(state);
    struct sim_options so = {.async_window_errors = true};
    start_with(state, &so);
    f = *state;
    struct reply r = send_msg(f, text_to_customer);
    assert_int_equal(r.status, 200);
    reply_free(&r);
    assert_int_equal(hook_wait(1), 1);
    usleep(50000);
    assert_int_equal(hook_count, 1);
    json_t *h = hook_json(0);
    json_t *st = hook_item(h, "statuses");
    assert_string_equal(json_string_value(json_object_get(st, "status")),
                        "failed");
    assert_int_equal(
        json_integer_value(json_object_get(
            json_array_get(json_object_get(st, "errors"), 0), "code")),
        131047);
    assert_null(json_object_get(st, "pricing"));
    json_decref(h);
}

static void escapes_non_ascii_and_signs_the_escaped_bytes(void **state)
{
    struct fixture *f = *state;
    struct wa_batch *b = NULL;

    customer_says(f, "\xec\x95\x88\xeb\x85\x95 \xf0\x9f\x91\x8b");
    assert_int_equal(hook_wait(1), 1);
    assert_int_equal(hook_bad_signatures, 0);
    pthread_mutex_lock(&hook_lock);
    char *body = xstrdup(hook_bodies[0]);
    pthread_mutex_unlock(&hook_lock);
    for (const char *p = body; *p; p++)
        assert_true((unsigned char)*p < 0x80);
    /* lowercase hex, surrogate pairs for the emoji, as Meta writes */
    assert_non_null(strstr(body, "\\uc548\\ub155 \\ud83d\\udc4b"));
    assert_int_equal(wa_webhook_parse(body, strlen(body), &b, NULL, 0), 0);
    assert_string_equal(
        json_string_value(json_object_get(b->messages[0].content, "body")),
        "\xec\x95\x88\xeb\x85\x95 \xf0\x9f\x91\x8b");
    wa_batch_free(b);
    free(body);
}

static void sends_a_template_in_another_language(void **state)
{
    struct fixture *f = *state;
    struct reply r = send_msg(
        f, "{\"messaging_product\":\"whatsapp\",\"to\":\"" CUSTOMER "\","
           "\"type\":\"template\",\"template\":{\"name\":\"order_update\","
           "\"language\":{\"code\":\"ko\"},\"components\":[{\"type\":"
           "\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"A\"},"
           "{\"type\":\"text\",\"text\":\"B\"}]}]}}");

    assert_int_equal(r.status, 200);
    reply_free(&r);
    r = get(f, "/v23.0/" WABA "/message_templates?name=order_update");
    assert_int_equal(json_array_size(json_object_get(r.json, "data")), 2);
    const char *id = json_string_value(json_object_get(
        json_array_get(json_object_get(r.json, "data"), 0), "id"));
    char *path = xasprintf("/v23.0/%s", id);
    struct reply one = get(f, path);
    assert_int_equal(one.status, 200);
    assert_string_equal(json_string_value(json_object_get(one.json, "name")),
                        "order_update");
    reply_free(&one);
    reply_free(&r);
    free(path);
}

static void sends_to_a_business_scoped_user_id(void **state)
{
    struct fixture *f = *state;

    customer_says(f, "hi");
    struct reply c = get(f, "/sim/customers");
    const char *bsuid = json_string_value(json_object_get(
        json_array_get(json_object_get(c.json, "customers"), 0), "user_id"));
    char *body = xasprintf("{\"messaging_product\":\"whatsapp\",\"recipient\":"
                           "\"%s\",\"type\":\"text\",\"text\":{\"body\":"
                           "\"hi\"}}",
                           bsuid);
    struct reply r = send_msg(f, body);

    assert_int_equal(r.status, 200);
    json_t *contact = json_array_get(json_object_get(r.json, "contacts"), 0);
    assert_string_equal(json_string_value(json_object_get(contact, "wa_id")),
                        CUSTOMER);
    assert_string_equal(json_string_value(json_object_get(contact, "user_id")),
                        bsuid);
    reply_free(&r);
    r = send_msg(f, "{\"messaging_product\":\"whatsapp\",\"recipient\":"
                    "\"US.0\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}");
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
    reply_free(&c);
    free(body);
}

static void slows_graph_answers(void **state)
{
    struct fixture *f = *state;
    const char *slow = "{\"slow_ms\":200}";
    struct reply r =
        call(f, "PUT", "/sim/faults", "", slow, strlen(slow), NULL);

    reply_free(&r);
    int64_t t0 = clock_mono_us();
    r = send_msg(f, text_to_customer);
    assert_true(clock_mono_us() - t0 >= 200000);
    reply_free(&r);
}

static void refuses_bad_template_definitions(void **state)
{
    struct fixture *f = *state;
    static const char *const bad[] = {
        "{\"name\":\"Bad Name\",\"category\":\"UTILITY\",\"language\":\"en\","
        "\"components\":[{\"type\":\"BODY\",\"text\":\"x\"}]}",
        "{\"name\":\"ok_name\",\"category\":\"PROMO\",\"language\":\"en\","
        "\"components\":[{\"type\":\"BODY\",\"text\":\"x\"}]}",
        "{\"name\":\"ok_name\",\"category\":\"UTILITY\",\"language\":\"en\","
        "\"components\":[{\"type\":\"FOOTER\",\"text\":\"x\"}]}",
        "{\"name\":\"hello_world\",\"category\":\"UTILITY\",\"language\":"
        "\"en_US\",\"components\":[{\"type\":\"BODY\",\"text\":\"x\"}]}",
    };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct reply r = post(f, "/v23.0/" WABA "/message_templates", bad[i]);
        assert_int_equal(r.status, 400);
        assert_int_equal(error_code(&r), 100);
        reply_free(&r);
    }
    struct reply r = post(f, "/v23.0/999/message_templates", bad[0]);
    assert_int_equal(error_code(&r), 100);
    reply_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(rejects_missing_and_wrong_tokens),
        T(rejects_unknown_phone_number_and_version),
        T(enforces_the_customer_service_window),
        T(answers_success_in_meta_shape),
        T(limits_throughput_per_number),
        T(limits_pair_rate),
        T(checks_templates),
        T(checks_body_caption_and_media_limits),
        T(reports_signed_statuses_in_order_with_pricing),
        T(prices_templates_by_category),
        T(retries_until_the_callback_answers),
        T(customer_message_is_a_parseable_signed_webhook),
        T(ledger_lists_what_the_business_sent),
        T(uploads_describes_downloads_and_deletes_media),
        T(refuses_unsupported_media_types),
        T(lists_creates_approves_and_deletes_templates),
        T(injects_errors_and_duplicates),
        T(inbound_media_can_be_downloaded),
        T(reset_forgets_customers),
        T(reorders_and_drops_statuses),
        T(marks_inbound_messages_read),
        T(serves_the_phone_page),
        T(runs_the_verification_handshake),
        T(serves_the_graph_under_a_prefix),
        T(runs_a_bounded_load),
        T(fails_window_sends_async_when_configured),
        T(escapes_non_ascii_and_signs_the_escaped_bytes),
        T(sends_a_template_in_another_language),
        T(sends_to_a_business_scoped_user_id),
        T(slows_graph_answers),
        T(refuses_bad_template_definitions),
#undef T
    };

    log_set_level(LOG_ERROR);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}

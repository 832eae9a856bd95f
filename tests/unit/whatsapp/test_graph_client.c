/*
 * The Graph client against a local server: bearer token and JSON body on
 * the wire, multipart uploads, many requests at once, timeouts, refused
 * connections, and requests still out when the client stops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/http.h"
#include "whatsapp/graph_client.h"

/* Answers with what it got: the Authorization header and the body. */
static void on_send(struct http_request *req)
{
    size_t len;
    const char *body = http_body(req, &len);
    const char *auth = http_header(req, "Authorization");

    http_reply_json(req, 200,
                    json_pack("{ss ss% ss}", "auth", auth ? auth : "", "body",
                              body ? body : "", len, "ctype",
                              http_header(req, "Content-Type") ?: ""));
}

/* Answers after 1.5 s. */
static void on_slow(struct http_request *req)
{
    usleep(1500 * 1000);
    http_reply_json(req, 200, json_object());
}

static void on_error(struct http_request *req)
{
    http_reply_json(req, 400,
                    json_pack("{s{si ss}}", "error", "code", 131056, "message",
                              "pair rate"));
}

static const struct http_route routes[] = {
    {"POST", "/v1/send", on_send, ROLE_NONE, 0},
    {"POST", "/v1/media", on_send, ROLE_NONE, HTTP_RAW_BODY | HTTP_BIG_BODY},
    {"GET", "/v1/slow", on_slow, ROLE_NONE, 0},
    {"POST", "/v1/error", on_error, ROLE_NONE, 0},
};

struct fixture {
    struct http_server *srv;
    struct wa_graph *g;
    char base[64];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct http_options o = {.listen = "127.0.0.1:0",
                             .threads = 4,
                             .max_upload_bytes = 1 << 20,
                             .routes = routes,
                             .route_count = sizeof routes / sizeof *routes};

    if (http_server_start(&o, &f->srv))
        return -1;
    snprintf(f->base, sizeof f->base, "http://127.0.0.1:%d/v1",
             http_server_port(f->srv));
    f->g = wa_graph_new(8);
    *state = f;
    return f->g ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    wa_graph_free(f->g);
    http_server_stop(f->srv);
    free(f);
    return 0;
}

/* The bearer token and the JSON body reach the server as given. */
static void test_json_post(void **state)
{
    struct fixture *f = *state;
    char url[96];
    struct wa_graph_response r;
    json_t *j;

    snprintf(url, sizeof url, "%s/send", f->base);
    assert_int_equal(
        wa_graph_call(f->g,
                      &(struct wa_graph_request){.method = "POST",
                                                 .url = url,
                                                 .token = "tok-123",
                                                 .json_body = "{\"a\":1}"},
                      &r),
        0);
    assert_int_equal(r.http_status, 200);
    j = json_loadb(r.body, r.len, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "auth")),
                        "Bearer tok-123");
    assert_string_equal(json_string_value(json_object_get(j, "body")),
                        "{\"a\":1}");
    assert_string_equal(json_string_value(json_object_get(j, "ctype")),
                        "application/json");
    json_decref(j);
    wa_graph_response_clear(&r);
}

/* An upload is multipart with messaging_product, type and the file. */
static void test_upload(void **state)
{
    struct fixture *f = *state;
    char url[96];
    struct wa_graph_response r;
    static const char data[] = "PNG fake bytes";
    json_t *j;
    const char *body;

    snprintf(url, sizeof url, "%s/media", f->base);
    assert_int_equal(
        wa_graph_call(f->g,
                      &(struct wa_graph_request){.method = "POST",
                                                 .url = url,
                                                 .token = "t",
                                                 .file_data = data,
                                                 .file_len = sizeof data - 1,
                                                 .file_mime = "image/png",
                                                 .file_name = "a.png"},
                      &r),
        0);
    assert_int_equal(r.http_status, 200);
    j = json_loadb(r.body, r.len, 0, NULL);
    assert_non_null(strstr(json_string_value(json_object_get(j, "ctype")),
                           "multipart/form-data"));
    body = json_string_value(json_object_get(j, "body"));
    assert_non_null(strstr(body, "name=\"messaging_product\""));
    assert_non_null(strstr(body, "whatsapp"));
    assert_non_null(strstr(body, "name=\"type\""));
    assert_non_null(strstr(body, "filename=\"a.png\""));
    assert_non_null(strstr(body, "PNG fake bytes"));
    json_decref(j);
    wa_graph_response_clear(&r);
}

/* Error statuses come back with their body, not as a failure. */
static void test_error_status(void **state)
{
    struct fixture *f = *state;
    char url[96];
    struct wa_graph_response r;

    snprintf(url, sizeof url, "%s/error", f->base);
    assert_int_equal(
        wa_graph_call(
            f->g, &(struct wa_graph_request){.method = "POST", .url = url}, &r),
        0);
    assert_int_equal(r.http_status, 400);
    assert_non_null(strstr(r.body, "131056"));
    wa_graph_response_clear(&r);
}

struct counter {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int done, ok;
};

static void on_done(struct wa_graph_response *resp, void *arg)
{
    struct counter *c = arg;

    pthread_mutex_lock(&c->lock);
    c->done++;
    if (resp->http_status == 200)
        c->ok++;
    pthread_cond_signal(&c->cond);
    pthread_mutex_unlock(&c->lock);
    wa_graph_response_clear(resp);
}

/* Many submitted requests all complete, each callback exactly once. */
static void test_many_at_once(void **state)
{
    struct fixture *f = *state;
    struct counter c = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0,
                        0};
    char url[96];
    uint64_t before = wa_graph_completed(f->g);

    snprintf(url, sizeof url, "%s/send", f->base);
    for (int i = 0; i < 50; i++)
        assert_int_equal(
            wa_graph_submit(f->g,
                            &(struct wa_graph_request){.method = "POST",
                                                       .url = url,
                                                       .json_body = "{}"},
                            on_done, &c),
            0);
    pthread_mutex_lock(&c.lock);
    while (c.done < 50)
        pthread_cond_wait(&c.cond, &c.lock);
    pthread_mutex_unlock(&c.lock);
    assert_int_equal(c.ok, 50);
    assert_int_equal(wa_graph_completed(f->g) - before, 50);
}

/* A request past its timeout ends with no status and a reason. */
static void test_timeout(void **state)
{
    struct fixture *f = *state;
    char url[96];
    struct wa_graph_response r;

    snprintf(url, sizeof url, "%s/slow", f->base);
    assert_int_equal(
        wa_graph_call(f->g,
                      &(struct wa_graph_request){
                          .method = "GET", .url = url, .timeout_ms = 200},
                      &r),
        -1);
    assert_int_equal(r.http_status, 0);
    assert_true(strlen(r.error) > 0);
    wa_graph_response_clear(&r);
}

/* Nothing listening: no status, a reason, no crash. */
static void test_refused(void **state)
{
    struct fixture *f = *state;
    struct wa_graph_response r;

    assert_int_equal(
        wa_graph_call(f->g,
                      &(struct wa_graph_request){.method = "GET",
                                                 .url = "http://127.0.0.1:1/x"},
                      &r),
        -1);
    assert_int_equal(r.http_status, 0);
    assert_true(strlen(r.error) > 0);
    wa_graph_response_clear(&r);
}

/* Stopping with a request out calls it back (no status); a submit after
 * the stop began is refused. */
static void test_stop_with_request_out(void **state)
{
    struct fixture *f = *state;
    struct counter c = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0,
                        0};
    char url[96];
    struct wa_graph *g = wa_graph_new(2);

    snprintf(url, sizeof url, "%s/slow", f->base);
    assert_int_equal(
        wa_graph_submit(g, &(struct wa_graph_request){.url = url}, on_done, &c),
        0);
    usleep(100 * 1000);
    wa_graph_free(g);
    assert_int_equal(c.done, 1);
    assert_int_equal(c.ok, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_post),
        cmocka_unit_test(test_upload),
        cmocka_unit_test(test_error_status),
        cmocka_unit_test(test_many_at_once),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_stop_with_request_out),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

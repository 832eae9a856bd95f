/*
 * In-process server tests: http_server_start() on 127.0.0.1:0 with test
 * routes, driven over real sockets with libcurl and raw requests (for
 * what curl will not send: broken framing, slow readers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "http/http.h"

static atomic_int guard_calls;
static atomic_int slow_entered;

/* --- routes ------------------------------------------------------------ */

static void on_hello(struct http_request *req)
{
    http_reply_json(req, 200, json_pack("{s:s}", "hello", "world"));
}

static void on_echo(struct http_request *req)
{
    json_t *body = http_json(req);

    if (body != NULL)
        http_reply_json(req, 200, json_incref(body));
}

static void on_forget(struct http_request *req)
{
}

static void on_private(struct http_request *req)
{
    http_reply_json(
        req, 200,
        json_pack("{s:I}", "user", (json_int_t)http_principal(req)->user_id));
}

static void on_item(struct http_request *req)
{
    int64_t id;

    if (http_param_id(req, "id", &id))
        http_reply_json(req, 200, json_pack("{s:I}", "id", (json_int_t)id));
}

/* Uses request-scoped memory, cookies and the query; the sanitizer build
 * finds any of it left behind. */
static void on_mem(struct http_request *req)
{
    for (int i = 0; i < 100; i++)
        memset(http_alloc(req, 1000), 'x', 1000);
    const char *sid = http_cookie(req, "sid");
    const char *q = http_query(req, "q");
    http_set_header(req, "X-Test", "yes");
    http_reply_json(req, 200, json_pack("{s:s?,s:s?}", "sid", sid, "q", q));
}

static void on_slow(struct http_request *req)
{
    atomic_store(&slow_entered, 1);
    usleep(300 * 1000);
    http_reply_json(req, 200, json_pack("{s:b}", "slow", 1));
}

/* /events?account=&user=&role=[&backlog=1]: backlog holds ids 1 and 2. */
static void on_events(struct http_request *req)
{
    struct sse_filter f = {atoll(http_query(req, "account")),
                           atoll(http_query(req, "user")),
                           (enum role)atoi(http_query(req, "role"))};
    struct buf backlog = BUF_INIT;

    if (http_query(req, "backlog") != NULL) {
        http_sse_frame(&backlog, 1, "test", "{\"n\":1}");
        http_sse_frame(&backlog, 2, "test", "{\"n\":2}");
    }
    http_reply_sse(req, &f, backlog.data, backlog.len, backlog.len ? 2 : 0);
    buf_free(&backlog);
}

/* Refuses when X-Deny is present; otherwise signs in user 42. */
static bool guard(struct http_request *req, const struct http_route *route)
{
    atomic_fetch_add(&guard_calls, 1);
    if (http_header(req, "X-Deny") != NULL) {
        http_reply_error(req, ERR_FORBIDDEN, "denied by the test guard");
        return false;
    }
    http_principal(req)->user_id = 42;
    return true;
}

static const struct http_route routes[] = {
    {"GET", "/hello", on_hello, ROLE_NONE, 0},
    {"POST", "/echo", on_echo, ROLE_NONE, 0},
    {"POST", "/upload", on_echo, ROLE_NONE, HTTP_BIG_BODY},
    {"GET", "/forget", on_forget, ROLE_NONE, 0},
    {"GET", "/private", on_private, ROLE_AGENT, 0},
    {"GET", "/items/{id}", on_item, ROLE_NONE, 0},
    {"GET", "/mem", on_mem, ROLE_NONE, 0},
    {"GET", "/slow", on_slow, ROLE_NONE, 0},
    {"GET", "/events", on_events, ROLE_NONE, HTTP_NO_LOG},
};

static struct http_options base_options(void)
{
    struct http_options o = {
        .listen = "127.0.0.1:0",
        .threads = 2,
        .max_body_bytes = 1024,
        .max_upload_bytes = 64 * 1024,
        .max_header_bytes = 4096,
        .timeout_s = 5,
        .routes = routes,
        .route_count = sizeof routes / sizeof routes[0],
        .guard = guard,
    };
    return o;
}

static struct http_server *start(const struct http_options *o)
{
    struct http_server *srv = NULL;

    assert_int_equal(http_server_start(o, &srv), 0);
    assert_true(http_server_port(srv) > 0);
    return srv;
}

/* --- clients ----------------------------------------------------------- */

struct reply {
    long status;
    struct buf body;
    struct buf head;
};

static size_t on_curl_data(char *p, size_t size, size_t n, void *arg)
{
    buf_append(arg, p, size * n);
    return size * n;
}

/* One request with curl; body may be NULL. Headers is "A: b\n" lines. */
static void request(struct http_server *srv, const char *method,
                    const char *path, const char *headers, const char *body,
                    struct reply *r)
{
    CURL *c = curl_easy_init();
    struct curl_slist *hl = NULL;
    char url[256];
    char *lines = strdup(headers ? headers : "");

    memset(r, 0, sizeof *r);
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", http_server_port(srv),
             path);
    for (char *l = strtok(lines, "\n"); l; l = strtok(NULL, "\n"))
        hl = curl_slist_append(hl, l);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (body != NULL)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_curl_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_curl_data);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
    free(lines);
    if (r->body.data == NULL)
        buf_puts(&r->body, "");
}

static void reply_free(struct reply *r)
{
    buf_free(&r->body);
    buf_free(&r->head);
}

static int connect_to(struct http_server *srv, int rcvbuf)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    struct timeval tv = {5, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    assert_true(fd >= 0);
    if (rcvbuf > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sa.sin_port = htons((uint16_t)http_server_port(srv));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

/* Read from fd into out until needle shows up, EOF or the 5 s timeout.
 * Returns true if needle was seen. */
static bool read_until(int fd, struct buf *out, const char *needle)
{
    char chunk[4096];

    while (needle == NULL || out->data == NULL ||
           strstr(out->data, needle) == NULL) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0)
            return needle == NULL;
        buf_append(out, chunk, (size_t)n);
    }
    return true;
}

/* Send raw bytes and read the answer until the server closes. */
static char *raw(struct http_server *srv, const char *text)
{
    int fd = connect_to(srv, 0);
    struct buf out = BUF_INIT;

    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    read_until(fd, &out, NULL);
    close(fd);
    return buf_steal(&out);
}

static void wait_streams(struct http_server *srv, size_t n)
{
    for (int i = 0; i < 500 && http_sse_count(srv) != n; i++)
        usleep(10 * 1000);
    assert_int_equal(http_sse_count(srv), n);
}

/* --- tests ------------------------------------------------------------- */

static void replies_json_with_safety_headers(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct reply r;

    request(srv, "GET", "/hello", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"hello\":\"world\"}");
    assert_non_null(strcasestr(r.head.data, "X-Content-Type-Options: nosniff"));
    assert_non_null(strcasestr(r.head.data, "X-Frame-Options: DENY"));
    assert_non_null(strcasestr(r.head.data, "Referrer-Policy: no-referrer"));
    assert_non_null(strcasestr(r.head.data, "Cache-Control: no-store"));
    assert_non_null(strcasestr(r.head.data, "application/json"));
    reply_free(&r);
    http_server_stop(srv);
}

static void answers_routing_errors(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct reply r;

    request(srv, "GET", "/nope", NULL, NULL, &r);
    assert_int_equal(r.status, 404);
    assert_string_equal(r.body.data, "{\"error\":{\"code\":\"route_not_found\","
                                     "\"message\":\"no such route\"}}");
    reply_free(&r);

    request(srv, "DELETE", "/hello/", NULL, NULL, &r);
    assert_int_equal(r.status, 405);
    assert_non_null(strstr(r.body.data, "\"method_not_allowed\""));
    assert_non_null(strcasestr(r.head.data, "Allow: GET, HEAD"));
    reply_free(&r);

    request(srv, "GET", "/items/12", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"id\":12}");
    reply_free(&r);
    request(srv, "GET", "/items/0", NULL, NULL, &r);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body.data, "\"not_found\""));
    reply_free(&r);
    request(srv, "GET", "/items/99999999999999999999", NULL, NULL, &r);
    assert_int_equal(r.status, 404);
    reply_free(&r);
    http_server_stop(srv);
}

static void head_has_no_body(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    char *text = raw(srv, "HEAD /hello HTTP/1.1\r\nHost: t\r\n"
                          "Connection: close\r\n\r\n");

    assert_non_null(strstr(text, "HTTP/1.1 200"));
    assert_non_null(strstr(text, "\r\n\r\n"));
    assert_string_equal(strstr(text, "\r\n\r\n"), "\r\n\r\n");
    free(text);
    http_server_stop(srv);
}

static void refuses_bodies_over_the_limit(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    char big[2048 + 16];
    struct reply r;

    snprintf(big, sizeof big, "{\"a\":\"%02000d\"}", 0);
    request(srv, "POST", "/echo", "Content-Type: application/json", big, &r);
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(r.body.data, "\"payload_too_large\""));
    reply_free(&r);

    /* The same body fits the upload limit of an HTTP_BIG_BODY route. */
    request(srv, "POST", "/upload", "Content-Type: application/json", big, &r);
    assert_int_equal(r.status, 200);
    reply_free(&r);

    /* A chunked body has no length up front: refused after reading. */
    struct buf req = BUF_INIT;
    buf_puts(&req, "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                   "Content-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 3; i++)
        buf_printf(&req, "400\r\n%01024d\r\n", 0);
    buf_puts(&req, "0\r\n\r\n");
    char *text = raw(srv, req.data);
    assert_non_null(strstr(text, "HTTP/1.1 413"));
    assert_non_null(strstr(text, "\"payload_too_large\""));
    free(text);
    buf_free(&req);
    http_server_stop(srv);
}

static void refuses_a_header_block_over_the_limit(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    char value[5000];
    char head[5200];

    memset(value, 'v', sizeof value - 1);
    value[sizeof value - 1] = '\0';
    snprintf(head, sizeof head,
             "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
             "X-Big: %s\r\n\r\n",
             value);
    char *text = raw(srv, head);
    assert_non_null(strstr(text, "HTTP/1.1 413"));
    assert_non_null(strstr(text, "\"payload_too_large\""));
    free(text);
    http_server_stop(srv);
}

static void checks_json_bodies(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct reply r;

    request(srv, "POST", "/echo", "Content-Type: text/plain", "{}", &r);
    assert_int_equal(r.status, 415);
    assert_non_null(strstr(r.body.data, "\"unsupported_media_type\""));
    reply_free(&r);

    request(srv, "POST", "/echo", "Content-Type: application/json",
            "{\"a\":\n1,}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body.data, "\"invalid_json\""));
    assert_non_null(strstr(r.body.data, "line 2"));
    reply_free(&r);

    request(srv, "POST", "/echo",
            "Content-Type: application/json; charset=utf-8", "{\"a\":[1]}", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"a\":[1]}");
    reply_free(&r);
    http_server_stop(srv);
}

static void refuses_ambiguous_framing(void **state)
{
    static const char *const attacks[] = {
        "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} ",
        "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
        "Content-Type: application/json\r\nContent-Length: 7\r\n"
        "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
        "Content-Type : application/json\r\nContent-Length: 2\r\n\r\n{}",
    };
    struct http_options o = base_options();
    struct http_server *srv = start(&o);

    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        char *text = raw(srv, attacks[i]);
        assert_non_null(strstr(text, "HTTP/1.1 400"));
        assert_non_null(strstr(text, "\"bad_framing\""));
        free(text);
    }
    http_server_stop(srv);
}

static void guard_runs_and_can_refuse(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct reply r;

    atomic_store(&guard_calls, 0);
    request(srv, "GET", "/hello", NULL, NULL, &r);
    reply_free(&r);
    assert_int_equal(atomic_load(&guard_calls), 0);

    request(srv, "GET", "/private", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"user\":42}");
    reply_free(&r);
    request(srv, "GET", "/private", "X-Deny: 1", NULL, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body.data, "\"forbidden\""));
    reply_free(&r);
    assert_int_equal(atomic_load(&guard_calls), 2);
    http_server_stop(srv);
}

static void unanswered_request_is_500(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    unsigned long errors = log_error_count();
    struct reply r;

    request(srv, "GET", "/forget", NULL, NULL, &r);
    assert_int_equal(r.status, 500);
    assert_non_null(strstr(r.body.data, "\"internal_error\""));
    assert_true(log_error_count() > errors);
    reply_free(&r);
    http_server_stop(srv);
}

static void request_memory_cookies_and_query(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct reply r;

    request(srv, "GET", "/mem?q=a%20b", "Cookie: a=1; sid=\"xyz\"; b=2", NULL,
            &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "{\"sid\":\"xyz\",\"q\":\"a b\"}");
    assert_non_null(strcasestr(r.head.data, "X-Test: yes"));
    reply_free(&r);
    request(srv, "GET", "/mem", "Cookie: sidx=1", NULL, &r);
    assert_string_equal(r.body.data, "{\"sid\":null,\"q\":null}");
    reply_free(&r);
    http_server_stop(srv);
}

static void writes_metrics(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct buf out = BUF_INIT;
    struct reply r;

    request(srv, "GET", "/hello", NULL, NULL, &r);
    reply_free(&r);
    request(srv, "GET", "/nope", NULL, NULL, &r);
    reply_free(&r);
    /* A request is counted when MHD completes it, which may be just after
     * the client has its reply. */
    for (int i = 0; i < 100; i++) {
        buf_reset(&out);
        http_metrics_write(srv, &out);
        if (strstr(out.data, "duration_seconds_count 2\n") != NULL)
            break;
        usleep(10 * 1000);
    }
    assert_non_null(strstr(out.data, "parley_http_requests_total{route=\""
                                     "/hello\",method=\"GET\",status=\"2xx\"}"
                                     " 1\n"));
    assert_non_null(strstr(out.data, "route=\"unmatched\""));
    assert_non_null(
        strstr(out.data, "parley_http_request_duration_seconds_count 2\n"));
    assert_non_null(strstr(out.data, "le=\"+Inf\"} 2\n"));
    assert_non_null(strstr(out.data, "parley_sse_streams 0\n"));
    buf_free(&out);
    http_server_stop(srv);
}

/* Open an event stream over a raw socket (HTTP/1.0: no chunking). */
static int open_stream(struct http_server *srv, const char *query, int rcvbuf)
{
    char text[256];
    int fd = connect_to(srv, rcvbuf);

    snprintf(text, sizeof text, "GET /events?%s HTTP/1.0\r\n\r\n", query);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    return fd;
}

static void sse_backlog_then_events_in_order(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = start(&o);
    struct buf got = BUF_INIT;
    int fd = open_stream(srv, "account=1&user=2&role=1&backlog=1", 0);

    wait_streams(srv, 1);
    assert_true(read_until(fd, &got, "{\"n\":2}"));
    http_sse_publish(srv, 1, 0, ROLE_AGENT, 2, "test", "{\"n\":\"dup\"}");
    http_sse_publish(srv, 1, 0, ROLE_AGENT, 3, "test", "{\"n\":3}");
    http_sse_publish(srv, 9, 0, ROLE_NONE, 4, "test", "{\"n\":4}");
    http_sse_publish(srv, 1, 3, ROLE_NONE, 5, "test", "{\"n\":5}");
    http_sse_publish(srv, 1, 0, ROLE_SUPERVISOR, 6, "test", "{\"n\":6}");
    http_sse_publish(srv, 1, 2, ROLE_AGENT, 7, "test", "{\"n\":7}");
    assert_true(read_until(fd, &got, "{\"n\":7}"));

    const char *one = strstr(got.data, "id: 1\nevent: test\ndata: {\"n\":1}");
    const char *three = strstr(got.data, "id: 3\nevent: test\ndata: {\"n\":3}");
    const char *seven = strstr(got.data, "id: 7\nevent: test\ndata: {\"n\":7}");
    assert_non_null(strstr(got.data, "text/event-stream"));
    assert_true(one != NULL && three != NULL && seven != NULL);
    assert_true(one < three && three < seven);
    assert_null(strstr(got.data, "dup"));
    assert_null(strstr(got.data, "{\"n\":4}"));
    assert_null(strstr(got.data, "{\"n\":5}"));
    assert_null(strstr(got.data, "{\"n\":6}"));
    close(fd);
    buf_free(&got);
    http_server_stop(srv);
}

static void sse_heartbeat_and_stream_cap(void **state)
{
    struct http_options o = base_options();
    o.heartbeat_s = 1;
    o.sse_max_streams = 1;
    struct http_server *srv = start(&o);
    struct buf got = BUF_INIT;
    struct reply r;
    int fd = open_stream(srv, "account=1&user=2&role=1", 0);

    wait_streams(srv, 1);
    request(srv, "GET", "/events?account=1&user=2&role=1", NULL, NULL, &r);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(r.body.data, "\"unavailable\""));
    reply_free(&r);
    assert_true(read_until(fd, &got, ": ping\n\n"));
    close(fd);
    buf_free(&got);
    http_server_stop(srv);
}

static void sse_slow_reader_is_cut_off(void **state)
{
    struct http_options o = base_options();
    o.sse_max_bytes = 64 * 1024;
    struct http_server *srv = start(&o);
    char data[8192];
    int fd = open_stream(srv, "account=1&user=2&role=1", 4096);

    wait_streams(srv, 1);
    memset(data, 'x', sizeof data - 1);
    data[sizeof data - 1] = '\0';
    /* Enough to fill every kernel buffer on the way, then the limit. */
    for (int i = 0; i < 4000 && http_sse_count(srv) > 0; i++)
        http_sse_publish(srv, 1, 0, ROLE_NONE, i + 1, "big", data);
    wait_streams(srv, 0);
    close(fd);
    http_server_stop(srv);
}

struct slow_call {
    struct http_server *srv;
    struct reply r;
};

static void *slow_main(void *arg)
{
    struct slow_call *c = arg;

    request(c->srv, "GET", "/slow", NULL, NULL, &c->r);
    return NULL;
}

static void stop_finishes_requests_in_flight(void **state)
{
    struct http_options o = base_options();
    struct slow_call call = {.srv = start(&o)};
    pthread_t t;
    int fd = open_stream(call.srv, "account=1&user=2&role=1", 0);
    struct buf got = BUF_INIT;

    atomic_store(&slow_entered, 0);
    wait_streams(call.srv, 1);
    assert_int_equal(pthread_create(&t, NULL, slow_main, &call), 0);
    while (!atomic_load(&slow_entered))
        usleep(1000);
    http_server_stop(call.srv);
    pthread_join(t, NULL);
    assert_int_equal(call.r.status, 200);
    assert_string_equal(call.r.body.data, "{\"slow\":true}");
    reply_free(&call.r);
    /* The event stream was ended, not left hanging. */
    assert_true(read_until(fd, &got, NULL));
    close(fd);
    buf_free(&got);
}

static void refuses_bad_listen_strings(void **state)
{
    struct http_options o = base_options();
    struct http_server *srv = NULL;

    o.listen = "no-port";
    assert_int_equal(http_server_start(&o, &srv), -1);
    o.listen = "[::1]:0";
    if (http_server_start(&o, &srv) == 0) {
        assert_true(http_server_port(srv) > 0);
        http_server_stop(srv);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(replies_json_with_safety_headers),
        cmocka_unit_test(answers_routing_errors),
        cmocka_unit_test(head_has_no_body),
        cmocka_unit_test(refuses_bodies_over_the_limit),
        cmocka_unit_test(refuses_a_header_block_over_the_limit),
        cmocka_unit_test(checks_json_bodies),
        cmocka_unit_test(refuses_ambiguous_framing),
        cmocka_unit_test(guard_runs_and_can_refuse),
        cmocka_unit_test(unanswered_request_is_500),
        cmocka_unit_test(request_memory_cookies_and_query),
        cmocka_unit_test(writes_metrics),
        cmocka_unit_test(sse_backlog_then_events_in_order),
        cmocka_unit_test(sse_heartbeat_and_stream_cap),
        cmocka_unit_test(sse_slow_reader_is_cut_off),
        cmocka_unit_test(stop_finishes_requests_in_flight),
        cmocka_unit_test(refuses_bad_listen_strings),
    };
    int rc;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    log_set_level(LOG_WARN);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}

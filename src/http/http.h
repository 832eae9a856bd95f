/*
 * The HTTP layer: libmicrohttpd glue, a router with path parameters, a
 * request context, JSON replies and errors, server-sent events.
 *
 * Only this module calls MHD_*. A handler sees a struct http_request and
 * never a socket: it reads the method, path parameters, query, headers and
 * the whole body (already collected and size-checked), and replies once
 * with one of the http_reply_* functions. Memory a handler allocates with
 * http_alloc() lives as long as the request.
 *
 * Requests run on a small pool of libmicrohttpd threads (epoll), so a
 * handler may block on storage but should not sleep.
 */
#ifndef PARLEY_HTTP_H
#define PARLEY_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/role.h"
#include "http/errors.h"

struct http_server;
struct http_request;
struct store;
struct db;

/* Who is making the request, filled in by the server's guard. */
struct http_principal {
    int64_t account_id;
    int64_t user_id;
    enum role role;
    int64_t session_id; /* when signed in with the session cookie */
    int64_t token_id;   /* when signed in with an API token */
};

typedef void (*http_handler_cb)(struct http_request *req);

/* Route flags. */
#define HTTP_RAW_BODY 0x1 /* keep the body as bytes; do not insist on JSON */
#define HTTP_BIG_BODY 0x2 /* allow bodies up to max_upload_bytes */
#define HTTP_NO_LOG   0x4 /* no access-log line (health checks) */

struct http_route {
    const char *method;  /* "GET", "POST", "PATCH", "PUT", "DELETE" */
    const char *pattern; /* "/api/v1/teams/{id}/members/{user_id}" */
    http_handler_cb handler;
    enum role min_role;
    unsigned flags;
};

/*
 * Called for every request to a route whose min_role is not ROLE_NONE,
 * before its handler: authenticate, fill req's principal, check the role
 * and CSRF. Returns true to go on; on false it has already replied.
 */
typedef bool (*http_guard_cb)(struct http_request *req,
                              const struct http_route *route);

/* Zero sizes, counts and times mean the defaults set in server.c. */
struct http_options {
    const char *listen;      /* "127.0.0.1:8080"; port 0 picks a free one */
    int threads;             /* worker threads; 0 means the core count */
    size_t max_body_bytes;   /* larger bodies get 413 */
    size_t max_upload_bytes; /* the limit for HTTP_BIG_BODY routes */
    size_t max_header_bytes; /* per connection, for the request head */
    unsigned timeout_s;      /* idle connection timeout */
    const struct http_route *routes;
    size_t route_count;
    http_guard_cb guard;
    void *app;              /* handed to handlers as http_app(req) */
    struct store *store;    /* for http_db() */
    unsigned heartbeat_s;   /* SSE ": ping" interval; 0 means 20 */
    size_t sse_max_bytes;   /* unsent bytes before a stream is cut;
                               0 means 1 MiB */
    size_t sse_max_streams; /* open streams before 503; 0: 10000 */
};

/*
 * Start listening and serving. Returns 0 and sets *out, or -1 with the
 * reason logged (address in use, bad listen string).
 */
int http_server_start(const struct http_options *opt, struct http_server **out);

/* The port actually bound, for listen strings with port 0. */
int http_server_port(const struct http_server *srv);

/*
 * Graceful stop: stop accepting, close event streams, let requests in
 * flight finish (up to a few seconds), then free everything.
 */
void http_server_stop(struct http_server *srv);

/* --- reading the request ---------------------------------------------- */

/* The server serving req, e.g. to publish events from a handler. */
struct http_server *http_server_of(struct http_request *req);

void *http_app(struct http_request *req);
const char *http_method(struct http_request *req);
const char *http_path(struct http_request *req);
const struct http_route *http_route_of(struct http_request *req);
struct http_principal *http_principal(struct http_request *req);

/* Path parameter by name ("id" for "{id}"), or NULL. */
const char *http_param(struct http_request *req, const char *name);

/* A path parameter that must be a positive int64. On failure replies 404
 * (an id that cannot exist names nothing) and returns false. */
bool http_param_id(struct http_request *req, const char *name, int64_t *out);

/* Query-string argument, or NULL. */
const char *http_query(struct http_request *req, const char *name);

/* Request header (case-insensitive name), or NULL. */
const char *http_header(struct http_request *req, const char *name);

/* Cookie value, or NULL. */
const char *http_cookie(struct http_request *req, const char *name);

/* The client's address as text ("127.0.0.1", "::1"). */
const char *http_client_address(struct http_request *req);

/* The raw body; body_len is 0 when there is none. */
const char *http_body(struct http_request *req, size_t *len);

/*
 * Parse the body as a JSON object. On success returns it (borrowed: freed
 * with the request). On failure replies 415 (not application/json) or 400
 * (malformed, not an object, not UTF-8) and returns NULL.
 */
json_t *http_json(struct http_request *req);

/* Request-scoped memory, freed when the request ends. */
void *http_alloc(struct http_request *req, size_t n);

/* A database connection for this request, taken from the store's pool on
 * first use and given back when the request ends. */
struct db *http_db(struct http_request *req);

/* --- replying ----------------------------------------------------------- */

/* Add a response header; call before replying. Values are copied. */
void http_set_header(struct http_request *req, const char *name,
                     const char *value);

/* Reply with a JSON document; takes the reference to body. */
void http_reply_json(struct http_request *req, int status, json_t *body);

/* Reply {"error":{"code":...,"message":...}} with the error's status. */
void http_reply_error(struct http_request *req, enum http_error err,
                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reply with bytes (copied) of a content type. */
void http_reply_bytes(struct http_request *req, int status,
                      const char *content_type, const void *data, size_t len);

/* Reply with static bytes that outlive the server (embedded assets). */
void http_reply_static(struct http_request *req, int status,
                       const char *content_type, const void *data, size_t len);

/* Reply with no body (204, 202...). */
void http_reply_empty(struct http_request *req, int status);

bool http_replied(struct http_request *req);

/* --- server-sent events ---------------------------------------------- */

/*
 * Who a stream is for. An event reaches a stream when the account matches,
 * its user_id is 0 or the stream's user, and the stream's role is at least
 * the event's min_role.
 */
struct sse_filter {
    int64_t account_id;
    int64_t user_id;
    enum role role;
};

/*
 * Turn this request into an event stream (text/event-stream) for filter.
 * backlog (may be NULL, length backlog_len) is written first: events the
 * client missed since its Last-Event-ID. Returns false (after replying 503)
 * when the server holds too many streams.
 */
bool http_reply_sse(struct http_request *req, const struct sse_filter *filter,
                    const char *backlog, size_t backlog_len,
                    int64_t backlog_last_id);

/*
 * Send an event to every matching stream of this server. data is one JSON
 * line. Formats the frame once and shares it among the streams; a stream
 * whose unsent bytes pass its limit is closed with a warning.
 */
void http_sse_publish(struct http_server *srv, int64_t account_id,
                      int64_t user_id, enum role min_role, int64_t event_id,
                      const char *type, const char *data);

/* Format one SSE frame ("id: ...\nevent: ...\ndata: ...\n\n") into out;
 * used for backlogs so that both paths frame alike. */
struct buf;
void http_sse_frame(struct buf *out, int64_t event_id, const char *type,
                    const char *data);

/* Streams open now, for /metrics. */
size_t http_sse_count(struct http_server *srv);

/* The distinct users of account_id with an open stream on this server,
 * at most cap of them, into out; returns how many (for presence). */
size_t http_sse_users(struct http_server *srv, int64_t account_id, int64_t *out,
                      size_t cap);

/* --- metrics ------------------------------------------------------------ */

/* Append request counters by route and status and the latency histogram
 * in Prometheus text format. */
void http_metrics_write(struct http_server *srv, struct buf *out);

#endif

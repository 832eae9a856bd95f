/*
 * What the files of the HTTP layer share and nothing else sees: the server
 * and request structures, the JSON body check (also driven by a fuzzer),
 * and the seams between server.c, request.c, reply.c, sse.c and metrics.c.
 */
#ifndef PARLEY_HTTP_REQUEST_INTERNAL_H
#define PARLEY_HTTP_REQUEST_INTERNAL_H

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "http/http.h"
#include "http/router.h"

/* Deepest JSON nesting a request body may have. */
#define HTTP_JSON_MAX_DEPTH 64

struct sse_hub;
struct http_metrics;

struct http_server {
    struct http_options opt; /* a copy with defaults filled in */
    struct MHD_Daemon *daemon;
    int listen_fd;
    int port;
    atomic_int in_flight; /* requests begun and not yet completed */
    struct sse_hub *hub;
    struct http_metrics *metrics;
};

/* One block of request-scoped memory; see http_alloc(). */
struct mem_block {
    struct mem_block *next;
    max_align_t data[];
};

/* A response header set with http_set_header(), copied into the arena. */
struct reply_header {
    struct reply_header *next;
    const char *name;
    const char *value;
};

struct http_request {
    struct http_server *srv;
    struct MHD_Connection *conn;
    const char *method;             /* owned by the connection */
    char *path;                     /* raw path without the query; arena */
    char *scratch;                  /* decoded path segments; arena */
    const struct http_route *route; /* NULL until routed */
    size_t route_index;             /* route_count when unrouted */
    struct router_match match;
    struct http_principal principal;
    struct buf body;
    size_t body_limit;
    size_t body_discarded; /* bytes dropped after passing the limit */
    bool started, replied, too_large, sse;
    int status;
    uint64_t bytes; /* body bytes sent, for the access log */
    int64_t start_us;
    json_t *json;
    struct db *db;
    struct mem_block *mem;
    struct reply_header *headers;
    char client[64];
};

/* --- request.c ---------------------------------------------------------- */

/* A fresh request for raw uri (query string dropped from the path). */
struct http_request *request_new(struct http_server *srv, const char *uri,
                                 struct MHD_Connection *conn);

/* Give back the database connection and free everything the request owns. */
void request_free(struct http_request *req);

/* Give the request's database connection back to the pool, if it took
 * one. Done as soon as the handler has replied: a reply that takes long
 * to send (an event stream, a large file) must not hold a connection. */
void request_release_db(struct http_request *req);

/*
 * The validation path of http_json(), free of any connection: content_type
 * (may be NULL) must be application/json, body must be a JSON object in
 * UTF-8 without NUL bytes, duplicate keys or nesting deeper than
 * HTTP_JSON_MAX_DEPTH. Returns the object (caller decrefs), or NULL with
 * *err and a printable ASCII message in msg.
 */
json_t *request_json_check(const char *content_type, const char *body,
                           size_t len, enum http_error *err, char *msg,
                           size_t msg_len);

/* --- reply.c ------------------------------------------------------------ */

/*
 * Queue resp with status and the headers every reply carries (plus those
 * from http_set_header and, for JSON, Cache-Control: no-store), then drop
 * our reference. body_len feeds the access log.
 */
void reply_queue(struct http_request *req, int status,
                 struct MHD_Response *resp, bool json, size_t body_len);

/* --- sse.c -------------------------------------------------------------- */

struct sse_hub *sse_hub_new(const struct http_options *opt);

/* End every stream and refuse new ones; waits up to wait_ms for them to
 * close. */
void sse_hub_close_all(struct sse_hub *hub, int wait_ms);

/* Stop the heartbeat thread and free; streams must be gone. */
void sse_hub_free(struct sse_hub *hub);

/* --- metrics.c ---------------------------------------------------------- */

struct http_metrics *metrics_new(size_t route_count);
void metrics_record(struct http_metrics *m, size_t route_index, int status,
                    int64_t duration_us);
void metrics_free(struct http_metrics *m);

#endif

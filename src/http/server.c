/*
 * The server: one libmicrohttpd daemon with an epoll thread pool, the
 * access handler that collects the body under a hard limit, refuses
 * malformed framing, routes, runs the guard and the handler, and the
 * completion hook that logs, counts and frees each request.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/request_internal.h"

#define DEFAULT_MAX_BODY        (1024 * 1024)
#define DEFAULT_MAX_UPLOAD      (32 * 1024 * 1024)
#define DEFAULT_MAX_HEADER      (16 * 1024)
#define DEFAULT_TIMEOUT_S       60
#define DEFAULT_HEARTBEAT_S     20
#define DEFAULT_SSE_MAX_BYTES   (1024 * 1024)
#define DEFAULT_SSE_MAX_STREAMS 10000
/* Bytes past a body's limit we read and drop (chunked bodies, whose size
 * is not known up front) before giving up on the connection. */
#define DISCARD_LIMIT (1024 * 1024)
#define STOP_WAIT_MS  5000

/* What the header scan found; see check_headers(). */
struct header_scan {
    const char *content_length;
    bool conflicting_length;
    bool chunked;
    bool bad_name;
    size_t bytes;
};

static enum MHD_Result on_header(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
    struct header_scan *hs = cls;

    hs->bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
    if (key[strcspn(key, " \t")] != '\0')
        hs->bad_name = true;
    if (value == NULL)
        return MHD_YES;
    if (strcasecmp(key, "Content-Length") == 0) {
        if (hs->content_length && strcmp(hs->content_length, value) != 0)
            hs->conflicting_length = true;
        hs->content_length = value;
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        hs->chunked = true;
    }
    return MHD_YES;
}

/*
 * Refuse what libmicrohttpd 0.9.75 lets through: differing Content-Length
 * headers, Content-Length with Transfer-Encoding, whitespace in a header
 * name; and a header block past max_header_bytes. Returns true when it
 * has replied.
 */
static bool check_headers(struct http_request *req, struct header_scan *hs)
{
    memset(hs, 0, sizeof *hs);
    MHD_get_connection_values(req->conn, MHD_HEADER_KIND, on_header, hs);
    if (hs->conflicting_length || (hs->content_length && hs->chunked) ||
        hs->bad_name) {
        http_reply_error(req, ERR_BAD_FRAMING,
                         "ambiguous message framing or header name");
        return true;
    }
    if (hs->bytes > req->srv->opt.max_header_bytes) {
        http_reply_error(req, ERR_TOO_LARGE,
                         "the request head is larger "
                         "than %zu bytes",
                         req->srv->opt.max_header_bytes);
        return true;
    }
    return false;
}

/* Route the request. Returns true when it has replied (no route). */
static bool route_request(struct http_request *req)
{
    const struct http_options *o = &req->srv->opt;
    enum router_result r =
        router_match(o->routes, o->route_count, req->method, req->path,
                     strlen(req->path), req->scratch, &req->match);

    switch (r) {
    case ROUTER_FOUND:
        req->route = &o->routes[req->match.route];
        req->route_index = req->match.route;
        return false;
    case ROUTER_METHOD:
        http_set_header(req, "Allow", req->match.allow);
        http_reply_error(req, ERR_METHOD, "%s is not allowed here",
                         req->method);
        return true;
    case ROUTER_BAD_PATH:
        http_reply_error(req, ERR_BAD_REQUEST, "malformed request path");
        return true;
    default:
        http_reply_error(req, ERR_NO_ROUTE, "no such route");
        return true;
    }
}

/* First call for a request: headers are in, the body is not. */
static void begin_request(struct http_request *req, const char *method)
{
    struct header_scan hs;

    req->started = true;
    req->method = method;
    if (check_headers(req, &hs) || route_request(req))
        return;
    req->body_limit = (req->route->flags & HTTP_BIG_BODY)
                          ? req->srv->opt.max_upload_bytes
                          : req->srv->opt.max_body_bytes;
    /* A declared length past the limit is refused before any is read. */
    if (hs.content_length != NULL) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(hs.content_length, &end, 10);
        if (errno == 0 && *end == '\0' && n > req->body_limit) {
            req->too_large = true;
            http_reply_error(req, ERR_TOO_LARGE,
                             "the body is larger than %zu bytes",
                             req->body_limit);
        }
    }
}

/*
 * Body bytes as they arrive. Past the limit they are dropped, not kept;
 * a client that goes on far past it loses the connection. Returns the
 * MHD result for the access handler.
 */
static enum MHD_Result collect_body(struct http_request *req, const char *data,
                                    size_t n)
{
    if (!req->too_large && req->body.len + n <= req->body_limit) {
        buf_append(&req->body, data, n);
        return MHD_YES;
    }
    req->too_large = true;
    buf_free(&req->body);
    req->body_discarded += n;
    return req->body_discarded > DISCARD_LIMIT ? MHD_NO : MHD_YES;
}

/* The whole body is in: guard, handler, and a 500 if nobody replied. */
static void run_handler(struct http_request *req)
{
    const struct http_route *route = req->route;

    if (req->too_large) {
        http_reply_error(req, ERR_TOO_LARGE,
                         "the body is larger than %zu bytes", req->body_limit);
        return;
    }
    /* A guard that refuses has replied; one that did not is caught below
     * like a handler that forgot to. */
    if (route->min_role == ROLE_NONE || req->srv->opt.guard(req, route))
        route->handler(req);
    if (!req->replied) {
        log_error("http_no_reply", "route=%s method=%s", route->pattern,
                  req->method);
        http_reply_error(req, ERR_INTERNAL, "the request was not answered");
    }
    request_release_db(req);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_request *req = *con_cls;

    if (req == NULL)
        return MHD_NO; /* believed impossible: the URI hook made one */
    if (!req->started) {
        begin_request(req, method);
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        return collect_body(req, upload_data, n);
    }
    if (!req->replied)
        run_handler(req);
    return MHD_YES;
}

/* Called with the request line: the request context starts here, so the
 * raw path (before MHD's decoding) is what the router sees. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct http_server *srv = cls;

    atomic_fetch_add(&srv->in_flight, 1);
    return request_new(srv, uri, conn);
}

/* The request is over, answered or not: log it, count it, free it. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_server *srv = cls;
    struct http_request *req = *con_cls;

    if (req == NULL)
        return;
    *con_cls = NULL;
    int64_t us = clock_mono_us() - req->start_us;
    int status = req->replied ? req->status : 0;
    if (req->route == NULL || !(req->route->flags & HTTP_NO_LOG)) {
        char path[256];
        log_info("http_request",
                 "method=%s path=%s status=%d bytes=%llu ms=%.1f client=%s",
                 req->method, log_quote(req->path, path, sizeof path), status,
                 (unsigned long long)req->bytes, (double)us / 1000.0,
                 req->client);
    }
    metrics_record(srv->metrics, req->route_index, status, us);
    request_free(req);
    atomic_fetch_sub(&srv->in_flight, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char text[256], q[300];

    vsnprintf(text, sizeof text, fmt, ap);
    text[strcspn(text, "\n")] = '\0';
    log_debug("mhd", "msg=%s", log_quote(text, q, sizeof q));
}

/* Split spec, "host:port" or "[v6]:port", into host and port strings. */
static int split_listen(const char *spec, char *host, size_t host_len,
                        const char **port)
{
    const char *colon = strrchr(spec, ':');
    const char *h = spec;
    size_t n;

    if (colon == NULL || colon[1] == '\0')
        return -1;
    n = (size_t)(colon - spec);
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
        h++;
        n -= 2;
    }
    if (n >= host_len || memchr(h, ']', n) != NULL)
        return -1;
    memcpy(host, h, n);
    host[n] = '\0';
    *port = colon + 1;
    return 0;
}

/* Bind and listen on the first address of host:port that works. */
static int open_listener(const char *spec, int *family)
{
    struct addrinfo hints = {0}, *ai = NULL;
    char host[256];
    const char *port;
    int fd = -1, one = 1;

    if (split_listen(spec, host, sizeof host, &port) != 0)
        return -1;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    if (getaddrinfo(host[0] ? host : NULL, port, &hints, &ai) != 0)
        return -1;
    for (struct addrinfo *a = ai; a != NULL && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0)
            continue;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (a->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
            close(fd);
            fd = -1;
            continue;
        }
        *family = a->ai_family;
    }
    freeaddrinfo(ai);
    return fd;
}

static int bound_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;

    if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
        return -1;
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* Copy opt and fill in the defaults for what it leaves zero. */
static void fill_defaults(struct http_options *o)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    if (o->threads <= 0)
        o->threads = cores > 0 ? (int)cores : 2;
    if (o->max_body_bytes == 0)
        o->max_body_bytes = DEFAULT_MAX_BODY;
    if (o->max_upload_bytes == 0)
        o->max_upload_bytes = DEFAULT_MAX_UPLOAD;
    if (o->max_header_bytes == 0)
        o->max_header_bytes = DEFAULT_MAX_HEADER;
    if (o->timeout_s == 0)
        o->timeout_s = DEFAULT_TIMEOUT_S;
    if (o->heartbeat_s == 0)
        o->heartbeat_s = DEFAULT_HEARTBEAT_S;
    if (o->sse_max_bytes == 0)
        o->sse_max_bytes = DEFAULT_SSE_MAX_BYTES;
    if (o->sse_max_streams == 0)
        o->sse_max_streams = DEFAULT_SSE_MAX_STREAMS;
}

/* A route that needs a role with no guard to check it is our bug. */
static int check_options(const struct http_options *o)
{
    if (router_check(o->routes, o->route_count) != 0)
        return -1;
    for (size_t i = 0; i < o->route_count; i++) {
        if (o->routes[i].min_role != ROLE_NONE && o->guard == NULL) {
            log_error("http_no_guard", "pattern=%s", o->routes[i].pattern);
            return -1;
        }
    }
    return 0;
}

/*
 * Start the daemon on srv->listen_fd. The connection pool holds the
 * request head plus room for MHD's read and write buffers, so a head just
 * past max_header_bytes still reaches check_headers() and gets our 413.
 */
static int start_daemon(struct http_server *srv, int family)
{
    const struct http_options *o = &srv->opt;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
                     MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC | MHD_USE_ERROR_LOG;

    if (family == AF_INET6)
        flags |= MHD_USE_IPv6;
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_LISTEN_SOCKET,
        srv->listen_fd, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(o->max_header_bytes * 2 + 32 * 1024),
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
        MHD_OPTION_END);
    return srv->daemon ? 0 : -1;
}

int http_server_start(const struct http_options *opt, struct http_server **out)
{
    struct http_server *srv = xcalloc(1, sizeof *srv);
    int family = AF_INET, rc = -1;
    char q[300];

    srv->opt = *opt;
    srv->listen_fd = -1;
    fill_defaults(&srv->opt);
    if (check_options(&srv->opt) != 0)
        goto out;
    srv->listen_fd = open_listener(opt->listen ? opt->listen : "", &family);
    if (srv->listen_fd < 0) {
        log_error("http_listen_failed", "listen=%s errno=%d",
                  log_quote(opt->listen ? opt->listen : "", q, sizeof q),
                  errno);
        goto out;
    }
    srv->port = bound_port(srv->listen_fd);
    srv->metrics = metrics_new(srv->opt.route_count);
    srv->hub = sse_hub_new(&srv->opt);
    if (start_daemon(srv, family) != 0) {
        log_error("http_start_failed", "listen=%s",
                  log_quote(opt->listen, q, sizeof q));
        goto out;
    }
    log_info("http_listening", "port=%d threads=%d", srv->port,
             srv->opt.threads);
    *out = srv;
    srv = NULL;
    rc = 0;
out:
    if (srv != NULL) {
        sse_hub_free(srv->hub);
        metrics_free(srv->metrics);
        if (srv->listen_fd >= 0)
            close(srv->listen_fd);
        free(srv);
    }
    return rc;
}

int http_server_port(const struct http_server *srv)
{
    return srv->port;
}

struct http_server *http_server_of(struct http_request *req)
{
    return req->srv;
}

/* Wait up to ms for requests in flight to complete. */
static void wait_in_flight(struct http_server *srv, int ms)
{
    for (int waited = 0; atomic_load(&srv->in_flight) > 0 && waited < ms;
         waited += 10)
        usleep(10 * 1000);
    if (atomic_load(&srv->in_flight) > 0)
        log_warn("http_stop_in_flight", "requests=%d",
                 atomic_load(&srv->in_flight));
}

void http_server_stop(struct http_server *srv)
{
    if (srv == NULL)
        return;
    MHD_quiesce_daemon(srv->daemon);
    close(srv->listen_fd);
    sse_hub_close_all(srv->hub, STOP_WAIT_MS / 2);
    wait_in_flight(srv, STOP_WAIT_MS);
    MHD_stop_daemon(srv->daemon);
    sse_hub_free(srv->hub);
    metrics_free(srv->metrics);
    log_info("http_stopped", "port=%d", srv->port);
    free(srv);
}

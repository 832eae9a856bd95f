/*
 * The request context a handler sees: accessors for what the client sent,
 * request-scoped memory, the lazily acquired database connection, and the
 * JSON body check. Everything here dies with the request.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/request_internal.h"
#include "store/store.h"

/* Fill req->client from the connection's peer address. */
static void set_client_address(struct http_request *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;

    strcpy(req->client, "unknown");
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
                  req->client, sizeof req->client);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
                  req->client, sizeof req->client);
}

struct http_request *request_new(struct http_server *srv, const char *uri,
                                 struct MHD_Connection *conn)
{
    struct http_request *req = xcalloc(1, sizeof *req);
    size_t n = strcspn(uri, "?#");

    req->srv = srv;
    req->conn = conn;
    req->method = "-";
    req->route_index = srv->opt.route_count;
    req->start_us = clock_mono_us();
    req->path = http_alloc(req, n + 1);
    memcpy(req->path, uri, n);
    req->path[n] = '\0';
    req->scratch = http_alloc(req, n + 1);
    set_client_address(req);
    return req;
}

/*
 * Give the database connection back. A transaction still open here is our
 * bug: the handler forgot to commit or roll back.
 */
void request_release_db(struct http_request *req)
{
    if (req->db == NULL)
        return;
    /* store_release() rolls back a transaction left open and logs it as
     * an error: that is a handler's bug. */
    store_release(req->db);
    req->db = NULL;
}

void request_free(struct http_request *req)
{
    if (req == NULL)
        return;
    request_release_db(req);
    json_decref(req->json);
    buf_free(&req->body);
    while (req->mem != NULL) {
        struct mem_block *next = req->mem->next;
        free(req->mem);
        req->mem = next;
    }
    free(req);
}

void *http_alloc(struct http_request *req, size_t n)
{
    struct mem_block *b = xmalloc(sizeof *b + (n ? n : 1));

    b->next = req->mem;
    req->mem = b;
    return b->data;
}

void *http_app(struct http_request *req)
{
    return req->srv->opt.app;
}

const char *http_method(struct http_request *req)
{
    return req->method;
}

const char *http_path(struct http_request *req)
{
    return req->path;
}

const struct http_route *http_route_of(struct http_request *req)
{
    return req->route;
}

struct http_principal *http_principal(struct http_request *req)
{
    return &req->principal;
}

const char *http_param(struct http_request *req, const char *name)
{
    size_t n = strlen(name);

    for (size_t i = 0; i < req->match.param_count; i++) {
        const struct router_param *p = &req->match.params[i];
        if (p->name_len == n && memcmp(p->name, name, n) == 0)
            return p->value;
    }
    return NULL;
}

/* Digits only, no sign, no leading zero, within int64, above zero. */
static bool parse_positive_id(const char *s, int64_t *out)
{
    int64_t v = 0;

    if (s == NULL || *s < '1' || *s > '9')
        return false;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return true;
}

bool http_param_id(struct http_request *req, const char *name, int64_t *out)
{
    if (parse_positive_id(http_param(req, name), out))
        return true;
    http_reply_error(req, ERR_NOT_FOUND, "no such %s", name);
    return false;
}

const char *http_query(struct http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct http_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

/*
 * Find name in a Cookie header ("a=1; b=2"). Returns a copy of the value
 * in the request arena, or NULL.
 */
const char *http_cookie(struct http_request *req, const char *name)
{
    const char *p = http_header(req, "Cookie");
    size_t n = strlen(name);

    while (p != NULL && *p != '\0') {
        p += strspn(p, " \t;");
        size_t pair = strcspn(p, ";");
        const char *eq = memchr(p, '=', pair);
        if (eq != NULL && (size_t)(eq - p) == n && memcmp(p, name, n) == 0) {
            size_t vlen = pair - n - 1;
            const char *v = eq + 1;
            while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
                vlen--;
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
                v++;
                vlen -= 2;
            }
            char *out = http_alloc(req, vlen + 1);
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return out;
        }
        p += pair;
    }
    return NULL;
}

const char *http_client_address(struct http_request *req)
{
    return req->client;
}

const char *http_body(struct http_request *req, size_t *len)
{
    if (len != NULL)
        *len = req->body.len;
    return req->body.data ? req->body.data : "";
}

/* application/json, any case, optionally followed by parameters. */
static bool is_json_type(const char *ct)
{
    static const char want[] = "application/json";

    if (ct == NULL)
        return false;
    ct += strspn(ct, " \t");
    if (strncasecmp(ct, want, sizeof want - 1) != 0)
        return false;
    ct += sizeof want - 1;
    return *ct == '\0' || *ct == ';' || *ct == ' ' || *ct == '\t';
}

/*
 * Deepest nesting of arrays and objects in body, counting only brackets
 * outside strings. Stops counting once past the limit.
 */
static int json_depth(const char *body, size_t len)
{
    int depth = 0, max = 0;
    bool in_string = false, escaped = false;

    for (size_t i = 0; i < len && max <= HTTP_JSON_MAX_DEPTH; i++) {
        char c = body[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max)
                max = depth;
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return max;
}

/* Replace anything but printable ASCII so a message is safe to echo. */
static void sanitize(char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            *s = '?';
    }
}

json_t *request_json_check(const char *content_type, const char *body,
                           size_t len, enum http_error *err, char *msg,
                           size_t msg_len)
{
    json_error_t je;
    json_t *obj = NULL;

    *err = ERR_INVALID_JSON;
    if (!is_json_type(content_type)) {
        *err = ERR_MEDIA_TYPE;
        snprintf(msg, msg_len, "Content-Type must be application/json");
    } else if (len == 0) {
        snprintf(msg, msg_len, "the body is empty");
    } else if (memchr(body, '\0', len) != NULL) {
        snprintf(msg, msg_len, "the body contains a NUL byte");
    } else if (json_depth(body, len) > HTTP_JSON_MAX_DEPTH) {
        snprintf(msg, msg_len, "the body nests deeper than %d levels",
                 HTTP_JSON_MAX_DEPTH);
    } else if ((obj = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je)) ==
               NULL) {
        snprintf(msg, msg_len, "line %d column %d: %s", je.line, je.column,
                 je.text);
    } else if (!json_is_object(obj)) {
        snprintf(msg, msg_len, "the body must be a JSON object");
        json_decref(obj);
        obj = NULL;
    }
    if (obj == NULL)
        sanitize(msg);
    return obj;
}

json_t *http_json(struct http_request *req)
{
    enum http_error err;
    char msg[256];

    if (req->json != NULL)
        return req->json;
    req->json =
        request_json_check(http_header(req, "Content-Type"), req->body.data,
                           req->body.len, &err, msg, sizeof msg);
    if (req->json == NULL)
        http_reply_error(req, err, "%s", msg);
    return req->json;
}

/*
 * Connection for this request, acquired on first use. Without a store it
 * is our configuration bug: logged, NULL returned.
 */
struct db *http_db(struct http_request *req)
{
    if (req->db != NULL)
        return req->db;
    if (req->srv->opt.store == NULL) {
        log_error("http_no_store", "path=%s", req->path);
        return NULL;
    }
    req->db = store_acquire(req->srv->opt.store);
    return req->db;
}

/*
 * The router: splits a raw path into percent-decoded segments once, then
 * walks the patterns of the static table segment by segment. Linear in the
 * number of routes, which is fine for a few hundred, and allocation-free.
 */
#include "http/router.h"

#include <stdbool.h>
#include <string.h>

#include "base/log.h"

/* A path cut into decoded segments; pointers into the caller's scratch. */
struct segments {
    size_t count;
    const char *seg[ROUTER_MAX_SEGMENTS];
    size_t len[ROUTER_MAX_SEGMENTS];
};

static const char *const known_methods[] = {"GET",   "POST",   "PUT",
                                            "PATCH", "DELETE", NULL};

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Decode one raw segment of n bytes into out (NUL-terminated). Returns the
 * decoded length, or -1 for a malformed escape or an escaped NUL, which
 * would silently cut a C string short.
 */
static long decode_segment(const char *raw, size_t n, char *out)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        if (raw[i] != '%') {
            if (raw[i] == '\0')
                return -1;
            out[o++] = raw[i];
            continue;
        }
        if (i + 2 >= n)
            return -1;
        int hi = hex_value(raw[i + 1]), lo = hex_value(raw[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return -1;
        out[o++] = (char)(hi * 16 + lo);
        i += 2;
    }
    out[o] = '\0';
    return (long)o;
}

/*
 * Split path into decoded segments. A single trailing slash is dropped so
 * "/a/" and "/a" are one route. Returns ROUTER_FOUND on success,
 * ROUTER_NO_ROUTE for too many segments, ROUTER_BAD_PATH otherwise.
 */
static enum router_result split_path(const char *path, size_t len,
                                     char *scratch, struct segments *s)
{
    size_t i = 1;

    s->count = 0;
    if (len == 0 || path[0] != '/')
        return ROUTER_BAD_PATH;
    if (len > 1 && path[len - 1] == '/')
        len--;
    if (len == 1)
        return ROUTER_FOUND;
    while (i <= len) {
        const char *end = memchr(path + i, '/', len - i);
        size_t n = end ? (size_t)(end - (path + i)) : len - i;
        if (s->count == ROUTER_MAX_SEGMENTS)
            return ROUTER_NO_ROUTE;
        long d = decode_segment(path + i, n, scratch);
        if (d < 0)
            return ROUTER_BAD_PATH;
        s->seg[s->count] = scratch;
        s->len[s->count++] = (size_t)d;
        scratch += d + 1;
        i += n + 1;
    }
    return ROUTER_FOUND;
}

/*
 * Compare one pattern with the segments; on a match fill m's parameters.
 * A "{name}" segment matches any non-empty segment.
 */
static bool pattern_matches(const char *pattern, const struct segments *s,
                            struct router_match *m)
{
    const char *p = pattern + 1;
    size_t k = 0;

    m->param_count = 0;
    while (*p != '\0') {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (k == s->count)
            return false;
        if (n >= 2 && p[0] == '{' && p[n - 1] == '}') {
            if (s->len[k] == 0 || m->param_count == ROUTER_MAX_PARAMS)
                return false;
            struct router_param *rp = &m->params[m->param_count++];
            rp->name = p + 1;
            rp->name_len = n - 2;
            rp->value = s->seg[k];
        } else if (n != s->len[k] || memcmp(p, s->seg[k], n) != 0) {
            return false;
        }
        k++;
        p += end ? n + 1 : n;
    }
    return k == s->count;
}

static bool method_serves(const char *route_method, const char *method)
{
    if (strcmp(route_method, method) == 0)
        return true;
    return strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0;
}

/* Append a method to the Allow list unless it is there already. */
static void allow_add(char *allow, size_t cap, const char *method)
{
    size_t len = strlen(allow), n = strlen(method);
    const char *p = allow;

    while ((p = strstr(p, method)) != NULL) {
        if ((p == allow || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
            return;
        p += n;
    }
    if (len + n + 3 > cap)
        return;
    if (len > 0) {
        memcpy(allow + len, ", ", 2);
        len += 2;
    }
    memcpy(allow + len, method, n + 1);
}

enum router_result router_match(const struct http_route *routes, size_t count,
                                const char *method, const char *path,
                                size_t path_len, char *scratch,
                                struct router_match *m)
{
    struct segments s;
    bool path_known = false;

    m->allow[0] = '\0';
    enum router_result rc = split_path(path, path_len, scratch, &s);
    if (rc != ROUTER_FOUND)
        return rc;
    for (size_t i = 0; i < count; i++) {
        if (!pattern_matches(routes[i].pattern, &s, m))
            continue;
        if (method_serves(routes[i].method, method)) {
            m->route = i;
            return ROUTER_FOUND;
        }
        path_known = true;
        allow_add(m->allow, sizeof m->allow, routes[i].method);
        if (strcmp(routes[i].method, "GET") == 0)
            allow_add(m->allow, sizeof m->allow, "HEAD");
    }
    m->param_count = 0;
    return path_known ? ROUTER_METHOD : ROUTER_NO_ROUTE;
}

static bool method_known(const char *method)
{
    for (size_t i = 0; known_methods[i] != NULL; i++) {
        if (strcmp(known_methods[i], method) == 0)
            return true;
    }
    return false;
}

/* Check one pattern's shape; see router_check(). */
static bool pattern_valid(const char *pattern)
{
    size_t segments = 0, params = 0;

    if (pattern == NULL || pattern[0] != '/')
        return false;
    for (const char *p = pattern + 1; *p != '\0';) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *open = memchr(p, '{', n), *close = memchr(p, '}', n);
        if (n == 0 || ++segments > ROUTER_MAX_SEGMENTS)
            return false;
        if (open || close) {
            if (open != p || close != p + n - 1 || n < 3 ||
                ++params > ROUTER_MAX_PARAMS)
                return false;
        }
        p += end ? n + 1 : n;
    }
    return true;
}

int router_check(const struct http_route *routes, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const struct http_route *r = &routes[i];
        if (r->method != NULL && method_known(r->method) &&
            pattern_valid(r->pattern) && r->handler != NULL)
            continue;
        char q[128];
        log_error("http_bad_route", "index=%zu pattern=%s", i,
                  log_quote(r->pattern ? r->pattern : "", q, sizeof q));
        return -1;
    }
    return 0;
}

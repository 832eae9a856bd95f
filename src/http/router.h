/*
 * Route matching, internal to the HTTP layer (and its fuzzer): a raw
 * request path is percent-decoded segment by segment once, then compared
 * with each pattern of the static table without allocating.
 */
#ifndef PARLEY_HTTP_ROUTER_H
#define PARLEY_HTTP_ROUTER_H

#include <stddef.h>

#include "http/http.h"

#define ROUTER_MAX_PARAMS   8
#define ROUTER_MAX_SEGMENTS 32

enum router_result {
    ROUTER_FOUND,    /* m->route and m->params are set */
    ROUTER_NO_ROUTE, /* no pattern matches the path */
    ROUTER_METHOD,   /* a pattern matches, not for this method; m->allow */
    ROUTER_BAD_PATH, /* not an origin-form path, bad escape, or %00 */
};

struct router_param {
    const char *name; /* into the pattern, not NUL-terminated */
    size_t name_len;
    const char *value; /* decoded, NUL-terminated, in the caller's scratch */
};

struct router_match {
    size_t route; /* index into the table */
    size_t param_count;
    struct router_param params[ROUTER_MAX_PARAMS];
    char allow[64]; /* "GET, HEAD, POST" for ROUTER_METHOD */
};

/*
 * Check a route table once at start: every pattern starts with '/', has
 * well-formed "{name}" segments, at most ROUTER_MAX_PARAMS of them and at
 * most ROUTER_MAX_SEGMENTS segments; every method is known and every
 * route has a handler. Returns 0, or -1 with the bad route logged.
 */
int router_check(const struct http_route *routes, size_t count);

/*
 * Match method and the raw path (path_len bytes, no query string) against
 * the table. scratch holds at least path_len + 1 bytes and receives the
 * decoded segments that m's parameter values point into; it must outlive
 * m. HEAD is served by GET routes; one trailing slash is ignored.
 */
enum router_result router_match(const struct http_route *routes, size_t count,
                                const char *method, const char *path,
                                size_t path_len, char *scratch,
                                struct router_match *m);

#endif

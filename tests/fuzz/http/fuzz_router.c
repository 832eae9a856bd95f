/*
 * Fuzz the router: arbitrary bytes as the method selector and raw path,
 * matched against a small table. Checks that a match hands back parameter
 * values inside the scratch buffer and never reads or writes past it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void on_any(struct http_request *req)
{
}

static const struct http_route routes[] = {
    {"GET", "/", on_any, ROLE_NONE, 0},
    {"GET", "/api/v1/teams/{id}/members/{user_id}", on_any, ROLE_NONE, 0},
    {"DELETE", "/api/v1/teams/{id}/members/{user_id}", on_any, ROLE_NONE, 0},
    {"POST", "/api/v1/teams", on_any, ROLE_NONE, 0},
    {"GET", "/api/v1/conversations/{id}/messages", on_any, ROLE_NONE, 0},
    {"GET", "/files/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}", on_any, ROLE_NONE, 0},
};

static const char *const methods[] = {"GET",    "HEAD", "POST",
                                      "DELETE", "PUT",  "OPTIONS"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct router_match m;

    if (size == 0)
        return 0;
    const char *method = methods[data[0] % 6];
    size_t len = size - 1;
    /* Exact-size copies so the sanitizer sees any overrun. */
    char *path = malloc(len ? len : 1);
    char *scratch = malloc(len + 1);
    memcpy(path, data + 1, len);
    enum router_result r =
        router_match(routes, sizeof routes / sizeof routes[0], method, path,
                     len, scratch, &m);
    if (r == ROUTER_FOUND) {
        if (m.route >= sizeof routes / sizeof routes[0])
            abort();
        for (size_t i = 0; i < m.param_count; i++) {
            const char *v = m.params[i].value;
            if (v < scratch || v + strlen(v) > scratch + len)
                abort();
        }
    }
    if (r == ROUTER_METHOD && m.allow[0] == '\0')
        abort();
    free(path);
    free(scratch);
    return 0;
}

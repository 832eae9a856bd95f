/*
 * Fuzz the request JSON check: the input's first line is the Content-Type,
 * the rest the body. The check must return an object or a clean error
 * (415 or invalid_json) with a printable message, never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/request_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t ct_len = nl ? (size_t)(nl - data) : 0;
    enum http_error err;
    char msg[256];

    char *ct = malloc(ct_len + 1);
    memcpy(ct, data, ct_len);
    ct[ct_len] = '\0';
    size_t body_len = nl ? size - ct_len - 1 : size;
    char *body = malloc(body_len ? body_len : 1);
    memcpy(body, nl ? nl + 1 : data, body_len);

    json_t *obj = request_json_check(nl ? ct : NULL, body, body_len, &err, msg,
                                     sizeof msg);
    if (obj != NULL) {
        if (!json_is_object(obj))
            abort();
        json_decref(obj);
    } else {
        if (err != ERR_MEDIA_TYPE && err != ERR_INVALID_JSON)
            abort();
        for (const char *p = msg; *p != '\0'; p++) {
            if (*p < 0x20 || *p > 0x7e)
                abort();
        }
    }
    free(ct);
    free(body);
    return 0;
}

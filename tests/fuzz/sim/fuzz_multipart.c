/*
 * Fuzz the simulator's multipart/form-data reader (media uploads): the
 * input's first line is the Content-Type header, the rest the body. It
 * must never read outside the body, and a file it returns must lie inside.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t hlen = nl ? (size_t)(nl - data) : size;
    size_t blen = nl ? size - hlen - 1 : 0;
    char *ctype = malloc(hlen + 1);
    /* a copy of exactly blen bytes, so ASan sees any overread */
    char *body = malloc(blen ? blen : 1);
    const char *file = NULL, *why = NULL;
    size_t file_len = 0;
    char mime[100] = "";

    memcpy(ctype, data, hlen);
    ctype[hlen] = '\0';
    if (blen)
        memcpy(body, nl + 1, blen);
    if (sim_multipart_file(ctype, body, blen, &file, &file_len, mime,
                           sizeof(mime), &why) == 0) {
        if (file < body || file + file_len > body + blen)
            abort();
        if (strlen(mime) >= sizeof(mime))
            abort();
    } else if (!why) {
        abort();
    }
    free(ctype);
    free(body);
    return 0;
}

/*
 * Fuzz the reader of agents' multipart uploads and the file-name cleaner:
 * the first line of the input is the Content-Type header, the rest the
 * body. Neither may read outside its input or crash; a part found must lie
 * inside the body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/media.h"
#include "base/mem.h"
#include "whatsapp/media_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    size_t hl = nl ? (size_t)(nl - (const char *)data) : size;
    char *ct = xstrndup((const char *)data, hl);
    size_t blen = nl ? size - hl - 1 : 0;
    char *body = xmalloc(blen ? blen : 1);
    const char *part = NULL, *why = NULL;
    char type[128], name[256];
    size_t plen = 0;

    memcpy(body, nl ? nl + 1 : "", blen);
    if (api_media_multipart_file(ct, body, blen, &part, &plen, type,
                                 sizeof type, name, sizeof name, &why)) {
        if (part < body || part + plen > body + blen)
            abort();
        free(wa_media_clean_filename(name));
    }
    free(wa_media_clean_filename(ct));
    free(body);
    free(ct);
    return 0;
}

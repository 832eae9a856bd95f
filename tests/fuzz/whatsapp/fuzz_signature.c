/*
 * Fuzz the X-Hub-Signature-256 check: the input's first line is the
 * header value, the rest the body. The check may accept only the exact
 * digest of the body (in either hex case), never crash on odd headers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "whatsapp/signature.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char secret[] = "fuzz-secret";
    const uint8_t *nl = memchr(data, '\n', size);
    size_t hlen = nl ? (size_t)(nl - data) : size;
    const uint8_t *body = nl ? nl + 1 : data + size;
    size_t blen = nl ? size - hlen - 1 : 0;
    char want[WA_SIGNATURE_HEADER_LEN];
    char *header = malloc(hlen + 1);
    bool ok;

    memcpy(header, data, hlen);
    header[hlen] = '\0';
    wa_signature_header(secret, body, blen, want);
    ok = wa_signature_valid(secret, header, body, blen);
    /* Accepted iff the header, as the C string the HTTP layer hands over,
     * is the digest with the exact lower-case prefix. */
    if (ok !=
        (strcasecmp(header, want) == 0 && strncmp(header, "sha256=", 7) == 0))
        abort();
    (void)wa_verify_handshake("subscribe", header, secret);
    free(header);
    return 0;
}

/*
 * Authenticity checks for Meta's webhook: the X-Hub-Signature-256 header
 * (HMAC-SHA256 of the raw body under the app secret) on POSTs, and the
 * hub.mode / hub.verify_token handshake on GETs. Both compare in constant
 * time so that a probing caller learns nothing from response timing.
 */
#ifndef PARLEY_WHATSAPP_SIGNATURE_H
#define PARLEY_WHATSAPP_SIGNATURE_H

#include <stdbool.h>
#include <stddef.h>

/* "sha256=" + 64 hex digits + NUL. */
#define WA_SIGNATURE_HEADER_LEN (7 + 64 + 1)

/*
 * True if header_value is exactly "sha256=" followed by the 64 hex digits
 * (either case) of HMAC-SHA256(app_secret, body[0..len)). False for a NULL
 * or empty secret, a NULL header, a wrong prefix or length, non-hex digits,
 * or a mismatch. body may be NULL when len is 0. Never parses the body:
 * call it on the exact bytes received, before anything else.
 */
bool wa_signature_valid(const char *app_secret, const char *header_value,
                        const void *body, size_t len);

/*
 * Writes the header value Meta would send for body into out ("sha256=" and
 * lowercase hex, NUL-terminated). Used by the simulator and by tests.
 */
void wa_signature_header(const char *app_secret, const void *body, size_t len,
                         char out[WA_SIGNATURE_HEADER_LEN]);

/*
 * The GET verification handshake: true iff mode is "subscribe" and token
 * equals expected_token (compared in constant time over their digests).
 * Any NULL argument, or an empty expected token, gives false. On true the
 * caller answers 200 with hub.challenge echoed verbatim; else 403.
 */
bool wa_verify_handshake(const char *mode, const char *token,
                         const char *expected_token);

#endif

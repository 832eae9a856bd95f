/*
 * X-Hub-Signature-256 verification and the GET handshake. See signature.h.
 */
#include "whatsapp/signature.h"

#include <stdint.h>
#include <string.h>

#include "base/crypto.h"

#define SIG_PREFIX     "sha256="
#define SIG_PREFIX_LEN 7
#define SIG_HEX_LEN    (2 * CRYPTO_SHA256_LEN)

bool wa_signature_valid(const char *app_secret, const char *header_value,
                        const void *body, size_t len)
{
    uint8_t given[CRYPTO_SHA256_LEN], want[CRYPTO_SHA256_LEN];
    const char *hex;

    if (!app_secret || !*app_secret || !header_value || (!body && len))
        return false;
    /* Length and prefix are not secret; only the digest comparison must
     * not leak where it differs. */
    if (strlen(header_value) != SIG_PREFIX_LEN + SIG_HEX_LEN ||
        strncmp(header_value, SIG_PREFIX, SIG_PREFIX_LEN) != 0)
        return false;
    hex = header_value + SIG_PREFIX_LEN;
    if (crypto_unhex(hex, SIG_HEX_LEN, given, sizeof given) !=
        CRYPTO_SHA256_LEN)
        return false;
    crypto_hmac_sha256(app_secret, strlen(app_secret), body ? body : "", len,
                       want);
    return crypto_equal(given, want, sizeof want);
}

void wa_signature_header(const char *app_secret, const void *body, size_t len,
                         char out[WA_SIGNATURE_HEADER_LEN])
{
    uint8_t mac[CRYPTO_SHA256_LEN];

    crypto_hmac_sha256(app_secret, strlen(app_secret), body ? body : "", len,
                       mac);
    memcpy(out, SIG_PREFIX, SIG_PREFIX_LEN);
    crypto_hex(mac, sizeof mac, out + SIG_PREFIX_LEN);
}

bool wa_verify_handshake(const char *mode, const char *token,
                         const char *expected_token)
{
    uint8_t a[CRYPTO_SHA256_LEN], b[CRYPTO_SHA256_LEN];

    if (!mode || !token || !expected_token || !*expected_token)
        return false;
    if (strcmp(mode, "subscribe") != 0)
        return false;
    /* Hashing first makes the comparison length-independent too. */
    crypto_sha256(token, strlen(token), a);
    crypto_sha256(expected_token, strlen(expected_token), b);
    return crypto_equal(a, b, sizeof a);
}

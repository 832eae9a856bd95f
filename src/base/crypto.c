/*
 * Cryptography on OpenSSL 3 (libcrypto) and libargon2; see crypto.h.
 */
#include "base/crypto.h"

#include <argon2.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/mem.h"

/* The first byte of every sealed value, so the format can change later. */
#define SEAL_VERSION 1

/* argon2id cost: 3 passes over 64 MiB is slow for a guesser and still well
 * under 100 ms for a sign-in on this class of machine. */
#define ARGON2_T_COST   3
#define ARGON2_M_COST   (1 << 16)
#define ARGON2_LANES    1
#define ARGON2_SALT_LEN 16
#define ARGON2_HASH_LEN 32
#define PASSWORD_MAX    1024

void crypto_random(void *p, size_t n)
{
    if (RAND_bytes(p, (int)n) != 1) {
        log_error("crypto_random_failed", "bytes=%zu", n);
        abort();
    }
}

void crypto_sha256(const void *p, size_t n, uint8_t out[CRYPTO_SHA256_LEN])
{
    unsigned int len = CRYPTO_SHA256_LEN;

    EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}

void crypto_hmac_sha256(const void *key, size_t key_len, const void *msg,
                        size_t msg_len, uint8_t out[CRYPTO_SHA256_LEN])
{
    unsigned int len = CRYPTO_SHA256_LEN;

    HMAC(EVP_sha256(), key, (int)key_len, msg, msg_len, out, &len);
}

bool crypto_equal(const void *a, const void *b, size_t n)
{
    return CRYPTO_memcmp(a, b, n) == 0;
}

void crypto_wipe(void *p, size_t n)
{
    OPENSSL_cleanse(p, n);
}

void crypto_hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

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

int crypto_unhex(const char *s, size_t len, uint8_t *out, size_t out_cap)
{
    if (len % 2 || len / 2 > out_cap)
        return -1;
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return (int)(len / 2);
}

void crypto_sha256_hex(const char *s, char out[65])
{
    uint8_t digest[CRYPTO_SHA256_LEN];

    crypto_sha256(s, strlen(s), digest);
    crypto_hex(digest, sizeof digest, out);
}

char *crypto_token(const char *prefix, size_t bytes)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    size_t plen = strlen(prefix);
    /* Each character carries 6 bits: one random byte masked to 0..63,
     * which stays uniform because 64 divides 256. */
    size_t chars = (bytes * 8 + 5) / 6;
    uint8_t *raw = xmalloc(chars);
    char *tok = xmalloc(plen + chars + 1);

    memcpy(tok, prefix, plen);
    crypto_random(raw, chars);
    for (size_t i = 0; i < chars; i++)
        tok[plen + i] = alphabet[raw[i] & 63];
    tok[plen + chars] = '\0';
    free(raw);
    return tok;
}

void crypto_derive_key(const uint8_t master[CRYPTO_KEY_LEN], const char *label,
                       uint8_t out[CRYPTO_KEY_LEN])
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
    OSSL_PARAM params[4];
    char digest[] = "SHA256";

    params[0] =
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[1] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_KEY, (void *)master, CRYPTO_KEY_LEN);
    params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
                                                  (void *)label, strlen(label));
    params[3] = OSSL_PARAM_construct_end();
    if (!ctx || EVP_KDF_derive(ctx, out, CRYPTO_KEY_LEN, params) != 1) {
        log_error("crypto_derive_failed", "label=%s", label);
        abort();
    }
    EVP_KDF_CTX_free(ctx);
    EVP_KDF_free(kdf);
}

void crypto_seal(const uint8_t key[CRYPTO_KEY_LEN], const void *plain,
                 size_t len, const void *aad, size_t aad_len, struct buf *out)
{
    uint8_t nonce[CRYPTO_NONCE_LEN];
    uint8_t tag[CRYPTO_TAG_LEN];
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    unsigned char version = SEAL_VERSION;
    int n = 0;

    crypto_random(nonce, sizeof nonce);
    buf_append(out, &version, 1);
    buf_append(out, nonce, sizeof nonce);

    size_t at = out->len;
    /* Grow the buffer to hold the ciphertext, then write into it. */
    for (size_t i = 0; i < len; i++)
        buf_putc(out, 0);
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce);
    if (aad && aad_len)
        EVP_EncryptUpdate(ctx, NULL, &n, aad, (int)aad_len);
    if (len)
        EVP_EncryptUpdate(ctx, (unsigned char *)out->data + at, &n, plain,
                          (int)len);
    EVP_EncryptFinal_ex(ctx, tag, &n);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, sizeof tag, tag);
    EVP_CIPHER_CTX_free(ctx);
    buf_append(out, tag, sizeof tag);
}

int crypto_open(const uint8_t key[CRYPTO_KEY_LEN], const void *sealed,
                size_t len, const void *aad, size_t aad_len, struct buf *out)
{
    const uint8_t *p = sealed;
    EVP_CIPHER_CTX *ctx;
    size_t body, at;
    int n = 0, ok;

    if (len < CRYPTO_SEAL_OVERHEAD || p[0] != SEAL_VERSION)
        return -1;
    body = len - CRYPTO_SEAL_OVERHEAD;
    at = out->len;
    for (size_t i = 0; i < body; i++)
        buf_putc(out, 0);

    ctx = EVP_CIPHER_CTX_new();
    EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, p + 1);
    if (aad && aad_len)
        EVP_DecryptUpdate(ctx, NULL, &n, aad, (int)aad_len);
    if (body)
        EVP_DecryptUpdate(ctx, (unsigned char *)out->data + at, &n,
                          p + 1 + CRYPTO_NONCE_LEN, (int)body);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, CRYPTO_TAG_LEN,
                        (void *)(p + len - CRYPTO_TAG_LEN));
    ok = EVP_DecryptFinal_ex(ctx, (unsigned char *)out->data + at, &n);
    EVP_CIPHER_CTX_free(ctx);
    if (ok != 1) {
        /* Never hand out unauthenticated plaintext. */
        memset(out->data + at, 0, body);
        out->len = at;
        out->data[at] = '\0';
        return -1;
    }
    return 0;
}

char *crypto_password_hash(const char *password)
{
    uint8_t salt[ARGON2_SALT_LEN];
    size_t plen = strlen(password);
    size_t enc_len;
    char *encoded;

    if (plen > PASSWORD_MAX)
        return NULL;
    crypto_random(salt, sizeof salt);
    enc_len = argon2_encodedlen(ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES,
                                sizeof salt, ARGON2_HASH_LEN, Argon2_id);
    encoded = xmalloc(enc_len);
    if (argon2id_hash_encoded(ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES,
                              password, plen, salt, sizeof salt,
                              ARGON2_HASH_LEN, encoded, enc_len) != ARGON2_OK) {
        free(encoded);
        return NULL;
    }
    return encoded;
}

bool crypto_password_verify(const char *encoded, const char *password)
{
    size_t plen = strlen(password);

    if (!encoded || plen > PASSWORD_MAX)
        return false;
    return argon2id_verify(encoded, password, plen) == ARGON2_OK;
}

char *crypto_base64(const void *p, size_t n)
{
    char *out = xmalloc(4 * ((n + 2) / 3) + 1);

    EVP_EncodeBlock((unsigned char *)out, p, (int)n);
    return out;
}

int crypto_unbase64(const char *s, size_t len, uint8_t *out, size_t out_cap)
{
    size_t pad = 0;
    int n;

    if (len % 4 || len / 4 * 3 > out_cap)
        return -1;
    if (len && s[len - 1] == '=')
        pad++;
    if (len > 1 && s[len - 2] == '=')
        pad++;
    n = EVP_DecodeBlock(out, (const unsigned char *)s, (int)len);
    if (n < 0)
        return -1;
    return n - (int)pad;
}

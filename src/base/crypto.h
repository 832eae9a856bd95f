/*
 * The cryptography Parley needs, behind one small interface: random bytes,
 * SHA-256, HMAC-SHA256, constant-time comparison, AES-256-GCM sealing of
 * secrets and files at rest, and argon2id password hashes.
 *
 * Keys for sealing are derived from the master key per purpose, so a key
 * used for attachments never also protects tokens.
 */
#ifndef PARLEY_BASE_CRYPTO_H
#define PARLEY_BASE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define CRYPTO_KEY_LEN    32
#define CRYPTO_SHA256_LEN 32
#define CRYPTO_NONCE_LEN  12
#define CRYPTO_TAG_LEN    16
/* Bytes a sealed message adds to its plaintext. */
#define CRYPTO_SEAL_OVERHEAD (1 + CRYPTO_NONCE_LEN + CRYPTO_TAG_LEN)

/* Fill p with n cryptographically strong random bytes. Aborts on failure:
 * a server without randomness must not hand out tokens. */
void crypto_random(void *p, size_t n);

void crypto_sha256(const void *p, size_t n, uint8_t out[CRYPTO_SHA256_LEN]);
void crypto_hmac_sha256(const void *key, size_t key_len, const void *msg,
                        size_t msg_len, uint8_t out[CRYPTO_SHA256_LEN]);

/* Compare n bytes in time independent of where they differ. */
bool crypto_equal(const void *a, const void *b, size_t n);

/* Overwrite n bytes of secret memory in a way the compiler keeps. */
void crypto_wipe(void *p, size_t n);

/* Lowercase hex of n bytes into out, which holds 2n+1 bytes. */
void crypto_hex(const uint8_t *p, size_t n, char *out);

/* Decode hex (either case) into out, which holds len/2 bytes. Returns the
 * number of bytes, or -1 if s is not an even-length hex string. */
int crypto_unhex(const char *s, size_t len, uint8_t *out, size_t out_cap);

/* SHA-256 of s as 64 lowercase hex characters (out holds 65 bytes). Used to
 * store session and API tokens without storing the tokens. */
void crypto_sha256_hex(const char *s, char out[65]);

/* A random URL-safe token with `bytes` bytes of entropy, with a prefix such
 * as "pk_" (may be ""). The caller frees it. */
char *crypto_token(const char *prefix, size_t bytes);

/*
 * Derive a purpose-bound key from the master key (HKDF-SHA256 with the
 * label as info), e.g. crypto_derive_key(master, "inbox-secrets", key).
 */
void crypto_derive_key(const uint8_t master[CRYPTO_KEY_LEN], const char *label,
                       uint8_t out[CRYPTO_KEY_LEN]);

/*
 * Seal plaintext with AES-256-GCM under key, binding it to aad (may be NULL)
 * so that a sealed value cannot be moved to another row. Appends
 * version || nonce || ciphertext || tag to out.
 */
void crypto_seal(const uint8_t key[CRYPTO_KEY_LEN], const void *plain,
                 size_t len, const void *aad, size_t aad_len, struct buf *out);

/* Open what crypto_seal made. Appends the plaintext to out and returns 0,
 * or -1 if the data was altered, is truncated or used another key/aad. */
int crypto_open(const uint8_t key[CRYPTO_KEY_LEN], const void *sealed,
                size_t len, const void *aad, size_t aad_len, struct buf *out);

/* argon2id hash of a password, encoded with its salt and parameters. The
 * caller frees it. Returns NULL only if the password is absurdly long. */
char *crypto_password_hash(const char *password);

/* True if password matches an encoded argon2id hash. */
bool crypto_password_verify(const char *encoded, const char *password);

/* Standard base64 of n bytes; the caller frees it. */
char *crypto_base64(const void *p, size_t n);

/* Decode standard base64 into out; returns bytes written or -1. */
int crypto_unbase64(const char *s, size_t len, uint8_t *out, size_t out_cap);

#endif

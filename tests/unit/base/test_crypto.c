/*
 * Tests for the crypto wrappers: known-answer vectors for SHA-256 and
 * HMAC, sealing round trips and tamper detection, password hashes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"

static void sha256_matches_known_answer(void **state)
{
    uint8_t d[32];
    char hex[65];

    crypto_sha256("abc", 3, d);
    crypto_hex(d, 32, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
}

static void hmac_matches_rfc4231_case_2(void **state)
{
    uint8_t d[32];
    char hex[65];
    const char *msg = "what do ya want for nothing?";

    crypto_hmac_sha256("Jefe", 4, msg, strlen(msg), d);
    crypto_hex(d, 32, hex);
    assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c7"
                             "5a003f089d2739839dec58b964ec3843");
}

static void unhex_rejects_odd_and_bad_digits(void **state)
{
    uint8_t out[4];

    assert_int_equal(crypto_unhex("0aFf", 4, out, sizeof out), 2);
    assert_int_equal(out[0], 0x0a);
    assert_int_equal(out[1], 0xff);
    assert_int_equal(crypto_unhex("abc", 3, out, sizeof out), -1);
    assert_int_equal(crypto_unhex("zz", 2, out, sizeof out), -1);
    assert_int_equal(crypto_unhex("0011223344", 10, out, sizeof out), -1);
}

static void seal_round_trips_and_detects_tampering(void **state)
{
    uint8_t master[32], key[32], other[32];
    struct buf sealed = BUF_INIT, plain = BUF_INIT;

    crypto_random(master, sizeof master);
    crypto_derive_key(master, "secrets", key);
    crypto_derive_key(master, "attachments", other);
    assert_memory_not_equal(key, other, 32);

    crypto_seal(key, "token-123", 9, "inbox:1", 7, &sealed);
    assert_int_equal(sealed.len, 9 + CRYPTO_SEAL_OVERHEAD);
    assert_null(memmem(sealed.data, sealed.len, "token-123", 9));

    assert_int_equal(
        crypto_open(key, sealed.data, sealed.len, "inbox:1", 7, &plain), 0);
    assert_string_equal(plain.data, "token-123");

    /* Another row, another key or a flipped bit must all fail. */
    buf_reset(&plain);
    assert_int_equal(
        crypto_open(key, sealed.data, sealed.len, "inbox:2", 7, &plain), -1);
    assert_int_equal(
        crypto_open(other, sealed.data, sealed.len, "inbox:1", 7, &plain), -1);
    sealed.data[15] ^= 1;
    assert_int_equal(
        crypto_open(key, sealed.data, sealed.len, "inbox:1", 7, &plain), -1);
    assert_int_equal(plain.len, 0);
    assert_int_equal(crypto_open(key, sealed.data, 5, NULL, 0, &plain), -1);
    buf_free(&sealed);
    buf_free(&plain);
}

static void passwords_verify_only_themselves(void **state)
{
    char *h = crypto_password_hash("correct horse");

    assert_non_null(h);
    assert_true(strncmp(h, "$argon2id$", 10) == 0);
    assert_true(crypto_password_verify(h, "correct horse"));
    assert_false(crypto_password_verify(h, "correct horsE"));
    assert_false(crypto_password_verify(h, ""));
    assert_false(crypto_password_verify("garbage", "correct horse"));
    assert_false(crypto_password_verify(NULL, "x"));
    free(h);
}

static void tokens_are_random_and_prefixed(void **state)
{
    char *a = crypto_token("pk_", 32), *b = crypto_token("pk_", 32);

    assert_int_equal(strlen(a), 3 + 43);
    assert_true(strncmp(a, "pk_", 3) == 0);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

static void base64_round_trips(void **state)
{
    uint8_t out[16];
    char *e = crypto_base64("hello!?", 7);

    assert_string_equal(e, "aGVsbG8hPw==");
    assert_int_equal(crypto_unbase64(e, strlen(e), out, sizeof out), 7);
    assert_memory_equal(out, "hello!?", 7);
    assert_int_equal(crypto_unbase64("abc", 3, out, sizeof out), -1);
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sha256_matches_known_answer),
        cmocka_unit_test(hmac_matches_rfc4231_case_2),
        cmocka_unit_test(unhex_rejects_odd_and_bad_digits),
        cmocka_unit_test(seal_round_trips_and_detects_tampering),
        cmocka_unit_test(passwords_verify_only_themselves),
        cmocka_unit_test(tokens_are_random_and_prefixed),
        cmocka_unit_test(base64_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

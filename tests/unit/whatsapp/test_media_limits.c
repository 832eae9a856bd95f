/*
 * Tests for the upload whitelist, size limits and digest comparison.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "whatsapp/media_limits.h"

static void limits_per_kind(void **state)
{
    assert_int_equal(wa_media_max_size("image", "image/jpeg", false),
                     5 * 1024 * 1024);
    assert_int_equal(
        wa_media_max_size("audio", "audio/ogg; codecs=opus", false),
        16 * 1024 * 1024);
    assert_int_equal(wa_media_max_size("document", "application/PDF", false),
                     100 * 1024 * 1024);
    assert_int_equal(wa_media_max_size("sticker", "image/webp", false),
                     100 * 1024);
    assert_int_equal(wa_media_max_size("sticker", "image/webp", true),
                     500 * 1024);
    assert_int_equal(wa_media_max_size("image", "image/gif", false), -1);
    assert_int_equal(wa_media_max_size("video", "image/png", false), -1);
    assert_int_equal(wa_media_max_size("hologram", "image/png", false), -1);
}

static void upload_check_names_the_problem(void **state)
{
    char err[512];

    assert_int_equal(wa_media_check_upload("video", "video/mp4", 1000, false,
                                           err, sizeof err),
                     0);
    assert_int_equal(
        wa_media_check_upload("image", "image/gif", 10, false, err, sizeof err),
        -1);
    assert_string_equal(err, "image/gif is not allowed for image; use "
                             "image/jpeg, image/png");
    assert_int_equal(wa_media_check_upload("video", "video/mp4",
                                           17LL * 1024 * 1024, false, err,
                                           sizeof err),
                     -1);
    assert_string_equal(err, "video is larger than 16 MB");
    assert_int_equal(wa_media_check_upload("sticker", "image/webp", 200 * 1024,
                                           false, err, sizeof err),
                     -1);
    assert_string_equal(err, "sticker is larger than 100 KB");
    assert_int_equal(
        wa_media_check_upload("gif", "image/gif", 1, false, err, sizeof err),
        -1);
    assert_non_null(strstr(err, "unknown"));
}

static void sha256_accepts_hex_and_base64(void **state)
{
    uint8_t digest[CRYPTO_SHA256_LEN];
    char hex[65];
    char *b64;

    crypto_sha256("abc", 3, digest);
    crypto_hex(digest, sizeof digest, hex);
    b64 = crypto_base64(digest, sizeof digest);
    assert_true(wa_media_sha256_matches(hex, digest));
    assert_true(wa_media_sha256_matches(b64, digest));
    for (char *p = hex; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p -= 32;
    assert_true(wa_media_sha256_matches(hex, digest));

    digest[0] ^= 1;
    assert_false(wa_media_sha256_matches(hex, digest));
    assert_false(wa_media_sha256_matches(b64, digest));
    assert_false(wa_media_sha256_matches("4654+8g=", digest));
    assert_false(wa_media_sha256_matches("", digest));
    assert_false(wa_media_sha256_matches(NULL, digest));
    free(b64);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(limits_per_kind),
        cmocka_unit_test(upload_check_names_the_problem),
        cmocka_unit_test(sha256_accepts_hex_and_base64),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

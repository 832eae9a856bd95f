/*
 * Tests for X-Hub-Signature-256 checks and the GET handshake.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "whatsapp/signature.h"

static const char body[] = "{\"object\":\"whatsapp_business_account\"}";
static const char secret[] = "app-secret";

static void good_signature_round_trips(void **state)
{
    char header[WA_SIGNATURE_HEADER_LEN];

    wa_signature_header(secret, body, strlen(body), header);
    assert_int_equal(strlen(header), 71);
    assert_memory_equal(header, "sha256=", 7);
    assert_true(wa_signature_valid(secret, header, body, strlen(body)));
}

static void known_answer_matches_hmac(void **state)
{
    /* RFC 4231 case 2, as Meta would format it. */
    const char *msg = "what do ya want for nothing?";

    assert_true(wa_signature_valid(
        "Jefe",
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec"
        "3843",
        msg, strlen(msg)));
    /* Upper-case hex is the same digest. */
    assert_true(wa_signature_valid(
        "Jefe",
        "sha256=5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC"
        "3843",
        msg, strlen(msg)));
}

static void bad_signatures_are_refused(void **state)
{
    char header[WA_SIGNATURE_HEADER_LEN];

    wa_signature_header(secret, body, strlen(body), header);
    /* Other secret, other body, one byte less of body. */
    assert_false(wa_signature_valid("other", header, body, strlen(body)));
    assert_false(wa_signature_valid(secret, header, "{}", 2));
    assert_false(wa_signature_valid(secret, header, body, strlen(body) - 1));
    /* One digit flipped. */
    header[20] = header[20] == 'a' ? 'b' : 'a';
    assert_false(wa_signature_valid(secret, header, body, strlen(body)));
}

static void missing_and_malformed_headers_are_refused(void **state)
{
    char header[WA_SIGNATURE_HEADER_LEN], longer[WA_SIGNATURE_HEADER_LEN + 1];

    wa_signature_header(secret, body, strlen(body), header);
    assert_false(wa_signature_valid(secret, NULL, body, strlen(body)));
    assert_false(wa_signature_valid(secret, "", body, strlen(body)));
    assert_false(wa_signature_valid(secret, header + 7, body, strlen(body)));
    assert_false(wa_signature_valid(NULL, header, body, strlen(body)));
    assert_false(wa_signature_valid("", header, body, strlen(body)));

    /* Wrong prefix, same length. */
    header[3] = '1';
    assert_false(wa_signature_valid(secret, header, body, strlen(body)));

    /* Too short, too long, non-hex. */
    wa_signature_header(secret, body, strlen(body), header);
    header[70] = '\0';
    assert_false(wa_signature_valid(secret, header, body, strlen(body)));
    wa_signature_header(secret, body, strlen(body), header);
    snprintf(longer, sizeof longer, "%s0", header);
    assert_false(wa_signature_valid(secret, longer, body, strlen(body)));
    header[10] = 'g';
    assert_false(wa_signature_valid(secret, header, body, strlen(body)));
    assert_false(wa_signature_valid(secret, "sha1=abc", body, strlen(body)));
}

static void empty_body_is_signed_too(void **state)
{
    char header[WA_SIGNATURE_HEADER_LEN];

    wa_signature_header(secret, NULL, 0, header);
    assert_true(wa_signature_valid(secret, header, NULL, 0));
    assert_true(wa_signature_valid(secret, header, "", 0));
}

static void handshake(void **state)
{
    assert_true(wa_verify_handshake("subscribe", "tok", "tok"));
    assert_false(wa_verify_handshake("subscribe", "tok", "tok2"));
    assert_false(wa_verify_handshake("subscribe", "tok2", "tok"));
    assert_false(wa_verify_handshake("unsubscribe", "tok", "tok"));
    assert_false(wa_verify_handshake(NULL, "tok", "tok"));
    assert_false(wa_verify_handshake("subscribe", NULL, "tok"));
    assert_false(wa_verify_handshake("subscribe", "", ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_signature_round_trips),
        cmocka_unit_test(known_answer_matches_hmac),
        cmocka_unit_test(bad_signatures_are_refused),
        cmocka_unit_test(missing_and_malformed_headers_are_refused),
        cmocka_unit_test(empty_body_is_signed_too),
        cmocka_unit_test(handshake),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

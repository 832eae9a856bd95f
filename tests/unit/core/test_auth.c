/*
 * Sign-in against a real database: sessions that expire and slide,
 * throttling windows, API tokens that are revoked or belong to a disabled
 * user, and the tenant check on tokens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "core/account.h"
#include "core/auth.h"
#include "core/user.h"
#include "testdb.h"

#define HOUR_MS 3600000

struct fixture {
    struct testdb t;
    struct db *db;
    int64_t account, user;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct user_input in = {0, "ana@test.example", "Ana", ROLE_AGENT,
                            "correct-password"};

    if (testdb_open(&f->t, 2) != 0)
        return -1;
    f->db = store_acquire(f->t.store);
    if (account_create(f->db, "Acme", &f->account) != STORE_OK)
        return -1;
    in.account_id = f->account;
    if (user_create(f->db, &in, &f->user) != STORE_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    clock_set_offset_ms(0);
    store_release(f->db);
    testdb_close(&f->t);
    free(f);
    return 0;
}

static struct login_request request(const char *email, const char *password)
{
    struct login_request r = {email,   password, "10.0.0.1", "test",
                              HOUR_MS, 3,        15 * 60000};
    return r;
}

static void session_expires_after_its_ttl(void **state)
{
    struct fixture *f = *state;
    struct login_request req = request("ANA@test.example", "correct-password");
    struct login_result res;
    struct auth_identity who;
    char *csrf = NULL;

    assert_int_equal(auth_login(f->db, &req, &res), AUTH_OK);
    assert_int_equal(res.user.id, f->user);
    assert_int_equal(auth_session_check(f->db, res.token, HOUR_MS, &who, &csrf),
                     AUTH_OK);
    assert_int_equal(who.account_id, f->account);
    assert_int_equal(who.role, ROLE_AGENT);
    assert_string_equal(csrf, res.csrf_token);
    free(csrf);

    clock_set_offset_ms(HOUR_MS + 1000);
    assert_int_equal(auth_session_check(f->db, res.token, HOUR_MS, &who, &csrf),
                     AUTH_EXPIRED);
    /* The expired session is gone, not merely refused. */
    clock_set_offset_ms(0);
    assert_int_equal(auth_session_check(f->db, res.token, HOUR_MS, &who, &csrf),
                     AUTH_UNKNOWN);
    auth_login_result_clear(&res);
}

static void use_slides_the_expiry(void **state)
{
    struct fixture *f = *state;
    struct login_request req = request("ana@test.example", "correct-password");
    struct login_result res;
    struct auth_identity who;
    char *csrf = NULL;

    assert_int_equal(auth_login(f->db, &req, &res), AUTH_OK);
    /* Used 50 minutes in: the hour starts again from there. */
    clock_set_offset_ms(50 * 60000);
    assert_int_equal(auth_session_check(f->db, res.token, HOUR_MS, &who, &csrf),
                     AUTH_OK);
    free(csrf);
    clock_set_offset_ms(100 * 60000);
    assert_int_equal(auth_session_check(f->db, res.token, HOUR_MS, &who, &csrf),
                     AUTH_OK);
    free(csrf);
    auth_login_result_clear(&res);
}

static void throttling_counts_per_window(void **state)
{
    struct fixture *f = *state;
    struct login_request bad = request("ana@test.example", "wrong");
    struct login_request good = request("ana@test.example", "correct-password");
    struct login_result res;

    for (int i = 0; i < 3; i++) {
        assert_int_equal(auth_login(f->db, &bad, &res), AUTH_BAD_CREDENTIALS);
        auth_login_result_clear(&res);
    }
    assert_int_equal(auth_login(f->db, &good, &res), AUTH_RATE_LIMITED);
    assert_true(res.retry_after_ms > 0);
    assert_true(res.retry_after_ms <= 15 * 60000);
    auth_login_result_clear(&res);

    /* The next window starts afresh. */
    clock_set_offset_ms(15 * 60000 + 1);
    assert_int_equal(auth_login(f->db, &good, &res), AUTH_OK);
    auth_login_result_clear(&res);
}

static void tokens_stop_when_revoked_or_user_disabled(void **state)
{
    struct fixture *f = *state;
    struct auth_identity who;
    struct user_patch off = {.disabled = 1};
    char *token;
    int64_t id;

    assert_int_equal(
        auth_token_create(f->db, f->account, f->user, "sync", &token, &id),
        STORE_OK);
    assert_int_equal(auth_token_check(f->db, token, &who), AUTH_OK);
    assert_int_equal(who.token_id, id);
    assert_int_equal(who.user_id, f->user);

    /* Another account cannot revoke it. */
    assert_int_equal(auth_token_revoke(f->db, f->account + 1, 0, id),
                     STORE_NOT_FOUND);
    assert_int_equal(user_update(f->db, f->account, f->user, &off), STORE_OK);
    assert_int_equal(auth_token_check(f->db, token, &who), AUTH_DISABLED);
    assert_int_equal(auth_token_revoke(f->db, f->account, 0, id), STORE_OK);
    assert_int_equal(auth_token_check(f->db, token, &who), AUTH_REVOKED);
    assert_int_equal(auth_token_check(f->db, "pk_nothing", &who), AUTH_UNKNOWN);
    free(token);
}

static void token_for_another_accounts_user_is_refused(void **state)
{
    struct fixture *f = *state;
    char *token = NULL;
    int64_t other, id;

    assert_int_equal(account_create(f->db, "Other", &other), STORE_OK);
    assert_int_equal(auth_token_create(f->db, other, f->user, "x", &token, &id),
                     STORE_NOT_FOUND);
    assert_null(token);
}

static void purge_removes_only_expired_sessions(void **state)
{
    struct fixture *f = *state;
    struct login_request req = request("ana@test.example", "correct-password");
    struct login_result old, fresh;
    struct auth_identity who;
    char *csrf = NULL;

    assert_int_equal(auth_login(f->db, &req, &old), AUTH_OK);
    clock_set_offset_ms(HOUR_MS / 2);
    assert_int_equal(auth_login(f->db, &req, &fresh), AUTH_OK);
    assert_int_equal(
        auth_sessions_purge(f->db, clock_now_ms() + HOUR_MS / 2 + 1000),
        STORE_OK);
    clock_set_offset_ms(0);
    assert_int_equal(auth_session_check(f->db, old.token, HOUR_MS, &who, &csrf),
                     AUTH_UNKNOWN);
    assert_int_equal(
        auth_session_check(f->db, fresh.token, HOUR_MS, &who, &csrf), AUTH_OK);
    free(csrf);
    auth_login_result_clear(&old);
    auth_login_result_clear(&fresh);
}

int main(int argc, char **argv)
{
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(session_expires_after_its_ttl, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(use_slides_the_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(throttling_counts_per_window, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            tokens_stop_when_revoked_or_user_disabled, setup, teardown),
        cmocka_unit_test_setup_teardown(
            token_for_another_accounts_user_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(purge_removes_only_expired_sessions,
                                        setup, teardown),
    };

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

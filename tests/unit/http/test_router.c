/*
 * Tests for the router (parameters, percent-decoding, 404 against 405,
 * trailing slashes, HEAD), the error table and the JSON body check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "http/errors.h"
#include "http/request_internal.h"
#include "http/router.h"

static void on_any(struct http_request *req)
{
}

static const struct http_route routes[] = {
    {"GET", "/", on_any, ROLE_NONE, 0},
    {"GET", "/api/v1/teams/{id}/members/{user_id}", on_any, ROLE_NONE, 0},
    {"DELETE", "/api/v1/teams/{id}/members/{user_id}", on_any, ROLE_NONE, 0},
    {"POST", "/api/v1/teams", on_any, ROLE_NONE, 0},
    {"GET", "/api/v1/teams/{id}", on_any, ROLE_NONE, 0},
    {"GET", "/files/{name}", on_any, ROLE_NONE, 0},
};
#define ROUTES (sizeof routes / sizeof routes[0])

/* Match method and path; scratch must outlive the match. */
static enum router_result match(const char *method, const char *path,
                                char *scratch, struct router_match *m)
{
    return router_match(routes, ROUTES, method, path, strlen(path), scratch, m);
}

static void matches_parameters_by_name(void **state)
{
    char scratch[128];
    struct router_match m;

    assert_int_equal(match("GET", "/api/v1/teams/12/members/7", scratch, &m),
                     ROUTER_FOUND);
    assert_int_equal(m.route, 1);
    assert_int_equal(m.param_count, 2);
    assert_int_equal(m.params[0].name_len, 2);
    assert_memory_equal(m.params[0].name, "id", 2);
    assert_string_equal(m.params[0].value, "12");
    assert_memory_equal(m.params[1].name, "user_id", 7);
    assert_string_equal(m.params[1].value, "7");

    assert_int_equal(match("GET", "/", scratch, &m), ROUTER_FOUND);
    assert_int_equal(m.route, 0);
    assert_int_equal(m.param_count, 0);
}

static void decodes_segments_after_splitting(void **state)
{
    char scratch[128];
    struct router_match m;

    /* An escaped slash stays inside its segment. */
    assert_int_equal(match("GET", "/files/a%2Fb%20c", scratch, &m),
                     ROUTER_FOUND);
    assert_string_equal(m.params[0].value, "a/b c");
    /* Literal segments compare decoded: %74 is 't'. */
    assert_int_equal(match("POST", "/api/v1/%74eams", scratch, &m),
                     ROUTER_FOUND);
    assert_int_equal(m.route, 3);
}

static void refuses_bad_escapes_and_paths(void **state)
{
    char scratch[128];
    struct router_match m;

    assert_int_equal(match("GET", "/files/a%2", scratch, &m), ROUTER_BAD_PATH);
    assert_int_equal(match("GET", "/files/%zz", scratch, &m), ROUTER_BAD_PATH);
    assert_int_equal(match("GET", "/files/a%00b", scratch, &m),
                     ROUTER_BAD_PATH);
    assert_int_equal(match("GET", "files", scratch, &m), ROUTER_BAD_PATH);
    assert_int_equal(match("GET", "", scratch, &m), ROUTER_BAD_PATH);
}

static void tells_unknown_path_from_wrong_method(void **state)
{
    char scratch[128];
    struct router_match m;

    assert_int_equal(match("GET", "/nowhere", scratch, &m), ROUTER_NO_ROUTE);
    assert_int_equal(match("GET", "/api/v1/teams/1/members", scratch, &m),
                     ROUTER_NO_ROUTE);
    assert_int_equal(match("GET", "/files/", scratch, &m), ROUTER_NO_ROUTE);
    assert_int_equal(match("GET", "/api//v1/teams", scratch, &m),
                     ROUTER_NO_ROUTE);

    assert_int_equal(match("PUT", "/api/v1/teams/1/members/2", scratch, &m),
                     ROUTER_METHOD);
    assert_string_equal(m.allow, "GET, HEAD, DELETE");
    assert_int_equal(match("GET", "/api/v1/teams", scratch, &m), ROUTER_METHOD);
    assert_string_equal(m.allow, "POST");
}

static void ignores_one_trailing_slash(void **state)
{
    char scratch[128];
    struct router_match m;

    assert_int_equal(match("GET", "/api/v1/teams/5/", scratch, &m),
                     ROUTER_FOUND);
    assert_int_equal(m.route, 4);
    assert_string_equal(m.params[0].value, "5");
    assert_int_equal(match("GET", "/api/v1/teams/5//", scratch, &m),
                     ROUTER_NO_ROUTE);
}

static void head_is_served_by_get(void **state)
{
    char scratch[128];
    struct router_match m;

    assert_int_equal(match("HEAD", "/api/v1/teams/5", scratch, &m),
                     ROUTER_FOUND);
    assert_int_equal(m.route, 4);
    assert_int_equal(match("HEAD", "/api/v1/teams", scratch, &m),
                     ROUTER_METHOD);
}

static void too_many_segments_is_no_route(void **state)
{
    char path[256] = "", scratch[256];
    struct router_match m;

    for (int i = 0; i < ROUTER_MAX_SEGMENTS + 1; i++)
        strcat(path, "/a");
    assert_int_equal(match("GET", path, scratch, &m), ROUTER_NO_ROUTE);
}

static void checks_the_table(void **state)
{
    static const struct http_route bad_brace[] = {
        {"GET", "/a/{id", on_any, ROLE_NONE, 0}};
    static const struct http_route bad_method[] = {
        {"FETCH", "/a", on_any, ROLE_NONE, 0}};
    static const struct http_route no_slash[] = {
        {"GET", "a", on_any, ROLE_NONE, 0}};
    static const struct http_route no_handler[] = {
        {"GET", "/a", NULL, ROLE_NONE, 0}};

    assert_int_equal(router_check(routes, ROUTES), 0);
    assert_int_equal(router_check(bad_brace, 1), -1);
    assert_int_equal(router_check(bad_method, 1), -1);
    assert_int_equal(router_check(no_slash, 1), -1);
    assert_int_equal(router_check(no_handler, 1), -1);
}

static void error_table_maps_codes_and_statuses(void **state)
{
    assert_int_equal(http_error_status(ERR_NO_ROUTE), 404);
    assert_string_equal(http_error_code(ERR_NO_ROUTE), "route_not_found");
    assert_int_equal(http_error_status(ERR_METHOD), 405);
    assert_string_equal(http_error_code(ERR_BAD_FRAMING), "bad_framing");
    assert_int_equal(http_error_status(ERR_TOO_LARGE), 413);
    assert_int_equal(http_error_status(ERR_MEDIA_TYPE), 415);
    assert_int_equal(http_error_status(ERR_UNAVAILABLE), 503);
    assert_int_equal(http_error_status(HTTP_ERROR_COUNT), 500);
    assert_string_equal(http_error_code((enum http_error) - 1),
                        "internal_error");
    for (int e = 0; e < HTTP_ERROR_COUNT; e++) {
        assert_true(http_error_status(e) >= 400);
        assert_non_null(http_error_code(e));
    }
}

/* Run the JSON check on a C string body; returns the error or -1. */
static int json_error_of(const char *ct, const char *body, size_t len,
                         char *msg)
{
    enum http_error err;
    json_t *obj = request_json_check(ct, body, len, &err, msg, 256);

    if (obj == NULL)
        return (int)err;
    json_decref(obj);
    return -1;
}

static void json_check_accepts_objects_only(void **state)
{
    char msg[256];
    const char *ok = "{\"a\":[1,{\"b\":null}]}";

    assert_int_equal(json_error_of("application/json", ok, strlen(ok), msg),
                     -1);
    assert_int_equal(
        json_error_of("Application/JSON; charset=utf-8", ok, strlen(ok), msg),
        -1);
    assert_int_equal(json_error_of("text/plain", ok, strlen(ok), msg),
                     ERR_MEDIA_TYPE);
    assert_int_equal(json_error_of(NULL, ok, strlen(ok), msg), ERR_MEDIA_TYPE);
    assert_int_equal(json_error_of("application/jsonx", ok, strlen(ok), msg),
                     ERR_MEDIA_TYPE);
    assert_int_equal(json_error_of("application/json", "[1]", 3, msg),
                     ERR_INVALID_JSON);
    assert_string_equal(msg, "the body must be a JSON object");
    assert_int_equal(json_error_of("application/json", "", 0, msg),
                     ERR_INVALID_JSON);
}

static void json_check_reports_where_it_failed(void **state)
{
    char msg[256];
    const char *bad = "{\n  \"a\": tru\n}";

    assert_int_equal(json_error_of("application/json", bad, strlen(bad), msg),
                     ERR_INVALID_JSON);
    assert_non_null(strstr(msg, "line 2"));
    assert_non_null(strstr(msg, "column"));
}

/* {"a":[[...]]} with depth levels in all (the object is the first). */
static void nested_object(char *out, int depth)
{
    strcpy(out, "{\"a\":");
    for (int i = 1; i < depth; i++)
        strcat(out, "[");
    for (int i = 1; i < depth; i++)
        strcat(out, "]");
    strcat(out, "}");
}

static void json_check_refuses_dangerous_input(void **state)
{
    char msg[256], deep[200];
    const char dup[] = "{\"a\":1,\"a\":2}";
    const char nul[] = "{\"a\":1}\0";
    const char bad_utf8[] = "{\"a\":\"\xff\xfe\"}";

    assert_int_equal(
        json_error_of("application/json", dup, sizeof dup - 1, msg),
        ERR_INVALID_JSON);
    assert_int_equal(
        json_error_of("application/json", nul, sizeof nul - 1, msg),
        ERR_INVALID_JSON);
    assert_int_equal(
        json_error_of("application/json", bad_utf8, sizeof bad_utf8 - 1, msg),
        ERR_INVALID_JSON);
    for (size_t i = 0; i < strlen(msg); i++)
        assert_true(msg[i] >= 0x20 && msg[i] < 0x7f);

    /* 64 levels pass, 65 do not. */
    nested_object(deep, 64);
    assert_int_equal(json_error_of("application/json", deep, strlen(deep), msg),
                     -1);
    nested_object(deep, 65);
    assert_int_equal(json_error_of("application/json", deep, strlen(deep), msg),
                     ERR_INVALID_JSON);
    assert_non_null(strstr(msg, "deeper"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_parameters_by_name),
        cmocka_unit_test(decodes_segments_after_splitting),
        cmocka_unit_test(refuses_bad_escapes_and_paths),
        cmocka_unit_test(tells_unknown_path_from_wrong_method),
        cmocka_unit_test(ignores_one_trailing_slash),
        cmocka_unit_test(head_is_served_by_get),
        cmocka_unit_test(too_many_segments_is_no_route),
        cmocka_unit_test(checks_the_table),
        cmocka_unit_test(error_table_maps_codes_and_statuses),
        cmocka_unit_test(json_check_accepts_objects_only),
        cmocka_unit_test(json_check_reports_where_it_failed),
        cmocka_unit_test(json_check_refuses_dangerous_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

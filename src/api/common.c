/*
 * What the API handlers share: reading JSON members, paging, mapping
 * storage results to replies, and audit entries.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/log.h"
#include "core/audit.h"
#include "core/events.h"
#include "core/sql.h"

/* Code points in valid UTF-8 (jansson has validated it). */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool has_control_chars(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return true;
    }
    return false;
}

bool api_string(struct http_request *req, json_t *body, const char *key,
                bool required, size_t max_chars, const char **out)
{
    json_t *v = json_object_get(body, key);

    *out = NULL;
    if (!v || json_is_null(v)) {
        if (!required)
            return true;
        http_reply_error(req, ERR_MISSING_FIELD, "'%s' is required", key);
        return false;
    }
    if (!json_is_string(v)) {
        http_reply_error(req, ERR_INVALID_FIELD, "'%s' must be a string", key);
        return false;
    }
    const char *s = json_string_value(v);
    if (strlen(s) != json_string_length(v) || has_control_chars(s)) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'%s' must not contain control characters", key);
        return false;
    }
    if (utf8_chars(s) > max_chars) {
        http_reply_error(req, ERR_INVALID_FIELD,
                         "'%s' is longer than %zu characters", key, max_chars);
        return false;
    }
    *out = s;
    return true;
}

bool api_bool(struct http_request *req, json_t *body, const char *key, int *out)
{
    json_t *v = json_object_get(body, key);

    *out = -1;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_boolean(v)) {
        http_reply_error(req, ERR_INVALID_FIELD, "'%s' must be true or false",
                         key);
        return false;
    }
    *out = json_is_true(v);
    return true;
}

bool api_only_fields(struct http_request *req, json_t *body,
                     const char *const *allowed)
{
    const char *key;
    json_t *v;

    json_object_foreach(body, key, v)
    {
        const char *const *a = allowed;
        while (*a && strcmp(*a, key) != 0)
            a++;
        if (!*a) {
            http_reply_error(req, ERR_INVALID_FIELD, "unknown field '%s'", key);
            return false;
        }
    }
    return true;
}

bool api_page(struct http_request *req, int *limit, int64_t *after_id)
{
    const char *l = http_query(req, "limit");
    char *end;

    *limit = API_PAGE_DEFAULT;
    if (l) {
        long v = strtol(l, &end, 10);
        if (end == l || *end || v < 1 || v > API_PAGE_MAX) {
            http_reply_error(req, ERR_BAD_REQUEST,
                             "limit must be a number from 1 to %d",
                             API_PAGE_MAX);
            return false;
        }
        *limit = (int)v;
    }
    if (sql_cursor_parse(http_query(req, "cursor"), after_id) != 0) {
        http_reply_error(req, ERR_INVALID_CURSOR, "the cursor is not valid");
        return false;
    }
    return true;
}

void api_reply_page(struct http_request *req, json_t *data, size_t count,
                    int limit, int64_t last_id)
{
    json_t *cursor = json_null();

    if (count == (size_t)limit && last_id > 0) {
        char text[24];
        snprintf(text, sizeof text, "%" PRId64, last_id);
        cursor = json_string(text);
    }
    http_reply_json(req, 200,
                    json_pack("{so so}", "data", data, "next_cursor", cursor));
}

void api_reply_store_error(struct http_request *req, enum store_rc rc,
                           const char *conflict_message)
{
    switch (rc) {
    case STORE_NOT_FOUND:
        http_reply_error(req, ERR_NOT_FOUND, "not found");
        break;
    case STORE_CONSTRAINT:
        http_reply_error(req, ERR_ALREADY_EXISTS, "%s",
                         conflict_message
                             ? conflict_message
                             : "that conflicts with existing data");
        break;
    case STORE_RETRY:
        http_reply_error(req, ERR_UNAVAILABLE,
                         "the database is busy; try again");
        break;
    default:
        http_reply_error(req, ERR_INTERNAL, "storage failed");
        break;
    }
}

void api_audit(struct http_request *req, const char *action,
               const char *target_type, int64_t target_id, json_t *detail)
{
    struct http_principal *p = http_principal(req);
    struct audit_entry e = {.account_id = p->account_id,
                            .user_id = p->user_id,
                            .action = action,
                            .target_type = target_type,
                            .target_id = target_id,
                            .address = http_client_address(req)};

    if (audit_record(http_db(req), &e, detail) != STORE_OK)
        log_error("audit_failed", "action=%s", action);
}

bool api_emit(struct http_request *req, const char *type, enum role min_role,
              json_t *payload)
{
    enum store_rc rc =
        events_emit(http_db(req), http_principal(req)->account_id, type, 0,
                    min_role, payload, NULL);

    if (rc != STORE_OK) {
        db_rollback(http_db(req));
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    return true;
}

bool api_begin(struct http_request *req)
{
    enum store_rc rc = db_begin(http_db(req));

    if (rc != STORE_OK) {
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    return true;
}

bool api_commit(struct http_request *req)
{
    enum store_rc rc = db_commit(http_db(req));

    if (rc != STORE_OK) {
        db_rollback(http_db(req));
        api_reply_store_error(req, rc, NULL);
        return false;
    }
    return true;
}

void api_rollback(struct http_request *req, enum store_rc rc,
                  const char *conflict_message)
{
    db_rollback(http_db(req));
    api_reply_store_error(req, rc, conflict_message);
}

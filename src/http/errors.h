/*
 * The one table of client-facing error codes. Every error body Parley sends
 * is {"error":{"code":"<code>","message":"<text>"}} with the status listed
 * here; clients branch on the code, people read the message.
 *
 * Add a code here, never a status or a code string at the call site.
 */
#ifndef PARLEY_HTTP_ERRORS_H
#define PARLEY_HTTP_ERRORS_H

#define HTTP_ERRORS(X)                                                         \
    X(ERR_BAD_REQUEST, 400, "bad_request")                                     \
    X(ERR_INVALID_JSON, 400, "invalid_json")                                   \
    X(ERR_INVALID_FIELD, 422, "invalid_field")                                 \
    X(ERR_MISSING_FIELD, 422, "missing_field")                                 \
    X(ERR_INVALID_CURSOR, 400, "invalid_cursor")                               \
    X(ERR_BAD_FRAMING, 400, "bad_framing")                                     \
    X(ERR_UNAUTHORIZED, 401, "unauthorized")                                   \
    X(ERR_BAD_CREDENTIALS, 401, "invalid_credentials")                         \
    X(ERR_SESSION_EXPIRED, 401, "session_expired")                             \
    X(ERR_BAD_SIGNATURE, 401, "invalid_signature")                             \
    X(ERR_SECOND_FACTOR, 401, "second_factor_required")                        \
    X(ERR_FORBIDDEN, 403, "forbidden")                                         \
    X(ERR_CSRF, 403, "csrf_token_invalid")                                     \
    X(ERR_NOT_FOUND, 404, "not_found")                                         \
    X(ERR_NO_ROUTE, 404, "route_not_found")                                    \
    X(ERR_METHOD, 405, "method_not_allowed")                                   \
    X(ERR_CONFLICT, 409, "conflict")                                           \
    X(ERR_ALREADY_EXISTS, 409, "already_exists")                               \
    X(ERR_GONE, 410, "gone")                                                   \
    X(ERR_TOO_LARGE, 413, "payload_too_large")                                 \
    X(ERR_MEDIA_TYPE, 415, "unsupported_media_type")                           \
    X(ERR_WINDOW_CLOSED, 422, "window_closed")                                 \
    X(ERR_RATE_LIMITED, 429, "rate_limited")                                   \
    X(ERR_INTERNAL, 500, "internal_error")                                     \
    X(ERR_UPSTREAM, 502, "upstream_error")                                     \
    X(ERR_UNAVAILABLE, 503, "unavailable")

enum http_error {
#define HTTP_ERROR_ENUM(name, status, code) name,
    HTTP_ERRORS(HTTP_ERROR_ENUM)
#undef HTTP_ERROR_ENUM
        HTTP_ERROR_COUNT
};

/* The HTTP status and the stable code string of an error. */
int http_error_status(enum http_error e);
const char *http_error_code(enum http_error e);

#endif

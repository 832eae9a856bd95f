/*
 * Replies: every path that answers a request ends in reply_queue(), which
 * adds the headers all responses carry and records what the access log
 * needs. A request is answered once; a second reply is our bug.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "http/request_internal.h"

/* True (after logging our bug) when req has been answered already. */
static bool already_replied(struct http_request *req)
{
    if (!req->replied)
        return false;
    log_error("http_double_reply", "path=%s status=%d", req->path, req->status);
    return true;
}

void reply_queue(struct http_request *req, int status,
                 struct MHD_Response *resp, bool json, size_t body_len)
{
    req->replied = true;
    req->status = status;
    req->bytes = body_len;
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    if (json)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (struct reply_header *h = req->headers; h != NULL; h = h->next)
        MHD_add_response_header(resp, h->name, h->value);
    if (MHD_queue_response(req->conn, (unsigned)status, resp) != MHD_YES)
        log_error("http_queue_failed", "path=%s status=%d", req->path, status);
    MHD_destroy_response(resp);
}

static char *arena_strdup(struct http_request *req, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = http_alloc(req, n);

    memcpy(p, s, n);
    return p;
}

void http_set_header(struct http_request *req, const char *name,
                     const char *value)
{
    struct reply_header *h = http_alloc(req, sizeof *h);

    h->name = arena_strdup(req, name);
    h->value = arena_strdup(req, value);
    h->next = req->headers;
    req->headers = h;
}

/* Queue len bytes under mode (copy, persistent or free-after). */
static void reply_buffer(struct http_request *req, int status,
                         const char *content_type, const void *data, size_t len,
                         enum MHD_ResponseMemoryMode mode, bool json)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)data, mode);

    if (resp == NULL) {
        log_error("http_response_failed", "path=%s", req->path);
        if (mode == MHD_RESPMEM_MUST_FREE)
            free((void *)data);
        return;
    }
    if (content_type != NULL)
        MHD_add_response_header(resp, "Content-Type", content_type);
    reply_queue(req, status, resp, json, len);
}

void http_reply_json(struct http_request *req, int status, json_t *body)
{
    char *text;

    if (already_replied(req)) {
        json_decref(body);
        return;
    }
    text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (text == NULL) {
        log_error("http_json_dump_failed", "path=%s", req->path);
        http_reply_error(req, ERR_INTERNAL, "could not encode the reply");
        return;
    }
    reply_buffer(req, status, "application/json", text, strlen(text),
                 MHD_RESPMEM_MUST_FREE, true);
}

/* The error document; falls back to the code as message when the text is
 * not valid UTF-8. */
static json_t *error_document(enum http_error err, const char *message)
{
    json_t *msg = json_string(message);

    if (msg == NULL)
        msg = json_string(http_error_code(err));
    return json_pack("{s:{s:s,s:o}}", "error", "code", http_error_code(err),
                     "message", msg);
}

void http_reply_error(struct http_request *req, enum http_error err,
                      const char *fmt, ...)
{
    char message[512];
    va_list ap;

    if (already_replied(req))
        return;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    json_t *doc = error_document(err, message);
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (text == NULL) {
        /* Only out of memory gets here; answer with no body. */
        http_reply_empty(req, http_error_status(err));
        return;
    }
    reply_buffer(req, http_error_status(err), "application/json", text,
                 strlen(text), MHD_RESPMEM_MUST_FREE, true);
}

void http_reply_bytes(struct http_request *req, int status,
                      const char *content_type, const void *data, size_t len)
{
    if (already_replied(req))
        return;
    reply_buffer(req, status, content_type, data, len, MHD_RESPMEM_MUST_COPY,
                 false);
}

void http_reply_static(struct http_request *req, int status,
                       const char *content_type, const void *data, size_t len)
{
    if (already_replied(req))
        return;
    reply_buffer(req, status, content_type, data, len, MHD_RESPMEM_PERSISTENT,
                 false);
}

void http_reply_empty(struct http_request *req, int status)
{
    if (already_replied(req))
        return;
    reply_buffer(req, status, NULL, "", 0, MHD_RESPMEM_PERSISTENT, false);
}

bool http_replied(struct http_request *req)
{
    return req->replied;
}

/*
 * /api/v1/media: serve a stored file (GET /{id}), take an agent's upload
 * (POST, multipart or raw body), retry a failed download (POST
 * /{id}/retry). Storage and checks live in whatsapp/media.c; this file
 * reads requests and writes replies.
 */
#include "api/media.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"
#include "whatsapp/media.h"
#include "whatsapp/media_internal.h"

/* --- multipart --------------------------------------------------------- */

/* The value of attr (quoted or a token) in a header value, into out. The
 * attribute must start the value or follow ';' or a space. */
static bool header_param(const char *h, const char *attr, char *out, size_t cap)
{
    size_t alen = strlen(attr);

    for (const char *p = h; (p = strcasestr(p, attr)) != NULL; p += alen) {
        if ((p != h && p[-1] != ';' && p[-1] != ' ') || p[alen] != '=')
            continue;
        const char *v = p + alen + 1;
        bool quoted = *v == '"';
        size_t k = 0;
        v += quoted;
        while (*v && k + 1 < cap &&
               (quoted ? *v != '"' : (*v != ';' && *v != ' ')))
            out[k++] = *v++;
        out[k] = '\0';
        return k > 0;
    }
    return false;
}

/* Copy header `name` of a part's head (len bytes) into out; "" if absent. */
static void part_header(const char *head, size_t len, const char *name,
                        char *out, size_t cap)
{
    size_t nlen = strlen(name);
    const char *end = head + len;

    out[0] = '\0';
    for (const char *p = head; p < end;) {
        const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
        size_t l = eol ? (size_t)(eol - p) : (size_t)(end - p);
        if (l > nlen && strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
            const char *v = p + nlen + 1;
            while (v < p + l && *v == ' ')
                v++;
            snprintf(out, cap, "%.*s", (int)(p + l - v), v);
            return;
        }
        p += l + 2;
    }
}

bool api_media_multipart_file(const char *content_type, const char *body,
                              size_t body_len, const char **data, size_t *len,
                              char *type, size_t type_cap, char *name,
                              size_t name_cap, const char **why)
{
    char boundary[72], delim[80], disp[512], field[64];
    const char *end = body + body_len, *p;

    if (!header_param(content_type, "boundary", boundary, sizeof boundary)) {
        *why = "multipart/form-data needs a boundary";
        return false;
    }
    int dl = snprintf(delim, sizeof delim, "\r\n--%s", boundary);
    /* the first delimiter may open the body without its CRLF */
    p = body_len >= (size_t)dl - 2 && memcmp(body, delim + 2, dl - 2) == 0
            ? body + dl - 2
            : NULL;
    if (!p) {
        const char *q = memmem(body, body_len, delim, (size_t)dl);
        p = q ? q + dl : NULL;
    }
    while (p && end - p >= 4 && p[0] == '\r' && p[1] == '\n') {
        const char *head = p + 2;
        const char *head_end =
            memmem(head, (size_t)(end - head), "\r\n\r\n", 4);
        if (!head_end)
            break;
        const char *content = head_end + 4;
        const char *next =
            memmem(content, (size_t)(end - content), delim, (size_t)dl);
        if (!next)
            break;
        size_t hl = (size_t)(head_end - head);
        part_header(head, hl, "Content-Disposition", disp, sizeof disp);
        if (header_param(disp, "name", field, sizeof field) &&
            strcmp(field, "file") == 0) {
            if (!header_param(disp, "filename", name, name_cap))
                name[0] = '\0';
            part_header(head, hl, "Content-Type", type, type_cap);
            *data = content;
            *len = (size_t)(next - content);
            return true;
        }
        p = next + dl;
    }
    *why = "the form has no complete part named file";
    return false;
}

/* --- handlers ---------------------------------------------------------- */

/* Percent-encode a UTF-8 name for filename*= (RFC 8187 attr-char). */
static void pct_encode(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
}

/* Content-Disposition for a stored file: inline for what browsers show
 * safely, else an attachment named with an ASCII fallback and the exact
 * UTF-8 name. */
static char *disposition(const struct wa_media_file *f)
{
    struct buf b = {0};
    char *name = wa_media_clean_filename(f->filename);

    if (!name[0]) {
        free(name);
        name = xasprintf("media-%lld", (long long)f->id);
    }
    if (wa_media_inline_ok(f->mime_type)) {
        buf_puts(&b, "inline");
    } else {
        buf_puts(&b, "attachment; filename=\"");
        for (const char *p = name; *p; p++)
            buf_putc(&b, (unsigned char)*p < 0x80 ? *p : '_');
        buf_puts(&b, "\"; filename*=UTF-8''");
        pct_encode(&b, name);
    }
    free(name);
    return buf_steal(&b);
}

/* GET /api/v1/media/{id}: the opened bytes, for agents of its account. */
static void media_get(struct http_request *req)
{
    struct app *app = api_app(req);
    struct wa_media_file f;
    int64_t id;

    if (!http_param_id(req, "id", &id))
        return;
    enum store_rc rc =
        wa_media_read(http_db(req), app->master_key, app->data_dir,
                      http_principal(req)->account_id, id, &f);
    if (rc == STORE_NOT_FOUND) {
        http_reply_error(req, ERR_NOT_FOUND, "no stored media with this id");
        return;
    }
    if (rc) {
        http_reply_error(req, ERR_INTERNAL, "the file cannot be read");
        return;
    }
    char *disp = disposition(&f);
    http_set_header(req, "Content-Disposition", disp);
    /* X-Content-Type-Options: nosniff is on every reply of the server */
    http_set_header(req, "Cache-Control", "private, max-age=3600");
    http_set_header(req, "Content-Security-Policy",
                    "sandbox; default-src 'none'");
    http_reply_bytes(req, 200,
                     f.mime_type[0] ? f.mime_type : "application/octet-stream",
                     f.data, f.size);
    free(disp);
    wa_media_file_free(&f);
}

/* The bytes, type and name of an upload, from a multipart form or a raw
 * body. Returns false after replying when the request is malformed. */
static bool read_upload(struct http_request *req, const char **data,
                        size_t *len, char *type, size_t type_cap, char *name,
                        size_t name_cap)
{
    const char *ct = http_header(req, "Content-Type");
    const char *body = http_body(req, len), *why = NULL;

    if (!ct || !ct[0]) {
        http_reply_error(req, ERR_MEDIA_TYPE, "Content-Type is required");
        return false;
    }
    if (strncasecmp(ct, "multipart/form-data", 19) == 0) {
        if (!api_media_multipart_file(ct, body ? body : "", *len, data, len,
                                      type, type_cap, name, name_cap, &why)) {
            http_reply_error(req, ERR_BAD_REQUEST, "%s", why);
            return false;
        }
        if (!type[0]) {
            http_reply_error(req, ERR_MEDIA_TYPE,
                             "the file part needs a Content-Type");
            return false;
        }
        return true;
    }
    const char *xname = http_header(req, "X-Filename");
    snprintf(type, type_cap, "%s", ct);
    snprintf(name, name_cap, "%s", xname ? xname : "");
    *data = body ? body : "";
    return true;
}

/* The inbox_id query parameter; false after replying when bad. */
static bool upload_inbox(struct http_request *req, int64_t *inbox_id)
{
    const char *s = http_query(req, "inbox_id");
    char *end;
    long long v = s ? strtoll(s, &end, 10) : 0;

    if (!s || !*s || *end || v <= 0) {
        http_reply_error(req, ERR_MISSING_FIELD,
                         "inbox_id (a positive integer) is required");
        return false;
    }
    *inbox_id = v;
    return true;
}

/* The HTTP error for an upload that was refused. */
static enum http_error upload_error(enum wa_media_upload_rc rc)
{
    switch (rc) {
    case WA_MEDIA_UPLOAD_TOO_BIG:
        return ERR_TOO_LARGE;
    case WA_MEDIA_UPLOAD_BAD_TYPE:
        return ERR_MEDIA_TYPE;
    case WA_MEDIA_UPLOAD_MISMATCH:
    case WA_MEDIA_UPLOAD_INVALID:
        return ERR_INVALID_FIELD;
    default:
        return ERR_INTERNAL;
    }
}

/* POST /api/v1/media?inbox_id=N: store an agent's file for sending. */
static void media_upload(struct http_request *req)
{
    struct app *app = api_app(req);
    struct wa_media_upload_info info;
    const char *data = NULL;
    char type[128] = "", name[256] = "", err[256] = "";
    size_t len = 0;
    int64_t inbox_id;

    if (!upload_inbox(req, &inbox_id) ||
        !read_upload(req, &data, &len, type, sizeof type, name, sizeof name))
        return;
    enum wa_media_upload_rc rc =
        wa_media_store_upload(http_db(req), app->master_key, app->data_dir,
                              http_principal(req)->account_id, inbox_id, data,
                              len, type, name, &info, err, sizeof err);
    if (rc != WA_MEDIA_UPLOAD_OK) {
        http_reply_error(req, upload_error(rc), "%s", err);
        return;
    }
    http_reply_json(req, 201,
                    json_pack("{sI ss sI ss ss}", "id", (json_int_t)info.id,
                              "mime_type", info.mime_type, "size",
                              (json_int_t)info.size, "filename", info.filename,
                              "kind", info.kind));
    wa_media_upload_info_free(&info);
}

/* POST /api/v1/media/{id}/retry: fetch a failed download again now. */
static void media_retry(struct http_request *req)
{
    int64_t id;

    if (!http_param_id(req, "id", &id))
        return;
    enum store_rc rc =
        wa_media_retry(http_db(req), http_principal(req)->account_id, id);
    if (rc == STORE_NOT_FOUND)
        http_reply_error(req, ERR_NOT_FOUND, "no received media with this id");
    else if (rc == STORE_CONSTRAINT)
        http_reply_error(req, ERR_GONE,
                         "this media has expired and cannot be fetched");
    else if (rc)
        api_reply_store_error(req, rc, NULL);
    else
        http_reply_json(req, 202, json_pack("{sI}", "id", (json_int_t)id));
}

static const struct http_route routes[] = {
    {"GET", "/api/v1/media/{id}", media_get, ROLE_AGENT, 0},
    {"POST", "/api/v1/media", media_upload, ROLE_AGENT,
     HTTP_BIG_BODY | HTTP_RAW_BODY},
    {"POST", "/api/v1/media/{id}/retry", media_retry, ROLE_AGENT, 0},
};

const struct http_route *api_media_routes(size_t *count)
{
    *count = sizeof routes / sizeof routes[0];
    return routes;
}

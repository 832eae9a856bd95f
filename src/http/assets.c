/*
 * Serves the embedded web app. The files come from web/dist through
 * scripts/embed.py (the table web_assets_files); their ETags are the
 * SHA-256 of their bytes, computed once on first use. Hashed bundle names
 * are cached forever; everything else is revalidated on each load.
 */
#include "http/assets.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/crypto.h"

struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};

/* Generated from web/dist by web/meson.build. */
extern const struct embedded_file web_assets_files[];

#define MAX_ASSETS 64
#define ETAG_HEX   32 /* 128 bits of the digest are plenty for a cache key */

/* Connecting only to ourselves, running only our own script, no inline
 * code or styles, no framing: customer text can never turn into markup
 * that runs, and the app cannot be clickjacked. */
static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; "
    "connect-src 'self'; font-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

static char etags[MAX_ASSETS][ETAG_HEX + 3];
static size_t asset_count;
static pthread_once_t etags_once = PTHREAD_ONCE_INIT;

/* Hash every embedded file once; the table is immutable afterwards. */
static void compute_etags(void)
{
    uint8_t digest[CRYPTO_SHA256_LEN];
    char hex[2 * CRYPTO_SHA256_LEN + 1];

    for (size_t i = 0; web_assets_files[i].name && i < MAX_ASSETS; i++) {
        crypto_sha256(web_assets_files[i].data, web_assets_files[i].len,
                      digest);
        crypto_hex(digest, sizeof digest, hex);
        snprintf(etags[i], sizeof etags[i], "\"%.*s\"", ETAG_HEX, hex);
        asset_count = i + 1;
    }
}

/* Index of the embedded file called name, or -1. */
static int find_index(const char *name)
{
    pthread_once(&etags_once, compute_etags);
    for (size_t i = 0; i < asset_count; i++)
        if (strcmp(web_assets_files[i].name, name) == 0)
            return (int)i;
    return -1;
}

bool http_assets_find(const char *name, const unsigned char **data, size_t *len)
{
    int i = find_index(name);

    if (i < 0)
        return false;
    *data = web_assets_files[i].data;
    *len = web_assets_files[i].len;
    return true;
}

/* The content type for a file name, by its extension. */
static const char *content_type(const char *name)
{
    static const struct {
        const char *ext;
        const char *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(name, '.');

    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* True for names that carry their content hash ("app-1a2b3c4d.js"):
 * a new build gets a new name, so the old one may be cached forever. */
static bool is_hashed(const char *name)
{
    const char *dash = strrchr(name, '-');
    size_t n = 0;

    if (dash == NULL)
        return false;
    while (dash[1 + n] && strchr("0123456789abcdef", dash[1 + n]))
        n++;
    return n >= 8 && dash[1 + n] == '.';
}

/* True when the request's If-None-Match lists etag (or is "*"). */
static bool not_modified(struct http_request *req, const char *etag)
{
    const char *inm = http_header(req, "If-None-Match");

    if (inm == NULL)
        return false;
    return strcmp(inm, "*") == 0 || strstr(inm, etag) != NULL;
}

/*
 * Reply with embedded file i: headers first, then 304 when the client's
 * copy is current, otherwise the static bytes.
 */
static void reply_file(struct http_request *req, int i)
{
    const struct embedded_file *f = &web_assets_files[i];

    http_set_header(req, "ETag", etags[i]);
    http_set_header(req, "Cache-Control",
                    is_hashed(f->name) ? "public, max-age=31536000, immutable"
                                       : "no-cache");
    /* nosniff, Referrer-Policy and X-Frame-Options come from the server
     * for every reply; the CSP is the app's own. */
    http_set_header(req, "Content-Security-Policy", csp);
    if (strcmp(f->name, "sw.js") == 0)
        http_set_header(req, "Service-Worker-Allowed", "/");
    if (not_modified(req, etags[i])) {
        http_reply_empty(req, 304);
        return;
    }
    http_reply_static(req, 200, content_type(f->name), f->data, f->len);
}

/* Serve a named file, or a JSON 404 when the build has no such file. */
static void serve_named(struct http_request *req, const char *name)
{
    int i = find_index(name);

    if (i < 0) {
        http_reply_error(req, ERR_NOT_FOUND, "no such file");
        return;
    }
    reply_file(req, i);
}

/* "/" and every client-side page: the app decides what to show. */
static void on_index(struct http_request *req)
{
    serve_named(req, "index.html");
}

/* "/app/{file}": a file of the bundle. Names never contain '/', and
 * index.html is not served here so that it has one URL. */
static void on_app_file(struct http_request *req)
{
    const char *file = http_param(req, "file");

    if (file == NULL || strcmp(file, "index.html") == 0) {
        http_reply_error(req, ERR_NOT_FOUND, "no such file");
        return;
    }
    serve_named(req, file);
}

static void on_service_worker(struct http_request *req)
{
    serve_named(req, "sw.js");
}

static void on_manifest(struct http_request *req)
{
    serve_named(req, "manifest.webmanifest");
}

static const struct http_route routes[] = {
    {"GET", "/", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/app/{file}", on_app_file, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/sw.js", on_service_worker, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/manifest.webmanifest", on_manifest, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/login", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/inbox", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/inbox/{id}", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/contacts", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/contacts/{id}", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/settings", on_index, ROLE_NONE, HTTP_NO_LOG},
    {"GET", "/settings/{section}", on_index, ROLE_NONE, HTTP_NO_LOG},
};

const struct http_route *http_assets_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

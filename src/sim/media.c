/*
 * Simulated media: multipart upload with WhatsApp's MIME and size limits,
 * GET and DELETE by id, expiring download URLs that need the bearer token,
 * and small sample files for media that virtual customers send.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/mem.h"
#include "http/http.h"
#include "sim/sim_internal.h"
#include "whatsapp/media_limits.h"

/* The kind of a MIME type and its size cap, by the Cloud API's own table
 * (src/whatsapp/media_limits.c); a sticker may be animated, so its cap is
 * the animated one. NULL when WhatsApp does not take the type. */
const char *sim_media_kind(const char *mime, size_t *max_bytes)
{
    const char *kind = wa_media_kind_for_mime(mime);

    if (kind)
        *max_bytes = (size_t)wa_media_max_size(kind, mime, true);
    return kind;
}

/* --- multipart ----------------------------------------------------------- */

/* Value of attr="..." (or attr=token) in a header line, into out. */
static bool header_attr(const char *h, size_t hlen, const char *attr, char *out,
                        size_t n)
{
    size_t alen = strlen(attr);

    for (size_t i = 0; i + alen + 1 < hlen; i++) {
        if (strncasecmp(h + i, attr, alen) != 0 || h[i + alen] != '=' ||
            (i > 0 && h[i - 1] != ' ' && h[i - 1] != ';'))
            continue;
        const char *v = h + i + alen + 1, *end = h + hlen;
        bool quoted = v < end && *v == '"';
        v += quoted;
        size_t k = 0;
        while (v < end && k + 1 < n &&
               (quoted ? *v != '"' : (*v != ';' && *v != '\r')))
            out[k++] = *v++;
        out[k] = '\0';
        return true;
    }
    return false;
}

/* The value of a header (name without colon) in a part's head. */
static bool part_header(const char *head, size_t len, const char *name,
                        char *out, size_t n)
{
    size_t nlen = strlen(name);

    for (const char *p = head; p < head + len;) {
        const char *eol = memmem(p, (size_t)(head + len - p), "\r\n", 2);
        size_t l = eol ? (size_t)(eol - p) : (size_t)(head + len - p);
        if (l > nlen && strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
            const char *v = p + nlen + 1;
            while (*v == ' ')
                v++;
            size_t vl = l - (size_t)(v - p);
            snprintf(out, n, "%.*s", (int)vl, v);
            return true;
        }
        p += l + 2;
    }
    return false;
}

/*
 * Walk the parts of a multipart body, keeping the file part, the "type"
 * field and the messaging_product field. Never reads past len: every
 * search is bounded by the end of the body.
 */
int sim_multipart_file(const char *content_type, const char *body, size_t len,
                       const char **data, size_t *data_len, char *mime,
                       size_t mime_cap, const char **why)
{
    char boundary[120], delim[130], type_field[100] = "";
    bool product = false, have_file = false;

    if (!content_type ||
        strncasecmp(content_type, "multipart/form-data", 19) != 0 ||
        !header_attr(content_type, strlen(content_type), "boundary", boundary,
                     sizeof(boundary)) ||
        !boundary[0]) {
        *why = "The request must be multipart/form-data with a boundary.";
        return -1;
    }
    int dl = snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
    /* the first delimiter has no leading CRLF */
    const char *p = memmem(body, len, delim + 2, (size_t)dl - 2);
    const char *end = body + len;
    while (p) {
        p += dl - 2;
        /* after a delimiter: "--" (the end) or CRLF and a part's head */
        if (end - p < 2 || (p[0] == '-' && p[1] == '-'))
            break;
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
        char disp[300] = "", name[64] = "", ctype[100] = "";
        size_t hl = (size_t)(head_end - head);
        part_header(head, hl, "Content-Disposition", disp, sizeof(disp));
        header_attr(disp, strlen(disp), "name", name, sizeof(name));
        part_header(head, hl, "Content-Type", ctype, sizeof(ctype));
        size_t cl = (size_t)(next - content);
        if (strcmp(name, "messaging_product") == 0)
            product = cl == 8 && memcmp(content, "whatsapp", 8) == 0;
        else if (strcmp(name, "type") == 0 && cl < sizeof(type_field))
            snprintf(type_field, sizeof(type_field), "%.*s", (int)cl, content);
        else if (strcmp(name, "file") == 0) {
            have_file = true;
            *data = content;
            *data_len = cl;
            snprintf(mime, mime_cap, "%s", ctype);
        }
        p = next + 2;
    }
    if (!product) {
        *why = "The parameter messaging_product is required.";
        return -1;
    }
    if (!have_file) {
        *why = "The parameter file is required.";
        return -1;
    }
    /* the file part's own type wins; else the separate type field */
    if ((!mime[0] || strcmp(mime, "application/octet-stream") == 0) &&
        type_field[0])
        snprintf(mime, mime_cap, "%s", type_field);
    return 0;
}

/* --- endpoints ----------------------------------------------------------- */

/* HMAC binding a media id to an expiry, hex. */
static void url_hash(struct sim *sim, const char *id, long long exp,
                     char out[65])
{
    uint8_t mac[CRYPTO_SHA256_LEN];
    char *msg = xasprintf("%s|%lld", id, exp);

    crypto_hmac_sha256(sim->app_secret, strlen(sim->app_secret), msg,
                       strlen(msg), mac);
    crypto_hex(mac, sizeof(mac), out);
    free(msg);
}

/*
 * The download URL: on the host the caller used, with an expiry and an
 * HMAC over id and expiry so that neither can be changed.
 */
char *sim_media_url(struct sim *sim, struct http_request *req,
                    const struct sim_media *m)
{
    const char *host = req ? http_header(req, "Host") : NULL;
    long long exp = (long long)clock_now_ms() + sim->media_url_ttl_s * 1000LL;
    char hash[65];

    url_hash(sim, m->id, exp, hash);
    return xasprintf("http://%s/sim/media/%s?exp=%lld&hash=%s",
                     host ? host : "127.0.0.1", m->id, exp, hash);
}

/* POST /{ver}/{pnid}/media: store an uploaded file, answer its id. */
void sim_graph_media_upload(struct http_request *req)
{
    struct sim *sim = sim_graph_begin(req, "pnid", "pnid");
    size_t len = 0, data_len = 0, max = 0;
    const char *body = http_body(req, &len), *data = NULL, *why = NULL;
    char mime[100] = "";

    if (!sim)
        return;
    if (sim_multipart_file(http_header(req, "Content-Type"), body ? body : "",
                           len, &data, &data_len, mime, sizeof(mime),
                           &why) != 0) {
        sim_graph_error(req, 100, why);
        return;
    }
    const char *kind = sim_media_kind(mime, &max);
    if (!kind) {
        sim_graph_error(req, 131053,
                        "Param file must be a file with one of "
                        "the supported WhatsApp media types.");
        return;
    }
    if (data_len > max || data_len == 0) {
        sim_graph_error(req, 131053,
                        data_len ? "The file is larger than the "
                                   "limit for its media type."
                                 : "The file is empty.");
        return;
    }
    pthread_mutex_lock(&sim->lock);
    struct sim_media *m = sim_media_add(sim, mime, data, data_len);
    if (m)
        sim->counters.media_uploaded++;
    json_t *reply = m ? json_pack("{s:s}", "id", m->id) : NULL;
    pthread_mutex_unlock(&sim->lock);
    if (!reply) {
        sim_graph_error(req, 131053, "The simulator's media store is full.");
        return;
    }
    http_reply_json(req, 200, reply);
}

/* GET /sim/media/{id}: the bytes, with the bearer token, before expiry. */
void sim_media_download(struct http_request *req)
{
    struct sim *sim = sim_instance();
    const char *id = http_param(req, "id");
    const char *exp_s = http_query(req, "exp"), *hash = http_query(req, "hash");
    const char *auth = http_header(req, "Authorization");
    char want[65];

    if (!sim || !id || !exp_s || !hash) {
        sim_graph_error(req, 100, "Unknown media URL.");
        return;
    }
    size_t tl = strlen(sim->access_token);
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || strlen(auth + 7) != tl ||
        !crypto_equal(auth + 7, sim->access_token, tl)) {
        sim_graph_error(req, 190, "Downloading media needs the access token.");
        return;
    }
    long long exp = strtoll(exp_s, NULL, 10);
    url_hash(sim, id, exp, want);
    if (strlen(hash) != 64 || !crypto_equal(hash, want, 64) ||
        clock_now_ms() > exp) {
        http_reply_bytes(req, 404, "text/plain", "URL expired\n", 12);
        return;
    }
    pthread_mutex_lock(&sim->lock);
    struct sim_media *m = sim_media_get(sim, id);
    if (m)
        http_reply_bytes(req, 200, m->mime, m->data, m->len);
    pthread_mutex_unlock(&sim->lock);
    if (!m)
        http_reply_bytes(req, 404, "text/plain", "Not found\n", 10);
}

/* --- sample files -------------------------------------------------------- */

static const unsigned char png_1x1[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
static const unsigned char ogg_head[] = "OggS\0\2\0\0\0\0\0\0\0\0simulated";
static const unsigned char mp4_head[] = "\0\0\0\x18"
                                        "ftypmp42\0\0\0\0mp42isom";
static const unsigned char webp_head[] = "RIFF\x1a\0\0\0WEBPVP8 simulated";
static const unsigned char pdf_doc[] = "%PDF-1.4\n% simulated\n%%EOF\n";

/* A tiny file of the right type for media a virtual customer sends. */
void sim_media_sample(const char *type, const char **mime,
                      const unsigned char **data, size_t *len)
{
    if (strcmp(type, "audio") == 0) {
        *mime = "audio/ogg; codecs=opus";
        *data = ogg_head;
        *len = sizeof(ogg_head) - 1;
    } else if (strcmp(type, "video") == 0) {
        *mime = "video/mp4";
        *data = mp4_head;
        *len = sizeof(mp4_head) - 1;
    } else if (strcmp(type, "sticker") == 0) {
        *mime = "image/webp";
        *data = webp_head;
        *len = sizeof(webp_head) - 1;
    } else if (strcmp(type, "document") == 0) {
        *mime = "application/pdf";
        *data = pdf_doc;
        *len = sizeof(pdf_doc) - 1;
    } else {
        *mime = "image/png";
        *data = png_1x1;
        *len = sizeof(png_1x1);
    }
}

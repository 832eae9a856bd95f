/*
 * Plain blocking GETs for media downloads: the Graph media-id lookup and
 * the file itself. A job worker runs one at a time, so libcurl's easy
 * interface with a hard size bound and timeout is all that is needed.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "whatsapp/media_internal.h"

struct sink {
    struct wa_media_http *out;
    size_t max;
};

/* libcurl write callback: keep bytes up to the bound, then stop the
 * transfer (returning less than given makes curl abort it). */
static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
    struct sink *s = arg;
    size_t len = size * n;

    if (s->out->body.len + len > s->max) {
        s->out->too_big = true;
        return 0;
    }
    buf_append(&s->out->body, p, len);
    return len;
}

void wa_media_http_clear(struct wa_media_http *r)
{
    buf_free(&r->body);
    memset(r, 0, sizeof *r);
}

int wa_media_http_get(const char *url, const char *token, long timeout_ms,
                      size_t max_bytes, struct wa_media_http *out)
{
    struct sink s = {out, max_bytes};
    struct curl_slist *hdr = NULL;
    char *auth = xasprintf("Authorization: Bearer %s", token ? token : "");
    CURL *c = curl_easy_init();
    CURLcode cc = CURLE_FAILED_INIT;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!c)
        goto out;
    hdr = curl_slist_append(hdr, auth);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    cc = curl_easy_perform(c);
    if (cc == CURLE_FILESIZE_EXCEEDED)
        out->too_big = true;
    if (cc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
        rc = 0;
    }
out:
    if (rc != 0)
        snprintf(out->error, sizeof out->error, "%s",
                 out->too_big ? "the file is larger than allowed"
                              : curl_easy_strerror(cc));
    curl_slist_free_all(hdr);
    if (c)
        curl_easy_cleanup(c);
    crypto_wipe(auth, strlen(auth));
    free(auth);
    return rc;
}

/*
 * Checking a number against the Graph API; see number_check.h.
 */
#include "whatsapp/number_check.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "whatsapp/graph_error.h"

/* Replies larger than this are not a phone-number object. */
#define MAX_REPLY (64 * 1024)

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
    struct buf *b = arg;

    if (b->len + size * n > MAX_REPLY)
        return 0;
    buf_append(b, data, size * n);
    return size * n;
}

static void copy_member(json_t *o, const char *key, char *out, size_t n)
{
    const char *v = json_string_value(json_object_get(o, key));

    snprintf(out, n, "%s", v ? v : "");
}

/* Make sense of a finished request. */
static void judge(struct wa_number_check *out, const struct buf *body)
{
    struct wa_graph_error err;
    json_t *o;

    if (out->http_status == 200 &&
        (o = json_loadb(body->data ? body->data : "", body->len, 0, NULL))) {
        copy_member(o, "display_phone_number", out->display_phone_number,
                    sizeof out->display_phone_number);
        copy_member(o, "verified_name", out->verified_name,
                    sizeof out->verified_name);
        copy_member(o, "quality_rating", out->quality_rating,
                    sizeof out->quality_rating);
        json_decref(o);
        out->ok = true;
        return;
    }
    if (wa_graph_error_parse(body->data ? body->data : "", body->len, &err) ==
            0 &&
        err.code) {
        out->graph_code = err.code;
        snprintf(out->problem, sizeof out->problem, "Graph error %lld: %s",
                 (long long)err.code, err.message ? err.message : "");
    } else {
        snprintf(out->problem, sizeof out->problem,
                 "unexpected HTTP %ld from the Graph API", out->http_status);
    }
    wa_graph_error_clear(&err);
}

int wa_number_check(const char *base, const char *version,
                    const char *phone_number_id, const char *token,
                    struct wa_number_check *out)
{
    char url[1024], auth[2200];
    struct buf body = BUF_INIT;
    struct curl_slist *headers = NULL;
    CURL *curl = curl_easy_init();
    CURLcode rc;

    memset(out, 0, sizeof *out);
    if (!curl) {
        snprintf(out->problem, sizeof out->problem, "cannot start libcurl");
        return -1;
    }
    snprintf(url, sizeof url,
             "%s/%s/%s?fields=display_phone_number,verified_name,"
             "quality_rating",
             base, version, phone_number_id);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    headers = curl_slist_append(headers, auth);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->http_status);
        judge(out, &body);
    } else {
        snprintf(out->problem, sizeof out->problem, "cannot reach %s: %s", base,
                 curl_easy_strerror(rc));
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    buf_free(&body);
    return out->ok ? 0 : -1;
}

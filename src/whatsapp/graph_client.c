/*
 * The Graph API client on libcurl's multi interface; see graph_client.h.
 * Submitters append to a locked list and wake the thread; the thread moves
 * new transfers into the multi handle, drives them and calls back.
 */
#include "whatsapp/graph_client.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"

/* Graph answers are small JSON; anything larger is refused. */
#define MAX_RESPONSE_BYTES (4u << 20)

struct transfer {
    CURL *easy;
    struct curl_slist *headers;
    curl_mime *mime;
    struct buf body;
    bool too_big;
    char errbuf[CURL_ERROR_SIZE];
    wa_graph_done_cb done;
    void *arg;
    struct transfer *next; /* in pending, or in active */
    struct transfer *prev; /* in active */
};

struct wa_graph {
    CURLM *multi;
    pthread_t thread;
    pthread_mutex_t lock;
    struct transfer *pending; /* submitted, not yet in multi */
    struct transfer *active;  /* in multi; only the thread touches it */
    bool stopping;
    uint64_t completed;
};

void wa_graph_response_clear(struct wa_graph_response *r)
{
    free(r->body);
    r->body = NULL;
    r->len = 0;
}

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
    struct transfer *t = arg;

    if (t->body.len + size * n > MAX_RESPONSE_BYTES) {
        t->too_big = true;
        return 0;
    }
    buf_append(&t->body, p, size * n);
    return size * n;
}

static void transfer_free(struct transfer *t)
{
    if (t->easy)
        curl_easy_cleanup(t->easy);
    /* The first header carries the token: wipe it before it is freed. */
    for (struct curl_slist *h = t->headers; h; h = h->next)
        explicit_bzero(h->data, strlen(h->data));
    curl_slist_free_all(t->headers);
    curl_mime_free(t->mime);
    buf_free(&t->body);
    free(t);
}

/* The multipart body of a media upload. */
static curl_mime *upload_mime(CURL *easy, const struct wa_graph_request *r)
{
    curl_mime *m = curl_mime_init(easy);
    curl_mimepart *part = curl_mime_addpart(m);

    curl_mime_name(part, "messaging_product");
    curl_mime_data(part, "whatsapp", CURL_ZERO_TERMINATED);
    part = curl_mime_addpart(m);
    curl_mime_name(part, "type");
    curl_mime_data(part, r->file_mime, CURL_ZERO_TERMINATED);
    part = curl_mime_addpart(m);
    curl_mime_name(part, "file");
    curl_mime_data(part, r->file_data, r->file_len);
    curl_mime_type(part, r->file_mime);
    curl_mime_filename(part,
                       r->file_name && *r->file_name ? r->file_name : "upload");
    return m;
}

/* Build the easy handle for r. Returns NULL if curl cannot make one. */
static struct transfer *transfer_new(const struct wa_graph_request *r)
{
    struct transfer *t = xcalloc(1, sizeof *t);
    char *auth =
        xasprintf("Authorization: Bearer %s", r->token ? r->token : "");

    t->easy = curl_easy_init();
    if (!t->easy) {
        free(auth);
        transfer_free(t);
        return NULL;
    }
    t->headers = curl_slist_append(NULL, auth);
    explicit_bzero(auth, strlen(auth));
    free(auth);
    curl_easy_setopt(t->easy, CURLOPT_URL, r->url);
    curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS,
                     r->timeout_ms > 0 ? r->timeout_ms : 30000L);
    curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
    if (r->fresh) {
        curl_easy_setopt(t->easy, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(t->easy, CURLOPT_FORBID_REUSE, 1L);
    }
    if (r->json_body) {
        t->headers =
            curl_slist_append(t->headers, "Content-Type: application/json");
        curl_easy_setopt(t->easy, CURLOPT_COPYPOSTFIELDS, r->json_body);
    } else if (r->file_data) {
        t->mime = upload_mime(t->easy, r);
        curl_easy_setopt(t->easy, CURLOPT_MIMEPOST, t->mime);
    } else if (r->method && !strcmp(r->method, "POST")) {
        curl_easy_setopt(t->easy, CURLOPT_COPYPOSTFIELDS, "");
    }
    curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
    return t;
}

/* Hand a finished transfer's outcome to its callback and free it. */
static void finish(struct wa_graph *g, struct transfer *t, CURLcode code)
{
    struct wa_graph_response resp = {0};

    if (code == CURLE_OK) {
        curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &resp.http_status);
    } else {
        snprintf(resp.error, sizeof resp.error, "%s",
                 t->too_big     ? "response too large"
                 : t->errbuf[0] ? t->errbuf
                                : curl_easy_strerror(code));
    }
    resp.len = t->body.len;
    resp.body = buf_steal(&t->body);
    if (t->prev || g->active == t) {
        curl_multi_remove_handle(g->multi, t->easy);
        if (t->prev)
            t->prev->next = t->next;
        else
            g->active = t->next;
        if (t->next)
            t->next->prev = t->prev;
    }
    __atomic_add_fetch(&g->completed, 1, __ATOMIC_RELAXED);
    t->done(&resp, t->arg);
    transfer_free(t);
}

/* Move submitted transfers into the multi handle. Returns whether the
 * client is stopping. */
static bool adopt_pending(struct wa_graph *g)
{
    struct transfer *list;
    bool stopping;

    pthread_mutex_lock(&g->lock);
    list = g->pending;
    g->pending = NULL;
    stopping = g->stopping;
    pthread_mutex_unlock(&g->lock);
    while (list) {
        struct transfer *t = list;
        list = t->next;
        t->next = NULL;
        if (stopping) {
            finish(g, t, CURLE_ABORTED_BY_CALLBACK);
            continue;
        }
        t->next = g->active;
        if (g->active)
            g->active->prev = t;
        g->active = t;
        curl_multi_add_handle(g->multi, t->easy);
    }
    return stopping;
}

/* Call back every transfer that completed. */
static void reap(struct wa_graph *g)
{
    CURLMsg *msg;
    int left;

    while ((msg = curl_multi_info_read(g->multi, &left))) {
        struct transfer *t = NULL;

        if (msg->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
        finish(g, t, msg->data.result);
    }
}

/* Abort whatever is still in the multi handle at shutdown. */
static void abort_running(struct wa_graph *g)
{
    while (g->active)
        finish(g, g->active, CURLE_ABORTED_BY_CALLBACK);
}

static void *run(void *arg)
{
    struct wa_graph *g = arg;
    int running;

    while (!adopt_pending(g)) {
        curl_multi_perform(g->multi, &running);
        reap(g);
        curl_multi_poll(g->multi, NULL, 0, 1000, NULL);
    }
    abort_running(g);
    return NULL;
}

struct wa_graph *wa_graph_new(int max_per_host)
{
    struct wa_graph *g = xcalloc(1, sizeof *g);

    g->multi = curl_multi_init();
    if (!g->multi) {
        log_error("graph_client_failed", "reason=\"curl_multi_init\"");
        free(g);
        return NULL;
    }
    curl_multi_setopt(g->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                      (long)(max_per_host > 0 ? max_per_host : 16));
    pthread_mutex_init(&g->lock, NULL);
    if (pthread_create(&g->thread, NULL, run, g)) {
        log_error("graph_client_failed", "reason=\"thread\"");
        curl_multi_cleanup(g->multi);
        pthread_mutex_destroy(&g->lock);
        free(g);
        return NULL;
    }
    return g;
}

void wa_graph_free(struct wa_graph *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    g->stopping = true;
    pthread_mutex_unlock(&g->lock);
    curl_multi_wakeup(g->multi);
    pthread_join(g->thread, NULL);
    curl_multi_cleanup(g->multi);
    pthread_mutex_destroy(&g->lock);
    free(g);
}

int wa_graph_submit(struct wa_graph *g, const struct wa_graph_request *r,
                    wa_graph_done_cb done, void *arg)
{
    struct transfer *t = transfer_new(r);
    int rc = -1;

    if (!t)
        return -1;
    t->done = done;
    t->arg = arg;
    pthread_mutex_lock(&g->lock);
    if (!g->stopping) {
        t->next = g->pending;
        g->pending = t;
        rc = 0;
    }
    pthread_mutex_unlock(&g->lock);
    if (rc) {
        transfer_free(t);
        return rc;
    }
    curl_multi_wakeup(g->multi);
    return 0;
}

/* A blocking call waits on this. */
struct waiter {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool done;
    struct wa_graph_response *out;
};

static void on_call_done(struct wa_graph_response *resp, void *arg)
{
    struct waiter *w = arg;

    pthread_mutex_lock(&w->lock);
    *w->out = *resp;
    w->done = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

int wa_graph_call(struct wa_graph *g, const struct wa_graph_request *r,
                  struct wa_graph_response *out)
{
    struct waiter w = {.done = false, .out = out};
    struct wa_graph_request own = *r;

    memset(out, 0, sizeof *out);
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.cond, NULL);
    own.fresh = true;
    if (wa_graph_submit(g, &own, on_call_done, &w)) {
        snprintf(out->error, sizeof out->error, "graph client stopped");
    } else {
        pthread_mutex_lock(&w.lock);
        while (!w.done)
            pthread_cond_wait(&w.cond, &w.lock);
        pthread_mutex_unlock(&w.lock);
    }
    pthread_cond_destroy(&w.cond);
    pthread_mutex_destroy(&w.lock);
    return out->http_status ? 0 : -1;
}

uint64_t wa_graph_completed(struct wa_graph *g)
{
    return __atomic_load_n(&g->completed, __ATOMIC_RELAXED);
}

/*
 * The channel's inbound part: Meta's webhook (the GET handshake and the
 * signed POST), and the group committer that makes every accepted body
 * durable in wa_inbound before Meta gets its 200. Many requests waiting at
 * once share one transaction, so one fsync acknowledges all of them. The
 * processor that applies the log lives in ingest_proc.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api.h"
#include "api/conversations.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/inbox.h"
#include "whatsapp/ingest_internal.h"
#include "whatsapp/signature.h"

/* Secrets older than this are reloaded on the next request. */
#define SECRETS_MAX_AGE_US (5 * 1000 * 1000)
/* A signature or token that matches none is retried once against a fresh
 * load, unless the cache is younger than this (a probing caller must not
 * make us reload on every request). */
#define SECRETS_MISS_RELOAD_US (1000 * 1000)
/* How long a request may wait for the committer to take its body. */
#define QUEUE_WAIT_MS 10000
/* Bounds of one group commit. */
#define BATCH_MAX_ITEMS 1024
#define BATCH_MAX_BYTES (32u * 1024 * 1024)

/* --- secrets ---------------------------------------------------------- */

static void secrets_free(struct ingest_secret *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i].app_secret)
            explicit_bzero(v[i].app_secret, strlen(v[i].app_secret));
        if (v[i].verify_token)
            explicit_bzero(v[i].verify_token, strlen(v[i].verify_token));
        free(v[i].app_secret);
        free(v[i].verify_token);
    }
    free(v);
}

/*
 * Unseal the secrets of every inbox into a new array (*out, *n). Returns
 * STORE_OK or a store error; on error nothing is allocated.
 */
static enum store_rc secrets_load(struct wa_ingest *in,
                                  struct ingest_secret **out, size_t *n)
{
    struct db *db = store_acquire(in->ch->store);
    struct inbox *boxes = NULL;
    size_t count = 0, k = 0;
    struct ingest_secret *v = NULL;
    enum store_rc rc = inbox_list(db, 0, &boxes, &count);

    if (rc != STORE_OK)
        goto out;
    v = xcalloc(count ? count : 1, sizeof *v);
    for (size_t i = 0; i < count; i++) {
        struct inbox_secrets s;
        if ((rc = inbox_secrets_get(db, in->ch->master_key, boxes[i].id, &s)) !=
            STORE_OK)
            break;
        v[k].app_secret = xstrdup(s.app_secret);
        v[k].verify_token = xstrdup(s.verify_token);
        k++;
        inbox_secrets_clear(&s);
    }
out:
    inbox_list_free(boxes, count);
    store_release(db);
    if (rc != STORE_OK) {
        secrets_free(v, k);
        log_error("ingest_secrets_load_failed", "rc=%d", (int)rc);
        return rc;
    }
    *out = v;
    *n = k;
    return STORE_OK;
}

/* Replace the cache with a fresh load when it is older than max_age_us.
 * A failed load keeps the old cache. */
static void secrets_refresh(struct wa_ingest *in, int64_t max_age_us)
{
    struct ingest_secret *v, *old;
    size_t n, old_n;
    int64_t now = clock_mono_us();

    pthread_rwlock_rdlock(&in->secrets_lock);
    if (in->secrets_loaded_us && now - in->secrets_loaded_us < max_age_us) {
        pthread_rwlock_unlock(&in->secrets_lock);
        return;
    }
    pthread_rwlock_unlock(&in->secrets_lock);
    if (secrets_load(in, &v, &n) != STORE_OK)
        return;
    pthread_rwlock_wrlock(&in->secrets_lock);
    old = in->secrets;
    old_n = in->n_secrets;
    in->secrets = v;
    in->n_secrets = n;
    in->secrets_loaded_us = clock_mono_us();
    pthread_rwlock_unlock(&in->secrets_lock);
    secrets_free(old, old_n);
}

/* Whether the signature header matches the body under any inbox's app
 * secret. Every secret is tried so the time taken tells nothing. */
static bool signature_matches(struct wa_ingest *in, const char *header,
                              const char *body, size_t len)
{
    bool ok = false;

    pthread_rwlock_rdlock(&in->secrets_lock);
    for (size_t i = 0; i < in->n_secrets; i++) {
        const char *s = in->secrets[i].app_secret;
        if (s[0] && wa_signature_valid(s, header, body, len))
            ok = true;
    }
    pthread_rwlock_unlock(&in->secrets_lock);
    return ok;
}

static bool token_matches(struct wa_ingest *in, const char *mode,
                          const char *token)
{
    bool ok = false;

    pthread_rwlock_rdlock(&in->secrets_lock);
    for (size_t i = 0; i < in->n_secrets; i++) {
        if (wa_verify_handshake(mode, token, in->secrets[i].verify_token))
            ok = true;
    }
    pthread_rwlock_unlock(&in->secrets_lock);
    return ok;
}

/* --- group commit ------------------------------------------------------- */

/* Insert every body of the batch, and tell the processor of another node
 * (PostgreSQL) once it commits; run by store_tx, so possibly again. */
static enum store_rc insert_batch(struct db *db, void *arg)
{
    struct ingest_pending *p;
    struct db_stmt *st;
    enum store_rc rc = STORE_OK;

    for (p = arg; p && rc == STORE_OK; p = p->next) {
        rc = db_prepare(db,
                        "INSERT INTO wa_inbound (received_at, body) "
                        "VALUES ($1, $2) RETURNING id",
                        &st);
        if (rc)
            break;
        db_bind_int64(st, 1, p->received_at);
        db_bind_blob(st, 2, p->body, p->len);
        rc = db_step(st);
        if (rc == STORE_ROW) {
            p->id = db_col_int64(st, 0);
            rc = STORE_OK;
        } else if (rc == STORE_DONE) {
            rc = STORE_ERROR; /* believed impossible: RETURNING gave none */
        }
        db_done(st);
    }
    return rc == STORE_OK ? db_notify(db, INGEST_NOTIFY_CHANNEL, "") : rc;
}

/* Detach up to a batch's worth of queued bodies; called with the lock. */
static struct ingest_pending *take_batch(struct wa_ingest *in, size_t *count)
{
    struct ingest_pending *first = in->head, *p = first, *last = NULL;
    size_t n = 0, bytes = 0;

    while (p && n < BATCH_MAX_ITEMS && (n == 0 || bytes < BATCH_MAX_BYTES)) {
        p->taken = true;
        bytes += p->len;
        n++;
        last = p;
        p = p->next;
    }
    if (last)
        last->next = NULL;
    in->head = p;
    if (!p)
        in->tail = NULL;
    *count = n;
    return first;
}

/*
 * The committer thread: take what is queued, write it in one transaction,
 * tell each waiting request how it went. After stop it drains the queue
 * before it returns, so nothing accepted is abandoned.
 */
static void *committer_main(void *arg)
{
    struct wa_ingest *in = arg;
    /* A connection of its own: waiting for one from a busy pool would
     * hold every webhook behind unrelated work. */
    struct db *db = store_acquire(in->ch->store);

    for (;;) {
        struct ingest_pending *batch, *p, *next;
        size_t n;

        pthread_mutex_lock(&in->lock);
        while (!in->head && !in->stopping)
            pthread_cond_wait(&in->work_cv, &in->lock);
        if (!in->head) {
            pthread_mutex_unlock(&in->lock);
            break;
        }
        while (in->applying)
            pthread_cond_wait(&in->gate_cv, &in->lock);
        batch = take_batch(in, &n);
        in->committing = true;
        pthread_mutex_unlock(&in->lock);

        enum store_rc rc = store_tx(db, insert_batch, batch);
        if (rc != STORE_OK)
            log_error("ingest_commit_failed", "rc=%d bodies=%zu", (int)rc, n);

        pthread_mutex_lock(&in->lock);
        for (p = batch; p; p = next) {
            next = p->next; /* p may be gone once its state is set */
            p->state = rc == STORE_OK ? 1 : -1;
        }
        in->committing = false;
        pthread_cond_broadcast(&in->done_cv);
        pthread_mutex_unlock(&in->lock);
        if (rc == STORE_OK)
            ingest_proc_wake(in);
    }
    store_release(db);
    return NULL;
}

void ingest_gate_enter(struct wa_ingest *in, int64_t max_ms)
{
    struct timespec until;

    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)(max_ms % 1000) * 1000000;
    until.tv_sec += max_ms / 1000 + until.tv_nsec / 1000000000;
    until.tv_nsec %= 1000000000;
    pthread_mutex_lock(&in->lock);
    while ((in->head || in->committing) && !in->stopping) {
        if (pthread_cond_timedwait(&in->done_cv, &in->lock, &until) ==
            ETIMEDOUT)
            break;
    }
    /* Past the wait, a batch may still be writing: never overlap it. */
    while (in->committing)
        pthread_cond_wait(&in->done_cv, &in->lock);
    in->applying = true;
    pthread_mutex_unlock(&in->lock);
}

void ingest_gate_leave(struct wa_ingest *in)
{
    pthread_mutex_lock(&in->lock);
    in->applying = false;
    pthread_cond_broadcast(&in->gate_cv);
    pthread_mutex_unlock(&in->lock);
}

static void unlink_pending(struct wa_ingest *in, struct ingest_pending *p)
{
    struct ingest_pending **pp = &in->head, *prev = NULL;

    while (*pp && *pp != p) {
        prev = *pp;
        pp = &(*pp)->next;
    }
    if (!*pp)
        return;
    *pp = p->next;
    if (in->tail == p)
        in->tail = prev;
}

/*
 * Queue p for the committer and wait until the transaction holding it
 * committed (returns 0) or failed (-1). A body the committer has not taken
 * within QUEUE_WAIT_MS is withdrawn (-1): the caller answers 503 and Meta
 * sends it again. Once taken, we wait for the outcome, because the
 * committer reads p until it reports.
 */
static int commit_and_wait(struct wa_ingest *in, struct ingest_pending *p)
{
    struct timespec deadline;
    int state;

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += QUEUE_WAIT_MS / 1000;
    pthread_mutex_lock(&in->lock);
    if (in->stopping || !in->committer_running) {
        pthread_mutex_unlock(&in->lock);
        return -1;
    }
    if (in->tail)
        in->tail->next = p;
    else
        in->head = p;
    in->tail = p;
    pthread_cond_signal(&in->work_cv);
    while (p->state == 0) {
        if (p->taken) {
            pthread_cond_wait(&in->done_cv, &in->lock);
        } else if (pthread_cond_timedwait(&in->done_cv, &in->lock, &deadline) ==
                       ETIMEDOUT &&
                   !p->taken && p->state == 0) {
            unlink_pending(in, p);
            p->state = -1;
        }
    }
    state = p->state;
    pthread_mutex_unlock(&in->lock);
    return state == 1 ? 0 : -1;
}

/* --- the webhook -------------------------------------------------------- */

static struct wa_ingest *ingest_of(struct http_request *req)
{
    struct app *app = api_app(req);
    return app && app->channel ? app->channel->ingest : NULL;
}

/* "application/json", optionally followed by parameters. */
static bool is_json_content_type(const char *ct)
{
    static const char json[] = "application/json";
    size_t n = sizeof json - 1;

    if (!ct || strncasecmp(ct, json, n) != 0)
        return false;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ' || ct[n] == '\t';
}

/*
 * GET /webhooks/whatsapp: Meta's subscription handshake. Answers the
 * challenge as text when the verify token is one of our inboxes', 403
 * otherwise.
 */
static void on_webhook_get(struct http_request *req)
{
    struct wa_ingest *in = ingest_of(req);
    const char *mode = http_query(req, "hub.mode");
    const char *token = http_query(req, "hub.verify_token");
    const char *challenge = http_query(req, "hub.challenge");

    if (!in) {
        http_reply_error(req, ERR_UNAVAILABLE, "the channel is not running");
        return;
    }
    secrets_refresh(in, SECRETS_MAX_AGE_US);
    if (!token_matches(in, mode, token)) {
        secrets_refresh(in, SECRETS_MISS_RELOAD_US);
        if (!token_matches(in, mode, token)) {
            http_reply_error(req, ERR_FORBIDDEN,
                             "the verify token or mode is not accepted");
            return;
        }
    }
    if (!challenge) {
        http_reply_error(req, ERR_BAD_REQUEST, "hub.challenge is missing");
        return;
    }
    http_reply_bytes(req, 200, "text/plain; charset=utf-8", challenge,
                     strlen(challenge));
}

/* The checks before anything is stored; false after replying. */
static bool check_webhook(struct http_request *req, struct wa_ingest *in,
                          const char *body, size_t len)
{
    const char *sig = http_header(req, "X-Hub-Signature-256");

    if (!is_json_content_type(http_header(req, "Content-Type"))) {
        http_reply_error(req, ERR_MEDIA_TYPE,
                         "Content-Type must be application/json");
        return false;
    }
    if (len > INGEST_MAX_BODY) {
        http_reply_error(req, ERR_TOO_LARGE, "the body is larger than %u bytes",
                         INGEST_MAX_BODY);
        return false;
    }
    if (!sig) {
        http_reply_error(req, ERR_BAD_SIGNATURE,
                         "X-Hub-Signature-256 is missing");
        return false;
    }
    secrets_refresh(in, SECRETS_MAX_AGE_US);
    if (signature_matches(in, sig, body, len))
        return true;
    secrets_refresh(in, SECRETS_MISS_RELOAD_US);
    if (signature_matches(in, sig, body, len))
        return true;
    http_reply_error(req, ERR_BAD_SIGNATURE,
                     "X-Hub-Signature-256 does not match the body");
    return false;
}

/*
 * POST /webhooks/whatsapp: check the signature on the raw bytes, make the
 * body durable (group commit), then answer 200. Nothing is parsed here.
 */
static void on_webhook_post(struct http_request *req)
{
    struct wa_ingest *in = ingest_of(req);
    size_t len = 0;
    const char *body = http_body(req, &len);
    struct ingest_pending p = {
        .body = body ? body : "", .len = len, .received_at = clock_now_ms()};

    if (!in) {
        http_reply_error(req, ERR_UNAVAILABLE, "the channel is not running");
        return;
    }
    if (!check_webhook(req, in, p.body, len))
        return;
    if (commit_and_wait(in, &p) != 0) {
        http_reply_error(req, ERR_UNAVAILABLE,
                         "the webhook could not be stored; send it again");
        return;
    }
    http_reply_json(req, 200, json_pack("{sI}", "id", (json_int_t)p.id));
}

/* --- the part's life cycle -------------------------------------------- */

/*
 * The processor to wake when another node committed bodies (PostgreSQL).
 * The listening thread outlives this part (store_close() stops it), so it
 * reaches the part only through this pointer, cleared at stop.
 */
static pthread_mutex_t listen_lock = PTHREAD_MUTEX_INITIALIZER;
static struct wa_ingest *listen_target;

static void on_notify(const char *channel, const char *payload, void *arg)
{
    pthread_mutex_lock(&listen_lock);
    if (listen_target)
        ingest_proc_wake(listen_target);
    pthread_mutex_unlock(&listen_lock);
}

static void listen_for_bodies(struct wa_ingest *in)
{
    static bool listening;

    pthread_mutex_lock(&listen_lock);
    listen_target = in;
    pthread_mutex_unlock(&listen_lock);
    if (!listening && store_listen(in->ch->store, INGEST_NOTIFY_CHANNEL,
                                   on_notify, NULL) == STORE_OK)
        listening = true;
}

int wa_ingest_init(struct wa_channel *ch)
{
    struct wa_ingest *in = xcalloc(1, sizeof *in);

    in->ch = ch;
    pthread_rwlock_init(&in->secrets_lock, NULL);
    pthread_mutex_init(&in->lock, NULL);
    pthread_cond_init(&in->work_cv, NULL);
    pthread_cond_init(&in->done_cv, NULL);
    pthread_cond_init(&in->gate_cv, NULL);
    pthread_mutex_init(&in->proc_lock, NULL);
    pthread_cond_init(&in->proc_cv, NULL);
    ch->ingest = in;
    return 0;
}

int wa_ingest_start(struct wa_channel *ch)
{
    struct wa_ingest *in = ch->ingest;

    if (!in)
        return -1;
    if (pthread_create(&in->committer, NULL, committer_main, in) != 0) {
        log_error("ingest_start_failed", "thread=committer");
        return -1;
    }
    pthread_mutex_lock(&in->lock);
    in->committer_running = true;
    pthread_mutex_unlock(&in->lock);
    listen_for_bodies(in);
    return ingest_proc_start(in);
}

void wa_ingest_stop(struct wa_channel *ch)
{
    struct wa_ingest *in = ch->ingest;
    bool running;

    if (!in)
        return;
    pthread_mutex_lock(&listen_lock);
    listen_target = NULL;
    pthread_mutex_unlock(&listen_lock);
    pthread_mutex_lock(&in->lock);
    in->stopping = true;
    running = in->committer_running;
    pthread_cond_broadcast(&in->work_cv);
    pthread_mutex_unlock(&in->lock);
    if (running)
        pthread_join(in->committer, NULL);
    ingest_proc_stop(in);
    secrets_free(in->secrets, in->n_secrets);
    pthread_rwlock_destroy(&in->secrets_lock);
    pthread_mutex_destroy(&in->lock);
    pthread_cond_destroy(&in->work_cv);
    pthread_cond_destroy(&in->done_cv);
    pthread_cond_destroy(&in->gate_cv);
    pthread_mutex_destroy(&in->proc_lock);
    pthread_cond_destroy(&in->proc_cv);
    free(in);
    ch->ingest = NULL;
}

static const struct http_route routes[] = {
    {"GET", "/webhooks/whatsapp", on_webhook_get, ROLE_NONE, 0},
    {"POST", "/webhooks/whatsapp", on_webhook_post, ROLE_NONE,
     HTTP_RAW_BODY | HTTP_BIG_BODY},
    {"GET", "/api/v1/admin/inbound", ingest_admin_list, ROLE_ADMINISTRATOR, 0},
    {"POST", "/api/v1/admin/inbound/{id}/replay", ingest_admin_replay,
     ROLE_ADMINISTRATOR, 0},
    {"GET", "/api/v1/conversations/{id}", api_conversations_get, ROLE_AGENT, 0},
    {"GET", "/api/v1/conversations/{id}/messages", api_conversation_messages,
     ROLE_AGENT, 0},
};

const struct http_route *wa_ingest_routes(size_t *count)
{
    *count = sizeof routes / sizeof routes[0];
    return routes;
}

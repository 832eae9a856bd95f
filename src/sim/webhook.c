/*
 * The simulator's webhook sender: a thread that POSTs queued payloads to
 * the callback URL, signed with X-Hub-Signature-256, several at a time
 * (curl multi), in order per customer, retrying a non-200 or no answer
 * with exponential backoff as Meta does. It also ticks template approval.
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "sim/sim_internal.h"
#include "whatsapp/signature.h"

#define MAX_ACTIVE 32
#define TICK_MS    20

struct delivery {
    struct delivery *next;
    int64_t due_us;
    char *key;    /* the customer's wa_id, or NULL */
    bool ordered; /* wait for earlier deliveries with the same key */
    char *body;
    int attempts;
    char *mark_wamid, *mark_status;
};

struct transfer {
    CURL *easy;
    struct curl_slist *headers;
    struct delivery *d;
};

struct sim_sender {
    pthread_t thread;
    bool stop;
    CURLM *multi;
    struct delivery *queue; /* sorted by due_us, then arrival */
    size_t queued;
    struct transfer active[MAX_ACTIVE];
    int nactive;
};

/* Free a delivery and its body. */
static void delivery_free(struct delivery *d)
{
    free(d->key);
    free(d->body);
    free(d->mark_wamid);
    free(d->mark_status);
    free(d);
}

/* Insert in due order, after any with the same due time. Lock held. */
static void enqueue(struct sim_sender *s, struct delivery *d)
{
    struct delivery **p = &s->queue;

    while (*p && (*p)->due_us <= d->due_us)
        p = &(*p)->next;
    d->next = *p;
    *p = d;
    s->queued++;
}

/* Lowercase the hex of every \uXXXX escape in JSON text, as Meta writes
 * it (jansson writes uppercase). An escaped backslash is skipped whole. */
static void lowercase_escapes(char *text)
{
    for (char *p = text; *p; p++) {
        if (*p != '\\' || !p[1])
            continue;
        if (p[1] == 'u')
            for (int i = 2; i < 6 && p[i]; i++)
                p[i] = (char)(p[i] >= 'A' && p[i] <= 'F' ? p[i] | 0x20 : p[i]);
        p++;
    }
}

/* The whatsapp_business_account envelope around one change. */
char *sim_webhook_envelope(struct sim *sim, const char *field, json_t *value,
                           bool with_time)
{
    json_t *change = json_pack("{s:o,s:s}", "value", value, "field", field);
    json_t *entry =
        json_pack("{s:s,s:[o]}", "id", sim->waba_id, "changes", change);

    if (with_time)
        json_object_set_new(entry, "time", json_integer(clock_now_ms() / 1000));
    json_t *env = json_pack("{s:s,s:[o]}", "object",
                            "whatsapp_business_account", "entry", entry);
    /* ASCII-escaped, as Meta signs the \uXXXX form */
    char *text = json_dumps(env, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(env);
    lowercase_escapes(text);
    return text;
}

/* Queue a delivery and wake the sender. Without a callback the status
 * is written to the ledger at once. */
void sim_webhook_queue(struct sim *sim, char *body, int delay_ms,
                       const char *key, bool ordered, const char *mark_wamid,
                       const char *mark_status)
{
    struct delivery *d = xcalloc(1, sizeof(*d));

    d->ordered = ordered && key;
    d->due_us = clock_mono_us() + (int64_t)delay_ms * 1000;
    d->key = key ? xstrdup(key) : NULL;
    d->body = body;
    d->mark_wamid = mark_wamid ? xstrdup(mark_wamid) : NULL;
    d->mark_status = mark_status ? xstrdup(mark_status) : NULL;

    pthread_mutex_lock(&sim->lock);
    if (!sim->sender || !sim->callback_url) {
        /* no callback: the status is still "reported" to the ledger */
        if (d->key && d->mark_wamid)
            sim_ledger_status(sim, d->key, d->mark_wamid, d->mark_status);
        pthread_mutex_unlock(&sim->lock);
        delivery_free(d);
        return;
    }
    sim->counters.webhooks_queued++;
    enqueue(sim->sender, d);
    pthread_mutex_unlock(&sim->lock);
    curl_multi_wakeup(sim->sender->multi);
}

/* True if a transfer in flight carries key. Lock held. */
static bool key_busy(struct sim_sender *s, const char *key)
{
    for (int i = 0; i < s->nactive; i++)
        if (s->active[i].d->ordered && strcmp(s->active[i].d->key, key) == 0)
            return true;
    return false;
}

/* libcurl write callback into a struct buf. */
size_t sim_curl_collect(char *p, size_t size, size_t n, void *ud)
{
    buf_append(ud, p, size * n);
    return size * n;
}

/* libcurl write callback that drops the answer body. */
static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    return size * n;
}

/* Start the POST of d: sign the body, set headers. Lock held. */
static void start_transfer(struct sim *sim, struct delivery *d)
{
    struct sim_sender *s = sim->sender;
    struct transfer *t = &s->active[s->nactive++];
    char value[WA_SIGNATURE_HEADER_LEN], sig[WA_SIGNATURE_HEADER_LEN + 32];

    wa_signature_header(sim->app_secret, d->body, strlen(d->body), value);
    snprintf(sig, sizeof(sig), "X-Hub-Signature-256: %s", value);
    t->d = d;
    t->headers = curl_slist_append(NULL, "Content-Type: application/json");
    t->headers = curl_slist_append(t->headers, sig);
    t->headers = curl_slist_append(t->headers, "Expect:");
    t->easy = curl_easy_init();
    curl_easy_setopt(t->easy, CURLOPT_URL, sim->callback_url);
    curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(t->easy, CURLOPT_POSTFIELDS, d->body);
    curl_easy_setopt(t->easy, CURLOPT_USERAGENT, "facebookexternalua");
    curl_easy_setopt(t->easy, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, discard);
    curl_multi_add_handle(s->multi, t->easy);
    if (d->attempts++ == 0 && d->key && d->mark_wamid)
        sim_ledger_status(sim, d->key, d->mark_wamid, d->mark_status);
}

/* Move due deliveries into flight, keeping per-key order. Lock held. */
static void start_due(struct sim *sim, int64_t now)
{
    struct sim_sender *s = sim->sender;
    const char *blocked[MAX_ACTIVE * 4];
    int nblocked = 0;

    for (struct delivery **p = &s->queue; *p && s->nactive < MAX_ACTIVE;) {
        struct delivery *d = *p;
        if (d->due_us > now)
            break;
        bool wait = d->ordered && key_busy(s, d->key);
        for (int i = 0; !wait && d->ordered && i < nblocked; i++)
            wait = strcmp(blocked[i], d->key) == 0;
        if (wait) {
            if (nblocked < (int)(sizeof(blocked) / sizeof(blocked[0])))
                blocked[nblocked++] = d->key;
            p = &d->next;
            continue;
        }
        *p = d->next;
        s->queued--;
        start_transfer(sim, d);
    }
}

/* Retry delay after a failed attempt: initial * 2^(attempts-1). */
static int64_t backoff_us(struct sim *sim, int attempts)
{
    int shift = attempts - 1 < 20 ? attempts - 1 : 20;
    return (int64_t)sim->retry_initial_ms * 1000 * ((int64_t)1 << shift);
}

/* A transfer ended: count it, retry it or let it go. Lock held. */
static void finish_transfer(struct sim *sim, struct transfer *t, CURLcode rc)
{
    struct sim_sender *s = sim->sender;
    struct delivery *d = t->d;
    long status = 0;
    curl_off_t total_us = 0;

    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME_T, &total_us);
    curl_multi_remove_handle(s->multi, t->easy);
    curl_easy_cleanup(t->easy);
    curl_slist_free_all(t->headers);
    *t = s->active[--s->nactive];

    if (rc == CURLE_OK && status == 200) {
        sim->counters.webhooks_acked++;
        if (sim->load.running)
            sim_sample_add(&sim->load.ack, (int64_t)total_us);
        delivery_free(d);
        return;
    }
    sim->counters.webhook_attempts_failed++;
    if (d->attempts >= sim->retry_max_attempts) {
        sim->counters.webhooks_given_up++;
        log_warn("sim_webhook_given_up", "attempts=%d status=%ld", d->attempts,
                 status);
        delivery_free(d);
        return;
    }
    log_debug("sim_webhook_retry", "attempt=%d status=%ld curl=%d", d->attempts,
              status, (int)rc);
    d->due_us = clock_mono_us() + backoff_us(sim, d->attempts);
    enqueue(s, d);
}

/* Collect finished transfers. Lock held. */
static void reap(struct sim *sim)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(sim->sender->multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        /* slots move as transfers end, so find it by its handle */
        for (int i = 0; i < sim->sender->nactive; i++) {
            if (sim->sender->active[i].easy == m->easy_handle) {
                finish_transfer(sim, &sim->sender->active[i], m->data.result);
                break;
            }
        }
    }
}

/*
 * The sender loop: start due deliveries, drive transfers, collect the
 * finished ones, tick template approvals, then sleep in curl until a
 * socket is ready, a wakeup comes or TICK_MS passes.
 */
static void *sender_main(void *arg)
{
    struct sim *sim = arg;
    struct sim_sender *s = sim->sender;
    int running = 0;

    for (;;) {
        pthread_mutex_lock(&sim->lock);
        bool stop = s->stop;
        if (!stop)
            start_due(sim, clock_mono_us());
        pthread_mutex_unlock(&sim->lock);
        if (stop)
            break;
        curl_multi_perform(s->multi, &running);
        pthread_mutex_lock(&sim->lock);
        reap(sim);
        pthread_mutex_unlock(&sim->lock);
        sim_templates_tick(sim);
        curl_multi_poll(s->multi, NULL, 0, TICK_MS, NULL);
    }
    return NULL;
}

/* Create the multi handle and start the sender thread. */
int sim_sender_start(struct sim *sim)
{
    struct sim_sender *s = xcalloc(1, sizeof(*s));

    s->multi = curl_multi_init();
    sim->sender = s;
    if (pthread_create(&s->thread, NULL, sender_main, sim) != 0) {
        curl_multi_cleanup(s->multi);
        free(s);
        sim->sender = NULL;
        return -1;
    }
    return 0;
}

/* Free queued and in-flight deliveries. Lock held or thread stopped. */
static void drop_all(struct sim_sender *s)
{
    while (s->queue) {
        struct delivery *d = s->queue;
        s->queue = d->next;
        delivery_free(d);
    }
    s->queued = 0;
}

/* Stop and join the sender, then free transfers and the queue. */
void sim_sender_stop(struct sim *sim)
{
    struct sim_sender *s = sim->sender;

    if (!s)
        return;
    pthread_mutex_lock(&sim->lock);
    s->stop = true;
    pthread_mutex_unlock(&sim->lock);
    curl_multi_wakeup(s->multi);
    pthread_join(s->thread, NULL);
    for (int i = 0; i < s->nactive; i++) {
        curl_multi_remove_handle(s->multi, s->active[i].easy);
        curl_easy_cleanup(s->active[i].easy);
        curl_slist_free_all(s->active[i].headers);
        delivery_free(s->active[i].d);
    }
    drop_all(s);
    curl_multi_cleanup(s->multi);
    free(s);
    sim->sender = NULL;
}

/* Drop queued deliveries (lock held); transfers in flight finish. */
void sim_webhook_clear(struct sim *sim)
{
    if (sim->sender)
        drop_all(sim->sender);
}

/* Deliveries queued or in flight (lock held). */
size_t sim_webhook_pending(struct sim *sim)
{
    return sim->sender ? sim->sender->queued + (size_t)sim->sender->nactive : 0;
}

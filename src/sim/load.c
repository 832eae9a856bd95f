/*
 * Load mode: N virtual customers each send R messages per second for T
 * seconds through signed webhooks, and the simulator measures webhook ack
 * latency (until Parley answers 200) and customer-seen reply latency (from
 * a customer's message to the business's next message to that customer).
 * Bounded in size and time, and only toward a loopback callback.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "sim/sim_internal.h"

#define TICK_US  10000
#define DRAIN_US (5 * 1000000LL)

static bool stop_requested;

/* True when the callback URL names this machine's loopback. */
static bool loopback_callback(const char *url)
{
    static const char *const hosts[] = {
        "http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:",
        "http://localhost/", "http://[::1]:",     "http://[::1]/"};

    for (size_t i = 0; url && i < sizeof(hosts) / sizeof(hosts[0]); i++)
        if (strncmp(url, hosts[i], strlen(hosts[i])) == 0)
            return true;
    return false;
}

/* The wa_id of load customer i: 1999 and seven digits. */
static void load_wa_id(int i, char out[16])
{
    snprintf(out, 16, "1999%07d", i);
}

/* Send what is due this tick; owed[i] accumulates fractional messages. */
static void load_tick(struct sim *sim, int n, int rate, double *owed,
                      double dt_s)
{
    static const char msg_text[] =
        "{\"type\":\"text\",\"text\":{\"body\":\"load test message\"}}";
    json_t *msg = json_loads(msg_text, 0, NULL);
    const char *why;
    char wa_id[16];

    for (int i = 0; i < n && !stop_requested; i++) {
        owed[i] += rate * dt_s;
        for (; owed[i] >= 1.0; owed[i] -= 1.0) {
            load_wa_id(i, wa_id);
            char *wamid = sim_customer_send(sim, NULL, wa_id, msg, &why);
            free(wamid);
            pthread_mutex_lock(&sim->lock);
            sim->load.messages_sent++;
            pthread_mutex_unlock(&sim->lock);
        }
    }
    json_decref(msg);
}

/*
 * The load thread: send for the run's seconds, then wait (up to a few
 * seconds) for the webhooks to drain before marking the run done.
 */
static void *load_main(void *arg)
{
    struct sim *sim = arg;
    int n = sim->load.customers, rate = sim->load.rate;
    int64_t start = clock_mono_us(), last = start;
    int64_t end = start + sim->load.seconds * 1000000LL;
    double *owed = xcalloc((size_t)n, sizeof(double));

    /* stagger customers so they do not all send on the same tick */
    for (int i = 0; i < n; i++)
        owed[i] = (double)i / n;
    while (!stop_requested && clock_mono_us() < end) {
        usleep(TICK_US);
        int64_t now = clock_mono_us();
        load_tick(sim, n, rate, owed, (double)(now - last) / 1e6);
        last = now;
    }
    /* let the last webhooks and replies arrive */
    int64_t drain_end = clock_mono_us() + DRAIN_US;
    while (!stop_requested && clock_mono_us() < drain_end) {
        pthread_mutex_lock(&sim->lock);
        size_t pending = sim_webhook_pending(sim);
        pthread_mutex_unlock(&sim->lock);
        if (pending == 0)
            break;
        usleep(TICK_US);
    }
    usleep(200000); /* replies to the last messages */
    pthread_mutex_lock(&sim->lock);
    sim->load.running = false;
    pthread_mutex_unlock(&sim->lock);
    free(owed);
    log_info("sim_load_done", "customers=%d rate=%d", n, rate);
    return NULL;
}

/* Check the bounds and the loopback rule, then start the load thread.
 * A finished run's thread is joined first. */
int sim_load_start(struct sim *sim, int n, int rate, int seconds,
                   const char **why)
{
    int rc = -1;

    pthread_mutex_lock(&sim->lock);
    if (n < 1 || n > 1000 || rate < 1 || seconds < 1 || seconds > 300 ||
        (long)n * rate > 2000) {
        *why = "load must be 1-1000 customers, 1-300 s, at most 2000 msg/s";
        goto out;
    }
    if (!loopback_callback(sim->callback_url)) {
        *why = "load runs need a loopback callback URL";
        goto out;
    }
    if (sim->load.running) {
        *why = "a load run is already going";
        goto out;
    }
    if (sim->load.thread_joinable) {
        pthread_mutex_unlock(&sim->lock);
        pthread_join(sim->load.thread, NULL);
        pthread_mutex_lock(&sim->lock);
        sim->load.thread_joinable = false;
    }
    free(sim->load.ack.v);
    free(sim->load.reply.v);
    memset(&sim->load, 0, sizeof(sim->load));
    sim->load.customers = n;
    sim->load.rate = rate;
    sim->load.seconds = seconds;
    sim->load.running = true;
    stop_requested = false;
    if (pthread_create(&sim->load.thread, NULL, load_main, sim) != 0) {
        sim->load.running = false;
        *why = "cannot start the load thread";
        goto out;
    }
    sim->load.thread_joinable = true;
    rc = 0;
out:
    pthread_mutex_unlock(&sim->lock);
    return rc;
}

/* The customer was waiting for a reply: sample how long. Lock held. */
void sim_load_on_reply(struct sim *sim, struct sim_customer *c)
{
    if (!sim->load.running || !c->load_waiting_us)
        return;
    sim_sample_add(&sim->load.reply, clock_mono_us() - c->load_waiting_us);
    sim->load.replies_seen++;
    c->load_waiting_us = 0;
}

/* Ask the load thread to stop and join it; used by sim_stop. */
void sim_load_stop(struct sim *sim)
{
    pthread_mutex_lock(&sim->lock);
    bool joinable = sim->load.thread_joinable;
    sim->load.thread_joinable = false;
    stop_requested = true;
    pthread_mutex_unlock(&sim->lock);
    if (joinable)
        pthread_join(sim->load.thread, NULL);
}

/* qsort order of int64 samples. */
static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* p50, p99 and max of samples (sorted copy). */
static void percentiles(const struct sim_samples *s, int64_t *p50, int64_t *p99,
                        int64_t *max)
{
    *p50 = *p99 = *max = 0;
    if (!s->n)
        return;
    int64_t *v = xmalloc(s->n * sizeof(*v));
    memcpy(v, s->v, s->n * sizeof(*v));
    qsort(v, s->n, sizeof(*v), cmp_i64);
    *p50 = v[(s->n - 1) / 2];
    *p99 = v[(s->n - 1) * 99 / 100];
    *max = v[s->n - 1];
    free(v);
}

/* Copy out the run's counters and percentiles under the lock. */
void sim_load_report(struct sim *sim, struct sim_load_report *r)
{
    memset(r, 0, sizeof(*r));
    pthread_mutex_lock(&sim->lock);
    r->customers = sim->load.customers;
    r->rate = sim->load.rate;
    r->seconds = sim->load.seconds;
    r->running = sim->load.running;
    r->messages_sent = sim->load.messages_sent;
    r->webhooks_acked = sim->load.ack.n;
    r->replies_seen = sim->load.replies_seen;
    percentiles(&sim->load.ack, &r->ack_p50_us, &r->ack_p99_us, &r->ack_max_us);
    percentiles(&sim->load.reply, &r->reply_p50_us, &r->reply_p99_us,
                &r->reply_max_us);
    pthread_mutex_unlock(&sim->lock);
}

/* The report as the CLI prints it and /sim/load answers. */
char *sim_load_report_json(const struct sim_load_report *r)
{
    json_t *j = json_pack(
        "{s:b,s:i,s:i,s:i,s:I,s:I,s:I,s:{s:f,s:f,s:f},s:{s:f,s:f,s:f}}",
        "running", r->running, "customers", r->customers, "rate", r->rate,
        "seconds", r->seconds, "messages_sent", (json_int_t)r->messages_sent,
        "webhooks_acked", (json_int_t)r->webhooks_acked, "replies_seen",
        (json_int_t)r->replies_seen, "ack_latency_ms", "p50",
        r->ack_p50_us / 1000.0, "p99", r->ack_p99_us / 1000.0, "max",
        r->ack_max_us / 1000.0, "reply_latency_ms", "p50",
        r->reply_p50_us / 1000.0, "p99", r->reply_p99_us / 1000.0, "max",
        r->reply_max_us / 1000.0);
    char *text = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(j);
    return text;
}

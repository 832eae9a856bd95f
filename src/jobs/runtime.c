/*
 * The job runtime: worker threads that claim due jobs with a lease, run
 * their handlers and record the outcome, retrying with backoff. Idle
 * workers sleep until the next job is due, an enqueue wakes them, or the
 * poll interval passes (another node may have added work).
 */
#include "jobs/jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "jobs/internal.h"

#define MAX_WORKERS    64
#define MAX_KINDS      64
#define DAY_MS         (24 * 3600 * 1000LL)
#define BACKOFF_CAP_MS (3600 * 1000LL)
#define PURGE_KIND     "jobs.purge"

struct handler {
    char *kind;
    job_handler_cb fn;
    void *arg;
    _Atomic int64_t every_ms; /* > 0: recurring with this interval */
};

struct jobs {
    struct store *store;
    char *node;
    int nworkers;
    int64_t lease_ms;
    int64_t poll_ms;
    int64_t purge_done_ms, purge_events_ms, purge_every_ms;

    struct handler handlers[MAX_KINDS];
    int nhandlers;
    char *claim_sql; /* both limited to the registered kinds */
    char *due_sql;

    pthread_mutex_t lock; /* guards the fields below */
    pthread_cond_t wake;  /* signalled on wake_seq change and stop */
    uint64_t wake_seq;
    bool started, stopping, stuck;
    pthread_t threads[MAX_WORKERS];
    bool joined[MAX_WORKERS];
    struct jobs *next; /* in the registry of started runtimes */

    _Atomic uint64_t runs, done, retries, failures, lost_leases;
};

/* Started runtimes, so an enqueue committed on a store can wake them. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct jobs *registry;

/* A claimed job and the strings it owns. */
struct claim {
    struct job job;
    char *kind;
    char *payload;
};

/*
 * Build the claim and next-due queries for the kinds registered so far, so
 * that a node never takes a job it has no handler for: in a rolling
 * upgrade an older node leaves a newer kind to the nodes that know it.
 * Kinds are checked by jobs_kind_is_valid(), so they are safe as literals.
 * The claim takes the oldest due job (ready and run_at passed, or running
 * with an expired lease) in one statement; PostgreSQL skips rows another
 * node is claiming at this instant instead of waiting for them.
 */
static void build_sql(struct jobs *j)
{
    bool pg = store_dialect(j->store) == STORE_POSTGRES;
    struct buf in = BUF_INIT;

    buf_puts(&in, "('");
    for (int i = 0; i < j->nhandlers; i++)
        buf_printf(&in, "%s%s", i ? "', '" : "", j->handlers[i].kind);
    buf_puts(&in, "')");

    free(j->claim_sql);
    j->claim_sql = xasprintf(
        "UPDATE jobs SET state = 'running', lease_until = $2, "
        "locked_by = $3, attempts = attempts + 1 WHERE id = ("
        "SELECT id FROM jobs WHERE ((state = 'ready' AND run_at <= $1) "
        "OR (state = 'running' AND lease_until < $1)) AND kind IN %s "
        "ORDER BY run_at, id LIMIT 1%s) "
        "RETURNING id, account_id, kind, payload, attempts, max_attempts",
        in.data, pg ? " FOR UPDATE SKIP LOCKED" : "");
    free(j->due_sql);
    j->due_sql = xasprintf(
        "SELECT (SELECT MIN(run_at) FROM jobs WHERE state = 'ready' AND "
        "kind IN %s), (SELECT MIN(lease_until) FROM jobs WHERE state = "
        "'running' AND kind IN %s)",
        in.data, in.data);
    buf_free(&in);
}

/* Defaults here; the header lists them. The condition variable runs on
 * the monotonic clock, which is what wait_for_work() measures against. */
struct jobs *jobs_new(struct store *s, const char *node_name, int workers)
{
    struct jobs *j = xcalloc(1, sizeof(*j));
    pthread_condattr_t attr;

    j->store = s;
    j->node = xstrdup(node_name && node_name[0] ? node_name : "node");
    j->nworkers = workers < 1             ? 1
                  : workers > MAX_WORKERS ? MAX_WORKERS
                                          : workers;
    j->lease_ms = 5 * 60 * 1000;
    j->poll_ms = 2000;
    j->purge_done_ms = 7 * DAY_MS;
    j->purge_events_ms = 3 * DAY_MS;
    j->purge_every_ms = 3600 * 1000;

    /* Sleep on the monotonic clock so wall-clock jumps do not stall us. */
    pthread_mutex_init(&j->lock, NULL);
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&j->wake, &attr);
    pthread_condattr_destroy(&attr);
    build_sql(j);
    return j;
}

void jobs_set_lease_ms(struct jobs *j, int64_t lease_ms)
{
    if (lease_ms > 0)
        j->lease_ms = lease_ms;
}

void jobs_set_poll_ms(struct jobs *j, int64_t poll_ms)
{
    if (poll_ms > 0)
        j->poll_ms = poll_ms;
}

void jobs_set_purge(struct jobs *j, int64_t done_retention_ms,
                    int64_t events_retention_ms, int64_t interval_ms)
{
    j->purge_done_ms = done_retention_ms > 0 ? done_retention_ms : 0;
    j->purge_events_ms = events_retention_ms > 0 ? events_retention_ms : 0;
    if (interval_ms > 0)
        j->purge_every_ms = interval_ms;
}

/* The registration for kind, or NULL. Reads the table without the lock:
 * it only grows before jobs_start() and is fixed afterwards. */
static struct handler *find_handler(struct jobs *j, const char *kind)
{
    for (int i = 0; i < j->nhandlers; i++)
        if (strcmp(j->handlers[i].kind, kind) == 0)
            return &j->handlers[i];
    return NULL;
}

/* Registration closes at start so that workers can read the handler
 * table without locking it. */
int jobs_register(struct jobs *j, const char *kind, job_handler_cb fn,
                  void *arg)
{
    struct handler *h;
    int rc = -1;

    pthread_mutex_lock(&j->lock);
    if (j->started || !jobs_kind_is_valid(kind) || !fn ||
        j->nhandlers == MAX_KINDS || find_handler(j, kind))
        goto out;
    h = &j->handlers[j->nhandlers++];
    h->kind = xstrdup(kind);
    h->fn = fn;
    h->arg = arg;
    build_sql(j);
    rc = 0;
out:
    pthread_mutex_unlock(&j->lock);
    return rc;
}

void jobs_set_error(struct job *job, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(job->error, sizeof(job->error), fmt, ap);
    va_end(ap);
}

/* --- enqueueing recurring work ---------------------------------------- */

struct every_tx {
    const char *kind;
    int64_t run_at;
};

/* Enqueue the next run of a recurring kind under its unique key, so that
 * every node asking for it at once still yields one pending job. */
static enum store_rc enqueue_every_tx(struct db *db, void *arg)
{
    struct every_tx *e = arg;
    char key[160];
    struct job_spec spec = {0};

    snprintf(key, sizeof(key), "every:%s", e->kind);
    spec.kind = e->kind;
    spec.run_at = e->run_at;
    spec.unique_key = key;
    return jobs_enqueue(db, &spec, NULL);
}

/* The interval is remembered on the handler so that finish_tx() can
 * schedule the following run in the transaction that ends this one. */
enum store_rc jobs_every(struct jobs *j, const char *kind, int64_t interval_ms)
{
    struct every_tx e = {kind, 0};
    struct handler *h = kind ? find_handler(j, kind) : NULL;
    struct db *db;
    enum store_rc rc;

    if (!h || interval_ms <= 0)
        return STORE_CONSTRAINT;
    h->every_ms = interval_ms;
    db = store_acquire(j->store);
    rc = store_tx(db, enqueue_every_tx, &e);
    store_release(db);
    return rc;
}

/* --- claiming and finishing ------------------------------------------- */

struct claim_tx {
    struct jobs *j;
    struct claim *c;
    bool found;
};

/* store_tx body: claim one due job into t->c (copying its strings, which
 * the statement only lends) and set t->found. Safe to rerun. */
static enum store_rc claim_tx(struct db *db, void *arg)
{
    struct claim_tx *t = arg;
    struct claim *c = t->c;
    int64_t now = clock_now_ms();
    struct db_stmt *st;
    enum store_rc rc;

    t->found = false;
    rc = db_prepare(db, t->j->claim_sql, &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, now);
    db_bind_int64(st, 2, now + t->j->lease_ms);
    db_bind_text(st, 3, t->j->node, -1);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        free(c->kind);
        free(c->payload);
        c->job.id = db_col_int64(st, 0);
        c->job.account_id = db_col_int64(st, 1);
        c->kind = xstrdup(db_col_text(st, 2) ? db_col_text(st, 2) : "");
        c->payload = xstrdup(db_col_text(st, 3) ? db_col_text(st, 3) : "{}");
        c->job.attempt = (int)db_col_int64(st, 4);
        c->job.max_attempts = (int)db_col_int64(st, 5);
        t->found = true;
        rc = db_step(st); /* finish the statement so the write completes */
    }
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* The claim is ours while the row is running at the attempt we took:
 * every claim increments attempts, so no one else can hold that pair. */
enum store_rc jobs_extend_lease(struct db *db, const struct job *job,
                                int64_t lease_ms)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (lease_ms <= 0)
        return STORE_CONSTRAINT;
    rc = db_prepare(db,
                    "UPDATE jobs SET lease_until = $3 WHERE id = $1 AND "
                    "attempts = $2 AND state = 'running'",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, job->id);
    db_bind_int64(st, 2, job->attempt);
    db_bind_int64(st, 3, clock_now_ms() + lease_ms);
    rc = db_step(st);
    if (rc == STORE_DONE)
        rc = db_changes(st) > 0 ? STORE_OK : STORE_NOT_FOUND;
    db_done(st);
    return rc;
}

/* Backoff before attempt+1: 2^attempt seconds capped at an hour, drawn
 * from its upper half so that jobs failing together spread out. */
static int64_t backoff_ms(int attempt)
{
    int64_t delay = BACKOFF_CAP_MS;
    uint32_t r;

    if (attempt < 12)
        delay = (1000LL << attempt) < BACKOFF_CAP_MS ? (1000LL << attempt)
                                                     : BACKOFF_CAP_MS;
    crypto_random(&r, sizeof(r));
    return delay / 2 + (int64_t)(r % (uint32_t)(delay / 2 + 1));
}

struct finish_tx {
    struct jobs *j;
    struct claim *c;
    enum job_result result;
    int64_t retry_at;
    bool applied; /* false if the lease was no longer ours */
};

/* The outcome's UPDATE. $1 id, $2 node, $3 attempt (the lease check),
 * $4 run_at or finished_at, $5 the error text. */
static const char *finish_sql(enum job_result result)
{
    switch (result) {
    case JOB_DONE:
        return "UPDATE jobs SET state = 'done', finished_at = $4, "
               "lease_until = NULL WHERE id = $1 AND state = 'running' "
               "AND locked_by = $2 AND attempts = $3";
    case JOB_RETRY:
        return "UPDATE jobs SET state = 'ready', run_at = $4, "
               "last_error = $5, lease_until = NULL, locked_by = NULL "
               "WHERE id = $1 AND state = 'running' AND locked_by = $2 "
               "AND attempts = $3";
    default:
        return "UPDATE jobs SET state = 'failed', finished_at = $4, "
               "last_error = $5, lease_until = NULL WHERE id = $1 AND "
               "state = 'running' AND locked_by = $2 AND attempts = $3";
    }
}

/* Record the outcome if the job is still ours (same node, same attempt),
 * and enqueue the next run of a recurring kind in the same transaction. */
static enum store_rc finish_tx(struct db *db, void *arg)
{
    struct finish_tx *t = arg;
    struct job *job = &t->c->job;
    struct handler *h;
    struct db_stmt *st;
    enum store_rc rc;

    t->applied = false;
    rc = db_prepare(db, finish_sql(t->result), &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, job->id);
    db_bind_text(st, 2, t->j->node, -1);
    db_bind_int64(st, 3, job->attempt);
    db_bind_int64(st, 4, t->result == JOB_RETRY ? t->retry_at : clock_now_ms());
    if (t->result != JOB_DONE)
        db_bind_text(st, 5, job->error[0] ? job->error : "unknown error", -1);
    rc = db_step(st);
    t->applied = rc == STORE_DONE && db_changes(st) > 0;
    db_done(st);
    if (rc != STORE_DONE)
        return rc;

    h = find_handler(t->j, t->c->kind);
    if (t->applied && t->result != JOB_RETRY && h && h->every_ms > 0) {
        struct every_tx e = {h->kind, clock_now_ms() + h->every_ms};
        return enqueue_every_tx(db, &e);
    }
    return STORE_OK;
}

/* Call the handler, turning an expired last attempt into a failure, and a
 * retry asked for on the last attempt into a failure too. */
static enum job_result run_handler(struct jobs *j, struct db *db,
                                   struct job *job)
{
    struct handler *h = find_handler(j, job->kind);
    enum job_result result;

    if (job->attempt > job->max_attempts) {
        jobs_set_error(job, "lease expired during the last attempt");
        return JOB_FAIL;
    }
    if (!h) {
        /* Believed impossible: claims are limited to registered kinds. */
        log_error("job_no_handler", "job=%lld kind=%s", (long long)job->id,
                  job->kind);
        jobs_set_error(job, "no handler registered for kind %s", job->kind);
        return JOB_FAIL;
    }
    j->runs++;
    result = h->fn(db, job, h->arg);
    if (result != JOB_DONE && result != JOB_RETRY)
        result = JOB_FAIL;
    if (result == JOB_RETRY && job->attempt >= job->max_attempts)
        result = JOB_FAIL;
    return result;
}

/* Count and log an outcome that was recorded. */
static void note_outcome(struct jobs *j, const struct job *job,
                         enum job_result result, int64_t retry_at)
{
    char err[160];

    if (result == JOB_DONE) {
        j->done++;
        log_debug("job_done", "job=%lld kind=%s attempt=%d", (long long)job->id,
                  job->kind, job->attempt);
        return;
    }
    log_quote(job->error, err, sizeof(err));
    if (result == JOB_RETRY) {
        j->retries++;
        log_info("job_retry", "job=%lld kind=%s attempt=%d in_ms=%lld err=%s",
                 (long long)job->id, job->kind, job->attempt,
                 (long long)(retry_at - clock_now_ms()), err);
        return;
    }
    j->failures++;
    log_warn("job_failed", "job=%lld kind=%s attempt=%d err=%s",
             (long long)job->id, job->kind, job->attempt, err);
}

/* Record a handler's result in its own transaction: when to retry, or
 * that the job is done or failed. A lost lease is counted and logged, not
 * an error: the worker that holds the job now will record its own. */
static enum store_rc finish(struct jobs *j, struct db *db, struct claim *c,
                            enum job_result result)
{
    struct finish_tx t = {j, c, result, 0, false};
    enum store_rc rc;

    if (result == JOB_RETRY)
        t.retry_at = clock_now_ms() + (c->job.retry_in_ms > 0
                                           ? c->job.retry_in_ms
                                           : backoff_ms(c->job.attempt));
    rc = store_tx(db, finish_tx, &t);
    if (rc != STORE_OK)
        return rc;
    if (!t.applied) {
        j->lost_leases++;
        log_warn("job_lease_lost", "job=%lld kind=%s attempt=%d node=%s",
                 (long long)c->job.id, c->kind, c->job.attempt, j->node);
        return STORE_OK;
    }
    note_outcome(j, &c->job, result, t.retry_at);
    return STORE_OK;
}

/* Claim and run with one pooled connection, which the handler borrows
 * outside any transaction. A storage error while claiming is returned
 * with *ran false. */
enum store_rc jobs_run_one(struct jobs *j, bool *ran)
{
    struct claim c = {0};
    struct claim_tx t = {j, &c, false};
    struct db *db = store_acquire(j->store);
    enum store_rc rc;

    *ran = false;
    rc = store_tx(db, claim_tx, &t);
    if (rc != STORE_OK || !t.found)
        goto out;
    *ran = true;
    c.job.kind = c.kind;
    c.job.payload = c.payload;
    rc = finish(j, db, &c, run_handler(j, db, &c.job));
out:
    store_release(db);
    free(c.kind);
    free(c.payload);
    return rc;
}

/* --- workers ---------------------------------------------------------- */

/* When the next job falls due: the earliest run_at of a ready job or
 * lease end of a running one. Returns now + poll_ms if there is none
 * sooner, or on a storage error. */
static int64_t next_due(struct jobs *j)
{
    int64_t now = clock_now_ms(), due = now + j->poll_ms;
    struct db *db = store_acquire(j->store);
    struct db_stmt *st;

    if (db_prepare(db, j->due_sql, &st) != STORE_OK)
        goto out;
    if (db_step(st) == STORE_ROW) {
        for (int col = 0; col < 2; col++)
            if (!db_col_is_null(st, col) && db_col_int64(st, col) < due)
                due = db_col_int64(st, col) + (col == 1);
    }
    db_done(st);
out:
    store_release(db);
    return due;
}

/* Sleep until due (UTC ms), a wake, or stop. A short floor keeps a job
 * that another worker is taking from turning this into a busy loop. */
static void wait_for_work(struct jobs *j, uint64_t seen_seq, int64_t due)
{
    int64_t wait_ms = due - clock_now_ms();
    int64_t at_us;
    struct timespec ts;

    if (wait_ms < 20)
        wait_ms = 20;
    at_us = clock_mono_us() + wait_ms * 1000;
    ts.tv_sec = at_us / 1000000;
    ts.tv_nsec = (at_us % 1000000) * 1000;

    pthread_mutex_lock(&j->lock);
    while (!j->stopping && j->wake_seq == seen_seq) {
        if (pthread_cond_timedwait(&j->wake, &j->lock, &ts) == ETIMEDOUT)
            break;
    }
    pthread_mutex_unlock(&j->lock);
}

/* A worker: run due jobs back to back, and sleep when there are none.
 * The wake counter is read before looking for work so that an enqueue
 * committed in between is not slept through. */
static void *worker_main(void *arg)
{
    struct jobs *j = arg;

    for (;;) {
        uint64_t seq;
        bool stopping, ran = false;
        enum store_rc rc;

        pthread_mutex_lock(&j->lock);
        seq = j->wake_seq;
        stopping = j->stopping;
        pthread_mutex_unlock(&j->lock);
        if (stopping)
            break;

        rc = jobs_run_one(j, &ran);
        if (ran && rc == STORE_OK)
            continue;
        wait_for_work(
            j, seq, rc == STORE_OK ? next_due(j) : clock_now_ms() + j->poll_ms);
    }
    return NULL;
}

/* Bump the counter idle workers compare against and wake them all. */
void jobs_wake(struct jobs *j)
{
    pthread_mutex_lock(&j->lock);
    j->wake_seq++;
    pthread_cond_broadcast(&j->wake);
    pthread_mutex_unlock(&j->lock);
}

/* Called after an enqueue commits (and for PostgreSQL notifications),
 * from any thread; the registry lock keeps runtimes from going away while
 * being woken. */
void jobs_wake_store(struct store *s)
{
    pthread_mutex_lock(&registry_lock);
    for (struct jobs *j = registry; j; j = j->next)
        if (j->store == s)
            jobs_wake(j);
    pthread_mutex_unlock(&registry_lock);
}

/* Another node enqueued: wake our workers on that store. */
static void on_notify(const char *channel, const char *payload, void *arg)
{
    jobs_wake_store(arg);
}

/* Take j off the registry so enqueues no longer wake it. */
static void registry_remove(struct jobs *j)
{
    pthread_mutex_lock(&registry_lock);
    for (struct jobs **p = &registry; *p; p = &(*p)->next) {
        if (*p == j) {
            *p = j->next;
            break;
        }
    }
    j->next = NULL;
    pthread_mutex_unlock(&registry_lock);
}

/* --- the built-in purge ----------------------------------------------- */

/* The built-in purge: delete done jobs and events past their retention.
 * A storage error makes it retry with backoff rather than fail. */
static enum job_result purge_job(struct db *db, struct job *job, void *arg)
{
    struct jobs *j = arg;
    int64_t now = clock_now_ms(), jobs_n = 0, events_n = 0;
    enum store_rc rc;

    rc = jobs_purge(db, j->purge_done_ms ? now - j->purge_done_ms : 0,
                    j->purge_events_ms ? now - j->purge_events_ms : 0, &jobs_n,
                    &events_n);
    if (jobs_n || events_n)
        log_info("jobs_purged", "jobs=%lld events=%lld", (long long)jobs_n,
                 (long long)events_n);
    if (rc != STORE_OK) {
        jobs_set_error(job, "purge stopped on a storage error (%d)", rc);
        return JOB_RETRY;
    }
    return JOB_DONE;
}

/* Register the purge (unless the caller registered that kind or turned
 * both retentions off) and make sure it is scheduled. */
static void start_purge(struct jobs *j)
{
    if (!j->purge_done_ms && !j->purge_events_ms)
        return;
    if (!find_handler(j, PURGE_KIND))
        jobs_register(j, PURGE_KIND, purge_job, j);
    if (jobs_every(j, PURGE_KIND, j->purge_every_ms) != STORE_OK)
        log_warn("jobs_purge_not_scheduled", "node=%s", j->node);
}

/* --- start and stop --------------------------------------------------- */

/* Schedules the purge before the workers exist so its registration
 * still falls before start. Joins the registry and, on PostgreSQL, listens
 * for enqueues from other nodes (one listener per runtime). */
int jobs_start(struct jobs *j)
{
    bool already;
    int started = 0;

    pthread_mutex_lock(&j->lock);
    already = j->started;
    pthread_mutex_unlock(&j->lock);
    if (already)
        return -1;
    start_purge(j);

    pthread_mutex_lock(&j->lock);
    j->started = true;
    for (int i = 0; i < j->nworkers; i++) {
        if (pthread_create(&j->threads[i], NULL, worker_main, j) != 0)
            break;
        started++;
    }
    for (int i = started; i < MAX_WORKERS; i++)
        j->joined[i] = true;
    pthread_mutex_unlock(&j->lock);

    pthread_mutex_lock(&registry_lock);
    j->next = registry;
    registry = j;
    pthread_mutex_unlock(&registry_lock);
    if (store_listen(j->store, JOBS_CHANNEL, on_notify, j->store) != STORE_OK)
        log_warn("jobs_listen_failed", "node=%s", j->node);
    log_info("jobs_started", "node=%s workers=%d", j->node, started);
    return started > 0 ? 0 : -1;
}

/* Workers finish the handler they are in and exit at their next loop;
 * the join is bounded by timeout_ms, measured once for all of them. */
int jobs_stop(struct jobs *j, int64_t timeout_ms)
{
    struct timespec ts;
    int rc = 0;

    pthread_mutex_lock(&j->lock);
    if (!j->started) {
        pthread_mutex_unlock(&j->lock);
        return 0;
    }
    j->stopping = true;
    pthread_cond_broadcast(&j->wake);
    pthread_mutex_unlock(&j->lock);
    registry_remove(j);

    /* pthread_timedjoin_np measures its deadline on CLOCK_REALTIME. */
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += (timeout_ms % 1000) * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    for (int i = 0; i < j->nworkers; i++) {
        if (j->joined[i])
            continue;
        if (pthread_timedjoin_np(j->threads[i], NULL, &ts) == 0)
            j->joined[i] = true;
        else
            rc = -1;
    }
    j->stuck = rc != 0;
    if (j->stuck)
        log_warn("jobs_stop_timeout", "node=%s timeout_ms=%lld", j->node,
                 (long long)timeout_ms);
    return rc;
}

void jobs_free(struct jobs *j)
{
    if (!j)
        return;
    if (jobs_stop(j, 30000) != 0 || j->stuck)
        return; /* a worker still uses j: leave it rather than free it */
    for (int i = 0; i < j->nhandlers; i++)
        free(j->handlers[i].kind);
    pthread_cond_destroy(&j->wake);
    pthread_mutex_destroy(&j->lock);
    free(j->claim_sql);
    free(j->due_sql);
    free(j->node);
    free(j);
}

/* Counters are atomics; each is read on its own, not as a snapshot. */
void jobs_get_stats(struct jobs *j, struct jobs_stats *out)
{
    out->runs = j->runs;
    out->done = j->done;
    out->retries = j->retries;
    out->failures = j->failures;
    out->lost_leases = j->lost_leases;
}

/* --- metrics ---------------------------------------------------------- */

/* Counts by state, every state listed even when zero. */
static enum store_rc write_state_counts(struct db *db, struct buf *out)
{
    static const char *states[] = {"ready", "running", "done", "failed"};
    int64_t counts[4] = {0};
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db, "SELECT state, COUNT(*) FROM jobs GROUP BY state", &st);
    if (rc != STORE_OK)
        return rc;
    while ((rc = db_step(st)) == STORE_ROW) {
        const char *s = db_col_text(st, 0);
        for (int i = 0; i < 4; i++)
            if (s && strcmp(s, states[i]) == 0)
                counts[i] = db_col_int64(st, 1);
    }
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    buf_puts(out, "# HELP parley_jobs Jobs in the queue by state.\n"
                  "# TYPE parley_jobs gauge\n");
    for (int i = 0; i < 4; i++)
        buf_printf(out, "parley_jobs{state=\"%s\"} %lld\n", states[i],
                   (long long)counts[i]);
    return STORE_OK;
}

/* How long the oldest due job has waited; 0 when none is waiting. */
static enum store_rc write_oldest_age(struct db *db, struct buf *out)
{
    int64_t now = clock_now_ms(), age = 0;
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db,
                    "SELECT MIN(run_at) FROM jobs WHERE state = 'ready' "
                    "AND run_at <= $1",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, now);
    rc = db_step(st);
    if (rc == STORE_ROW && !db_col_is_null(st, 0))
        age = now - db_col_int64(st, 0);
    db_done(st);
    if (rc != STORE_ROW)
        return rc;
    buf_printf(out,
               "# HELP parley_jobs_oldest_ready_age_seconds How long the "
               "oldest due job has waited.\n"
               "# TYPE parley_jobs_oldest_ready_age_seconds gauge\n"
               "parley_jobs_oldest_ready_age_seconds %.3f\n",
               age / 1000.0);
    return STORE_OK;
}

/* One Prometheus counter with its HELP and TYPE lines. */
/* Due jobs by kind: a kind that no node handles, or one that cannot keep
 * up, shows here. Kinds were validated at enqueue, so they are safe as
 * label values. */
static enum store_rc write_due_by_kind(struct db *db, struct buf *out)
{
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db,
                    "SELECT kind, COUNT(*) FROM jobs WHERE state = 'ready' "
                    "AND run_at <= $1 GROUP BY kind ORDER BY kind",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, clock_now_ms());
    buf_puts(out, "# HELP parley_jobs_due Jobs due to run now, by kind.\n"
                  "# TYPE parley_jobs_due gauge\n");
    while ((rc = db_step(st)) == STORE_ROW)
        buf_printf(out, "parley_jobs_due{kind=\"%s\"} %lld\n",
                   db_col_text(st, 0) ? db_col_text(st, 0) : "",
                   (long long)db_col_int64(st, 1));
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static void write_counter(struct buf *out, const char *name, const char *help,
                          uint64_t v)
{
    buf_printf(out, "# HELP parley_jobs_%s_total %s\n", name, help);
    buf_printf(out, "# TYPE parley_jobs_%s_total counter\n", name);
    buf_printf(out, "parley_jobs_%s_total %llu\n", name, (unsigned long long)v);
}

/* The table figures need a connection; the counters are written even if
 * reading the table failed, so /metrics still shows this node's work. */
enum store_rc jobs_write_metrics(struct jobs *j, struct buf *out)
{
    struct db *db = store_acquire(j->store);
    enum store_rc rc;

    rc = write_state_counts(db, out);
    if (rc == STORE_OK)
        rc = write_oldest_age(db, out);
    if (rc == STORE_OK)
        rc = write_due_by_kind(db, out);
    store_release(db);
    write_counter(out, "runs", "Handler runs on this node.", j->runs);
    write_counter(out, "done", "Runs that finished their job.", j->done);
    write_counter(out, "retries", "Runs that asked to run again.", j->retries);
    write_counter(out, "failures", "Jobs that failed for good.", j->failures);
    write_counter(out, "lost_leases",
                  "Outcomes refused because the lease was lost.",
                  j->lost_leases);
    return rc;
}

/*
 * The inbound processor: one thread per node, of which only the holder of
 * the "wa_inbound_processor" lease works. It applies pending log entries
 * in id order, each in its own transaction, and marks each done or failed
 * (with the reason); a node that dies stops renewing and another takes
 * over once the lease runs out.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"
#include "whatsapp/ingest_internal.h"

#define LEASE_MS        15000
#define IDLE_POLL_MS    1000
#define STANDBY_POLL_MS 3000
#define ENTRIES_PER_RUN 200
/* Entries applied in one transaction when all of them apply cleanly. */
#define GROUP_SIZE 20
/* Longest the processor waits for the committer before each group. */
#define YIELD_MS 20
/* Hard storage errors on one entry before it is marked failed. */
#define MAX_ATTEMPTS 5

/*
 * Take or renew the lease. Returns STORE_OK when this node holds it,
 * STORE_NOT_FOUND when another live node does, or a store error.
 */
static enum store_rc lease_take(struct db *db, const char *node)
{
    struct db_stmt *st;
    int64_t now = clock_now_ms();
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
        "expires_at = excluded.expires_at WHERE leases.holder = "
        "excluded.holder OR leases.expires_at < $4",
        &st);

    if (rc)
        return rc;
    db_bind_text(st, 1, INGEST_LEASE_NAME, -1);
    db_bind_text(st, 2, node, -1);
    db_bind_int64(st, 3, now + LEASE_MS);
    db_bind_int64(st, 4, now);
    return sql_run_changed(st);
}

/* Give the lease up at stop so another node need not wait it out. */
static void lease_release(struct db *db, const char *node)
{
    struct db_stmt *st;

    if (db_prepare(db, "DELETE FROM leases WHERE name = $1 AND holder = $2",
                   &st) != STORE_OK)
        return;
    db_bind_text(st, 1, INGEST_LEASE_NAME, -1);
    db_bind_text(st, 2, node, -1);
    sql_run(st);
}

/* One entry, as the processor works on it. */
struct entry {
    int64_t id;
    char *body;
    size_t len;
    int64_t received_at;
    int64_t attempts;
    int64_t account_id;
    char fatal[256];
};

/* Load a pending entry; STORE_NOT_FOUND when it is no longer pending. */
static enum store_rc entry_load(struct db *db, struct entry *e)
{
    struct db_stmt *st;
    const void *p;
    enum store_rc rc = db_prepare(db,
                                  "SELECT body, received_at, attempts FROM "
                                  "wa_inbound WHERE id = $1 AND "
                                  "state = 'pending'",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, e->id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        p = db_col_blob(st, 0, &e->len);
        e->body = xmalloc(e->len + 1);
        if (e->len)
            memcpy(e->body, p, e->len);
        e->body[e->len] = '\0';
        e->received_at = db_col_int64(st, 1);
        e->attempts = db_col_int64(st, 2);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Mark the entry done or failed (reason non-NULL). */
static enum store_rc entry_finish(struct db *db, const struct entry *e,
                                  const char *reason)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE wa_inbound SET state = $2, error = $3, account_id = $4, "
        "attempts = attempts + 1, processed_at = $5 WHERE id = $1",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, e->id);
    db_bind_text(st, 2, reason ? "failed" : "done", -1);
    db_bind_text(st, 3, reason, -1);
    if (e->account_id)
        db_bind_int64(st, 4, e->account_id);
    else
        db_bind_null(st, 4);
    db_bind_int64(st, 5, clock_now_ms());
    return sql_run(st);
}

/* The transaction of one entry: forget earlier item records, apply, mark
 * done. A fatal problem rolls everything back (STORE_CONSTRAINT). */
static enum store_rc entry_tx(struct db *db, void *arg)
{
    struct entry *e = arg;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM wa_inbound_items WHERE inbound_id = $1", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, e->id);
    if ((rc = sql_run(st)))
        return rc;
    rc = ingest_apply_entry(db, e->id, e->body, e->len, e->received_at,
                            &e->account_id, e->fatal, sizeof e->fatal);
    if (rc == STORE_OK && e->fatal[0])
        return STORE_CONSTRAINT;
    if (rc == STORE_OK)
        rc = entry_finish(db, e, NULL);
    return rc;
}

static enum store_rc mark_failed(struct db *db, struct entry *e,
                                 const char *reason)
{
    log_warn("inbound_entry_failed", "id=%lld reason=\"%s\"", (long long)e->id,
             reason);
    return entry_finish(db, e, reason);
}

/* Bump the attempt count after a hard storage error. */
static void count_attempt(struct db *db, int64_t id)
{
    struct db_stmt *st;

    if (db_prepare(db,
                   "UPDATE wa_inbound SET attempts = attempts + 1 "
                   "WHERE id = $1",
                   &st) != STORE_OK)
        return;
    db_bind_int64(st, 1, id);
    sql_run(st);
}

/*
 * Settle a loaded entry on its own: its transaction, or failed with the
 * reason. Returns STORE_OK when the entry is settled (done or failed), or
 * STORE_RETRY / STORE_ERROR when it stays pending and the caller should
 * back off before trying again.
 */
static enum store_rc process_entry(struct db *db, struct entry *e)
{
    enum store_rc rc = store_tx(db, entry_tx, e);

    if (rc == STORE_CONSTRAINT && e->fatal[0]) {
        rc = mark_failed(db, e, e->fatal);
    } else if (rc == STORE_ERROR || rc == STORE_CONSTRAINT) {
        if (e->attempts + 1 >= MAX_ATTEMPTS)
            rc = mark_failed(db, e,
                             "storage error while applying the entry; see "
                             "the server log");
        else
            count_attempt(db, e->id);
    }
    return rc == STORE_CONSTRAINT ? STORE_ERROR : rc;
}

/* A group of entries applied in one transaction. */
struct group {
    struct entry *v;
    size_t n;
};

/* Every entry of the group, in order; any problem rolls all back. */
static enum store_rc group_tx(struct db *db, void *arg)
{
    struct group *g = arg;
    enum store_rc rc = STORE_OK;

    for (size_t i = 0; i < g->n && rc == STORE_OK; i++)
        rc = entry_tx(db, &g->v[i]);
    return rc;
}

/*
 * Apply entries ids[0..n) in id order: first all in one transaction (one
 * commit for the lot, which is what keeps up with the webhook), and when
 * that fails, one by one so that a bad entry is settled alone. Returns how
 * many were settled, or -1 when it stopped at one that must be retried.
 */
static int process_group(struct db *db, const int64_t *ids, size_t n)
{
    struct entry *v = xcalloc(n, sizeof *v);
    struct group g = {v, 0};
    int done = -1;
    enum store_rc rc = STORE_OK;

    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        v[g.n].id = ids[i];
        rc = entry_load(db, &v[g.n]);
        if (rc == STORE_OK)
            g.n++;
        else if (rc == STORE_NOT_FOUND)
            rc = STORE_OK; /* settled meanwhile (a replay raced us) */
    }
    if (rc != STORE_OK)
        goto out;
    if (store_tx(db, group_tx, &g) == STORE_OK) {
        done = (int)g.n;
        goto out;
    }
    for (done = 0; done < (int)g.n; done++) {
        if (process_entry(db, &v[done]) != STORE_OK) {
            done = -1;
            break;
        }
    }
out:
    for (size_t i = 0; i < n; i++)
        free(v[i].body);
    free(v);
    return done;
}

/*
 * TODO: on PostgreSQL with several nodes, ids are drawn before commit, so
 * a body may commit after a higher id was already applied; per-contact
 * order can then invert (harmless for statuses, visible for messages).
 *
 * Apply up to ENTRIES_PER_RUN pending entries in id order, GROUP_SIZE to a
 * transaction. Returns how many were looked at, or -1 when the run
 * stopped on an error.
 */
static int process_pending(struct wa_ingest *in, struct db *db)
{
    int64_t ids[ENTRIES_PER_RUN];
    int n = 0, done = 0;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT id FROM wa_inbound WHERE "
                                  "state = 'pending' ORDER BY id LIMIT $1",
                                  &st);

    if (rc)
        return -1;
    db_bind_int64(st, 1, ENTRIES_PER_RUN);
    while (n < ENTRIES_PER_RUN && (rc = db_step(st)) == STORE_ROW)
        ids[n++] = db_col_int64(st, 0);
    db_done(st);
    if (rc != STORE_DONE && rc != STORE_ROW)
        return -1;
    for (int i = 0; i < n; i += GROUP_SIZE) {
        pthread_mutex_lock(&in->proc_lock);
        bool stop = in->proc_stopping;
        pthread_mutex_unlock(&in->proc_lock);
        if (stop)
            break;
        ingest_gate_enter(in, YIELD_MS);
        int k = process_group(
            db, ids + i, (size_t)(n - i < GROUP_SIZE ? n - i : GROUP_SIZE));
        ingest_gate_leave(in);
        if (k < 0)
            return -1; /* keep the order: retry from here later */
        done += k;
    }
    /* All of them settled (some perhaps by a racing replay): report the
     * full count so that a full page is followed at once by the next. */
    return done >= 0 ? n : -1;
}

/* Sleep up to ms, or until woken or stopped; false once stopping. */
static bool proc_wait(struct wa_ingest *in, int64_t ms)
{
    struct timespec until;
    bool go_on;

    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&in->proc_lock);
    while (!in->proc_wake && !in->proc_stopping) {
        if (pthread_cond_timedwait(&in->proc_cv, &in->proc_lock, &until) ==
            ETIMEDOUT)
            break;
    }
    in->proc_wake = false;
    go_on = !in->proc_stopping;
    pthread_mutex_unlock(&in->proc_lock);
    return go_on;
}

/* One turn of the loop: hold the lease, apply what is pending. Returns how
 * long to wait before the next turn (0: more is waiting). */
static int64_t proc_turn(struct wa_ingest *in)
{
    struct db *db = store_acquire(in->ch->store);
    enum store_rc rc = lease_take(db, in->ch->node_id);
    int64_t wait = IDLE_POLL_MS;
    int n = 0;

    if (rc == STORE_OK) {
        if (!in->lease_held)
            log_info("inbound_processor_active", "node=%s", in->ch->node_id);
        in->lease_held = true;
        n = process_pending(in, db);
        wait = n == ENTRIES_PER_RUN ? 0 : IDLE_POLL_MS;
    } else {
        if (in->lease_held)
            log_warn("inbound_processor_lease_lost", "node=%s rc=%d",
                     in->ch->node_id, (int)rc);
        in->lease_held = false;
        wait = STANDBY_POLL_MS;
    }
    store_release(db);
    return wait;
}

static void *processor_main(void *arg)
{
    struct wa_ingest *in = arg;
    int64_t wait = 0;

    while (wait == 0 || proc_wait(in, wait)) {
        pthread_mutex_lock(&in->proc_lock);
        bool stop = in->proc_stopping;
        pthread_mutex_unlock(&in->proc_lock);
        if (stop)
            break;
        wait = proc_turn(in);
    }
    if (in->lease_held) {
        struct db *db = store_acquire(in->ch->store);
        lease_release(db, in->ch->node_id);
        store_release(db);
    }
    return NULL;
}

int ingest_proc_start(struct wa_ingest *in)
{
    if (pthread_create(&in->processor, NULL, processor_main, in) != 0) {
        log_error("ingest_start_failed", "thread=processor");
        return -1;
    }
    in->processor_running = true;
    return 0;
}

void ingest_proc_stop(struct wa_ingest *in)
{
    pthread_mutex_lock(&in->proc_lock);
    in->proc_stopping = true;
    pthread_cond_broadcast(&in->proc_cv);
    pthread_mutex_unlock(&in->proc_lock);
    if (in->processor_running)
        pthread_join(in->processor, NULL);
    in->processor_running = false;
}

void ingest_proc_wake(struct wa_ingest *in)
{
    pthread_mutex_lock(&in->proc_lock);
    in->proc_wake = true;
    pthread_cond_signal(&in->proc_cv);
    pthread_mutex_unlock(&in->proc_lock);
}

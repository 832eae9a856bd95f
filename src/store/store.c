/*
 * The backend-independent half of the storage interface: choosing a
 * backend, the connection pool, the per-connection statement cache,
 * transactions with bounded retries, after-commit hooks and statistics.
 * Everything engine-specific goes through the struct store_backend seam.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/crypto.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/backend.h"

struct store {
    const struct store_backend *be;
    char *target; /* SQLite path or PostgreSQL URL; never logged */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct db **conns;
    int size;
    int in_use;
    int schema_version;
    void **listeners;
    size_t nlisteners;
    uint64_t queries, retries, errors; /* updated atomically */
};

static void count(uint64_t *counter)
{
    __atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
}

void store_count_error(struct store *s)
{
    count(&s->errors);
}

const char *store_log_sql(const char *sql, char *out, size_t n)
{
    char head[201];

    snprintf(head, sizeof(head), "%s", sql ? sql : "");
    return log_quote(head, out, n);
}

/* --- opening ---------------------------------------------------------- */

/*
 * Create dir and its missing parents, the last one with mode 0700.
 * Returns 0, or -1 with errno set.
 */
static int make_dirs(const char *dir)
{
    char *path = xstrdup(dir);
    int rc = 0;

    for (char *p = path + 1; *p && rc == 0; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST)
            rc = -1;
        *p = '/';
    }
    if (rc == 0 && mkdir(path, 0700) != 0 && errno != EEXIST)
        rc = -1;
    free(path);
    return rc;
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * Pick the backend and its target (file path or URL) from the options.
 * Returns STORE_OK, or STORE_ERROR with the reason logged.
 */
static enum store_rc choose_backend(const struct store_options *opt,
                                    struct store *s)
{
    const char *url = opt->url;

    if (url &&
        (has_prefix(url, "postgres://") || has_prefix(url, "postgresql://"))) {
        s->be = &store_postgres_backend;
        s->target = xstrdup(url);
        return STORE_OK;
    }
    if (url && *url) {
        log_error("store_open_failed", "reason=\"unsupported url scheme\"");
        return STORE_ERROR;
    }
    if (!opt->data_dir || !*opt->data_dir) {
        log_error("store_open_failed", "reason=\"no data directory\"");
        return STORE_ERROR;
    }
    if (make_dirs(opt->data_dir) != 0) {
        log_error("store_open_failed", "reason=\"cannot create %s: %s\"",
                  opt->data_dir, strerror(errno));
        return STORE_ERROR;
    }
    s->be = &store_sqlite_backend;
    s->target = xasprintf("%s/parley.db", opt->data_dir);
    return STORE_OK;
}

/* Connect one pool slot. Returns the backend's status. */
static enum store_rc connect_slot(struct store *s, int i)
{
    struct db *db = NULL;
    enum store_rc rc = s->be->connect(s->target, &db);

    if (rc != STORE_OK)
        return rc;
    db->store = s;
    db->be = s->be;
    s->conns[i] = db;
    return STORE_OK;
}

enum store_rc store_open(const struct store_options *opt, struct store **out)
{
    struct store *s = xcalloc(1, sizeof(*s));
    enum store_rc rc;

    *out = NULL;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->size = opt->pool_size > 0 ? opt->pool_size : STORE_DEFAULT_POOL;
    s->conns = xcalloc((size_t)s->size, sizeof(*s->conns));
    s->schema_version = -1;
    rc = choose_backend(opt, s);
    if (rc != STORE_OK)
        goto out;

    /* The first connection migrates before the others open, so they all
     * see the final schema from their first query. */
    rc = connect_slot(s, 0);
    if (rc != STORE_OK)
        goto out;
    if (!opt->no_migrate)
        rc = store_migrate(s->conns[0], &s->schema_version);
    for (int i = 1; i < s->size && rc == STORE_OK; i++)
        rc = connect_slot(s, i);
    if (rc == STORE_OK)
        log_info("store_opened", "backend=%s pool=%d schema=%d", s->be->name,
                 s->size, s->schema_version);
out:
    if (rc != STORE_OK) {
        store_close(s);
        return STORE_ERROR;
    }
    *out = s;
    return STORE_OK;
}

static void free_hooks(struct db *db)
{
    free(db->hooks);
    db->hooks = NULL;
    db->nhooks = db->hooks_cap = 0;
}

/* Finalize every cached statement of db (all must be done). */
static void flush_cache(struct db *db)
{
    for (int b = 0; b < DB_CACHE_BUCKETS; b++) {
        struct db_stmt *st = db->cache[b];

        while (st) {
            struct db_stmt *next = st->next;

            free(st->sql);
            db->be->finalize(st);
            st = next;
        }
        db->cache[b] = NULL;
    }
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nlisteners; i++)
        s->be->unlisten(s->listeners[i]);
    free(s->listeners);
    for (int i = 0; i < s->size; i++) {
        struct db *db = s->conns[i];

        if (!db)
            continue;
        if (db->in_use)
            log_error("store_close_busy", "reason=\"connection in use\"");
        flush_cache(db);
        free_hooks(db);
        s->be->disconnect(db);
    }
    free(s->conns);
    free(s->target);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

enum store_dialect store_dialect(const struct store *s)
{
    return s->be->dialect;
}

int store_schema_version(struct store *s)
{
    struct db *db = store_acquire(s);
    int v = store_read_version(db);

    store_release(db);
    return v;
}

/* --- the pool --------------------------------------------------------- */

struct db *store_acquire(struct store *s)
{
    struct db *db = NULL;
    bool reconnected = false;

    pthread_mutex_lock(&s->mu);
    while (s->in_use == s->size)
        pthread_cond_wait(&s->cv, &s->mu);
    for (int i = 0; i < s->size && !db; i++) {
        if (!s->conns[i]->in_use)
            db = s->conns[i];
    }
    db->in_use = true;
    s->in_use++;
    pthread_mutex_unlock(&s->mu);

    /* A connection the server dropped is reopened here, outside the lock;
     * its prepared statements died with it. If that fails, the caller's
     * queries fail with STORE_ERROR and the next acquire tries again. */
    if (s->be->revive(db, &reconnected) == STORE_OK && reconnected)
        flush_cache(db);
    return db;
}

/*
 * A statement not given back with db_done() would keep its result (and on
 * SQLite a read snapshot that stops WAL checkpoints) past the release;
 * reset it so the next user of the connection starts clean.
 */
static void reset_forgotten(struct db *db)
{
    char sql[256];

    for (int b = 0; b < DB_CACHE_BUCKETS; b++) {
        for (struct db_stmt *st = db->cache[b]; st; st = st->next) {
            if (!st->in_use)
                continue;
            log_error("store_stmt_not_done", "sql=%s",
                      store_log_sql(st->sql, sql, sizeof(sql)));
            db->be->reset(st);
            st->in_use = false;
        }
    }
}

void store_release(struct db *db)
{
    struct store *s;

    if (!db)
        return;
    s = db->store;
    reset_forgotten(db);
    if (db->in_tx) {
        log_error("store_release_in_tx", "reason=\"transaction left open\"");
        db_rollback(db);
    }
    pthread_mutex_lock(&s->mu);
    db->in_use = false;
    s->in_use--;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

struct store *db_store(struct db *db)
{
    return db->store;
}

enum store_rc store_ping(struct store *s)
{
    struct db *db = store_acquire(s);
    enum store_rc rc = db_exec(db, "SELECT 1");

    store_release(db);
    return rc;
}

void store_get_stats(struct store *s, struct store_stats *out)
{
    pthread_mutex_lock(&s->mu);
    out->pool_size = s->size;
    out->in_use = s->in_use;
    pthread_mutex_unlock(&s->mu);
    out->queries = __atomic_load_n(&s->queries, __ATOMIC_RELAXED);
    out->retries = __atomic_load_n(&s->retries, __ATOMIC_RELAXED);
    out->errors = __atomic_load_n(&s->errors, __ATOMIC_RELAXED);
}

/* --- statements ------------------------------------------------------- */

/* FNV-1a: short SQL strings, few collisions, no allocation. */
static unsigned hash_sql(const char *sql)
{
    uint32_t h = 2166136261u;

    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % DB_CACHE_BUCKETS;
}

/* The cached statement for sql on db, free or not, or NULL. */
static struct db_stmt *cache_find(struct db *db, const char *sql)
{
    struct db_stmt *st = db->cache[hash_sql(sql)];

    while (st && strcmp(st->sql, sql) != 0)
        st = st->next;
    return st;
}

/*
 * Prepare sql afresh. The first copy goes into the cache; a second one,
 * made while the cached copy is in use, stays private and db_done() frees
 * it. Returns the backend's status.
 */
static enum store_rc prepare_new(struct db *db, const char *sql, bool private,
                                 struct db_stmt **out)
{
    enum store_rc rc = db->be->prepare(db, sql, out);
    struct db_stmt *st = *out;
    unsigned b = hash_sql(sql);

    if (rc != STORE_OK)
        return rc;
    st->db = db;
    st->sql = xstrdup(sql);
    st->cached = !private;
    if (st->cached) {
        st->next = db->cache[b];
        db->cache[b] = st;
    }
    return STORE_OK;
}

/*
 * Hand out the cached statement for sql when it is free. When it is in use
 * (the same query nested inside its own loop), prepare a private copy, so
 * the caller never sees a statement change under it.
 */
enum store_rc db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    struct db_stmt *st = cache_find(db, sql);
    enum store_rc rc;

    *out = NULL;
    if (!st || st->in_use) {
        rc = prepare_new(db, sql, st != NULL, &st);
        if (rc != STORE_OK)
            return rc;
    }
    st->in_use = true;
    st->bind_error = false;
    count(&db->store->queries);
    *out = st;
    return STORE_OK;
}

void db_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    st->db->be->bind_int64(st, idx, v);
}

void db_bind_double(struct db_stmt *st, int idx, double v)
{
    st->db->be->bind_double(st, idx, v);
}

void db_bind_text(struct db_stmt *st, int idx, const char *s, long len)
{
    if (!s) {
        st->db->be->bind_null(st, idx);
        return;
    }
    st->db->be->bind_text(st, idx, s, len < 0 ? strlen(s) : (size_t)len);
}

void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t len)
{
    if (!p) {
        st->db->be->bind_null(st, idx);
        return;
    }
    st->db->be->bind_blob(st, idx, p, len);
}

void db_bind_null(struct db_stmt *st, int idx)
{
    st->db->be->bind_null(st, idx);
}

enum store_rc db_step(struct db_stmt *st)
{
    char sql[256];

    if (st->bind_error) {
        log_error("store_bind_failed", "sql=%s",
                  store_log_sql(st->sql, sql, sizeof(sql)));
        count(&st->db->store->errors);
        return STORE_ERROR;
    }
    return st->db->be->step(st);
}

int64_t db_col_int64(struct db_stmt *st, int col)
{
    return st->db->be->col_int64(st, col);
}

double db_col_double(struct db_stmt *st, int col)
{
    return st->db->be->col_double(st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    return st->db->be->col_text(st, col);
}

const void *db_col_blob(struct db_stmt *st, int col, size_t *len)
{
    size_t n = 0;
    const void *p = st->db->be->col_blob(st, col, &n);

    if (len)
        *len = n;
    return p;
}

bool db_col_is_null(struct db_stmt *st, int col)
{
    return st->db->be->col_is_null(st, col);
}

int64_t db_changes(struct db_stmt *st)
{
    return st->db->be->changes(st);
}

void db_done(struct db_stmt *st)
{
    if (!st)
        return;
    st->db->be->reset(st);
    st->in_use = false;
    if (!st->cached) {
        free(st->sql);
        st->db->be->finalize(st);
    }
}

enum store_rc db_exec(struct db *db, const char *sql)
{
    count(&db->store->queries);
    return db->be->exec(db, sql);
}

/* --- transactions ----------------------------------------------------- */

/*
 * Take the waiting hooks off db before running them, so that a hook may
 * itself use db (even open a new transaction) without disturbing the list.
 */
static void run_hooks(struct db *db, bool committed)
{
    struct db_hook *hooks = db->hooks;
    size_t n = db->nhooks;

    db->hooks = NULL;
    db->nhooks = db->hooks_cap = 0;
    for (size_t i = 0; i < n; i++) {
        db_commit_cb cb = committed ? hooks[i].fn : hooks[i].discard;

        if (cb)
            cb(hooks[i].arg);
    }
    free(hooks);
}

enum store_rc db_begin(struct db *db)
{
    enum store_rc rc;

    if (db->in_tx) {
        log_error("store_nested_begin", "reason=\"already in a transaction\"");
        return STORE_ERROR;
    }
    rc = db->be->begin(db);
    if (rc == STORE_OK)
        db->in_tx = true;
    return rc;
}

/*
 * Commit; whatever happens, the connection leaves the transaction: a
 * failed commit is rolled back and the discard hooks run.
 */
enum store_rc db_commit(struct db *db)
{
    enum store_rc rc;

    if (!db->in_tx) {
        log_error("store_commit_outside_tx", "reason=\"no transaction\"");
        return STORE_ERROR;
    }
    rc = db->be->commit(db);
    if (rc != STORE_OK)
        db->be->rollback(db);
    db->in_tx = false;
    run_hooks(db, rc == STORE_OK);
    return rc;
}

void db_rollback(struct db *db)
{
    if (!db->in_tx)
        return;
    db->be->rollback(db);
    db->in_tx = false;
    run_hooks(db, false);
}

void db_on_commit(struct db *db, db_commit_cb fn, db_commit_cb discard,
                  void *arg)
{
    if (!db->in_tx) {
        if (fn)
            fn(arg);
        return;
    }
    if (db->nhooks == db->hooks_cap) {
        db->hooks_cap = db->hooks_cap ? db->hooks_cap * 2 : 4;
        db->hooks = xrealloc(db->hooks, db->hooks_cap * sizeof(*db->hooks));
    }
    db->hooks[db->nhooks++] = (struct db_hook){fn, discard, arg};
}

/* Sleep a random time in [cap/2, cap] ms, cap doubling per attempt from
 * 2 ms up to 64 ms, so that colliding writers spread out. */
static void backoff(int attempt)
{
    uint32_t r;
    long cap_ms = 2L << (attempt < 5 ? attempt : 5);
    long ms;
    struct timespec ts;

    crypto_random(&r, sizeof(r));
    ms = cap_ms / 2 + (long)(r % (uint32_t)(cap_ms / 2 + 1));
    ts.tv_sec = 0;
    ts.tv_nsec = ms * 1000000L;
    nanosleep(&ts, NULL);
}

/* Run fn once inside a fresh transaction. Returns fn's or commit's rc. */
static enum store_rc tx_once(struct db *db, store_tx_cb fn, void *arg)
{
    enum store_rc rc = db_begin(db);

    if (rc != STORE_OK)
        return rc;
    rc = fn(db, arg);
    if (rc == STORE_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

enum store_rc store_tx(struct db *db, store_tx_cb fn, void *arg)
{
    enum store_rc rc = STORE_RETRY;

    if (db->in_tx)
        return fn(db, arg);
    for (int attempt = 0; attempt < STORE_TX_MAX_ATTEMPTS; attempt++) {
        if (attempt > 0) {
            count(&db->store->retries);
            backoff(attempt);
        }
        rc = tx_once(db, fn, arg);
        if (rc != STORE_RETRY)
            break;
    }
    if (rc == STORE_RETRY)
        log_warn("store_tx_gave_up", "attempts=%d", STORE_TX_MAX_ATTEMPTS);
    return rc;
}

/* --- notifications ---------------------------------------------------- */

enum store_rc db_notify(struct db *db, const char *channel, const char *payload)
{
    return db->be->notify(db, channel, payload ? payload : "");
}

enum store_rc store_listen(struct store *s, const char *channel,
                           store_notify_cb fn, void *arg)
{
    void *handle = NULL;
    enum store_rc rc = s->be->listen(s->target, channel, fn, arg, &handle);

    if (rc != STORE_OK || !handle)
        return rc;
    pthread_mutex_lock(&s->mu);
    s->listeners =
        xrealloc(s->listeners, (s->nlisteners + 1) * sizeof(*s->listeners));
    s->listeners[s->nlisteners++] = handle;
    pthread_mutex_unlock(&s->mu);
    return STORE_OK;
}

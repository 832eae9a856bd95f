/*
 * The storage contract: what every caller of store.h may rely on, checked
 * the same way on SQLite and on PostgreSQL. Run with "sqlite" or
 * "postgres" as the argument (see tests/store/meson.build).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testdb.h"

/* --- helpers ---------------------------------------------------------- */

static int setup(void **state)
{
    struct testdb *t = calloc(1, sizeof(*t));

    if (!t || testdb_open(t, 4) != 0) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    testdb_close(*state);
    free(*state);
    return 0;
}

static struct store *store_of(void **state)
{
    return ((struct testdb *)*state)->store;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    nanosleep(&ts, NULL);
}

/* The first column of the first row of a parameterless query. */
static int64_t query_int(struct db *db, const char *sql)
{
    struct db_stmt *st;
    int64_t v;

    assert_int_equal(db_prepare(db, sql, &st), STORE_OK);
    assert_int_equal(db_step(st), STORE_ROW);
    v = db_col_int64(st, 0);
    db_done(st);
    return v;
}

static void make_kv(struct db *db)
{
    assert_int_equal(db_exec(db, "CREATE TABLE kv (k TEXT PRIMARY KEY,"
                                 " v BIGINT NOT NULL)"),
                     STORE_OK);
}

/* INSERT INTO kv; returns the step's status. */
static enum store_rc put_kv(struct db *db, const char *k, int64_t v)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db, "INSERT INTO kv (k, v) VALUES ($1, $2)", &st);

    if (rc != STORE_OK)
        return rc;
    db_bind_text(st, 1, k, -1);
    db_bind_int64(st, 2, v);
    rc = db_step(st);
    db_done(st);
    return rc;
}

static int64_t count_kv(struct db *db)
{
    return query_int(db, "SELECT COUNT(*) FROM kv");
}

/* --- migrations ------------------------------------------------------- */

static void migrations_apply_once(void **state)
{
    struct testdb *t = *state;
    struct db *db = store_acquire(t->store);
    int version = store_schema_version(t->store);
    int64_t applied_at, rows;

    assert_true(version >= 1);
    rows = query_int(db, "SELECT COUNT(*) FROM schema_migrations");
    assert_true(rows >= 1);
    applied_at = query_int(db, "SELECT applied_at FROM schema_migrations"
                               " WHERE version = 1");
    assert_true(applied_at > 0);
    store_release(db);

    assert_int_equal(testdb_reopen(t), 0);
    db = store_acquire(t->store);
    assert_int_equal(store_schema_version(t->store), version);
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM schema_migrations"),
                     rows);
    assert_int_equal(query_int(db, "SELECT applied_at FROM schema_migrations"
                                   " WHERE version = 1"),
                     applied_at);
    store_release(db);
}

static void newer_database_is_refused(void **state)
{
    struct testdb *t = *state;
    struct db *db = store_acquire(t->store);

    assert_int_equal(db_exec(db, "INSERT INTO schema_migrations"
                                 " (version, name, applied_at)"
                                 " VALUES (99999, '99999_future.sql', 1)"),
                     STORE_OK);
    store_release(db);
    assert_int_equal(testdb_reopen(t), -1);
    assert_null(t->store);
}

struct opener {
    struct store_options opt;
    struct store *store;
    enum store_rc rc;
};

static void *opener_main(void *arg)
{
    struct opener *o = arg;

    o->rc = store_open(&o->opt, &o->store);
    return NULL;
}

/* Two nodes starting at once on an empty database: one migrates, the
 * other waits and finds the work done, and both open. */
static void simultaneous_opens_migrate_once(void **state)
{
    struct testdb fresh;
    struct opener o[2];
    pthread_t threads[2];

    assert_int_equal(testdb_create(&fresh, 2), 0);
    for (int i = 0; i < 2; i++) {
        memset(&o[i], 0, sizeof(o[i]));
        testdb_options(&fresh, &o[i].opt);
        assert_int_equal(pthread_create(&threads[i], NULL, opener_main, &o[i]),
                         0);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    assert_int_equal(o[0].rc, STORE_OK);
    assert_int_equal(o[1].rc, STORE_OK);
    assert_int_equal(store_schema_version(o[0].store),
                     store_schema_version(store_of(state)));
    assert_int_equal(store_schema_version(o[1].store),
                     store_schema_version(store_of(state)));
    store_close(o[0].store);
    store_close(o[1].store);
    testdb_close(&fresh);
}

static void unknown_url_scheme_is_refused(void **state)
{
    struct store_options opt = {.url = "mysql://localhost/x"};
    struct store *s = (struct store *)1;

    assert_int_equal(store_open(&opt, &s), STORE_ERROR);
    assert_null(s);
}

/* --- values ----------------------------------------------------------- */

struct row {
    bool null;
    int64_t i;
    double d;
    const char *s;
    const char *b;
    size_t blen;
};

static void insert_row(struct db *db, int id, const struct row *r)
{
    struct db_stmt *st;

    assert_int_equal(db_prepare(db,
                                "INSERT INTO vals (id, i, d, s, b)"
                                " VALUES ($1, $2, $3, $4, $5)",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, id);
    if (r->null) {
        db_bind_null(st, 2);
        db_bind_null(st, 3);
    } else {
        db_bind_int64(st, 2, r->i);
        db_bind_double(st, 3, r->d);
    }
    db_bind_text(st, 4, r->s, -1);
    db_bind_blob(st, 5, r->b, r->blen);
    assert_int_equal(db_step(st), STORE_DONE);
    assert_int_equal(db_changes(st), 1);
    db_done(st);
}

static void check_row(struct db *db, int id, const struct row *r)
{
    struct db_stmt *st;
    size_t len = 99, len2 = 99;
    const void *blob;

    assert_int_equal(
        db_prepare(db, "SELECT i, d, s, b, b FROM vals WHERE id = $1", &st),
        STORE_OK);
    db_bind_int64(st, 1, id);
    assert_int_equal(db_step(st), STORE_ROW);
    assert_int_equal(db_col_is_null(st, 0), r->null);
    assert_int_equal(db_col_int64(st, 0), r->null ? 0 : r->i);
    assert_true(db_col_double(st, 1) == (r->null ? 0 : r->d));
    if (r->s)
        assert_string_equal(db_col_text(st, 2), r->s);
    else
        assert_null(db_col_text(st, 2));
    assert_int_equal(db_col_is_null(st, 2), r->s == NULL);
    blob = db_col_blob(st, 3, &len);
    /* A second blob column of the same row must not disturb the first. */
    assert_int_equal(db_col_blob(st, 4, &len2) == NULL, blob == NULL);
    assert_int_equal(len2, len);
    assert_int_equal(db_col_is_null(st, 3), r->b == NULL);
    assert_int_equal(len, r->b ? r->blen : 0);
    if (r->b) {
        assert_non_null(blob);
        assert_memory_equal(blob, r->b, r->blen);
    } else {
        assert_null(blob);
    }
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);
}

static void every_type_round_trips(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    const char *blob_type = store_dialect(s) == STORE_SQLITE ? "BLOB" : "BYTEA";
    static const char zeros[] = {0, 1, 0, (char)0xff, 0};
    const struct row rows[] = {
        {false, INT64_MAX, 3.25, "h\xc3\xa9llo \xe2\x9c\x93 \xe6\x97\xa5",
         zeros, sizeof(zeros)},
        {false, INT64_MIN, -1e300, "", "", 0},
        {false, 0, 0.0, "'; DROP TABLE vals; --", "\\x00", 4},
        {true, 0, 0, NULL, NULL, 0},
    };
    char *sql = NULL;

    assert_true(asprintf(&sql,
                         "CREATE TABLE vals (id BIGINT PRIMARY KEY, i BIGINT,"
                         " d DOUBLE PRECISION, s TEXT, b %s)",
                         blob_type) > 0);
    assert_int_equal(db_exec(db, sql), STORE_OK);
    free(sql);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        insert_row(db, (int)i, &rows[i]);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        check_row(db, (int)i, &rows[i]);
    store_release(db);
}

static void parameters_bind_by_number(void **state)
{
    struct db *db = store_acquire(store_of(state));
    struct db_stmt *st;

    make_kv(db);
    assert_int_equal(
        db_prepare(db, "INSERT INTO kv (v, k) VALUES ($2, $1)", &st), STORE_OK);
    db_bind_text(st, 1, "key", -1);
    db_bind_int64(st, 2, 42);
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);

    /* The same parameter twice in one query. */
    assert_int_equal(
        db_prepare(db, "SELECT v FROM kv WHERE k = $1 AND $1 = k", &st),
        STORE_OK);
    db_bind_text(st, 1, "key", 3);
    assert_int_equal(db_step(st), STORE_ROW);
    assert_int_equal(db_col_int64(st, 0), 42);
    db_done(st);
    store_release(db);
}

static void returning_gives_new_ids(void **state)
{
    struct db *db = store_acquire(store_of(state));
    struct db_stmt *st;
    int64_t ids[2];

    for (int i = 0; i < 2; i++) {
        assert_int_equal(db_prepare(db,
                                    "INSERT INTO accounts (name, created_at)"
                                    " VALUES ($1, $2) RETURNING id, name",
                                    &st),
                         STORE_OK);
        db_bind_text(st, 1, "Acme", -1);
        db_bind_int64(st, 2, 1700000000000);
        assert_int_equal(db_step(st), STORE_ROW);
        ids[i] = db_col_int64(st, 0);
        assert_string_equal(db_col_text(st, 1), "Acme");
        assert_int_equal(db_step(st), STORE_DONE);
        db_done(st);
    }
    assert_true(ids[0] > 0);
    assert_true(ids[1] > ids[0]);
    store_release(db);
}

static void upsert_updates_existing_row(void **state)
{
    struct db *db = store_acquire(store_of(state));
    const char *sql = "INSERT INTO kv (k, v) VALUES ($1, $2)"
                      " ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v"
                      " RETURNING v";
    struct db_stmt *st;

    make_kv(db);
    for (int i = 1; i <= 3; i++) {
        assert_int_equal(db_prepare(db, sql, &st), STORE_OK);
        db_bind_text(st, 1, "hits", -1);
        db_bind_int64(st, 2, 10);
        assert_int_equal(db_step(st), STORE_ROW);
        assert_int_equal(db_col_int64(st, 0), 10 * i);
        assert_int_equal(db_step(st), STORE_DONE);
        assert_int_equal(db_changes(st), 1);
        db_done(st);
    }
    assert_int_equal(count_kv(db), 1);
    store_release(db);
}

static void violations_are_constraint_errors(void **state)
{
    struct db *db = store_acquire(store_of(state));

    make_kv(db);
    assert_int_equal(put_kv(db, "a", 1), STORE_DONE);
    assert_int_equal(put_kv(db, "a", 2), STORE_CONSTRAINT);
    /* Foreign key (accounts row 424242 does not exist). */
    assert_int_equal(db_exec(db, "INSERT INTO teams (account_id, name,"
                                 " created_at) VALUES (424242, 'x', 1)"),
                     STORE_CONSTRAINT);
    /* Check constraint on users.role. */
    assert_int_equal(db_exec(db, "INSERT INTO accounts (id, name, created_at)"
                                 " VALUES (7, 'a', 1)"),
                     STORE_OK);
    assert_int_equal(db_exec(db,
                             "INSERT INTO users (account_id, email, name, role,"
                             " created_at, updated_at)"
                             " VALUES (7, 'a@b.c', 'A', 'emperor', 1, 1)"),
                     STORE_CONSTRAINT);
    assert_int_equal(count_kv(db), 1);
    store_release(db);
}

static void hard_errors_are_store_error(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    struct store_stats before, after;
    struct db_stmt *st = (struct db_stmt *)1;

    store_get_stats(s, &before);
    assert_int_equal(db_prepare(db, "SELECT * FROM no_such_table", &st),
                     STORE_ERROR);
    assert_null(st);
    assert_int_equal(db_exec(db, "THIS IS NOT SQL"), STORE_ERROR);

    /* Binding a parameter the query does not have is refused too. */
    make_kv(db);
    assert_int_equal(db_prepare(db, "SELECT v FROM kv WHERE k = $1", &st),
                     STORE_OK);
    db_bind_text(st, 1, "a", -1);
    db_bind_text(st, 2, "b", -1);
    assert_int_equal(db_step(st), STORE_ERROR);
    db_done(st);
    store_get_stats(s, &after);
    assert_true(after.errors >= before.errors + 3);

    /* The connection is still usable. */
    assert_int_equal(store_ping(s), STORE_OK);
    assert_int_equal(put_kv(db, "ok", 1), STORE_DONE);
    store_release(db);
}

static void same_query_can_nest(void **state)
{
    struct db *db = store_acquire(store_of(state));
    const char *sql = "SELECT k, v FROM kv WHERE v >= $1 ORDER BY k";
    struct db_stmt *outer, *inner;
    int outer_rows = 0, inner_rows = 0;

    make_kv(db);
    assert_int_equal(put_kv(db, "a", 1), STORE_DONE);
    assert_int_equal(put_kv(db, "b", 2), STORE_DONE);
    assert_int_equal(db_prepare(db, sql, &outer), STORE_OK);
    db_bind_int64(outer, 1, 0);
    while (db_step(outer) == STORE_ROW) {
        outer_rows++;
        assert_int_equal(db_prepare(db, sql, &inner), STORE_OK);
        assert_ptr_not_equal(inner, outer);
        db_bind_int64(inner, 1, db_col_int64(outer, 1));
        while (db_step(inner) == STORE_ROW)
            inner_rows++;
        db_done(inner);
    }
    db_done(outer);
    assert_int_equal(outer_rows, 2);
    assert_int_equal(inner_rows, 3); /* 2 rows >= 1, 1 row >= 2 */
    store_release(db);
}

static void release_resets_forgotten_statement(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    const char *sql = "SELECT k FROM kv ORDER BY k";
    struct db_stmt *first, *again;

    make_kv(db);
    assert_int_equal(put_kv(db, "a", 1), STORE_DONE);
    assert_int_equal(put_kv(db, "b", 2), STORE_DONE);
    assert_int_equal(db_prepare(db, sql, &first), STORE_OK);
    assert_int_equal(db_step(first), STORE_ROW);
    store_release(db); /* a caller bug: no db_done() */

    db = store_acquire(s);
    assert_int_equal(db_prepare(db, sql, &again), STORE_OK);
    assert_ptr_equal(again, first); /* back in the cache, free */
    assert_int_equal(db_step(again), STORE_ROW);
    assert_string_equal(db_col_text(again, 0), "a"); /* from the start */
    db_done(again);
    store_release(db);
}

/* --- transactions ----------------------------------------------------- */

static void commit_and_rollback(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    struct db *other = store_acquire(s);

    make_kv(db);
    assert_int_equal(db_begin(db), STORE_OK);
    assert_int_equal(put_kv(db, "kept", 1), STORE_DONE);
    assert_int_equal(db_commit(db), STORE_OK);
    assert_int_equal(count_kv(other), 1);

    assert_int_equal(db_begin(db), STORE_OK);
    assert_int_equal(put_kv(db, "lost", 2), STORE_DONE);
    assert_int_equal(count_kv(db), 2);
    db_rollback(db);
    assert_int_equal(count_kv(db), 1);
    assert_int_equal(count_kv(other), 1);

    /* A second begin on the same connection is a bug, not a nesting. */
    assert_int_equal(db_begin(db), STORE_OK);
    assert_int_equal(db_begin(db), STORE_ERROR);
    db_rollback(db);
    store_release(other);
    store_release(db);
}

struct flaky {
    const char *name;
    int calls;
    int fail_times; /* return STORE_RETRY this many times */
};

/* Writes a row on every attempt, so a leaked attempt would show. */
static enum store_rc flaky_tx(struct db *db, void *arg)
{
    struct flaky *f = arg;
    char key[32];

    snprintf(key, sizeof(key), "%s-%d", f->name, f->calls);
    f->calls++;
    if (put_kv(db, key, f->calls) != STORE_DONE)
        return STORE_ERROR;
    return f->calls <= f->fail_times ? STORE_RETRY : STORE_OK;
}

static void store_tx_retries_then_gives_up(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    struct flaky twice = {"twice", 0, 2}, always = {"always", 0, 1000};
    struct store_stats before, after;

    make_kv(db);
    store_get_stats(s, &before);
    assert_int_equal(store_tx(db, flaky_tx, &twice), STORE_OK);
    assert_int_equal(twice.calls, 3);
    assert_int_equal(count_kv(db), 1);
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM kv WHERE k='twice-2'"),
                     1);
    store_get_stats(s, &after);
    assert_int_equal(after.retries - before.retries, 2);

    assert_int_equal(store_tx(db, flaky_tx, &always), STORE_RETRY);
    assert_int_equal(always.calls, STORE_TX_MAX_ATTEMPTS);
    assert_int_equal(count_kv(db), 1);
    store_release(db);
}

static enum store_rc failing_tx(struct db *db, void *arg)
{
    int *calls = arg;

    (*calls)++;
    put_kv(db, "never", 1);
    return STORE_CONSTRAINT;
}

static void store_tx_does_not_retry_other_errors(void **state)
{
    struct db *db = store_acquire(store_of(state));
    int calls = 0;

    make_kv(db);
    assert_int_equal(store_tx(db, failing_tx, &calls), STORE_CONSTRAINT);
    assert_int_equal(calls, 1);
    assert_int_equal(count_kv(db), 0);
    store_release(db);
}

struct hook_log {
    char seen[16];
    size_t n;
};

static void hook_a(void *arg)
{
    struct hook_log *l = arg;

    l->seen[l->n++] = 'a';
}

static void hook_b(void *arg)
{
    struct hook_log *l = arg;

    l->seen[l->n++] = 'b';
}

static void hook_discard(void *arg)
{
    struct hook_log *l = arg;

    l->seen[l->n++] = 'x';
}

static void on_commit_runs_after_commit_only(void **state)
{
    struct db *db = store_acquire(store_of(state));
    struct hook_log l = {{0}, 0};

    assert_int_equal(db_begin(db), STORE_OK);
    db_on_commit(db, hook_a, hook_discard, &l);
    db_on_commit(db, hook_b, NULL, &l);
    assert_int_equal(l.n, 0);
    assert_int_equal(db_commit(db), STORE_OK);
    assert_string_equal(l.seen, "ab");

    /* Rolled back: only the discard runs. */
    assert_int_equal(db_begin(db), STORE_OK);
    db_on_commit(db, hook_a, hook_discard, &l);
    db_on_commit(db, hook_b, NULL, &l);
    db_rollback(db);
    assert_string_equal(l.seen, "abx");

    /* Outside a transaction: at once. */
    db_on_commit(db, hook_b, hook_discard, &l);
    assert_string_equal(l.seen, "abxb");

    /* A hook does not survive into the next transaction. */
    assert_int_equal(db_begin(db), STORE_OK);
    assert_int_equal(db_commit(db), STORE_OK);
    assert_string_equal(l.seen, "abxb");
    store_release(db);
}

struct hook_tx {
    struct hook_log *log;
    enum store_rc result;
};

static enum store_rc hooking_tx(struct db *db, void *arg)
{
    struct hook_tx *h = arg;

    db_on_commit(db, hook_a, hook_discard, h->log);
    return h->result;
}

static void store_tx_runs_hooks_per_outcome(void **state)
{
    struct db *db = store_acquire(store_of(state));
    struct hook_log l = {{0}, 0};
    struct hook_tx ok = {&l, STORE_OK}, bad = {&l, STORE_ERROR};

    assert_int_equal(store_tx(db, hooking_tx, &ok), STORE_OK);
    assert_int_equal(store_tx(db, hooking_tx, &bad), STORE_ERROR);
    assert_string_equal(l.seen, "ax");
    store_release(db);
}

/* --- concurrency ------------------------------------------------------ */

#define WRITERS     8
#define WRITES_EACH 20

struct writer {
    struct store *store;
    int id;
    int n; /* the write in progress */
    int failures;
};

/* A read-modify-write, so that writers truly collide. */
static enum store_rc bump_tx(struct db *db, void *arg)
{
    struct writer *w = arg;
    struct db_stmt *st;
    enum store_rc rc;
    char key[32];

    rc = db_prepare(db, "UPDATE kv SET v = v + 1 WHERE k = 'total'", &st);
    if (rc != STORE_OK)
        return rc;
    rc = db_step(st);
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    snprintf(key, sizeof(key), "w%d-%d", w->id, w->n);
    rc = put_kv(db, key, w->id);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static void *writer_main(void *arg)
{
    struct writer *w = arg;

    for (int i = 0; i < WRITES_EACH; i++) {
        struct db *db = store_acquire(w->store);

        w->n = i;
        if (store_tx(db, bump_tx, w) != STORE_OK)
            w->failures++;
        store_release(db);
    }
    return NULL;
}

static void concurrent_writers_all_succeed(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    pthread_t threads[WRITERS];
    struct writer w[WRITERS];

    make_kv(db);
    assert_int_equal(put_kv(db, "total", 0), STORE_DONE);
    store_release(db);
    for (int i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){s, i, 0, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, writer_main, &w[i]),
                         0);
    }
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(w[i].failures, 0);
    }
    db = store_acquire(s);
    assert_int_equal(query_int(db, "SELECT v FROM kv WHERE k = 'total'"),
                     WRITERS * WRITES_EACH);
    assert_int_equal(count_kv(db), WRITERS * WRITES_EACH + 1);
    store_release(db);
}

struct waiter {
    struct store *store;
    struct db *got;
    int done; /* atomic */
};

static void *waiter_main(void *arg)
{
    struct waiter *w = arg;

    w->got = store_acquire(w->store);
    __atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void pool_blocks_until_release(void **state)
{
    struct store *s = store_of(state);
    struct db *held[4];
    struct waiter w = {s, NULL, 0};
    struct store_stats stats;
    pthread_t thread;

    for (int i = 0; i < 4; i++)
        held[i] = store_acquire(s);
    store_get_stats(s, &stats);
    assert_int_equal(stats.pool_size, 4);
    assert_int_equal(stats.in_use, 4);

    assert_int_equal(pthread_create(&thread, NULL, waiter_main, &w), 0);
    sleep_ms(150);
    assert_int_equal(__atomic_load_n(&w.done, __ATOMIC_SEQ_CST), 0);
    store_release(held[2]);
    pthread_join(thread, NULL);
    assert_int_equal(w.done, 1);
    assert_ptr_equal(w.got, held[2]);

    store_release(w.got);
    store_release(held[0]);
    store_release(held[1]);
    store_release(held[3]);
    store_get_stats(s, &stats);
    assert_int_equal(stats.in_use, 0);
    assert_true(stats.queries > 0);
}

/* --- foundation schema ------------------------------------------------ */

static void foundation_tables_accept_rows(void **state)
{
    struct db *db = store_acquire(store_of(state));
    struct db_stmt *st;
    int64_t account;

    assert_int_equal(db_prepare(db,
                                "INSERT INTO accounts (name, created_at)"
                                " VALUES ($1, $2) RETURNING id",
                                &st),
                     STORE_OK);
    db_bind_text(st, 1, "Demo", -1);
    db_bind_int64(st, 2, 1700000000000);
    assert_int_equal(db_step(st), STORE_ROW);
    account = db_col_int64(st, 0);
    db_done(st);

    assert_int_equal(db_prepare(db,
                                "INSERT INTO users (account_id, email, name,"
                                " role, created_at, updated_at)"
                                " VALUES ($1, $2, $3, 'agent', $4, $4)",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, account);
    db_bind_text(st, 2, "ana@example.com", -1);
    db_bind_text(st, 3, "Ana", -1);
    db_bind_int64(st, 4, 1700000000000);
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);

    assert_int_equal(db_prepare(db,
                                "SELECT a.undo_send_ms, a.timezone, u.locale"
                                " FROM accounts a JOIN users u"
                                " ON u.account_id = a.id WHERE a.id = $1",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, account);
    assert_int_equal(db_step(st), STORE_ROW);
    assert_int_equal(db_col_int64(st, 0), 5000);
    assert_string_equal(db_col_text(st, 1), "UTC");
    assert_string_equal(db_col_text(st, 2), "en");
    db_done(st);
    store_release(db);
}

/* --- notifications ---------------------------------------------------- */

struct inbox {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char payload[64];
    int count;
};

static void on_note(const char *channel, const char *payload, void *arg)
{
    struct inbox *in = arg;

    pthread_mutex_lock(&in->mu);
    snprintf(in->payload, sizeof(in->payload), "%s", payload);
    in->count++;
    pthread_cond_broadcast(&in->cv);
    pthread_mutex_unlock(&in->mu);
}

/* Wait up to ms for the count to reach n; returns the count. */
static int wait_count(struct inbox *in, int n, long ms)
{
    struct timespec until;
    int count;

    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&in->mu);
    while (in->count < n &&
           pthread_cond_timedwait(&in->cv, &in->mu, &until) == 0)
        ;
    count = in->count;
    pthread_mutex_unlock(&in->mu);
    return count;
}

static int payload_is(struct inbox *in, const char *want)
{
    int same;

    pthread_mutex_lock(&in->mu);
    same = strcmp(in->payload, want) == 0;
    pthread_mutex_unlock(&in->mu);
    return same;
}

static void channel_name(char *out, size_t n, const char *what)
{
    snprintf(out, n, "parley_%s_%ld", what, (long)getpid());
}

static void notify_reaches_listener(void **state)
{
    struct store *s = store_of(state);
    struct inbox in = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, "",
                       0};
    char channel[48];
    struct db *db;

    channel_name(channel, sizeof(channel), "notify");
    assert_int_equal(store_listen(s, channel, on_note, &in), STORE_OK);
    db = store_acquire(s);

    /* Sent inside a transaction, it arrives only after the commit. */
    assert_int_equal(db_begin(db), STORE_OK);
    assert_int_equal(db_notify(db, channel, "hello 1"), STORE_OK);
    assert_int_equal(wait_count(&in, 1, 100), 0);
    assert_int_equal(db_commit(db), STORE_OK);
    assert_int_equal(wait_count(&in, 1, 5000), 1);
    assert_true(payload_is(&in, "hello 1"));

    assert_int_equal(db_notify(db, channel, "second"), STORE_OK);
    assert_int_equal(wait_count(&in, 2, 5000), 2);
    assert_true(payload_is(&in, "second"));
    store_release(db);
}

/* Kill the server process behind whatever matches where; returns how many
 * were terminated. */
static int64_t terminate(struct db *db, const char *where, const char *arg)
{
    struct db_stmt *st;
    char *sql = NULL;
    int64_t n;

    assert_true(asprintf(&sql,
                         "SELECT COUNT(pg_terminate_backend(pid, 5000))"
                         " FROM pg_stat_activity WHERE %s",
                         where) > 0);
    assert_int_equal(db_prepare(db, sql, &st), STORE_OK);
    db_bind_text(st, 1, arg, -1);
    assert_int_equal(db_step(st), STORE_ROW);
    n = db_col_int64(st, 0);
    db_done(st);
    free(sql);
    return n;
}

static void broken_connection_is_reopened(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    struct db *other = store_acquire(s);
    int64_t pid = query_int(db, "SELECT pg_backend_pid()");
    char text[32];

    snprintf(text, sizeof(text), "%lld", (long long)pid);
    assert_int_equal(terminate(other, "pid = CAST($1 AS INTEGER)", text), 1);
    store_release(other);
    assert_int_equal(db_exec(db, "SELECT 1"), STORE_ERROR);
    store_release(db);

    /* The pool hands out the lowest free slot: the same connection, now
     * reopened, with its statement cache emptied. */
    other = store_acquire(s);
    assert_ptr_equal(other, db);
    assert_true(query_int(other, "SELECT pg_backend_pid()") != pid);
    store_release(other);
}

static void listener_survives_lost_connection(void **state)
{
    struct store *s = store_of(state);
    struct inbox in = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, "",
                       0};
    char channel[48], listen_sql[64];
    struct db *db;

    channel_name(channel, sizeof(channel), "relisten");
    snprintf(listen_sql, sizeof(listen_sql), "LISTEN \"%s\"", channel);
    assert_int_equal(store_listen(s, channel, on_note, &in), STORE_OK);
    db = store_acquire(s);
    assert_int_equal(terminate(db, "query = $1", listen_sql), 1);

    /* Notifications sent while it reconnects are lost by design; keep
     * sending until one arrives. */
    for (int i = 0; i < 40 && wait_count(&in, 1, 200) == 0; i++)
        assert_int_equal(db_notify(db, channel, "after"), STORE_OK);
    assert_true(wait_count(&in, 1, 0) >= 1);
    assert_true(payload_is(&in, "after"));
    store_release(db);
}

static void lock_conflicts_are_retry(void **state)
{
    struct store *s = store_of(state);
    struct db *a = store_acquire(s);
    struct db *b = store_acquire(s);

    make_kv(a);
    assert_int_equal(put_kv(a, "x", 1), STORE_DONE);
    assert_int_equal(db_begin(a), STORE_OK);
    assert_int_equal(db_exec(a, "UPDATE kv SET v = 2 WHERE k = 'x'"), STORE_OK);
    if (store_dialect(s) == STORE_SQLITE) {
        /* Wait 50 ms, not the usual seconds, for a's write lock. */
        assert_int_equal(db_exec(b, "PRAGMA busy_timeout = 50"), STORE_OK);
        assert_int_equal(db_begin(b), STORE_RETRY);
        assert_int_equal(put_kv(b, "y", 1), STORE_RETRY);
    } else {
        assert_int_equal(db_begin(b), STORE_OK);
        assert_int_equal(db_exec(b, "SET LOCAL lock_timeout = '50ms'"),
                         STORE_OK);
        assert_int_equal(db_exec(b, "UPDATE kv SET v = 3 WHERE k = 'x'"),
                         STORE_RETRY);
        db_rollback(b);
    }
    db_rollback(a);
    assert_int_equal(put_kv(b, "y", 1), STORE_DONE);
    assert_int_equal(query_int(b, "SELECT v FROM kv WHERE k = 'x'"), 1);
    store_release(b);
    store_release(a);
}

static void sqlite_is_durable_wal(void **state)
{
    struct db *db = store_acquire(store_of(state));
    struct db_stmt *st;

    assert_int_equal(query_int(db, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(query_int(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(db_prepare(db, "PRAGMA journal_mode", &st), STORE_OK);
    assert_int_equal(db_step(st), STORE_ROW);
    assert_string_equal(db_col_text(st, 0), "wal");
    db_done(st);
    store_release(db);
}

static void sqlite_notify_is_local_noop(void **state)
{
    struct store *s = store_of(state);
    struct inbox in = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, "",
                       0};
    struct db *db;

    assert_int_equal(store_listen(s, "anything", on_note, &in), STORE_OK);
    db = store_acquire(s);
    assert_int_equal(db_notify(db, "anything", "x"), STORE_OK);
    assert_int_equal(wait_count(&in, 1, 50), 0);
    store_release(db);
}

static void sqlite_creates_private_data_dir(void **state)
{
    struct testdb *t = *state;
    char *dir = NULL, *parent = NULL;
    struct store_options opt = {0};
    struct store *s = NULL;
    struct stat sb;
    static const char *const files[] = {"parley.db", "parley.db-wal",
                                        "parley.db-shm"};

    assert_true(asprintf(&parent, "%s/a", t->dir) > 0);
    assert_true(asprintf(&dir, "%s/a/b", t->dir) > 0);
    opt.data_dir = dir;
    assert_int_equal(store_open(&opt, &s), STORE_OK);
    assert_int_equal(stat(dir, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    assert_int_equal(store_schema_version(s), store_schema_version(t->store));
    store_close(s);

    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *path = NULL;

        assert_true(asprintf(&path, "%s/%s", dir, files[i]) > 0);
        unlink(path);
        free(path);
    }
    assert_int_equal(rmdir(dir), 0);
    assert_int_equal(rmdir(parent), 0);
    free(dir);
    free(parent);
}

int main(int argc, char **argv)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest common[] = {
        T(migrations_apply_once),
        T(newer_database_is_refused),
        T(simultaneous_opens_migrate_once),
        T(unknown_url_scheme_is_refused),
        T(every_type_round_trips),
        T(parameters_bind_by_number),
        T(returning_gives_new_ids),
        T(upsert_updates_existing_row),
        T(violations_are_constraint_errors),
        T(hard_errors_are_store_error),
        T(same_query_can_nest),
        T(release_resets_forgotten_statement),
        T(commit_and_rollback),
        T(lock_conflicts_are_retry),
        T(store_tx_retries_then_gives_up),
        T(store_tx_does_not_retry_other_errors),
        T(on_commit_runs_after_commit_only),
        T(store_tx_runs_hooks_per_outcome),
        T(concurrent_writers_all_succeed),
        T(pool_blocks_until_release),
        T(foundation_tables_accept_rows),
    };
    const struct CMUnitTest postgres_only[] = {
        T(notify_reaches_listener),
        T(broken_connection_is_reopened),
        T(listener_survives_lost_connection),
    };
    const struct CMUnitTest sqlite_only[] = {
        T(sqlite_is_durable_wal),
        T(sqlite_notify_is_local_noop),
        T(sqlite_creates_private_data_dir),
    };
#undef T
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);

    if (rc != 0)
        return rc;
    if (testdb_is_postgres()) {
        rc = cmocka_run_group_tests_name("store/postgres", common, NULL, NULL);
        rc += cmocka_run_group_tests_name("store/postgres-only", postgres_only,
                                          NULL, NULL);
    } else {
        rc = cmocka_run_group_tests_name("store/sqlite", common, NULL, NULL);
        rc += cmocka_run_group_tests_name("store/sqlite-only", sqlite_only,
                                          NULL, NULL);
    }
    return rc;
}

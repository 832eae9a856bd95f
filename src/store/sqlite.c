/*
 * The SQLite backend: one file in WAL mode, durable on commit
 * (synchronous=FULL), foreign keys on. "$1"-style parameters are bound by
 * name, so the order in which they appear in the SQL does not matter.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/log.h"
#include "base/mem.h"
#include "store/backend.h"

/* How long a writer waits for the lock before reporting STORE_RETRY. */
#define SQLITE_BUSY_MS 5000

struct sqlite_db {
    struct db base;
    sqlite3 *h;
};

struct sqlite_stmt {
    struct db_stmt base;
    sqlite3_stmt *st;
};

static sqlite3 *handle(struct db *db)
{
    return ((struct sqlite_db *)db)->h;
}

static sqlite3_stmt *raw(struct db_stmt *st)
{
    return ((struct sqlite_stmt *)st)->st;
}

/* Busy and locked are worth another try; constraints are the caller's. */
static enum store_rc map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return STORE_RETRY;
    case SQLITE_CONSTRAINT:
        return STORE_CONSTRAINT;
    default:
        return STORE_ERROR;
    }
}

/*
 * Log a failure with the engine's message and the start of the SQL, and
 * map it. Retries and constraint violations are expected, so they log at
 * debug; only hard errors are errors.
 */
static enum store_rc fail(struct db *db, int code, const char *sql)
{
    enum store_rc rc = map_rc(code);
    char qsql[256], qmsg[256];
    enum log_level level = rc == STORE_ERROR ? LOG_ERROR : LOG_DEBUG;

    if (rc == STORE_ERROR)
        store_count_error(db->store);
    log_write(level, __FILE__, __LINE__, "store_sqlite_error",
              "code=%d msg=%s sql=%s", code,
              log_quote(sqlite3_errmsg(handle(db)), qmsg, sizeof(qmsg)),
              store_log_sql(sql, qsql, sizeof(qsql)));
    return rc;
}

static enum store_rc sq_exec(struct db *db, const char *sql)
{
    int code = sqlite3_exec(handle(db), sql, NULL, NULL, NULL);

    return code == SQLITE_OK ? STORE_OK : fail(db, code, sql);
}

/*
 * Wait for another connection's write lock. SQLite's own busy handler
 * sleeps in growing steps of up to 100 ms, so the database sits idle long
 * after the writer before us finished: under load that cut throughput
 * tenfold. A write holds the lock for about one commit's fsync, so poll
 * in short steps instead: 100 us for the first 10 ms, then 1 ms, until
 * SQLITE_BUSY_MS has passed.
 */
static int on_busy(void *arg, int count)
{
    long waited_us =
        count < 100 ? count * 100L : 10000L + (count - 100) * 1000L;

    (void)arg;
    if (waited_us >= SQLITE_BUSY_MS * 1000L)
        return 0;
    usleep(count < 100 ? 100 : 1000);
    return 1;
}

/*
 * Open the database file at target (created if missing) and set what every
 * connection needs: WAL, commits durable when they return, foreign keys,
 * and a busy wait so that writers queue instead of failing at once.
 */
static enum store_rc sq_connect(const char *target, struct db **out)
{
    struct sqlite_db *sdb = xcalloc(1, sizeof(*sdb));
    int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int code = sqlite3_open_v2(target, &sdb->h, flags, NULL);
    enum store_rc rc = STORE_OK;
    char msg[256];

    if (code != SQLITE_OK) {
        log_error("store_open_failed", "backend=sqlite msg=%s",
                  log_quote(sdb->h ? sqlite3_errmsg(sdb->h) : "no memory", msg,
                            sizeof(msg)));
        rc = STORE_ERROR;
        goto out;
    }
    sqlite3_extended_result_codes(sdb->h, 1);
    sqlite3_busy_handler(sdb->h, on_busy, NULL);
    rc = sq_exec(&sdb->base, "PRAGMA journal_mode=WAL;"
                             "PRAGMA synchronous=FULL;"
                             "PRAGMA foreign_keys=ON;");
out:
    if (rc != STORE_OK) {
        sqlite3_close(sdb->h);
        free(sdb);
        return rc;
    }
    *out = &sdb->base;
    return STORE_OK;
}

static void sq_disconnect(struct db *db)
{
    sqlite3_close(handle(db));
    free(db);
}

static enum store_rc sq_revive(struct db *db, bool *reconnected)
{
    *reconnected = false;
    return STORE_OK;
}

static enum store_rc sq_prepare(struct db *db, const char *sql,
                                struct db_stmt **out)
{
    sqlite3_stmt *raw_st = NULL;
    int code = sqlite3_prepare_v3(handle(db), sql, -1,
                                  SQLITE_PREPARE_PERSISTENT, &raw_st, NULL);
    struct sqlite_stmt *st;

    if (code != SQLITE_OK)
        return fail(db, code, sql);
    st = xcalloc(1, sizeof(*st));
    st->st = raw_st;
    *out = &st->base;
    return STORE_OK;
}

static void sq_finalize(struct db_stmt *st)
{
    sqlite3_finalize(raw(st));
    free(st);
}

/* The index of parameter "$idx", or 0 (and a bind error) if absent. */
static int param(struct db_stmt *st, int idx)
{
    char name[16];
    int i;

    snprintf(name, sizeof(name), "$%d", idx);
    i = sqlite3_bind_parameter_index(raw(st), name);
    if (i == 0)
        st->bind_error = true;
    return i;
}

static void sq_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    int i = param(st, idx);

    if (i)
        sqlite3_bind_int64(raw(st), i, v);
}

static void sq_bind_double(struct db_stmt *st, int idx, double v)
{
    int i = param(st, idx);

    if (i)
        sqlite3_bind_double(raw(st), i, v);
}

static void sq_bind_text(struct db_stmt *st, int idx, const char *s, size_t n)
{
    int i = param(st, idx);

    if (i)
        sqlite3_bind_text64(raw(st), i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* p is non-NULL even for an empty blob, so SQLite stores a blob, not NULL. */
static void sq_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    int i = param(st, idx);

    if (i)
        sqlite3_bind_blob64(raw(st), i, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(struct db_stmt *st, int idx)
{
    int i = param(st, idx);

    if (i)
        sqlite3_bind_null(raw(st), i);
}

static enum store_rc sq_step(struct db_stmt *st)
{
    int code = sqlite3_step(raw(st));

    if (code == SQLITE_ROW)
        return STORE_ROW;
    if (code == SQLITE_DONE)
        return STORE_DONE;
    return fail(st->db, code, st->sql);
}

static bool bad_col(struct db_stmt *st, int col)
{
    return col < 0 || col >= sqlite3_data_count(raw(st));
}

static int64_t sq_col_int64(struct db_stmt *st, int col)
{
    return bad_col(st, col) ? 0 : sqlite3_column_int64(raw(st), col);
}

static double sq_col_double(struct db_stmt *st, int col)
{
    return bad_col(st, col) ? 0 : sqlite3_column_double(raw(st), col);
}

static const char *sq_col_text(struct db_stmt *st, int col)
{
    if (bad_col(st, col))
        return NULL;
    return (const char *)sqlite3_column_text(raw(st), col);
}

/* SQLite gives NULL for an empty blob; return "" so that callers can tell
 * an empty value from SQL NULL without asking db_col_is_null(). */
static const void *sq_col_blob(struct db_stmt *st, int col, size_t *len)
{
    const void *p;

    *len = 0;
    if (bad_col(st, col) || sqlite3_column_type(raw(st), col) == SQLITE_NULL)
        return NULL;
    p = sqlite3_column_blob(raw(st), col);
    *len = (size_t)sqlite3_column_bytes(raw(st), col);
    return p ? p : "";
}

static bool sq_col_is_null(struct db_stmt *st, int col)
{
    return bad_col(st, col) || sqlite3_column_type(raw(st), col) == SQLITE_NULL;
}

static int64_t sq_changes(struct db_stmt *st)
{
    return sqlite3_changes64(handle(st->db));
}

/* Unbound parameters of the next use must read as NULL, not as the
 * previous caller's values. */
static void sq_reset(struct db_stmt *st)
{
    sqlite3_reset(raw(st));
    sqlite3_clear_bindings(raw(st));
}

static enum store_rc sq_begin(struct db *db)
{
    return sq_exec(db, "BEGIN IMMEDIATE");
}

static enum store_rc sq_commit(struct db *db)
{
    return sq_exec(db, "COMMIT");
}

static void sq_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(handle(db)))
        sq_exec(db, "ROLLBACK");
}

/* BEGIN IMMEDIATE already keeps every other writer out. */
static enum store_rc sq_lock_migrations(struct db *db)
{
    return STORE_OK;
}

/* All listeners share this process; the in-process bus carries events. */
static enum store_rc sq_notify(struct db *db, const char *channel,
                               const char *payload)
{
    return STORE_OK;
}

static enum store_rc sq_listen(const char *target, const char *channel,
                               store_notify_cb fn, void *arg, void **handle)
{
    *handle = NULL;
    return STORE_OK;
}

static void sq_unlisten(void *handle)
{
}

const struct store_backend store_sqlite_backend = {
    .name = "sqlite",
    .dialect = STORE_SQLITE,
    .pk_sql = "INTEGER PRIMARY KEY",
    .blob_sql = "BLOB",
    .connect = sq_connect,
    .disconnect = sq_disconnect,
    .revive = sq_revive,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_int64 = sq_col_int64,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .col_is_null = sq_col_is_null,
    .changes = sq_changes,
    .reset = sq_reset,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .lock_migrations = sq_lock_migrations,
    .notify = sq_notify,
    .listen = sq_listen,
    .unlisten = sq_unlisten,
};

/*
 * The storage interface. Everything Parley keeps goes through here, on
 * SQLite (one node, the default) or PostgreSQL (many nodes).
 *
 * Queries are written once, in the SQL both engines accept: "$1"-style
 * parameters, ON CONFLICT, RETURNING. Each backend is one const struct of
 * functions (sqlite.c, postgres.c) behind the small seam below, so no query
 * is written twice. Where the engines truly differ (job claiming, full-text
 * search, time bucketing) callers ask store_dialect() and pick the SQL.
 *
 * PostgreSQL infers each parameter's type from where it stands; where it
 * cannot ("$1 IS NULL" on its own), write CAST($1 AS BIGINT) or
 * CAST($1 AS TEXT), which SQLite accepts too. Booleans are 0/1 integers;
 * db_col_int64() reads a PostgreSQL boolean result as 0/1.
 *
 * Threads: a struct store is shared by all threads. A struct db is one
 * connection, used by one thread at a time: take it with store_acquire(),
 * give it back with store_release(). Prepared statements are cached per
 * connection, keyed by the SQL text, so preparing the same query twice on
 * one connection is cheap.
 *
 * Status codes: every fallible call returns enum store_rc. STORE_RETRY
 * means a conflict that can succeed if the transaction runs again (SQLite
 * busy, PostgreSQL serialization failure or deadlock): store_tx() does
 * that. STORE_ERROR is a hard error, already logged with the SQL.
 */
#ifndef PARLEY_STORE_H
#define PARLEY_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum store_rc {
    STORE_OK = 0,          /* done; for a write, it took effect */
    STORE_ROW = 1,         /* db_step(): a row is ready to read */
    STORE_DONE = 2,        /* db_step(): no more rows */
    STORE_NOT_FOUND = 3,   /* a lookup matched no row */
    STORE_CONSTRAINT = -1, /* unique / foreign key / check violation */
    STORE_RETRY = -2,      /* retryable conflict; run the transaction again */
    STORE_ERROR = -3,      /* hard error; logged */
};

enum store_dialect { STORE_SQLITE, STORE_POSTGRES };

struct store;   /* the database: backend, connection pool, settings */
struct db;      /* one connection, one thread at a time */
struct db_stmt; /* a prepared statement, owned by its connection's cache */

struct store_options {
    const char *url;      /* "postgres://..." or NULL for SQLite */
    const char *data_dir; /* SQLite: directory for parley.db */
    int pool_size;        /* connections kept open; 0 means a default */
    bool no_migrate;      /* open as is, apply no migrations (tools, tests) */
};

/* Default pool size when store_options.pool_size is 0. */
#define STORE_DEFAULT_POOL 4

/* How many times store_tx() runs a function that keeps returning
 * STORE_RETRY before it gives up and returns STORE_RETRY. */
#define STORE_TX_MAX_ATTEMPTS 8

/*
 * Open the database and apply pending migrations (src/store/migrations/).
 * opt->url starting "postgres://" or "postgresql://" selects PostgreSQL;
 * a NULL or empty url selects SQLite at <data_dir>/parley.db, creating
 * data_dir (mode 0700) if needed; any other url is refused. A database
 * holding a migration this binary does not know is refused too.
 * Returns STORE_OK and sets *out, or STORE_ERROR with the reason logged.
 * Close with store_close(), which waits for nothing: release every db
 * first.
 */
enum store_rc store_open(const struct store_options *opt, struct store **out);
void store_close(struct store *s); /* NULL is harmless */

enum store_dialect store_dialect(const struct store *s);

/* Highest migration number applied; for /readyz and `parley doctor`. */
int store_schema_version(struct store *s);

/* Take a connection from the pool (blocks while all are in use) and give
 * it back. A connection is returned outside any transaction. */
struct db *store_acquire(struct store *s);
void store_release(struct db *db);
struct store *db_store(struct db *db);

/* Quick liveness check for /readyz: runs "SELECT 1". */
enum store_rc store_ping(struct store *s);

/* Pool figures for /metrics. */
struct store_stats {
    int pool_size;
    int in_use;
    uint64_t queries;
    uint64_t retries;
    uint64_t errors;
};
void store_get_stats(struct store *s, struct store_stats *out);

/* --- statements ------------------------------------------------------- */

/*
 * Prepare sql (cached on this connection) and return it ready for binding.
 * Parameters are $1, $2, ... . The statement is borrowed: call db_done()
 * when finished with it, before preparing the same SQL again.
 */
enum store_rc db_prepare(struct db *db, const char *sql, struct db_stmt **out);

/* Bind parameter idx (1-based). Text is copied; len < 0 means strlen.
 * A NULL text or blob binds SQL NULL. */
void db_bind_int64(struct db_stmt *st, int idx, int64_t v);
void db_bind_double(struct db_stmt *st, int idx, double v);
void db_bind_text(struct db_stmt *st, int idx, const char *s, long len);
void db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t len);
void db_bind_null(struct db_stmt *st, int idx);

/*
 * Run the statement or advance to its next row: STORE_ROW while rows come,
 * then STORE_DONE. Errors: STORE_CONSTRAINT, STORE_RETRY, STORE_ERROR.
 */
enum store_rc db_step(struct db_stmt *st);

/* Column accessors for the current row (0-based). Text and blob pointers
 * are borrowed until the next db_step() or db_done(). NULL reads as 0 / NULL.
 */
int64_t db_col_int64(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
const void *db_col_blob(struct db_stmt *st, int col, size_t *len);
bool db_col_is_null(struct db_stmt *st, int col);

/* Number of rows the last write changed. */
int64_t db_changes(struct db_stmt *st);

/* Reset the statement and return it to the connection's cache. */
void db_done(struct db_stmt *st);

/* --- transactions ----------------------------------------------------- */

/* Begin, commit or roll back on this connection. db_begin() takes the
 * write lock up front on SQLite (BEGIN IMMEDIATE) so that a transaction
 * never fails half-way on a lock upgrade. */
enum store_rc db_begin(struct db *db);
enum store_rc db_commit(struct db *db);
void db_rollback(struct db *db);

typedef enum store_rc (*store_tx_cb)(struct db *db, void *arg);

/*
 * Run fn inside a transaction: commit if it returns STORE_OK, roll back
 * otherwise, and run it again, a bounded number of times with a short
 * backoff, while the result is STORE_RETRY (at most STORE_TX_MAX_ATTEMPTS
 * runs). fn must be safe to run more than once. Returns fn's final result
 * (or the commit's). If db is already inside a transaction, fn simply runs
 * as part of it, once, and the outer transaction decides.
 */
enum store_rc store_tx(struct db *db, store_tx_cb fn, void *arg);

/*
 * Run fn(arg) once the current transaction on db commits; on rollback run
 * discard(arg) instead (either may be NULL). Outside a transaction fn runs
 * at once. This is how domain code publishes events "after commit".
 */
typedef void (*db_commit_cb)(void *arg);
void db_on_commit(struct db *db, db_commit_cb fn, db_commit_cb discard,
                  void *arg);

/* Run sql with no parameters and no result rows (DDL, PRAGMA). */
enum store_rc db_exec(struct db *db, const char *sql);

/* --- cross-node notifications (PostgreSQL) ---------------------------- */

/* Send a notification on channel (NOTIFY); delivered after commit. A no-op
 * on SQLite, where all listeners share the process. */
enum store_rc db_notify(struct db *db, const char *channel,
                        const char *payload);

typedef void (*store_notify_cb)(const char *channel, const char *payload,
                                void *arg);

/*
 * Start a thread that LISTENs on channel with a connection of its own and
 * calls fn for each notification (from that thread). A no-op on SQLite.
 * Stopped by store_close().
 */
enum store_rc store_listen(struct store *s, const char *channel,
                           store_notify_cb fn, void *arg);

#endif

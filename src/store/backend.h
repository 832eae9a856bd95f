/*
 * The driver seam inside the storage module: one const struct of functions
 * per backend (sqlite.c, postgres.c), and the parts of struct db and struct
 * db_stmt that store.c manages for every backend. Nothing outside src/store/
 * includes this file.
 */
#ifndef PARLEY_STORE_BACKEND_H
#define PARLEY_STORE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/*
 * The backend-independent head of a prepared statement. A backend embeds it
 * as the first member of its own statement struct and casts.
 */
struct db_stmt {
    struct db *db;
    char *sql;            /* cache key; owned, freed by store.c */
    bool in_use;          /* handed out by db_prepare(), not yet done */
    bool cached;          /* in the connection's cache (else freed on done) */
    bool bind_error;      /* a bind named a parameter the SQL lacks */
    struct db_stmt *next; /* next in the cache bucket */
};

/* A callback registered with db_on_commit(), waiting for the outcome. */
struct db_hook {
    db_commit_cb fn;
    db_commit_cb discard;
    void *arg;
};

#define DB_CACHE_BUCKETS 128

/*
 * The backend-independent head of a connection; a backend embeds it as the
 * first member of its own connection struct.
 */
struct db {
    struct store *store;
    const struct store_backend *be;
    bool in_use; /* taken from the pool */
    bool in_tx;  /* between db_begin() and commit/rollback */
    bool broken; /* the backend saw the connection fail */
    struct db_stmt *cache[DB_CACHE_BUCKETS];
    struct db_hook *hooks;
    size_t nhooks, hooks_cap;
};

/*
 * One backend. Every function gets arguments already checked by store.c:
 * statements are in use, text and blob pointers are non-NULL (NULL values
 * go through bind_null), indexes are >= 1 for binds and >= 0 for columns.
 * Failures are logged by the backend with the SQL (never the parameters).
 */
struct store_backend {
    const char *name;
    enum store_dialect dialect;
    const char *pk_sql;   /* replaces @PK@ in migrations */
    const char *blob_sql; /* replaces @BLOB@ */

    /* target is the SQLite file path or the PostgreSQL URL. */
    enum store_rc (*connect)(const char *target, struct db **out);
    void (*disconnect)(struct db *db);
    /* Called on acquire: reconnect a broken connection. Sets *reconnected
     * when server-side state (prepared statements) was lost. */
    enum store_rc (*revive)(struct db *db, bool *reconnected);

    enum store_rc (*prepare)(struct db *db, const char *sql,
                             struct db_stmt **out);
    void (*finalize)(struct db_stmt *st);
    void (*bind_int64)(struct db_stmt *st, int idx, int64_t v);
    void (*bind_double)(struct db_stmt *st, int idx, double v);
    void (*bind_text)(struct db_stmt *st, int idx, const char *s, size_t n);
    void (*bind_blob)(struct db_stmt *st, int idx, const void *p, size_t n);
    void (*bind_null)(struct db_stmt *st, int idx);
    enum store_rc (*step)(struct db_stmt *st);
    int64_t (*col_int64)(struct db_stmt *st, int col);
    double (*col_double)(struct db_stmt *st, int col);
    const char *(*col_text)(struct db_stmt *st, int col);
    const void *(*col_blob)(struct db_stmt *st, int col, size_t *len);
    bool (*col_is_null)(struct db_stmt *st, int col);
    int64_t (*changes)(struct db_stmt *st);
    void (*reset)(struct db_stmt *st);

    enum store_rc (*exec)(struct db *db, const char *sql);
    enum store_rc (*begin)(struct db *db);
    enum store_rc (*commit)(struct db *db);
    void (*rollback)(struct db *db);
    /* Inside a transaction: keep other nodes out of the migration runner
     * until it ends. */
    enum store_rc (*lock_migrations)(struct db *db);

    enum store_rc (*notify)(struct db *db, const char *channel,
                            const char *payload);
    /* Start a listener; *handle is passed to unlisten() to stop it. */
    enum store_rc (*listen)(const char *target, const char *channel,
                            store_notify_cb fn, void *arg, void **handle);
    void (*unlisten)(void *handle);
};

extern const struct store_backend store_sqlite_backend;
extern const struct store_backend store_postgres_backend;

/* Counts a failed statement in the store's statistics (store.c). */
void store_count_error(struct store *s);

/*
 * Apply the embedded migrations that db has not seen yet (migrate.c).
 * Returns STORE_OK and sets *version to the highest applied, or
 * STORE_ERROR (logged), e.g. when the database is newer than the binary.
 */
enum store_rc store_migrate(struct db *db, int *version);

/* Highest applied migration, or -1 on error (migrate.c). */
int store_read_version(struct db *db);

/* Copy at most 200 bytes of sql into out as a quoted log value. */
const char *store_log_sql(const char *sql, char *out, size_t n);

#endif

/*
 * The PostgreSQL backend (libpq). Statements are prepared once per
 * connection under a generated name; parameters go as text, blobs as
 * binary; results come back as text, and bytea is decoded on read.
 * Notifications use LISTEN/NOTIFY, each listener on its own connection.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/mem.h"
#include "store/backend.h"

/* The type oid of bytea (pg_type.h), to decode it in col_blob. */
#define PG_BYTEA_OID 17

/* Any fixed number: all nodes take this advisory lock to migrate. */
#define PG_MIGRATION_LOCK "7266253981"

struct pg_db {
    struct db base;
    PGconn *conn;
    unsigned next_id; /* for statement names */
};

struct pg_stmt {
    struct db_stmt base;
    char name[24];
    int nparams;
    char **values; /* owned copies, NULL for SQL NULL */
    int *lengths;
    int *formats; /* 0 text, 1 binary */
    PGresult *res;
    bool ran;
    enum store_rc failed; /* STORE_OK unless the execution failed */
    int row, nrows;
    unsigned char **blobs; /* decoded bytea per column of the current row */
    size_t *blob_lens;
    int nblobs;
};

static PGconn *conn_of(struct db *db)
{
    return ((struct pg_db *)db)->conn;
}

static struct pg_stmt *pst(struct db_stmt *st)
{
    return (struct pg_stmt *)st;
}

/* Serialization failure, deadlock and lock-not-available can succeed on
 * another try; class 23 is an integrity constraint violation. */
static enum store_rc map_sqlstate(const char *state)
{
    if (!state)
        return STORE_ERROR;
    if (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
        !strcmp(state, "55P03"))
        return STORE_RETRY;
    if (!strncmp(state, "23", 2))
        return STORE_CONSTRAINT;
    return STORE_ERROR;
}

/*
 * Log a failed result with its SQLSTATE, primary message (the detail line,
 * which may quote values, is left out) and the start of the SQL; mark the
 * connection broken if it was lost. Returns the mapped status.
 */
static enum store_rc fail(struct db *db, const PGresult *res, const char *sql)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    enum store_rc rc = map_sqlstate(state);
    char qsql[256], qmsg[256];

    if (PQstatus(conn_of(db)) != CONNECTION_OK)
        db->broken = true;
    if (!msg)
        msg = PQerrorMessage(conn_of(db));
    if (rc == STORE_ERROR)
        store_count_error(db->store);
    log_write(rc == STORE_ERROR ? LOG_ERROR : LOG_DEBUG, __FILE__, __LINE__,
              "store_pg_error", "sqlstate=%s msg=%s sql=%s",
              state ? state : "none", log_quote(msg, qmsg, sizeof(qmsg)),
              store_log_sql(sql, qsql, sizeof(qsql)));
    return rc;
}

static enum store_rc pg_exec(struct db *db, const char *sql)
{
    PGresult *res = PQexec(conn_of(db), sql);
    ExecStatusType s = PQresultStatus(res);
    enum store_rc rc = STORE_OK;

    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        rc = fail(db, res, sql);
    PQclear(res);
    return rc;
}

/* Server notices ("relation already exists, skipping") are not errors. */
static void quiet_notice(void *arg, const char *message)
{
    char q[256];

    log_debug("store_pg_notice", "msg=%s", log_quote(message, q, sizeof(q)));
}

/*
 * Open a libpq connection to url. Returns it ready for use, or NULL with
 * the reason logged (never the URL, which may hold a password).
 */
static PGconn *open_conn(const char *url)
{
    PGconn *conn = PQconnectdb(url);
    char q[256];

    if (PQstatus(conn) != CONNECTION_OK) {
        log_error(
            "store_open_failed", "backend=postgres msg=%s",
            log_quote(conn ? PQerrorMessage(conn) : "no memory", q, sizeof(q)));
        PQfinish(conn);
        return NULL;
    }
    PQsetNoticeProcessor(conn, quiet_notice, NULL);
    PQsetClientEncoding(conn, "UTF8");
    return conn;
}

static enum store_rc pg_connect(const char *target, struct db **out)
{
    PGconn *conn = open_conn(target);
    struct pg_db *pdb;

    if (!conn)
        return STORE_ERROR;
    pdb = xcalloc(1, sizeof(*pdb));
    pdb->conn = conn;
    *out = &pdb->base;
    return STORE_OK;
}

static void pg_disconnect(struct db *db)
{
    PQfinish(conn_of(db));
    free(db);
}

static enum store_rc pg_revive(struct db *db, bool *reconnected)
{
    PGconn *conn = conn_of(db);

    *reconnected = false;
    if (!db->broken && PQstatus(conn) == CONNECTION_OK)
        return STORE_OK;
    PQreset(conn);
    if (PQstatus(conn) != CONNECTION_OK) {
        log_warn("store_pg_reconnect_failed", "reason=\"server unreachable\"");
        return STORE_ERROR;
    }
    log_warn("store_pg_reconnected", "reason=\"connection was lost\"");
    PQsetClientEncoding(conn, "UTF8");
    db->broken = false;
    *reconnected = true;
    return STORE_OK;
}

/*
 * Prepare sql under a fresh name on this connection and learn how many
 * parameters it takes, so binds can be checked and sent as arrays.
 */
static enum store_rc pg_prepare(struct db *db, const char *sql,
                                struct db_stmt **out)
{
    struct pg_db *pdb = (struct pg_db *)db;
    char name[24];
    PGresult *res;
    struct pg_stmt *st;
    int n;

    snprintf(name, sizeof(name), "p%u", ++pdb->next_id);
    res = PQprepare(pdb->conn, name, sql, 0, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        enum store_rc rc = fail(db, res, sql);

        PQclear(res);
        return rc;
    }
    PQclear(res);
    res = PQdescribePrepared(pdb->conn, name);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        enum store_rc rc = fail(db, res, sql);

        PQclear(res);
        return rc;
    }
    n = PQnparams(res);
    PQclear(res);

    st = xcalloc(1, sizeof(*st));
    memcpy(st->name, name, sizeof(name));
    st->nparams = n;
    st->values = xcalloc((size_t)n + 1, sizeof(*st->values));
    st->lengths = xcalloc((size_t)n + 1, sizeof(*st->lengths));
    st->formats = xcalloc((size_t)n + 1, sizeof(*st->formats));
    st->row = -1;
    *out = &st->base;
    return STORE_OK;
}

/* Free the bytea values decoded from the current row. */
static void free_blobs(struct pg_stmt *st)
{
    for (int i = 0; i < st->nblobs; i++)
        PQfreemem(st->blobs[i]);
    free(st->blobs);
    free(st->blob_lens);
    st->blobs = NULL;
    st->blob_lens = NULL;
    st->nblobs = 0;
}

/* Forget the current result and the bound values. */
static void pg_reset(struct db_stmt *base)
{
    struct pg_stmt *st = pst(base);

    PQclear(st->res);
    st->res = NULL;
    free_blobs(st);
    for (int i = 0; i < st->nparams; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
        st->formats[i] = 0;
        st->lengths[i] = 0;
    }
    st->ran = false;
    st->failed = STORE_OK;
    st->row = -1;
    st->nrows = 0;
}

/*
 * Free a statement. A private (uncached) statement is also dropped on the
 * server; a cached one lives until its connection closes or is reset.
 */
static void pg_finalize(struct db_stmt *base)
{
    struct pg_stmt *st = pst(base);
    PGconn *conn = conn_of(base->db);

    pg_reset(base);
    if (!base->cached && PQstatus(conn) == CONNECTION_OK &&
        PQtransactionStatus(conn) != PQTRANS_INERROR) {
        char sql[48];

        snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
        PQclear(PQexec(conn, sql));
    }
    free(st->values);
    free(st->lengths);
    free(st->formats);
    free(st);
}

/* Store value (owned; NULL for SQL NULL) as parameter idx. */
static void set_param(struct db_stmt *base, int idx, char *value, int len,
                      int format)
{
    struct pg_stmt *st = pst(base);

    if (idx < 1 || idx > st->nparams) {
        base->bind_error = true;
        free(value);
        return;
    }
    free(st->values[idx - 1]);
    st->values[idx - 1] = value;
    st->lengths[idx - 1] = len;
    st->formats[idx - 1] = format;
}

static void pg_bind_int64(struct db_stmt *st, int idx, int64_t v)
{
    set_param(st, idx, xasprintf("%lld", (long long)v), 0, 0);
}

static void pg_bind_double(struct db_stmt *st, int idx, double v)
{
    set_param(st, idx, xasprintf("%.17g", v), 0, 0);
}

/* Text goes as a C string, so a NUL inside it cannot be sent: refuse it
 * rather than cut the value short. */
static void pg_bind_text(struct db_stmt *st, int idx, const char *s, size_t n)
{
    if (memchr(s, '\0', n)) {
        st->bind_error = true;
        return;
    }
    set_param(st, idx, xstrndup(s, n), 0, 0);
}

static void pg_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    char *copy;

    if (n > INT32_MAX) {
        st->bind_error = true;
        return;
    }
    copy = xmalloc(n ? n : 1);
    memcpy(copy, p, n);
    set_param(st, idx, copy, (int)n, 1);
}

static void pg_bind_null(struct db_stmt *st, int idx)
{
    set_param(st, idx, NULL, 0, 0);
}

/* Execute on the first step (the whole result arrives at once), then walk
 * its rows. */
static enum store_rc pg_step(struct db_stmt *base)
{
    struct pg_stmt *st = pst(base);

    if (!st->ran) {
        ExecStatusType s;

        st->ran = true;
        st->res = PQexecPrepared(conn_of(base->db), st->name, st->nparams,
                                 (const char *const *)st->values, st->lengths,
                                 st->formats, 0);
        s = PQresultStatus(st->res);
        if (s == PGRES_TUPLES_OK)
            st->nrows = PQntuples(st->res);
        else if (s != PGRES_COMMAND_OK)
            st->failed = fail(base->db, st->res, base->sql);
    }
    if (st->failed != STORE_OK)
        return st->failed;
    free_blobs(st);
    if (st->row < st->nrows)
        st->row++;
    return st->row < st->nrows ? STORE_ROW : STORE_DONE;
}

/* The text of column col in the current row, or NULL (also when out of
 * range or SQL NULL). */
static const char *value(struct pg_stmt *st, int col)
{
    if (!st->res || st->row < 0 || st->row >= st->nrows || col < 0 ||
        col >= PQnfields(st->res) || PQgetisnull(st->res, st->row, col))
        return NULL;
    return PQgetvalue(st->res, st->row, col);
}

/* Booleans arrive as "t"/"f"; read them as 1/0 like SQLite does. */
static int64_t pg_col_int64(struct db_stmt *st, int col)
{
    const char *v = value(pst(st), col);

    if (!v)
        return 0;
    if (v[0] == 't' || v[0] == 'f')
        return v[0] == 't';
    return strtoll(v, NULL, 10);
}

static double pg_col_double(struct db_stmt *st, int col)
{
    const char *v = value(pst(st), col);

    return v ? strtod(v, NULL) : 0;
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
    return value(pst(st), col);
}

/*
 * bytea comes as hex text and is decoded, once per column and row, so that
 * several blob columns of one row can be held at the same time; other
 * types are returned as their text.
 */
static const void *pg_col_blob(struct db_stmt *base, int col, size_t *len)
{
    struct pg_stmt *st = pst(base);
    const char *v = value(st, col);

    *len = 0;
    if (!v)
        return NULL;
    if (PQftype(st->res, col) != PG_BYTEA_OID) {
        *len = (size_t)PQgetlength(st->res, st->row, col);
        return v;
    }
    if (!st->blobs) {
        st->nblobs = PQnfields(st->res);
        st->blobs = xcalloc((size_t)st->nblobs, sizeof(*st->blobs));
        st->blob_lens = xcalloc((size_t)st->nblobs, sizeof(*st->blob_lens));
    }
    if (!st->blobs[col]) {
        st->blobs[col] =
            PQunescapeBytea((const unsigned char *)v, &st->blob_lens[col]);
        if (!st->blobs[col]) {
            log_error("store_pg_bytea_failed", "reason=\"cannot decode\"");
            return NULL;
        }
    }
    *len = st->blob_lens[col];
    return st->blobs[col];
}

static bool pg_col_is_null(struct db_stmt *st, int col)
{
    return value(pst(st), col) == NULL;
}

static int64_t pg_changes(struct db_stmt *st)
{
    const char *n = pst(st)->res ? PQcmdTuples(pst(st)->res) : "";

    return *n ? strtoll(n, NULL, 10) : 0;
}

static enum store_rc pg_begin(struct db *db)
{
    return pg_exec(db, "BEGIN");
}

/*
 * COMMIT of a transaction in which a statement failed quietly rolls back
 * and reports "ROLLBACK"; that must not look like success.
 */
static enum store_rc pg_commit(struct db *db)
{
    PGconn *conn = conn_of(db);
    PGresult *res;
    enum store_rc rc = STORE_OK;

    if (PQtransactionStatus(conn) == PQTRANS_INERROR) {
        log_error("store_pg_commit_failed",
                  "reason=\"a statement in the transaction failed\"");
        return STORE_ERROR;
    }
    res = PQexec(conn, "COMMIT");
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = fail(db, res, "COMMIT");
    else if (strcmp(PQcmdStatus(res), "COMMIT") != 0)
        rc = STORE_ERROR;
    PQclear(res);
    return rc;
}

static void pg_rollback(struct db *db)
{
    if (PQtransactionStatus(conn_of(db)) != PQTRANS_IDLE)
        pg_exec(db, "ROLLBACK");
}

static enum store_rc pg_lock_migrations(struct db *db)
{
    return pg_exec(db, "SELECT pg_advisory_xact_lock(" PG_MIGRATION_LOCK ")");
}

static enum store_rc pg_notify(struct db *db, const char *channel,
                               const char *payload)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, "SELECT pg_notify($1, $2)", &st);

    if (rc != STORE_OK)
        return rc;
    db_bind_text(st, 1, channel, -1);
    db_bind_text(st, 2, payload, -1);
    rc = db_step(st);
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* --- listeners -------------------------------------------------------- */

struct pg_listener {
    pthread_t thread;
    char *url;
    char *channel;
    store_notify_cb fn;
    void *arg;
    PGconn *conn;
    int wake[2]; /* written by unlisten() to stop the thread */
};

/* Connect and LISTEN on l->channel. Returns the connection or NULL. */
static PGconn *listen_connect(struct pg_listener *l)
{
    PGconn *conn = open_conn(l->url);
    char *ident, *sql;
    PGresult *res;
    bool ok;

    if (!conn)
        return NULL;
    ident = PQescapeIdentifier(conn, l->channel, strlen(l->channel));
    sql = xasprintf("LISTEN %s", ident ? ident : "\"\"");
    res = PQexec(conn, sql);
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok)
        log_error("store_pg_listen_failed", "channel=%s", l->channel);
    PQclear(res);
    PQfreemem(ident);
    free(sql);
    if (!ok) {
        PQfinish(conn);
        return NULL;
    }
    return conn;
}

/* Wait up to ms for the stop signal; true once it came. */
static bool wait_stop(struct pg_listener *l, int ms)
{
    struct pollfd p = {.fd = l->wake[0], .events = POLLIN};

    return poll(&p, 1, ms) > 0;
}

static void deliver(struct pg_listener *l)
{
    PGnotify *n;

    while ((n = PQnotifies(l->conn)) != NULL) {
        l->fn(n->relname, n->extra, l->arg);
        PQfreemem(n);
    }
}

/*
 * Wait for notifications or the stop signal. A lost connection is
 * reopened after a pause; notifications sent while it was down are lost,
 * so subscribers must treat them as hints and re-read what they need.
 */
static void *listen_main(void *arg)
{
    struct pg_listener *l = arg;

    for (;;) {
        struct pollfd p[2] = {{.fd = l->wake[0], .events = POLLIN},
                              {.fd = -1, .events = POLLIN}};

        if (!l->conn) {
            if (wait_stop(l, 1000))
                break;
            l->conn = listen_connect(l);
            continue;
        }
        p[1].fd = PQsocket(l->conn);
        if (poll(p, 2, 1000) < 0 && errno != EINTR)
            break;
        if (p[0].revents)
            break;
        if (p[1].revents && !PQconsumeInput(l->conn)) {
            log_warn("store_pg_listen_lost", "channel=%s", l->channel);
            PQfinish(l->conn);
            l->conn = NULL;
            continue;
        }
        deliver(l);
    }
    return NULL;
}

static void free_listener(struct pg_listener *l)
{
    PQfinish(l->conn);
    close(l->wake[0]);
    close(l->wake[1]);
    free(l->url);
    free(l->channel);
    free(l);
}

/* LISTEN before returning, so that a NOTIFY sent after this call returns
 * is delivered. */
static enum store_rc pg_listen(const char *target, const char *channel,
                               store_notify_cb fn, void *arg, void **handle)
{
    struct pg_listener *l = xcalloc(1, sizeof(*l));

    *handle = NULL;
    l->url = xstrdup(target);
    l->channel = xstrdup(channel);
    l->fn = fn;
    l->arg = arg;
    if (pipe(l->wake) != 0) {
        log_error("store_pg_listen_failed", "reason=\"pipe: %s\"",
                  strerror(errno));
        free(l->url);
        free(l->channel);
        free(l);
        return STORE_ERROR;
    }
    l->conn = listen_connect(l);
    if (!l->conn || pthread_create(&l->thread, NULL, listen_main, l) != 0) {
        free_listener(l);
        return STORE_ERROR;
    }
    *handle = l;
    return STORE_OK;
}

static void pg_unlisten(void *handle)
{
    struct pg_listener *l = handle;

    if (write(l->wake[1], "x", 1) != 1)
        log_error("store_pg_unlisten_failed", "reason=\"%s\"", strerror(errno));
    pthread_join(l->thread, NULL);
    free_listener(l);
}

const struct store_backend store_postgres_backend = {
    .name = "postgres",
    .dialect = STORE_POSTGRES,
    .pk_sql = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .blob_sql = "BYTEA",
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .revive = pg_revive,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .col_is_null = pg_col_is_null,
    .changes = pg_changes,
    .reset = pg_reset,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .lock_migrations = pg_lock_migrations,
    .notify = pg_notify,
    .listen = pg_listen,
    .unlisten = pg_unlisten,
};

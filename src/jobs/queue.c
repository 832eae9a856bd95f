/*
 * The rows of the job queue: adding jobs inside the caller's transaction,
 * cancelling them, what administrators see and retry, and the purge of
 * old rows. The workers that run jobs are in runtime.c.
 */
#include "jobs/jobs.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "jobs/internal.h"

/* Rows deleted per purge transaction, and transactions per purge call, so
 * that one purge never holds the write lock for long. */
#define PURGE_BATCH       500
#define PURGE_MAX_BATCHES 200

#define INFO_COLUMNS                                                           \
    "id, account_id, kind, payload, state, run_at, attempts, max_attempts, "   \
    "last_error, locked_by, created_at, finished_at"

bool jobs_kind_is_valid(const char *kind)
{
    size_t n = kind ? strlen(kind) : 0;

    if (n == 0 || n > 64)
        return false;
    return strspn(kind, "abcdefghijklmnopqrstuvwxyz0123456789._:-") == n;
}

/* Check a spec before it becomes a row: a kind, a sane attempt count and
 * a payload that is JSON. Returns true if it can be enqueued. */
static bool spec_is_valid(const struct job_spec *spec)
{
    json_error_t err;
    json_t *doc;

    if (!jobs_kind_is_valid(spec->kind) || spec->max_attempts < 0 ||
        spec->run_at < 0)
        return false;
    if (spec->unique_key && !spec->unique_key[0])
        return false;
    if (!spec->payload)
        return true;
    doc = json_loads(spec->payload, JSON_DECODE_ANY, &err);
    if (!doc)
        return false;
    json_decref(doc);
    return true;
}

/* A finished job keeps its unique_key until a new job wants the key: free
 * it here so the unique index only ever blocks unfinished jobs. */
static enum store_rc release_finished_key(struct db *db, const char *key)
{
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db,
                    "UPDATE jobs SET unique_key = NULL WHERE unique_key = $1 "
                    "AND state IN ('done', 'failed')",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_text(st, 1, key, -1);
    rc = db_step(st);
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Look up the id of the unfinished job holding key. */
static enum store_rc find_by_key(struct db *db, const char *key, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db, "SELECT id FROM jobs WHERE unique_key = $1", &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_text(st, 1, key, -1);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *id = db_col_int64(st, 0);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        /* The holder was cancelled since our insert met it: run the
         * transaction again, and this time the insert will succeed. */
        log_debug("jobs_unique_key_vanished", "key_len=%zu", strlen(key));
        rc = STORE_RETRY;
    }
    db_done(st);
    return rc;
}

/* Insert the row; on a unique_key conflict insert nothing and set *id to
 * 0 so the caller looks the holder up. */
static enum store_rc insert_job(struct db *db, const struct job_spec *spec,
                                int64_t now, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db,
                    "INSERT INTO jobs (account_id, kind, payload, unique_key, "
                    "state, run_at, max_attempts, created_at) "
                    "VALUES ($1, $2, $3, $4, 'ready', $5, $6, $7) "
                    "ON CONFLICT (unique_key) DO NOTHING RETURNING id",
                    &st);
    if (rc != STORE_OK)
        return rc;
    if (spec->account_id)
        db_bind_int64(st, 1, spec->account_id);
    else
        db_bind_null(st, 1);
    db_bind_text(st, 2, spec->kind, -1);
    db_bind_text(st, 3, spec->payload ? spec->payload : "{}", -1);
    db_bind_text(st, 4, spec->unique_key, -1);
    db_bind_int64(st, 5, spec->run_at ? spec->run_at : now);
    db_bind_int64(st, 6,
                  spec->max_attempts ? spec->max_attempts
                                     : JOBS_DEFAULT_MAX_ATTEMPTS);
    db_bind_int64(st, 7, now);
    rc = db_step(st);
    *id = rc == STORE_ROW ? db_col_int64(st, 0) : 0;
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* db_on_commit hook: arg is the store the job was committed on. */
static void on_enqueue_committed(void *arg)
{
    jobs_wake_store(arg);
}

/* Validate, free the key from any finished holder, insert or find the
 * unfinished holder, then arrange the wake-ups, all in the caller's
 * transaction. */
enum store_rc jobs_enqueue(struct db *db, const struct job_spec *spec,
                           int64_t *id_out)
{
    int64_t id = 0;
    enum store_rc rc;

    if (!spec_is_valid(spec)) {
        log_warn("jobs_bad_spec", "kind_valid=%d",
                 jobs_kind_is_valid(spec->kind));
        rc = STORE_CONSTRAINT;
        goto out;
    }
    if (spec->unique_key) {
        rc = release_finished_key(db, spec->unique_key);
        if (rc != STORE_OK)
            goto out;
    }
    rc = insert_job(db, spec, clock_now_ms(), &id);
    if (rc != STORE_OK)
        goto out;
    if (id == 0) {
        /* The key is held by an unfinished job: that one stands. */
        rc = find_by_key(db, spec->unique_key, &id);
        goto out;
    }

    db_on_commit(db, on_enqueue_committed, NULL, db_store(db));
    rc = db_notify(db, JOBS_CHANNEL, "");

out:
    if (id_out)
        *id_out = rc == STORE_OK ? id : 0;
    return rc;
}

/* Run a write that should change exactly one row; STORE_NOT_FOUND if it
 * changed none. The statement is bound by the caller. */
static enum store_rc step_one_change(struct db_stmt *st)
{
    enum store_rc rc = db_step(st);

    if (rc == STORE_DONE)
        rc = db_changes(st) > 0 ? STORE_OK : STORE_NOT_FOUND;
    db_done(st);
    return rc;
}

/* Read a job's state into *state (one of the four, as a short string). */
static enum store_rc read_state(struct db *db, int64_t account_id, int64_t id,
                                char state[16])
{
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db,
                    "SELECT state FROM jobs WHERE id = $1 AND "
                    "(CAST($2 AS BIGINT) = 0 OR account_id = $2)",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        const char *s = db_col_text(st, 0);
        snprintf(state, 16, "%s", s ? s : "");
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Deleting rather than marking keeps cancelled work out of the failed
 * list administrators read. */
enum store_rc jobs_cancel(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    char state[16];
    enum store_rc rc;

    rc = db_prepare(db,
                    "DELETE FROM jobs WHERE id = $1 AND "
                    "(CAST($2 AS BIGINT) = 0 OR account_id = $2) AND "
                    "state IN ('ready', 'failed')",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    rc = step_one_change(st);
    if (rc != STORE_NOT_FOUND)
        return rc;

    /* Nothing deleted: tell "running" (refused) from "no such job". */
    rc = read_state(db, account_id, id, state);
    if (rc == STORE_OK)
        rc = strcmp(state, "running") == 0 ? STORE_CONSTRAINT : STORE_NOT_FOUND;
    return rc;
}

/* Only a ready job: one that is running cannot be taken back. */
enum store_rc jobs_cancel_key(struct db *db, const char *unique_key)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (!unique_key)
        return STORE_NOT_FOUND;
    rc = db_prepare(db,
                    "DELETE FROM jobs WHERE unique_key = $1 AND state = "
                    "'ready'",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_text(st, 1, unique_key, -1);
    return step_one_change(st);
}

void jobs_info_free(struct job_info *info)
{
    if (!info)
        return;
    free(info->kind);
    free(info->payload);
    free(info->state);
    free(info->last_error);
    free(info->locked_by);
    memset(info, 0, sizeof(*info));
}

void jobs_info_free_array(struct job_info *infos, size_t n)
{
    if (!infos)
        return;
    for (size_t i = 0; i < n; i++)
        jobs_info_free(&infos[i]);
    free(infos);
}

/* A copy of a text column, or NULL for SQL NULL. */
static char *dup_col(struct db_stmt *st, int col)
{
    const char *s = db_col_text(st, col);

    return s ? xstrdup(s) : NULL;
}

/* Copy the current row (INFO_COLUMNS order) into *out. */
static void read_info(struct db_stmt *st, struct job_info *out)
{
    out->id = db_col_int64(st, 0);
    out->account_id = db_col_int64(st, 1);
    out->kind = dup_col(st, 2);
    out->payload = dup_col(st, 3);
    out->state = dup_col(st, 4);
    out->run_at = db_col_int64(st, 5);
    out->attempts = (int)db_col_int64(st, 6);
    out->max_attempts = (int)db_col_int64(st, 7);
    out->last_error = dup_col(st, 8);
    out->locked_by = dup_col(st, 9);
    out->created_at = db_col_int64(st, 10);
    out->finished_at = db_col_int64(st, 11);
}

/* account_id 0 means any account, for installation administrators. */
enum store_rc jobs_get(struct db *db, int64_t account_id, int64_t id,
                       struct job_info *out)
{
    struct db_stmt *st;
    enum store_rc rc;

    memset(out, 0, sizeof(*out));
    rc = db_prepare(db,
                    "SELECT " INFO_COLUMNS " FROM jobs WHERE id = $1 AND "
                    "(CAST($2 AS BIGINT) = 0 OR account_id = $2)",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        read_info(st, out);
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Newest first, so pagination goes backwards with before_id. */
enum store_rc jobs_list_failed(struct db *db, int64_t account_id,
                               int64_t before_id, int limit,
                               struct job_info **out, size_t *n)
{
    struct job_info *infos = NULL;
    struct db_stmt *st;
    size_t count = 0;
    enum store_rc rc;

    *out = NULL;
    *n = 0;
    if (limit < 1 || limit > 500 || before_id < 0)
        return STORE_CONSTRAINT;
    rc = db_prepare(db,
                    "SELECT " INFO_COLUMNS " FROM jobs WHERE state = 'failed' "
                    "AND (CAST($1 AS BIGINT) = 0 OR account_id = $1) "
                    "AND (CAST($2 AS BIGINT) = 0 OR id < $2) "
                    "ORDER BY id DESC LIMIT $3",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, before_id);
    db_bind_int64(st, 3, limit);

    infos = xcalloc((size_t)limit, sizeof(*infos));
    while ((rc = db_step(st)) == STORE_ROW)
        read_info(st, &infos[count++]);
    db_done(st);
    if (rc != STORE_DONE) {
        jobs_info_free_array(infos, count);
        return rc;
    }
    *out = infos;
    *n = count;
    return STORE_OK;
}

/* attempts restarts at 0: the failure used them all, and an
 * administrator who retries expects the job to get a full run again. */
enum store_rc jobs_retry(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db,
                    "UPDATE jobs SET state = 'ready', attempts = 0, "
                    "run_at = $3, lease_until = NULL, locked_by = NULL, "
                    "finished_at = NULL WHERE id = $1 AND state = 'failed' "
                    "AND (CAST($2 AS BIGINT) = 0 OR account_id = $2)",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    db_bind_int64(st, 3, clock_now_ms());
    rc = step_one_change(st);
    if (rc == STORE_OK) {
        db_on_commit(db, on_enqueue_committed, NULL, db_store(db));
        rc = db_notify(db, JOBS_CHANNEL, "");
    }
    return rc;
}

/* One purge batch: the SQL deletes at most PURGE_BATCH rows older than
 * `before`; `deleted` gets how many it did. */
struct purge_batch {
    const char *sql;
    int64_t before;
    int64_t deleted;
};

/* store_tx body for one batch. */
static enum store_rc purge_batch_tx(struct db *db, void *arg)
{
    struct purge_batch *b = arg;
    struct db_stmt *st;
    enum store_rc rc;

    rc = db_prepare(db, b->sql, &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, b->before);
    db_bind_int64(st, 2, PURGE_BATCH);
    rc = db_step(st);
    b->deleted = rc == STORE_DONE ? db_changes(st) : 0;
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Run batches of sql until one deletes less than a full batch or the
 * per-call bound is reached. Adds the rows deleted to *total. */
static enum store_rc purge_table(struct db *db, const char *sql, int64_t before,
                                 int64_t *total)
{
    struct purge_batch b = {sql, before, 0};
    enum store_rc rc = STORE_OK;

    for (int i = 0; i < PURGE_MAX_BATCHES; i++) {
        rc = store_tx(db, purge_batch_tx, &b);
        if (rc != STORE_OK)
            break;
        *total += b.deleted;
        if (b.deleted < PURGE_BATCH)
            break;
    }
    return rc;
}

enum store_rc jobs_purge(struct db *db, int64_t done_before,
                         int64_t events_before, int64_t *jobs_deleted,
                         int64_t *events_deleted)
{
    int64_t jobs_n = 0, events_n = 0;
    enum store_rc rc = STORE_OK;

    if (done_before > 0)
        rc = purge_table(db,
                         "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs "
                         "WHERE state = 'done' AND finished_at < $1 "
                         "ORDER BY id LIMIT $2)",
                         done_before, &jobs_n);
    if (rc == STORE_OK && events_before > 0)
        rc = purge_table(db,
                         "DELETE FROM events WHERE id IN (SELECT id FROM "
                         "events WHERE created_at < $1 ORDER BY id LIMIT $2)",
                         events_before, &events_n);
    if (jobs_deleted)
        *jobs_deleted = jobs_n;
    if (events_deleted)
        *events_deleted = events_n;
    return rc;
}

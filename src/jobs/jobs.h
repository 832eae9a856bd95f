/*
 * The durable job queue: work that must happen later or survive a restart
 * is a row in the jobs table, claimed by one worker at a time with a lease.
 * Any node can run any job; the lease makes sure only one does, and a job
 * whose worker died is taken again once its lease runs out.
 *
 * Delivery is at least once: a handler may run again after a crash or a
 * lost lease, so handlers must be idempotent.
 */
#ifndef PARLEY_JOBS_H
#define PARLEY_JOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

/* What to enqueue. Strings are copied into the row; nothing is kept. */
struct job_spec {
    const char *kind;       /* handler name, e.g. "media.fetch": 1-64 of
                               [a-z0-9._:-]; required */
    int64_t account_id;     /* 0 for a job that belongs to no account */
    const char *payload;    /* JSON text; NULL means "{}" */
    int64_t run_at;         /* UTC ms; 0 means now */
    int max_attempts;       /* 0 means the default, 10 */
    const char *unique_key; /* NULL, or at most one unfinished job per key */
};

/*
 * Add a job inside the caller's transaction on db, so that the job exists
 * if and only if the change that wanted it commits. With a unique_key, if
 * an unfinished (ready or running) job holds the key, nothing is added and
 * *id_out is that job's id. Local workers are woken after commit; other
 * nodes through a notification (PostgreSQL) or their poll.
 * Returns STORE_OK, or a store error (STORE_CONSTRAINT for a bad spec).
 * id_out may be NULL.
 */
enum store_rc jobs_enqueue(struct db *db, const struct job_spec *spec,
                           int64_t *id_out);

/*
 * Remove a job that has not started (ready) or that failed. account_id
 * scopes the lookup (0: any account). Returns STORE_OK, STORE_NOT_FOUND if
 * there is no such job, or STORE_CONSTRAINT if it is running now (it cannot
 * be stopped; it will finish or fail on its own).
 */
enum store_rc jobs_cancel(struct db *db, int64_t account_id, int64_t id);

/* Remove the ready job holding unique_key, e.g. a timer that is no longer
 * needed. Returns STORE_OK or STORE_NOT_FOUND. */
enum store_rc jobs_cancel_key(struct db *db, const char *unique_key);

/* A jobs row as administrators see it. Strings are owned by the struct;
 * free with jobs_info_free(). */
struct job_info {
    int64_t id;
    int64_t account_id; /* 0 for none */
    char *kind;
    char *payload;
    char *state; /* "ready", "running", "done" or "failed" */
    int64_t run_at;
    int attempts;
    int max_attempts;
    char *last_error; /* NULL if none */
    char *locked_by;  /* NULL if not claimed */
    int64_t created_at;
    int64_t finished_at; /* 0 if not finished */
};
void jobs_info_free(struct job_info *info);
void jobs_info_free_array(struct job_info *infos, size_t n);

/* Read one job. account_id scopes it (0: any). Returns STORE_OK,
 * STORE_NOT_FOUND or a store error; on success the caller frees *out's
 * strings with jobs_info_free(). */
enum store_rc jobs_get(struct db *db, int64_t account_id, int64_t id,
                       struct job_info *out);

/*
 * List failed jobs, newest first, with id < before_id (0: from the newest)
 * and at most limit of them (1..500). account_id scopes it (0: any). On
 * STORE_OK the caller frees *out with jobs_info_free_array(*out, *n).
 */
enum store_rc jobs_list_failed(struct db *db, int64_t account_id,
                               int64_t before_id, int limit,
                               struct job_info **out, size_t *n);

/* Put a failed job back in the queue with fresh attempts, due now.
 * Returns STORE_OK, or STORE_NOT_FOUND if no failed job has that id. */
enum store_rc jobs_retry(struct db *db, int64_t account_id, int64_t id);

/*
 * Delete, in bounded batches, done jobs finished before done_before and
 * events created before events_before (UTC ms; 0 skips that table). Each
 * batch is its own transaction. Counts go to the out-parameters (may be
 * NULL). Failed jobs are never purged. Returns STORE_OK or a store error.
 */
enum store_rc jobs_purge(struct db *db, int64_t done_before,
                         int64_t events_before, int64_t *jobs_deleted,
                         int64_t *events_deleted);

/* --- the runtime ------------------------------------------------------ */

/* What a handler returns. */
enum job_result {
    JOB_DONE,  /* finished; the row becomes done */
    JOB_RETRY, /* try again later (backoff, or job->retry_in_ms); on
                  the last attempt this fails the job instead */
    JOB_FAIL,  /* permanent failure; the row becomes failed */
};

/* The job a handler runs. Strings are borrowed for the call. */
struct job {
    int64_t id;
    int64_t account_id; /* 0 for none */
    const char *kind;
    const char *payload;
    int attempt;      /* 1 on the first run */
    int max_attempts; /* the last attempt has attempt == max_attempts */

    /* Set by the handler. error is kept in last_error on RETRY and FAIL
     * (use jobs_set_error); retry_in_ms > 0 overrides the backoff. */
    char error[512];
    int64_t retry_in_ms;
};

void jobs_set_error(struct job *job, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A handler runs on a worker thread with a connection outside any
 * transaction (use store_tx for its writes). It must not keep db or job
 * after it returns.
 */
typedef enum job_result (*job_handler_cb)(struct db *db, struct job *job,
                                          void *arg);

/*
 * From inside a handler that runs long: keep the job for lease_ms more
 * from now. Returns STORE_OK, or STORE_NOT_FOUND if the lease was already
 * lost (another worker has the job; stop and return anything).
 */
enum store_rc jobs_extend_lease(struct db *db, const struct job *job,
                                int64_t lease_ms);

struct jobs;

/*
 * Create a runtime for this node on s, with `workers` threads (1..64) once
 * started. node_name names this node in locked_by and logs (copied).
 * Register handlers, then jobs_start(). Free with jobs_free().
 */
struct jobs *jobs_new(struct store *s, const char *node_name, int workers);

/* Settings; call before jobs_start(). lease_ms (default 5 minutes) is how
 * long a claimed job is ours; poll_ms (default 2 s) how often idle workers
 * look for jobs that other nodes added. */
void jobs_set_lease_ms(struct jobs *j, int64_t lease_ms);
void jobs_set_poll_ms(struct jobs *j, int64_t poll_ms);

/* Retentions of the built-in purge (defaults 7 and 3 days; 0 keeps all)
 * and how often it runs (default 1 hour). Call before jobs_start(). */
void jobs_set_purge(struct jobs *j, int64_t done_retention_ms,
                    int64_t events_retention_ms, int64_t interval_ms);

/*
 * Register the handler for kind (copied). arg is passed to each call and
 * must outlive the runtime. A node claims only the kinds it has handlers
 * for; a job of a kind no node handles stays ready, and shows in
 * parley_jobs_oldest_ready_age_seconds and parley_jobs_due. Returns 0, or
 * -1 if kind is invalid or already registered, or the runtime has started.
 */
int jobs_register(struct jobs *j, const char *kind, job_handler_cb fn,
                  void *arg);

/*
 * Make kind recurring: make sure one unfinished job of that kind exists
 * (unique_key "every:<kind>", due now if added), and after each run
 * (done or failed) enqueue the next one interval_ms later. kind must be
 * registered. Returns STORE_OK or a store error.
 */
enum store_rc jobs_every(struct jobs *j, const char *kind, int64_t interval_ms);

/* Start the worker threads (and the built-in purge, unless both of its
 * retentions are 0). Returns 0, or -1 if already started. */
int jobs_start(struct jobs *j);

/* Wake idle workers now, e.g. after moving the test clock. */
void jobs_wake(struct jobs *j);

/*
 * Stop gracefully: no new claims; wait up to timeout_ms for running
 * handlers to return. Returns 0 if every worker stopped, -1 if some are
 * still running a handler (their leases will run out and the jobs will run
 * again elsewhere). Safe to call twice.
 */
int jobs_stop(struct jobs *j, int64_t timeout_ms);

/* Free the runtime; stops it first if needed. If a worker is still stuck
 * in a handler, the memory is left to it rather than freed under it. */
void jobs_free(struct jobs *j);

/*
 * Claim and run one due job on the calling thread, as a worker would.
 * Sets *ran to whether a job was claimed. Works whether or not the
 * runtime is started; for tests and for command-line tools.
 */
enum store_rc jobs_run_one(struct jobs *j, bool *ran);

/* Counters since jobs_new(). */
struct jobs_stats {
    uint64_t runs;        /* handler calls */
    uint64_t done;        /* runs that finished the job */
    uint64_t retries;     /* runs that asked to run again */
    uint64_t failures;    /* runs that failed the job for good */
    uint64_t lost_leases; /* finishes refused because the lease was lost */
};
void jobs_get_stats(struct jobs *j, struct jobs_stats *out);

/*
 * Append Prometheus text for /metrics to out: parley_jobs{state} counts,
 * parley_jobs_oldest_ready_age_seconds, parley_jobs_due{kind}, and this
 * node's counters (parley_jobs_{runs,done,retries,failures,lost_leases}
 * _total). Reads the table with a pooled connection; the counters are
 * written even if that fails. Returns STORE_OK or a store error.
 */
enum store_rc jobs_write_metrics(struct jobs *j, struct buf *out);

#endif

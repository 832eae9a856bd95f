/*
 * Tests for the durable job queue, on SQLite ("sqlite" argument) or on
 * the PostgreSQL database named by PARLEY_TEST_PG_URL ("postgres"; the run
 * is skipped when it is unset), each test in a fresh database (testdb).
 * Time moves with clock_set_offset_ms() instead of sleeping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/mem.h"
#include "jobs/jobs.h"
#include "store/store.h"
#include "testdb.h"

/* --- fixtures --------------------------------------------------------- */

/* Each test gets a fresh database (testdb) at real time. */
static int setup(void **state)
{
    struct testdb *t = xcalloc(1, sizeof(*t));

    clock_set_offset_ms(0);
    if (testdb_open(t, 6) != 0) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int teardown(void **state)
{
    struct testdb *t = *state;

    clock_set_offset_ms(0);
    testdb_close(t);
    free(t);
    return 0;
}

static struct store *store_of(void **state)
{
    return ((struct testdb *)*state)->store;
}

/* A second store on the test's database, as another node would open. */
static struct store *open_second_store(void **state)
{
    struct testdb *t = *state;
    struct store_options opt = {
        .url = t->url, .data_dir = t->dir, .pool_size = 6};
    struct store *s = NULL;

    assert_int_equal(store_open(&opt, &s), STORE_OK);
    return s;
}

struct enqueue_args {
    struct job_spec spec;
    int64_t id;
};

static enum store_rc enqueue_tx(struct db *db, void *arg)
{
    struct enqueue_args *a = arg;

    return jobs_enqueue(db, &a->spec, &a->id);
}

/* Enqueue spec in a transaction of its own; returns the job id. */
static int64_t enqueue(struct store *s, const struct job_spec *spec)
{
    struct enqueue_args a = {*spec, 0};
    struct db *db = store_acquire(s);

    assert_int_equal(store_tx(db, enqueue_tx, &a), STORE_OK);
    store_release(db);
    assert_true(a.id > 0);
    return a.id;
}

static int64_t enqueue_kind(struct store *s, const char *kind)
{
    struct job_spec spec = {.kind = kind};

    return enqueue(s, &spec);
}

/* Read a job; the caller frees it with jobs_info_free(). */
static struct job_info get_job(struct store *s, int64_t id)
{
    struct job_info info;
    struct db *db = store_acquire(s);

    assert_int_equal(jobs_get(db, 0, id, &info), STORE_OK);
    store_release(db);
    return info;
}

static void assert_state(struct store *s, int64_t id, const char *state)
{
    struct job_info info = get_job(s, id);

    assert_string_equal(info.state, state);
    jobs_info_free(&info);
}

static int64_t count_rows(struct store *s, const char *sql)
{
    struct db *db = store_acquire(s);
    struct db_stmt *st;
    int64_t n;

    assert_int_equal(db_prepare(db, sql, &st), STORE_OK);
    assert_int_equal(db_step(st), STORE_ROW);
    n = db_col_int64(st, 0);
    db_done(st);
    store_release(db);
    return n;
}

/* Run one job on the calling thread; returns whether one was due. */
static bool run_one(struct jobs *j)
{
    bool ran = false;

    assert_int_equal(jobs_run_one(j, &ran), STORE_OK);
    return ran;
}

/* A runtime with no built-in purge, so tests see only their own jobs. */
static struct jobs *new_runtime(struct store *s, const char *node, int n)
{
    struct jobs *j = jobs_new(s, node, n);

    jobs_set_purge(j, 0, 0, 0);
    jobs_set_poll_ms(j, 50);
    return j;
}

/* Wait (really, up to 10 s) until job id reaches state. */
static void wait_for_state(struct store *s, int64_t id, const char *state)
{
    for (int i = 0; i < 1000; i++) {
        struct job_info info = get_job(s, id);
        bool there = strcmp(info.state, state) == 0;

        jobs_info_free(&info);
        if (there)
            return;
        usleep(10000);
    }
    fail_msg("job %lld never reached state %s", (long long)id, state);
}

/* --- handlers --------------------------------------------------------- */

/* Records the last job it saw and answers with a scripted result. */
struct recorder {
    atomic_int calls;
    int64_t id, account_id;
    int attempt;
    char kind[64], payload[256];
    enum job_result answer;
    int64_t retry_in_ms;
};

static enum job_result record_job(struct db *db, struct job *job, void *arg)
{
    struct recorder *r = arg;

    r->calls++;
    r->id = job->id;
    r->account_id = job->account_id;
    r->attempt = job->attempt;
    snprintf(r->kind, sizeof(r->kind), "%s", job->kind);
    snprintf(r->payload, sizeof(r->payload), "%s", job->payload);
    if (r->answer != JOB_DONE)
        jobs_set_error(job, "scripted %s on attempt %d",
                       r->answer == JOB_RETRY ? "retry" : "failure",
                       job->attempt);
    job->retry_in_ms = r->retry_in_ms;
    return r->answer;
}

/* --- tests ------------------------------------------------------------ */

static void enqueue_claim_complete(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct job_spec spec = {
        .kind = "test.echo", .account_id = 7, .payload = "{\"x\":1}"};
    int64_t id;

    assert_int_equal(jobs_register(j, "test.echo", record_job, &r), 0);
    id = enqueue(s, &spec);
    assert_state(s, id, "ready");

    assert_true(run_one(j));
    assert_int_equal(r.calls, 1);
    assert_int_equal(r.id, id);
    assert_int_equal(r.account_id, 7);
    assert_int_equal(r.attempt, 1);
    assert_string_equal(r.kind, "test.echo");
    assert_string_equal(r.payload, "{\"x\":1}");

    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "done");
    assert_int_equal(info.attempts, 1);
    assert_true(info.finished_at > 0);
    jobs_info_free(&info);
    assert_false(run_one(j));
    jobs_free(j);
}

static void bad_spec_is_refused(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);
    struct job_spec no_kind = {.payload = "{}"};
    struct job_spec bad_json = {.kind = "k", .payload = "{not json"};
    struct job_spec bad_attempts = {.kind = "k", .max_attempts = -1};
    struct job_spec bad_kind = {.kind = "no spaces"};
    int64_t id = 99;

    assert_int_equal(jobs_enqueue(db, &no_kind, &id), STORE_CONSTRAINT);
    assert_int_equal(id, 0);
    assert_int_equal(jobs_enqueue(db, &bad_json, NULL), STORE_CONSTRAINT);
    assert_int_equal(jobs_enqueue(db, &bad_attempts, NULL), STORE_CONSTRAINT);
    assert_int_equal(jobs_enqueue(db, &bad_kind, NULL), STORE_CONSTRAINT);
    store_release(db);
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM jobs"), 0);
}

static void unique_key_dedupes_until_finished(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct job_spec spec = {.kind = "test.echo", .unique_key = "conv:1"};
    int64_t first, second, third;

    jobs_register(j, "test.echo", record_job, &r);
    first = enqueue(s, &spec);
    second = enqueue(s, &spec);
    assert_int_equal(second, first);
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM jobs"), 1);

    /* Once the first has run, the key is free for a new job. */
    assert_true(run_one(j));
    third = enqueue(s, &spec);
    assert_true(third != first);
    assert_state(s, first, "done");
    assert_state(s, third, "ready");
    jobs_free(j);
}

static void retry_runs_again_after_backoff(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_RETRY};
    struct jobs *j = new_runtime(s, "n1", 1);
    int64_t id, before;

    jobs_register(j, "test.flaky", record_job, &r);
    id = enqueue_kind(s, "test.flaky");
    before = clock_now_ms();
    assert_true(run_one(j));

    /* First retry waits 2^1 s, drawn from its upper half. */
    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "ready");
    assert_int_equal(info.attempts, 1);
    assert_string_equal(info.last_error, "scripted retry on attempt 1");
    assert_true(info.run_at >= before + 1000);
    assert_true(info.run_at <= clock_now_ms() + 2000);
    jobs_info_free(&info);
    assert_false(run_one(j));

    clock_set_offset_ms(2100);
    r.answer = JOB_DONE;
    assert_true(run_one(j));
    assert_int_equal(r.attempt, 2);
    assert_state(s, id, "done");
    jobs_free(j);
}

static void backoff_is_capped_at_an_hour(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_RETRY};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct job_spec spec = {.kind = "test.flaky", .max_attempts = 50};
    struct db *db;
    int64_t id, before;

    jobs_register(j, "test.flaky", record_job, &r);
    id = enqueue(s, &spec);
    db = store_acquire(s);
    assert_int_equal(db_exec(db, "UPDATE jobs SET attempts = 29"), STORE_OK);
    store_release(db);
    before = clock_now_ms();
    assert_true(run_one(j));
    assert_int_equal(r.attempt, 30);

    struct job_info info = get_job(s, id);
    assert_true(info.run_at >= before + 1800 * 1000);
    assert_true(info.run_at <= clock_now_ms() + 3600 * 1000);
    jobs_info_free(&info);
    jobs_free(j);
}

static void handler_chosen_delay_is_used(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_RETRY, .retry_in_ms = 60000};
    struct jobs *j = new_runtime(s, "n1", 1);
    int64_t id, before;

    jobs_register(j, "test.later", record_job, &r);
    id = enqueue_kind(s, "test.later");
    before = clock_now_ms();
    assert_true(run_one(j));

    struct job_info info = get_job(s, id);
    assert_true(info.run_at >= before + 60000);
    assert_true(info.run_at <= clock_now_ms() + 60000);
    jobs_info_free(&info);
    clock_set_offset_ms(59000);
    assert_false(run_one(j));
    clock_set_offset_ms(60500);
    assert_true(run_one(j));
    jobs_free(j);
}

static void fails_after_max_attempts_and_can_be_retried(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_RETRY};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct job_spec spec = {.kind = "test.flaky", .max_attempts = 2};
    struct job_info *failed = NULL;
    size_t n = 0;
    int64_t id;

    jobs_register(j, "test.flaky", record_job, &r);
    id = enqueue(s, &spec);
    assert_true(run_one(j));
    clock_set_offset_ms(3600 * 1000);
    assert_true(run_one(j));
    assert_false(run_one(j));

    /* The row stays, failed, with the last error, and is listed. */
    struct db *db = store_acquire(s);
    assert_int_equal(jobs_list_failed(db, 0, 0, 10, &failed, &n), STORE_OK);
    assert_int_equal(n, 1);
    assert_int_equal(failed[0].id, id);
    assert_string_equal(failed[0].state, "failed");
    assert_int_equal(failed[0].attempts, 2);
    assert_string_equal(failed[0].last_error, "scripted retry on attempt 2");
    assert_true(failed[0].finished_at > 0);
    jobs_info_free_array(failed, n);

    /* An administrator's retry gives it fresh attempts, due now. */
    assert_int_equal(jobs_retry(db, 0, id), STORE_OK);
    assert_int_equal(jobs_retry(db, 0, id), STORE_NOT_FOUND);
    store_release(db);
    r.answer = JOB_DONE;
    assert_true(run_one(j));
    assert_int_equal(r.attempt, 1);
    assert_state(s, id, "done");
    jobs_free(j);
}

static void permanent_failure_is_kept(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_FAIL};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct jobs_stats st;
    int64_t id;

    jobs_register(j, "test.bad", record_job, &r);
    id = enqueue_kind(s, "test.bad");
    assert_true(run_one(j));
    assert_false(run_one(j));
    assert_int_equal(r.calls, 1);

    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "failed");
    assert_int_equal(info.attempts, 1);
    assert_string_equal(info.last_error, "scripted failure on attempt 1");
    jobs_info_free(&info);
    jobs_get_stats(j, &st);
    assert_int_equal(st.failures, 1);
    assert_int_equal(st.runs, 1);
    jobs_free(j);
}

/* A node leaves kinds it cannot handle to a node that can. */
static void unknown_kind_waits_for_a_node_that_knows_it(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *old = new_runtime(s, "old", 1);
    struct jobs *new = new_runtime(s, "new", 1);
    int64_t id;

    jobs_register(old, "test.echo", record_job, &r);
    jobs_register(new, "test.echo", record_job, &r);
    jobs_register(new, "test.newer", record_job, &r);
    id = enqueue_kind(s, "test.newer");
    assert_false(run_one(old));
    assert_state(s, id, "ready");
    assert_true(run_one(new));
    assert_string_equal(r.kind, "test.newer");
    assert_state(s, id, "done");

    /* Bad kinds are refused at registration. */
    assert_int_equal(jobs_register(new, "Bad Kind", record_job, &r), -1);
    assert_int_equal(jobs_register(new, "x'y", record_job, &r), -1);
    assert_int_equal(jobs_register(new, "test.echo", record_job, &r), -1);
    jobs_free(old);
    jobs_free(new);
}

static void delayed_job_waits_for_run_at(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct job_spec spec = {.kind = "test.echo"};
    int64_t id;

    jobs_register(j, "test.echo", record_job, &r);
    spec.run_at = clock_now_ms() + 10 * 60 * 1000;
    id = enqueue(s, &spec);
    assert_false(run_one(j));
    clock_set_offset_ms(9 * 60 * 1000);
    assert_false(run_one(j));
    assert_int_equal(r.calls, 0);
    clock_set_offset_ms(10 * 60 * 1000 + 1000);
    assert_true(run_one(j));
    assert_state(s, id, "done");
    jobs_free(j);
}

/* Mark job id as claimed by a worker that then died, lease ending at
 * lease_until. */
static void claim_as_dead_worker(struct store *s, int64_t id,
                                 int64_t lease_until)
{
    struct db *db = store_acquire(s);
    struct db_stmt *st;

    assert_int_equal(db_prepare(db,
                                "UPDATE jobs SET state = 'running', "
                                "attempts = 1, locked_by = 'dead', "
                                "lease_until = $2 WHERE id = $1",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, lease_until);
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);
    store_release(db);
}

static void expired_lease_is_reclaimed(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n2", 1);
    int64_t id;

    jobs_register(j, "test.echo", record_job, &r);
    id = enqueue_kind(s, "test.echo");
    claim_as_dead_worker(s, id, clock_now_ms() + 60000);
    assert_false(run_one(j));

    clock_set_offset_ms(60001);
    assert_true(run_one(j));
    assert_int_equal(r.attempt, 2);
    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "done");
    assert_string_equal(info.locked_by, "n2");
    jobs_info_free(&info);
    jobs_free(j);
}

/* A job that keeps killing its worker fails once its attempts are used. */
static void expired_last_attempt_fails(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n2", 1);
    struct job_spec spec = {.kind = "test.echo", .max_attempts = 1};
    int64_t id;

    jobs_register(j, "test.echo", record_job, &r);
    id = enqueue(s, &spec);
    claim_as_dead_worker(s, id, clock_now_ms() + 1000);
    clock_set_offset_ms(1001);
    assert_true(run_one(j));
    assert_int_equal(r.calls, 0);
    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "failed");
    assert_non_null(strstr(info.last_error, "lease expired"));
    jobs_info_free(&info);
    jobs_free(j);
}

/* While node A's handler runs past its lease, node B takes the job and
 * finishes it; A's late answer must not overwrite B's. */
struct overtaker {
    struct jobs *other;
    bool other_ran;
};

static enum job_result overtaken(struct db *db, struct job *job, void *arg)
{
    struct overtaker *o = arg;

    clock_set_offset_ms(10001);
    o->other_ran = run_one(o->other);
    assert_int_equal(jobs_extend_lease(db, job, 60000), STORE_NOT_FOUND);
    jobs_set_error(job, "too late");
    return JOB_FAIL;
}

static enum job_result succeed(struct db *db, struct job *job, void *arg)
{
    return JOB_DONE;
}

static void finish_checks_the_lease(void **state)
{
    struct store *s = store_of(state);
    struct jobs *a = new_runtime(s, "a", 1), *b = new_runtime(s, "b", 1);
    struct overtaker o = {b, false};
    struct jobs_stats st;
    int64_t id;

    jobs_set_lease_ms(a, 10000);
    jobs_register(a, "test.slow", overtaken, &o);
    jobs_register(b, "test.slow", succeed, NULL);
    id = enqueue_kind(s, "test.slow");
    assert_true(run_one(a));
    assert_true(o.other_ran);

    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "done");
    assert_string_equal(info.locked_by, "b");
    assert_int_equal(info.attempts, 2);
    jobs_info_free(&info);
    jobs_get_stats(a, &st);
    assert_int_equal(st.lost_leases, 1);
    assert_int_equal(st.failures, 0);
    jobs_free(a);
    jobs_free(b);
}

/* A long handler that extends its lease keeps the job from node B. */
static enum job_result long_runner(struct db *db, struct job *job, void *arg)
{
    struct overtaker *o = arg;

    assert_int_equal(jobs_extend_lease(db, job, 60000), STORE_OK);
    clock_set_offset_ms(30000);
    o->other_ran = run_one(o->other);
    return JOB_DONE;
}

static void extended_lease_is_kept(void **state)
{
    struct store *s = store_of(state);
    struct jobs *a = new_runtime(s, "a", 1), *b = new_runtime(s, "b", 1);
    struct overtaker o = {b, true};
    struct jobs_stats st;
    int64_t id;

    jobs_set_lease_ms(a, 10000);
    jobs_register(a, "test.slow", long_runner, &o);
    jobs_register(b, "test.slow", succeed, NULL);
    id = enqueue_kind(s, "test.slow");
    assert_true(run_one(a));
    assert_false(o.other_ran);

    struct job_info info = get_job(s, id);
    assert_string_equal(info.state, "done");
    assert_string_equal(info.locked_by, "a");
    assert_int_equal(info.attempts, 1);
    jobs_info_free(&info);
    jobs_get_stats(a, &st);
    assert_int_equal(st.lost_leases, 0);
    jobs_free(a);
    jobs_free(b);
}

static enum store_rc enqueue_then_fail_tx(struct db *db, void *arg)
{
    struct job_spec spec = {.kind = "test.echo"};
    enum store_rc rc = jobs_enqueue(db, &spec, NULL);

    assert_int_equal(rc, STORE_OK);
    return STORE_CONSTRAINT; /* the caller's change failed: roll back */
}

static void rollback_leaves_no_job(void **state)
{
    struct store *s = store_of(state);
    struct db *db = store_acquire(s);

    assert_int_equal(store_tx(db, enqueue_then_fail_tx, NULL),
                     STORE_CONSTRAINT);
    store_release(db);
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM jobs"), 0);
}

static void cancel_only_what_has_not_started(void **state)
{
    struct store *s = store_of(state);
    struct job_spec keyed = {.kind = "test.echo", .unique_key = "sla:9"};
    int64_t ready = enqueue_kind(s, "test.echo");
    int64_t running = enqueue_kind(s, "test.echo");
    int64_t timer = enqueue(s, &keyed);
    struct db *db;

    claim_as_dead_worker(s, running, clock_now_ms() + 60000);
    db = store_acquire(s);
    assert_int_equal(jobs_cancel(db, 0, ready), STORE_OK);
    assert_int_equal(jobs_cancel(db, 0, ready), STORE_NOT_FOUND);
    assert_int_equal(jobs_cancel(db, 0, running), STORE_CONSTRAINT);
    assert_int_equal(jobs_cancel_key(db, "sla:9"), STORE_OK);
    assert_int_equal(jobs_cancel_key(db, "sla:9"), STORE_NOT_FOUND);
    store_release(db);
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM jobs"), 1);
    assert_state(s, running, "running");
    (void)timer;
}

static void account_scope_is_enforced(void **state)
{
    struct store *s = store_of(state);
    struct job_spec spec = {.kind = "test.echo", .account_id = 5};
    int64_t id = enqueue(s, &spec);
    struct job_info info;
    struct db *db = store_acquire(s);

    assert_int_equal(jobs_get(db, 6, id, &info), STORE_NOT_FOUND);
    assert_int_equal(jobs_cancel(db, 6, id), STORE_NOT_FOUND);
    assert_int_equal(jobs_get(db, 5, id, &info), STORE_OK);
    assert_int_equal(info.account_id, 5);
    jobs_info_free(&info);
    assert_int_equal(jobs_cancel(db, 5, id), STORE_OK);
    store_release(db);
}

static void recurring_job_is_rescheduled(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n1", 1);

    jobs_register(j, "test.tick", record_job, &r);
    assert_int_equal(jobs_every(j, "test.tick", 60000), STORE_OK);
    assert_int_equal(jobs_every(j, "test.tick", 60000), STORE_OK);
    assert_int_equal(
        count_rows(s, "SELECT COUNT(*) FROM jobs WHERE state = 'ready'"), 1);

    assert_true(run_one(j));
    assert_false(run_one(j));
    assert_int_equal(
        count_rows(s, "SELECT COUNT(*) FROM jobs WHERE state = 'ready'"), 1);
    clock_set_offset_ms(61000);
    assert_true(run_one(j));
    assert_int_equal(r.calls, 2);
    assert_int_equal(
        count_rows(s, "SELECT COUNT(*) FROM jobs WHERE state = 'done'"), 2);
    assert_int_equal(jobs_every(j, "test.unregistered", 1000),
                     STORE_CONSTRAINT);
    jobs_free(j);
}

/* Workers started on a fresh runtime pick up a job enqueued before. */
static void job_survives_restart(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j;
    int64_t id = enqueue_kind(s, "test.echo");

    assert_int_equal(testdb_reopen(*state), 0);
    s = store_of(state);
    j = new_runtime(s, "n1", 2);
    jobs_register(j, "test.echo", record_job, &r);
    assert_int_equal(jobs_start(j), 0);
    wait_for_state(s, id, "done");
    assert_int_equal(jobs_stop(j, 5000), 0);
    assert_int_equal(r.calls, 1);
    jobs_free(j);
}

/* An enqueue wakes idle local workers at once, not at the next poll. */
static void enqueue_wakes_workers(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = jobs_new(s, "n1", 1);
    int64_t id, start;

    jobs_set_purge(j, 0, 0, 0);
    jobs_set_poll_ms(j, 60000);
    jobs_register(j, "test.echo", record_job, &r);
    assert_int_equal(jobs_start(j), 0);
    usleep(50000); /* let the worker go idle */
    start = clock_mono_us();
    id = enqueue_kind(s, "test.echo");
    wait_for_state(s, id, "done");
    assert_true(clock_mono_us() - start < 5 * 1000 * 1000);
    assert_int_equal(jobs_stop(j, 5000), 0);
    jobs_free(j);
}

/* A handler that holds its worker until the test lets it go. */
struct gate {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool entered, open;
};

static enum job_result wait_at_gate(struct db *db, struct job *job, void *arg)
{
    struct gate *g = arg;

    pthread_mutex_lock(&g->lock);
    g->entered = true;
    pthread_cond_broadcast(&g->cond);
    while (!g->open)
        pthread_cond_wait(&g->cond, &g->lock);
    pthread_mutex_unlock(&g->lock);
    return JOB_DONE;
}

static void stop_waits_for_running_handler(void **state)
{
    struct store *s = store_of(state);
    struct gate g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false,
                     false};
    struct jobs *j = new_runtime(s, "n1", 1);
    int64_t id, late;

    jobs_register(j, "test.gate", wait_at_gate, &g);
    assert_int_equal(jobs_start(j), 0);
    id = enqueue_kind(s, "test.gate");
    pthread_mutex_lock(&g.lock);
    while (!g.entered)
        pthread_cond_wait(&g.cond, &g.lock);
    pthread_mutex_unlock(&g.lock);

    /* The handler is still running: a short stop gives up on it. */
    assert_int_equal(jobs_stop(j, 100), -1);
    assert_state(s, id, "running");

    /* Stopping means no new claims, even for a job that is due. */
    late = enqueue_kind(s, "test.gate");
    pthread_mutex_lock(&g.lock);
    g.open = true;
    pthread_cond_broadcast(&g.cond);
    pthread_mutex_unlock(&g.lock);
    assert_int_equal(jobs_stop(j, 5000), 0);
    assert_state(s, id, "done");
    assert_state(s, late, "ready");
    jobs_free(j);
}

/* PostgreSQL only: node B, polling once a minute, hears node A's enqueue
 * through NOTIFY and runs the job at once. */
static void other_node_is_woken_by_notify(void **state)
{
    struct store *s1 = store_of(state), *s2 = open_second_store(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *b = jobs_new(s2, "b", 1);
    int64_t id, start;

    jobs_set_purge(b, 0, 0, 0);
    jobs_set_poll_ms(b, 60000);
    jobs_register(b, "test.echo", record_job, &r);
    assert_int_equal(jobs_start(b), 0);
    usleep(200000); /* let the worker go idle and the listener connect */
    start = clock_mono_us();
    id = enqueue_kind(s1, "test.echo");
    wait_for_state(s1, id, "done");
    assert_true(clock_mono_us() - start < 5 * 1000 * 1000);
    assert_int_equal(jobs_stop(b, 5000), 0);
    jobs_free(b);
    store_close(s2);
}

#define NODE_JOBS 60

static atomic_int node_runs[NODE_JOBS];

static enum job_result count_run(struct db *db, struct job *job, void *arg)
{
    int idx = atoi(job->payload + strlen("{\"i\":"));

    if (idx >= 0 && idx < NODE_JOBS)
        node_runs[idx]++;
    usleep(1000);
    return JOB_DONE;
}

static void two_nodes_run_each_job_once(void **state)
{
    struct store *s1 = store_of(state), *s2 = open_second_store(state);
    struct jobs *a = new_runtime(s1, "a", 2), *b = new_runtime(s2, "b", 2);
    char payload[32];
    int64_t ids[NODE_JOBS];

    for (int i = 0; i < NODE_JOBS; i++) {
        struct job_spec spec = {.kind = "test.count", .payload = payload};
        snprintf(payload, sizeof(payload), "{\"i\":%d}", i);
        node_runs[i] = 0;
        ids[i] = enqueue(s1, &spec);
    }
    jobs_register(a, "test.count", count_run, NULL);
    jobs_register(b, "test.count", count_run, NULL);
    assert_int_equal(jobs_start(a), 0);
    assert_int_equal(jobs_start(b), 0);
    for (int i = 0; i < NODE_JOBS; i++)
        wait_for_state(s1, ids[i], "done");
    assert_int_equal(jobs_stop(a, 5000), 0);
    assert_int_equal(jobs_stop(b, 5000), 0);

    for (int i = 0; i < NODE_JOBS; i++)
        assert_int_equal(node_runs[i], 1);
    struct jobs_stats sa, sb;
    jobs_get_stats(a, &sa);
    jobs_get_stats(b, &sb);
    assert_int_equal(sa.runs + sb.runs, NODE_JOBS);
    jobs_free(a);
    jobs_free(b);
    store_close(s2);
}

/* Insert an event row created at `at` for a new account. */
static void insert_event(struct store *s, int64_t at)
{
    struct db *db = store_acquire(s);
    struct db_stmt *st;
    int64_t account;

    assert_int_equal(db_prepare(db,
                                "INSERT INTO accounts (name, created_at) "
                                "VALUES ('t', 0) RETURNING id",
                                &st),
                     STORE_OK);
    assert_int_equal(db_step(st), STORE_ROW);
    account = db_col_int64(st, 0);
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);
    assert_int_equal(db_prepare(db,
                                "INSERT INTO events (account_id, type, "
                                "payload, created_at) VALUES ($1, 'x', "
                                "'{}', $2)",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, account);
    db_bind_int64(st, 2, at);
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);
    store_release(db);
}

/* Enqueue a job and force it into state, finished at `at`. */
static int64_t job_finished_at(struct store *s, const char *state, int64_t at)
{
    int64_t id = enqueue_kind(s, "test.old");
    struct db *db = store_acquire(s);
    struct db_stmt *st;

    assert_int_equal(db_prepare(db,
                                "UPDATE jobs SET state = $2, finished_at = "
                                "$3 WHERE id = $1",
                                &st),
                     STORE_OK);
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, state, -1);
    db_bind_int64(st, 3, at);
    assert_int_equal(db_step(st), STORE_DONE);
    db_done(st);
    store_release(db);
    return id;
}

static void purge_removes_only_old_rows(void **state)
{
    struct store *s = store_of(state);
    int64_t now = clock_now_ms(), day = 24 * 3600 * 1000LL;
    int64_t jobs_n = -1, events_n = -1;
    struct db *db;

    for (int i = 0; i < 3; i++)
        job_finished_at(s, "done", now - 8 * day);
    int64_t recent = job_finished_at(s, "done", now - 6 * day);
    int64_t failed = job_finished_at(s, "failed", now - 30 * day);
    int64_t ready = enqueue_kind(s, "test.old");
    insert_event(s, now - 4 * day);
    insert_event(s, now - 4 * day);
    insert_event(s, now - 2 * day);

    db = store_acquire(s);
    assert_int_equal(
        jobs_purge(db, now - 7 * day, now - 3 * day, &jobs_n, &events_n),
        STORE_OK);
    store_release(db);
    assert_int_equal(jobs_n, 3);
    assert_int_equal(events_n, 2);
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM jobs"), 3);
    assert_state(s, recent, "done");
    assert_state(s, failed, "failed");
    assert_state(s, ready, "ready");
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM events"), 1);
}

static void builtin_purge_runs_on_schedule(void **state)
{
    struct store *s = store_of(state);
    struct jobs *j = jobs_new(s, "n1", 1);
    int64_t now = clock_now_ms(), day = 24 * 3600 * 1000LL;
    const char *old_jobs = "SELECT COUNT(*) FROM jobs WHERE kind = 'test.old'";
    int i;

    job_finished_at(s, "done", now - 3 * day);
    job_finished_at(s, "done", now - 1 * day);
    jobs_set_purge(j, 2 * day, 0, 3600 * 1000);
    jobs_set_poll_ms(j, 50);
    assert_int_equal(jobs_start(j), 0);
    for (i = 0; i < 1000 && count_rows(s, old_jobs) != 1; i++)
        usleep(10000);
    assert_int_equal(count_rows(s, old_jobs), 1);
    assert_int_equal(jobs_stop(j, 5000), 0);

    /* The next purge is already scheduled, an interval from now. */
    assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM jobs WHERE kind = "
                                   "'jobs.purge' AND state = 'ready' AND "
                                   "run_at > 0"),
                     1);
    assert_true(count_rows(s, "SELECT MIN(run_at) FROM jobs WHERE kind = "
                              "'jobs.purge' AND state = 'ready'") >=
                now + 3600 * 1000);
    jobs_free(j);
}

static void metrics_report_states_and_counters(void **state)
{
    struct store *s = store_of(state);
    struct recorder r = {.answer = JOB_DONE};
    struct jobs *j = new_runtime(s, "n1", 1);
    struct buf out = BUF_INIT;
    struct job_spec later = {.kind = "test.echo"};

    jobs_register(j, "test.echo", record_job, &r);
    enqueue_kind(s, "test.echo");
    assert_true(run_one(j));
    enqueue_kind(s, "test.echo");
    later.run_at = clock_now_ms() + 3600 * 1000;
    enqueue(s, &later);
    clock_set_offset_ms(5000);

    assert_int_equal(jobs_write_metrics(j, &out), STORE_OK);
    assert_non_null(strstr(out.data, "parley_jobs{state=\"ready\"} 2\n"));
    assert_non_null(strstr(out.data, "parley_jobs{state=\"done\"} 1\n"));
    assert_non_null(strstr(out.data, "parley_jobs{state=\"failed\"} 0\n"));
    assert_non_null(strstr(out.data, "parley_jobs_runs_total 1\n"));
    assert_non_null(
        strstr(out.data, "parley_jobs_due{kind=\"test.echo\"} 1\n"));
    assert_non_null(strstr(out.data, "# TYPE parley_jobs_retries_total "
                                     "counter\n"));
    char *age = strstr(out.data, "\nparley_jobs_oldest_ready_age_seconds ");
    assert_non_null(age);
    double secs = atof(age + strlen("\nparley_jobs_oldest_ready_age_seconds "));
    assert_true(secs >= 4.9 && secs < 60);
    buf_free(&out);
    jobs_free(j);
}

int main(int argc, char **argv)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(enqueue_claim_complete),
        T(bad_spec_is_refused),
        T(unique_key_dedupes_until_finished),
        T(retry_runs_again_after_backoff),
        T(backoff_is_capped_at_an_hour),
        T(handler_chosen_delay_is_used),
        T(fails_after_max_attempts_and_can_be_retried),
        T(permanent_failure_is_kept),
        T(unknown_kind_waits_for_a_node_that_knows_it),
        T(delayed_job_waits_for_run_at),
        T(expired_lease_is_reclaimed),
        T(expired_last_attempt_fails),
        T(finish_checks_the_lease),
        T(extended_lease_is_kept),
        T(rollback_leaves_no_job),
        T(cancel_only_what_has_not_started),
        T(account_scope_is_enforced),
        T(recurring_job_is_rescheduled),
        T(job_survives_restart),
        T(enqueue_wakes_workers),
        T(stop_waits_for_running_handler),
        T(two_nodes_run_each_job_once),
        T(purge_removes_only_old_rows),
        T(builtin_purge_runs_on_schedule),
        T(metrics_report_states_and_counters),
    };
#undef T
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);

    const struct CMUnitTest pg_tests[] = {
        cmocka_unit_test_setup_teardown(other_node_is_woken_by_notify, setup,
                                        teardown),
    };

    if (rc)
        return rc;
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (testdb_is_postgres())
        rc |= cmocka_run_group_tests(pg_tests, NULL, NULL);
    return rc;
}

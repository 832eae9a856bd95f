/*
 * Domain events and the in-process bus; see events.h.
 */
#include "core/events.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"

#define MAX_SUBSCRIBERS 16
#define NOTIFY_CHANNEL  "parley_events"

static struct {
    event_cb fn;
    void *arg;
} subscribers[MAX_SUBSCRIBERS];
static int subscriber_count;
static pthread_mutex_t subscribers_lock = PTHREAD_MUTEX_INITIALIZER;
static char node_name[64] = "local";

void events_subscribe(event_cb fn, void *arg)
{
    pthread_mutex_lock(&subscribers_lock);
    if (subscriber_count < MAX_SUBSCRIBERS) {
        subscribers[subscriber_count].fn = fn;
        subscribers[subscriber_count].arg = arg;
        subscriber_count++;
    } else {
        log_error("events_too_many_subscribers", "max=%d", MAX_SUBSCRIBERS);
    }
    pthread_mutex_unlock(&subscribers_lock);
}

void events_reset(void)
{
    pthread_mutex_lock(&subscribers_lock);
    subscriber_count = 0;
    pthread_mutex_unlock(&subscribers_lock);
}

static void publish(const struct event *ev)
{
    pthread_mutex_lock(&subscribers_lock);
    int n = subscriber_count;
    pthread_mutex_unlock(&subscribers_lock);
    /* Subscribers are only added before traffic, so the first n entries
     * are stable once read. */
    for (int i = 0; i < n; i++)
        subscribers[i].fn(ev, subscribers[i].arg);
}

void events_publish_ephemeral(const struct event *ev)
{
    publish(ev);
}

/* An event waiting for its transaction to commit. */
struct pending_event {
    struct event ev;
    char *type;
    char *payload;
};

static void pending_free(void *arg)
{
    struct pending_event *p = arg;

    free(p->type);
    free(p->payload);
    free(p);
}

static void pending_publish(void *arg)
{
    publish(&((struct pending_event *)arg)->ev);
    pending_free(arg);
}

static enum store_rc insert_event(struct db *db, struct pending_event *p)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "INSERT INTO events (account_id, type, user_id, min_role, "
                   "payload, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                   "RETURNING id",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, p->ev.account_id);
    db_bind_text(st, 2, p->type, -1);
    if (p->ev.user_id)
        db_bind_int64(st, 3, p->ev.user_id);
    else
        db_bind_null(st, 3);
    db_bind_text(st, 4, role_name(p->ev.min_role), -1);
    db_bind_text(st, 5, p->payload, -1);
    db_bind_int64(st, 6, p->ev.created_at);
    return sql_int64(st, &p->ev.id);
}

enum store_rc events_emit(struct db *db, int64_t account_id, const char *type,
                          int64_t user_id, enum role min_role, json_t *payload,
                          int64_t *id)
{
    struct pending_event *p = xcalloc(1, sizeof *p);
    char note[128];
    enum store_rc rc;

    p->type = xstrdup(type);
    p->payload = json_dumps(payload, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(payload);
    if (!p->payload)
        p->payload = xstrdup("{}");
    p->ev = (struct event){.account_id = account_id,
                           .user_id = user_id,
                           .min_role = min_role ? min_role : ROLE_AGENT,
                           .type = p->type,
                           .payload = p->payload,
                           .created_at = clock_now_ms()};
    rc = insert_event(db, p);
    if (rc) {
        pending_free(p);
        return rc;
    }
    if (id)
        *id = p->ev.id;
    snprintf(note, sizeof note, "%s:%" PRId64, node_name, p->ev.id);
    rc = db_notify(db, NOTIFY_CHANNEL, note);
    if (rc) {
        pending_free(p);
        return rc;
    }
    db_on_commit(db, pending_publish, pending_free, p);
    return STORE_OK;
}

/* Fill ev from a row of the SELECT below; strings borrowed from st. */
static void read_event(struct db_stmt *st, struct event *ev)
{
    ev->id = db_col_int64(st, 0);
    ev->account_id = db_col_int64(st, 1);
    ev->type = db_col_text(st, 2);
    ev->user_id = db_col_int64(st, 3);
    ev->min_role = role_parse(db_col_text(st, 4));
    ev->payload = db_col_text(st, 5);
    ev->created_at = db_col_int64(st, 6);
}

#define EVENT_COLUMNS                                                          \
    "id, account_id, type, user_id, min_role, payload, created_at"

enum store_rc events_since(struct db *db, int64_t account_id, int64_t user_id,
                           enum role role, int64_t after_id, int limit,
                           event_cb fn, void *arg)
{
    struct db_stmt *st;
    struct event ev;
    enum store_rc rc =
        db_prepare(db,
                   "SELECT " EVENT_COLUMNS " FROM events WHERE account_id = $1 "
                   "AND id > $2 AND (user_id IS NULL OR user_id = $3) "
                   "ORDER BY id LIMIT $4",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, after_id);
    db_bind_int64(st, 3, user_id);
    db_bind_int64(st, 4, limit);
    while ((rc = db_step(st)) == STORE_ROW) {
        read_event(st, &ev);
        if (ev.min_role <= role)
            fn(&ev, arg);
    }
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* A notification from a node: "<node>:<event id>". Load and publish the
 * event unless this node sent it (it already published on commit). */
static void on_notify(const char *channel, const char *payload, void *arg)
{
    struct store *s = arg;
    const char *colon = strrchr(payload, ':');
    struct db_stmt *st;
    struct event ev;
    struct db *db;

    if (!colon || ((size_t)(colon - payload) == strlen(node_name) &&
                   !strncmp(payload, node_name, strlen(node_name))))
        return;
    db = store_acquire(s);
    if (db_prepare(db, "SELECT " EVENT_COLUMNS " FROM events WHERE id = $1",
                   &st) == STORE_OK) {
        db_bind_int64(st, 1, strtoll(colon + 1, NULL, 10));
        if (db_step(st) == STORE_ROW) {
            read_event(st, &ev);
            publish(&ev);
        }
        db_done(st);
    }
    store_release(db);
}

enum store_rc events_listen(struct store *s, const char *node_id)
{
    snprintf(node_name, sizeof node_name, "%s", node_id);
    if (store_dialect(s) != STORE_POSTGRES)
        return STORE_OK;
    return store_listen(s, NOTIFY_CHANNEL, on_notify, s);
}

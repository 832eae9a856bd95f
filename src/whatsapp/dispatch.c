/*
 * The outbound dispatcher: one active per installation (a lease row), it
 * picks queued messages whose undo window has passed, paces them per
 * number and per recipient, sends them through the Graph client, stores
 * the wamid on acceptance, retries retryable errors on a schedule kept in
 * the messages table and fails the rest with the code and a sentence.
 */
#include "whatsapp/dispatch.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/events.h"
#include "core/inbox.h"
#include "core/message.h"
#include "core/sql.h"
#include "api/outbound.h"
#include "whatsapp/channel.h"
#include "whatsapp/graph_error.h"
#include "whatsapp/media.h"
#include "whatsapp/outbound.h"
#include "whatsapp/pacing.h"

#define LEASE_MS        10000
#define LEASE_RENEW_MS  3000
#define POLL_MS         250
#define PICK_BATCH      500
#define MAX_IN_FLIGHT   256
#define TARGET_TTL_MS   30000
#define RECIPIENT_SLOTS 1024
#define TYPING_SLOTS    256

/* A number: its pacing and cached Graph coordinates. */
struct sender {
    int64_t inbox_id;
    int64_t account_id;
    int64_t mps; /* the rate bucket was set up for */
    struct wa_bucket bucket;
    struct wa_graph_target target;
    int64_t loaded_at;
    int64_t broken_until; /* its inbox could not be read; try later */
    struct sender *next;
};

/* A customer: the pair rate and whether a message to them is out. */
struct recipient {
    int64_t contact_id;
    struct wa_bucket pair;
    int in_flight;
    int pair_errors; /* consecutive 131056s, the X of 4^X s */
    int64_t pass;    /* pick pass that last skipped it (keeps order) */
    struct recipient *next;
};

struct wa_dispatch {
    struct wa_channel *ch;
    struct wa_graph *graph;
    pthread_t thread;
    bool started;
    pthread_mutex_t lock; /* guards stop, woken, done, typing */
    pthread_cond_t cond;
    bool stop;
    bool woken;
    struct flight *done; /* finished Graph calls, for the thread */
    int64_t typing[TYPING_SLOTS][2];

    /* Written by the dispatcher thread, read by /metrics. */
    uint64_t outcomes[3]; /* by enum outcome_kind */
    int gauge_in_flight;
    int gauge_lease;

    /* Only the dispatcher thread touches these. */
    bool lease_held;
    int64_t lease_checked;
    int in_flight;
    int64_t pass;
    struct sender *senders;
    struct recipient *recipients[RECIPIENT_SLOTS];
};

/* --- targets ------------------------------------------------------------ */

void wa_graph_target_clear(struct wa_graph_target *t)
{
    free(t->base);
    free(t->phone_number_id);
    free(t->waba_id);
    if (t->token) {
        explicit_bzero(t->token, strlen(t->token));
        free(t->token);
    }
    memset(t, 0, sizeof *t);
}

enum store_rc wa_graph_target_load(struct db *db, const uint8_t *master,
                                   int64_t account_id, int64_t inbox_id,
                                   struct wa_graph_target *out)
{
    struct inbox in = {0};
    struct inbox_secrets sec = {0};
    enum store_rc rc = inbox_get(db, account_id, inbox_id, &in);
    size_t n;

    memset(out, 0, sizeof *out);
    if (rc)
        goto out;
    rc = inbox_secrets_get(db, master, inbox_id, &sec);
    if (rc)
        goto out;
    n = strlen(in.graph_base_url);
    while (n && in.graph_base_url[n - 1] == '/')
        n--;
    out->base =
        xasprintf("%.*s/%s", (int)n, in.graph_base_url, in.graph_version);
    out->phone_number_id = xstrdup(in.phone_number_id);
    out->waba_id = xstrdup(in.waba_id);
    out->token = xstrdup(sec.access_token);
out:
    inbox_secrets_clear(&sec);
    inbox_clear(&in);
    return rc;
}

/* --- waking and the typing limit ---------------------------------------- */

void wa_dispatch_wake(struct wa_dispatch *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    d->woken = true;
    pthread_cond_signal(&d->cond);
    pthread_mutex_unlock(&d->lock);
}

static void wake_cb(void *arg)
{
    wa_dispatch_wake(arg);
}

void wa_dispatch_wake_on_commit(struct wa_dispatch *d, struct db *db)
{
    if (d)
        db_on_commit(db, wake_cb, NULL, d);
}

struct wa_graph *wa_dispatch_graph(struct wa_dispatch *d)
{
    return d ? d->graph : NULL;
}

bool wa_dispatch_typing_allowed(struct wa_dispatch *d, int64_t conversation_id,
                                int64_t now_ms)
{
    int64_t *slot;
    bool ok;

    if (!d)
        return false;
    pthread_mutex_lock(&d->lock);
    slot = d->typing[conversation_id % TYPING_SLOTS];
    ok =
        slot[0] != conversation_id || now_ms - slot[1] >= WA_TYPING_INTERVAL_MS;
    if (ok) {
        slot[0] = conversation_id;
        slot[1] = now_ms;
    }
    pthread_mutex_unlock(&d->lock);
    return ok;
}

/* --- pacing state ------------------------------------------------------- */

static struct sender *sender_of(struct wa_dispatch *d, int64_t inbox_id)
{
    struct sender *s;

    for (s = d->senders; s; s = s->next)
        if (s->inbox_id == inbox_id)
            return s;
    s = xcalloc(1, sizeof *s);
    s->inbox_id = inbox_id;
    s->next = d->senders;
    d->senders = s;
    return s;
}

/* Refresh a sender's Graph coordinates and rate when stale. Returns
 * STORE_OK or the lookup's error. */
static enum store_rc sender_load(struct wa_dispatch *d, struct db *db,
                                 struct sender *s, int64_t now)
{
    struct inbox in = {0};
    enum store_rc rc;

    if (s->target.base && now - s->loaded_at < TARGET_TTL_MS)
        return STORE_OK;
    if (now < s->broken_until)
        return STORE_ERROR;
    wa_graph_target_clear(&s->target);
    rc = wa_graph_target_load(db, d->ch->master_key, s->account_id, s->inbox_id,
                              &s->target);
    if (rc == STORE_OK)
        rc = inbox_get(db, s->account_id, s->inbox_id, &in);
    if (rc) {
        /* Logged once per 10 s, not on every pass. */
        log_error("dispatch_inbox_unavailable", "inbox_id=%lld rc=%d",
                  (long long)s->inbox_id, (int)rc);
        s->broken_until = now + 10000;
        return rc;
    }
    if (s->mps != in.throughput_mps) {
        s->mps = in.throughput_mps;
        wa_bucket_init(&s->bucket, (double)s->mps, (double)s->mps, now);
    }
    s->loaded_at = now;
    inbox_clear(&in);
    return STORE_OK;
}

static struct recipient *recipient_of(struct wa_dispatch *d, int64_t contact_id,
                                      int64_t now)
{
    struct recipient **head =
        &d->recipients[(uint64_t)contact_id % RECIPIENT_SLOTS];
    struct recipient *r;

    for (r = *head; r; r = r->next)
        if (r->contact_id == contact_id)
            return r;
    r = xcalloc(1, sizeof *r);
    r->contact_id = contact_id;
    wa_bucket_init(&r->pair, 1000.0 / WA_PAIR_INTERVAL_MS, WA_PAIR_BURST, now);
    r->next = *head;
    *head = r;
    return r;
}

/* Forget recipients with nothing pending: full bucket, nothing out. */
static void recipients_sweep(struct wa_dispatch *d, int64_t now)
{
    for (int i = 0; i < RECIPIENT_SLOTS; i++) {
        struct recipient **p = &d->recipients[i];

        while (*p) {
            struct recipient *r = *p;

            if (!r->in_flight && !r->pair_errors &&
                wa_bucket_idle(&r->pair, now)) {
                *p = r->next;
                free(r);
            } else {
                p = &r->next;
            }
        }
    }
}

/* --- the lease ---------------------------------------------------------- */

/* Take or renew the dispatcher lease. Returns whether this node holds
 * it. A lease left by a dead node is taken once it expired. */
static bool lease_renew(struct wa_dispatch *d, struct db *db, int64_t now)
{
    struct db_stmt *st;
    int64_t one = 0;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
        "expires_at = excluded.expires_at WHERE leases.holder = "
        "excluded.holder OR leases.expires_at < $4 RETURNING 1",
        &st);

    if (rc)
        return false;
    db_bind_text(st, 1, WA_DISPATCH_LEASE, -1);
    db_bind_text(st, 2, d->ch->node_id, -1);
    db_bind_int64(st, 3, now + LEASE_MS);
    db_bind_int64(st, 4, now);
    rc = sql_int64(st, &one);
    return rc == STORE_OK && one == 1;
}

static void lease_release(struct wa_dispatch *d, struct db *db)
{
    struct db_stmt *st;

    if (db_prepare(db, "DELETE FROM leases WHERE name = $1 AND holder = $2",
                   &st) == STORE_OK) {
        db_bind_text(st, 1, WA_DISPATCH_LEASE, -1);
        db_bind_text(st, 2, d->ch->node_id, -1);
        sql_run(st);
    }
}

/*
 * Messages a previous holder claimed but never got an answer for (it
 * died mid-send) go back to the queue: sending again risks a duplicate,
 * not sending loses the message, and a duplicate is the lesser harm.
 */
static void recover_claimed(struct db *db, int64_t now)
{
    struct db_stmt *st;

    if (db_prepare(db,
                   "UPDATE messages SET status = 'queued', updated_at = $1 "
                   "WHERE status = 'sending' AND direction = 'out' AND "
                   "wamid IS NULL",
                   &st) == STORE_OK) {
        db_bind_int64(st, 1, now);
        if (sql_run_changed(st) == STORE_OK)
            log_info("dispatch_recovered", "at=%lld", (long long)now);
    }
}

/* Keep the lease fresh; on gaining it, recover orphaned claims. */
static bool lease_tick(struct wa_dispatch *d, struct db *db, int64_t now)
{
    bool held;

    if (now - d->lease_checked < (d->lease_held ? LEASE_RENEW_MS : 1000))
        return d->lease_held;
    held = lease_renew(d, db, now);
    if (held && !d->lease_held) {
        log_info("dispatch_lease_taken", "node=%s", d->ch->node_id);
        if (d->in_flight == 0)
            recover_claimed(db, now);
    } else if (!held && d->lease_held) {
        log_warn("dispatch_lease_lost", "node=%s", d->ch->node_id);
    }
    d->lease_held = held;
    d->lease_checked = now;
    return held;
}

/* --- one message in flight ---------------------------------------------- */

/* A Graph call under way for one message: the media upload first when
 * the message carries an agent's file not yet uploaded, then the send. */
struct flight {
    struct wa_dispatch *d;
    int64_t message_id;
    int64_t account_id;
    int64_t inbox_id;
    int64_t contact_id;
    int attempts;
    int64_t media_id; /* Parley media id being uploaded, or 0 */
    char *media_kind; /* the body member to put Meta's id in */
    json_t *body;     /* the send body */
    struct wa_graph_response resp;
    struct flight *next;
};

static void flight_free(struct flight *f)
{
    wa_graph_response_clear(&f->resp);
    json_decref(f->body);
    free(f->media_kind);
    free(f);
}

/* Graph client thread: queue the answer for the dispatcher thread. */
static void on_graph_done(struct wa_graph_response *resp, void *arg)
{
    struct flight *f = arg;
    struct wa_dispatch *d = f->d;

    f->resp = *resp;
    pthread_mutex_lock(&d->lock);
    f->next = d->done;
    d->done = f;
    pthread_cond_signal(&d->cond);
    pthread_mutex_unlock(&d->lock);
}

/* Emit message.updated with the message's current API form. */
static enum store_rc emit_updated(struct db *db, int64_t account_id,
                                  int64_t message_id)
{
    json_t *msg = NULL;
    enum store_rc rc = message_get_json(db, account_id, message_id, &msg);

    if (rc)
        return rc;
    return events_emit(db, account_id, "message.updated", 0, ROLE_AGENT, msg,
                       NULL);
}

struct claim {
    struct flight *f;
    int64_t now;
    char *to;        /* contact wa_id, may be NULL */
    char *recipient; /* contact bsuid, may be NULL */
    char *content;
    bool claimed;
};

/* Read the contact's addresses into c. */
static enum store_rc load_contact(struct db *db, struct claim *c)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db, "SELECT wa_id, bsuid FROM contacts WHERE id = $1", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, c->f->contact_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        const char *w = db_col_text(st, 0), *b = db_col_text(st, 1);
        c->to = w ? xstrdup(w) : NULL;
        c->recipient = b ? xstrdup(b) : NULL;
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Transaction: move a due message from queued to sending (so it is sent
 * once), count the attempt, read what to send, announce it. */
static enum store_rc claim_tx(struct db *db, void *arg)
{
    struct claim *c = arg;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE messages SET status = 'sending', attempts = attempts + 1, "
        "updated_at = $2 WHERE id = $1 AND status = 'queued' "
        "RETURNING account_id, content, attempts",
        &st);

    c->claimed = false;
    free(c->content);
    c->content = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, c->f->message_id);
    db_bind_int64(st, 2, c->now);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        c->f->account_id = db_col_int64(st, 0);
        c->content = xstrdup(db_col_text(st, 1));
        c->f->attempts = (int)db_col_int64(st, 2);
    }
    db_done(st);
    if (rc == STORE_DONE)
        return STORE_OK; /* cancelled or taken meanwhile */
    if (rc != STORE_ROW)
        return rc;
    free(c->to);
    free(c->recipient);
    c->to = c->recipient = NULL;
    rc = load_contact(db, c);
    if (rc == STORE_OK)
        rc = emit_updated(db, c->f->account_id, c->f->message_id);
    c->claimed = rc == STORE_OK;
    return rc;
}

/* --- outcomes ----------------------------------------------------------- */

enum outcome_kind { OUTCOME_ACCEPTED, OUTCOME_RETRY, OUTCOME_FAILED };

struct outcome {
    struct flight *f;
    enum outcome_kind kind;
    const char *wamid;
    int64_t code;
    const char *title;
    int64_t at;
    int64_t next_at;
};

static const char *const outcome_sql[] = {
    [OUTCOME_ACCEPTED] =
        "UPDATE messages SET wamid = $2, error_code = NULL, error_title = "
        "NULL, next_attempt_at = NULL, updated_at = $3 WHERE id = $1 AND "
        "status = 'sending' AND wamid IS NULL",
    [OUTCOME_RETRY] =
        "UPDATE messages SET status = 'queued', next_attempt_at = $2, "
        "error_code = $4, error_title = $5, updated_at = $3 WHERE id = $1 "
        "AND status = 'sending'",
    [OUTCOME_FAILED] =
        "UPDATE messages SET status = 'failed', failed_at = $3, error_code = "
        "$4, error_title = $5, next_attempt_at = CAST($2 AS BIGINT), "
        "updated_at = $3 WHERE id = $1 AND status = 'sending'",
};

/* Transaction: record what the Graph API said and announce it. */
static enum store_rc outcome_tx(struct db *db, void *arg)
{
    struct outcome *o = arg;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, outcome_sql[o->kind], &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, o->f->message_id);
    if (o->kind == OUTCOME_ACCEPTED)
        db_bind_text(st, 2, o->wamid, -1);
    else if (o->kind == OUTCOME_RETRY)
        db_bind_int64(st, 2, o->next_at);
    else
        db_bind_null(st, 2);
    db_bind_int64(st, 3, o->at);
    if (o->kind != OUTCOME_ACCEPTED) {
        db_bind_int64(st, 4, o->code);
        db_bind_text(st, 5, o->title, -1);
    }
    rc = sql_run_changed(st);
    if (rc == STORE_NOT_FOUND)
        return STORE_OK; /* a status webhook or a cancel got there first */
    if (rc)
        return rc;
    return emit_updated(db, o->f->account_id, o->f->message_id);
}

/* Record the outcome of f and let it go. */
static void finish_flight(struct wa_dispatch *d, struct db *db,
                          struct outcome *o)
{
    struct flight *f = o->f;
    struct recipient *r = recipient_of(d, f->contact_id, o->at);
    enum store_rc rc = store_tx(db, outcome_tx, o);

    if (rc)
        log_error("dispatch_outcome_failed", "message_id=%lld outcome=%d rc=%d",
                  (long long)f->message_id, (int)o->kind, (int)rc);
    else if (o->kind != OUTCOME_ACCEPTED)
        log_info("dispatch_send_error",
                 "message_id=%lld code=%lld retry=%s attempts=%d",
                 (long long)f->message_id, (long long)o->code,
                 o->kind == OUTCOME_RETRY ? "yes" : "no", f->attempts);
    if (r->in_flight > 0)
        r->in_flight--;
    d->in_flight--;
    __atomic_add_fetch(&d->outcomes[o->kind], 1, __ATOMIC_RELAXED);
    flight_free(f);
}

static void fail_flight(struct wa_dispatch *d, struct db *db, struct flight *f,
                        int64_t code, const char *title)
{
    struct outcome o = {.f = f,
                        .kind = OUTCOME_FAILED,
                        .code = code,
                        .title = title,
                        .at = clock_now_ms()};

    finish_flight(d, db, &o);
}

/*
 * An error answer (or none): retry if the code says so and attempts
 * remain, else fail. A pair-rate error holds back only that recipient
 * (4^X s), a throughput error the whole number.
 */
static void handle_error(struct wa_dispatch *d, struct db *db, struct flight *f)
{
    struct wa_graph_error ge = {0};
    struct wa_error_class cls;
    struct outcome o = {.f = f, .at = clock_now_ms()};
    struct recipient *r = recipient_of(d, f->contact_id, o.at);
    bool parsed = f->resp.http_status &&
                  !wa_graph_error_parse(f->resp.body, f->resp.len, &ge) &&
                  ge.code;

    if (parsed && ge.code == 131056)
        cls = wa_graph_classify(ge.code, r->pair_errors++);
    else if (parsed)
        cls = wa_graph_classify(ge.code, f->attempts - 1);
    else
        cls = wa_graph_classify_http((int)f->resp.http_status, f->attempts - 1);
    o.code = parsed ? ge.code : f->resp.http_status;
    o.title = cls.agent_text;
    if (parsed && ge.code == 131056)
        wa_bucket_block(&r->pair, o.at + cls.delay_ms);
    if (parsed && ge.code == 130429)
        wa_bucket_block(&sender_of(d, f->inbox_id)->bucket,
                        o.at + cls.delay_ms);
    if (cls.retry != WA_RETRY_NEVER && f->attempts < cls.max_attempts) {
        o.kind = OUTCOME_RETRY;
        o.next_at = o.at + cls.delay_ms;
    } else {
        o.kind = OUTCOME_FAILED;
    }
    if (!f->resp.http_status)
        log_warn("dispatch_no_response", "message_id=%lld error=%s",
                 (long long)f->message_id, f->resp.error);
    wa_graph_error_clear(&ge);
    finish_flight(d, db, &o);
}

/* --- sending ------------------------------------------------------------ */

static void submit_send(struct wa_dispatch *d, struct db *db, struct flight *f)
{
    struct sender *s = sender_of(d, f->inbox_id);
    char *url =
        xasprintf("%s/%s/messages", s->target.base, s->target.phone_number_id);
    char *body = json_dumps(f->body, JSON_COMPACT);
    struct wa_graph_request r = {.method = "POST",
                                 .url = url,
                                 .token = s->target.token,
                                 .json_body = body};

    if (wa_graph_submit(d->graph, &r, on_graph_done, f))
        fail_flight(d, db, f, 0, "The sender is shutting down.");
    free(url);
    free(body);
}

/* Upload an agent's file before the send that names it. */
static void submit_upload(struct wa_dispatch *d, struct db *db,
                          struct flight *f, const struct wa_media_file *file)
{
    struct sender *s = sender_of(d, f->inbox_id);
    char *url =
        xasprintf("%s/%s/media", s->target.base, s->target.phone_number_id);
    struct wa_graph_request r = {.method = "POST",
                                 .url = url,
                                 .token = s->target.token,
                                 .file_data = file->data,
                                 .file_len = file->size,
                                 .file_mime = file->mime_type,
                                 .file_name = file->filename,
                                 .timeout_ms = 120000};

    if (wa_graph_submit(d->graph, &r, on_graph_done, f))
        fail_flight(d, db, f, 0, "The sender is shutting down.");
    free(url);
}

/* Put Meta's media id into the send body's media object. */
static void set_media_id(struct flight *f, const char *wa_media_id)
{
    json_t *obj = json_object_get(f->body, f->media_kind);

    if (json_is_object(obj)) {
        json_object_del(obj, "link");
        json_object_set_new(obj, "id", json_string(wa_media_id));
    }
}

/* Send f, uploading its file first when it has one Meta does not know. */
static void send_with_media(struct wa_dispatch *d, struct db *db,
                            struct flight *f)
{
    struct wa_media_file file = {0};
    enum store_rc rc = wa_media_read(db, d->ch->master_key, d->ch->data_dir,
                                     f->account_id, f->media_id, &file);

    if (rc) {
        fail_flight(d, db, f, 0,
                    "The attached file is not available any more.");
        return;
    }
    if (file.wa_media_id && *file.wa_media_id) {
        set_media_id(f, file.wa_media_id);
        f->media_id = 0;
        submit_send(d, db, f);
    } else {
        submit_upload(d, db, f, &file);
    }
    wa_media_file_free(&file);
}

/* Build the Graph body of a claimed message and send it. */
static void start_send(struct wa_dispatch *d, struct db *db, struct flight *f,
                       struct claim *c)
{
    char err[256], opaque[40];
    json_t *msg = json_loads(c->content ? c->content : "", 0, NULL);
    json_t *media = json_object_get(msg, "media_id");

    d->in_flight++;
    recipient_of(d, f->contact_id, c->now)->in_flight++;
    if (json_is_integer(media)) {
        f->media_id = json_integer_value(media);
        f->media_kind =
            xstrdup(json_string_value(json_object_get(msg, "type")) ?: "");
    }
    json_object_del(msg, "media_id");
    snprintf(opaque, sizeof opaque, "parley:%lld", (long long)f->message_id);
    f->body = msg ? wa_outbound_build(msg, c->to, c->recipient, opaque, err,
                                      sizeof err)
                  : NULL;
    json_decref(msg);
    if (!f->body) {
        fail_flight(d, db, f, 0,
                    msg ? err : "The stored message is not readable.");
        return;
    }
    if (f->media_id)
        send_with_media(d, db, f);
    else
        submit_send(d, db, f);
}

/* A Graph call finished: an upload leads to the send, a send ends. */
static void handle_done(struct wa_dispatch *d, struct db *db, struct flight *f)
{
    long status = f->resp.http_status;
    struct wa_send_result res = {0};
    char err[128];

    if (f->media_id && status >= 200 && status < 300) {
        json_t *up = json_loadb(f->resp.body, f->resp.len, 0, NULL);
        const char *id = json_string_value(json_object_get(up, "id"));

        if (id) {
            wa_media_set_remote_id(db, f->account_id, f->media_id, id);
            set_media_id(f, id);
            f->media_id = 0;
            wa_graph_response_clear(&f->resp);
            submit_send(d, db, f);
        } else {
            fail_flight(d, db, f, 0, "The media upload gave no id.");
        }
        json_decref(up);
        return;
    }
    if (status < 200 || status >= 300) {
        handle_error(d, db, f);
        return;
    }
    if (wa_send_result_parse(f->resp.body, f->resp.len, &res, err,
                             sizeof err)) {
        fail_flight(d, db, f, 0, "WhatsApp gave an unexpected answer.");
    } else {
        struct outcome o = {.f = f,
                            .kind = OUTCOME_ACCEPTED,
                            .wamid = res.wamid,
                            .at = clock_now_ms()};

        recipient_of(d, f->contact_id, o.at)->pair_errors = 0;
        finish_flight(d, db, &o);
    }
    wa_send_result_clear(&res);
}

/* --- picking due messages ----------------------------------------------- */

struct due {
    int64_t id, account_id, inbox_id, contact_id, next_at;
};

/* Read up to PICK_BATCH due queued messages, oldest first, into *out. */
static enum store_rc read_due(struct db *db, int64_t now, struct due **out,
                              size_t *n)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, account_id, inbox_id, contact_id, "
        "COALESCE(next_attempt_at, 0) "
        "FROM messages WHERE status = 'queued' AND direction = 'out' AND "
        "private = 0 AND COALESCE(send_after, 0) <= $1 ORDER BY id LIMIT $2",
        &st);
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, now);
    db_bind_int64(st, 2, PICK_BATCH);
    while ((rc = db_step(st)) == STORE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        (*out)[(*n)++] = (struct due){db_col_int64(st, 0), db_col_int64(st, 1),
                                      db_col_int64(st, 2), db_col_int64(st, 3),
                                      db_col_int64(st, 4)};
    }
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static void shorten(int64_t *wait, int64_t w)
{
    if (w < *wait)
        *wait = w;
}

/*
 * Whether m may go now: its recipient has nothing out and no earlier
 * message held back in this pass (order per customer), its retry time
 * has come, and both buckets give a token. Shortens *wait otherwise.
 */
static bool may_send(struct wa_dispatch *d, struct db *db, const struct due *m,
                     int64_t now, int64_t *wait)
{
    struct recipient *r = recipient_of(d, m->contact_id, now);
    struct sender *s;
    int64_t w;

    if (r->pass == d->pass || r->in_flight)
        goto hold;
    if (m->next_at > now) {
        shorten(wait, m->next_at - now);
        goto hold;
    }
    s = sender_of(d, m->inbox_id);
    s->account_id = m->account_id;
    if (sender_load(d, db, s, now))
        goto hold;
    if ((w = wa_bucket_take(&s->bucket, now))) {
        shorten(wait, w);
        goto hold;
    }
    if ((w = wa_bucket_take(&r->pair, now))) {
        wa_bucket_refund(&s->bucket);
        shorten(wait, w);
        goto hold;
    }
    return true;
hold:
    r->pass = d->pass;
    return false;
}

/* One pass over the due messages: claim and send what pacing allows.
 * Sets *wait to how long until something held back may go. */
static void pick(struct wa_dispatch *d, struct db *db, int64_t now,
                 int64_t *wait)
{
    struct due *due;
    size_t n;

    if (read_due(db, now, &due, &n))
        return;
    d->pass++;
    for (size_t i = 0; i < n && d->in_flight < MAX_IN_FLIGHT; i++) {
        struct flight *f;
        struct claim c = {.now = now};

        if (!may_send(d, db, &due[i], now, wait))
            continue;
        f = xcalloc(1, sizeof *f);
        *f = (struct flight){.d = d,
                             .message_id = due[i].id,
                             .inbox_id = due[i].inbox_id,
                             .contact_id = due[i].contact_id};
        c.f = f;
        if (store_tx(db, claim_tx, &c) == STORE_OK && c.claimed) {
            start_send(d, db, f, &c);
        } else {
            wa_bucket_refund(&sender_of(d, f->inbox_id)->bucket);
            wa_bucket_refund(&recipient_of(d, f->contact_id, now)->pair);
            flight_free(f);
        }
        recipient_of(d, due[i].contact_id, now)->pass = d->pass;
        free(c.to);
        free(c.recipient);
        free(c.content);
    }
    free(due);
}

/* --- the thread --------------------------------------------------------- */

/* Take the finished calls and whether to stop; wait first up to wait_ms
 * unless there is work already. */
static struct flight *wait_for_work(struct wa_dispatch *d, int64_t wait_ms,
                                    bool *stop)
{
    struct flight *done;
    struct timespec ts;

    pthread_mutex_lock(&d->lock);
    if (!d->done && !d->woken && !d->stop && wait_ms > 0) {
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += wait_ms / 1000;
        ts.tv_nsec += (wait_ms % 1000) * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&d->cond, &d->lock, &ts);
    }
    done = d->done;
    d->done = NULL;
    d->woken = false;
    *stop = d->stop;
    pthread_mutex_unlock(&d->lock);
    return done;
}

static void *run(void *arg)
{
    struct wa_dispatch *d = arg;
    int64_t wait = 0, deadline = 0, swept = 0;
    bool stop = false;

    for (;;) {
        struct flight *done = wait_for_work(d, wait, &stop);
        int64_t now = clock_now_ms();
        struct db *db = store_acquire(d->ch->store);

        while (done) {
            struct flight *f = done;
            done = f->next;
            handle_done(d, db, f);
        }
        wait = POLL_MS;
        if (stop && !deadline)
            deadline = now + 5000;
        if (stop && (d->in_flight == 0 || now > deadline)) {
            if (d->lease_held)
                lease_release(d, db);
            store_release(db);
            break;
        }
        if (!stop && lease_tick(d, db, now))
            pick(d, db, now, &wait);
        __atomic_store_n(&d->gauge_in_flight, d->in_flight, __ATOMIC_RELAXED);
        __atomic_store_n(&d->gauge_lease, d->lease_held, __ATOMIC_RELAXED);
        if (now - swept > 10000) {
            recipients_sweep(d, now);
            swept = now;
        }
        store_release(db);
    }
    return NULL;
}

/* --- lifecycle, metrics and routes -------------------------------------- */

void wa_dispatch_write_metrics(struct wa_dispatch *d, struct buf *out)
{
    static const char *const names[] = {"accepted", "retry", "failed"};

    if (!d)
        return;
    buf_puts(out, "# TYPE parley_outbound_sends_total counter\n");
    for (int i = 0; i < 3; i++)
        buf_printf(out, "parley_outbound_sends_total{result=\"%s\"} %llu\n",
                   names[i],
                   (unsigned long long)__atomic_load_n(&d->outcomes[i],
                                                       __ATOMIC_RELAXED));
    buf_printf(out,
               "# TYPE parley_outbound_in_flight gauge\n"
               "parley_outbound_in_flight %d\n"
               "# TYPE parley_outbound_lease_held gauge\n"
               "parley_outbound_lease_held %d\n",
               __atomic_load_n(&d->gauge_in_flight, __ATOMIC_RELAXED),
               __atomic_load_n(&d->gauge_lease, __ATOMIC_RELAXED));
}

int wa_dispatch_init(struct wa_channel *ch)
{
    struct wa_dispatch *d = xcalloc(1, sizeof *d);

    d->ch = ch;
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->cond, NULL);
    ch->dispatch = d;
    return 0;
}

int wa_dispatch_start(struct wa_channel *ch)
{
    struct wa_dispatch *d = ch->dispatch;

    if (!d || d->started)
        return -1;
    d->graph = wa_graph_new(32);
    if (!d->graph)
        return -1;
    if (pthread_create(&d->thread, NULL, run, d)) {
        log_error("dispatch_start_failed", "reason=\"thread\"");
        wa_graph_free(d->graph);
        d->graph = NULL;
        return -1;
    }
    d->started = true;
    return 0;
}

/* Free what the dispatcher thread owned, once it has stopped. */
static void dispatch_free(struct wa_dispatch *d)
{
    while (d->senders) {
        struct sender *s = d->senders;
        d->senders = s->next;
        wa_graph_target_clear(&s->target);
        free(s);
    }
    for (int i = 0; i < RECIPIENT_SLOTS; i++) {
        while (d->recipients[i]) {
            struct recipient *r = d->recipients[i];
            d->recipients[i] = r->next;
            free(r);
        }
    }
    while (d->done) {
        struct flight *f = d->done;
        d->done = f->next;
        flight_free(f);
    }
    pthread_cond_destroy(&d->cond);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void wa_dispatch_stop(struct wa_channel *ch)
{
    struct wa_dispatch *d = ch->dispatch;

    if (!d)
        return;
    if (d->started) {
        pthread_mutex_lock(&d->lock);
        d->stop = true;
        pthread_cond_signal(&d->cond);
        pthread_mutex_unlock(&d->lock);
        pthread_join(d->thread, NULL);
        /* Calls still out complete into d->done; freed below. Their
         * messages stay "sending" and are recovered by the next holder. */
        wa_graph_free(d->graph);
    }
    dispatch_free(d);
    ch->dispatch = NULL;
}

static const struct http_route routes[] = {
    {"POST", "/api/v1/conversations/{id}/messages", api_messages_create,
     ROLE_AGENT, 0},
    {"POST", "/api/v1/messages/{id}/cancel", api_messages_cancel, ROLE_AGENT,
     0},
    {"POST", "/api/v1/conversations/{id}/read", api_conversation_read,
     ROLE_AGENT, 0},
    {"POST", "/api/v1/conversations/{id}/typing", api_conversation_typing,
     ROLE_AGENT, 0},
    {"GET", "/api/v1/templates", api_templates_list, ROLE_AGENT, 0},
    {"POST", "/api/v1/templates/sync", api_templates_sync, ROLE_SUPERVISOR, 0},
};

const struct http_route *wa_dispatch_routes(size_t *count)
{
    *count = sizeof routes / sizeof *routes;
    return routes;
}

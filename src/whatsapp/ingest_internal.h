/*
 * Inside the channel's inbound part: the state shared by the webhook
 * handlers and the group committer (ingest.c), the processor that applies
 * the durable log (ingest_proc.c, ingest_apply.c) and the administrators'
 * view of the log (ingest_admin.c). Nothing here is used outside them.
 */
#ifndef PARLEY_WHATSAPP_INGEST_INTERNAL_H
#define PARLEY_WHATSAPP_INGEST_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "store/store.h"
#include "whatsapp/channel.h"

/* Largest webhook body we accept; Meta's are far smaller. */
#define INGEST_MAX_BODY (3u * 1024 * 1024)

/* The notification channel that wakes the processor on other nodes. */
#define INGEST_NOTIFY_CHANNEL "wa_inbound"

/* The lease that makes one processor active per installation. */
#define INGEST_LEASE_NAME "wa_inbound_processor"

/* A webhook body waiting for the committer. Lives on the handler's stack;
 * the committer only touches it while `taken` and the handler waits for
 * `state` to leave 0 before it returns. */
struct ingest_pending {
    const char *body;
    size_t len;
    int64_t received_at;
    bool taken; /* the committer holds it in a batch */
    int state;  /* 0 waiting, 1 committed, -1 failed */
    int64_t id; /* the wa_inbound row, once committed */
    struct ingest_pending *next;
};

/* One distinct app secret or verify token of the configured inboxes. */
struct ingest_secret {
    char *app_secret;
    char *verify_token;
};

struct wa_ingest {
    struct wa_channel *ch;

    /* Unsealed secrets, refreshed every few seconds or on a miss. */
    pthread_rwlock_t secrets_lock;
    struct ingest_secret *secrets;
    size_t n_secrets;
    int64_t secrets_loaded_us; /* clock_mono_us(); 0 = never */

    /* Group commit: handlers queue, the committer drains. */
    pthread_mutex_t lock;
    pthread_cond_t work_cv;
    pthread_cond_t done_cv;
    struct ingest_pending *head, *tail;
    bool stopping;
    bool committing; /* the committer is writing a batch */
    bool applying;   /* the processor is writing a group */
    pthread_cond_t gate_cv;
    bool committer_running;
    pthread_t committer;

    /* The processor. */
    pthread_mutex_t proc_lock;
    pthread_cond_t proc_cv;
    bool proc_wake;
    bool proc_stopping;
    bool processor_running;
    bool lease_held;
    pthread_t processor;
};

/* ingest_proc.c: start / stop the processor thread, wake it after a
 * commit. */
int ingest_proc_start(struct wa_ingest *in);
void ingest_proc_stop(struct wa_ingest *in);
void ingest_proc_wake(struct wa_ingest *in);

/*
 * ingest.c: the committer and the processor take turns at writing, so
 * that neither sleeps in SQLite's busy handler waiting for the other.
 * Before a group the processor lets waiting bodies be committed first (up
 * to max_ms), then holds the gate until ingest_gate_leave(); the committer
 * waits for the gate before each batch.
 */
void ingest_gate_enter(struct wa_ingest *in, int64_t max_ms);
void ingest_gate_leave(struct wa_ingest *in);

/*
 * ingest_apply.c: apply one log entry (its raw body) inside the caller's
 * transaction on db. Items that cannot be applied are recorded in
 * wa_inbound_items; *account_id is set to the account of the first inbox
 * the entry names (0 if none). Returns STORE_OK with *fatal set to NULL,
 * or STORE_OK with *fatal set to a static reason when the entry as a whole
 * cannot be applied (then the caller rolls back and marks it failed), or a
 * store error.
 */
enum store_rc ingest_apply_entry(struct db *db, int64_t entry_id,
                                 const char *body, size_t len,
                                 int64_t received_at, int64_t *account_id,
                                 char *fatal, size_t fatal_len);

/* ingest_admin.c: the administrators' routes over the log. */
void ingest_admin_list(struct http_request *req);
void ingest_admin_replay(struct http_request *req);

#endif

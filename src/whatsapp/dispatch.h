/*
 * The outbound side of the WhatsApp channel as other modules see it: wake
 * the dispatcher after queueing a message, reach an inbox's Graph
 * endpoint with its token for one-off calls (mark as read, typing,
 * templates), and the per-conversation typing limit. Messages themselves
 * are queued by inserting them with status "queued" (see
 * src/api/messages.c); the dispatcher (dispatch.c) does the rest.
 */
#ifndef PARLEY_WHATSAPP_DISPATCH_H
#define PARLEY_WHATSAPP_DISPATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"
#include "whatsapp/graph_client.h"

struct wa_dispatch;

/* Status of an outbound message the Graph API accepted, until its status
 * webhook says "sent": "sending" with a wamid. */
#define WA_DISPATCH_LEASE "wa.dispatch"

/* Ask the dispatcher to look for due messages now; d may be NULL. Safe
 * from any thread. */
void wa_dispatch_wake(struct wa_dispatch *d);

/* Wake d once the transaction on db commits. */
void wa_dispatch_wake_on_commit(struct wa_dispatch *d, struct db *db);

/* The Graph client of d (NULL before start). */
struct wa_graph *wa_dispatch_graph(struct wa_dispatch *d);

/* Where an inbox's Graph calls go. Strings owned; free with
 * wa_graph_target_clear(), which wipes the token. */
struct wa_graph_target {
    char *base; /* graph_base_url/graph_version, no trailing slash */
    char *phone_number_id;
    char *waba_id;
    char *token;
};

/* Load the target of inbox_id in account_id (0: any account). Returns
 * STORE_OK, STORE_NOT_FOUND or a store error. */
enum store_rc wa_graph_target_load(struct db *db, const uint8_t *master,
                                   int64_t account_id, int64_t inbox_id,
                                   struct wa_graph_target *out);
void wa_graph_target_clear(struct wa_graph_target *t);

/* Whether a typing indicator for conversation_id may go now (at most one
 * per WA_TYPING_INTERVAL_MS); records it when so. */
#define WA_TYPING_INTERVAL_MS 3000
bool wa_dispatch_typing_allowed(struct wa_dispatch *d, int64_t conversation_id,
                                int64_t now_ms);

/*
 * Append Prometheus text for /metrics: parley_outbound_sends_total{result}
 * (accepted, retry, failed) since start, parley_outbound_in_flight and
 * parley_outbound_lease_held (1 on the node that dispatches). d may be
 * NULL (nothing is written).
 */
struct buf;
void wa_dispatch_write_metrics(struct wa_dispatch *d, struct buf *out);

#endif

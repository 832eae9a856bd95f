/*
 * The WhatsApp channel at run time: the inbound log and its processor
 * (ingest.c), the outbound dispatcher and Graph client (dispatch.c) and
 * media storage (media.c), started and stopped together by `parley serve`.
 *
 * Start-up has two phases because job handlers must be registered before
 * the job workers start: wa_channel_init() registers, wa_channel_start()
 * starts the channel's own threads once the workers run.
 */
#ifndef PARLEY_WHATSAPP_CHANNEL_H
#define PARLEY_WHATSAPP_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

struct store;
struct jobs;
struct wa_ingest;
struct wa_dispatch;
struct wa_media;

struct wa_channel {
    struct store *store;
    struct jobs *jobs;
    const uint8_t *master_key; /* CRYPTO_KEY_LEN bytes, borrowed */
    const char *data_dir;      /* media files live under <data_dir>/media */
    const char *node_id;

    /* Owned by the submodules; NULL until their init. */
    struct wa_ingest *ingest;
    struct wa_dispatch *dispatch;
    struct wa_media *media;
};

/* Phase one, before the job workers start. Returns 0 or -1 (logged). */
int wa_channel_init(struct wa_channel *ch);

/* Phase two, after the job workers started. Returns 0 or -1 (logged). */
int wa_channel_start(struct wa_channel *ch);

/* Stop the channel's threads and free what the submodules own. Safe on a
 * channel that was never started. */
void wa_channel_stop(struct wa_channel *ch);

/* Append the channel's HTTP routes to out (room for cap); returns how many
 * it appended. */
size_t wa_channel_routes(struct http_route *out, size_t cap);

/* Each submodule offers the same four calls. */
int wa_ingest_init(struct wa_channel *ch);
int wa_ingest_start(struct wa_channel *ch);
void wa_ingest_stop(struct wa_channel *ch);
const struct http_route *wa_ingest_routes(size_t *count);

int wa_dispatch_init(struct wa_channel *ch);
int wa_dispatch_start(struct wa_channel *ch);
void wa_dispatch_stop(struct wa_channel *ch);
const struct http_route *wa_dispatch_routes(size_t *count);

int wa_media_init(struct wa_channel *ch);
int wa_media_start(struct wa_channel *ch);
void wa_media_stop(struct wa_channel *ch);
const struct http_route *wa_media_routes(size_t *count);

#endif

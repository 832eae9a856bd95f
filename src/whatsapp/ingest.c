/*
 * The channel's ingest part. Being written: this file is replaced by the
 * engineer who owns it; until then the part starts, stops and serves
 * nothing so the rest of the server can run.
 */
#include <stddef.h>

#include "whatsapp/channel.h"

int wa_ingest_init(struct wa_channel *ch)
{
    return 0;
}

int wa_ingest_start(struct wa_channel *ch)
{
    return 0;
}

void wa_ingest_stop(struct wa_channel *ch)
{
}

const struct http_route *wa_ingest_routes(size_t *count)
{
    *count = 0;
    return NULL;
}

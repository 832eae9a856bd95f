/*
 * Starting and stopping the channel's parts in order; see channel.h.
 */
#include "whatsapp/channel.h"

#include <string.h>

#include "base/log.h"

int wa_channel_init(struct wa_channel *ch)
{
    if (wa_media_init(ch) || wa_ingest_init(ch) || wa_dispatch_init(ch)) {
        log_error("channel_init_failed", "node=%s", ch->node_id);
        return -1;
    }
    return 0;
}

int wa_channel_start(struct wa_channel *ch)
{
    if (wa_media_start(ch) || wa_ingest_start(ch) || wa_dispatch_start(ch)) {
        log_error("channel_start_failed", "node=%s", ch->node_id);
        return -1;
    }
    return 0;
}

void wa_channel_stop(struct wa_channel *ch)
{
    /* Inbound first: nothing new to send or fetch once it stops. */
    wa_ingest_stop(ch);
    wa_dispatch_stop(ch);
    wa_media_stop(ch);
}

static size_t append(struct http_route *out, size_t cap, size_t at,
                     const struct http_route *routes, size_t n)
{
    for (size_t i = 0; i < n && at < cap; i++)
        out[at++] = routes[i];
    return at;
}

size_t wa_channel_routes(struct http_route *out, size_t cap)
{
    size_t n, at = 0;
    const struct http_route *r;

    r = wa_ingest_routes(&n);
    at = append(out, cap, at, r, n);
    r = wa_dispatch_routes(&n);
    at = append(out, cap, at, r, n);
    r = wa_media_routes(&n);
    at = append(out, cap, at, r, n);
    return at;
}

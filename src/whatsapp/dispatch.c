/*
 * The channel's dispatch part. Being written: this file is replaced by the
 * engineer who owns it; until then the part starts, stops and serves
 * nothing so the rest of the server can run.
 */
#include <stddef.h>

#include "whatsapp/channel.h"

int wa_dispatch_init(struct wa_channel *ch)
{
    return 0;
}

int wa_dispatch_start(struct wa_channel *ch)
{
    return 0;
}

void wa_dispatch_stop(struct wa_channel *ch)
{
}

const struct http_route *wa_dispatch_routes(size_t *count)
{
    *count = 0;
    return NULL;
}

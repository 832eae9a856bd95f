/*
 * The channel's media part. Being written: this file is replaced by the
 * engineer who owns it; until then the part starts, stops and serves
 * nothing so the rest of the server can run.
 */
#include <stddef.h>

#include "whatsapp/channel.h"

int wa_media_init(struct wa_channel *ch)
{
    return 0;
}

int wa_media_start(struct wa_channel *ch)
{
    return 0;
}

void wa_media_stop(struct wa_channel *ch)
{
}

const struct http_route *wa_media_routes(size_t *count)
{
    *count = 0;
    return NULL;
}

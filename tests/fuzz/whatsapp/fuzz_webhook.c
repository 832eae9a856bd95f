/*
 * Fuzz the webhook parser on arbitrary bytes: it must return a batch or a
 * clean error, every item it reports must carry its mandatory fields, and
 * freeing must release everything. The same bytes also go through the
 * Graph response parsers and outbound validation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whatsapp/graph_error.h"
#include "whatsapp/outbound.h"
#include "whatsapp/webhook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches what a processor would read; aborts on a broken invariant. */
static void walk(const struct wa_batch *b)
{
    for (size_t i = 0; i < b->n_messages; i++) {
        const struct wa_message *m = &b->messages[i];
        char *s = json_dumps(m->content, JSON_COMPACT);

        if (!m->wamid || !m->type || !json_is_object(m->content) || !s)
            abort();
        free(s);
        (void)wa_message_contact_key(m);
    }
    for (size_t i = 0; i < b->n_statuses; i++) {
        const struct wa_status *st = &b->statuses[i];

        if (!st->wamid || !st->status || st->rank != wa_status_rank(st->status))
            abort();
        (void)wa_status_may_replace("sent", st->status);
        (void)wa_status_contact_key(st);
    }
    for (size_t i = 0; i < b->n_unparsed; i++)
        if (!b->unparsed[i].reason || !b->unparsed[i].raw)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_batch *b = NULL;
    struct wa_send_result r;
    struct wa_graph_error e;
    char err[256];
    json_t *msg;

    if (wa_webhook_parse((const char *)data, size, &b, err, sizeof err) == 0)
        walk(b);
    else if (b || !err[0])
        abort();
    wa_batch_free(b);

    wa_send_result_parse((const char *)data, size, &r, err, sizeof err);
    wa_send_result_clear(&r);
    wa_graph_error_parse((const char *)data, size, &e);
    wa_graph_error_clear(&e);

    msg = json_loadb((const char *)data, size, 0, NULL);
    if (msg && wa_outbound_validate(msg, err, sizeof err) != 0 && !err[0])
        abort();
    json_decref(msg);
    return 0;
}

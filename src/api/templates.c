/*
 * Message templates of an inbox's WhatsApp Business Account:
 *   GET  /api/v1/templates?inbox_id=      what is stored (agents),
 *   POST /api/v1/templates/sync?inbox_id= fetch every page of the WABA's
 *        template list from the Graph API and upsert it (supervisors).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/outbound.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/inbox.h"
#include "core/outbox.h"
#include "whatsapp/channel.h"
#include "whatsapp/dispatch.h"
#include "whatsapp/template_sync.h"

/* ?inbox_id=: 0 when absent; false (after a 400) when malformed. */
static bool read_inbox_id(struct http_request *req, bool required, int64_t *id)
{
    const char *s = http_query(req, "inbox_id");
    char *end;

    *id = 0;
    if (!s && !required)
        return true;
    if (s && *s)
        *id = strtoll(s, &end, 10);
    if (!s || !*s || *end || *id <= 0) {
        http_reply_error(req, ERR_BAD_REQUEST, "inbox_id must be an inbox id");
        return false;
    }
    return true;
}

void api_templates_list(struct http_request *req)
{
    int64_t inbox_id, after, last;
    int limit;
    json_t *data;
    enum store_rc rc;

    if (!read_inbox_id(req, false, &inbox_id) || !api_page(req, &limit, &after))
        return;
    rc = outbox_templates_list(http_db(req), http_principal(req)->account_id,
                               inbox_id, after, limit, &data, &last);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_reply_page(req, data, json_array_size(data), limit, last);
}

void api_templates_sync(struct http_request *req)
{
    struct app *app = api_app(req);
    struct wa_graph *g =
        app->channel ? wa_dispatch_graph(app->channel->dispatch) : NULL;
    struct wa_graph_target t = {0};
    int64_t inbox_id;
    int n = 0;
    bool upstream;
    char err[256];
    enum store_rc rc;

    if (!read_inbox_id(req, true, &inbox_id))
        return;
    if (!g) {
        http_reply_error(req, ERR_UNAVAILABLE, "the channel is not running");
        return;
    }
    rc = wa_graph_target_load(http_db(req), app->master_key,
                              http_principal(req)->account_id, inbox_id, &t);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    if (wa_templates_sync(http_db(req), g, &t, http_principal(req)->account_id,
                          inbox_id, &n, &upstream, err, sizeof err)) {
        http_reply_error(req, upstream ? ERR_UPSTREAM : ERR_INTERNAL, "%s",
                         err);
    } else {
        api_audit(req, "templates.sync", "inbox", inbox_id,
                  json_pack("{si}", "templates", n));
        http_reply_json(req, 200, json_pack("{si}", "synced", n));
    }
    wa_graph_target_clear(&t);
}

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

#define SYNC_MAX_PAGES 50
#define SYNC_FIELDS                                                            \
    "name,status,category,language,components,parameter_format,"               \
    "quality_score,rejected_reason"

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

/* The URL of one page of the template list, after cursor (may be NULL).
 * The cursor is escaped; the next URL Meta gives is not followed, so the
 * token only ever goes to the inbox's own Graph host. */
static char *page_url(const struct wa_graph_target *t, const char *after)
{
    char *esc = NULL, *url;

    if (after) {
        esc = xmalloc(strlen(after) * 3 + 1);
        char *o = esc;
        for (const char *p = after; *p; p++) {
            if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                       "0123456789-_.~",
                       *p))
                *o++ = *p;
            else
                o += sprintf(o, "%%%02X", (unsigned char)*p);
        }
        *o = '\0';
    }
    url = xasprintf("%s/%s/message_templates?fields=" SYNC_FIELDS
                    "&limit=100%s%s",
                    t->base, t->waba_id, esc ? "&after=" : "", esc ? esc : "");
    free(esc);
    return url;
}

/* Upsert one page's templates in a transaction; counts them in *n. */
static enum store_rc store_page(struct db *db, int64_t account_id,
                                int64_t inbox_id, json_t *data, int *n)
{
    size_t i;
    json_t *t;
    enum store_rc rc = db_begin(db);

    if (rc)
        return rc;
    json_array_foreach(data, i, t)
    {
        rc =
            outbox_template_upsert(db, account_id, inbox_id, t, clock_now_ms());
        if (rc == STORE_CONSTRAINT) {
            log_warn("template_sync_skipped", "inbox_id=%lld index=%zu",
                     (long long)inbox_id, i);
            continue;
        }
        if (rc) {
            db_rollback(db);
            return rc;
        }
        (*n)++;
    }
    return db_commit(db);
}

/*
 * Fetch every page for target t and store it. Returns 0, or -1 after
 * replying (Graph or storage failure; pages stored so far stay).
 */
static int sync_pages(struct http_request *req, struct wa_graph *g,
                      const struct wa_graph_target *t, int64_t inbox_id, int *n)
{
    char *after = NULL;
    int rc = -1;

    for (int page = 0; page < SYNC_MAX_PAGES; page++) {
        char *url = page_url(t, after);
        struct wa_graph_response resp = {0};
        json_t *doc;
        const char *next;

        wa_graph_call(g,
                      &(struct wa_graph_request){.method = "GET",
                                                 .url = url,
                                                 .token = t->token,
                                                 .timeout_ms = 15000},
                      &resp);
        free(url);
        doc = resp.http_status == 200 ? json_loadb(resp.body, resp.len, 0, NULL)
                                      : NULL;
        if (!json_is_array(json_object_get(doc, "data"))) {
            http_reply_error(req, ERR_UPSTREAM,
                             "the template list could not be fetched "
                             "(HTTP %ld%s%s)",
                             resp.http_status, resp.error[0] ? ": " : "",
                             resp.error);
            json_decref(doc);
            wa_graph_response_clear(&resp);
            goto out;
        }
        wa_graph_response_clear(&resp);
        if (store_page(http_db(req), http_principal(req)->account_id, inbox_id,
                       json_object_get(doc, "data"), n)) {
            http_reply_error(req, ERR_INTERNAL, "templates not stored");
            json_decref(doc);
            goto out;
        }
        next = json_string_value(json_object_get(
            json_object_get(json_object_get(doc, "paging"), "cursors"),
            "after"));
        free(after);
        after = next && json_object_get(json_object_get(doc, "paging"), "next")
                    ? xstrdup(next)
                    : NULL;
        json_decref(doc);
        if (!after) {
            rc = 0;
            goto out;
        }
    }
    rc = 0; /* TODO: say when a WABA has more than SYNC_MAX_PAGES pages */
out:
    free(after);
    return rc;
}

void api_templates_sync(struct http_request *req)
{
    struct app *app = api_app(req);
    struct wa_graph *g =
        app->channel ? wa_dispatch_graph(app->channel->dispatch) : NULL;
    struct wa_graph_target t = {0};
    int64_t inbox_id;
    int n = 0;
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
    if (sync_pages(req, g, &t, inbox_id, &n) == 0) {
        api_audit(req, "templates.sync", "inbox", inbox_id,
                  json_pack("{si}", "templates", n));
        http_reply_json(req, 200, json_pack("{si}", "synced", n));
    }
    wa_graph_target_clear(&t);
}

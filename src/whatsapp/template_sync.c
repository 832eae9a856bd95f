/*
 * Template sync from the WABA list endpoint; see template_sync.h.
 */
#include "whatsapp/template_sync.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/outbox.h"

#define SYNC_FIELDS                                                            \
    "name,status,category,language,components,parameter_format,"               \
    "quality_score,rejected_reason"

/* The URL of one page of the list, after cursor (may be NULL), which is
 * percent-encoded. */
static char *page_url(const struct wa_graph_target *t, const char *after)
{
    struct buf esc = BUF_INIT;
    char *url;

    for (const char *p = after; p && *p; p++) {
        if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                   "0123456789-_.~",
                   *p))
            buf_putc(&esc, *p);
        else
            buf_printf(&esc, "%%%02X", (unsigned char)*p);
    }
    url = xasprintf(
        "%s/%s/message_templates?fields=" SYNC_FIELDS "&limit=100%s%s", t->base,
        t->waba_id, after ? "&after=" : "", esc.data ? esc.data : "");
    buf_free(&esc);
    return url;
}

static const char *member(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* Store one listed template (the Graph shape) for the inbox. */
static enum store_rc store_one(struct db *db, int64_t account_id,
                               int64_t inbox_id, const json_t *j)
{
    const json_t *comp = json_object_get(j, "components");
    char *text = json_is_array(comp) ? json_dumps(comp, JSON_COMPACT) : NULL;
    struct outbox_template t = {
        .wa_template_id = member(j, "id"),
        .name = member(j, "name"),
        .language = member(j, "language"),
        .category = member(j, "category"),
        .status = member(j, "status"),
        .quality = member(json_object_get(j, "quality_score"), "score"),
        .parameter_format = member(j, "parameter_format"),
        .components = text,
        .reason = member(j, "rejected_reason"),
    };
    enum store_rc rc =
        outbox_template_upsert(db, account_id, inbox_id, &t, clock_now_ms());

    free(text);
    return rc;
}

/* Upsert one page's templates in a transaction; counts them in *n. A
 * template without name or language is skipped with a warning. */
static enum store_rc store_page(struct db *db, int64_t account_id,
                                int64_t inbox_id, json_t *data, int *n)
{
    size_t i;
    json_t *t;
    int stored = 0;
    enum store_rc rc = db_begin(db);

    if (rc)
        return rc;
    json_array_foreach(data, i, t)
    {
        rc = store_one(db, account_id, inbox_id, t);
        if (rc == STORE_CONSTRAINT) {
            log_warn("template_sync_skipped", "inbox_id=%lld index=%zu",
                     (long long)inbox_id, i);
            continue;
        }
        if (rc) {
            db_rollback(db);
            return rc;
        }
        stored++;
    }
    rc = db_commit(db);
    if (rc == STORE_OK)
        *n += stored;
    return rc;
}

/* Fetch one page into *doc (a list object). Returns 0, or -1 with err. */
static int fetch_page(struct wa_graph *g, const struct wa_graph_target *t,
                      const char *after, json_t **doc, char *err, size_t errlen)
{
    char *url = page_url(t, after);
    struct wa_graph_response resp = {0};

    wa_graph_call(g,
                  &(struct wa_graph_request){.method = "GET",
                                             .url = url,
                                             .token = t->token,
                                             .timeout_ms = 15000},
                  &resp);
    free(url);
    *doc = resp.http_status == 200 ? json_loadb(resp.body, resp.len, 0, NULL)
                                   : NULL;
    if (!json_is_array(json_object_get(*doc, "data"))) {
        snprintf(err, errlen,
                 "the template list could not be fetched (HTTP %ld%s%s)",
                 resp.http_status, resp.error[0] ? ": " : "", resp.error);
        json_decref(*doc);
        *doc = NULL;
    }
    wa_graph_response_clear(&resp);
    return *doc ? 0 : -1;
}

/* The cursor of the next page, or NULL on the last one; caller frees. */
static char *next_cursor(const json_t *doc)
{
    const json_t *paging = json_object_get(doc, "paging");
    const char *after = member(json_object_get(paging, "cursors"), "after");

    return after && json_object_get(paging, "next") ? xstrdup(after) : NULL;
}

int wa_templates_sync(struct db *db, struct wa_graph *g,
                      const struct wa_graph_target *t, int64_t account_id,
                      int64_t inbox_id, int *count, bool *upstream, char *err,
                      size_t errlen)
{
    char *after = NULL;
    json_t *doc;
    int rc = 0;

    *count = 0;
    for (int page = 0; page < WA_TEMPLATE_SYNC_MAX_PAGES; page++) {
        rc = -1;
        *upstream = true;
        if (fetch_page(g, t, after, &doc, err, errlen))
            break;
        *upstream = false;
        if (store_page(db, account_id, inbox_id, json_object_get(doc, "data"),
                       count)) {
            snprintf(err, errlen, "the templates could not be stored");
            json_decref(doc);
            break;
        }
        rc = 0;
        free(after);
        after = next_cursor(doc);
        json_decref(doc);
        if (!after)
            break;
    }
    if (rc == 0 && after)
        log_warn("template_sync_truncated", "inbox_id=%lld pages=%d",
                 (long long)inbox_id, WA_TEMPLATE_SYNC_MAX_PAGES);
    free(after);
    return rc;
}

/*
 * Simulated WABA endpoints: message templates (list with paging, create
 * as PENDING and approve after a delay with a status webhook, delete) and
 * Graph objects by id (media and templates: GET and DELETE).
 */
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/mem.h"
#include "http/http.h"
#include "sim/sim_internal.h"

/* A template as the list endpoint shows it. Lock held. */
static json_t *template_json(const struct sim_template *t)
{
    char id[24];

    snprintf(id, sizeof(id), "%lld", (long long)t->id);
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:O,s:s}", "name", t->name, "status",
                     t->status, "category", t->category, "language",
                     t->language, "parameter_format", t->parameter_format,
                     "components", t->components, "id", id);
}

/* Cursors are the position to go on from, base64-encoded. */
static char *cursor_of(size_t pos)
{
    char s[32];

    snprintf(s, sizeof(s), "pos:%zu", pos);
    return crypto_base64(s, strlen(s));
}

/* The position a cursor names; 0 for none or garbage. */
static size_t pos_of(const char *cursor)
{
    uint8_t raw[32];
    int n = cursor
                ? crypto_unbase64(cursor, strlen(cursor), raw, sizeof(raw) - 1)
                : -1;

    if (n < 5 || memcmp(raw, "pos:", 4) != 0)
        return 0;
    raw[n] = '\0';
    return (size_t)strtoull((char *)raw + 4, NULL, 10);
}

/* Whether t passes the list filters (status, name). */
static bool listed(const struct sim_template *t, const char *status,
                   const char *name)
{
    return (!status || strcasecmp(status, t->status) == 0) &&
           (!name || strstr(t->name, name));
}

/* GET /{ver}/{waba}/message_templates: a page of templates with Meta's
 * paging object (cursors, and next when more match). */
void sim_graph_templates_list(struct http_request *req)
{
    struct sim *sim = sim_graph_begin(req, "waba", "waba");
    const char *lim = http_query(req, "limit");
    const char *status = http_query(req, "status");
    const char *name = http_query(req, "name");

    if (!sim)
        return;
    long limit = lim ? strtol(lim, NULL, 10) : 25;
    if (limit < 1 || limit > 1000)
        limit = 25;
    size_t start = pos_of(http_query(req, "after")), i = start;
    json_t *data = json_array();
    pthread_mutex_lock(&sim->lock);
    for (; i < sim->ntemplates && json_array_size(data) < (size_t)limit; i++)
        if (listed(sim->templates[i], status, name))
            json_array_append_new(data, template_json(sim->templates[i]));
    bool more = false;
    for (size_t j = i; j < sim->ntemplates && !more; j++)
        more = listed(sim->templates[j], status, name);
    pthread_mutex_unlock(&sim->lock);

    char *before = cursor_of(start), *after = cursor_of(i);
    json_t *paging =
        json_pack("{s:{s:s,s:s}}", "cursors", "before", before, "after", after);
    if (more) {
        const char *host = http_header(req, "Host");
        char *next =
            xasprintf("http://%s%s?limit=%ld&after=%s",
                      host ? host : "127.0.0.1", http_path(req), limit, after);
        json_object_set_new(paging, "next", json_string(next));
        free(next);
    }
    free(before);
    free(after);
    http_reply_json(req, 200,
                    json_pack("{s:o,s:o}", "data", data, "paging", paging));
}

/* Template names: lowercase letters, digits and underscores. */
static bool name_ok(const char *n)
{
    if (!n || !*n || strlen(n) > 512)
        return false;
    for (; *n; n++)
        if (!((*n >= 'a' && *n <= 'z') || (*n >= '0' && *n <= '9') ||
              *n == '_'))
            return false;
    return true;
}

/* The three categories a template may be created in. */
static bool category_ok(const char *c)
{
    return c && (strcmp(c, "MARKETING") == 0 || strcmp(c, "UTILITY") == 0 ||
                 strcmp(c, "AUTHENTICATION") == 0);
}

/* A BODY component with text, and every component with a type. */
static bool components_ok(json_t *comps)
{
    json_t *c;
    size_t i;
    bool body = false;

    json_array_foreach(comps, i, c)
    {
        const char *t = json_string_value(json_object_get(c, "type"));
        if (!t)
            return false;
        if (strcasecmp(t, "BODY") == 0) {
            const char *text = json_string_value(json_object_get(c, "text"));
            if (!text || !*text || sim_utf8_len(text) > 1024)
                return false;
            body = true;
        }
    }
    return body;
}

/* POST /{ver}/{waba}/message_templates: validate, store as PENDING and
 * schedule the approval. */
void sim_graph_templates_create(struct http_request *req)
{
    struct sim *sim = sim_graph_begin(req, "waba", "waba");
    json_t *body = sim ? sim_graph_json(req) : NULL;

    if (!body)
        return;
    const char *name = json_string_value(json_object_get(body, "name"));
    const char *cat = json_string_value(json_object_get(body, "category"));
    const char *lang = json_string_value(json_object_get(body, "language"));
    json_t *comps = json_object_get(body, "components");
    const char *bad = !name_ok(name)          ? "name"
                      : !category_ok(cat)     ? "category"
                      : !lang || !*lang       ? "language"
                      : !components_ok(comps) ? "components"
                                              : NULL;
    if (bad) {
        char d[80];
        snprintf(d, sizeof(d), "Param %s is missing or invalid.", bad);
        sim_graph_error(req, 100, d);
        goto out;
    }
    pthread_mutex_lock(&sim->lock);
    if (sim_template_find(sim, name, lang)) {
        pthread_mutex_unlock(&sim->lock);
        sim_graph_error(req, 100, "Content in this language already exists.");
        goto out;
    }
    struct sim_template *t = sim_template_add(sim, name, lang, cat, "PENDING",
                                              json_deep_copy(comps));
    t->approve_at_us = clock_mono_us() + sim->template_approval_ms * 1000LL;
    sim->counters.templates_created++;
    char id[24];
    snprintf(id, sizeof(id), "%lld", (long long)t->id);
    pthread_mutex_unlock(&sim->lock);
    http_reply_json(req, 200,
                    json_pack("{s:s,s:s,s:s}", "id", id, "status", "PENDING",
                              "category", cat));
out:
    json_decref(body);
}

/* DELETE /{ver}/{waba}/message_templates?name=[&hsm_id=]: every
 * language of a name, or the one template with that id. */
void sim_graph_templates_delete(struct http_request *req)
{
    struct sim *sim = sim_graph_begin(req, "waba", "waba");
    const char *name = http_query(req, "name");
    const char *hsm = http_query(req, "hsm_id");
    int removed = 0;

    if (!sim)
        return;
    if (!name) {
        sim_graph_error(req, 100, "The parameter name is required.");
        return;
    }
    pthread_mutex_lock(&sim->lock);
    for (size_t i = sim->ntemplates; i-- > 0;) {
        struct sim_template *t = sim->templates[i];
        if (strcmp(t->name, name) == 0 &&
            (!hsm || t->id == strtoll(hsm, NULL, 10))) {
            sim_template_remove(sim, i);
            removed++;
        }
    }
    pthread_mutex_unlock(&sim->lock);
    if (!removed) {
        sim_graph_error(req, 100, "Message template not found.");
        return;
    }
    http_reply_json(req, 200, json_pack("{s:b}", "success", 1));
}

/* The status-update webhook value for a template event. Lock held. */
static json_t *template_event(const struct sim_template *t, const char *event)
{
    return json_pack(
        "{s:s,s:I,s:s,s:s,s:s,s:s}", "event", event, "message_template_id",
        (json_int_t)t->id, "message_template_name", t->name,
        "message_template_language", t->language, "message_template_category",
        t->category, "reason", "NONE");
}

/* Approve the templates whose review delay has passed and queue their
 * status webhooks (outside the lock). */
void sim_templates_tick(struct sim *sim)
{
    char *bodies[16];
    int n = 0;
    int64_t now = clock_mono_us();

    pthread_mutex_lock(&sim->lock);
    for (size_t i = 0; i < sim->ntemplates && n < 16; i++) {
        struct sim_template *t = sim->templates[i];
        if (!t->approve_at_us || t->approve_at_us > now)
            continue;
        t->approve_at_us = 0;
        free(t->status);
        t->status = xstrdup("APPROVED");
        bodies[n++] =
            sim_webhook_envelope(sim, "message_template_status_update",
                                 template_event(t, "APPROVED"), true);
    }
    pthread_mutex_unlock(&sim->lock);
    for (int i = 0; i < n; i++)
        sim_webhook_queue(sim, bodies[i], 0, NULL, false, NULL, NULL);
}

/* --- objects by id ------------------------------------------------------- */

/* A media object's description (lock held); NULL if id is not media. */
static json_t *media_json(struct sim *sim, struct http_request *req,
                          const char *id)
{
    struct sim_media *m = sim_media_get(sim, id);
    char size[24];

    if (!m)
        return NULL;
    snprintf(size, sizeof(size), "%zu", m->len);
    char *url = sim_media_url(sim, req, m);
    json_t *o =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "messaging_product", "whatsapp",
                  "url", url, "mime_type", m->mime, "sha256", m->sha256_hex,
                  "file_size", size, "id", m->id);
    free(url);
    return o;
}

/* GET /{ver}/{id}: a media object or a template. */
/* The business phone number itself, as GET /{ver}/{phone-number-id}
 * describes it. Lock held. */
static json_t *phone_number_json(struct sim *sim)
{
    return json_pack("{ss ss ss ss ss ss}", "id", sim->phone_number_id,
                     "display_phone_number", sim->display_number,
                     "verified_name", "Parley Demo Shop", "quality_rating",
                     "GREEN", "code_verification_status", "VERIFIED",
                     "platform_type", "CLOUD_API");
}

void sim_graph_object_get(struct http_request *req)
{
    const char *ver = http_param(req, "ver");

    /* /sim/<name> shares this pattern on the root mount */
    if (ver && strcmp(ver, "sim") == 0) {
        sim_control_get(req, http_param(req, "id"));
        return;
    }
    struct sim *sim = sim_graph_begin(req, NULL, NULL);
    const char *id = http_param(req, "id");
    const char *pnid = http_query(req, "phone_number_id");
    if (!sim)
        return;
    pthread_mutex_lock(&sim->lock);
    json_t *o = NULL;
    if (strcmp(id, sim->phone_number_id) == 0)
        o = phone_number_json(sim);
    else if (!pnid || strcmp(pnid, sim->phone_number_id) == 0)
        o = media_json(sim, req, id);
    if (!o) {
        struct sim_template *t = sim_template_by_id(sim, strtoll(id, NULL, 10));
        o = t ? template_json(t) : NULL;
    }
    pthread_mutex_unlock(&sim->lock);
    if (!o) {
        sim_graph_error(req, 100,
                        "Unsupported get request. Object does not "
                        "exist or cannot be loaded.");
        return;
    }
    http_reply_json(req, 200, o);
}

/* DELETE /{ver}/{id}: media only. */
void sim_graph_object_delete(struct http_request *req)
{
    struct sim *sim = sim_graph_begin(req, NULL, NULL);
    const char *id = http_param(req, "id");
    const char *pnid = http_query(req, "phone_number_id");

    if (!sim)
        return;
    pthread_mutex_lock(&sim->lock);
    bool found = sim_media_get(sim, id) &&
                 (!pnid || strcmp(pnid, sim->phone_number_id) == 0);
    if (found)
        sim_media_delete(sim, id);
    pthread_mutex_unlock(&sim->lock);
    if (!found) {
        sim_graph_error(req, 100,
                        "Unsupported delete request. Object does "
                        "not exist.");
        return;
    }
    http_reply_json(req, 200, json_pack("{s:b}", "success", 1));
}

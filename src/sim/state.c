/*
 * The simulator's in-memory state: virtual customers and their ledgers,
 * media bytes, templates (with the seeded approved ones), and small
 * helpers (ids, placeholder counting, random draws). Callers hold the
 * simulator's lock.
 */
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/mem.h"
#include "sim/sim_internal.h"

/* Grow an array of pointers to hold one more. */
static void grow(void ***arr, size_t n, size_t *cap)
{
    if (n < *cap)
        return;
    *cap = *cap ? *cap * 2 : 16;
    *arr = xrealloc(*arr, *cap * sizeof(void *));
}

/* A BSUID-shaped user id derived from the wa_id, stable across resets. */
static char *user_id_for(const char *wa_id)
{
    uint8_t h[CRYPTO_SHA256_LEN];
    char digits[21];

    crypto_sha256(wa_id, strlen(wa_id), h);
    for (int i = 0; i < 20; i++)
        digits[i] = (char)('0' + h[i] % 10);
    digits[20] = '\0';
    return xasprintf("US.%s", digits);
}

/* Linear search: the simulator holds at most a few thousand customers.
 * A new customer gets a full pair-rate bucket. */
struct sim_customer *sim_customer_get(struct sim *sim, const char *wa_id,
                                      bool create)
{
    for (size_t i = 0; i < sim->ncustomers; i++)
        if (strcmp(sim->customers[i]->wa_id, wa_id) == 0)
            return sim->customers[i];
    if (!create)
        return NULL;

    struct sim_customer *c = xcalloc(1, sizeof(*c));
    c->wa_id = xstrdup(wa_id);
    c->user_id = user_id_for(wa_id);
    c->profile_name = xasprintf("Customer %s", wa_id);
    c->pair_tokens = sim->pair_burst;
    c->pair_last_us = clock_mono_us();
    c->ledger = json_array();
    grow((void ***)&sim->customers, sim->ncustomers, &sim->customers_cap);
    sim->customers[sim->ncustomers++] = c;
    return c;
}

/* Free one customer and its ledger. */
static void customer_free(struct sim_customer *c)
{
    free(c->wa_id);
    free(c->user_id);
    free(c->profile_name);
    json_decref(c->ledger);
    free(c);
}

/* Append with the next seq so the phone page sees it. */
void sim_ledger_add(struct sim *sim, struct sim_customer *c, json_t *entry)
{
    json_object_set_new(entry, "seq",
                        json_integer((json_int_t)++sim->next_seq));
    if (!json_object_get(entry, "statuses"))
        json_object_set_new(entry, "statuses", json_array());
    json_array_append_new(c->ledger, entry);
}

/* Search from the newest: statuses concern recent messages. */
json_t *sim_ledger_find(struct sim_customer *c, const char *wamid)
{
    for (size_t i = json_array_size(c->ledger); i-- > 0;) {
        json_t *e = json_array_get(c->ledger, i);
        const char *id = json_string_value(json_object_get(e, "wamid"));
        if (id && strcmp(id, wamid) == 0)
            return e;
    }
    return NULL;
}

/* Append a status to the entry and bump its seq, so that a polling
 * phone page picks up the change. */
void sim_ledger_status(struct sim *sim, const char *wa_id, const char *wamid,
                       const char *status)
{
    struct sim_customer *c = sim_customer_get(sim, wa_id, false);
    json_t *e = c ? sim_ledger_find(c, wamid) : NULL;

    if (!e)
        return;
    json_array_append_new(json_object_get(e, "statuses"),
                          json_pack("{s:s,s:I}", "status", status, "timestamp",
                                    (json_int_t)(clock_now_ms() / 1000)));
    /* a change the phone page polls for */
    json_object_set_new(e, "seq", json_integer((json_int_t)++sim->next_seq));
}

/* The media with id, or NULL. */
struct sim_media *sim_media_get(struct sim *sim, const char *id)
{
    for (size_t i = 0; i < sim->nmedia; i++)
        if (strcmp(sim->media[i]->id, id) == 0)
            return sim->media[i];
    return NULL;
}

/* Store a copy of the bytes under a fresh numeric id, within the byte
 * cap of the whole store. */
struct sim_media *sim_media_add(struct sim *sim, const char *mime,
                                const void *data, size_t len)
{
    uint8_t h[CRYPTO_SHA256_LEN], r[8];
    uint64_t n = 0;

    if (sim->media_bytes + len > sim->media_max_bytes)
        return NULL;
    struct sim_media *m = xcalloc(1, sizeof(*m));
    crypto_random(r, sizeof(r));
    memcpy(&n, r, sizeof(n));
    /* Meta's media ids are 15-16 digit numbers */
    snprintf(
        m->id, sizeof(m->id), "%llu",
        (unsigned long long)(1000000000000000ULL + n % 8999999999999999ULL));
    m->mime = xstrdup(mime);
    m->data = xmalloc(len ? len : 1);
    memcpy(m->data, data, len);
    m->len = len;
    crypto_sha256(data, len, h);
    crypto_hex(h, sizeof(h), m->sha256_hex);
    m->created_ms = clock_now_ms();
    grow((void ***)&sim->media, sim->nmedia, &sim->media_cap);
    sim->media[sim->nmedia++] = m;
    sim->media_bytes += len;
    return m;
}

/* Free one media item. */
static void media_free(struct sim_media *m)
{
    free(m->mime);
    free(m->data);
    free(m);
}

/* Remove media by id (order in the array does not matter). */
void sim_media_delete(struct sim *sim, const char *id)
{
    for (size_t i = 0; i < sim->nmedia; i++) {
        if (strcmp(sim->media[i]->id, id) != 0)
            continue;
        sim->media_bytes -= sim->media[i]->len;
        media_free(sim->media[i]);
        sim->media[i] = sim->media[--sim->nmedia];
        return;
    }
}

/* A template by name and language (NULL: any language). */
struct sim_template *sim_template_find(struct sim *sim, const char *name,
                                       const char *language)
{
    for (size_t i = 0; i < sim->ntemplates; i++) {
        struct sim_template *t = sim->templates[i];
        if (strcmp(t->name, name) == 0 &&
            (!language || strcmp(t->language, language) == 0))
            return t;
    }
    return NULL;
}

/* A template by its numeric id. */
struct sim_template *sim_template_by_id(struct sim *sim, int64_t id)
{
    for (size_t i = 0; i < sim->ntemplates; i++)
        if (sim->templates[i]->id == id)
            return sim->templates[i];
    return NULL;
}

/* Template format: NAMED when the body uses {{name}} placeholders. */
static const char *parameter_format_of(json_t *components)
{
    size_t i;
    json_t *c;

    json_array_foreach(components, i, c)
    {
        const char *text = json_string_value(json_object_get(c, "text"));
        const char *p = text ? strstr(text, "{{") : NULL;
        if (p && !(p[2] >= '0' && p[2] <= '9'))
            return "NAMED";
    }
    return "POSITIONAL";
}

/* Add a template (components taken) with the next id. */
struct sim_template *sim_template_add(struct sim *sim, const char *name,
                                      const char *language,
                                      const char *category, const char *status,
                                      json_t *components)
{
    struct sim_template *t = xcalloc(1, sizeof(*t));

    t->id = sim->next_template_id++;
    t->name = xstrdup(name);
    t->language = xstrdup(language);
    t->category = xstrdup(category);
    t->status = xstrdup(status);
    t->components = components;
    t->parameter_format = xstrdup(parameter_format_of(components));
    grow((void ***)&sim->templates, sim->ntemplates, &sim->templates_cap);
    sim->templates[sim->ntemplates++] = t;
    return t;
}

/* Free one template. */
static void template_free(struct sim_template *t)
{
    free(t->name);
    free(t->language);
    free(t->category);
    free(t->status);
    free(t->parameter_format);
    json_decref(t->components);
    free(t);
}

/* Remove template i, keeping the list order (paging relies on it). */
void sim_template_remove(struct sim *sim, size_t i)
{
    template_free(sim->templates[i]);
    memmove(&sim->templates[i], &sim->templates[i + 1],
            (sim->ntemplates - i - 1) * sizeof(sim->templates[0]));
    sim->ntemplates--;
}

/* One seeded template: a body text and optional footer. */
static void seed(struct sim *sim, const char *name, const char *lang,
                 const char *category, const char *body, const char *footer)
{
    json_t *comps = json_array();

    json_array_append_new(comps,
                          json_pack("{s:s,s:s}", "type", "BODY", "text", body));
    if (footer)
        json_array_append_new(
            comps, json_pack("{s:s,s:s}", "type", "FOOTER", "text", footer));
    sim_template_add(sim, name, lang, category, "APPROVED", comps);
}

/* The approved templates every simulator starts with. */
void sim_templates_seed(struct sim *sim)
{
    seed(sim, "hello_world", "en_US", "UTILITY",
         "Hello World! Welcome and congratulations!",
         "WhatsApp Business Platform sample message");
    seed(sim, "order_update", "en_US", "UTILITY",
         "Hi {{1}}, your order {{2}} has shipped.", NULL);
    seed(sim, "csat_survey", "en_US", "MARKETING",
         "Thanks for talking to us, {{1}}! How did we do?",
         "Reply with a number from 1 to 5");
    seed(sim, "order_update", "ko", "UTILITY",
         "{{1}}님, 주문 {{2}}이(가) 발송되었습니다.", NULL);
}

/* Back to a fresh simulator: seeds only, full buckets, no faults. */
void sim_state_reset(struct sim *sim)
{
    for (size_t i = 0; i < sim->ncustomers; i++)
        customer_free(sim->customers[i]);
    sim->ncustomers = 0;
    for (size_t i = 0; i < sim->nmedia; i++)
        media_free(sim->media[i]);
    sim->nmedia = 0;
    sim->media_bytes = 0;
    for (size_t i = 0; i < sim->ntemplates; i++)
        template_free(sim->templates[i]);
    sim->ntemplates = 0;
    sim_templates_seed(sim);
    memset(&sim->faults, 0, sizeof(sim->faults));
    memset(&sim->counters, 0, sizeof(sim->counters));
    sim->number_tokens = sim->throughput_mps;
    sim->number_last_us = clock_mono_us();
}

/* Free all state; the simulator is being destroyed. */
void sim_state_free(struct sim *sim)
{
    sim_state_reset(sim);
    for (size_t i = 0; i < sim->ntemplates; i++)
        template_free(sim->templates[i]);
    free(sim->customers);
    free(sim->media);
    free(sim->templates);
    free(sim->load.ack.v);
    free(sim->load.reply.v);
}

/* Count distinct {{...}} placeholders ({{1}} twice counts once). */
int sim_count_placeholders(const char *text)
{
    const char *seen[64];
    size_t seen_len[64];
    int n = 0;

    for (const char *p = text ? strstr(text, "{{") : NULL; p;
         p = strstr(p, "{{")) {
        const char *end = strstr(p + 2, "}}");
        if (!end)
            break;
        size_t len = (size_t)(end - p - 2);
        bool dup = false;
        for (int i = 0; i < n; i++)
            dup |= seen_len[i] == len && memcmp(seen[i], p + 2, len) == 0;
        if (!dup && n < 64) {
            seen[n] = p + 2;
            seen_len[n++] = len;
        }
        p = end + 2;
    }
    return n;
}

/* A uniform draw from the crypto RNG, compared with p. */
bool sim_chance(double p)
{
    uint32_t r;

    if (p <= 0)
        return false;
    if (p >= 1)
        return true;
    crypto_random(&r, sizeof(r));
    return (double)r / 4294967296.0 < p;
}

/* A wamid shaped like Meta's: "wamid.HBgL" and random base64. */
char *sim_new_wamid(void)
{
    uint8_t r[24];

    crypto_random(r, sizeof(r));
    char *b = crypto_base64(r, sizeof(r));
    /* URL-safe, so a wamid can sit in a path or query unescaped */
    for (char *p = b; *p; p++)
        *p = *p == '+' ? '-' : *p == '/' ? '_' : *p;
    char *id = xasprintf("wamid.HBgL%s", b);
    free(b);
    return id;
}

/* Code points: count the bytes that do not continue a sequence. */
size_t sim_utf8_len(const char *s)
{
    size_t n = 0;

    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Append a latency sample, growing the array. */
void sim_sample_add(struct sim_samples *s, int64_t v)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
    }
    s->v[s->n++] = v;
}

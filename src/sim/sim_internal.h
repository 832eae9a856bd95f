/*
 * What the simulator's files share: the state behind one mutex (customers
 * and their ledgers, media, templates, rate buckets, faults, counters) and
 * the helpers each part offers the others. Not for use outside src/sim/.
 */
#ifndef PARLEY_SIM_INTERNAL_H
#define PARLEY_SIM_INTERNAL_H

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "http/http.h"
#include "sim/sim.h"

struct http_request;
struct sim_sender;

/* A virtual customer. ledger is a JSON array of entries, both directions:
 * {"seq","direction","wamid","timestamp","type","message","statuses"}. */
struct sim_customer {
    char *wa_id;
    char *user_id; /* business-scoped user id, "US.<digits>" */
    char *profile_name;
    int64_t last_inbound_ms; /* wall clock of its last message; 0 never */
    double pair_tokens;
    int64_t pair_last_us;
    json_t *ledger;
    int64_t load_waiting_us; /* load mode: sent, no reply yet; 0 none */
};

struct sim_media {
    char id[24];
    char *mime;
    unsigned char *data;
    size_t len;
    char sha256_hex[65];
    int64_t created_ms;
};

struct sim_template {
    int64_t id;
    char *name, *language, *category, *status, *parameter_format;
    json_t *components;
    int64_t approve_at_us; /* monotonic; 0 when not pending */
};

/* Fault modes, all off when zero. */
struct sim_faults {
    double error_probability; /* Graph sends answer error_code instead */
    int error_code;
    int slow_ms;                  /* every Graph answer waits this long */
    double duplicate_probability; /* a webhook is delivered twice */
    double reorder_probability;   /* a message's statuses come reversed */
    double drop_probability;      /* a status is never sent */
    double fail_probability;      /* an accepted message fails async */
    int fail_code;
};

struct sim_counters {
    uint64_t sends_accepted, sends_rejected, inbound_messages;
    uint64_t webhooks_queued, webhooks_acked, webhook_attempts_failed;
    uint64_t webhooks_given_up, media_uploaded, templates_created;
};

/* Samples gathered while a load run is on. */
struct sim_samples {
    int64_t *v;
    size_t n, cap;
};

struct sim_load {
    bool running;
    pthread_t thread;
    bool thread_joinable;
    int customers, rate, seconds;
    uint64_t messages_sent, replies_seen;
    struct sim_samples ack, reply;
};

struct sim {
    pthread_mutex_t lock;
    /* options, with defaults filled in; strings owned */
    char *callback_url, *app_secret, *verify_token, *access_token;
    char *phone_number_id, *display_number, *waba_id;
    double throughput_mps, pair_interval_s;
    int pair_burst, retry_initial_ms, retry_max_attempts;
    int template_approval_ms, media_url_ttl_s, status_step_ms;
    bool no_read, async_window_errors;
    size_t media_max_bytes;

    struct sim_customer **customers;
    size_t ncustomers, customers_cap;
    struct sim_media **media;
    size_t nmedia, media_cap, media_bytes;
    struct sim_template **templates;
    size_t ntemplates, templates_cap;
    int64_t next_template_id;
    uint64_t next_seq;

    double number_tokens;
    int64_t number_last_us;
    struct sim_faults faults;
    struct sim_counters counters;
    struct sim_load load;
    struct sim_sender *sender;
};

/* --- state.c (callers hold sim->lock unless noted) ----------------------- */

/* The customer with wa_id, created when create is set (else NULL). */
struct sim_customer *sim_customer_get(struct sim *sim, const char *wa_id,
                                      bool create);
/* Append an entry to a customer's ledger; takes the reference to entry
 * and gives it a seq. */
void sim_ledger_add(struct sim *sim, struct sim_customer *c, json_t *entry);
/* Record a status on the ledger entry for wamid; no-op if not found. */
void sim_ledger_status(struct sim *sim, const char *wa_id, const char *wamid,
                       const char *status);
/* The entry for wamid among c's messages, borrowed, or NULL. */
json_t *sim_ledger_find(struct sim_customer *c, const char *wamid);
struct sim_media *sim_media_get(struct sim *sim, const char *id);
/* Store bytes (copied) as new media. Returns it, or NULL when the store's
 * byte cap would be passed. */
struct sim_media *sim_media_add(struct sim *sim, const char *mime,
                                const void *data, size_t len);
void sim_media_delete(struct sim *sim, const char *id);
struct sim_template *sim_template_find(struct sim *sim, const char *name,
                                       const char *language);
struct sim_template *sim_template_by_id(struct sim *sim, int64_t id);
struct sim_template *sim_template_add(struct sim *sim, const char *name,
                                      const char *language,
                                      const char *category, const char *status,
                                      json_t *components);
void sim_template_remove(struct sim *sim, size_t i);
/* Seed the approved starter templates. */
void sim_templates_seed(struct sim *sim);
/* Drop customers, media, user templates, faults and counters. */
void sim_state_reset(struct sim *sim);
void sim_state_free(struct sim *sim);
/* Placeholders {{...}} in text, counted once each. */
int sim_count_placeholders(const char *text);
/* Draw true with probability p. Thread-safe. */
bool sim_chance(double p);
/* A fresh "wamid.<base64>" id; the caller frees it. */
char *sim_new_wamid(void);
/* Code points in a UTF-8 string. */
size_t sim_utf8_len(const char *s);
/* Add a latency sample while a load run is on. */
void sim_sample_add(struct sim_samples *s, int64_t v);

/* --- webhook.c ----------------------------------------------------------- */

int sim_sender_start(struct sim *sim);
void sim_sender_stop(struct sim *sim);
/*
 * Queue a signed POST of body (taken) to the callback after delay_ms.
 * key is the customer's wa_id (may be NULL); when ordered, the delivery
 * waits for earlier ones with the same key. If mark_wamid is set, that
 * status is written to the ledger of key's customer when the delivery is
 * first tried. Lock not held.
 */
void sim_webhook_queue(struct sim *sim, char *body, int delay_ms,
                       const char *key, bool ordered, const char *mark_wamid,
                       const char *mark_status);
/* Wrap one change value (taken) in the envelope and return the text;
 * the caller frees it. field is "messages" or another webhook field. */
char *sim_webhook_envelope(struct sim *sim, const char *field, json_t *value,
                           bool with_time);
/* A libcurl write callback that appends to the struct buf in ud. */
size_t sim_curl_collect(char *p, size_t size, size_t n, void *ud);
/* Drop every queued delivery (reset). */
void sim_webhook_clear(struct sim *sim);
size_t sim_webhook_pending(struct sim *sim);

/* --- graph.c ------------------------------------------------------------- */

/* Reply a Graph error {"error":{message,type,code,error_data,fbtrace_id}}
 * with the HTTP status Meta uses for code. */
void sim_graph_error(struct http_request *req, int code, const char *details);
/*
 * The checks every Graph call starts with: a version, the bearer token,
 * the slow-response fault, and (when id_param is set) that the path's
 * object is ours: kind "waba" or "pnid". Returns the simulator, or NULL
 * after replying.
 */
struct sim *sim_graph_begin(struct http_request *req, const char *id_param,
                            const char *kind);
/* The body as a JSON object (caller decrefs), or NULL after replying
 * code 100. */
json_t *sim_graph_json(struct http_request *req);
/* Schedule sent/delivered/read statuses for an accepted business message,
 * or one failed status with fail_code when that is not 0. Lock not held. */
void sim_schedule_statuses(struct sim *sim, const char *wa_id,
                           const char *wamid, const char *category,
                           const char *pricing_type, bool only_sent,
                           const char *biz_opaque, int fail_code);
void sim_graph_mark_or_send(struct http_request *req);
void sim_graph_media_upload(struct http_request *req);
void sim_graph_object_get(struct http_request *req);
void sim_graph_object_delete(struct http_request *req);
void sim_graph_templates_list(struct http_request *req);
void sim_graph_templates_create(struct http_request *req);
void sim_graph_templates_delete(struct http_request *req);
/* Approve templates whose review delay has passed; called by the sender
 * thread. Lock not held. */
void sim_templates_tick(struct sim *sim);

/* --- media.c ------------------------------------------------------------- */

/* Parse a multipart/form-data body into the file's bytes and MIME type.
 * Returns 0, or -1 with *why set (static text). Pointers borrow body. */
int sim_multipart_file(const char *content_type, const char *body, size_t len,
                       const char **data, size_t *data_len, char *mime,
                       size_t mime_cap, const char **why);
/* The MIME types a kind accepts and its size cap; NULL kind if the MIME
 * type is not one WhatsApp takes. */
const char *sim_media_kind(const char *mime, size_t *max_bytes);
/* Signed, expiring download URL for media; the caller frees it. */
char *sim_media_url(struct sim *sim, struct http_request *req,
                    const struct sim_media *m);
void sim_media_download(struct http_request *req);
/* Placeholder bytes of a plausible file for an inbound media type. */
void sim_media_sample(const char *type, const char **mime,
                      const unsigned char **data, size_t *len);

/* --- control.c ----------------------------------------------------------- */

/* Make customer wa_id send msg (a Cloud API message object; borrowed).
 * Returns the new wamid (caller frees), or NULL with *why set. Lock not
 * held. */
char *sim_customer_send(struct sim *sim, struct http_request *req,
                        const char *wa_id, json_t *msg, const char **why);
void sim_control_get(struct http_request *req, const char *name);
/* The /sim/ routes both mounts share. */
extern const struct http_route sim_control_routes[];
extern const size_t sim_control_route_count;

/* --- load.c ---------------------------------------------------------------*/

/* Note that the business sent wa_id a message (reply latency). Lock held. */
void sim_load_on_reply(struct sim *sim, struct sim_customer *c);
void sim_load_stop(struct sim *sim);

#endif

/*
 * The simulator's life cycle and route tables: options with defaults, the
 * one process-wide instance that route handlers find, and the two mounts
 * of the Graph API (at the root for `parley sim`, under /sim/graph for the
 * in-process simulator of `parley serve --demo`).
 */
#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "http/http.h"
#include "sim/sim_internal.h"

static struct sim *instance;
static pthread_mutex_t instance_lock = PTHREAD_MUTEX_INITIALIZER;

/* The running simulator, for route handlers. */
struct sim *sim_instance(void)
{
    pthread_mutex_lock(&instance_lock);
    struct sim *s = instance;
    pthread_mutex_unlock(&instance_lock);
    return s;
}

/* A copy of v, or of def when v is unset or empty. */
static char *dup_or(const char *v, const char *def)
{
    return xstrdup(v && *v ? v : def);
}

/* Copy the options, filling in defaults. */
static void configure(struct sim *sim, const struct sim_options *o)
{
    sim->callback_url =
        o->callback_url && *o->callback_url ? xstrdup(o->callback_url) : NULL;
    sim->app_secret = dup_or(o->app_secret, "sim-app-secret");
    sim->verify_token = dup_or(o->verify_token, "sim-verify");
    sim->access_token = dup_or(o->access_token, "sim-access-token");
    sim->phone_number_id = dup_or(o->phone_number_id, "100000000000001");
    sim->display_number = dup_or(o->display_number, "15550000001");
    sim->waba_id = dup_or(o->waba_id, "100000000000002");
    sim->throughput_mps = o->throughput_mps > 0 ? o->throughput_mps : 80;
    sim->pair_interval_s = o->pair_interval_s > 0 ? o->pair_interval_s : 6;
    sim->pair_burst = o->pair_burst > 0 ? o->pair_burst : 45;
    sim->retry_initial_ms =
        o->retry_initial_ms > 0 ? o->retry_initial_ms : 1000;
    sim->retry_max_attempts =
        o->retry_max_attempts > 0 ? o->retry_max_attempts : 12;
    sim->template_approval_ms =
        o->template_approval_ms > 0 ? o->template_approval_ms : 2000;
    sim->media_url_ttl_s = o->media_url_ttl_s > 0 ? o->media_url_ttl_s : 300;
    sim->status_step_ms = o->status_step_ms > 0 ? o->status_step_ms : 200;
    sim->no_read = o->no_read;
    sim->async_window_errors = o->async_window_errors;
    sim->media_max_bytes =
        o->media_max_bytes ? o->media_max_bytes : 256u * 1024 * 1024;
    sim->next_template_id = 1627019861106475LL;
}

/* Free a simulator whose threads have stopped. */
static void sim_free(struct sim *sim)
{
    sim_state_free(sim);
    free(sim->callback_url);
    free(sim->app_secret);
    free(sim->verify_token);
    free(sim->access_token);
    free(sim->phone_number_id);
    free(sim->display_number);
    free(sim->waba_id);
    pthread_mutex_destroy(&sim->lock);
    free(sim);
}

/*
 * Build the simulator, then claim the process-wide slot and start the
 * sender; a second simulator in one process is refused.
 */
int sim_start(const struct sim_options *opt, struct sim **out)
{
    struct sim *sim = xcalloc(1, sizeof(*sim));
    int rc = -1;

    pthread_mutex_init(&sim->lock, NULL);
    configure(sim, opt);
    sim_state_reset(sim);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    pthread_mutex_lock(&instance_lock);
    if (instance) {
        log_error("sim_start_failed", "reason=%s", "already_running");
        goto out;
    }
    if (sim_sender_start(sim) != 0) {
        log_error("sim_start_failed", "reason=%s", "sender_thread");
        goto out;
    }
    instance = sim;
    rc = 0;
    log_info("sim_started", "phone_number_id=%s waba_id=%s webhooks=%s",
             sim->phone_number_id, sim->waba_id,
             sim->callback_url ? "on" : "off");
out:
    pthread_mutex_unlock(&instance_lock);
    if (rc != 0)
        sim_free(sim);
    *out = rc == 0 ? sim : NULL;
    return rc;
}

/* Stop the load run and the sender, release the slot, free. */
void sim_stop(struct sim *sim)
{
    if (!sim)
        return;
    sim_load_stop(sim);
    sim_sender_stop(sim);
    pthread_mutex_lock(&instance_lock);
    if (instance == sim)
        instance = NULL;
    pthread_mutex_unlock(&instance_lock);
    sim_free(sim);
}

/* --- routes -------------------------------------------------------------- */

#define GRAPH_ROUTES(P)                                                        \
    {"POST", P "/{ver}/{pnid}/messages", sim_graph_mark_or_send, ROLE_NONE,    \
     0},                                                                       \
        {"POST", P "/{ver}/{pnid}/media", sim_graph_media_upload, ROLE_NONE,   \
         HTTP_RAW_BODY | HTTP_BIG_BODY},                                       \
        {"GET", P "/{ver}/{waba}/message_templates", sim_graph_templates_list, \
         ROLE_NONE, 0},                                                        \
        {"POST", P "/{ver}/{waba}/message_templates",                          \
         sim_graph_templates_create, ROLE_NONE, 0},                            \
        {"DELETE", P "/{ver}/{waba}/message_templates",                        \
         sim_graph_templates_delete, ROLE_NONE, 0},                            \
        {"GET", P "/{ver}/{id}", sim_graph_object_get, ROLE_NONE, 0},          \
        {"DELETE", P "/{ver}/{id}", sim_graph_object_delete, ROLE_NONE, 0},

static const struct http_route graph_prefixed[] = {GRAPH_ROUTES("/sim/graph")};
static const struct http_route graph_root[] = {GRAPH_ROUTES("")};

#define NGRAPH (sizeof(graph_root) / sizeof(graph_root[0]))

static struct http_route routes_prefixed[32], routes_root[32];
static size_t nroutes;
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

/* Control routes first, so that a router that takes the first match
 * prefers /sim/stats over /{ver}/{id}. */
static void build_routes(void)
{
    size_t n = sim_control_route_count;

    if (n + NGRAPH > sizeof(routes_root) / sizeof(routes_root[0]))
        abort(); /* believed impossible: the tables are fixed */

    memcpy(routes_prefixed, sim_control_routes, n * sizeof(routes_prefixed[0]));
    memcpy(routes_root, sim_control_routes, n * sizeof(routes_root[0]));
    memcpy(routes_prefixed + n, graph_prefixed, sizeof(graph_prefixed));
    memcpy(routes_root + n, graph_root, sizeof(graph_root));
    nroutes = n + NGRAPH;
}

/* The /sim/ routes plus the Graph API under /sim/graph. */
const struct http_route *sim_routes(size_t *count)
{
    pthread_once(&routes_once, build_routes);
    *count = nroutes;
    return routes_prefixed;
}

/* The /sim/ routes plus the Graph API at the root. */
const struct http_route *sim_routes_root(size_t *count)
{
    pthread_once(&routes_once, build_routes);
    *count = nroutes;
    return routes_root;
}

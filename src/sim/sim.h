/*
 * The WhatsApp Cloud API simulator: a Graph API that answers like Meta's
 * (sends, media, templates, with the same checks and error shapes), a
 * webhook sender that signs and retries, virtual customers driven through
 * a control API under /sim/, fault and load modes, and a customer-phone
 * page. State is in memory; there is one simulator per process.
 */
#ifndef PARLEY_SIM_H
#define PARLEY_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http_route;
struct sim;

/*
 * What the simulator is configured with. Strings are copied by sim_start;
 * a NULL or 0 field takes the default shown.
 */
struct sim_options {
    const char *callback_url;    /* webhook target; NULL sends none */
    const char *app_secret;      /* signs webhooks; "sim-app-secret" */
    const char *verify_token;    /* for the GET handshake; "sim-verify" */
    const char *access_token;    /* the bearer token; "sim-access-token" */
    const char *phone_number_id; /* "100000000000001" */
    const char *display_number;  /* "15550000001" */
    const char *waba_id;         /* "100000000000002" */
    double throughput_mps;       /* per-number token bucket; 80 */
    double pair_interval_s;      /* pair rate refill, one per; 6 */
    int pair_burst;              /* pair rate bucket size; 45 */
    int retry_initial_ms;        /* first webhook retry delay; 1000 */
    int retry_max_attempts;      /* attempts before giving up; 12 */
    int template_approval_ms;    /* PENDING to APPROVED; 2000 */
    int media_url_ttl_s;         /* download URL lifetime; 300 */
    int status_step_ms;          /* spacing of sent/delivered/read; 200 */
    bool no_read;                /* customers never read (no "read") */
    bool async_window_errors;    /* 131047 as a failed status, not sync */
    size_t media_max_bytes;      /* all media held; 256 MiB */
};

/*
 * Start the simulator: seed templates, start the webhook sender thread and
 * make it the process's instance (route handlers find it there). Returns 0
 * and sets *out, or -1 if one is already running or the sender cannot
 * start. Free with sim_stop.
 */
int sim_start(const struct sim_options *opt, struct sim **out);

/* Stop the sender (pending webhooks are dropped) and free everything.
 * sim_stop(NULL) is harmless. */
void sim_stop(struct sim *sim);

/* The process's running simulator, or NULL. */
struct sim *sim_instance(void);

/*
 * Routes for a server that also serves Parley (serve --demo): the control
 * API and the phone page under /sim/, the Graph API under
 * /sim/graph/{ver}/... Static table; *count receives its length.
 */
const struct http_route *sim_routes(size_t *count);

/* Routes for the simulator's own server (parley sim): the same /sim/
 * routes and the Graph API at the root, /{ver}/..., as SDKs expect. */
const struct http_route *sim_routes_root(size_t *count);

/* Result of a load run, all latencies in microseconds. */
struct sim_load_report {
    int customers, rate, seconds;
    uint64_t messages_sent;  /* customer messages put on the wire */
    uint64_t webhooks_acked; /* deliveries answered 200 */
    uint64_t replies_seen;   /* customer messages answered in time */
    int64_t ack_p50_us, ack_p99_us, ack_max_us;
    int64_t reply_p50_us, reply_p99_us, reply_max_us;
    bool running;
};

/*
 * Start a load run: n customers each send rate messages per second for
 * seconds. Bounded (n <= 1000, n * rate <= 2000, seconds <= 300) and only
 * toward a loopback callback. Returns 0, or -1 with *why set (static text)
 * when refused.
 */
int sim_load_start(struct sim *sim, int n, int rate, int seconds,
                   const char **why);

/* Snapshot of the current or last load run. */
void sim_load_report(struct sim *sim, struct sim_load_report *out);

/* The report as JSON text; the caller frees it. */
char *sim_load_report_json(const struct sim_load_report *r);

#endif

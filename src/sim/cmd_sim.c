/*
 * parley sim: the WhatsApp Cloud API simulator on its own port, with the
 * Graph API at the root (what SDKs use as their base URL), the control API
 * and the phone page under /sim/. With --load N,R,T it runs one load run
 * against the callback, prints the report as JSON and exits.
 */
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/opts.h"
#include "cmd/cmd.h"
#include "http/http.h"
#include "sim/sim.h"

struct sim_config {
    const char *listen, *callback, *app_secret, *verify_token;
    const char *access_token, *phone_number_id, *display_number, *waba_id;
    const char *load, *log_level;
    long throughput, pair_interval, pair_burst, retry_initial_ms;
    long retry_attempts, approval_ms, media_ttl, status_step_ms;
    bool no_read;
};

#define OFF(f) offsetof(struct sim_config, f)

static const struct opt sim_opts[] = {
    {"listen", "PARLEY_SIM_LISTEN", OPT_STRING, "127.0.0.1:9090", OFF(listen),
     "address and port to serve on", "HOST:PORT"},
    {"callback", "PARLEY_SIM_CALLBACK", OPT_STRING, NULL, OFF(callback),
     "webhook URL (none: no webhooks)", "URL"},
    {"app-secret", "PARLEY_SIM_APP_SECRET", OPT_STRING, "sim-app-secret",
     OFF(app_secret), "secret that signs webhooks", "SECRET"},
    {"verify-token", "PARLEY_SIM_VERIFY_TOKEN", OPT_STRING, "sim-verify",
     OFF(verify_token), "token for the GET handshake", "TOKEN"},
    {"access-token", "PARLEY_SIM_ACCESS_TOKEN", OPT_STRING, "sim-access-token",
     OFF(access_token), "bearer token Graph calls need", "TOKEN"},
    {"phone-number-id", "PARLEY_SIM_PHONE_NUMBER_ID", OPT_STRING,
     "100000000000001", OFF(phone_number_id), "business phone-number id", "ID"},
    {"display-number", "PARLEY_SIM_DISPLAY_NUMBER", OPT_STRING, "15550000001",
     OFF(display_number), "business display number", "DIGITS"},
    {"waba-id", "PARLEY_SIM_WABA_ID", OPT_STRING, "100000000000002",
     OFF(waba_id), "WhatsApp Business Account id", "ID"},
    {"throughput", "PARLEY_SIM_THROUGHPUT", OPT_INT, "80", OFF(throughput),
     "messages per second per number (130429 above)", "N"},
    {"pair-interval", "PARLEY_SIM_PAIR_INTERVAL", OPT_INT, "6",
     OFF(pair_interval), "seconds per message to one customer", "S"},
    {"pair-burst", "PARLEY_SIM_PAIR_BURST", OPT_INT, "45", OFF(pair_burst),
     "burst to one customer before 131056", "N"},
    {"retry-initial-ms", "PARLEY_SIM_RETRY_INITIAL_MS", OPT_INT, "1000",
     OFF(retry_initial_ms), "first webhook retry delay, doubling", "MS"},
    {"retry-attempts", "PARLEY_SIM_RETRY_ATTEMPTS", OPT_INT, "12",
     OFF(retry_attempts), "webhook attempts before giving up", "N"},
    {"template-approval-ms", "PARLEY_SIM_TEMPLATE_APPROVAL_MS", OPT_INT, "2000",
     OFF(approval_ms), "review delay for new templates", "MS"},
    {"media-url-ttl", "PARLEY_SIM_MEDIA_URL_TTL", OPT_INT, "300",
     OFF(media_ttl), "media download URL lifetime", "S"},
    {"status-step-ms", "PARLEY_SIM_STATUS_STEP_MS", OPT_INT, "200",
     OFF(status_step_ms), "spacing of sent, delivered, read", "MS"},
    {"no-read", "PARLEY_SIM_NO_READ", OPT_BOOL, NULL, OFF(no_read),
     "customers never read messages", NULL},
    {"load", NULL, OPT_STRING, NULL, OFF(load),
     "run N customers at R msg/s for T s, print the report, exit", "N,R,T"},
    {"log-level", "PARLEY_LOG_LEVEL", OPT_STRING, "info", OFF(log_level),
     "error, warn, info or debug", "LEVEL"},
};

#define SIM_USAGE "usage: parley sim [options]"

/* Block the stop signals in every thread we start; sigwait takes them. */
static void block_stop_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, set, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Run one load run and print its report. Returns the exit status. */
static int run_load(struct sim *sim, const char *spec)
{
    int n, r, t;
    const char *why = NULL;
    struct sim_load_report rep;
    char tail;

    if (sscanf(spec, "%d,%d,%d%c", &n, &r, &t, &tail) != 3) {
        fprintf(stderr, "parley sim: --load wants N,R,T\n");
        return 2;
    }
    if (sim_load_start(sim, n, r, t, &why) != 0) {
        fprintf(stderr, "parley sim: %s\n", why);
        return 2;
    }
    do {
        sleep(1);
        sim_load_report(sim, &rep);
    } while (rep.running);
    char *text = sim_load_report_json(&rep);
    printf("%s\n", text);
    free(text);
    return 0;
}

/* The simulator options from the parsed flags and variables. */
static void fill_options(const struct sim_config *c, struct sim_options *o)
{
    memset(o, 0, sizeof(*o));
    o->callback_url = c->callback;
    o->app_secret = c->app_secret;
    o->verify_token = c->verify_token;
    o->access_token = c->access_token;
    o->phone_number_id = c->phone_number_id;
    o->display_number = c->display_number;
    o->waba_id = c->waba_id;
    o->throughput_mps = (double)c->throughput;
    o->pair_interval_s = (double)c->pair_interval;
    o->pair_burst = (int)c->pair_burst;
    o->retry_initial_ms = (int)c->retry_initial_ms;
    o->retry_max_attempts = (int)c->retry_attempts;
    o->template_approval_ms = (int)c->approval_ms;
    o->media_url_ttl_s = (int)c->media_ttl;
    o->status_step_ms = (int)c->status_step_ms;
    o->no_read = c->no_read;
}

/*
 * parley sim: start the simulator and its server, then wait for SIGINT or
 * SIGTERM (or run one load run with --load). Returns 0, 1 when it cannot
 * start, 2 on bad usage.
 */
int cmd_sim(int argc, char **argv)
{
    struct sim_config cfg = {0};
    struct sim_options so;
    struct http_options ho = {0};
    struct sim *sim = NULL;
    struct http_server *srv = NULL;
    enum log_level level;
    sigset_t stop;
    int rc = opts_parse(sim_opts, sizeof sim_opts / sizeof sim_opts[0], &cfg,
                        argc, argv, NULL, 0, NULL, SIM_USAGE);

    if (rc)
        return rc == 1 ? 0 : 2;
    if (log_parse_level(cfg.log_level, &level) == 0)
        log_set_level(level);
    block_stop_signals(&stop);
    fill_options(&cfg, &so);
    if (sim_start(&so, &sim) != 0)
        return 1;
    ho.listen = cfg.listen;
    ho.threads = 2;
    ho.max_body_bytes = 4 * 1024 * 1024;
    ho.max_upload_bytes = 101 * 1024 * 1024;
    ho.max_header_bytes = 16 * 1024;
    ho.timeout_s = 30;
    ho.routes = sim_routes_root(&ho.route_count);
    if (http_server_start(&ho, &srv) != 0) {
        rc = 1;
        goto out;
    }
    log_info("sim_listening", "port=%d", http_server_port(srv));
    if (cfg.load) {
        rc = run_load(sim, cfg.load);
        goto out;
    }
    int sig;
    sigwait(&stop, &sig);
    log_info("sim_stopping", "signal=%d", sig);
out:
    http_server_stop(srv);
    sim_stop(sim);
    return rc;
}

/*
 * parley serve: the server. Opens storage, starts the job workers and the
 * HTTP server, then waits for SIGTERM or SIGINT and stops in order: stop
 * accepting and finish requests, stop the workers, close storage.
 */
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "automation/automation.h"
#include "api/inbox_api.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "base/opts.h"
#include "cmd/cmd.h"
#include "cmd/common.h"
#include "http/assets.h"
#include "core/auth.h"
#include "core/conv_actions.h"
#include "core/demo.h"
#include "core/events.h"
#include "jobs/jobs.h"
#include "sim/sim.h"
#include "whatsapp/channel.h"

struct serve_config {
    const char *listen;
    const char *data;
    const char *database;
    const char *log_level;
    const char *master_key;
    const char *public_url;
    const char *node_name;
    const char *demo_password;
    const char *demo_app_secret;
    const char *demo_verify_token;
    bool demo;
    long threads;
    long workers;
    long pool_size;
    long max_body;
    long max_upload;
    long timeout;
    long session_ttl;
    long login_max_failures;
    long login_window;
};

#define OFF(f) offsetof(struct serve_config, f)

static const struct opt serve_opts[] = {
    {"listen", "PARLEY_LISTEN", OPT_STRING, "127.0.0.1:8080", OFF(listen),
     "address and port to serve on (port 0 picks one)", "HOST:PORT"},
    {"data", "PARLEY_DATA", OPT_STRING, "./parley-data", OFF(data),
     "directory for the SQLite database, the key file and attachments", "DIR"},
    {"database", "PARLEY_DATABASE", OPT_STRING, NULL, OFF(database),
     "use PostgreSQL at this URL instead of SQLite", "postgres://..."},
    {"demo", "PARLEY_DEMO", OPT_BOOL, "false", OFF(demo),
     "seed a demo account on an empty installation", NULL},
    {"demo-password", "PARLEY_DEMO_PASSWORD", OPT_STRING, "demo-password",
     OFF(demo_password), "password of the seeded demo users", "TEXT"},
    {"demo-app-secret", "PARLEY_DEMO_APP_SECRET", OPT_STRING, "demo-app-secret",
     OFF(demo_app_secret), "app secret of the demo inbox and its simulator",
     "TEXT"},
    {"demo-verify-token", "PARLEY_DEMO_VERIFY_TOKEN", OPT_STRING,
     "demo-verify-token", OFF(demo_verify_token),
     "webhook verify token of the demo inbox", "TEXT"},
    {"log-level", "PARLEY_LOG_LEVEL", OPT_STRING, "info", OFF(log_level),
     "error, warn, info or debug", "LEVEL"},
    {"master-key", "PARLEY_MASTER_KEY", OPT_STRING, NULL, OFF(master_key),
     "64 hex digits protecting secrets at rest (default: DIR/master.key)",
     "HEX"},
    {"public-url", "PARLEY_PUBLIC_URL", OPT_STRING, NULL, OFF(public_url),
     "the URL people use; https:// makes cookies Secure", "URL"},
    {"node-name", "PARLEY_NODE_NAME", OPT_STRING, NULL, OFF(node_name),
     "this node's name in logs and job leases (default host-pid)", "NAME"},
    {"threads", "PARLEY_THREADS", OPT_INT, "0", OFF(threads),
     "HTTP worker threads (0: one per core)", "N"},
    {"workers", "PARLEY_WORKERS", OPT_INT, "2", OFF(workers),
     "background job worker threads", "N"},
    {"pool-size", "PARLEY_POOL_SIZE", OPT_INT, "0", OFF(pool_size),
     "database connections (0: a default for the backend)", "N"},
    {"max-body", "PARLEY_MAX_BODY", OPT_INT, "1048576", OFF(max_body),
     "largest request body in bytes (413 above)", "BYTES"},
    {"max-upload", "PARLEY_MAX_UPLOAD", OPT_INT, "104857600", OFF(max_upload),
     "largest upload or webhook body in bytes", "BYTES"},
    {"timeout", "PARLEY_TIMEOUT", OPT_INT, "60", OFF(timeout),
     "seconds before an idle connection is closed", "SECONDS"},
    {"session-ttl", "PARLEY_SESSION_TTL", OPT_INT, "604800", OFF(session_ttl),
     "seconds a session lasts without use", "SECONDS"},
    {"login-max-failures", "PARLEY_LOGIN_MAX_FAILURES", OPT_INT, "10",
     OFF(login_max_failures),
     "failed sign-ins per address and per user in a window", "N"},
    {"login-window", "PARLEY_LOGIN_WINDOW", OPT_INT, "900", OFF(login_window),
     "length of the sign-in throttling window", "SECONDS"},
};

#define SERVE_USAGE "usage: parley serve [options]"

/* Whole process state of one `parley serve`. */
struct server {
    struct serve_config cfg;
    struct app app;
    struct wa_channel channel;
    struct sim *sim; /* the in-process simulator under --demo */
    char node[128];
    struct http_route *routes;
};

/* The demo inbox's Graph token: the in-process simulator checks it. */
#define DEMO_ACCESS_TOKEN "demo-access-token"
#define MAX_ROUTES        512

static enum job_result purge_sessions(struct db *db, struct job *job, void *arg)
{
    if (auth_sessions_purge(db, clock_now_ms()) != STORE_OK) {
        jobs_set_error(job, "cannot purge sessions");
        return JOB_RETRY;
    }
    return JOB_DONE;
}

static int check_config(struct serve_config *c)
{
    enum log_level level;

    if (log_parse_level(c->log_level, &level) != 0) {
        fprintf(stderr, "parley serve: --log-level must be error, warn, "
                        "info or debug\n");
        return 2;
    }
    log_set_level(level);
    if (c->workers < 1 || c->workers > 64 || c->threads < 0 ||
        c->threads > 256 || c->session_ttl < 60 || c->login_max_failures < 1 ||
        c->login_window < 1 || c->max_body < 1024 ||
        c->max_upload < c->max_body) {
        fprintf(stderr, "parley serve: an option is out of range (see "
                        "--help)\n");
        return 2;
    }
    return 0;
}

static void fill_app(struct server *s)
{
    struct serve_config *c = &s->cfg;

    if (c->node_name) {
        snprintf(s->node, sizeof s->node, "%s", c->node_name);
    } else {
        char host[64] = "node";
        gethostname(host, sizeof host - 1);
        snprintf(s->node, sizeof s->node, "%s-%d", host, (int)getpid());
    }
    s->app.node_id = s->node;
    s->app.session_ttl_ms = c->session_ttl * 1000;
    s->app.login_max_failures = (int)c->login_max_failures;
    s->app.login_window_ms = c->login_window * 1000;
    s->app.secure_cookies =
        c->public_url && strncmp(c->public_url, "https://", 8) == 0;
    s->app.started_at = clock_now_ms();
}

static int seed_demo(struct server *s)
{
    struct db *db = store_acquire(s->app.store);
    bool seeded;
    int64_t account;
    enum store_rc rc = demo_seed(db, s->cfg.demo_password, &seeded, &account);

    store_release(db);
    if (rc != STORE_OK) {
        fprintf(stderr, "parley serve: cannot seed the demo account\n");
        return 1;
    }
    return 0;
}

static int start_jobs(struct server *s)
{
    struct jobs *j = jobs_new(s->app.store, s->node, (int)s->cfg.workers);

    s->app.jobs = j;
    s->channel = (struct wa_channel){.store = s->app.store,
                                     .jobs = j,
                                     .master_key = s->app.master_key,
                                     .data_dir = s->cfg.data,
                                     .node_id = s->node};
    s->app.channel = &s->channel;
    s->app.data_dir = s->cfg.data;
    if (jobs_register(j, "auth.purge_sessions", purge_sessions, NULL) != 0 ||
        jobs_every(j, "auth.purge_sessions", 3600 * 1000) != STORE_OK ||
        conv_jobs_register(j) != 0 || wa_channel_init(&s->channel) != 0 ||
        automation_init(&s->channel) != 0 || jobs_start(j) != 0) {
        fprintf(stderr, "parley serve: cannot start the job workers\n");
        return 1;
    }
    return 0;
}

/* Append a route table to the server's. */
static void add_routes(struct server *s, size_t *at, const struct http_route *r,
                       size_t n)
{
    for (size_t i = 0; i < n && *at < MAX_ROUTES; i++)
        s->routes[(*at)++] = r[i];
}

/* Every route of this server: the API, the channel, automation, the AI,
 * under --demo the simulator's, and the web app. */
static size_t collect_routes(struct server *s)
{
    size_t n, at = 0;
    const struct http_route *r;

    s->routes = xcalloc(MAX_ROUTES, sizeof *s->routes);
    r = api_routes(&n);
    add_routes(s, &at, r, n);
    /* Before the channel's: the inbox's fixed paths (".../counts") must
     * win over the channel's "/api/v1/conversations/{id}". */
    r = api_inbox_routes(&n);
    add_routes(s, &at, r, n);
    at += wa_channel_routes(s->routes + at, MAX_ROUTES - at);
    r = automation_routes(&n);
    add_routes(s, &at, r, n);
    r = api_ai_routes(&n);
    add_routes(s, &at, r, n);
    if (s->cfg.demo) {
        r = sim_routes(&n);
        add_routes(s, &at, r, n);
    }
    /* Last: the web app answers its client-side pages with index.html,
     * and must never shadow an API route. */
    r = http_assets_routes(&n);
    add_routes(s, &at, r, n);
    return at;
}

static int start_http(struct server *s)
{
    size_t count = collect_routes(s);
    const struct http_route *routes = s->routes;
    struct http_options opt = {
        .listen = s->cfg.listen,
        .threads = (int)s->cfg.threads,
        .max_body_bytes = (size_t)s->cfg.max_body,
        .max_upload_bytes = (size_t)s->cfg.max_upload,
        .max_header_bytes = 32 * 1024,
        .timeout_s = (unsigned)s->cfg.timeout,
        .routes = routes,
        .route_count = count,
        .guard = api_guard,
        .app = &s->app,
        .store = s->app.store,
    };

    api_events_attach(&s->app);
    if (http_server_start(&opt, &s->app.http) != 0) {
        fprintf(stderr, "parley serve: cannot listen on %s\n", s->cfg.listen);
        return 1;
    }
    return 0;
}

/*
 * Under --demo: start the in-process simulator aimed at our own webhook,
 * and point the demo inbox at its Graph API. Both need the port, known
 * only once the server listens.
 */
static int start_demo_channel(struct server *s)
{
    char graph[128], callback[128];
    int port = http_server_port(s->app.http);
    struct sim_options so = {.callback_url = callback,
                             .app_secret = s->cfg.demo_app_secret,
                             .verify_token = s->cfg.demo_verify_token,
                             .access_token = DEMO_ACCESS_TOKEN,
                             .phone_number_id = DEMO_PHONE_NUMBER_ID,
                             .display_number = DEMO_DISPLAY_NUMBER,
                             .waba_id = DEMO_WABA_ID};
    struct demo_inbox in = {graph, DEMO_ACCESS_TOKEN, s->cfg.demo_app_secret,
                            s->cfg.demo_verify_token};

    snprintf(graph, sizeof graph, "http://127.0.0.1:%d/sim/graph", port);
    snprintf(callback, sizeof callback, "http://127.0.0.1:%d/webhooks/whatsapp",
             port);
    struct db *db = store_acquire(s->app.store);
    int64_t account;
    enum store_rc rc = demo_seed_inbox(db, s->app.master_key, &in);

    /* Rules, business hours and canned replies need the inbox; seeded
     * once, also into a demo account made by an older version. */
    if (rc == STORE_OK && demo_account(db, &account) == STORE_OK)
        rc = automation_seed_demo(db, account);
    store_release(db);
    if (rc != STORE_OK || sim_start(&so, &s->sim) != 0) {
        fprintf(stderr, "parley serve: cannot start the demo channel\n");
        return 1;
    }
    return 0;
}

static void announce(struct server *s)
{
    char url[300];
    const char *host = s->cfg.listen;
    const char *colon = strrchr(host, ':');
    int len = colon ? (int)(colon - host) : (int)strlen(host);

    snprintf(url, sizeof url, "http://%.*s:%d", len, host,
             http_server_port(s->app.http));
    log_info("listening", "url=%s node=%s storage=%s", url, s->node,
             store_dialect(s->app.store) == STORE_POSTGRES ? "postgres"
                                                           : "sqlite");
    printf("Parley is running at %s\n", url);
    if (s->cfg.demo)
        printf("Sign in as %s with the password '%s'.\n", DEMO_ADMIN_EMAIL,
               s->cfg.demo_password);
    fflush(stdout);
}

/* Wait for SIGINT or SIGTERM; the signals were blocked in every thread
 * before any started, so they are delivered here. */
static void wait_for_stop(const sigset_t *stop)
{
    int sig = 0;

    sigwait(stop, &sig);
    log_info("stopping", "signal=%d", sig);
}

static void shut_down(struct server *s)
{
    if (s->app.http)
        http_server_stop(s->app.http);
    s->app.http = NULL;
    sim_stop(s->sim);
    s->sim = NULL;
    if (s->app.jobs)
        jobs_stop(s->app.jobs, 10000);
    /* After the workers: their job handlers use what these free. */
    automation_stop();
    wa_channel_stop(&s->channel);
    if (s->app.jobs)
        jobs_free(s->app.jobs);
    events_reset();
    if (s->app.store)
        store_close(s->app.store);
    free(s->routes);
    log_info("stopped", "node=%s", s->node);
}

int cmd_serve(int argc, char **argv)
{
    struct server s;
    sigset_t stop;
    int rc;

    memset(&s, 0, sizeof s);
    rc = opts_parse(serve_opts, sizeof serve_opts / sizeof serve_opts[0],
                    &s.cfg, argc, argv, NULL, 0, NULL, SERVE_USAGE);
    if (rc)
        return rc == 1 ? 0 : 2;
    if ((rc = check_config(&s.cfg)))
        return rc;

    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    fill_app(&s);
    if (cmd_master_key(s.cfg.master_key, s.cfg.data, s.app.master_key) ||
        cmd_open_store(s.cfg.data, s.cfg.database, (int)s.cfg.pool_size,
                       &s.app.store) ||
        (s.cfg.demo && seed_demo(&s)) ||
        events_listen(s.app.store, s.node) != STORE_OK || start_jobs(&s) ||
        start_http(&s) || (s.cfg.demo && start_demo_channel(&s)) ||
        wa_channel_start(&s.channel) != 0 ||
        automation_start(&s.channel) != 0) {
        shut_down(&s);
        return 1;
    }
    announce(&s);
    wait_for_stop(&stop);
    shut_down(&s);
    return 0;
}

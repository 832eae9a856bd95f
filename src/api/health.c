/*
 * Operations endpoints, public so that load balancers and Prometheus can
 * reach them: /healthz (the process answers), /readyz (storage answers
 * and is migrated) and /metrics (Prometheus text format).
 */
#include <inttypes.h>

#include "api/api.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "jobs/jobs.h"
#include "whatsapp/channel.h"
#include "whatsapp/dispatch.h"

void api_healthz(struct http_request *req)
{
    http_reply_json(req, 200, json_pack("{ss}", "status", "ok"));
}

void api_readyz(struct http_request *req)
{
    struct app *app = api_app(req);
    int version = store_schema_version(app->store);

    if (store_ping(app->store) != STORE_OK || version <= 0) {
        http_reply_error(req, ERR_UNAVAILABLE, "storage is not reachable");
        return;
    }
    http_reply_json(
        req, 200,
        json_pack("{ss si}", "status", "ready", "schema_version", version));
}

static void write_store_metrics(struct store *s, struct buf *out)
{
    struct store_stats st;

    store_get_stats(s, &st);
    buf_printf(out,
               "# HELP parley_store_connections Database connections.\n"
               "# TYPE parley_store_connections gauge\n"
               "parley_store_connections{state=\"open\"} %d\n"
               "parley_store_connections{state=\"in_use\"} %d\n"
               "# TYPE parley_store_queries_total counter\n"
               "parley_store_queries_total %" PRIu64 "\n"
               "# TYPE parley_store_retries_total counter\n"
               "parley_store_retries_total %" PRIu64 "\n"
               "# TYPE parley_store_errors_total counter\n"
               "parley_store_errors_total %" PRIu64 "\n",
               st.pool_size, st.in_use, st.queries, st.retries, st.errors);
}

void api_metrics(struct http_request *req)
{
    struct app *app = api_app(req);
    struct buf out = BUF_INIT;

    buf_printf(&out,
               "# TYPE parley_uptime_seconds gauge\n"
               "parley_uptime_seconds %" PRId64 "\n"
               "# TYPE parley_log_errors_total counter\n"
               "parley_log_errors_total %lu\n",
               (clock_now_ms() - app->started_at) / 1000, log_error_count());
    http_metrics_write(app->http, &out);
    write_store_metrics(app->store, &out);
    if (app->jobs)
        jobs_write_metrics(app->jobs, &out);
    if (app->channel)
        wa_dispatch_write_metrics(app->channel->dispatch, &out);
    http_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8",
                     out.data, out.len);
    buf_free(&out);
}

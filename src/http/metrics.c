/*
 * Request metrics for /metrics: counters by route pattern and status
 * class, and one latency histogram, all lock-free atomics updated when a
 * request completes and written in the Prometheus text format.
 */
#include <stdlib.h>

#include "base/buf.h"
#include "base/mem.h"
#include "http/request_internal.h"

/* Upper bounds of the latency buckets, in seconds. */
static const double bucket_bounds[] = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                       0.25,  0.5,   1.0,  2.5,   5.0,  10.0};
#define BUCKETS        (sizeof bucket_bounds / sizeof bucket_bounds[0])
#define STATUS_CLASSES 5 /* 1xx .. 5xx */

struct http_metrics {
    size_t routes;                  /* index routes means "no route" */
    atomic_ullong *requests;        /* [(routes + 1) * STATUS_CLASSES] */
    atomic_ullong buckets[BUCKETS]; /* not cumulative; summed on write */
    atomic_ullong count;
    atomic_ullong sum_us;
};

struct http_metrics *metrics_new(size_t route_count)
{
    struct http_metrics *m = xcalloc(1, sizeof *m);

    m->routes = route_count;
    m->requests =
        xcalloc((route_count + 1) * STATUS_CLASSES, sizeof *m->requests);
    return m;
}

void metrics_free(struct http_metrics *m)
{
    if (m == NULL)
        return;
    free(m->requests);
    free(m);
}

void metrics_record(struct http_metrics *m, size_t route_index, int status,
                    int64_t duration_us)
{
    int cls = status / 100 - 1;
    size_t b = 0;

    if (route_index > m->routes)
        route_index = m->routes;
    if (cls < 0 || cls >= STATUS_CLASSES)
        cls = STATUS_CLASSES - 1;
    m->requests[route_index * STATUS_CLASSES + (size_t)cls]++;
    if (duration_us < 0)
        duration_us = 0;
    while (b < BUCKETS && (double)duration_us / 1e6 > bucket_bounds[b])
        b++;
    if (b < BUCKETS)
        m->buckets[b]++;
    m->count++;
    m->sum_us += (unsigned long long)duration_us;
}

/* The request counters, one line per route and status class seen. */
static void write_requests(struct http_server *srv, struct buf *out)
{
    const struct http_metrics *m = srv->metrics;

    buf_puts(out, "# HELP parley_http_requests_total HTTP requests by "
                  "route, method and status class.\n"
                  "# TYPE parley_http_requests_total counter\n");
    for (size_t r = 0; r <= m->routes; r++) {
        const struct http_route *route =
            r < m->routes ? &srv->opt.routes[r] : NULL;
        for (int c = 0; c < STATUS_CLASSES; c++) {
            unsigned long long n = m->requests[r * STATUS_CLASSES + c];
            if (n == 0)
                continue;
            buf_printf(out,
                       "parley_http_requests_total{route=\"%s\","
                       "method=\"%s\",status=\"%dxx\"} %llu\n",
                       route ? route->pattern : "unmatched",
                       route ? route->method : "any", c + 1, n);
        }
    }
}

/* The latency histogram, cumulative as Prometheus wants. */
static void write_latency(const struct http_metrics *m, struct buf *out)
{
    unsigned long long total = 0;

    buf_puts(out, "# HELP parley_http_request_duration_seconds Time from "
                  "request line to reply.\n"
                  "# TYPE parley_http_request_duration_seconds histogram\n");
    for (size_t b = 0; b < BUCKETS; b++) {
        total += m->buckets[b];
        buf_printf(out,
                   "parley_http_request_duration_seconds_bucket{le=\"%g\"} "
                   "%llu\n",
                   bucket_bounds[b], total);
    }
    unsigned long long count = m->count;
    buf_printf(out,
               "parley_http_request_duration_seconds_bucket{le=\"+Inf\"} "
               "%llu\n"
               "parley_http_request_duration_seconds_sum %.6f\n"
               "parley_http_request_duration_seconds_count %llu\n",
               count, (double)m->sum_us / 1e6, count);
}

void http_metrics_write(struct http_server *srv, struct buf *out)
{
    write_requests(srv, out);
    write_latency(srv->metrics, out);
    buf_printf(out,
               "# HELP parley_sse_streams Open server-sent event streams.\n"
               "# TYPE parley_sse_streams gauge\n"
               "parley_sse_streams %zu\n",
               http_sse_count(srv));
}

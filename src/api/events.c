/*
 * Live events for the signed-in user: GET /api/v1/events, a server-sent
 * event stream of their account's events that their role may see. A
 * client that reconnects with Last-Event-ID first gets what it missed.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "api/api.h"
#include "base/buf.h"
#include "core/events.h"

/* More missed events than this and the client is told to reload instead:
 * replaying a day of traffic into one browser helps no one. */
#define BACKLOG_MAX 1000

static void on_event(const struct event *ev, void *arg)
{
    struct app *app = arg;

    if (app->http)
        http_sse_publish(app->http, ev->account_id, ev->user_id, ev->min_role,
                         ev->id, ev->type, ev->payload);
}

void api_events_attach(struct app *app)
{
    events_subscribe(on_event, app);
}

struct backlog {
    struct buf frames;
    int64_t last_id;
    int count;
};

static void add_to_backlog(const struct event *ev, void *arg)
{
    struct backlog *b = arg;

    http_sse_frame(&b->frames, ev->id, ev->type, ev->payload);
    b->last_id = ev->id;
    b->count++;
}

/* The id a reconnecting client last saw, from the header EventSource
 * sends or the query string; 0 when there is none or it is not a number. */
static int64_t last_event_id(struct http_request *req)
{
    const char *v = http_header(req, "Last-Event-ID");
    char *end;

    if (!v)
        v = http_query(req, "last_event_id");
    if (!v)
        return 0;
    long long id = strtoll(v, &end, 10);
    return (*end || id < 0) ? 0 : id;
}

void api_events_stream(struct http_request *req)
{
    struct http_principal *p = http_principal(req);
    struct sse_filter filter = {p->account_id, p->user_id, p->role};
    struct backlog b = {BUF_INIT, 0, 0};
    int64_t since = last_event_id(req);

    /* TODO: an event committed between this query and the stream's
     * registration reaches neither; registering first would close it. */
    if (since > 0) {
        enum store_rc rc =
            events_since(http_db(req), p->account_id, p->user_id, p->role,
                         since, BACKLOG_MAX + 1, add_to_backlog, &b);
        if (rc) {
            buf_free(&b.frames);
            api_reply_store_error(req, rc, NULL);
            return;
        }
        if (b.count > BACKLOG_MAX) {
            buf_reset(&b.frames);
            http_sse_frame(&b.frames, b.last_id, "resync", "{}");
        }
    }
    http_reply_sse(req, &filter, b.frames.data, b.frames.len, b.last_id);
    buf_free(&b.frames);
}

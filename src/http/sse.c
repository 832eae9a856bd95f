/*
 * Server-sent events. Each stream is an MHD response driven by a content
 * reader that copies queued frames; with nothing queued it suspends its
 * connection, so an idle stream costs memory, not a thread. A publish
 * formats its frame once into a reference-counted buffer that every
 * matching stream queues, then resumes the streams it woke.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "base/log.h"
#include "base/mem.h"
#include "http/request_internal.h"

/* One formatted frame, shared by every stream that queues it. */
struct sse_frame {
    atomic_uint refs;
    size_t len;
    char data[];
};

struct sse_item {
    struct sse_item *next;
    struct sse_frame *frame;
};

struct sse_stream {
    struct sse_stream *prev, *next; /* the hub's list */
    struct sse_hub *hub;
    struct MHD_Connection *conn;
    struct sse_filter filter;
    int64_t skip_upto; /* events up to here were in the backlog */
    struct sse_item *head, *tail;
    size_t head_off; /* bytes of head already sent */
    size_t queued;   /* unsent bytes */
    bool suspended, closing, cut;
    uint64_t *bytes_out; /* the request's sent-byte count */
    char client[64];
};

/* All fields below lock are guarded by it. */
struct sse_hub {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a stream went away, or stop was asked */
    struct sse_stream *streams;
    size_t count;
    bool closed; /* refusing new streams */
    bool stop;   /* the heartbeat thread should end */
    size_t max_streams, max_bytes;
    unsigned heartbeat_s;
    pthread_t heartbeat;
};

static struct sse_frame *frame_new(const char *data, size_t len)
{
    struct sse_frame *f = xmalloc(sizeof *f + len);

    atomic_init(&f->refs, 1);
    f->len = len;
    memcpy(f->data, data, len);
    return f;
}

static void frame_unref(struct sse_frame *f)
{
    if (atomic_fetch_sub(&f->refs, 1) == 1)
        free(f);
}

/* Append a reference to f to s's queue. Hub locked. */
static void stream_push(struct sse_stream *s, struct sse_frame *f)
{
    struct sse_item *it = xmalloc(sizeof *it);

    atomic_fetch_add(&f->refs, 1);
    it->frame = f;
    it->next = NULL;
    if (s->tail)
        s->tail->next = it;
    else
        s->head = it;
    s->tail = it;
    s->queued += f->len;
}

/* Drop everything queued on s. Hub locked. */
static void stream_drop_queue(struct sse_stream *s)
{
    while (s->head != NULL) {
        struct sse_item *next = s->head->next;
        frame_unref(s->head->frame);
        free(s->head);
        s->head = next;
    }
    s->tail = NULL;
    s->head_off = 0;
    s->queued = 0;
}

/* Let MHD call the reader again. Hub locked. */
static void stream_wake(struct sse_stream *s)
{
    if (!s->suspended)
        return;
    s->suspended = false;
    MHD_resume_connection(s->conn);
}

/*
 * Cut a stream that fell behind: drop its queue, make the reader end with
 * an error, and shut the socket down so that a peer that stopped reading
 * (and so never lets MHD ask for more) is disconnected too. The socket is
 * open for as long as the stream is in the hub. Hub locked.
 */
static void stream_cut(struct sse_stream *s)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(s->conn, MHD_CONNECTION_INFO_CONNECTION_FD);

    log_warn("sse_stream_cut", "client=%s queued=%zu limit=%zu", s->client,
             s->queued, s->hub->max_bytes);
    stream_drop_queue(s);
    s->closing = true;
    s->cut = true;
    if (ci != NULL)
        shutdown(ci->connect_fd, SHUT_RDWR);
    stream_wake(s);
}

/* Copy up to max queued bytes into out. Hub locked. */
static size_t stream_copy(struct sse_stream *s, char *out, size_t max)
{
    size_t done = 0;

    while (s->head != NULL && done < max) {
        struct sse_frame *f = s->head->frame;
        size_t n = f->len - s->head_off;
        if (n > max - done)
            n = max - done;
        memcpy(out + done, f->data + s->head_off, n);
        done += n;
        s->head_off += n;
        if (s->head_off == f->len) {
            struct sse_item *next = s->head->next;
            frame_unref(f);
            free(s->head);
            s->head = next;
            s->head_off = 0;
        }
    }
    if (s->head == NULL)
        s->tail = NULL;
    s->queued -= done;
    return done;
}

/*
 * MHD's content reader for a stream: hands over queued bytes, or suspends
 * the connection until a publish resumes it (returning 0 with the
 * connection suspended is how MHD expects a stream to wait).
 */
static ssize_t on_sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
    struct sse_stream *s = cls;
    struct sse_hub *hub = s->hub;
    ssize_t rc;

    pthread_mutex_lock(&hub->lock);
    if (s->closing) {
        rc = s->cut ? MHD_CONTENT_READER_END_WITH_ERROR
                    : MHD_CONTENT_READER_END_OF_STREAM;
        goto out;
    }
    size_t n = stream_copy(s, out, max);
    if (n == 0) {
        s->suspended = true;
        MHD_suspend_connection(s->conn);
    }
    *s->bytes_out += n;
    rc = (ssize_t)n;
out:
    pthread_mutex_unlock(&hub->lock);
    return rc;
}

/* The response is gone with its connection: forget the stream. */
static void on_sse_free(void *cls)
{
    struct sse_stream *s = cls;
    struct sse_hub *hub = s->hub;

    pthread_mutex_lock(&hub->lock);
    if (s->prev)
        s->prev->next = s->next;
    else
        hub->streams = s->next;
    if (s->next)
        s->next->prev = s->prev;
    hub->count--;
    stream_drop_queue(s);
    pthread_cond_broadcast(&hub->changed);
    pthread_mutex_unlock(&hub->lock);
    free(s);
}

/* A stream registered in the hub, or NULL when full or closing. */
static struct sse_stream *stream_add(struct http_request *req,
                                     const struct sse_filter *filter,
                                     const char *backlog, size_t backlog_len,
                                     int64_t backlog_last_id)
{
    struct sse_hub *hub = req->srv->hub;
    struct sse_stream *s = NULL;

    pthread_mutex_lock(&hub->lock);
    if (hub->closed || hub->count >= hub->max_streams)
        goto out;
    s = xcalloc(1, sizeof *s);
    s->hub = hub;
    s->conn = req->conn;
    s->filter = *filter;
    s->skip_upto = backlog_last_id;
    s->bytes_out = &req->bytes;
    memcpy(s->client, req->client, sizeof s->client);
    if (backlog != NULL && backlog_len > 0) {
        struct sse_frame *f = frame_new(backlog, backlog_len);
        stream_push(s, f);
        frame_unref(f);
    }
    s->next = hub->streams;
    if (hub->streams)
        hub->streams->prev = s;
    hub->streams = s;
    hub->count++;
out:
    pthread_mutex_unlock(&hub->lock);
    return s;
}

bool http_reply_sse(struct http_request *req, const struct sse_filter *filter,
                    const char *backlog, size_t backlog_len,
                    int64_t backlog_last_id)
{
    if (req->replied) {
        log_error("http_double_reply", "path=%s status=%d", req->path,
                  req->status);
        return false;
    }
    struct sse_stream *s =
        stream_add(req, filter, backlog, backlog_len, backlog_last_id);
    if (s == NULL) {
        http_reply_error(req, ERR_UNAVAILABLE, "too many event streams");
        return false;
    }
    struct MHD_Response *resp = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, 16 * 1024, on_sse_read, s, on_sse_free);
    if (resp == NULL) {
        on_sse_free(s);
        http_reply_error(req, ERR_INTERNAL, "could not open the stream");
        return false;
    }
    MHD_add_response_header(resp, "Content-Type", "text/event-stream");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Accel-Buffering", "no");
    req->sse = true;
    reply_queue(req, 200, resp, false, 0);
    return true;
}

/* Append "<prefix><line>\n" for each line of s, with CR and LF never
 * inside a line, so data cannot forge fields of its own. */
static void frame_lines(struct buf *out, const char *prefix, const char *s)
{
    for (;;) {
        size_t n = strcspn(s, "\r\n");
        buf_puts(out, prefix);
        buf_append(out, s, n);
        buf_putc(out, '\n');
        s += n;
        if (*s == '\0')
            return;
        if (s[0] == '\r' && s[1] == '\n')
            s++;
        s++;
    }
}

void http_sse_frame(struct buf *out, int64_t event_id, const char *type,
                    const char *data)
{
    if (event_id > 0)
        buf_printf(out, "id: %lld\n", (long long)event_id);
    if (type != NULL && type[0] != '\0')
        buf_printf(out, "event: %.*s\n", (int)strcspn(type, "\r\n"), type);
    frame_lines(out, "data: ", data ? data : "");
    buf_putc(out, '\n');
}

static bool stream_wants(const struct sse_stream *s, int64_t account_id,
                         int64_t user_id, enum role min_role, int64_t event_id)
{
    if (s->closing || s->filter.account_id != account_id)
        return false;
    if (user_id != 0 && s->filter.user_id != user_id)
        return false;
    /* Ephemeral events (typing, viewing) have no id: never in a backlog,
     * so never skipped. */
    return s->filter.role >= min_role &&
           (event_id == 0 || event_id > s->skip_upto);
}

/* Queue f on s, cutting s if that takes it past its limit. Hub locked. */
static void stream_offer(struct sse_stream *s, struct sse_frame *f)
{
    stream_push(s, f);
    if (s->queued > s->hub->max_bytes)
        stream_cut(s);
    else
        stream_wake(s);
}

void http_sse_publish(struct http_server *srv, int64_t account_id,
                      int64_t user_id, enum role min_role, int64_t event_id,
                      const char *type, const char *data)
{
    struct sse_hub *hub = srv->hub;
    struct buf text = BUF_INIT;

    http_sse_frame(&text, event_id, type, data);
    struct sse_frame *f = frame_new(text.data, text.len);
    buf_free(&text);
    pthread_mutex_lock(&hub->lock);
    for (struct sse_stream *s = hub->streams; s != NULL; s = s->next) {
        if (stream_wants(s, account_id, user_id, min_role, event_id))
            stream_offer(s, f);
    }
    pthread_mutex_unlock(&hub->lock);
    frame_unref(f);
}

size_t http_sse_count(struct http_server *srv)
{
    size_t n;

    pthread_mutex_lock(&srv->hub->lock);
    n = srv->hub->count;
    pthread_mutex_unlock(&srv->hub->lock);
    return n;
}

size_t http_sse_users(struct http_server *srv, int64_t account_id, int64_t *out,
                      size_t cap)
{
    size_t n = 0;

    pthread_mutex_lock(&srv->hub->lock);
    for (struct sse_stream *s = srv->hub->streams; s; s = s->next) {
        if (s->closing || s->filter.account_id != account_id)
            continue;
        size_t i = 0;
        while (i < n && out[i] != s->filter.user_id)
            i++;
        if (i == n && n < cap)
            out[n++] = s->filter.user_id;
    }
    pthread_mutex_unlock(&srv->hub->lock);
    return n;
}

/* Deadline for pthread_cond_timedwait, ms from now on CLOCK_MONOTONIC. */
static struct timespec deadline_in(int ms)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* Every heartbeat_s, a comment frame to every open stream, so proxies and
 * clients see the stream alive and dead peers are found. */
static void *heartbeat_main(void *arg)
{
    struct sse_hub *hub = arg;
    struct sse_frame *ping = frame_new(": ping\n\n", 8);

    pthread_mutex_lock(&hub->lock);
    struct timespec next = deadline_in((int)hub->heartbeat_s * 1000);
    while (!hub->stop) {
        /* Woken early by a stream closing: keep the same deadline. */
        if (pthread_cond_timedwait(&hub->changed, &hub->lock, &next) == 0)
            continue;
        for (struct sse_stream *s = hub->streams; s != NULL; s = s->next) {
            if (!s->closing)
                stream_offer(s, ping);
        }
        next = deadline_in((int)hub->heartbeat_s * 1000);
    }
    pthread_mutex_unlock(&hub->lock);
    frame_unref(ping);
    return NULL;
}

struct sse_hub *sse_hub_new(const struct http_options *opt)
{
    struct sse_hub *hub = xcalloc(1, sizeof *hub);
    pthread_condattr_t ca;

    pthread_mutex_init(&hub->lock, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&hub->changed, &ca);
    pthread_condattr_destroy(&ca);
    hub->max_streams = opt->sse_max_streams;
    hub->max_bytes = opt->sse_max_bytes;
    hub->heartbeat_s = opt->heartbeat_s;
    if (pthread_create(&hub->heartbeat, NULL, heartbeat_main, hub) != 0) {
        log_error("sse_heartbeat_thread_failed", "%s", "");
        abort();
    }
    return hub;
}

void sse_hub_close_all(struct sse_hub *hub, int wait_ms)
{
    struct timespec until = deadline_in(wait_ms);

    pthread_mutex_lock(&hub->lock);
    hub->closed = true;
    for (struct sse_stream *s = hub->streams; s != NULL; s = s->next) {
        s->closing = true;
        stream_wake(s);
    }
    while (hub->count > 0) {
        if (pthread_cond_timedwait(&hub->changed, &hub->lock, &until) != 0)
            break;
    }
    if (hub->count > 0)
        log_warn("sse_streams_left_open", "count=%zu", hub->count);
    pthread_mutex_unlock(&hub->lock);
}

void sse_hub_free(struct sse_hub *hub)
{
    if (hub == NULL)
        return;
    pthread_mutex_lock(&hub->lock);
    hub->stop = true;
    pthread_cond_broadcast(&hub->changed);
    pthread_mutex_unlock(&hub->lock);
    pthread_join(hub->heartbeat, NULL);
    pthread_mutex_destroy(&hub->lock);
    pthread_cond_destroy(&hub->changed);
    free(hub);
}

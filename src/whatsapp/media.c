/*
 * The channel's media part: the media rows, the download job that brings
 * a customer's file from the Graph API into sealed storage, reading files
 * back, agent uploads, and the retention job that removes what no row
 * names any more. Files on disk: media_store.c; HTTP GETs: media_fetch.c.
 */
#include "whatsapp/media.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/media.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/events.h"
#include "core/inbox.h"
#include "core/message.h"
#include "jobs/jobs.h"
#include "whatsapp/channel.h"
#include "whatsapp/media_internal.h"
#include "whatsapp/media_limits.h"

#define DAY_MS (24LL * 3600 * 1000)
/* Meta keeps a received media id for this long after the message. */
#define MEDIA_ID_LIFETIME_MS (7 * DAY_MS)
/* Transient failures wait 30 s, doubling, at most an hour; with this many
 * attempts the job outlives the media id. */
#define RETRY_FIRST_MS     (30LL * 1000)
#define RETRY_MAX_MS       (3600LL * 1000)
#define DOWNLOAD_ATTEMPTS  400
#define DEFAULT_TIMEOUT_MS 120000L
#define RETENTION_EVERY_MS (3600LL * 1000)
#define RETENTION_BATCH    200

struct wa_media {
    long timeout_ms; /* per HTTP request of a download */
};

/* --- rows ------------------------------------------------------------ */

struct media_row {
    int64_t id, account_id, inbox_id, message_id, created_at;
    char *direction, *wa_media_id, *mime_type, *sha256, *filename, *state;
    char *path;
};

static void media_row_clear(struct media_row *r)
{
    free(r->direction);
    free(r->wa_media_id);
    free(r->mime_type);
    free(r->sha256);
    free(r->filename);
    free(r->state);
    free(r->path);
    memset(r, 0, sizeof *r);
}

static char *col_dup(struct db_stmt *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? xstrdup(s) : NULL;
}

/* Load media id of account_id (0: any account, for jobs that carry it
 * anyway). Returns STORE_OK, STORE_NOT_FOUND or a store error. */
static enum store_rc media_load(struct db *db, int64_t account_id, int64_t id,
                                struct media_row *out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, account_id, inbox_id, message_id, created_at, direction, "
        "wa_media_id, mime_type, sha256, filename, state, path FROM media "
        "WHERE id = $1 AND (CAST($2 AS BIGINT) = 0 OR account_id = $2)",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *out = (struct media_row){
            db_col_int64(st, 0), db_col_int64(st, 1), db_col_int64(st, 2),
            db_col_int64(st, 3), db_col_int64(st, 4), col_dup(st, 5),
            col_dup(st, 6),      col_dup(st, 7),      col_dup(st, 8),
            col_dup(st, 9),      col_dup(st, 10),     col_dup(st, 11)};
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Inside a transaction: publish message.updated for the message that owns
 * a media row whose state changed (none for an unattached upload). */
static enum store_rc emit_message_updated(struct db *db, int64_t account_id,
                                          int64_t message_id)
{
    json_t *msg = NULL;
    enum store_rc rc;

    if (message_id == 0)
        return STORE_OK;
    rc = message_get_json(db, account_id, message_id, &msg);
    if (rc == STORE_NOT_FOUND)
        return STORE_OK;
    if (rc)
        return rc;
    return events_emit(db, account_id, "message.updated", 0, ROLE_AGENT, msg,
                       NULL);
}

/* The new state of one media row, written by set_state_tx. */
struct state_change {
    const struct media_row *row;
    const char *state;
    const char *error; /* NULL clears it */
    const char *mime;  /* NULL keeps it */
    const char *path;  /* NULL keeps it */
    int64_t size;      /* < 0 keeps it */
};

static enum store_rc set_state_tx(struct db *db, void *arg)
{
    const struct state_change *c = arg;
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE media SET state = $3, error = CAST($4 AS TEXT), "
        "mime_type = COALESCE(CAST($5 AS TEXT), mime_type), "
        "path = COALESCE(CAST($6 AS TEXT), path), "
        "size = CASE WHEN CAST($7 AS BIGINT) < 0 THEN size ELSE $7 END, "
        "updated_at = $8 WHERE account_id = $1 AND id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, c->row->account_id);
    db_bind_int64(st, 2, c->row->id);
    db_bind_text(st, 3, c->state, -1);
    db_bind_text(st, 4, c->error, -1);
    db_bind_text(st, 5, c->mime, -1);
    db_bind_text(st, 6, c->path, -1);
    db_bind_int64(st, 7, c->size);
    db_bind_int64(st, 8, clock_now_ms());
    rc = db_step(st);
    int64_t n = db_changes(st);
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    if (n == 0)
        return STORE_NOT_FOUND;
    return emit_message_updated(db, c->row->account_id, c->row->message_id);
}

/* Record a state (in its own transaction) and log it. */
static enum store_rc set_state(struct db *db, const struct state_change *c)
{
    enum store_rc rc = store_tx(db, set_state_tx, (void *)c);

    if (rc && rc != STORE_NOT_FOUND)
        log_error("media_state_failed", "media=%lld state=%s rc=%d",
                  (long long)c->row->id, c->state, rc);
    return rc;
}

/* --- enqueue --------------------------------------------------------- */

/* The id of the media row for (message, Meta media id), or 0. */
static enum store_rc find_inbound(struct db *db, int64_t account_id,
                                  int64_t message_id, const char *wa_media_id,
                                  int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id FROM media WHERE account_id = $1 AND message_id = $2 "
        "AND wa_media_id = $3 AND direction = 'in'",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, message_id);
    db_bind_text(st, 3, wa_media_id, -1);
    rc = db_step(st);
    *id = rc == STORE_ROW ? db_col_int64(st, 0) : 0;
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* Queue the download job of media id, due at run_at (0: now). */
static enum store_rc enqueue_job(struct db *db, int64_t account_id, int64_t id,
                                 int64_t run_at)
{
    char key[64], payload[64];
    struct job_spec spec = {.kind = WA_MEDIA_JOB_DOWNLOAD,
                            .account_id = account_id,
                            .payload = payload,
                            .run_at = run_at,
                            .max_attempts = DOWNLOAD_ATTEMPTS,
                            .unique_key = key};

    snprintf(key, sizeof key, "media:%lld", (long long)id);
    snprintf(payload, sizeof payload, "{\"media_id\":%lld}", (long long)id);
    return jobs_enqueue(db, &spec, NULL);
}

enum store_rc wa_media_enqueue_download_id(
    struct db *db, int64_t account_id, int64_t inbox_id, int64_t message_id,
    const char *wa_media_id, const char *mime_type, const char *sha256,
    const char *filename, const char *url, int64_t *media_id_out)
{
    struct db_stmt *st;
    int64_t id = 0, now = clock_now_ms();
    char *name = wa_media_clean_filename(filename);
    enum store_rc rc;

    (void)url; /* short-lived; the job asks the Graph API for a fresh one */
    if (!wa_media_id || !wa_media_id[0] || account_id <= 0 || inbox_id <= 0) {
        rc = STORE_CONSTRAINT;
        goto out;
    }
    rc = find_inbound(db, account_id, message_id, wa_media_id, &id);
    if (rc || id)
        goto out;
    rc = db_prepare(db,
                    "INSERT INTO media (account_id, message_id, inbox_id, "
                    "direction, wa_media_id, mime_type, sha256, filename, "
                    "state, created_at, updated_at) VALUES ($1, $2, $3, "
                    "'in', $4, $5, $6, $7, 'pending', $8, $8) RETURNING id",
                    &st);
    if (rc)
        goto out;
    db_bind_int64(st, 1, account_id);
    if (message_id > 0)
        db_bind_int64(st, 2, message_id);
    else
        db_bind_null(st, 2);
    db_bind_int64(st, 3, inbox_id);
    db_bind_text(st, 4, wa_media_id, -1);
    db_bind_text(st, 5, mime_type ? mime_type : "", -1);
    db_bind_text(st, 6, sha256 ? sha256 : "", -1);
    db_bind_text(st, 7, name, -1);
    db_bind_int64(st, 8, now);
    rc = db_step(st);
    id = rc == STORE_ROW ? db_col_int64(st, 0) : 0;
    db_done(st);
    if (rc != STORE_ROW)
        goto out;
    rc = enqueue_job(db, account_id, id, 0);
out:
    if (media_id_out)
        *media_id_out = rc == STORE_OK ? id : 0;
    free(name);
    return rc;
}

enum store_rc wa_media_enqueue_download(struct db *db, int64_t account_id,
                                        int64_t inbox_id, int64_t message_id,
                                        const char *wa_media_id,
                                        const char *mime_type,
                                        const char *sha256,
                                        const char *filename, const char *url)
{
    return wa_media_enqueue_download_id(db, account_id, inbox_id, message_id,
                                        wa_media_id, mime_type, sha256,
                                        filename, url, NULL);
}

/* --- the download job -------------------------------------------------- */

/* Why an attempt failed, and whether trying again can help. */
struct failure {
    char text[256];
    bool permanent;
};

static void fail_with(struct failure *f, bool permanent, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_with(struct failure *f, bool permanent, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(f->text, sizeof f->text, fmt, ap);
    va_end(ap);
    f->permanent = permanent;
}

/* What the Graph API says about a media id. Strings owned. */
struct media_meta {
    char *url, *mime_type, *sha256;
    int64_t file_size;
};

static void media_meta_clear(struct media_meta *m)
{
    free(m->url);
    free(m->mime_type);
    free(m->sha256);
    memset(m, 0, sizeof *m);
}

/* A media id we are willing to put in a URL path. */
static bool media_id_ok(const char *id)
{
    size_t n = strlen(id);

    return n > 0 && n <= 128 &&
           strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "0123456789_.-") == n;
}

/* The credentials of a row's inbox: the Graph URL of its media id and the
 * bearer token. Returns 0, or -1 with f set. */
static int graph_target(struct db *db, const uint8_t *master,
                        const struct media_row *row, char **meta_url,
                        struct inbox_secrets *sec, struct failure *f)
{
    struct inbox in = {0};
    enum store_rc rc = inbox_get(db, row->account_id, row->inbox_id, &in);

    if (rc == STORE_OK)
        rc = inbox_secrets_get(db, master, row->inbox_id, sec);
    if (rc == STORE_OK)
        *meta_url = xasprintf("%s/%s/%s", in.graph_base_url, in.graph_version,
                              row->wa_media_id);
    inbox_clear(&in);
    if (rc == STORE_NOT_FOUND)
        fail_with(f, true, "the inbox of this media no longer exists");
    else if (rc)
        fail_with(f, false, "storage error reading the inbox");
    return rc == STORE_OK ? 0 : -1;
}

/* Ask the Graph API for a fresh download URL and the file's facts. */
static int fetch_meta(const char *meta_url, const char *token, long timeout,
                      struct media_meta *m, struct failure *f)
{
    struct wa_media_http r;
    json_t *j = NULL;
    int rc = -1;

    if (wa_media_http_get(meta_url, token, timeout, 1 << 20, &r) != 0) {
        fail_with(f, false, "media lookup failed: %s", r.error);
        goto out;
    }
    if (r.status == 400 || r.status == 404) {
        fail_with(f, true, "the Graph API does not know this media id");
        goto out;
    }
    if (r.status != 200) {
        fail_with(f, false, "media lookup answered HTTP %ld", r.status);
        goto out;
    }
    j = json_loadb(r.body.data ? r.body.data : "", r.body.len, 0, NULL);
    const char *url = json_string_value(json_object_get(j, "url"));
    if (!url) {
        fail_with(f, false, "media lookup answer has no url");
        goto out;
    }
    const char *mime = json_string_value(json_object_get(j, "mime_type"));
    const char *sha = json_string_value(json_object_get(j, "sha256"));
    json_t *size = json_object_get(j, "file_size");
    m->url = xstrdup(url);
    m->mime_type = mime ? xstrdup(mime) : NULL;
    m->sha256 = sha ? xstrdup(sha) : NULL;
    m->file_size = json_is_integer(size) ? json_integer_value(size)
                   : json_is_string(size)
                       ? strtoll(json_string_value(size), NULL, 10)
                       : 0;
    rc = 0;
out:
    json_decref(j);
    wa_media_http_clear(&r);
    return rc;
}

/* GET the file itself. A 404 means the URL expired: the caller asks for
 * a new one. Returns 0 with the bytes in out, 1 on 404, -1 with f set. */
static int fetch_bytes(const char *url, const char *token, long timeout,
                       struct buf *out, struct failure *f)
{
    struct wa_media_http r;
    int rc = -1;

    if (wa_media_http_get(url, token, timeout, WA_MEDIA_INBOUND_MAX, &r)) {
        fail_with(f, r.too_big, "download failed: %s", r.error);
    } else if (r.status == 404) {
        fail_with(f, false, "the download URL has expired");
        rc = 1;
    } else if (r.status != 200) {
        fail_with(f, false, "download answered HTTP %ld", r.status);
    } else {
        *out = r.body;
        r.body = (struct buf){0};
        rc = 0;
    }
    wa_media_http_clear(&r);
    return rc;
}

/* Look the id up and download it, looking it up again once if the URL
 * has expired in between. Returns 0 with bytes and meta, or -1. */
static int download(struct db *db, const struct wa_channel *ch,
                    const struct media_row *row, struct buf *bytes,
                    struct media_meta *meta, struct failure *f)
{
    struct inbox_secrets sec = {0};
    char *meta_url = NULL;
    long timeout = ch->media->timeout_ms;
    int rc = -1;

    if (graph_target(db, ch->master_key, row, &meta_url, &sec, f) != 0)
        goto out;
    for (int round = 0; round < 2 && rc != 0; round++) {
        media_meta_clear(meta);
        if (fetch_meta(meta_url, sec.access_token, timeout, meta, f) != 0)
            break;
        if (meta->file_size > WA_MEDIA_INBOUND_MAX) {
            fail_with(f, true, "the file is larger than 100 MB");
            break;
        }
        int got = fetch_bytes(meta->url, sec.access_token, timeout, bytes, f);
        if (got < 0)
            break;
        rc = got == 0 ? 0 : -1;
    }
out:
    free(meta_url);
    inbox_secrets_clear(&sec);
    return rc;
}

/* The file must match every digest we were given: the webhook's and the
 * Graph API's. Returns 0 or -1 with f set (permanent). */
static int check_digest(const struct media_row *row,
                        const struct media_meta *meta, const struct buf *b,
                        struct failure *f)
{
    uint8_t digest[CRYPTO_SHA256_LEN];

    crypto_sha256(b->data ? b->data : "", b->len, digest);
    if ((row->sha256 && row->sha256[0] &&
         !wa_media_sha256_matches(row->sha256, digest)) ||
        (meta->sha256 && meta->sha256[0] &&
         !wa_media_sha256_matches(meta->sha256, digest))) {
        fail_with(f, true, "the file does not match its SHA-256 digest");
        return -1;
    }
    return 0;
}

/*
 * The type to keep: what libmagic says of the bytes, unless it can only
 * say "some bytes", in which case the declared type stands. A
 * disagreement is logged for operators. Returns a new string.
 */
static char *stored_type(const struct media_row *row,
                         const struct media_meta *meta, const struct buf *b)
{
    const char *declared = meta->mime_type && meta->mime_type[0]
                               ? meta->mime_type
                               : row->mime_type;
    char base[128];
    char *sniffed = wa_media_sniff(b->data ? b->data : "", b->len);

    wa_media_base_type(declared, base, sizeof base);
    if (sniffed && strcmp(sniffed, "application/octet-stream") != 0) {
        if (base[0] && !wa_media_types_agree(base, sniffed))
            log_info("media_type_differs", "media=%lld declared=%s found=%s",
                     (long long)row->id, base, sniffed);
        return sniffed;
    }
    free(sniffed);
    return xstrdup(base[0] ? base : "application/octet-stream");
}

/* Check, seal, write and mark stored. Returns 0 or -1 with f set. */
static int keep_file(struct db *db, const struct wa_channel *ch,
                     const struct media_row *row, const struct media_meta *meta,
                     const struct buf *b, struct failure *f)
{
    uint8_t key[CRYPTO_KEY_LEN];
    char *path = NULL, *mime = NULL;
    int rc = -1;

    if (check_digest(row, meta, b, f) != 0)
        goto out;
    mime = stored_type(row, meta, b);
    wa_media_key(ch->master_key, key);
    if (wa_media_file_write(key, ch->data_dir, row->account_id, row->id,
                            b->data ? b->data : "", b->len, &path) != 0) {
        fail_with(f, false, "the file could not be written");
        goto out;
    }
    struct state_change c = {row, "stored", NULL, mime, path, (int64_t)b->len};
    if (set_state(db, &c) != STORE_OK) {
        fail_with(f, false, "storage error recording the file");
        goto out;
    }
    log_info("media_stored", "media=%lld size=%zu mime=%s", (long long)row->id,
             b->len, mime);
    rc = 0;
out:
    crypto_wipe(key, sizeof key);
    free(path);
    free(mime);
    return rc;
}

/* The media id named by a job's payload, or 0. */
static int64_t payload_media_id(const char *payload)
{
    json_t *j = json_loads(payload ? payload : "", 0, NULL);
    json_t *v = json_object_get(j, "media_id");
    int64_t id = json_is_integer(v) ? json_integer_value(v) : 0;

    json_decref(j);
    return id;
}

/* Backoff for the attempt-th failure: 30 s doubling, at most an hour. */
static int64_t retry_delay(int attempt)
{
    int64_t d = RETRY_FIRST_MS;

    for (int i = 1; i < attempt && d < RETRY_MAX_MS; i++)
        d *= 2;
    return d < RETRY_MAX_MS ? d : RETRY_MAX_MS;
}

/* Record a failed attempt: visible as state failed with its reason; the
 * job tries again unless the failure is permanent. */
static enum job_result attempt_failed(struct db *db, struct job *job,
                                      const struct media_row *row,
                                      const struct failure *f)
{
    struct state_change c = {row, "failed", f->text, NULL, NULL, -1};

    set_state(db, &c);
    jobs_set_error(job, "%s", f->text);
    log_warn("media_download_failed",
             "media=%lld attempt=%d permanent=%d "
             "reason=\"%s\"",
             (long long)row->id, job->attempt, f->permanent, f->text);
    if (f->permanent)
        return JOB_FAIL;
    job->retry_in_ms = retry_delay(job->attempt);
    return JOB_RETRY;
}

/*
 * The media.download handler: bring one inbound file into storage.
 * Idempotent: a stored row is left alone. Past the media id's lifetime
 * the row becomes expired.
 */
static enum job_result on_download(struct db *db, struct job *job, void *arg)
{
    struct wa_channel *ch = arg;
    struct media_row row = {0};
    struct media_meta meta = {0};
    struct buf bytes = {0};
    struct failure f = {0};
    enum job_result res = JOB_DONE;
    enum store_rc rc =
        media_load(db, job->account_id, payload_media_id(job->payload), &row);

    if (rc == STORE_NOT_FOUND) /* its message was deleted */
        goto out;
    if (rc) {
        jobs_set_error(job, "storage error loading the media row");
        res = JOB_RETRY;
        goto out;
    }
    if (strcmp(row.state, "stored") == 0 || strcmp(row.direction, "in"))
        goto out;
    if (clock_now_ms() > row.created_at + MEDIA_ID_LIFETIME_MS) {
        struct state_change c = {&row,
                                 "expired",
                                 "the media expired before it could be "
                                 "downloaded",
                                 NULL,
                                 NULL,
                                 -1};
        set_state(db, &c);
        goto out;
    }
    if (!media_id_ok(row.wa_media_id ? row.wa_media_id : ""))
        fail_with(&f, true, "the media id is malformed");
    else if (download(db, ch, &row, &bytes, &meta, &f) == 0 &&
             keep_file(db, ch, &row, &meta, &bytes, &f) == 0)
        goto out;
    res = attempt_failed(db, job, &row, &f);
out:
    buf_free(&bytes);
    media_meta_clear(&meta);
    media_row_clear(&row);
    return res;
}

/* --- retry, read ------------------------------------------------------- */

struct retry_arg {
    int64_t account_id, id;
};

static enum store_rc retry_tx(struct db *db, void *arg)
{
    const struct retry_arg *a = arg;
    struct media_row row = {0};
    char key[64];
    enum store_rc rc = media_load(db, a->account_id, a->id, &row);

    if (rc)
        goto out;
    if (strcmp(row.direction, "in") != 0) {
        rc = STORE_NOT_FOUND;
        goto out;
    }
    if (strcmp(row.state, "expired") == 0) {
        rc = STORE_CONSTRAINT;
        goto out;
    }
    if (strcmp(row.state, "stored") == 0)
        goto out;
    /* a waiting retry is replaced by one due now */
    snprintf(key, sizeof key, "media:%lld", (long long)row.id);
    rc = jobs_cancel_key(db, key);
    if (rc == STORE_OK || rc == STORE_NOT_FOUND)
        rc = enqueue_job(db, row.account_id, row.id, 0);
    if (rc == STORE_OK) {
        struct state_change c = {&row, "pending", NULL, NULL, NULL, -1};
        rc = set_state_tx(db, &c);
    }
out:
    media_row_clear(&row);
    return rc;
}

enum store_rc wa_media_retry(struct db *db, int64_t account_id, int64_t id)
{
    struct retry_arg a = {account_id, id};

    return store_tx(db, retry_tx, &a);
}

void wa_media_file_free(struct wa_media_file *f)
{
    if (!f)
        return;
    free(f->direction);
    free(f->mime_type);
    free(f->filename);
    free(f->kind);
    free(f->wa_media_id);
    free(f->data);
    memset(f, 0, sizeof *f);
}

enum store_rc wa_media_read(struct db *db, const uint8_t *master,
                            const char *data_dir, int64_t account_id,
                            int64_t id, struct wa_media_file *out)
{
    struct media_row row = {0};
    struct buf plain = {0};
    uint8_t key[CRYPTO_KEY_LEN];
    /* 0 would mean any account to media_load: never from here */
    enum store_rc rc =
        account_id > 0 ? media_load(db, account_id, id, &row) : STORE_NOT_FOUND;

    memset(out, 0, sizeof *out);
    if (rc == STORE_OK && strcmp(row.state, "stored") != 0)
        rc = STORE_NOT_FOUND;
    if (rc)
        goto out;
    wa_media_key(master, key);
    if (wa_media_file_read(key, data_dir, row.path, account_id, id, &plain)) {
        rc = STORE_ERROR;
        goto out;
    }
    out->id = row.id;
    out->inbox_id = row.inbox_id;
    out->message_id = row.message_id;
    out->direction = xstrdup(row.direction);
    out->mime_type = xstrdup(row.mime_type ? row.mime_type : "");
    out->filename = xstrdup(row.filename ? row.filename : "");
    out->kind = xstrdup(wa_media_kind_of(out->mime_type));
    out->wa_media_id = row.wa_media_id ? xstrdup(row.wa_media_id) : NULL;
    out->size = plain.len;
    out->data = (uint8_t *)buf_steal(&plain);
out:
    crypto_wipe(key, sizeof key);
    buf_free(&plain);
    media_row_clear(&row);
    return rc;
}

const char *wa_media_kind_of(const char *mime)
{
    char t[128];

    wa_media_base_type(mime, t, sizeof t);
    if (strcmp(t, "image/webp") == 0)
        return "sticker";
    if (strncmp(t, "image/", 6) == 0)
        return "image";
    if (strncmp(t, "audio/", 6) == 0)
        return "audio";
    if (strncmp(t, "video/", 6) == 0)
        return "video";
    return "document";
}

/* --- uploads ----------------------------------------------------------- */

void wa_media_upload_info_free(struct wa_media_upload_info *info)
{
    if (!info)
        return;
    free(info->mime_type);
    free(info->filename);
    free(info->kind);
    memset(info, 0, sizeof *info);
}

/* An animated WebP carries an ANIM chunk near its start. */
static bool webp_animated(const void *data, size_t len)
{
    return len > 12 && memmem(data, len < 4096 ? len : 4096, "ANIM", 4);
}

/*
 * The checks of an upload before anything is written: not empty, a type
 * WhatsApp takes, content of that type, within the size limit of its
 * kind. Returns WA_MEDIA_UPLOAD_OK or the failure with err set.
 */
static enum wa_media_upload_rc check_upload(const void *data, size_t len,
                                            const char *type, char *err,
                                            size_t errlen)
{
    const char *kind = wa_media_kind_of(type);
    bool animated = strcmp(kind, "sticker") == 0 && webp_animated(data, len);
    enum wa_media_upload_rc rc = WA_MEDIA_UPLOAD_OK;
    char *sniffed = NULL;

    if (len == 0) {
        snprintf(err, errlen, "the file is empty");
        return WA_MEDIA_UPLOAD_INVALID;
    }
    if (wa_media_max_size(kind, type, animated) < 0) {
        snprintf(err, errlen, "%s files cannot be sent on WhatsApp",
                 type[0] ? type : "untyped");
        return WA_MEDIA_UPLOAD_BAD_TYPE;
    }
    sniffed = wa_media_sniff(data, len);
    if (!sniffed) {
        snprintf(err, errlen, "the file type cannot be checked now");
        rc = WA_MEDIA_UPLOAD_ERROR;
    } else if (!wa_media_types_agree(type, sniffed)) {
        snprintf(err, errlen, "the content is %s, not the declared %s", sniffed,
                 type);
        rc = WA_MEDIA_UPLOAD_MISMATCH;
    } else if (wa_media_check_upload(kind, type, (int64_t)len, animated, err,
                                     errlen) != 0) {
        rc = WA_MEDIA_UPLOAD_TOO_BIG;
    }
    free(sniffed);
    return rc;
}

/* Insert the row of an upload, pending until its file is written. */
static enum store_rc insert_upload(struct db *db, int64_t account_id,
                                   int64_t inbox_id, const char *type,
                                   const char *name, int64_t *id)
{
    struct db_stmt *st;
    int64_t now = clock_now_ms();
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO media (account_id, inbox_id, direction, mime_type, "
        "filename, state, created_at, updated_at) SELECT CAST($1 AS BIGINT), "
        "id, 'out', CAST($3 AS TEXT), CAST($4 AS TEXT), 'pending', "
        "CAST($5 AS BIGINT), CAST($5 AS BIGINT) FROM inboxes "
        "WHERE account_id = $1 AND id = $2 RETURNING id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_text(st, 3, type, -1);
    db_bind_text(st, 4, name, -1);
    db_bind_int64(st, 5, now);
    rc = db_step(st);
    *id = rc == STORE_ROW ? db_col_int64(st, 0) : 0;
    db_done(st);
    if (rc == STORE_ROW)
        return STORE_OK;
    return rc == STORE_DONE ? STORE_NOT_FOUND : rc;
}

/* Delete a row whose file could not be written. */
static void delete_row(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;

    if (db_prepare(db, "DELETE FROM media WHERE account_id = $1 AND id = $2",
                   &st) != STORE_OK)
        return;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_step(st);
    db_done(st);
}

/* Write the sealed file of an inserted upload and mark it stored. */
static enum wa_media_upload_rc
write_upload(struct db *db, const uint8_t *master, const char *data_dir,
             struct media_row *row, const void *data, size_t len)
{
    uint8_t key[CRYPTO_KEY_LEN];
    char *path = NULL;
    enum wa_media_upload_rc rc = WA_MEDIA_UPLOAD_ERROR;

    wa_media_key(master, key);
    if (wa_media_file_write(key, data_dir, row->account_id, row->id, data, len,
                            &path) == 0) {
        struct state_change c = {row, "stored", NULL, NULL, path, (int64_t)len};
        if (set_state(db, &c) == STORE_OK)
            rc = WA_MEDIA_UPLOAD_OK;
        else
            wa_media_file_remove(data_dir, path);
    }
    if (rc != WA_MEDIA_UPLOAD_OK)
        delete_row(db, row->account_id, row->id);
    crypto_wipe(key, sizeof key);
    free(path);
    return rc;
}

enum wa_media_upload_rc wa_media_store_upload(
    struct db *db, const uint8_t *master, const char *data_dir,
    int64_t account_id, int64_t inbox_id, const void *data, size_t len,
    const char *declared_mime, const char *filename,
    struct wa_media_upload_info *out, char *err, size_t errlen)
{
    char type[128];
    char *name = wa_media_clean_filename(filename);
    struct media_row row = {.account_id = account_id, .inbox_id = inbox_id};
    enum wa_media_upload_rc rc;

    memset(out, 0, sizeof *out);
    wa_media_base_type(declared_mime, type, sizeof type);
    rc = check_upload(data, len, type, err, errlen);
    if (rc)
        goto out;
    enum store_rc src =
        insert_upload(db, account_id, inbox_id, type, name, &row.id);
    if (src) {
        snprintf(err, errlen, "%s",
                 src == STORE_NOT_FOUND ? "there is no such inbox"
                                        : "the file could not be stored");
        rc = src == STORE_NOT_FOUND ? WA_MEDIA_UPLOAD_INVALID
                                    : WA_MEDIA_UPLOAD_ERROR;
        goto out;
    }
    rc = write_upload(db, master, data_dir, &row, data, len);
    if (rc) {
        snprintf(err, errlen, "the file could not be stored");
        goto out;
    }
    *out = (struct wa_media_upload_info){row.id, xstrdup(type), name,
                                         xstrdup(wa_media_kind_of(type)),
                                         (int64_t)len};
    name = NULL;
    log_info("media_uploaded", "media=%lld size=%zu mime=%s", (long long)row.id,
             len, type);
out:
    free(name);
    return rc;
}

enum store_rc wa_media_attach(struct db *db, int64_t account_id,
                              int64_t inbox_id, int64_t media_id,
                              int64_t message_id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE media SET message_id = $4, updated_at = $5 "
        "WHERE account_id = $1 AND inbox_id = $2 AND id = $3 "
        "AND direction = 'out' AND message_id IS NULL AND state = 'stored'",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, inbox_id);
    db_bind_int64(st, 3, media_id);
    db_bind_int64(st, 4, message_id);
    db_bind_int64(st, 5, clock_now_ms());
    rc = db_step(st);
    int64_t n = db_changes(st);
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    return n == 1 ? STORE_OK : STORE_NOT_FOUND;
}

enum store_rc wa_media_set_remote_id(struct db *db, int64_t account_id,
                                     int64_t media_id, const char *wa_media_id)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE media SET wa_media_id = $3, updated_at = $4 "
                   "WHERE account_id = $1 AND id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, media_id);
    db_bind_text(st, 3, wa_media_id, -1);
    db_bind_int64(st, 4, clock_now_ms());
    rc = db_step(st);
    int64_t n = db_changes(st);
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    return n == 1 ? STORE_OK : STORE_NOT_FOUND;
}

/* --- retention --------------------------------------------------------- */

/* Uploads never attached to a message after this long are dropped. */
#define UNATTACHED_TTL_MS (7 * DAY_MS)
/* A temporary file this old belongs to a write that died. */
#define STALE_TMP_MS      (3600LL * 1000)
#define ORPHAN_CHECKS_MAX 20000

/* Mark one unattached upload expired and remove its file. */
static void expire_upload(struct db *db, const char *data_dir,
                          int64_t account_id, int64_t id, const char *path)
{
    struct db_stmt *st;

    if (path && wa_media_file_remove(data_dir, path) != 0)
        return; /* keep the row so that the file is not forgotten */
    if (db_prepare(db,
                   "UPDATE media SET state = 'expired', path = NULL, "
                   "updated_at = $3 WHERE account_id = $1 AND id = $2 "
                   "AND message_id IS NULL",
                   &st) != STORE_OK)
        return;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_int64(st, 3, clock_now_ms());
    db_step(st);
    db_done(st);
}

/* One bounded batch of uploads that no message took. Returns how many. */
static int expire_unattached(struct db *db, const char *data_dir)
{
    struct db_stmt *st;
    int64_t ids[RETENTION_BATCH][2];
    char *paths[RETENTION_BATCH];
    int n = 0;

    if (db_prepare(db,
                   "SELECT id, account_id, path FROM media WHERE "
                   "direction = 'out' AND message_id IS NULL AND "
                   "state IN ('stored', 'pending') AND created_at < $1 "
                   "ORDER BY id LIMIT $2",
                   &st) != STORE_OK)
        return 0;
    db_bind_int64(st, 1, clock_now_ms() - UNATTACHED_TTL_MS);
    db_bind_int64(st, 2, RETENTION_BATCH);
    while (n < RETENTION_BATCH && db_step(st) == STORE_ROW) {
        ids[n][0] = db_col_int64(st, 0);
        ids[n][1] = db_col_int64(st, 1);
        paths[n++] = col_dup(st, 2);
    }
    db_done(st);
    for (int i = 0; i < n; i++) {
        expire_upload(db, data_dir, ids[i][1], ids[i][0], paths[i]);
        free(paths[i]);
    }
    return n;
}

/* Whether a media row (any state but expired) names (account, id). */
static bool row_exists(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    bool found = true; /* on error, keep the file */

    if (db_prepare(db,
                   "SELECT 1 FROM media WHERE account_id = $1 AND id = $2 "
                   "AND state <> 'expired'",
                   &st) != STORE_OK)
        return true;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    enum store_rc rc = db_step(st);
    if (rc == STORE_DONE)
        found = false;
    db_done(st);
    return found;
}

/* Parse a decimal id that is the whole of s up to end (or NUL). */
static int64_t parse_id(const char *s, const char **end)
{
    char *e;
    long long v = strtoll(s, &e, 10);

    *end = e;
    return e != s && v > 0 && s[0] != '+' && s[0] != '-' ? v : 0;
}

/* Consider one file of an account's directory; true if removed. */
static bool sweep_file(struct db *db, const char *dir, int64_t account_id,
                       const char *name)
{
    const char *end;
    int64_t id = parse_id(name, &end);
    char *path = xasprintf("%s/%s", dir, name);
    struct stat sb;
    bool removed = false;

    if (id == 0 || (*end && strcmp(end, ".tmp") != 0))
        goto out; /* not ours: leave it */
    if (*end) {
        removed = stat(path, &sb) == 0 &&
                  (int64_t)sb.st_mtime * 1000 < clock_now_ms() - STALE_TMP_MS &&
                  unlink(path) == 0;
    } else if (!row_exists(db, account_id, id)) {
        removed = unlink(path) == 0;
    }
out:
    free(path);
    return removed;
}

/* Remove files whose row is gone (deleted messages, expired uploads) and
 * stale temporary files, examining at most ORPHAN_CHECKS_MAX files.
 * TODO: resume where the last run stopped instead of from the start. */
static int remove_orphans(struct db *db, const char *data_dir)
{
    char *top = xasprintf("%s/media", data_dir);
    DIR *d = opendir(top);
    struct dirent *e;
    int checked = 0, removed = 0;

    while (d && checked < ORPHAN_CHECKS_MAX && (e = readdir(d))) {
        const char *end;
        int64_t account_id = parse_id(e->d_name, &end);
        if (account_id == 0 || *end)
            continue;
        char *dir = xasprintf("%s/%s", top, e->d_name);
        DIR *ad = opendir(dir);
        struct dirent *f;
        while (ad && checked < ORPHAN_CHECKS_MAX && (f = readdir(ad))) {
            if (f->d_name[0] == '.')
                continue;
            checked++;
            removed += sweep_file(db, dir, account_id, f->d_name);
        }
        if (ad)
            closedir(ad);
        free(dir);
    }
    if (d)
        closedir(d);
    free(top);
    return removed;
}

/* The media.retention handler: both sweeps, each bounded. */
static enum job_result on_retention(struct db *db, struct job *job, void *arg)
{
    struct wa_channel *ch = arg;
    int expired = expire_unattached(db, ch->data_dir);
    int removed = remove_orphans(db, ch->data_dir);

    (void)job;
    if (expired || removed)
        log_info("media_retention", "expired=%d removed=%d", expired, removed);
    return JOB_DONE;
}

/* --- the part's life cycle --------------------------------------------- */

int wa_media_init(struct wa_channel *ch)
{
    const char *t = getenv("PARLEY_MEDIA_TIMEOUT_MS");
    long timeout = t ? strtol(t, NULL, 10) : 0;

    ch->media = xcalloc(1, sizeof *ch->media);
    ch->media->timeout_ms =
        timeout > 0 && timeout <= 600000 ? timeout : DEFAULT_TIMEOUT_MS;
    if (jobs_register(ch->jobs, WA_MEDIA_JOB_DOWNLOAD, on_download, ch) ||
        jobs_register(ch->jobs, WA_MEDIA_JOB_RETENTION, on_retention, ch)) {
        log_error("media_init_failed", "reason=register");
        return -1;
    }
    return 0;
}

int wa_media_start(struct wa_channel *ch)
{
    if (jobs_every(ch->jobs, WA_MEDIA_JOB_RETENTION, RETENTION_EVERY_MS)) {
        log_error("media_start_failed", "reason=retention_job");
        return -1;
    }
    return 0;
}

void wa_media_stop(struct wa_channel *ch)
{
    free(ch->media);
    ch->media = NULL;
}

const struct http_route *wa_media_routes(size_t *count)
{
    return api_media_routes(count);
}

/*
 * What administrators see of the durable inbound log: entries by state,
 * with the reason an entry or an item inside it was not applied, and a
 * replay that puts an entry back in the processor's queue.
 *
 * Who sees what: an entry the processor attributed to an account (through
 * the inbox its phone-number id names) is shown, body included, to that
 * account's administrators only. An entry it could not attribute (bad
 * JSON, a number no inbox has, or not processed yet) belongs to nobody:
 * every administrator sees that it exists and why it failed, never its
 * body, since it may be another tenant's.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/sql.h"
#include "whatsapp/ingest_internal.h"

static bool state_valid(const char *s)
{
    return !strcmp(s, "pending") || !strcmp(s, "done") ||
           !strcmp(s, "failed") || !strcmp(s, "all");
}

/* The items of an entry that were not applied, as a JSON array. */
static enum store_rc entry_items(struct db *db, int64_t entry_id, bool mine,
                                 json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT id, kind, reason, raw, created_at "
                                  "FROM wa_inbound_items WHERE "
                                  "inbound_id = $1 ORDER BY id LIMIT 100",
                                  &st);
    json_t *list = json_array();

    if (rc) {
        json_decref(list);
        return rc;
    }
    db_bind_int64(st, 1, entry_id);
    while ((rc = db_step(st)) == STORE_ROW) {
        json_t *raw =
            mine ? json_loads(db_col_text(st, 3), JSON_DECODE_ANY, NULL) : NULL;
        json_array_append_new(
            list,
            json_pack("{sI ss ss so sI}", "id", (json_int_t)db_col_int64(st, 0),
                      "kind", db_col_text(st, 1), "reason", db_col_text(st, 2),
                      "raw", raw ? raw : json_null(), "created_at",
                      (json_int_t)db_col_int64(st, 4)));
    }
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return STORE_OK;
}

/* One wa_inbound row (columns of the list query) as JSON. */
static json_t *entry_json(struct db_stmt *st, int64_t account_id)
{
    bool mine = db_col_int64(st, 6) == account_id;
    size_t len = 0;
    const void *body = db_col_blob(st, 7, &len);
    json_t *parsed = mine && len ? json_loadb(body, len, 0, NULL) : NULL;

    return json_pack(
        "{sI sI ss sI s:s? so sb sI so}", "id", (json_int_t)db_col_int64(st, 0),
        "received_at", (json_int_t)db_col_int64(st, 1), "state",
        db_col_text(st, 2), "attempts", (json_int_t)db_col_int64(st, 3),
        "error", db_col_text(st, 4), "processed_at",
        db_col_is_null(st, 5) ? json_null() : json_integer(db_col_int64(st, 5)),
        "attributed", mine, "body_size", (json_int_t)len, "body",
        parsed ? parsed : json_null());
}

/* Add each entry's items (a second query per entry; pages are small). */
static enum store_rc add_items(struct db *db, json_t *list)
{
    size_t i;
    json_t *e, *items = NULL;
    enum store_rc rc;

    json_array_foreach(list, i, e)
    {
        int64_t id = json_integer_value(json_object_get(e, "id"));
        bool mine = json_is_true(json_object_get(e, "attributed"));
        if ((rc = entry_items(db, id, mine, &items)))
            return rc;
        json_object_set_new(e, "items", items);
    }
    return STORE_OK;
}

static enum store_rc list_entries(struct db *db, int64_t account_id,
                                  const char *state, int64_t before, int limit,
                                  json_t **out, int64_t *last_id)
{
    struct db_stmt *st;
    json_t *list;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, received_at, state, attempts, error, processed_at, "
        "account_id, body FROM wa_inbound WHERE (account_id = $1 OR "
        "account_id IS NULL) AND (CAST($2 AS TEXT) = 'all' OR state = $2) "
        "AND (CAST($3 AS BIGINT) = 0 OR id < $3) ORDER BY id DESC LIMIT $4",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, state, -1);
    db_bind_int64(st, 3, before);
    db_bind_int64(st, 4, limit);
    list = json_array();
    *last_id = 0;
    while ((rc = db_step(st)) == STORE_ROW) {
        json_array_append_new(list, entry_json(st, account_id));
        *last_id = db_col_int64(st, 0);
    }
    db_done(st);
    if (rc == STORE_DONE)
        rc = add_items(db, list);
    if (rc != STORE_OK) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return STORE_OK;
}

/* GET /api/v1/admin/inbound?state=failed|pending|done|all */
void ingest_admin_list(struct http_request *req)
{
    const char *state = http_query(req, "state");
    struct db *db = http_db(req);
    json_t *data;
    int limit;
    int64_t before, last;
    enum store_rc rc;

    if (!state)
        state = "failed";
    if (!state_valid(state)) {
        http_reply_error(req, ERR_BAD_REQUEST,
                         "state must be pending, done, failed or all");
        return;
    }
    if (!api_page(req, &limit, &before))
        return;
    if (!db) {
        http_reply_error(req, ERR_UNAVAILABLE, "no database");
        return;
    }
    rc = list_entries(db, http_principal(req)->account_id, state, before, limit,
                      &data, &last);
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    api_reply_page(req, data, json_array_size(data), limit, last);
}

/* Back to pending, if the entry is visible to this account and settled. */
static enum store_rc requeue(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE wa_inbound SET state = 'pending', error = NULL, "
        "processed_at = NULL, attempts = 0 WHERE id = $1 AND "
        "(account_id = $2 OR account_id IS NULL) AND state <> 'pending'",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    rc = sql_run_changed(st);
    if (rc != STORE_NOT_FOUND)
        return rc;
    /* Nothing changed: pending already (conflict), or not ours. */
    rc = db_prepare(db,
                    "SELECT id FROM wa_inbound WHERE id = $1 AND "
                    "(account_id = $2 OR account_id IS NULL)",
                    &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, account_id);
    rc = sql_int64(st, &id);
    return rc == STORE_OK ? STORE_CONSTRAINT : rc;
}

/* POST /api/v1/admin/inbound/{id}/replay */
void ingest_admin_replay(struct http_request *req)
{
    struct app *app = api_app(req);
    struct db *db = http_db(req);
    int64_t id;
    enum store_rc rc;

    if (!http_param_id(req, "id", &id))
        return;
    if (!db) {
        http_reply_error(req, ERR_UNAVAILABLE, "no database");
        return;
    }
    rc = requeue(db, http_principal(req)->account_id, id);
    if (rc == STORE_CONSTRAINT) {
        http_reply_error(req, ERR_CONFLICT, "the entry is already pending");
        return;
    }
    if (rc) {
        api_reply_store_error(req, rc, NULL);
        return;
    }
    if (app->channel && app->channel->ingest)
        ingest_proc_wake(app->channel->ingest);
    api_audit(req, "inbound.replay", "wa_inbound", id, NULL);
    http_reply_json(
        req, 202,
        json_pack("{sI ss}", "id", (json_int_t)id, "state", "pending"));
}

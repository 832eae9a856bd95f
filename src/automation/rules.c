/*
 * Rules in storage and the per-account compiled cache; see rules.h.
 */
#include "automation/rules.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"

#define RULE_COLUMNS                                                           \
    "id, name, position, enabled, event, event_minutes, conditions, "          \
    "actions, stop, reply_period_s, created_at, updated_at"

static json_t *row_json(struct db_stmt *st)
{
    json_t *cond = json_loads(db_col_text(st, 6), 0, NULL);
    json_t *actions = json_loads(db_col_text(st, 7), 0, NULL);

    return json_pack(
        "{sI ss sI sb ss sI so so sb sI sI sI}", "id",
        (json_int_t)db_col_int64(st, 0), "name", db_col_text(st, 1), "position",
        (json_int_t)db_col_int64(st, 2), "enabled", db_col_int64(st, 3) != 0,
        "event", db_col_text(st, 4), "event_minutes",
        (json_int_t)db_col_int64(st, 5), "conditions",
        cond ? cond : json_object(), "actions",
        actions ? actions : json_array(), "stop", db_col_int64(st, 8) != 0,
        "reply_period_s", (json_int_t)db_col_int64(st, 9), "created_at",
        (json_int_t)db_col_int64(st, 10), "updated_at",
        (json_int_t)db_col_int64(st, 11));
}

enum store_rc auto_rules_get(struct db *db, int64_t account_id, int64_t id,
                             json_t **out)
{
    return sql_get_json(db,
                        "SELECT " RULE_COLUMNS
                        " FROM rules WHERE account_id = $1 AND id = $2",
                        account_id, id, row_json, out);
}

enum store_rc auto_rules_list(struct db *db, int64_t account_id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "SELECT " RULE_COLUMNS " FROM rules WHERE "
                                  "account_id = $1 ORDER BY position, id",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out, row_json(st));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        *out = NULL;
        return rc;
    }
    return STORE_OK;
}

static enum store_rc bump_version(struct db *db, int64_t account_id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO rules_versions (account_id, version) VALUES ($1, 1) "
        "ON CONFLICT (account_id) DO UPDATE SET version = "
        "rules_versions.version + 1",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    return sql_run(st);
}

/* Bind the members of doc shared by insert and update, from $2 on. */
static void bind_doc(struct db_stmt *st, const json_t *doc, int64_t now)
{
    const json_t *c = json_object_get(doc, "conditions");
    char *cond = json_is_object(c) ? json_dumps(c, JSON_COMPACT) : NULL;
    char *actions = json_dumps(json_object_get(doc, "actions"), JSON_COMPACT);

    db_bind_text(st, 2, json_string_value(json_object_get(doc, "name")), -1);
    db_bind_int64(st, 3, json_integer_value(json_object_get(doc, "position")));
    db_bind_int64(st, 4, !json_is_false(json_object_get(doc, "enabled")));
    db_bind_text(st, 5, json_string_value(json_object_get(doc, "event")), -1);
    db_bind_int64(st, 6,
                  json_integer_value(json_object_get(doc, "event_minutes")));
    db_bind_text(st, 7, cond ? cond : "{}", -1);
    db_bind_text(st, 8, actions ? actions : "[]", -1);
    db_bind_int64(st, 9, json_is_true(json_object_get(doc, "stop")));
    db_bind_int64(st, 10,
                  json_integer_value(json_object_get(doc, "reply_period_s")));
    db_bind_int64(st, 11, now);
    free(cond);
    free(actions);
}

enum store_rc auto_rules_save(struct db *db, int64_t account_id, int64_t id,
                              const json_t *doc, int64_t *id_out)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (id == 0)
        rc = db_prepare(db,
                        "INSERT INTO rules (account_id, name, position, "
                        "enabled, event, event_minutes, conditions, actions, "
                        "stop, reply_period_s, created_at, updated_at) VALUES "
                        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) "
                        "RETURNING id",
                        &st);
    else
        rc = db_prepare(db,
                        "UPDATE rules SET name = $2, position = $3, enabled = "
                        "$4, event = $5, event_minutes = $6, conditions = $7, "
                        "actions = $8, stop = $9, reply_period_s = $10, "
                        "updated_at = $11 WHERE account_id = $1 AND id = $12 "
                        "RETURNING id",
                        &st);
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    bind_doc(st, doc, clock_now_ms());
    if (id)
        db_bind_int64(st, 12, id);
    if ((rc = sql_int64(st, id_out)))
        return rc;
    return bump_version(db, account_id);
}

enum store_rc auto_rules_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM rules WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    if ((rc = sql_run_changed(st)))
        return rc;
    return bump_version(db, account_id);
}

enum store_rc auto_rules_reorder(struct db *db, int64_t account_id,
                                 const int64_t *ids, size_t n)
{
    enum store_rc rc = STORE_OK;

    for (size_t i = 0; i < n && rc == STORE_OK; i++) {
        struct db_stmt *st;
        if ((rc = db_prepare(db,
                             "UPDATE rules SET position = $3, updated_at = $4 "
                             "WHERE account_id = $1 AND id = $2",
                             &st)))
            return rc;
        db_bind_int64(st, 1, account_id);
        db_bind_int64(st, 2, ids[i]);
        db_bind_int64(st, 3, (int64_t)i);
        db_bind_int64(st, 4, clock_now_ms());
        rc = sql_run_changed(st);
    }
    return rc ? rc : bump_version(db, account_id);
}

/* --- the compiled cache -------------------------------------------------- */

/* One account's compiled rules; refs counts the cache's own hold plus
 * each evaluation using it. */
struct entry {
    struct auto_rules_ref ref; /* first, so a ref pointer is the entry */
    int64_t account_id;
    int64_t version;
    int refs;
    struct entry *next;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *cache;

static void entry_unref(struct entry *e)
{
    if (--e->refs > 0)
        return;
    auto_ruleset_free(&e->ref.rs);
    free(e);
}

static enum store_rc read_version(struct db *db, int64_t account_id, int64_t *v)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "SELECT version FROM rules_versions WHERE account_id = $1", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    rc = sql_int64(st, v);
    if (rc == STORE_NOT_FOUND) {
        *v = 0;
        rc = STORE_OK;
    }
    return rc;
}

/* Compile the stored rules one by one, skipping any that fail. */
static struct entry *build(json_t *docs, int64_t account_id, int64_t version)
{
    struct entry *e = xcalloc(1, sizeof *e);
    char err[256];
    size_t n = json_array_size(docs);

    e->account_id = account_id;
    e->version = version;
    e->refs = 1;
    e->ref.rs.rules = xcalloc(n + 1, sizeof *e->ref.rs.rules);
    for (size_t i = 0; i < n; i++) {
        const json_t *doc = json_array_get(docs, i);
        if (auto_rule_compile(doc, &e->ref.rs.rules[e->ref.rs.count], err,
                              sizeof err)) {
            log_warn("automation_rule_invalid",
                     "account=%lld rule=%lld "
                     "reason=\"%s\"",
                     (long long)account_id,
                     (long long)json_integer_value(json_object_get(doc, "id")),
                     err);
            continue;
        }
        e->ref.rs.count++;
    }
    return e;
}

/* Find a current entry and take a reference, or NULL. */
static struct auto_rules_ref *lookup(int64_t account_id, int64_t version)
{
    struct auto_rules_ref *found = NULL;

    pthread_mutex_lock(&cache_lock);
    for (struct entry *e = cache; e; e = e->next) {
        if (e->account_id == account_id && e->version == version) {
            e->refs++;
            found = &e->ref;
            break;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/* Put e in the cache in place of the account's older entry. */
static void install(struct entry *e)
{
    pthread_mutex_lock(&cache_lock);
    for (struct entry **p = &cache; *p; p = &(*p)->next) {
        if ((*p)->account_id == e->account_id) {
            struct entry *old = *p;
            *p = old->next;
            entry_unref(old);
            break;
        }
    }
    e->refs++; /* the cache's hold */
    e->next = cache;
    cache = e;
    pthread_mutex_unlock(&cache_lock);
}

enum store_rc auto_rules_acquire(struct db *db, int64_t account_id,
                                 struct auto_rules_ref **out)
{
    int64_t version;
    json_t *docs = NULL;
    enum store_rc rc = read_version(db, account_id, &version);

    if (rc)
        return rc;
    if ((*out = lookup(account_id, version)))
        return STORE_OK;
    if ((rc = auto_rules_list(db, account_id, &docs)))
        return rc;
    struct entry *e = build(docs, account_id, version);
    json_decref(docs);
    install(e);
    *out = &e->ref;
    return STORE_OK;
}

void auto_rules_release(struct auto_rules_ref *ref)
{
    if (!ref)
        return;
    pthread_mutex_lock(&cache_lock);
    entry_unref((struct entry *)ref);
    pthread_mutex_unlock(&cache_lock);
}

void auto_rules_cache_clear(void)
{
    pthread_mutex_lock(&cache_lock);
    while (cache) {
        struct entry *e = cache;
        cache = e->next;
        entry_unref(e);
    }
    pthread_mutex_unlock(&cache_lock);
}

/*
 * What an account adds to the default model, kept in storage (migration
 * 010_ai.sql): its own intents with example phrases, agents' corrections
 * kept as examples, and the stored annotation of each message. Every
 * query is scoped by account_id.
 */
#include <string.h>

#include "ai/ai_internal.h"
#include "base/clock.h"
#include "base/log.h"
#include "store/store.h"

/* A store status as an AI status: no row is AI_NOT_FOUND, a unique
 * violation AI_EXISTS, any other failure AI_ERROR (already logged). */
static enum ai_rc from_store(enum store_rc rc)
{
    switch (rc) {
    case STORE_OK:
    case STORE_DONE:
    case STORE_ROW:
        return AI_OK;
    case STORE_NOT_FOUND:
        return AI_NOT_FOUND;
    case STORE_CONSTRAINT:
        return AI_EXISTS;
    default:
        return AI_ERROR;
    }
}

/* Intent ids: 1-64 bytes of [a-z0-9_]. */
static bool valid_name(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '_'))
            return false;
    return true;
}

/* An example text must be something ai_annotate() accepts. */
static enum ai_rc check_text(const char *text)
{
    struct ai_text t;
    enum ai_rc rc = ai_text_init(&t, text, text ? strlen(text) : 0);

    if (rc == AI_OK)
        ai_text_free(&t);
    return rc;
}

/* Run one statement whose only result is its effect; *id_out gets the
 * RETURNING id when asked for. */
static enum ai_rc run(struct db_stmt *st, int64_t *id_out)
{
    enum store_rc rc = db_step(st);

    if (rc == STORE_ROW && id_out != NULL)
        *id_out = db_col_int64(st, 0);
    if (rc == STORE_ROW)
        rc = STORE_OK;
    db_done(st);
    return from_store(rc);
}

/* Pass rc on; when it is AI_OK the account's cached layer is stale. */
static enum ai_rc note_change(int64_t account_id, enum ai_rc rc)
{
    if (rc == AI_OK)
        ai_account_changed(account_id);
    return rc;
}

enum ai_rc ai_intent_add(struct db *db, int64_t account_id, const char *name,
                         const char *description, int64_t *id_out)
{
    struct db_stmt *st;

    if (!valid_name(name))
        return AI_INVALID;
    if (db_prepare(db,
                   "INSERT INTO ai_intents (account_id, name, description, "
                   "created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                   &st) != STORE_OK)
        return AI_ERROR;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, name, -1);
    db_bind_text(st, 3, description ? description : "", -1);
    db_bind_int64(st, 4, clock_now_ms());
    return note_change(account_id, run(st, id_out));
}

struct named {
    int64_t account_id;
    const char *name;
};

/* In one transaction: the intent and its custom examples. */
static enum store_rc delete_intent_tx(struct db *db, void *arg)
{
    struct named *n = arg;
    struct db_stmt *st;
    enum store_rc rc;
    int64_t changed;

    rc = db_prepare(db,
                    "DELETE FROM ai_intents WHERE account_id = $1 AND "
                    "name = $2",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, n->account_id);
    db_bind_text(st, 2, n->name, -1);
    rc = db_step(st);
    changed = db_changes(st);
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    if (changed == 0)
        return STORE_NOT_FOUND;
    rc = db_prepare(db,
                    "DELETE FROM ai_examples WHERE account_id = $1 AND "
                    "intent = $2",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, n->account_id);
    db_bind_text(st, 2, n->name, -1);
    rc = db_step(st);
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

enum ai_rc ai_intent_delete(struct db *db, int64_t account_id, const char *name)
{
    struct named n = {account_id, name};

    if (!valid_name(name))
        return AI_INVALID;
    return note_change(account_id,
                       from_store(store_tx(db, delete_intent_tx, &n)));
}

enum ai_rc ai_intent_list(struct db *db, int64_t account_id, ai_intent_cb fn,
                          void *arg)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (db_prepare(db,
                   "SELECT id, name, description FROM ai_intents WHERE "
                   "account_id = $1 ORDER BY name",
                   &st) != STORE_OK)
        return AI_ERROR;
    db_bind_int64(st, 1, account_id);
    while ((rc = db_step(st)) == STORE_ROW)
        fn(db_col_int64(st, 0), db_col_text(st, 1), db_col_text(st, 2), arg);
    db_done(st);
    return from_store(rc);
}

/* Insert one example; source already checked. */
static enum ai_rc insert_example(struct db *db, int64_t account_id,
                                 const char *intent, const char *text,
                                 const char *source, int64_t created_by,
                                 int64_t *id_out)
{
    struct db_stmt *st;

    if (db_prepare(db,
                   "INSERT INTO ai_examples (account_id, intent, text, "
                   "source, created_by, created_at) VALUES ($1, $2, $3, $4, "
                   "$5, $6) RETURNING id",
                   &st) != STORE_OK)
        return AI_ERROR;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, intent, -1);
    db_bind_text(st, 3, text, -1);
    db_bind_text(st, 4, source, -1);
    if (created_by > 0)
        db_bind_int64(st, 5, created_by);
    else
        db_bind_null(st, 5);
    db_bind_int64(st, 6, clock_now_ms());
    return run(st, id_out);
}

enum ai_rc ai_example_add(struct db *db, int64_t account_id, const char *intent,
                          const char *text, const char *source,
                          int64_t created_by, int64_t *id_out)
{
    enum ai_rc rc = check_text(text);

    if (rc != AI_OK)
        return rc;
    if (!valid_name(intent) || source == NULL ||
        (strcmp(source, "custom") != 0 && strcmp(source, "correction") != 0))
        return AI_INVALID;
    return note_change(account_id, insert_example(db, account_id, intent, text,
                                                  source, created_by, id_out));
}

enum ai_rc ai_example_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc;
    int64_t changed;

    if (db_prepare(db,
                   "DELETE FROM ai_examples WHERE account_id = $1 AND id = $2",
                   &st) != STORE_OK)
        return AI_ERROR;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    changed = db_changes(st);
    db_done(st);
    if (rc == STORE_DONE && changed == 0)
        return AI_NOT_FOUND;
    return note_change(account_id, from_store(rc));
}

enum ai_rc ai_example_list(struct db *db, int64_t account_id,
                           const char *intent, ai_example_cb fn, void *arg)
{
    struct db_stmt *st;
    enum store_rc rc;

    if (db_prepare(db,
                   "SELECT id, intent, text, source, created_by, created_at "
                   "FROM ai_examples WHERE account_id = $1 AND "
                   "(CAST($2 AS TEXT) IS NULL OR intent = $2) ORDER BY id",
                   &st) != STORE_OK)
        return AI_ERROR;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, intent, -1);
    while ((rc = db_step(st)) == STORE_ROW)
        fn(db_col_int64(st, 0), db_col_text(st, 1), db_col_text(st, 2),
           db_col_text(st, 3), db_col_int64(st, 4), db_col_int64(st, 5), arg);
    db_done(st);
    return from_store(rc);
}

enum ai_rc ai_account_load(struct db *db, int64_t account_id,
                           const struct ai_model *m, struct ai_account **out)
{
    struct ai_account *a = ai_account_new(m);
    struct db_stmt *st;
    enum store_rc rc;

    *out = NULL;
    if (db_prepare(db,
                   "SELECT intent, text FROM ai_examples WHERE "
                   "account_id = $1 ORDER BY id",
                   &st) != STORE_OK) {
        ai_account_free(a);
        return AI_ERROR;
    }
    db_bind_int64(st, 1, account_id);
    while ((rc = db_step(st)) == STORE_ROW)
        (void)ai_account_add(a, db_col_text(st, 0), db_col_text(st, 1));
    db_done(st);
    if (rc != STORE_DONE) {
        ai_account_free(a);
        return from_store(rc);
    }
    *out = a;
    return AI_OK;
}

struct correction {
    int64_t account_id, message_id, user_id;
    const char *text, *intent;
};

/* In one transaction: keep the example, then fix the annotation. */
static enum store_rc correct_tx(struct db *db, void *arg)
{
    struct correction *c = arg;
    struct db_stmt *st;
    enum store_rc rc;

    if (insert_example(db, c->account_id, c->intent, c->text, "correction",
                       c->user_id, NULL) != AI_OK)
        return STORE_ERROR;
    rc = db_prepare(db,
                    "UPDATE ai_annotations SET intent = $3, confidence = 1, "
                    "custom = 1, corrected_by = $4, updated_at = $5 WHERE "
                    "account_id = $1 AND message_id = $2",
                    &st);
    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, c->account_id);
    db_bind_int64(st, 2, c->message_id);
    db_bind_text(st, 3, c->intent, -1);
    if (c->user_id > 0)
        db_bind_int64(st, 4, c->user_id);
    else
        db_bind_null(st, 4);
    db_bind_int64(st, 5, clock_now_ms());
    rc = db_step(st);
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

enum ai_rc ai_correct(struct db *db, int64_t account_id, int64_t message_id,
                      const char *text, const char *intent, int64_t user_id)
{
    struct correction c = {account_id, message_id, user_id, text, intent};
    enum ai_rc rc = check_text(text);

    if (rc != AI_OK)
        return rc;
    if (!valid_name(intent))
        return AI_INVALID;
    return note_change(account_id, from_store(store_tx(db, correct_tx, &c)));
}

static const char *sentiment_name(enum ai_sentiment s)
{
    return s == AI_POSITIVE   ? "positive"
           : s == AI_NEGATIVE ? "negative"
                              : "neutral";
}

enum ai_rc ai_annotation_save(struct db *db, int64_t account_id,
                              int64_t message_id, const struct ai_annotation *a)
{
    struct db_stmt *st;

    if (db_prepare(db,
                   "INSERT INTO ai_annotations (account_id, message_id, "
                   "language, intent, confidence, sentiment, score, custom, "
                   "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                   "ON CONFLICT (account_id, message_id) DO UPDATE SET "
                   "language = excluded.language, intent = excluded.intent, "
                   "confidence = excluded.confidence, "
                   "sentiment = excluded.sentiment, score = excluded.score, "
                   "custom = excluded.custom, "
                   "updated_at = excluded.updated_at",
                   &st) != STORE_OK)
        return AI_ERROR;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, message_id);
    db_bind_text(st, 3, a->language, -1);
    db_bind_text(st, 4, a->intent, -1);
    db_bind_double(st, 5, a->confidence);
    db_bind_text(st, 6, sentiment_name(a->sentiment), -1);
    db_bind_double(st, 7, a->score);
    db_bind_int64(st, 8, a->custom);
    db_bind_int64(st, 9, clock_now_ms());
    return run(st, NULL);
}

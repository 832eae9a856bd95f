/*
 * Canned replies and their ranking; see canned.h.
 */
#include "core/canned.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ai/ai.h"
#include "base/clock.h"
#include "base/mem.h"
#include "core/sql.h"

#define CANNED_COLUMNS                                                         \
    "id, shortcut, title, body, intent, created_by, created_at, updated_at"

/* Weights of the ranking's signals; the shortcut prefix dominates so that
 * "/ref" always offers /refund first. */
#define W_PREFIX   2.0
#define W_EXACT    0.5
#define W_TYPED    1.0
#define W_CUSTOMER 0.6
#define W_INTENT   0.5

bool canned_shortcut_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n == 0 || n > CANNED_SHORTCUT_MAX)
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
            *s != '_' && *s != '-')
            return false;
    return true;
}

static json_t *row_json(struct db_stmt *st)
{
    return json_pack(
        "{sI ss ss ss ss so sI sI}", "id", (json_int_t)db_col_int64(st, 0),
        "shortcut", db_col_text(st, 1), "title", db_col_text(st, 2), "body",
        db_col_text(st, 3), "intent", db_col_text(st, 4), "created_by",
        db_col_is_null(st, 5) ? json_null() : json_integer(db_col_int64(st, 5)),
        "created_at", (json_int_t)db_col_int64(st, 6), "updated_at",
        (json_int_t)db_col_int64(st, 7));
}

/* Run a SELECT of CANNED_COLUMNS bound to (account[, id]) into an array. */
static enum store_rc select_rows(struct db *db, const char *sql,
                                 int64_t account_id, int64_t id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, sql, &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    if (id)
        db_bind_int64(st, 2, id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out, row_json(st));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

enum store_rc canned_list(struct db *db, int64_t account_id, json_t **out)
{
    return select_rows(db,
                       "SELECT " CANNED_COLUMNS " FROM canned_replies WHERE "
                       "account_id = $1 ORDER BY shortcut LIMIT 2000",
                       account_id, 0, out);
}

enum store_rc canned_get_json(struct db *db, int64_t account_id, int64_t id,
                              json_t **out)
{
    json_t *rows;
    enum store_rc rc =
        select_rows(db,
                    "SELECT " CANNED_COLUMNS " FROM canned_replies WHERE "
                    "account_id = $1 AND id = $2",
                    account_id, id, &rows);

    if (rc)
        return rc;
    *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return *out ? STORE_OK : STORE_NOT_FOUND;
}

enum store_rc canned_create(struct db *db, int64_t account_id, int64_t user_id,
                            const char *shortcut, const char *title,
                            const char *body, const char *intent, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO canned_replies (account_id, shortcut, title, body, "
        "intent, created_by, created_at, updated_at) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $7) RETURNING id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, shortcut, -1);
    db_bind_text(st, 3, title ? title : "", -1);
    db_bind_text(st, 4, body, -1);
    db_bind_text(st, 5, intent ? intent : "", -1);
    db_bind_int64(st, 6, user_id);
    db_bind_int64(st, 7, clock_now_ms());
    return sql_int64(st, id);
}

enum store_rc canned_update(struct db *db, int64_t account_id, int64_t id,
                            const char *shortcut, const char *title,
                            const char *body, const char *intent)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE canned_replies SET "
        "shortcut = COALESCE(CAST($3 AS TEXT), shortcut), "
        "title = COALESCE(CAST($4 AS TEXT), title), "
        "body = COALESCE(CAST($5 AS TEXT), body), "
        "intent = COALESCE(CAST($6 AS TEXT), intent), updated_at = $7 "
        "WHERE account_id = $1 AND id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, shortcut, -1);
    db_bind_text(st, 4, title, -1);
    db_bind_text(st, 5, body, -1);
    db_bind_text(st, 6, intent, -1);
    db_bind_int64(st, 7, clock_now_ms());
    return sql_run_changed(st);
}

enum store_rc canned_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "DELETE FROM canned_replies WHERE account_id = $1 AND id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_run_changed(st);
}

/* Does text contain word (ASCII case-insensitive, on word boundaries)? */
static bool has_word(const char *text, const char *word, size_t n)
{
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, word, n) == 0 &&
            (p == text || !isalnum((unsigned char)p[-1])) &&
            !isalnum((unsigned char)p[n]))
            return true;
    }
    return false;
}

/* Share of typed's words (3+ bytes) found in item's title or body: the
 * stand-in for the model when none is loaded. */
static double word_overlap(const char *typed, const struct canned_item *it)
{
    int words = 0, hits = 0;

    for (const char *p = typed; *p;) {
        while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
            p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        size_t n = (size_t)(p - w);
        if (n < 3)
            continue;
        words++;
        hits += has_word(it->title, w, n) || has_word(it->body, w, n);
    }
    return words ? (double)hits / words : 0;
}

/* Add weight * the model's (or overlap's) score of text to scores. */
static void add_similarity(const struct ai_model *m,
                           const struct canned_item *items, int n,
                           const char *text, double weight, double *scores)
{
    struct ai_reply *replies;
    struct ai_suggestion *sugg;
    int k;

    if (!text || !*text)
        return;
    if (!m) {
        for (int i = 0; i < n; i++)
            scores[i] += weight * word_overlap(text, &items[i]);
        return;
    }
    replies = xcalloc((size_t)n, sizeof *replies);
    sugg = xcalloc((size_t)n, sizeof *sugg);
    for (int i = 0; i < n; i++)
        replies[i] = (struct ai_reply){items[i].id, items[i].shortcut,
                                       items[i].body, items[i].intent};
    k = ai_suggest(m, text, strlen(text), replies, n, sugg, n);
    for (int i = 0; i < k; i++)
        scores[sugg[i].index] += weight * sugg[i].score;
    free(replies);
    free(sugg);
}

static int cmp_ranked(const void *a, const void *b)
{
    const struct canned_ranked *x = a, *y = b;

    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->index - y->index;
}

/* The shortcut signal: typed (without its "/") starts the shortcut. */
static double prefix_score(const char *typed, const char *shortcut)
{
    size_t n = strlen(typed);

    if (n == 0 || strncasecmp(shortcut, typed, n) != 0)
        return 0;
    return W_PREFIX + (shortcut[n] == '\0' ? W_EXACT : 0);
}

int canned_rank(const struct ai_model *m, const struct canned_item *items,
                int n, const char *typed, const char *customer_text,
                const char *customer_intent, struct canned_ranked *out, int max)
{
    struct canned_ranked *all;
    double *scores;
    int k = 0;
    const char *t = typed ? typed : "";
    bool shortcut_only = t[0] == '/';

    if (n <= 0 || max <= 0)
        return 0;
    t += shortcut_only;
    scores = xcalloc((size_t)n, sizeof *scores);
    for (int i = 0; i < n; i++)
        scores[i] = prefix_score(t, items[i].shortcut);
    /* After a "/" the agent is naming a shortcut, not writing prose. */
    if (!shortcut_only)
        add_similarity(m, items, n, t, W_TYPED, scores);
    add_similarity(m, items, n, customer_text, W_CUSTOMER, scores);
    all = xcalloc((size_t)n, sizeof *all);
    for (int i = 0; i < n; i++) {
        if (customer_intent && *customer_intent && items[i].intent &&
            !strcmp(customer_intent, items[i].intent))
            scores[i] += W_INTENT;
        if (scores[i] > 0)
            all[k++] = (struct canned_ranked){i, scores[i]};
    }
    qsort(all, (size_t)k, sizeof *all, cmp_ranked);
    k = k < max ? k : max;
    memcpy(out, all, (size_t)k * sizeof *out);
    free(all);
    free(scores);
    return k;
}

/* The customer's last message in the conversation: its text and stored
 * intent (caller frees both; NULL when there is none). */
static enum store_rc last_customer_message(struct db *db, int64_t account_id,
                                           int64_t conversation_id, char **text,
                                           char **intent)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT c.id, m.text, m.ai_intent FROM conversations c LEFT JOIN "
        "messages m ON m.id = (SELECT MAX(id) FROM messages WHERE "
        "conversation_id = c.id AND direction = 'in') "
        "WHERE c.account_id = $1 AND c.id = $2",
        &st);

    *text = *intent = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, conversation_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        if (!db_col_is_null(st, 1))
            *text = xstrdup(db_col_text(st, 1));
        if (!db_col_is_null(st, 2))
            *intent = xstrdup(db_col_text(st, 2));
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Rank the rows of list (from canned_list) and build the reply array. */
static json_t *rank_rows(json_t *list, const char *typed, const char *text,
                         const char *intent, int limit)
{
    int n = (int)json_array_size(list), k;
    struct canned_item *items = xcalloc((size_t)n + 1, sizeof *items);
    struct canned_ranked *ranked = xcalloc((size_t)n + 1, sizeof *ranked);
    json_t *out = json_array();

    for (int i = 0; i < n; i++) {
        json_t *r = json_array_get(list, (size_t)i);
        items[i] = (struct canned_item){
            json_integer_value(json_object_get(r, "id")),
            json_string_value(json_object_get(r, "shortcut")),
            json_string_value(json_object_get(r, "title")),
            json_string_value(json_object_get(r, "body")),
            json_string_value(json_object_get(r, "intent"))};
    }
    k = canned_rank(ai_default_model(), items, n, typed, text, intent, ranked,
                    limit);
    for (int i = 0; i < k; i++) {
        json_t *r = json_copy(json_array_get(list, (size_t)ranked[i].index));
        json_object_set_new(r, "score", json_real(ranked[i].score));
        json_array_append_new(out, r);
    }
    free(items);
    free(ranked);
    return out;
}

enum store_rc canned_suggest(struct db *db, int64_t account_id,
                             int64_t conversation_id, const char *typed,
                             int limit, json_t **out)
{
    char *text = NULL, *intent = NULL;
    json_t *list;
    enum store_rc rc = STORE_OK;

    if (conversation_id)
        rc = last_customer_message(db, account_id, conversation_id, &text,
                                   &intent);
    if (rc == STORE_OK)
        rc = canned_list(db, account_id, &list);
    if (rc == STORE_OK) {
        *out = rank_rows(list, typed, text, intent, limit);
        json_decref(list);
    }
    free(text);
    free(intent);
    return rc;
}

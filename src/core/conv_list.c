/*
 * The inbox's conversation list and tab counts; see conv_list.h.
 *
 * Each sort has an index of migration 006 whose columns follow the ORDER
 * BY, and the cursor condition is a row-value comparison on the same
 * columns, so the engine seeks to the cursor and reads one page.
 */
#include "core/conv_list.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/conversation.h"
#include "core/qbuild.h"
#include "core/search.h"

/* The waiting key: conversations nobody waits on sort after all others. */
#define WAIT_KEY "COALESCE(c.waiting_since, 9223372036854775807)"
/* The priority key: highest priority first, then longest waiting, folded
 * into one number (the expression of the index conversations_priority). */
#define PRIO_KEY                                                               \
    "((4 - c.priority) * 4398046511104 + "                                     \
    "COALESCE(c.waiting_since, 4398046511103))"

#define LIST_COLUMNS                                                           \
    CONVERSATION_COLUMNS ", " WAIT_KEY ", " PRIO_KEY ", "                      \
                         "p.name, p.profile_name, p.phone, p.wa_id, m.id, "    \
                         "m.direction, m.type, "                               \
                         "m.text, m.status, m.created_at, m.private"
#define COL_WAIT  CONVERSATION_NCOLS
#define COL_PRIO  (COL_WAIT + 1)
#define COL_EXTRA (COL_WAIT + 2)

/* The decoded cursor: the sort key and the id of the last row. */
struct cursor {
    int64_t k[2];
    int n;
};

int conv_list_sort_parse(const char *s)
{
    if (!s || !strcmp(s, "last_activity"))
        return CONV_SORT_ACTIVITY;
    if (!strcmp(s, "waiting"))
        return CONV_SORT_WAITING;
    if (!strcmp(s, "priority"))
        return CONV_SORT_PRIORITY;
    return -1;
}

/* The letter that starts a cursor of each sort, so that a cursor from one
 * sort is refused by another. */
static char sort_tag(enum conv_sort s)
{
    return s == CONV_SORT_WAITING ? 'w' : s == CONV_SORT_PRIORITY ? 'p' : 'a';
}

/* Parse "<tag>.<key>.<id>"; 0 on success. */
static int cursor_parse(enum conv_sort sort, const char *s, struct cursor *c)
{
    int want = 2;
    char *end;

    memset(c, 0, sizeof *c);
    if (!s || !*s)
        return 0;
    if (s[0] != sort_tag(sort) || s[1] != '.')
        return -1;
    s += 2;
    for (c->n = 0; c->n < want; c->n++) {
        if (c->n > 0 && *s++ != '.')
            return -1;
        if (*s < '0' || *s > '9')
            return -1;
        c->k[c->n] = strtoll(s, &end, 10);
        s = end;
    }
    return *s == '\0' && c->k[want - 1] > 0 ? 0 : -1;
}

int conv_list_cursor_check(enum conv_sort sort, const char *cursor)
{
    struct cursor c;

    return cursor_parse(sort, cursor, &c);
}

/* Append the filters of q (everything but the cursor) to b. */
static void add_filters(struct qb *b, enum store_dialect d,
                        const struct conv_list_query *q)
{
    if (strcmp(q->status, "all") != 0) {
        qb_sql(b, " AND c.status = ");
        qb_text(b, q->status);
    }
    if (q->assignee == CONV_ASSIGNEE_UNASSIGNED) {
        qb_sql(b, " AND c.assignee_id IS NULL");
    } else if (q->assignee == CONV_ASSIGNEE_USER) {
        qb_sql(b, " AND c.assignee_id = ");
        qb_int(b, q->assignee_id);
    }
    if (q->inbox_id > 0) {
        qb_sql(b, " AND c.inbox_id = ");
        qb_int(b, q->inbox_id);
    }
    if (q->team_id > 0) {
        qb_sql(b, " AND c.team_id = ");
        qb_int(b, q->team_id);
    }
    if (q->label_id > 0) {
        qb_sql(b, " AND c.id IN (SELECT conversation_id FROM "
                  "conversation_labels WHERE label_id = ");
        qb_int(b, q->label_id);
        qb_sql(b, ")");
    }
    if (q->priority >= 0) {
        qb_sql(b, " AND c.priority = ");
        qb_int(b, q->priority);
    }
    if (q->priority_min > 0) {
        qb_sql(b, " AND c.priority >= ");
        qb_int(b, q->priority_min);
    }
    if (q->q && q->q[0]) {
        qb_sql(b, " AND (c.contact_id IN ");
        search_contacts_sql(b, d, 1, q->q);
        qb_sql(b, " OR c.id IN ");
        search_messages_sql(b, d, 1, q->q, "conversation_id");
        qb_sql(b, ")");
    }
}

/* Append "key >= k AND (key > k OR c.id > id)": the keyset condition of
 * an ascending sort, in the form the engines seek an expression index
 * with (a row-value comparison on an expression is not used as a range). */
static void after_key(struct qb *b, const char *key, const struct cursor *c)
{
    qb_sql(b, " AND ");
    qb_sql(b, key);
    qb_sql(b, " >= ");
    qb_int(b, c->k[0]);
    qb_sql(b, " AND (");
    qb_sql(b, key);
    qb_sql(b, " > ");
    qb_ref(b, b->count);
    qb_sql(b, " OR c.id > ");
    qb_int(b, c->k[1]);
    qb_sql(b, ")");
}

/* Append the cursor condition and the ORDER BY of the sort. */
static void add_order(struct qb *b, const struct conv_list_query *q,
                      const struct cursor *c)
{
    switch (q->sort) {
    case CONV_SORT_ACTIVITY:
        if (c->n) {
            qb_sql(b, " AND (c.last_message_at, c.id) < (");
            qb_int(b, c->k[0]);
            qb_sql(b, ", ");
            qb_int(b, c->k[1]);
            qb_sql(b, ")");
        }
        qb_sql(b, " ORDER BY c.last_message_at DESC, c.id DESC");
        break;
    case CONV_SORT_WAITING:
        if (c->n)
            after_key(b, WAIT_KEY, c);
        qb_sql(b, " ORDER BY " WAIT_KEY ", c.id");
        break;
    case CONV_SORT_PRIORITY:
        if (c->n)
            after_key(b, PRIO_KEY, c);
        qb_sql(b, " ORDER BY " PRIO_KEY ", c.id");
        break;
    }
}

static const char *first_set(const char *a, const char *b, const char *c)
{
    if (a && a[0])
        return a;
    if (b && b[0])
        return b;
    return c ? c : "";
}

/* The row as the list shows it: the conversation, its contact and its
 * last message (labels are added by the caller). */
static json_t *row_json(struct db_stmt *st, const struct conversation *c)
{
    int k = COL_EXTRA;
    const char *phone = db_col_text(st, k + 2);
    json_t *o = conversation_json(c);

    json_object_set_new(
        o, "contact",
        json_pack("{sI ss s:s? ss}", "id", (json_int_t)c->contact_id, "name",
                  first_set(db_col_text(st, k), db_col_text(st, k + 1), phone),
                  "wa_id", db_col_text(st, k + 3), "phone",
                  phone ? phone : ""));
    if (db_col_is_null(st, k + 4)) {
        json_object_set_new(o, "last_message", json_null());
        return o;
    }
    json_object_set_new(
        o, "last_message",
        json_pack(
            "{sI ss ss ss ss sI sb}", "id", (json_int_t)db_col_int64(st, k + 4),
            "direction", db_col_text(st, k + 5), "type", db_col_text(st, k + 6),
            "text", db_col_text(st, k + 7), "status", db_col_text(st, k + 8),
            "created_at", (json_int_t)db_col_int64(st, k + 9), "private",
            db_col_int64(st, k + 10) != 0));
    return o;
}

/* The cursor that continues after the row just read. */
static char *make_cursor(enum conv_sort sort, struct db_stmt *st,
                         const struct conversation *c)
{
    switch (sort) {
    case CONV_SORT_WAITING:
        return xasprintf("w.%" PRId64 ".%" PRId64, db_col_int64(st, COL_WAIT),
                         c->id);
    case CONV_SORT_PRIORITY:
        return xasprintf("p.%" PRId64 ".%" PRId64, db_col_int64(st, COL_PRIO),
                         c->id);
    default:
        return xasprintf("a.%" PRId64 ".%" PRId64, c->last_message_at, c->id);
    }
}

enum store_rc conv_list_labels(struct db *db, int64_t account_id,
                               int64_t conversation_id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT l.id, l.name, l.color FROM conversation_labels cl "
        "JOIN labels l ON l.id = cl.label_id WHERE cl.account_id = $1 "
        "AND cl.conversation_id = $2 ORDER BY l.name",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, conversation_id);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(*out, json_pack("{sI ss ss}", "id",
                                              (json_int_t)db_col_int64(st, 0),
                                              "name", db_col_text(st, 1),
                                              "color", db_col_text(st, 2)));
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

/* Give each row of list its labels. */
static enum store_rc add_labels(struct db *db, int64_t account_id, json_t *list)
{
    size_t i;
    json_t *row, *labels;

    json_array_foreach(list, i, row)
    {
        int64_t id = json_integer_value(json_object_get(row, "id"));
        enum store_rc rc = conv_list_labels(db, account_id, id, &labels);
        if (rc)
            return rc;
        json_object_set_new(row, "labels", labels);
    }
    return STORE_OK;
}

/*
 * Build the query in three parts (filters, keyset condition and order,
 * limit), read one page, then add each row's labels. A cursor of the
 * wrong shape was refused by the handler; here it reads as not found.
 */
enum store_rc conv_list_page(struct db *db, const struct conv_list_query *q,
                             json_t **out, char **next)
{
    struct qb b = QB_INIT;
    struct cursor cur;
    struct db_stmt *st;
    struct conversation c;
    json_t *list;
    enum store_rc rc;
    int n = 0;

    *next = NULL;
    if (cursor_parse(q->sort, q->cursor, &cur) != 0)
        return STORE_NOT_FOUND;
    qb_sql(&b, "SELECT " LIST_COLUMNS " FROM conversations c "
               "JOIN contacts p ON p.id = c.contact_id "
               "LEFT JOIN messages m ON m.id = c.last_message_id "
               "WHERE c.account_id = ");
    qb_int(&b, q->account_id);
    add_filters(&b, store_dialect(db_store(db)), q);
    add_order(&b, q, &cur);
    qb_sql(&b, " LIMIT ");
    qb_int(&b, q->limit);
    rc = qb_prepare(&b, db, &st);
    qb_free(&b);
    if (rc)
        return rc;

    list = json_array();
    while ((rc = db_step(st)) == STORE_ROW) {
        conversation_read(st, &c);
        json_array_append_new(list, row_json(st, &c));
        if (++n == q->limit)
            *next = make_cursor(q->sort, st, &c);
    }
    db_done(st);
    if (rc == STORE_DONE)
        rc = add_labels(db, q->account_id, list);
    if (rc != STORE_OK) {
        json_decref(list);
        free(*next);
        *next = NULL;
        return rc;
    }
    *out = list;
    return STORE_OK;
}

/*
 * The tab counts in one pass over the open conversations of the account,
 * read from the covering index conversations_counts: O(open
 * conversations), a few milliseconds at tens of thousands.
 */
enum store_rc conv_list_counts(struct db *db, int64_t account_id,
                               int64_t user_id, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT COUNT(*), COALESCE(SUM(unread_count), 0), "
        "COALESCE(SUM(CASE WHEN assignee_id = $2 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN assignee_id = $2 THEN unread_count "
        "ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN assignee_id IS NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN assignee_id IS NULL THEN unread_count "
        "ELSE 0 END), 0) "
        "FROM conversations WHERE account_id = $1 AND status = 'open'",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, user_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *out = json_pack("{sI sI sI s{sI sI sI}}", "mine",
                         (json_int_t)db_col_int64(st, 2), "unassigned",
                         (json_int_t)db_col_int64(st, 4), "all",
                         (json_int_t)db_col_int64(st, 0), "unread", "mine",
                         (json_int_t)db_col_int64(st, 3), "unassigned",
                         (json_int_t)db_col_int64(st, 5), "all",
                         (json_int_t)db_col_int64(st, 1));
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_ERROR; /* an aggregate always yields a row */
    }
    db_done(st);
    return rc;
}

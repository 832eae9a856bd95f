/*
 * Search over contacts and messages; see search.h.
 */
#include "core/search.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "core/contact.h"

/* SEARCH_MESSAGES_CAP as SQL text. */
#define STR_(x)        #x
#define STR(x)         STR_(x)
#define SEARCH_CAP_SQL STR(SEARCH_MESSAGES_CAP)

/* Code points in UTF-8 text. */
static size_t utf8_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

char *search_fts_phrase(const char *text)
{
    struct buf b = BUF_INIT;

    buf_putc(&b, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            buf_putc(&b, '"');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '"');
    return buf_steal(&b);
}

char *search_like_pattern(const char *text)
{
    struct buf b = BUF_INIT;

    buf_putc(&b, '%');
    for (const char *p = text; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    return buf_steal(&b);
}

static bool has_letter(const char *s)
{
    for (; *s; s++)
        if (isalpha((unsigned char)*s))
            return true;
    return false;
}

/* Which way a query runs: the index, or a LIKE scan. PostgreSQL's word
 * index cannot find part of a number or of an unsegmented word, so
 * numbers (phones) and non-ASCII text take the scan there. */
static bool use_index(enum store_dialect d, const char *text)
{
    if (utf8_len(text) < 3)
        return false;
    return d == STORE_SQLITE || (is_ascii(text) && has_letter(text));
}

#define PG_CONTACT_DOC                                                         \
    "to_tsvector('simple', name || ' ' || profile_name || ' ' || phone || "    \
    "' ' || email || ' ' || COALESCE(wa_id, ''))"

void search_contacts_sql(struct qb *q, enum store_dialect d, int account_param,
                         const char *text)
{
    static const char *const cols[] = {"name", "profile_name", "phone", "email",
                                       "wa_id"};

    qb_sql(q, "(SELECT id FROM contacts WHERE account_id = ");
    qb_ref(q, account_param);
    qb_sql(q, " AND merged_into IS NULL AND ");
    if (use_index(d, text) && d == STORE_SQLITE) {
        char *phrase = search_fts_phrase(text);
        qb_sql(q, "id IN (SELECT rowid FROM contacts_fts WHERE "
                  "contacts_fts MATCH ");
        qb_text(q, phrase);
        qb_sql(q, "))");
        free(phrase);
        return;
    }
    if (use_index(d, text)) {
        qb_sql(q, PG_CONTACT_DOC " @@ plainto_tsquery('simple', ");
        qb_text(q, text);
        qb_sql(q, "))");
        return;
    }
    char *pattern = search_like_pattern(text);
    qb_sql(q, "(");
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            qb_sql(q, " OR ");
        qb_sql(q, cols[i]);
        qb_sql(q, d == STORE_POSTGRES ? " ILIKE " : " LIKE ");
        qb_text(q, pattern);
        qb_sql(q, " ESCAPE '\\'");
    }
    qb_sql(q, "))");
    free(pattern);
}

void search_messages_sql(struct qb *q, enum store_dialect d, int account_param,
                         const char *text, const char *column)
{
    qb_sql(q, "(SELECT ");
    qb_sql(q, column);
    qb_sql(q, " FROM messages WHERE account_id = ");
    qb_ref(q, account_param);
    qb_sql(q, " AND ");
    if (use_index(d, text) && d == STORE_SQLITE) {
        char *phrase = search_fts_phrase(text);
        qb_sql(q, "id IN (SELECT rowid FROM messages_fts WHERE "
                  "messages_fts MATCH ");
        qb_text(q, phrase);
        qb_sql(q, " ORDER BY rowid DESC LIMIT " SEARCH_CAP_SQL "))");
        free(phrase);
        return;
    }
    if (use_index(d, text)) {
        qb_sql(q, "to_tsvector('simple', text) @@ "
                  "plainto_tsquery('simple', ");
        qb_text(q, text);
        qb_sql(q, ")");
    } else {
        char *pattern = search_like_pattern(text);
        qb_sql(q, "text ");
        qb_sql(q, d == STORE_POSTGRES ? "ILIKE " : "LIKE ");
        qb_text(q, pattern);
        qb_sql(q, " ESCAPE '\\'");
        free(pattern);
    }
    qb_sql(q, " ORDER BY id DESC LIMIT " SEARCH_CAP_SQL ")");
}

/* Up to limit matching contacts, newest first, into arr. */
static enum store_rc find_contacts(struct db *db, int64_t account_id,
                                   const char *text, int limit, json_t *arr)
{
    struct qb q = QB_INIT;
    struct db_stmt *st;
    enum store_rc rc;

    qb_sql(&q, "SELECT id FROM contacts WHERE account_id = ");
    qb_int(&q, account_id);
    qb_sql(&q, " AND id IN ");
    search_contacts_sql(&q, store_dialect(db_store(db)), 1, text);
    qb_sql(&q, " ORDER BY id DESC LIMIT ");
    qb_int(&q, limit);
    rc = qb_prepare(&q, db, &st);
    qb_free(&q);
    if (rc)
        return rc;

    int64_t ids[200];
    int n = 0;
    while ((rc = db_step(st)) == STORE_ROW && n < 200)
        ids[n++] = db_col_int64(st, 0);
    db_done(st);
    if (rc != STORE_DONE && rc != STORE_ROW)
        return rc;
    for (int i = 0; i < n; i++) {
        struct contact c;
        if ((rc = contact_get(db, account_id, ids[i], &c)) != STORE_OK)
            return rc;
        json_array_append_new(arr, contact_json(&c));
        contact_clear(&c);
    }
    return STORE_OK;
}

/* Up to limit matching messages, newest first, into arr. */
static enum store_rc find_messages(struct db *db, int64_t account_id,
                                   const char *text, int limit, json_t *arr)
{
    struct qb q = QB_INIT;
    struct db_stmt *st;
    enum store_rc rc;

    qb_sql(&q, "SELECT m.id, m.conversation_id, m.contact_id, m.direction, "
               "m.type, m.text, m.private, m.created_at FROM messages m "
               "WHERE m.account_id = ");
    qb_int(&q, account_id);
    qb_sql(&q, " AND m.id IN ");
    search_messages_sql(&q, store_dialect(db_store(db)), 1, text, "id");
    qb_sql(&q, " ORDER BY m.id DESC LIMIT ");
    qb_int(&q, limit);
    rc = qb_prepare(&q, db, &st);
    qb_free(&q);
    if (rc)
        return rc;
    while ((rc = db_step(st)) == STORE_ROW)
        json_array_append_new(
            arr,
            json_pack("{sI sI sI ss ss ss sb sI}", "id",
                      (json_int_t)db_col_int64(st, 0), "conversation_id",
                      (json_int_t)db_col_int64(st, 1), "contact_id",
                      (json_int_t)db_col_int64(st, 2), "direction",
                      db_col_text(st, 3), "type", db_col_text(st, 4), "text",
                      db_col_text(st, 5), "private", db_col_int64(st, 6) != 0,
                      "created_at", (json_int_t)db_col_int64(st, 7)));
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

enum store_rc search_all(struct db *db, int64_t account_id, const char *text,
                         int limit, json_t **out)
{
    json_t *contacts = json_array(), *messages = json_array();
    enum store_rc rc;

    if (limit > 200)
        limit = 200;
    rc = find_contacts(db, account_id, text, limit, contacts);
    if (rc == STORE_OK)
        rc = find_messages(db, account_id, text, limit, messages);
    if (rc != STORE_OK) {
        json_decref(contacts);
        json_decref(messages);
        return rc;
    }
    *out = json_pack("{so so}", "contacts", contacts, "messages", messages);
    return STORE_OK;
}

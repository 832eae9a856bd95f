/*
 * Custom attribute definitions and value checks; see attribute.h.
 */
#include "core/attribute.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "core/sql.h"

#define ATTR_COLUMNS "id, applies_to, key, label, type, options, created_at"

bool attribute_type_valid(const char *t)
{
    static const char *const types[] = {"text", "number",  "date",
                                        "list", "boolean", "link"};

    for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
        if (!strcmp(t, types[i]))
            return true;
    return false;
}

bool attribute_key_valid(const char *k)
{
    size_t n = k ? strlen(k) : 0;

    if (n == 0 || n > 40)
        return false;
    for (; *k; k++)
        if (!islower((unsigned char)*k) && !isdigit((unsigned char)*k) &&
            *k != '_')
            return false;
    return true;
}

/* "YYYY-MM-DD" with a month and day that exist. */
static bool date_valid(const char *s)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char tail;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* Is s one of the strings of the options array? */
static bool in_options(json_t *options, const char *s)
{
    size_t i;
    json_t *o;

    json_array_foreach(options, i, o)
    {
        if (json_is_string(o) && !strcmp(json_string_value(o), s))
            return true;
    }
    return false;
}

bool attribute_check_value(const char *type, json_t *options, json_t *value,
                           char *why, size_t why_len)
{
    const char *s = json_is_string(value) ? json_string_value(value) : NULL;
    const char *need = NULL;

    if (!strcmp(type, "number"))
        need = json_is_number(value) ? NULL : "a number";
    else if (!strcmp(type, "boolean"))
        need = json_is_boolean(value) ? NULL : "true or false";
    else if (!s)
        need = "a string";
    else if (!strcmp(type, "text"))
        need = json_string_length(value) > ATTRIBUTE_TEXT_MAX
                   ? "at most 1000 characters"
                   : NULL;
    else if (!strcmp(type, "date"))
        need = date_valid(s) ? NULL : "a date YYYY-MM-DD";
    else if (!strcmp(type, "list"))
        need = in_options(options, s) ? NULL : "one of the options";
    else if (!strcmp(type, "link"))
        need = (!strncmp(s, "https://", 8) || !strncmp(s, "http://", 7)) &&
                       !strpbrk(s, " \t\r\n")
                   ? NULL
                   : "an http or https URL";
    if (need)
        snprintf(why, why_len, "must be %s", need);
    return need == NULL;
}

/* A definition row (ATTR_COLUMNS) as the API shows it; options parsed
 * back into an array. */
static json_t *row_json(struct db_stmt *st)
{
    json_t *options = json_loads(db_col_text(st, 5), 0, NULL);

    return json_pack("{sI ss ss ss ss so sI}", "id",
                     (json_int_t)db_col_int64(st, 0), "applies_to",
                     db_col_text(st, 1), "key", db_col_text(st, 2), "label",
                     db_col_text(st, 3), "type", db_col_text(st, 4), "options",
                     options ? options : json_array(), "created_at",
                     (json_int_t)db_col_int64(st, 6));
}

enum store_rc attribute_list(struct db *db, int64_t account_id,
                             const char *applies_to, json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT " ATTR_COLUMNS " FROM attribute_definitions WHERE "
        "account_id = $1 AND (CAST($2 AS TEXT) IS NULL OR applies_to = $2) "
        "ORDER BY applies_to, key",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, applies_to, -1);
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

enum store_rc attribute_get_json(struct db *db, int64_t account_id, int64_t id,
                                 json_t **out)
{
    return sql_get_json(
        db,
        "SELECT " ATTR_COLUMNS
        " FROM attribute_definitions WHERE account_id = $1 AND id = $2",
        account_id, id, row_json, out);
}

enum store_rc attribute_create(struct db *db, int64_t account_id,
                               const char *applies_to, const char *key,
                               const char *label, const char *type,
                               const char *options, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "INSERT INTO attribute_definitions (account_id, applies_to, key, "
        "label, type, options, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7) RETURNING id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, applies_to, -1);
    db_bind_text(st, 3, key, -1);
    db_bind_text(st, 4, label, -1);
    db_bind_text(st, 5, type, -1);
    db_bind_text(st, 6, options ? options : "[]", -1);
    db_bind_int64(st, 7, clock_now_ms());
    return sql_int64(st, id);
}

enum store_rc attribute_update(struct db *db, int64_t account_id, int64_t id,
                               const char *label, const char *options)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db,
                   "UPDATE attribute_definitions SET "
                   "label = COALESCE(CAST($3 AS TEXT), label), "
                   "options = COALESCE(CAST($4 AS TEXT), options) "
                   "WHERE account_id = $1 AND id = $2",
                   &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, label, -1);
    db_bind_text(st, 4, options, -1);
    return sql_run_changed(st);
}

enum store_rc attribute_delete(struct db *db, int64_t account_id, int64_t id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "DELETE FROM attribute_definitions WHERE "
                                  "account_id = $1 AND id = $2",
                                  &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_run_changed(st);
}

/* The stored attributes object of the target; caller frees *out. */
static enum store_rc load_current(struct db *db, int64_t account_id,
                                  const char *applies_to, int64_t id,
                                  json_t **out)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        !strcmp(applies_to, "contact")
            ? "SELECT attributes FROM contacts WHERE account_id = $1 "
              "AND id = $2"
            : "SELECT attributes FROM conversations WHERE account_id = $1 "
              "AND id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *out = json_loads(db_col_text(st, 0), 0, NULL);
        if (!json_is_object(*out)) { /* never written badly; be safe */
            json_decref(*out);
            *out = json_object();
        }
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

/* Find the definition of key in defs (an array from attribute_list). */
static json_t *find_def(json_t *defs, const char *key)
{
    size_t i;
    json_t *d;

    json_array_foreach(defs, i, d)
    {
        if (!strcmp(json_string_value(json_object_get(d, "key")), key))
            return d;
    }
    return NULL;
}

/* Check every member of patch and apply it to cur. */
static bool check_and_apply(json_t *defs, json_t *patch, json_t *cur, char *why,
                            size_t why_len)
{
    const char *key;
    json_t *v;
    char reason[96];

    json_object_foreach(patch, key, v)
    {
        json_t *d = find_def(defs, key);
        if (!d) {
            snprintf(why, why_len, "attribute '%.40s' is not defined", key);
            return false;
        }
        if (json_is_null(v)) {
            json_object_del(cur, key);
            continue;
        }
        if (!attribute_check_value(
                json_string_value(json_object_get(d, "type")),
                json_object_get(d, "options"), v, reason, sizeof reason)) {
            snprintf(why, why_len, "attribute '%.40s' %s", key, reason);
            return false;
        }
        json_object_set(cur, key, v);
    }
    return true;
}

enum store_rc attribute_merge_stored(struct db *db, int64_t account_id,
                                     const char *applies_to, int64_t target_id,
                                     json_t *patch, char **merged, char *why,
                                     size_t why_len)
{
    json_t *defs = NULL, *cur = NULL;
    enum store_rc rc =
        load_current(db, account_id, applies_to, target_id, &cur);

    *merged = NULL;
    if (rc == STORE_OK)
        rc = attribute_list(db, account_id, applies_to, &defs);
    if (rc == STORE_OK && !check_and_apply(defs, patch, cur, why, why_len))
        rc = STORE_CONSTRAINT;
    if (rc == STORE_OK)
        *merged = json_dumps(cur, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(defs);
    json_decref(cur);
    return rc;
}

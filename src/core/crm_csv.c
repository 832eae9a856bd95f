/*
 * Contacts as CSV: export every contact of an account, and import a file
 * that creates or updates contacts all-or-nothing; see crm.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/mem.h"
#include "core/attribute.h"
#include "core/crm.h"
#include "core/csv.h"
#include "core/sql.h"

#define EXPORT_PAGE    1000
#define IMPORT_MAX_COL 64

static const char *const base_columns[] = {
    "id",    "name",     "profile_name", "phone",     "wa_id",
    "email", "language", "blocked",      "created_at"};
#define BASE_COLUMNS (sizeof base_columns / sizeof *base_columns)

/* The text form of an attribute value for a cell ("" when unset). */
static char *attr_cell(json_t *attrs, const char *key)
{
    json_t *v = json_object_get(attrs, key);

    if (!v)
        return xstrdup("");
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    return s ? s : xstrdup("");
}

/* The header record: the base columns, then attr.<key> per definition. */
static void put_header(struct buf *out, json_t *defs)
{
    size_t i;
    json_t *d;

    for (size_t k = 0; k < BASE_COLUMNS; k++)
        csv_put_cell(out, base_columns[k], k == 0);
    json_array_foreach(defs, i, d)
    {
        char *h =
            xasprintf("attr.%s", json_string_value(json_object_get(d, "key")));
        csv_put_cell(out, h, false);
        free(h);
    }
    csv_end_row(out);
}

/* One contact row (the SELECT below) as a CSV record. */
static void put_row(struct buf *out, struct db_stmt *st, json_t *defs)
{
    char num[24];
    size_t i;
    json_t *d, *attrs = json_loads(db_col_text(st, 9), 0, NULL);

    snprintf(num, sizeof num, "%lld", (long long)db_col_int64(st, 0));
    csv_put_cell(out, num, true);
    for (int c = 1; c <= 6; c++)
        csv_put_cell(out, db_col_text(st, c) ? db_col_text(st, c) : "", false);
    csv_put_cell(out, db_col_int64(st, 7) ? "true" : "false", false);
    snprintf(num, sizeof num, "%lld", (long long)db_col_int64(st, 8));
    csv_put_cell(out, num, false);
    json_array_foreach(defs, i, d)
    {
        char *cell =
            attr_cell(attrs, json_string_value(json_object_get(d, "key")));
        csv_put_cell(out, cell, false);
        free(cell);
    }
    csv_end_row(out);
    json_decref(attrs);
}

/* Append one page of contacts after *after_id; *count is how many. */
static enum store_rc export_page(struct db *db, int64_t account_id,
                                 json_t *defs, struct buf *out,
                                 int64_t *after_id, int *count)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "SELECT id, name, profile_name, phone, wa_id, email, language, "
        "blocked, created_at, attributes FROM contacts WHERE account_id = $1 "
        "AND merged_into IS NULL AND id > $2 ORDER BY id LIMIT $3",
        &st);

    *count = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, *after_id);
    db_bind_int64(st, 3, EXPORT_PAGE);
    while ((rc = db_step(st)) == STORE_ROW) {
        put_row(out, st, defs);
        *after_id = db_col_int64(st, 0);
        (*count)++;
    }
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

enum store_rc crm_export_csv(struct db *db, int64_t account_id, struct buf *out)
{
    json_t *defs;
    int64_t after = 0;
    int count = EXPORT_PAGE;
    enum store_rc rc = attribute_list(db, account_id, "contact", &defs);

    if (rc)
        return rc;
    put_header(out, defs);
    while (rc == STORE_OK && count == EXPORT_PAGE)
        rc = export_page(db, account_id, defs, out, &after, &count);
    json_decref(defs);
    return rc;
}

/* --- import --------------------------------------------------------------- */

enum col_kind {
    COL_NAME,
    COL_PHONE,
    COL_WA_ID,
    COL_EMAIL,
    COL_LANGUAGE,
    COL_ATTR,
    COL_IGNORED
};

/* The header, understood. */
struct import_plan {
    int ncols;
    enum col_kind kind[IMPORT_MAX_COL];
    json_t *def[IMPORT_MAX_COL]; /* attribute definition, borrowed */
    json_t *defs;
};

/* Map a header cell to its column kind; false for an unknown one. */
static bool plan_column(struct import_plan *p, int i, const char *h, char *why,
                        size_t why_len)
{
    static const char *const names[] = {"name", "phone", "wa_id", "email",
                                        "language"};
    /* Columns an export writes that an import does not take. */
    static const char *const ignored[] = {"id", "profile_name", "blocked",
                                          "created_at"};
    size_t k;
    json_t *d;

    for (k = 0; k < sizeof names / sizeof *names; k++)
        if (!strcasecmp(h, names[k])) {
            p->kind[i] = (enum col_kind)k;
            return true;
        }
    for (k = 0; k < sizeof ignored / sizeof *ignored; k++)
        if (!strcasecmp(h, ignored[k])) {
            p->kind[i] = COL_IGNORED;
            return true;
        }
    if (!strncmp(h, "attr.", 5)) {
        json_array_foreach(p->defs, k, d)
        {
            if (!strcmp(json_string_value(json_object_get(d, "key")), h + 5)) {
                p->kind[i] = COL_ATTR;
                p->def[i] = d;
                return true;
            }
        }
    }
    snprintf(why, why_len, "unknown column '%.60s'", h);
    return false;
}

/* Understand the header row: every column known, none twice, phone or
 * wa_id present; false with why otherwise. */
static bool plan_header(struct import_plan *p, char **cells, int n, char *why,
                        size_t why_len)
{
    bool has_key = false;

    p->ncols = n;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++)
            if (!strcasecmp(cells[i], cells[j])) {
                snprintf(why, why_len, "column '%.60s' appears twice",
                         cells[i]);
                return false;
            }
        if (!plan_column(p, i, cells[i], why, why_len))
            return false;
        has_key |= p->kind[i] == COL_PHONE || p->kind[i] == COL_WA_ID;
    }
    if (!has_key)
        snprintf(why, why_len, "the header needs a phone or wa_id column");
    return has_key;
}

/* 5 to 20 digits, optionally after a "+" (phone only). */
static bool number_valid(const char *s, bool plus_ok)
{
    size_t n;

    if (plus_ok && *s == '+')
        s++;
    n = strlen(s);
    if (n < 5 || n > 20)
        return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

/* A cell's text as the JSON value an attribute of def's type takes. */
static json_t *attr_value(json_t *def, const char *cell)
{
    const char *type = json_string_value(json_object_get(def, "type"));
    char *end;

    if (!strcmp(type, "number")) {
        double v = strtod(cell, &end);
        return *end || end == cell ? json_string(cell) : json_real(v);
    }
    if (!strcmp(type, "boolean")) {
        if (!strcasecmp(cell, "true") || !strcmp(cell, "1") ||
            !strcasecmp(cell, "yes"))
            return json_true();
        if (!strcasecmp(cell, "false") || !strcmp(cell, "0") ||
            !strcasecmp(cell, "no"))
            return json_false();
    }
    return json_string(cell);
}

/* Check one cell; false with why. */
static bool check_cell(const struct import_plan *p, int i, const char *v,
                       char *why, size_t why_len)
{
    char reason[96];

    switch (p->kind[i]) {
    case COL_PHONE:
        if (*v && !number_valid(v, true))
            snprintf(why, why_len, "phone must be 5 to 20 digits");
        return !*v || number_valid(v, true);
    case COL_WA_ID:
        if (*v && !number_valid(v, false))
            snprintf(why, why_len, "wa_id must be 5 to 20 digits");
        return !*v || number_valid(v, false);
    case COL_EMAIL:
        if (*v && (!strchr(v, '@') || strpbrk(v, " \t") || strlen(v) > 254))
            snprintf(why, why_len, "email is not an address");
        return !*v ||
               (strchr(v, '@') && !strpbrk(v, " \t") && strlen(v) <= 254);
    case COL_NAME:
    case COL_LANGUAGE:
        if (strlen(v) > 200)
            snprintf(why, why_len, "a value is longer than 200 bytes");
        return strlen(v) <= 200;
    case COL_ATTR: {
        if (!*v)
            return true;
        json_t *val = attr_value(p->def[i], v);
        bool ok = attribute_check_value(
            json_string_value(json_object_get(p->def[i], "type")),
            json_object_get(p->def[i], "options"), val, reason, sizeof reason);
        json_decref(val);
        if (!ok)
            snprintf(why, why_len, "attr.%s %s",
                     json_string_value(json_object_get(p->def[i], "key")),
                     reason);
        return ok;
    }
    default:
        return true;
    }
}

/* Check a whole record; false with why. */
static bool check_row(const struct import_plan *p, char **cells, int n,
                      char *why, size_t why_len)
{
    bool has_key = false;

    if (n != p->ncols) {
        snprintf(why, why_len, "the row has %d fields, the header %d", n,
                 p->ncols);
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (!check_cell(p, i, cells[i], why, why_len))
            return false;
        has_key |=
            (p->kind[i] == COL_PHONE || p->kind[i] == COL_WA_ID) && cells[i][0];
    }
    if (!has_key)
        snprintf(why, why_len, "the row has neither phone nor wa_id");
    return has_key;
}

/* The cell of the first column of kind k, or NULL if none or empty. */
static const char *cell_of(const struct import_plan *p, char **cells,
                           enum col_kind k)
{
    for (int i = 0; i < p->ncols; i++)
        if (p->kind[i] == k)
            return cells[i][0] ? cells[i] : NULL;
    return NULL;
}

/* The existing contact a row names: by wa_id, else by phone. */
static enum store_rc find_contact(struct db *db, int64_t account_id,
                                  const char *wa_id, const char *phone,
                                  int64_t *id, char **attrs)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        wa_id ? "SELECT id, attributes FROM contacts WHERE account_id = $1 "
                "AND merged_into IS NULL AND wa_id = $2 ORDER BY id LIMIT 1"
              : "SELECT id, attributes FROM contacts WHERE account_id = $1 "
                "AND merged_into IS NULL AND phone = $2 ORDER BY id LIMIT 1",
        &st);

    *id = 0;
    *attrs = NULL;
    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, wa_id ? wa_id : phone, -1);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *id = db_col_int64(st, 0);
        *attrs = xstrdup(db_col_text(st, 1));
    }
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* The row's attributes merged over the stored ones; caller frees. */
static char *merged_attrs(const struct import_plan *p, char **cells,
                          const char *stored)
{
    json_t *o = stored ? json_loads(stored, 0, NULL) : NULL;
    char *text;

    if (!json_is_object(o)) {
        json_decref(o);
        o = json_object();
    }
    for (int i = 0; i < p->ncols; i++)
        if (p->kind[i] == COL_ATTR && cells[i][0])
            json_object_set_new(
                o, json_string_value(json_object_get(p->def[i], "key")),
                attr_value(p->def[i], cells[i]));
    text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(o);
    return text;
}

static void bind_opt(struct db_stmt *st, int idx, const char *v)
{
    if (v)
        db_bind_text(st, idx, v, -1);
    else
        db_bind_null(st, idx);
}

#define UPDATE_SQL                                                             \
    "UPDATE contacts SET name = COALESCE(CAST($3 AS TEXT), name), "            \
    "phone = COALESCE(CAST($4 AS TEXT), phone), "                              \
    "wa_id = COALESCE(wa_id, CAST($5 AS TEXT)), "                              \
    "email = COALESCE(CAST($6 AS TEXT), email), "                              \
    "language = COALESCE(CAST($7 AS TEXT), language), "                        \
    "attributes = $8, updated_at = $9 WHERE account_id = $1 AND id = $2"

/* New contacts take the phone, else the wa_id, as their phone. */
#define INSERT_SQL                                                             \
    "INSERT INTO contacts (account_id, name, phone, wa_id, email, language, "  \
    "attributes, created_at, updated_at) VALUES ($1, "                         \
    "COALESCE(CAST($2 AS TEXT), ''), COALESCE(CAST($3 AS TEXT), "              \
    "CAST($4 AS TEXT), ''), $4, COALESCE(CAST($5 AS TEXT), ''), "              \
    "COALESCE(CAST($6 AS TEXT), ''), $7, $8, $8)"

/* Create or update the contact of one checked row. */
static enum store_rc apply_row(struct db *db, int64_t account_id,
                               const struct import_plan *p, char **cells,
                               bool *created)
{
    const char *wa_id = cell_of(p, cells, COL_WA_ID);
    const char *phone = cell_of(p, cells, COL_PHONE);
    struct db_stmt *st;
    int64_t id;
    char *stored, *attrs;
    enum store_rc rc = find_contact(db, account_id, wa_id, phone, &id, &stored);

    if (rc)
        return rc;
    attrs = merged_attrs(p, cells, stored);
    *created = id == 0;
    rc = db_prepare(db, id ? UPDATE_SQL : INSERT_SQL, &st);
    if (rc == STORE_OK) {
        /* The update has the id as $2; the insert numbers from $2 on. */
        int k = id ? 3 : 2;
        db_bind_int64(st, 1, account_id);
        if (id)
            db_bind_int64(st, 2, id);
        bind_opt(st, k, cell_of(p, cells, COL_NAME));
        bind_opt(st, k + 1, phone);
        bind_opt(st, k + 2, wa_id);
        bind_opt(st, k + 3, cell_of(p, cells, COL_EMAIL));
        bind_opt(st, k + 4, cell_of(p, cells, COL_LANGUAGE));
        db_bind_text(st, k + 5, attrs, -1);
        db_bind_int64(st, k + 6, clock_now_ms());
        rc = sql_run(st);
    }
    free(stored);
    free(attrs);
    return rc;
}

/* Read and check every record; the good ones go to rows (n_rows). */
static void check_all(struct csv_reader *r, const struct import_plan *p,
                      char ***rows, int *lines, int *n_rows,
                      struct crm_import_result *res)
{
    char why[160], **cells;
    const char *error;
    int n;

    while ((n = csv_read_row(r, &cells, IMPORT_MAX_COL, &error)) != 0) {
        if (n < 0) {
            json_array_append_new(
                res->errors,
                json_pack("{si ss}", "line", r->line, "message", error));
            return; /* the rest cannot be framed reliably */
        }
        if (n == 1 && !cells[0][0]) { /* a blank line */
            csv_free_row(cells, n);
            continue;
        }
        res->rows++;
        if (res->rows > CRM_IMPORT_MAX_ROWS) {
            csv_free_row(cells, n);
            json_array_append_new(
                res->errors, json_pack("{si ss}", "line", r->line, "message",
                                       "the file has more than 50000 rows"));
            return;
        }
        if (!check_row(p, cells, n, why, sizeof why)) {
            json_array_append_new(
                res->errors,
                json_pack("{si ss}", "line", r->line, "message", why));
            csv_free_row(cells, n);
            continue;
        }
        lines[*n_rows] = r->line;
        rows[(*n_rows)++] = cells;
    }
}

/* Read the header row into p; false with an error added to res. */
static bool read_header(struct csv_reader *r, struct import_plan *p,
                        struct crm_import_result *res)
{
    char why[160], **cells;
    const char *error = "the file is empty";
    int n = csv_read_row(r, &cells, IMPORT_MAX_COL, &error);
    bool ok = n > 0 && plan_header(p, cells, n, why, sizeof why);

    if (!ok)
        json_array_append_new(
            res->errors,
            json_pack("{si ss}", "line", 1, "message", n > 0 ? why : error));
    if (n > 0)
        csv_free_row(cells, n);
    return ok;
}

/*
 * Phases: load the attribute definitions, read the header, check every
 * record (keeping the good ones), and only when no record failed, apply
 * them all. Memory is bounded by the file size (at most 8 MiB upstream).
 */
enum store_rc crm_import_csv(struct db *db, int64_t account_id,
                             const char *data, size_t len,
                             struct crm_import_result *res)
{
    struct import_plan p = {0};
    struct csv_reader r;
    char ***rows = NULL;
    int *lines = NULL, n_rows = 0;
    bool created;
    enum store_rc rc;

    memset(res, 0, sizeof *res);
    res->errors = json_array();
    if ((rc = attribute_list(db, account_id, "contact", &p.defs)))
        return rc;
    csv_reader_init(&r, data, len);
    if (!read_header(&r, &p, res)) {
        json_decref(p.defs);
        return STORE_CONSTRAINT;
    }
    rows = xcalloc(CRM_IMPORT_MAX_ROWS + 1, sizeof *rows);
    lines = xcalloc(CRM_IMPORT_MAX_ROWS + 1, sizeof *lines);
    check_all(&r, &p, rows, lines, &n_rows, res);
    rc = json_array_size(res->errors) ? STORE_CONSTRAINT : STORE_OK;
    for (int i = 0; rc == STORE_OK && i < n_rows; i++) {
        rc = apply_row(db, account_id, &p, rows[i], &created);
        if (rc == STORE_OK)
            *(created ? &res->created : &res->updated) += 1;
        if (rc == STORE_CONSTRAINT) /* e.g. a wa_id another contact holds */
            json_array_append_new(
                res->errors, json_pack("{si ss}", "line", lines[i], "message",
                                       "conflicts with another contact"));
    }
    for (int i = 0; i < n_rows; i++)
        csv_free_row(rows[i], p.ncols);
    free(rows);
    free(lines);
    json_decref(p.defs);
    return rc;
}

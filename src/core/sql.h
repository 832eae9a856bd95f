/*
 * Small conveniences over store.h for the common shapes of a query: a
 * write with no result, one integer back, a lookup that may match nothing.
 * Each finishes the statement, so the caller only prepares and binds.
 */
#ifndef PARLEY_CORE_SQL_H
#define PARLEY_CORE_SQL_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* Step a write to completion; STORE_OK when it ran. */
enum store_rc sql_run(struct db_stmt *st);

/* Step once and read column 0 of the first row as an int64: STORE_OK,
 * STORE_NOT_FOUND when there is no row, or an error. */
enum store_rc sql_int64(struct db_stmt *st, int64_t *out);

/* Like sql_run, but STORE_NOT_FOUND when no row changed. */
enum store_rc sql_run_changed(struct db_stmt *st);

/* Turns the current row of a statement into its JSON form. */
typedef json_t *(*sql_row_json_cb)(struct db_stmt *st);

/*
 * The one row that sql (with $1 = account_id and $2 = id) selects, as
 * to_json makes it: STORE_OK with *out (caller frees), STORE_NOT_FOUND,
 * or an error. The lookup every "GET one thing of an account" makes.
 */
enum store_rc sql_get_json(struct db *db, const char *sql, int64_t account_id,
                           int64_t id, sql_row_json_cb to_json, json_t **out);

/* Keyset paging: the cursor is the last id seen, written as text so that
 * clients treat it as opaque. Parses NULL/"" as 0; returns -1 if malformed. */
int sql_cursor_parse(const char *cursor, int64_t *after_id);

#endif

/*
 * Search over contacts (name, profile name, phone, e-mail, wa_id) and
 * message text: the one place where the SQL differs per engine.
 *
 * SQLite: FTS5 tables with the trigram tokenizer (migration 006), so a
 * query of three or more characters matches any substring, Korean and
 * other scripts without spaces included; shorter queries fall back to
 * LIKE. PostgreSQL: to_tsvector('simple', ...) GIN indexes, whole-word
 * matches of every word; queries with non-ASCII letters, with no letter
 * at all (phone numbers) or under three characters fall back to ILIKE (a
 * scan bounded by the account).
 */
#ifndef PARLEY_CORE_SEARCH_H
#define PARLEY_CORE_SEARCH_H

#include <jansson.h>
#include <stdint.h>

#include "core/qbuild.h"
#include "store/store.h"

#define SEARCH_QUERY_MAX 200 /* characters */

/*
 * Message matches considered per query: the newest this many. A common
 * word can match a large share of a million messages; past this many the
 * newest are what an agent looks for, and the cost stays bounded. On
 * SQLite the cap applies before the account filter (the FTS index holds
 * every account's messages), so an account sharing a database with far
 * busier ones may miss older matches.
 */
#define SEARCH_MESSAGES_CAP 5000

/*
 * Append to q a sub-select of the ids of the account's contacts matching
 * text: "(SELECT ... )". account_param is the number of a parameter
 * already in q holding the account id.
 */
void search_contacts_sql(struct qb *q, enum store_dialect d, int account_param,
                         const char *text);

/* The same for messages (the newest SEARCH_MESSAGES_CAP matches); column
 * is "id" or "conversation_id", the column the sub-select yields. */
void search_messages_sql(struct qb *q, enum store_dialect d, int account_param,
                         const char *text, const char *column);

/*
 * GET /api/v1/search: up to limit contacts and limit messages of the
 * account matching text, newest first, as
 * {"contacts":[...], "messages":[...]}. Caller frees *out.
 */
enum store_rc search_all(struct db *db, int64_t account_id, const char *text,
                         int limit, json_t **out);

/* The FTS5 phrase for text: wrapped in double quotes, inner quotes
 * doubled. Caller frees. Exposed for tests. */
char *search_fts_phrase(const char *text);

/* The LIKE pattern "%text%" with %, _ and \ escaped by a backslash.
 * Caller frees. */
char *search_like_pattern(const char *text);

#endif

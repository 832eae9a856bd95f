/*
 * Account settings an administrator changes (name, time zone, the undo
 * window of sent messages) and each user's keyboard shortcuts that insert
 * a canned reply.
 */
#ifndef PARLEY_CORE_SETTINGS_H
#define PARLEY_CORE_SETTINGS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define SETTINGS_UNDO_MAX_MS 30000
#define SHORTCUTS_MAX        50

/* Change the members that are set (NULL, or undo_send_ms < 0, leave one
 * as it is). */
enum store_rc settings_account_update(struct db *db, int64_t account_id,
                                      const char *name, const char *timezone,
                                      int64_t undo_send_ms);

/* {id, name, timezone, undo_send_ms, created_at}; caller frees. */
enum store_rc settings_account_json(struct db *db, int64_t account_id,
                                    json_t **out);

/* Is tz an IANA zone name this system knows ("UTC", "Asia/Seoul")? */
bool settings_timezone_valid(const char *tz);

/* The user's shortcuts [{keys, canned_reply_id}], by keys. */
enum store_rc settings_shortcuts_get(struct db *db, int64_t account_id,
                                     int64_t user_id, json_t **out);

/*
 * Replace the user's shortcuts with list (an array already checked for
 * shape). STORE_NOT_FOUND with *bad_id when a canned reply is not the
 * account's. Run inside a transaction.
 */
enum store_rc settings_shortcuts_put(struct db *db, int64_t account_id,
                                     int64_t user_id, json_t *list,
                                     int64_t *bad_id);

/* "Ctrl+B", "Alt+Shift+1": modifiers (Ctrl, Alt, Shift, Meta) joined by
 * "+" ahead of one key (a letter, a digit or F1-F12), at least one
 * modifier unless the key is F1-F12. */
bool settings_keys_valid(const char *keys);

#endif

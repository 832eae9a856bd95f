/*
 * Custom attributes: definitions (key, label, type, options) that an
 * account adds to contacts or conversations, and the check that values
 * written to a contact's or conversation's attributes match them.
 *
 * Types: text (string up to 1000 characters), number, date ("YYYY-MM-DD"),
 * list (one of options, an array of strings), boolean, link (an http or
 * https URL). A definition's key, type and target are fixed once made.
 */
#ifndef PARLEY_CORE_ATTRIBUTE_H
#define PARLEY_CORE_ATTRIBUTE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define ATTRIBUTE_TEXT_MAX 1000

bool attribute_type_valid(const char *type);
bool attribute_key_valid(const char *key); /* [a-z0-9_], 1-40 chars */

/*
 * Is value acceptable for an attribute of type (options: the list's
 * choices)? Returns true, or false with a sentence in why. Pure.
 */
bool attribute_check_value(const char *type, json_t *options, json_t *value,
                           char *why, size_t why_len);

/* Definitions of the account (applies_to "contact", "conversation" or
 * NULL for both) as a JSON array; caller frees. */
enum store_rc attribute_list(struct db *db, int64_t account_id,
                             const char *applies_to, json_t **out);
enum store_rc attribute_get_json(struct db *db, int64_t account_id, int64_t id,
                                 json_t **out);

/* options: JSON array text or NULL ("[]"). STORE_CONSTRAINT when the key
 * is taken for that target. */
enum store_rc attribute_create(struct db *db, int64_t account_id,
                               const char *applies_to, const char *key,
                               const char *label, const char *type,
                               const char *options, int64_t *id);
enum store_rc attribute_update(struct db *db, int64_t account_id, int64_t id,
                               const char *label, const char *options);
enum store_rc attribute_delete(struct db *db, int64_t account_id, int64_t id);

/*
 * Check patch (an object: key → value, null removes the key) against the
 * account's definitions for applies_to and merge it into the stored
 * attributes of that contact or conversation (target_id). On success
 * *merged is the new object's text (caller frees). STORE_CONSTRAINT with
 * why filled when a key is not defined or a value does not fit;
 * STORE_NOT_FOUND when the target is not the account's.
 */
enum store_rc attribute_merge_stored(struct db *db, int64_t account_id,
                                     const char *applies_to, int64_t target_id,
                                     json_t *patch, char **merged, char *why,
                                     size_t why_len);

#endif

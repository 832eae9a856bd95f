/*
 * Labels: coloured tags an account puts on conversations and contacts.
 * Supervisors define them; agents apply them. Names are unique per
 * account.
 */
#ifndef PARLEY_CORE_LABEL_H
#define PARLEY_CORE_LABEL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

#define LABEL_NAME_MAX 64
#define LABEL_DESC_MAX 500

/* Every label of the account, by name, as [{id,name,color,description,
 * created_at}]; caller frees *out. */
enum store_rc label_list(struct db *db, int64_t account_id, json_t **out);

/* One label as JSON; STORE_NOT_FOUND when not the account's. */
enum store_rc label_get_json(struct db *db, int64_t account_id, int64_t id,
                             json_t **out);

/* STORE_OK when id is a label of the account, else STORE_NOT_FOUND. */
enum store_rc label_exists(struct db *db, int64_t account_id, int64_t id);

/* Create; STORE_CONSTRAINT when the name is taken. color may be NULL
 * (the default grey), description NULL (""). */
enum store_rc label_create(struct db *db, int64_t account_id, const char *name,
                           const char *color, const char *description,
                           int64_t *id);

/* Change the members that are not NULL. */
enum store_rc label_update(struct db *db, int64_t account_id, int64_t id,
                           const char *name, const char *color,
                           const char *description);

/* Delete; it disappears from every conversation and contact. */
enum store_rc label_delete(struct db *db, int64_t account_id, int64_t id);

/* "#rrggbb"? */
bool label_color_valid(const char *color);

/* Add or remove a label on a contact (both the account's, else
 * STORE_NOT_FOUND); adding twice or removing an absent one is fine. */
enum store_rc label_contact_set(struct db *db, int64_t account_id,
                                int64_t contact_id, int64_t label_id, bool add);

/* The labels [{id,name,color}] of a contact; caller frees. */
enum store_rc label_contact_labels(struct db *db, int64_t account_id,
                                   int64_t contact_id, json_t **out);

#endif

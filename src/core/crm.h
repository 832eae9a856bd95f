/*
 * The contact side of the inbox (CRM): listing and searching contacts,
 * editing them, notes, their conversations, and CSV export and import.
 * Merged-away contacts are hidden everywhere here.
 */
#ifndef PARLEY_CORE_CRM_H
#define PARLEY_CORE_CRM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "store/store.h"

#define CRM_IMPORT_MAX_ROWS 50000
#define CRM_NOTE_MAX        10000

struct crm_contact_query {
    int64_t account_id;
    const char *q;        /* search text or NULL */
    int64_t label_id;     /* 0: any */
    const char *attr_key; /* with attr_value: attributes[key] as text */
    const char *attr_value;
    int64_t before_id; /* keyset: ids below this (0: from the newest) */
    int limit;
};

/* Contacts newest first, each with its labels; *last_id for the cursor. */
enum store_rc crm_contact_list(struct db *db, const struct crm_contact_query *q,
                               json_t **out, int64_t *last_id);

/* STORE_OK when id is a live (not merged) contact of the account, else
 * STORE_NOT_FOUND. */
enum store_rc crm_contact_exists(struct db *db, int64_t account_id, int64_t id);

/* One contact with labels; STORE_NOT_FOUND if not the account's or
 * merged away. */
enum store_rc crm_contact_get(struct db *db, int64_t account_id, int64_t id,
                              json_t **out);

/* The editable members; NULL (or blocked < 0) leaves one as it is. */
struct crm_contact_change {
    const char *name, *email, *phone, *language;
    int blocked;            /* -1, 0 or 1 */
    const char *attributes; /* merged object text, already checked */
};

enum store_rc crm_contact_update(struct db *db, int64_t account_id, int64_t id,
                                 const struct crm_contact_change *ch);

/* The contact's conversations, newest activity first (at most 100). */
enum store_rc crm_contact_conversations(struct db *db, int64_t account_id,
                                        int64_t id, json_t **out);

/* Notes, newest first. */
enum store_rc crm_notes_list(struct db *db, int64_t account_id,
                             int64_t contact_id, json_t **out);
enum store_rc crm_note_create(struct db *db, int64_t account_id,
                              int64_t contact_id, int64_t user_id,
                              const char *body, int64_t *id);
/* The author of a note (0 if deleted user); STORE_NOT_FOUND when the note
 * is not the contact's in the account. */
enum store_rc crm_note_author(struct db *db, int64_t account_id,
                              int64_t contact_id, int64_t note_id,
                              int64_t *user_id);
enum store_rc crm_note_update(struct db *db, int64_t account_id,
                              int64_t note_id, const char *body);
enum store_rc crm_note_delete(struct db *db, int64_t account_id,
                              int64_t note_id);
enum store_rc crm_note_json(struct db *db, int64_t account_id, int64_t note_id,
                            json_t **out);

/* Append every contact of the account as CSV (with a header row) to out. */
enum store_rc crm_export_csv(struct db *db, int64_t account_id,
                             struct buf *out);

/* The result of an import. */
struct crm_import_result {
    int rows, created, updated;
    json_t *errors; /* [{line, message}], never NULL after the call */
};

/*
 * Import CSV text: a header row naming columns (name, phone, wa_id,
 * email, language, and attr.<key> for custom attributes; at least phone
 * or wa_id), then one contact per row, matched by wa_id, else by phone,
 * and updated, or created. Every row is checked first; if any is wrong
 * nothing is written and the errors say which lines (STORE_CONSTRAINT).
 * Otherwise all rows are applied in the caller's transaction.
 */
enum store_rc crm_import_csv(struct db *db, int64_t account_id,
                             const char *data, size_t len,
                             struct crm_import_result *res);

#endif

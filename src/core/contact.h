/*
 * Contacts: the customers of an account. WhatsApp names a person by wa_id
 * (their number) and, since 2026, by a business-scoped user id (bsuid);
 * a payload may carry either or both. A contact is found by bsuid first,
 * then wa_id, gains whichever identifier it lacked, and two contacts that
 * turn out to be one person are merged.
 */
#ifndef PARLEY_CORE_CONTACT_H
#define PARLEY_CORE_CONTACT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct contact {
    int64_t id;
    int64_t account_id;
    char *wa_id;        /* may be NULL */
    char *bsuid;        /* may be NULL */
    char *name;         /* set by agents; "" until then */
    char *profile_name; /* the WhatsApp profile name */
    char *phone;
    char *email;
    char *attributes; /* JSON object text */
    char *language;
    bool marketing_opt_out;
    bool blocked;
    int64_t created_at;
    int64_t updated_at;
    int64_t last_seen_at;
};

/*
 * Find or create the contact a WhatsApp identity names (at least one of
 * wa_id and bsuid must be set), note the profile name and when they were
 * seen, and merge two existing contacts when the identity joins them.
 * Run inside a transaction.
 */
enum store_rc contact_resolve(struct db *db, int64_t account_id,
                              const char *wa_id, const char *bsuid,
                              const char *profile_name, int64_t seen_at,
                              int64_t *id);

/* Move everything of contact gone to contact keep and mark gone as merged
 * into it. Run inside a transaction. */
enum store_rc contact_merge(struct db *db, int64_t account_id, int64_t keep,
                            int64_t gone);

enum store_rc contact_get(struct db *db, int64_t account_id, int64_t id,
                          struct contact *out);
void contact_clear(struct contact *c);

/* Record a marketing opt-out ("stop") or opt-in ("resume") by wa_id. */
enum store_rc contact_set_marketing(struct db *db, int64_t account_id,
                                    const char *wa_id, bool opted_out);

/* The contact as the API shows it; the name falls back to the profile
 * name, then the phone number. */
json_t *contact_json(const struct contact *c);

#endif

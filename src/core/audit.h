/*
 * The audit log: an append-only record of who changed what in an account
 * (sign-ins, users, roles, tokens, settings), for administrators.
 */
#ifndef PARLEY_CORE_AUDIT_H
#define PARLEY_CORE_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

struct audit_entry {
    int64_t account_id;
    int64_t user_id;         /* 0 for the system */
    const char *action;      /* "user.created", "token.revoked", ... */
    const char *target_type; /* "user", "team", ... or "" */
    int64_t target_id;
    const char *address; /* the client's address, or "" */
};

/* Append an entry; takes the reference to detail (may be NULL). */
enum store_rc audit_record(struct db *db, const struct audit_entry *e,
                           json_t *detail);

/* Entries of an account with id < before_id (0: newest), newest first, as
 * a JSON array of objects; sets *last_id to the last one's id (0 if none). */
enum store_rc audit_list(struct db *db, int64_t account_id, int64_t before_id,
                         int limit, json_t **out, int64_t *last_id);

#endif

/*
 * Accounts: the tenants of an installation. Every other row belongs to
 * exactly one account and every query is scoped by its id.
 */
#ifndef PARLEY_CORE_ACCOUNT_H
#define PARLEY_CORE_ACCOUNT_H

#include <stdint.h>

#include "store/store.h"

struct account {
    int64_t id;
    char *name;
    char *timezone;
    int64_t undo_send_ms; /* how long a sent message can be recalled */
    int64_t created_at;
};

enum store_rc account_create(struct db *db, const char *name, int64_t *id);

/* Fill out (caller clears with account_clear). */
enum store_rc account_get(struct db *db, int64_t id, struct account *out);
void account_clear(struct account *a);

/* Number of accounts; 0 on an empty installation. */
enum store_rc account_count(struct db *db, int64_t *count);

#endif

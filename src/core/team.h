/*
 * Teams: named groups of users of one account, the unit that conversations
 * are routed to ("Billing", "Korean desk").
 */
#ifndef PARLEY_CORE_TEAM_H
#define PARLEY_CORE_TEAM_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define TEAM_NAME_MAX 100

struct team {
    int64_t id;
    int64_t account_id;
    char *name;
    char *description;
    int64_t member_count;
    int64_t created_at;
};

/* STORE_CONSTRAINT when the account already has a team of that name. */
enum store_rc team_create(struct db *db, int64_t account_id, const char *name,
                          const char *description, int64_t *id);
enum store_rc team_get(struct db *db, int64_t account_id, int64_t id,
                       struct team *out);

/* Teams of an account with id > after_id, by id; free with
 * team_list_free(). */
enum store_rc team_list(struct db *db, int64_t account_id, int64_t after_id,
                        int limit, struct team **out, size_t *count);
void team_list_free(struct team *teams, size_t count);

/* NULL leaves a field as it is. */
enum store_rc team_update(struct db *db, int64_t account_id, int64_t id,
                          const char *name, const char *description);
enum store_rc team_delete(struct db *db, int64_t account_id, int64_t id);

/* Add or remove a member. Adding a user of another account (or to another
 * account's team) is STORE_NOT_FOUND; adding twice is harmless. */
enum store_rc team_add_member(struct db *db, int64_t account_id,
                              int64_t team_id, int64_t user_id);
enum store_rc team_remove_member(struct db *db, int64_t account_id,
                                 int64_t team_id, int64_t user_id);

/* Member user ids of a team, ascending; the caller frees *ids. */
enum store_rc team_member_ids(struct db *db, int64_t account_id,
                              int64_t team_id, int64_t **ids, size_t *count);

void team_clear(struct team *t);

#endif

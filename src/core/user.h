/*
 * Users: the people of an account (administrators, supervisors, agents).
 * The e-mail address is the sign-in name: stored lowercased and unique
 * across the installation. Passwords are kept only as argon2id hashes.
 */
#ifndef PARLEY_CORE_USER_H
#define PARLEY_CORE_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/role.h"
#include "store/store.h"

#define USER_PASSWORD_MIN 8
#define USER_PASSWORD_MAX 1024
#define USER_NAME_MAX     200

struct user {
    int64_t id;
    int64_t account_id;
    char *email;
    char *name;
    enum role role;
    char *locale;   /* "en", "ko" */
    char *timezone; /* IANA name, e.g. "Asia/Seoul" */
    bool disabled;
    int64_t created_at;
    int64_t updated_at;
};

struct user_input {
    int64_t account_id;
    const char *email;
    const char *name;
    enum role role;
    const char *password; /* NULL: the user cannot sign in until set */
};

/* Fields to change; NULL / ROLE_NONE / -1 leave a field as it is. */
struct user_patch {
    const char *name;
    enum role role;
    const char *locale;
    const char *timezone;
    int disabled; /* -1 keep, 0 enable, 1 disable */
};

/*
 * Lowercase and check an e-mail address into out (n bytes). Returns 0, or
 * -1 if it does not look like an address (one '@', no spaces, <= 254).
 */
int user_email_normalize(const char *in, char *out, size_t n);

/* Check a password against the policy; NULL when acceptable, else why. */
const char *user_password_problem(const char *password);

/* Create a user. STORE_CONSTRAINT when the e-mail address is taken. The
 * caller has validated email, name and password. */
enum store_rc user_create(struct db *db, const struct user_input *in,
                          int64_t *id);

/* A user of this account; STORE_NOT_FOUND for another account's user. */
enum store_rc user_get(struct db *db, int64_t account_id, int64_t id,
                       struct user *out);

/* For sign-in only: find by e-mail across accounts and return the hash
 * (caller frees *password_hash; NULL when none is set). */
enum store_rc user_find_for_login(struct db *db, const char *email,
                                  struct user *out, char **password_hash);

/* Users of an account with id > after_id, by id, at most limit. The
 * caller frees with user_list_free(). */
enum store_rc user_list(struct db *db, int64_t account_id, int64_t after_id,
                        int limit, struct user **out, size_t *count);
void user_list_free(struct user *users, size_t count);

enum store_rc user_update(struct db *db, int64_t account_id, int64_t id,
                          const struct user_patch *patch);

enum store_rc user_set_password(struct db *db, int64_t account_id, int64_t id,
                                const char *password);

/* Enabled administrators of the account, to refuse removing the last. */
enum store_rc user_count_admins(struct db *db, int64_t account_id,
                                int64_t *count);

void user_clear(struct user *u);

#endif

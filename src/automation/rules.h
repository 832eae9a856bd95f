/*
 * Rules in storage, and the compiled copy per account that evaluation
 * uses. The copy is rebuilt when the account's rules version (bumped in
 * the same transaction as any change, on any node) differs from the one
 * it was compiled at.
 */
#ifndef PARLEY_AUTOMATION_RULES_H
#define PARLEY_AUTOMATION_RULES_H

#include <jansson.h>
#include <stdint.h>

#include "automation/engine.h"
#include "store/store.h"

/* A rule row as the API shows it (and as auto_rule_compile reads it). */
enum store_rc auto_rules_get(struct db *db, int64_t account_id, int64_t id,
                             json_t **out);

/* Every rule of the account, in evaluation order; caller decrefs. */
enum store_rc auto_rules_list(struct db *db, int64_t account_id, json_t **out);

/*
 * Insert (id 0; *id_out set) or replace rule `doc`, already compiled
 * successfully, and bump the account's version. Inside a transaction.
 * STORE_NOT_FOUND when replacing a rule the account does not have.
 */
enum store_rc auto_rules_save(struct db *db, int64_t account_id, int64_t id,
                              const json_t *doc, int64_t *id_out);

enum store_rc auto_rules_delete(struct db *db, int64_t account_id, int64_t id);

/* Give rules ids[i] position i. STORE_NOT_FOUND if an id is not the
 * account's. */
enum store_rc auto_rules_reorder(struct db *db, int64_t account_id,
                                 const int64_t *ids, size_t n);

/* A compiled rule set shared between evaluations. */
struct auto_rules_ref {
    struct auto_ruleset rs;
};

/*
 * The compiled rules of the account, rebuilt if stale. Release with
 * auto_rules_release(). A stored rule that no longer compiles is skipped
 * with a warning (the API refuses such rules; this guards old rows).
 */
enum store_rc auto_rules_acquire(struct db *db, int64_t account_id,
                                 struct auto_rules_ref **out);
void auto_rules_release(struct auto_rules_ref *ref);

/* Drop every cached rule set (shutdown, tests). */
void auto_rules_cache_clear(void);

#endif

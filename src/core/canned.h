/*
 * Canned replies: an account's prepared answers, each with a unique
 * shortcut ("/refund"), a title, a body and optionally the intent it
 * answers. Supervisors manage them; agents insert them, helped by a
 * ranking of what fits what they type and what the customer last wrote.
 */
#ifndef PARLEY_CORE_CANNED_H
#define PARLEY_CORE_CANNED_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

#define CANNED_SHORTCUT_MAX 40
#define CANNED_TITLE_MAX    120
#define CANNED_BODY_MAX     4096
#define CANNED_LOAD_MAX     2000 /* replies considered by a suggestion */

struct ai_model;

/* All replies of the account by shortcut, as a JSON array. */
enum store_rc canned_list(struct db *db, int64_t account_id, json_t **out);
enum store_rc canned_get_json(struct db *db, int64_t account_id, int64_t id,
                              json_t **out);

/* STORE_CONSTRAINT when the shortcut is taken. intent may be NULL. */
enum store_rc canned_create(struct db *db, int64_t account_id, int64_t user_id,
                            const char *shortcut, const char *title,
                            const char *body, const char *intent, int64_t *id);
/* Change the members that are not NULL. */
enum store_rc canned_update(struct db *db, int64_t account_id, int64_t id,
                            const char *shortcut, const char *title,
                            const char *body, const char *intent);
enum store_rc canned_delete(struct db *db, int64_t account_id, int64_t id);

/* [a-z0-9_-], 1..CANNED_SHORTCUT_MAX, no leading slash. */
bool canned_shortcut_valid(const char *s);

/* One reply as the ranking sees it; strings borrowed. */
struct canned_item {
    int64_t id;
    const char *shortcut;
    const char *title;
    const char *body;
    const char *intent; /* "" or NULL: none */
};

struct canned_ranked {
    int index; /* into the items */
    double score;
};

/*
 * Rank items for what the agent has typed (may be empty; a leading "/"
 * means a shortcut) and the customer's last message and its intent (each
 * may be NULL). A shortcut starting with the typed text weighs most, then
 * the AI model's text and intent similarity (ai_suggest) to the typed
 * text and to the customer's message, then the stored intent agreeing
 * with the reply's. m may be NULL: word overlap stands in for the model.
 * Writes up to max results with a score above 0, best first (ties by
 * shortcut order of items); returns how many. Pure and thread safe.
 */
int canned_rank(const struct ai_model *m, const struct canned_item *items,
                int n, const char *typed, const char *customer_text,
                const char *customer_intent, struct canned_ranked *out,
                int max);

/*
 * The suggestions for a conversation (0: none) and typed text, up to
 * limit, as [{...reply..., "score": s}], using the default AI model.
 * STORE_NOT_FOUND when the conversation is not the account's.
 */
enum store_rc canned_suggest(struct db *db, int64_t account_id,
                             int64_t conversation_id, const char *typed,
                             int limit, json_t **out);

#endif

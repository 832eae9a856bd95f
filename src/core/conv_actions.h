/*
 * What agents do to a conversation: change its status, priority,
 * assignee, team or snooze time, and add or remove labels. Each change
 * leaves an activity line in the thread (a private message of type
 * "activity" with content {action, from, to}) and a conversation.updated
 * event, in the caller's transaction. Also the recurring job that wakes
 * snoozed conversations whose time has come.
 */
#ifndef PARLEY_CORE_CONV_ACTIONS_H
#define PARLEY_CORE_CONV_ACTIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

struct jobs;

/* A requested change; unset members leave the field as it is. */
struct conv_change {
    const char *status; /* NULL: unchanged */
    int priority;       /* -1: unchanged */
    bool set_assignee;
    int64_t assignee_id; /* 0 unassigns */
    bool set_team;
    int64_t team_id; /* 0 clears */
    bool set_snooze;
    int64_t snoozed_until;  /* UTC ms; with status snoozed */
    const char *attributes; /* JSON object text, already validated; NULL */
};

/* Who makes the change: a user, or the system (user_id 0). */
struct conv_actor {
    int64_t account_id;
    int64_t user_id;
};

/*
 * Check the references of ch that do not depend on the conversation: the
 * assignee is an enabled user of the account, the team is the account's.
 * STORE_CONSTRAINT with *why when one is not; STORE_OK when all hold.
 */
enum store_rc conv_change_check(struct db *db, int64_t account_id,
                                const struct conv_change *ch, const char **why);

/*
 * Apply ch to conversation id, inside the caller's transaction. Checks
 * what storage must: the assignee is an enabled user of the account, the
 * team is the account's, a snooze lies in the future. On a refused change
 * returns STORE_CONSTRAINT with *why set to a static sentence for the
 * client; STORE_NOT_FOUND when the account has no such conversation.
 * Records an activity line per field that really changed (attributes:
 * one line with the objects before and after) and, when any did, emits
 * conversation.updated; *changed says whether any did.
 */
enum store_rc conv_apply(struct db *db, const struct conv_actor *who,
                         int64_t id, const struct conv_change *ch,
                         bool *changed, const char **why);

/*
 * Add (add = true) or remove a label of the account on a conversation,
 * with an activity line and conversation.updated when something changed.
 * STORE_NOT_FOUND when the conversation or label is not the account's.
 */
enum store_rc conv_label(struct db *db, const struct conv_actor *who,
                         int64_t id, int64_t label_id, bool add, bool *changed);

/* The conversation's API JSON with its labels; caller frees. */
enum store_rc conv_json_full(struct db *db, int64_t account_id, int64_t id,
                             json_t **out);

/*
 * Reopen every snoozed conversation whose snoozed_until has passed (at
 * most a bounded batch per call), each in the caller's transaction, with
 * a system activity line and an event. Sets *woken.
 */
enum store_rc conv_wake_snoozed(struct db *db, int64_t now, int *woken);

/* Register the recurring "inbox.wake_snoozed" job (every 10 s). Returns
 * 0, or -1 when registration failed. */
int conv_jobs_register(struct jobs *j);

#endif

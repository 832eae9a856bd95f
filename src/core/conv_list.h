/*
 * The conversation list the agent inbox shows: filters (assignee, inbox,
 * team, label, priority, status, search) and three sorts, each paged by a
 * keyset cursor that carries the sort key and the id, so that a page costs
 * the same at the millionth row as at the first. Also the open counts of
 * the inbox tabs.
 */
#ifndef PARLEY_CORE_CONV_LIST_H
#define PARLEY_CORE_CONV_LIST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

enum conv_sort {
    CONV_SORT_ACTIVITY, /* last_message_at, newest first (default) */
    CONV_SORT_WAITING,  /* waiting_since, longest first; not waiting last */
    CONV_SORT_PRIORITY, /* priority, highest first, then longest waiting */
};

enum conv_assignee {
    CONV_ASSIGNEE_ANY,
    CONV_ASSIGNEE_UNASSIGNED,
    CONV_ASSIGNEE_USER, /* assignee_id (the caller's id for "me") */
};

struct conv_list_query {
    int64_t account_id;
    const char *status; /* open, pending, snoozed, resolved or all */
    enum conv_assignee assignee;
    int64_t assignee_id;
    int64_t inbox_id; /* 0: any */
    int64_t team_id;  /* 0: any */
    int64_t label_id; /* 0: any */
    int priority;     /* exactly this; -1: any */
    int priority_min; /* at least this; -1: any */
    const char *q;    /* search text or NULL */
    enum conv_sort sort;
    const char *cursor; /* from the previous page, or NULL */
    int limit;
};

/* Parse "last_activity", "waiting" or "priority"; -1 if none of them. */
int conv_list_sort_parse(const char *s);

/* Check that cursor has the shape sort's cursors have; 0 if it does (or
 * is NULL/empty), -1 if not. */
int conv_list_cursor_check(enum conv_sort sort, const char *cursor);

/*
 * One page of conversations, each with its contact, last message and
 * labels [{id,name,color}], as a JSON array in *out. *next is the cursor
 * of the next page (caller frees) or NULL when this page was the last.
 */
enum store_rc conv_list_page(struct db *db, const struct conv_list_query *q,
                             json_t **out, char **next);

/*
 * The counts of the inbox tabs for a user: open conversations assigned to
 * them (mine), open unassigned, all open, and the sum of unread messages
 * in each, as {"mine":n,"unassigned":n,"all":n,"unread":{...}}.
 */
enum store_rc conv_list_counts(struct db *db, int64_t account_id,
                               int64_t user_id, json_t **out);

/* The labels [{id,name,color}] of a conversation, as a new array. */
enum store_rc conv_list_labels(struct db *db, int64_t account_id,
                               int64_t conversation_id, json_t **out);

#endif

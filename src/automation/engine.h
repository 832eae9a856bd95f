/*
 * The rules engine core: rules stored as JSON are compiled once into an
 * in-memory form (regexes compiled with PCRE2 and match limits, keywords
 * folded with utf8proc), and evaluated against the facts of one event as a
 * pure function that returns the planned actions. Nothing here touches
 * the database: the rule tester and the unit tests call it directly, and
 * exec.c carries out a plan.
 *
 * A rule document:
 *   {"id":1,"name":"...","event":"message.received","event_minutes":0,
 *    "enabled":true,"stop":false,"reply_period_s":0,
 *    "conditions":{"all":[{"field":"text","op":"contains","value":"x"},
 *                         {"any":[...]}]},
 *    "actions":[{"type":"reply","text":"Hi {{contact.name|there}}"}]}
 * docs/api/automation.md lists every event, field, operator and action.
 */
#ifndef PARLEY_AUTOMATION_ENGINE_H
#define PARLEY_AUTOMATION_ENGINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PCRE2 limits for every rule regex: a hostile pattern or text fails the
 * condition instead of stalling a worker. */
#define AUTO_REGEX_MATCH_LIMIT 100000
#define AUTO_REGEX_DEPTH_LIMIT 2000
#define AUTO_MAX_CAPTURES      10

struct auto_cond;

/* One compiled rule. Strings and the actions array are owned. */
struct auto_rule {
    int64_t id;
    char *name;
    int64_t position;
    bool enabled;
    char *event;            /* one of auto_event_valid() */
    int64_t event_minutes;  /* time events: the X in "for X minutes" */
    struct auto_cond *cond; /* NULL: always matches */
    json_t *actions;        /* array of action objects, validated */
    bool stop;              /* stop evaluating later rules on a match */
    int64_t reply_period_s; /* 0: no flood guard on replies */
};

/* The rules of one account in evaluation order. */
struct auto_ruleset {
    struct auto_rule *rules;
    size_t count;
};

/* Whether name is an event rules can be attached to. */
bool auto_event_valid(const char *name);

/* Whether event is a time event (scheduled, needs event_minutes). */
bool auto_event_is_timed(const char *name);

/*
 * Compile one rule document into *out. On failure returns -1 with a
 * message for the client in err (e.g. "conditions[2]: unknown op 'like'")
 * and leaves *out empty. Caller frees with auto_rule_free().
 */
int auto_rule_compile(const json_t *doc, struct auto_rule *out, char *err,
                      size_t errlen);
void auto_rule_free(struct auto_rule *r);

/* Compile an array of rule documents, sorted by position then id. Returns
 * -1 with err naming the bad rule. Free with auto_ruleset_free(). */
int auto_ruleset_compile(const json_t *docs, struct auto_ruleset *out,
                         char *err, size_t errlen);
void auto_ruleset_free(struct auto_ruleset *rs);

/* Returns when rule_id last replied in this conversation (UTC ms, 0 if
 * never); the flood guard's memory. */
typedef int64_t (*auto_last_reply_cb)(int64_t rule_id, void *arg);

/*
 * What is known when an event happens. Every pointer is borrowed and may
 * be NULL (a condition on a missing fact is false, except not_set).
 */
struct auto_facts {
    const char *event; /* required */
    int64_t now;
    int64_t event_minutes; /* time events: which threshold fired */

    /* the message (message.received) */
    const char *sender_type; /* "automation" events never trigger rules */
    const char *message_type;
    const char *text;
    const char *reply_id; /* id of a tapped button or list row */
    const char *intent;
    const char *language;
    const char *sentiment;
    bool first_message;

    /* the conversation */
    int64_t conversation_id;
    int64_t inbox_id;
    int64_t team_id;
    int64_t assignee_id;
    int priority;
    const char *status;
    bool in_business_hours;
    const char *flow_step; /* where a menu flow waits; "" or NULL: none */
    const json_t *labels;  /* array of label names */

    /* the contact */
    const char *contact_name;
    const char *contact_phone;
    const json_t *contact_attributes; /* object */

    auto_last_reply_cb last_reply;
    void *last_reply_arg;

    bool trace; /* fill plan->trace (the tester); an object per rule */
};

/* One planned action: the action object with its text fields rendered
 * (variables substituted). */
struct auto_planned {
    int64_t rule_id;
    const char *rule_name; /* borrowed from the ruleset */
    json_t *action;        /* owned */
};

/* What a rule set would do for an event. */
struct auto_plan {
    struct auto_planned *actions;
    size_t count;
    json_t *trace; /* array: per rule {"rule_id","name","matched",
                      "suppressed"?, "reason"?}, for the tester */
};

/*
 * Evaluate rs against facts, in order, honouring each rule's stop flag and
 * reply period. Rules whose event differs (or whose event_minutes differ
 * for a time event) are skipped; events caused by automation plan nothing.
 * Pure: reads only its arguments (and facts->last_reply). Fills *plan;
 * caller frees with auto_plan_free(). Returns the number of rules matched.
 */
size_t auto_evaluate(const struct auto_ruleset *rs,
                     const struct auto_facts *facts, struct auto_plan *plan);
void auto_plan_free(struct auto_plan *plan);

/* Whether an action type sends something to the customer (and so falls
 * under the reply period). */
bool auto_action_is_reply(const char *type);

/*
 * Fold text for keyword comparison: Unicode NFKC, case folded, with
 * ignorable characters dropped. Returns a new string (caller frees), or
 * NULL when text is not valid UTF-8.
 */
char *auto_fold(const char *text);

/*
 * Render a reply template: "{{name}}" or "{{name|default}}" where name is
 * contact.name, contact.phone, contact.<attribute>, message.text,
 * match.<n> (a regex capture of the rule that matched) or
 * conversation.id. An unknown or empty variable takes its default (or
 * ""). Returns a new string; caller frees.
 */
char *auto_render(const char *tmpl, const struct auto_facts *facts,
                  const char *const *captures, size_t ncaptures);

#endif

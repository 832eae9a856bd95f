/*
 * The rules engine core: compiling rule documents and evaluating them
 * against the facts of an event; see engine.h. Pure code: no storage, no
 * clock, no globals besides PCRE2's read-only compiled patterns.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "automation/engine.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/mem.h"

enum cond_kind { COND_ALL, COND_ANY, COND_NOT, COND_LEAF };

enum field_type { FT_STRING, FT_INT, FT_BOOL, FT_LABELS };

enum field {
    F_TEXT,
    F_TYPE,
    F_REPLY_ID,
    F_INTENT,
    F_LANGUAGE,
    F_SENTIMENT,
    F_STATUS,
    F_FLOW_STEP,
    F_CONTACT_NAME,
    F_CONTACT_PHONE,
    F_CONTACT_ATTR,
    F_INBOX,
    F_TEAM,
    F_ASSIGNEE,
    F_PRIORITY,
    F_FIRST_MESSAGE,
    F_BUSINESS_HOURS,
    F_LABEL,
};

enum op {
    OP_EQUALS,
    OP_NOT_EQUALS,
    OP_CONTAINS,
    OP_NOT_CONTAINS,
    OP_STARTS_WITH,
    OP_MATCHES,
    OP_KEYWORDS,
    OP_IN,
    OP_GT,
    OP_LT,
    OP_IS_SET,
    OP_NOT_SET,
    OP_IS,
    OP_HAS,
    OP_NOT_HAS,
};

struct auto_cond {
    enum cond_kind kind;
    enum field field;
    enum op op;
    char *attr;    /* F_CONTACT_ATTR: the attribute key */
    char *value;   /* folded string operand */
    int64_t num;   /* integer or boolean operand */
    char **values; /* folded strings (keywords, in) */
    int64_t *nums; /* integers (in) */
    size_t nvalues;
    pcre2_code *re;
    struct auto_cond **kids;
    size_t nkids;
};

static const struct {
    const char *name;
    enum field field;
    enum field_type type;
} fields[] = {
    {"text", F_TEXT, FT_STRING},
    {"type", F_TYPE, FT_STRING},
    {"reply_id", F_REPLY_ID, FT_STRING},
    {"intent", F_INTENT, FT_STRING},
    {"language", F_LANGUAGE, FT_STRING},
    {"sentiment", F_SENTIMENT, FT_STRING},
    {"status", F_STATUS, FT_STRING},
    {"flow_step", F_FLOW_STEP, FT_STRING},
    {"contact.name", F_CONTACT_NAME, FT_STRING},
    {"contact.phone", F_CONTACT_PHONE, FT_STRING},
    {"inbox_id", F_INBOX, FT_INT},
    {"team_id", F_TEAM, FT_INT},
    {"assignee_id", F_ASSIGNEE, FT_INT},
    {"priority", F_PRIORITY, FT_INT},
    {"first_message", F_FIRST_MESSAGE, FT_BOOL},
    {"business_hours", F_BUSINESS_HOURS, FT_BOOL},
    {"label", F_LABEL, FT_LABELS},
};

static const char *const op_names[] = {
    [OP_EQUALS] = "equals",
    [OP_NOT_EQUALS] = "not_equals",
    [OP_CONTAINS] = "contains",
    [OP_NOT_CONTAINS] = "not_contains",
    [OP_STARTS_WITH] = "starts_with",
    [OP_MATCHES] = "matches",
    [OP_KEYWORDS] = "keywords",
    [OP_IN] = "in",
    [OP_GT] = "gt",
    [OP_LT] = "lt",
    [OP_IS_SET] = "is_set",
    [OP_NOT_SET] = "not_set",
    [OP_IS] = "is",
    [OP_HAS] = "has",
    [OP_NOT_HAS] = "not_has",
};

/* Which operators each kind of field accepts, as a bit set of enum op. */
static const unsigned ops_for_type[] = {
    [FT_STRING] = 1u << OP_EQUALS | 1u << OP_NOT_EQUALS | 1u << OP_CONTAINS |
                  1u << OP_NOT_CONTAINS | 1u << OP_STARTS_WITH |
                  1u << OP_MATCHES | 1u << OP_KEYWORDS | 1u << OP_IN |
                  1u << OP_IS_SET | 1u << OP_NOT_SET,
    [FT_INT] = 1u << OP_EQUALS | 1u << OP_NOT_EQUALS | 1u << OP_IN |
               1u << OP_GT | 1u << OP_LT | 1u << OP_IS_SET | 1u << OP_NOT_SET,
    [FT_BOOL] = 1u << OP_IS,
    [FT_LABELS] = 1u << OP_HAS | 1u << OP_NOT_HAS,
};

static const char *const events[] = {
    "message.received",      "conversation.created",
    "conversation.opened",   "conversation.resolved",
    "conversation.assigned", "conversation.priority_changed",
    "time.no_agent_reply",   "time.customer_waiting",
    "time.window_closing",   "time.idle",
    "sla.at_risk",           "sla.breached",
};

bool auto_event_valid(const char *name)
{
    for (size_t i = 0; name && i < sizeof events / sizeof *events; i++)
        if (!strcmp(name, events[i]))
            return true;
    return false;
}

bool auto_event_is_timed(const char *name)
{
    return name && !strncmp(name, "time.", 5);
}

char *auto_fold(const char *text)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                          UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);

    if (n < 0)
        return NULL;
    /* utf8proc allocates with malloc; hand back our own copy so that the
     * caller's free() pairs with the allocator it expects either way. */
    char *copy = xstrdup((const char *)out);
    free(out);
    return copy;
}

/* --- compiling conditions ---------------------------------------------- */

static void cond_free(struct auto_cond *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nkids; i++)
        cond_free(c->kids[i]);
    for (size_t i = 0; i < c->nvalues && c->values; i++)
        free(c->values[i]);
    free(c->kids);
    free(c->values);
    free(c->nums);
    free(c->attr);
    free(c->value);
    if (c->re)
        pcre2_code_free(c->re);
    free(c);
}

/* Look up a field name; "contact.<key>" that is not a known contact field
 * names a contact attribute. Returns 0 or -1. */
static int parse_field(const char *name, struct auto_cond *c,
                       enum field_type *type)
{
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        if (!strcmp(name, fields[i].name)) {
            c->field = fields[i].field;
            *type = fields[i].type;
            return 0;
        }
    }
    if (!strncmp(name, "contact.", 8) && name[8]) {
        c->field = F_CONTACT_ATTR;
        c->attr = xstrdup(name + 8);
        *type = FT_STRING;
        return 0;
    }
    return -1;
}

static int parse_op(const char *name, enum op *op)
{
    for (size_t i = 0; i < sizeof op_names / sizeof *op_names; i++) {
        if (op_names[i] && !strcmp(name, op_names[i])) {
            *op = (enum op)i;
            return 0;
        }
    }
    return -1;
}

/* Compile the regex operand with UTF and Unicode properties on, case
 * insensitive, so "order\s*(\d+)" reads as people expect. */
static int compile_regex(struct auto_cond *c, const char *pattern, char *err,
                         size_t errlen)
{
    int code;
    PCRE2_SIZE offset;

    c->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                          PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code,
                          &offset, NULL);
    if (c->re)
        return 0;
    PCRE2_UCHAR msg[120];
    pcre2_get_error_message(code, msg, sizeof msg);
    snprintf(err, errlen, "bad regular expression at %zu: %s", (size_t)offset,
             (const char *)msg);
    return -1;
}

/* Read the operand of a string-field leaf. Returns 0 or -1 with err. */
static int leaf_string_operand(struct auto_cond *c, const json_t *value,
                               char *err, size_t errlen)
{
    if (c->op == OP_IS_SET || c->op == OP_NOT_SET)
        return 0;
    if (c->op == OP_KEYWORDS || c->op == OP_IN) {
        if (!json_is_array(value) || json_array_size(value) == 0) {
            snprintf(err, errlen, "'%s' needs a non-empty array of strings",
                     op_names[c->op]);
            return -1;
        }
        c->nvalues = json_array_size(value);
        c->values = xcalloc(c->nvalues, sizeof *c->values);
        for (size_t i = 0; i < c->nvalues; i++) {
            const char *s = json_string_value(json_array_get(value, i));
            if (!s || !(c->values[i] = auto_fold(s))) {
                snprintf(err, errlen, "value[%zu] is not a UTF-8 string", i);
                return -1;
            }
        }
        return 0;
    }
    const char *s = json_string_value(value);
    if (!s) {
        snprintf(err, errlen, "'%s' needs a string value", op_names[c->op]);
        return -1;
    }
    if (c->op == OP_MATCHES)
        return compile_regex(c, s, err, errlen);
    if (!(c->value = auto_fold(s))) {
        snprintf(err, errlen, "value is not valid UTF-8");
        return -1;
    }
    return 0;
}

/* Read the operand of an integer, boolean or label leaf. */
static int leaf_other_operand(struct auto_cond *c, enum field_type type,
                              const json_t *value, char *err, size_t errlen)
{
    if (c->op == OP_IS_SET || c->op == OP_NOT_SET)
        return 0;
    if (type == FT_BOOL) {
        if (!json_is_boolean(value))
            goto bad;
        c->num = json_is_true(value);
        return 0;
    }
    if (type == FT_LABELS) {
        const char *s = json_string_value(value);
        if (!s || !(c->value = auto_fold(s)))
            goto bad;
        return 0;
    }
    if (c->op == OP_IN) {
        if (!json_is_array(value) || json_array_size(value) == 0)
            goto bad;
        c->nvalues = json_array_size(value);
        c->nums = xcalloc(c->nvalues, sizeof *c->nums);
        for (size_t i = 0; i < c->nvalues; i++) {
            if (!json_is_integer(json_array_get(value, i)))
                goto bad;
            c->nums[i] = json_integer_value(json_array_get(value, i));
        }
        return 0;
    }
    if (!json_is_integer(value))
        goto bad;
    c->num = json_integer_value(value);
    return 0;
bad:
    snprintf(err, errlen, "bad value for '%s'", op_names[c->op]);
    return -1;
}

static struct auto_cond *compile_cond(const json_t *j, int depth, char *err,
                                      size_t errlen);

/* Compile {"all":[...]}, {"any":[...]} or {"not":{...}}. */
static struct auto_cond *compile_group(const json_t *j, int depth, char *err,
                                       size_t errlen)
{
    struct auto_cond *c = xcalloc(1, sizeof *c);
    const json_t *list = json_object_get(j, "all");

    c->kind = COND_ALL;
    if (!list && (list = json_object_get(j, "any")))
        c->kind = COND_ANY;
    if (!list && (list = json_object_get(j, "not"))) {
        c->kind = COND_NOT;
        c->kids = xcalloc(1, sizeof *c->kids);
        c->nkids = 1;
        if (!(c->kids[0] = compile_cond(list, depth + 1, err, errlen)))
            goto fail;
        return c;
    }
    if (!json_is_array(list)) {
        snprintf(err, errlen, "'all'/'any' must be an array");
        goto fail;
    }
    c->kids = xcalloc(json_array_size(list) + 1, sizeof *c->kids);
    for (size_t i = 0; i < json_array_size(list); i++) {
        c->kids[i] =
            compile_cond(json_array_get(list, i), depth + 1, err, errlen);
        if (!c->kids[i])
            goto fail;
        c->nkids++;
    }
    return c;
fail:
    cond_free(c);
    return NULL;
}

/* Compile {"field","op","value"}. */
static struct auto_cond *compile_leaf(const json_t *j, char *err, size_t errlen)
{
    struct auto_cond *c = xcalloc(1, sizeof *c);
    const char *field = json_string_value(json_object_get(j, "field"));
    const char *op = json_string_value(json_object_get(j, "op"));
    const json_t *value = json_object_get(j, "value");
    enum field_type type;
    int rc;

    c->kind = COND_LEAF;
    if (!field || parse_field(field, c, &type)) {
        snprintf(err, errlen, "unknown field '%s'", field ? field : "");
        goto fail;
    }
    if (!op || parse_op(op, &c->op) || !(ops_for_type[type] & 1u << c->op)) {
        snprintf(err, errlen, "operator '%s' does not apply to '%s'",
                 op ? op : "", field);
        goto fail;
    }
    rc = type == FT_STRING ? leaf_string_operand(c, value, err, errlen)
                           : leaf_other_operand(c, type, value, err, errlen);
    if (rc == 0)
        return c;
fail:
    cond_free(c);
    return NULL;
}

static struct auto_cond *compile_cond(const json_t *j, int depth, char *err,
                                      size_t errlen)
{
    if (depth > 8) {
        snprintf(err, errlen, "conditions nest deeper than 8 groups");
        return NULL;
    }
    if (!json_is_object(j)) {
        snprintf(err, errlen, "a condition must be an object");
        return NULL;
    }
    if (json_object_get(j, "field"))
        return compile_leaf(j, err, errlen);
    return compile_group(j, depth, err, errlen);
}

/* --- validating actions ------------------------------------------------- */

static bool has_string(const json_t *a, const char *key)
{
    const char *s = json_string_value(json_object_get(a, key));
    return s && *s;
}

static bool has_int(const json_t *a, const char *key, int64_t lo, int64_t hi)
{
    const json_t *v = json_object_get(a, key);
    return json_is_integer(v) && json_integer_value(v) >= lo &&
           json_integer_value(v) <= hi;
}

/* Buttons: 1 to 3 of {"id","title"}, as WhatsApp allows. */
static bool valid_buttons(const json_t *a)
{
    const json_t *b = json_object_get(a, "buttons");
    size_t n = json_array_size(b);

    if (!has_string(a, "text") || n < 1 || n > 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!has_string(json_array_get(b, i), "id") ||
            !has_string(json_array_get(b, i), "title"))
            return false;
    return true;
}

/* A list: "text", "button" and 1 to 10 rows of {"id","title"}. */
static bool valid_list(const json_t *a)
{
    const json_t *rows = json_object_get(a, "rows");
    size_t n = json_array_size(rows);

    if (!has_string(a, "text") || !has_string(a, "button") || n < 1 || n > 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!has_string(json_array_get(rows, i), "id") ||
            !has_string(json_array_get(rows, i), "title"))
            return false;
    return true;
}

static bool valid_assign(const json_t *a)
{
    return has_int(a, "user_id", 1, INT64_MAX) ||
           has_int(a, "team_id", 1, INT64_MAX) ||
           json_is_true(json_object_get(a, "auto"));
}

static bool valid_webhook(const json_t *a)
{
    const char *url = json_string_value(json_object_get(a, "url"));
    return url && (!strncmp(url, "http://", 7) || !strncmp(url, "https://", 8));
}

/* Check one action; returns NULL if valid, else what is wrong. */
static const char *check_action(const json_t *a)
{
    const char *t = json_string_value(json_object_get(a, "type"));

    if (!t)
        return "an action needs a \"type\"";
    if (!strcmp(t, "reply") || !strcmp(t, "note"))
        return has_string(a, "text") ? NULL : "needs \"text\"";
    if (!strcmp(t, "template"))
        return has_string(a, "name") && has_string(a, "language")
                   ? NULL
                   : "needs \"name\" and \"language\"";
    if (!strcmp(t, "buttons"))
        return valid_buttons(a) ? NULL : "needs \"text\" and 1-3 buttons";
    if (!strcmp(t, "list"))
        return valid_list(a) ? NULL : "needs \"text\", \"button\", 1-10 rows";
    if (!strcmp(t, "assign"))
        return valid_assign(a) ? NULL : "needs user_id, team_id or auto";
    if (!strcmp(t, "set_priority"))
        return has_int(a, "priority", 0, 4) ? NULL : "priority is 0..4";
    if (!strcmp(t, "add_label") || !strcmp(t, "remove_label"))
        return has_string(a, "label") ? NULL : "needs \"label\"";
    if (!strcmp(t, "set_attribute"))
        return has_string(a, "key") &&
                       json_is_string(json_object_get(a, "value"))
                   ? NULL
                   : "needs \"key\" and a string \"value\"";
    if (!strcmp(t, "snooze"))
        return has_int(a, "minutes", 1, 525600) ? NULL : "needs minutes";
    if (!strcmp(t, "webhook"))
        return valid_webhook(a) ? NULL : "needs an http(s) \"url\"";
    if (!strcmp(t, "set_step"))
        return json_is_string(json_object_get(a, "step")) ? NULL
                                                          : "needs \"step\"";
    if (!strcmp(t, "apply_sla"))
        return has_int(a, "policy_id", 1, INT64_MAX) ? NULL : "needs policy_id";
    if (!strcmp(t, "unassign") || !strcmp(t, "resolve") ||
        !strcmp(t, "reopen") || !strcmp(t, "csat"))
        return NULL;
    return "unknown action type";
}

bool auto_action_is_reply(const char *type)
{
    return type && (!strcmp(type, "reply") || !strcmp(type, "template") ||
                    !strcmp(type, "buttons") || !strcmp(type, "list") ||
                    !strcmp(type, "csat"));
}

/* --- compiling rules ----------------------------------------------------- */

static int check_actions(const json_t *actions, char *err, size_t errlen)
{
    if (!json_is_array(actions) || json_array_size(actions) == 0) {
        snprintf(err, errlen, "\"actions\" must be a non-empty array");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(actions); i++) {
        const char *why = check_action(json_array_get(actions, i));
        if (why) {
            snprintf(err, errlen, "actions[%zu]: %s", i, why);
            return -1;
        }
    }
    return 0;
}

/* Read the scalar members of a rule document. */
static int read_rule_head(const json_t *doc, struct auto_rule *out, char *err,
                          size_t errlen)
{
    const char *name = json_string_value(json_object_get(doc, "name"));
    const char *event = json_string_value(json_object_get(doc, "event"));
    const json_t *minutes = json_object_get(doc, "event_minutes");

    if (!name || !*name) {
        snprintf(err, errlen, "a rule needs a \"name\"");
        return -1;
    }
    if (!auto_event_valid(event)) {
        snprintf(err, errlen, "unknown event '%s'", event ? event : "");
        return -1;
    }
    out->event_minutes = json_integer_value(minutes);
    if (auto_event_is_timed(event) &&
        (out->event_minutes < 1 || out->event_minutes > 43200)) {
        snprintf(err, errlen, "a time event needs event_minutes 1..43200");
        return -1;
    }
    out->id = json_integer_value(json_object_get(doc, "id"));
    out->name = xstrdup(name);
    out->event = xstrdup(event);
    out->position = json_integer_value(json_object_get(doc, "position"));
    out->enabled = !json_is_false(json_object_get(doc, "enabled"));
    out->stop = json_is_true(json_object_get(doc, "stop"));
    out->reply_period_s =
        json_integer_value(json_object_get(doc, "reply_period_s"));
    return 0;
}

int auto_rule_compile(const json_t *doc, struct auto_rule *out, char *err,
                      size_t errlen)
{
    char inner[200] = "";
    const json_t *cond = json_object_get(doc, "conditions");
    const json_t *actions = json_object_get(doc, "actions");

    memset(out, 0, sizeof *out);
    if (!json_is_object(doc)) {
        snprintf(err, errlen, "a rule must be an object");
        return -1;
    }
    if (read_rule_head(doc, out, err, errlen))
        goto fail;
    if (check_actions(actions, err, errlen))
        goto fail;
    if (cond && !json_is_null(cond) && json_object_size(cond) > 0 &&
        !(out->cond = compile_cond(cond, 0, inner, sizeof inner))) {
        snprintf(err, errlen, "conditions: %s", inner);
        goto fail;
    }
    out->actions = json_deep_copy(actions);
    return 0;
fail:
    auto_rule_free(out);
    return -1;
}

void auto_rule_free(struct auto_rule *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->event);
    cond_free(r->cond);
    json_decref(r->actions);
    memset(r, 0, sizeof *r);
}

static int rule_order(const void *a, const void *b)
{
    const struct auto_rule *x = a, *y = b;

    if (x->position != y->position)
        return x->position < y->position ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int auto_ruleset_compile(const json_t *docs, struct auto_ruleset *out,
                         char *err, size_t errlen)
{
    char inner[200];
    size_t n = json_array_size(docs);

    out->rules = xcalloc(n + 1, sizeof *out->rules);
    out->count = 0;
    for (size_t i = 0; i < n; i++) {
        if (auto_rule_compile(json_array_get(docs, i), &out->rules[out->count],
                              inner, sizeof inner)) {
            snprintf(err, errlen, "rules[%zu]: %s", i, inner);
            auto_ruleset_free(out);
            return -1;
        }
        out->count++;
    }
    qsort(out->rules, out->count, sizeof *out->rules, rule_order);
    return 0;
}

void auto_ruleset_free(struct auto_ruleset *rs)
{
    for (size_t i = 0; rs && i < rs->count; i++)
        auto_rule_free(&rs->rules[i]);
    if (rs) {
        free(rs->rules);
        rs->rules = NULL;
        rs->count = 0;
    }
}

/* --- evaluating ---------------------------------------------------------- */

/* The state of evaluating one rule: regex captures of its conditions. */
struct eval {
    const struct auto_facts *f;
    char *folded_text; /* facts->text folded once per evaluation */
    bool text_folded;
    pcre2_match_context *mctx;
    char *captures[AUTO_MAX_CAPTURES];
    size_t ncaptures;
};

static void eval_clear(struct eval *ev)
{
    for (size_t i = 0; i < ev->ncaptures; i++)
        free(ev->captures[i]);
    ev->ncaptures = 0;
}

static const char *attr_string(const json_t *attrs, const char *key, char *tmp,
                               size_t tmplen)
{
    const json_t *v = json_object_get(attrs, key);

    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, tmplen, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    return NULL;
}

static const char *string_fact(const struct auto_facts *f,
                               const struct auto_cond *c, char *tmp,
                               size_t tmplen)
{
    switch (c->field) {
    case F_TEXT:
        return f->text;
    case F_TYPE:
        return f->message_type;
    case F_REPLY_ID:
        return f->reply_id;
    case F_INTENT:
        return f->intent;
    case F_LANGUAGE:
        return f->language;
    case F_SENTIMENT:
        return f->sentiment;
    case F_STATUS:
        return f->status;
    case F_FLOW_STEP:
        return f->flow_step;
    case F_CONTACT_NAME:
        return f->contact_name;
    case F_CONTACT_PHONE:
        return f->contact_phone;
    case F_CONTACT_ATTR:
        return attr_string(f->contact_attributes, c->attr, tmp, tmplen);
    default:
        return NULL;
    }
}

static int64_t int_fact(const struct auto_facts *f, enum field field)
{
    switch (field) {
    case F_INBOX:
        return f->inbox_id;
    case F_TEAM:
        return f->team_id;
    case F_ASSIGNEE:
        return f->assignee_id;
    case F_PRIORITY:
        return f->priority;
    case F_FIRST_MESSAGE:
        return f->first_message;
    case F_BUSINESS_HOURS:
        return f->in_business_hours;
    default:
        return 0;
    }
}

static bool is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Whether folded keyword kw occurs in folded text. An ASCII keyword must
 * stand as a whole word ("hi" is not in "this"); any other is matched as
 * a substring, since scripts like Korean attach particles to the word
 * ("주문이" holds "주문") and many scripts use no spaces at all.
 */
static bool keyword_in(const char *text, const char *kw)
{
    size_t n = strlen(kw);
    bool ascii_edges = n && !((unsigned char)kw[0] & 0x80) &&
                       !((unsigned char)kw[n - 1] & 0x80);

    for (const char *p = strstr(text, kw); p; p = strstr(p + 1, kw)) {
        if (!ascii_edges)
            return true;
        bool left = p == text || !is_word_byte(p[-1]);
        bool right = !is_word_byte(p[n]);
        if (left && right)
            return true;
    }
    return false;
}

/* Run the rule's regex on raw text, keeping its captures for replies. A
 * match that hits the limits counts as no match. */
static bool regex_match(struct eval *ev, const struct auto_cond *c,
                        const char *text)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(c->re, NULL);
    int n =
        pcre2_match(c->re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, ev->mctx);

    if (n > 0 && ev->ncaptures == 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        for (int i = 0; i < n && i < AUTO_MAX_CAPTURES; i++) {
            if (ov[2 * i] == PCRE2_UNSET)
                ev->captures[i] = xstrdup("");
            else
                ev->captures[i] =
                    xstrndup(text + ov[2 * i], ov[2 * i + 1] - ov[2 * i]);
            ev->ncaptures = (size_t)i + 1;
        }
    }
    pcre2_match_data_free(md);
    return n > 0;
}

static bool eval_string_leaf(struct eval *ev, const struct auto_cond *c)
{
    char tmp[32];
    const char *raw = string_fact(ev->f, c, tmp, sizeof tmp);
    bool set = raw && *raw, r = false;

    if (c->op == OP_IS_SET || c->op == OP_NOT_SET)
        return (c->op == OP_IS_SET) == set;
    if (!raw)
        return c->op == OP_NOT_EQUALS || c->op == OP_NOT_CONTAINS;
    if (c->op == OP_MATCHES)
        return regex_match(ev, c, raw);
    /* Most rules look at the message text: fold it only once. */
    char *s, *own = NULL;
    if (c->field == F_TEXT) {
        if (!ev->text_folded) {
            ev->folded_text = auto_fold(raw);
            ev->text_folded = true;
        }
        s = ev->folded_text;
    } else {
        s = own = auto_fold(raw);
    }
    if (!s)
        return false;
    switch (c->op) {
    case OP_EQUALS:
        r = !strcmp(s, c->value);
        break;
    case OP_NOT_EQUALS:
        r = strcmp(s, c->value) != 0;
        break;
    case OP_CONTAINS:
        r = strstr(s, c->value) != NULL;
        break;
    case OP_NOT_CONTAINS:
        r = strstr(s, c->value) == NULL;
        break;
    case OP_STARTS_WITH:
        r = !strncmp(s, c->value, strlen(c->value));
        break;
    case OP_KEYWORDS:
        for (size_t i = 0; !r && i < c->nvalues; i++)
            r = keyword_in(s, c->values[i]);
        break;
    case OP_IN:
        for (size_t i = 0; !r && i < c->nvalues; i++)
            r = !strcmp(s, c->values[i]);
        break;
    default:
        break;
    }
    free(own);
    return r;
}

static bool has_label(const json_t *labels, const char *folded)
{
    for (size_t i = 0; i < json_array_size(labels); i++) {
        const char *l = json_string_value(json_array_get(labels, i));
        char *s = l ? auto_fold(l) : NULL;
        bool same = s && !strcmp(s, folded);
        free(s);
        if (same)
            return true;
    }
    return false;
}

static bool eval_other_leaf(struct eval *ev, const struct auto_cond *c)
{
    int64_t v = int_fact(ev->f, c->field);

    switch (c->op) {
    case OP_EQUALS:
        return v == c->num;
    case OP_NOT_EQUALS:
        return v != c->num;
    case OP_GT:
        return v > c->num;
    case OP_LT:
        return v < c->num;
    case OP_IS_SET:
        return v != 0;
    case OP_NOT_SET:
        return v == 0;
    case OP_IS:
        return (v != 0) == (c->num != 0);
    case OP_HAS:
        return has_label(ev->f->labels, c->value);
    case OP_NOT_HAS:
        return !has_label(ev->f->labels, c->value);
    case OP_IN:
        for (size_t i = 0; i < c->nvalues; i++)
            if (c->nums[i] == v)
                return true;
        return false;
    default:
        return false;
    }
}

static bool eval_cond(struct eval *ev, const struct auto_cond *c)
{
    switch (c->kind) {
    case COND_ALL:
        for (size_t i = 0; i < c->nkids; i++)
            if (!eval_cond(ev, c->kids[i]))
                return false;
        return true;
    case COND_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if (eval_cond(ev, c->kids[i]))
                return true;
        return c->nkids == 0;
    case COND_NOT:
        return !eval_cond(ev, c->kids[0]);
    case COND_LEAF:
        if (c->field <= F_CONTACT_ATTR)
            return eval_string_leaf(ev, c);
        return eval_other_leaf(ev, c);
    }
    return false;
}

/* --- rendering ----------------------------------------------------------- */

static const char *lookup_var(const char *name, const struct auto_facts *f,
                              const char *const *captures, size_t ncaptures,
                              char *tmp, size_t tmplen)
{
    if (!strcmp(name, "contact.name"))
        return f->contact_name;
    if (!strcmp(name, "contact.phone"))
        return f->contact_phone;
    if (!strcmp(name, "message.text"))
        return f->text;
    if (!strcmp(name, "conversation.id")) {
        snprintf(tmp, tmplen, "%lld", (long long)f->conversation_id);
        return tmp;
    }
    if (!strncmp(name, "match.", 6)) {
        char *end;
        long i = strtol(name + 6, &end, 10);
        if (*end || end == name + 6 || i < 0 || (size_t)i >= ncaptures)
            return NULL;
        return captures[i];
    }
    if (!strncmp(name, "contact.", 8))
        return attr_string(f->contact_attributes, name + 8, tmp, tmplen);
    return NULL;
}

/* Copy s[0..n) without the spaces around it into out. */
static void trimmed(const char *s, size_t n, char *out, size_t outlen)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

char *auto_render(const char *tmpl, const struct auto_facts *f,
                  const char *const *captures, size_t ncaptures)
{
    struct buf b = BUF_INIT;
    const char *p = tmpl;

    buf_puts(&b, "");
    while (*p) {
        const char *open = strstr(p, "{{");
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!close) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(open - p));

        char name[128], def[512] = "", tmp[32];
        const char *inner = open + 2;
        const char *bar = memchr(inner, '|', (size_t)(close - inner));
        trimmed(inner, (size_t)((bar ? bar : close) - inner), name,
                sizeof name);
        if (bar)
            trimmed(bar + 1, (size_t)(close - bar - 1), def, sizeof def);
        const char *v =
            lookup_var(name, f, captures, ncaptures, tmp, sizeof tmp);
        buf_puts(&b, v && *v ? v : def);
        p = close + 2;
    }
    return buf_steal(&b);
}

/* Render one string member of an object in place. */
static void render_member(json_t *obj, const char *key, struct eval *ev)
{
    const char *s = json_string_value(json_object_get(obj, key));

    if (!s)
        return;
    char *r =
        auto_render(s, ev->f, (const char *const *)ev->captures, ev->ncaptures);
    json_object_set_new(obj, key, json_string(r));
    free(r);
}

/* A copy of action with its text, value, url and template params
 * rendered. */
static json_t *render_action(const json_t *action, struct eval *ev)
{
    json_t *a = json_deep_copy(action);
    json_t *params = json_object_get(a, "params");
    static const char *const keys[] = {"text", "value", "header", "footer",
                                       "step"};

    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        render_member(a, keys[i], ev);
    for (size_t i = 0; i < json_array_size(params); i++) {
        const char *s = json_string_value(json_array_get(params, i));
        if (!s)
            continue;
        char *r = auto_render(s, ev->f, (const char *const *)ev->captures,
                              ev->ncaptures);
        json_array_set_new(params, i, json_string(r));
        free(r);
    }
    return a;
}

/* --- the evaluation loop ------------------------------------------------- */

static bool rule_applies(const struct auto_rule *r, const struct auto_facts *f)
{
    if (!r->enabled || strcmp(r->event, f->event))
        return false;
    return !auto_event_is_timed(r->event) || f->event_minutes == 0 ||
           f->event_minutes == r->event_minutes;
}

static bool replies_suppressed(const struct auto_rule *r,
                               const struct auto_facts *f)
{
    if (r->reply_period_s <= 0 || !f->last_reply)
        return false;
    int64_t last = f->last_reply(r->id, f->last_reply_arg);
    return last > 0 && f->now - last < r->reply_period_s * 1000;
}

static void plan_add(struct auto_plan *plan, const struct auto_rule *r,
                     json_t *action)
{
    plan->actions =
        xrealloc(plan->actions, (plan->count + 1) * sizeof *plan->actions);
    plan->actions[plan->count].rule_id = r->id;
    plan->actions[plan->count].rule_name = r->name;
    plan->actions[plan->count].action = action;
    plan->count++;
}

/* Plan the actions of a rule that matched; the flood guard drops replies
 * (and only replies) inside the rule's period. */
static void plan_rule(struct auto_plan *plan, const struct auto_rule *r,
                      struct eval *ev, json_t *trace)
{
    bool suppressed = replies_suppressed(r, ev->f);

    for (size_t i = 0; i < json_array_size(r->actions); i++) {
        const json_t *a = json_array_get(r->actions, i);
        const char *type = json_string_value(json_object_get(a, "type"));
        if (suppressed && auto_action_is_reply(type))
            continue;
        plan_add(plan, r, render_action(a, ev));
    }
    if (suppressed && trace)
        json_object_set_new(trace, "suppressed", json_string("reply_period"));
}

size_t auto_evaluate(const struct auto_ruleset *rs, const struct auto_facts *f,
                     struct auto_plan *plan)
{
    struct eval ev = {.f = f};
    size_t matched = 0;

    memset(plan, 0, sizeof *plan);
    plan->trace = json_array();
    if (!f->event || (f->sender_type && !strcmp(f->sender_type, "automation")))
        return 0;
    ev.mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(ev.mctx, AUTO_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(ev.mctx, AUTO_REGEX_DEPTH_LIMIT);
    for (size_t i = 0; i < rs->count; i++) {
        const struct auto_rule *r = &rs->rules[i];
        if (!rule_applies(r, f))
            continue;
        bool hit = !r->cond || eval_cond(&ev, r->cond);
        json_t *t =
            f->trace ? json_pack("{s:I,s:s,s:b}", "rule_id", (json_int_t)r->id,
                                 "name", r->name, "matched", hit)
                     : NULL;
        if (hit) {
            matched++;
            plan_rule(plan, r, &ev, t);
        }
        if (t)
            json_array_append_new(plan->trace, t);
        eval_clear(&ev);
        if (hit && r->stop)
            break;
    }
    pcre2_match_context_free(ev.mctx);
    free(ev.folded_text);
    return matched;
}

void auto_plan_free(struct auto_plan *plan)
{
    if (!plan)
        return;
    for (size_t i = 0; i < plan->count; i++)
        json_decref(plan->actions[i].action);
    free(plan->actions);
    json_decref(plan->trace);
    memset(plan, 0, sizeof *plan);
}

/*
 * Tests for the rules engine core: compiling rule documents (and refusing
 * bad ones with a clear message), every condition kind, every action kind,
 * variables, the stop flag, and the loop and flood guards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation/engine.h"

/* Compile a rule set from JSON text; fails the test on error. */
static void compile(const char *text, struct auto_ruleset *rs)
{
    char err[256] = "";
    json_error_t jerr;
    json_t *docs = json_loads(text, 0, &jerr);

    assert_non_null(docs);
    if (auto_ruleset_compile(docs, rs, err, sizeof err) != 0)
        fail_msg("compile failed: %s", err);
    json_decref(docs);
}

/* Compile one rule and return the error, or "" when it compiled. */
static const char *compile_error(const char *text)
{
    static char err[256];
    struct auto_rule r;
    json_t *doc = json_loads(text, 0, NULL);

    assert_non_null(doc);
    err[0] = '\0';
    if (auto_rule_compile(doc, &r, err, sizeof err) == 0)
        auto_rule_free(&r);
    json_decref(doc);
    return err;
}

static struct auto_facts message_facts(const char *text)
{
    struct auto_facts f = {
        .event = "message.received",
        .now = 1000000,
        .sender_type = "contact",
        .message_type = "text",
        .text = text,
        .conversation_id = 7,
        .inbox_id = 1,
        .status = "open",
    };
    return f;
}

/* Evaluate one rule with a single condition against facts: matched? */
static bool cond_matches(const char *cond, const struct auto_facts *f)
{
    char text[1024];
    struct auto_ruleset rs;
    struct auto_plan plan;

    snprintf(text, sizeof text,
             "[{\"id\":1,\"name\":\"r\",\"event\":\"%s\",\"event_minutes\":"
             "5,\"conditions\":%s,\"actions\":[{\"type\":\"resolve\"}]}]",
             f->event, cond);
    compile(text, &rs);
    size_t n = auto_evaluate(&rs, f, &plan);
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
    return n == 1;
}

#define LEAF(field, op, value)                                                 \
    "{\"field\":\"" field "\",\"op\":\"" op "\",\"value\":" value "}"

static void test_text_conditions(void **state)
{
    struct auto_facts f = message_facts("Where is my ORDER 12345?");

    assert_true(cond_matches(LEAF("text", "contains", "\"order\""), &f));
    assert_false(cond_matches(LEAF("text", "contains", "\"refund\""), &f));
    assert_true(cond_matches(LEAF("text", "not_contains", "\"refund\""), &f));
    assert_true(cond_matches(LEAF("text", "starts_with", "\"where\""), &f));
    assert_false(cond_matches(LEAF("text", "starts_with", "\"order\""), &f));
    assert_true(cond_matches(
        LEAF("text", "equals", "\"where is my order 12345?\""), &f));
    assert_false(cond_matches(LEAF("text", "equals", "\"where\""), &f));
    assert_true(cond_matches(LEAF("text", "not_equals", "\"where\""), &f));
    assert_true(
        cond_matches(LEAF("text", "matches", "\"order\\\\s+(\\\\d+)\""), &f));
    assert_false(cond_matches(LEAF("text", "matches", "\"^\\\\d+$\""), &f));
    assert_true(cond_matches(LEAF("text", "is_set", "null"), &f));
    assert_false(cond_matches(LEAF("text", "not_set", "null"), &f));
}

static void test_keywords_unicode(void **state)
{
    struct auto_facts ko = message_facts("제 주문이 어디 있나요?");
    struct auto_facts full = message_facts("ＯＲＤＥＲ status please");
    struct auto_facts word = message_facts("this is fine");
    struct auto_facts greek = message_facts("ΣΤΟΙΧΕΙΑ ΠΑΡΑΓΓΕΛΙΑΣ");
    /* "주문" written as conjoining jamo (decomposed) folds to the same
     * syllables under NFKC. */
    struct auto_facts jamo =
        message_facts("\xe1\x84\x8c\xe1\x85\xae\xe1\x84\x86\xe1\x85\xae"
                      "\xe1\x86\xab \xed\x99\x95\xec\x9d\xb8");

    assert_true(
        cond_matches(LEAF("text", "keywords", "[\"주문\",\"배송\"]"), &ko));
    assert_true(cond_matches(LEAF("text", "keywords", "[\"주문\"]"), &jamo));
    assert_true(cond_matches(LEAF("text", "keywords", "[\"order\"]"), &full));
    assert_true(
        cond_matches(LEAF("text", "keywords", "[\"παραγγελιας\"]"), &greek));
    /* ASCII keywords match whole words only. */
    assert_false(cond_matches(LEAF("text", "keywords", "[\"hi\"]"), &word));
    assert_true(cond_matches(LEAF("text", "keywords", "[\"fine\"]"), &word));
}

static void test_message_fact_conditions(void **state)
{
    struct auto_facts f = message_facts("hello");

    f.message_type = "interactive";
    f.reply_id = "order_status";
    f.intent = "order_status";
    f.language = "ko";
    f.sentiment = "negative";
    f.first_message = true;
    assert_true(cond_matches(LEAF("type", "equals", "\"interactive\""), &f));
    assert_true(
        cond_matches(LEAF("reply_id", "equals", "\"order_status\""), &f));
    assert_true(cond_matches(
        LEAF("intent", "in", "[\"refund\",\"order_status\"]"), &f));
    assert_true(cond_matches(LEAF("language", "equals", "\"KO\""), &f));
    assert_true(cond_matches(LEAF("sentiment", "equals", "\"negative\""), &f));
    assert_true(cond_matches(LEAF("first_message", "is", "true"), &f));
    f.first_message = false;
    assert_false(cond_matches(LEAF("first_message", "is", "true"), &f));
    /* A fact that is missing (no sentiment detected) does not match. */
    f.sentiment = NULL;
    assert_false(cond_matches(LEAF("sentiment", "equals", "\"negative\""), &f));
    assert_true(cond_matches(LEAF("sentiment", "not_set", "null"), &f));
}

static void test_conversation_conditions(void **state)
{
    struct auto_facts f = message_facts("x");
    json_t *labels = json_pack("[s,s]", "VIP", "billing");

    f.team_id = 3;
    f.assignee_id = 0;
    f.priority = 3;
    f.in_business_hours = false;
    f.flow_step = "await_order";
    f.labels = labels;
    assert_true(cond_matches(LEAF("inbox_id", "equals", "1"), &f));
    assert_true(cond_matches(LEAF("team_id", "in", "[2,3]"), &f));
    assert_true(cond_matches(LEAF("assignee_id", "not_set", "null"), &f));
    assert_false(cond_matches(LEAF("assignee_id", "is_set", "null"), &f));
    assert_true(cond_matches(LEAF("priority", "gt", "2"), &f));
    assert_false(cond_matches(LEAF("priority", "lt", "3"), &f));
    assert_true(cond_matches(LEAF("status", "equals", "\"open\""), &f));
    assert_true(cond_matches(LEAF("business_hours", "is", "false"), &f));
    assert_true(
        cond_matches(LEAF("flow_step", "equals", "\"await_order\""), &f));
    assert_true(cond_matches(LEAF("label", "has", "\"vip\""), &f));
    assert_true(cond_matches(LEAF("label", "not_has", "\"spam\""), &f));
    json_decref(labels);
}

static void test_contact_conditions(void **state)
{
    struct auto_facts f = message_facts("x");
    json_t *attrs = json_pack("{s:s,s:i}", "tier", "gold", "orders", 4);

    f.contact_name = "Min-jun";
    f.contact_phone = "821012345678";
    f.contact_attributes = attrs;
    assert_true(
        cond_matches(LEAF("contact.name", "starts_with", "\"min\""), &f));
    assert_true(
        cond_matches(LEAF("contact.phone", "starts_with", "\"82\""), &f));
    assert_true(cond_matches(LEAF("contact.tier", "equals", "\"Gold\""), &f));
    assert_true(cond_matches(LEAF("contact.orders", "equals", "\"4\""), &f));
    assert_true(cond_matches(LEAF("contact.missing", "not_set", "null"), &f));
    json_decref(attrs);
}

static void test_groups(void **state)
{
    struct auto_facts f = message_facts("refund please");

    f.priority = 1;
    assert_true(cond_matches(
        "{\"any\":[" LEAF("text", "contains", "\"order\"") "," LEAF(
            "text", "contains", "\"refund\"") "]}",
        &f));
    assert_false(cond_matches(
        "{\"all\":[" LEAF("text", "contains",
                          "\"refund\"") "," LEAF("priority", "gt", "2") "]}",
        &f));
    assert_true(cond_matches(
        "{\"all\":[" LEAF("text", "contains", "\"refund\"") ",{\"any\":[" LEAF(
            "priority", "gt", "2") "," LEAF("priority", "equals", "1") "]}]}",
        &f));
    assert_true(cond_matches(
        "{\"not\":" LEAF("text", "contains", "\"order\"") "}", &f));
}

/* Every event kind triggers only the rules attached to it; time events
 * also need the same threshold. */
static void test_events(void **state)
{
    static const char *const evs[] = {
        "message.received",      "conversation.created",
        "conversation.opened",   "conversation.resolved",
        "conversation.assigned", "conversation.priority_changed",
        "time.no_agent_reply",   "time.customer_waiting",
        "time.window_closing",   "time.idle",
        "sla.at_risk",           "sla.breached",
    };

    for (size_t i = 0; i < sizeof evs / sizeof *evs; i++) {
        struct auto_facts f = message_facts("x");
        f.event = evs[i];
        f.event_minutes = 5;
        assert_true(cond_matches("{}", &f));
        f.event_minutes = auto_event_is_timed(evs[i]) ? 6 : 5;
        assert_int_equal(cond_matches("{}", &f), !auto_event_is_timed(evs[i]));
    }
    struct auto_facts other = message_facts("x");
    struct auto_ruleset rs;
    struct auto_plan plan;
    compile("[{\"name\":\"a\",\"event\":\"conversation.created\","
            "\"actions\":[{\"type\":\"resolve\"}]}]",
            &rs);
    assert_int_equal(auto_evaluate(&rs, &other, &plan), 0);
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
    assert_false(auto_event_valid("message.deleted"));
}

static void test_all_actions_compile(void **state)
{
    static const char *const actions[] = {
        "{\"type\":\"reply\",\"text\":\"hi\"}",
        "{\"type\":\"template\",\"name\":\"t\",\"language\":\"en\","
        "\"params\":[\"{{contact.name}}\"]}",
        "{\"type\":\"buttons\",\"text\":\"?\",\"buttons\":[{\"id\":\"a\","
        "\"title\":\"A\"}]}",
        "{\"type\":\"list\",\"text\":\"?\",\"button\":\"Menu\",\"rows\":[{"
        "\"id\":\"a\",\"title\":\"A\"}]}",
        "{\"type\":\"assign\",\"user_id\":2}",
        "{\"type\":\"assign\",\"team_id\":2}",
        "{\"type\":\"assign\",\"auto\":true}",
        "{\"type\":\"unassign\"}",
        "{\"type\":\"set_priority\",\"priority\":4}",
        "{\"type\":\"add_label\",\"label\":\"vip\"}",
        "{\"type\":\"remove_label\",\"label\":\"vip\"}",
        "{\"type\":\"set_attribute\",\"key\":\"k\",\"value\":\"v\"}",
        "{\"type\":\"note\",\"text\":\"n\"}",
        "{\"type\":\"snooze\",\"minutes\":30}",
        "{\"type\":\"resolve\"}",
        "{\"type\":\"reopen\"}",
        "{\"type\":\"webhook\",\"url\":\"https://example.com/h\"}",
        "{\"type\":\"csat\"}",
        "{\"type\":\"set_step\",\"step\":\"await_order\"}",
        "{\"type\":\"apply_sla\",\"policy_id\":1}",
    };
    char doc[512];

    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++) {
        snprintf(doc, sizeof doc,
                 "{\"name\":\"r\",\"event\":\"message.received\","
                 "\"actions\":[%s]}",
                 actions[i]);
        assert_string_equal(compile_error(doc), "");
    }
}

static void test_bad_rules_refused(void **state)
{
    assert_string_equal(
        compile_error("{\"event\":\"message.received\",\"actions\":[{"
                      "\"type\":\"resolve\"}]}"),
        "a rule needs a \"name\"");
    assert_string_equal(compile_error("{\"name\":\"r\",\"event\":\"nope\","
                                      "\"actions\":[{\"type\":\"resolve\"}]}"),
                        "unknown event 'nope'");
    assert_string_equal(compile_error("{\"name\":\"r\",\"event\":\"time.idle\","
                                      "\"actions\":[{\"type\":\"resolve\"}]}"),
                        "a time event needs event_minutes 1..43200");
    assert_string_equal(compile_error("{\"name\":\"r\",\"event\":\"message."
                                      "received\",\"actions\":[]}"),
                        "\"actions\" must be a non-empty array");
    assert_string_equal(
        compile_error("{\"name\":\"r\",\"event\":\"message.received\","
                      "\"actions\":[{\"type\":\"explode\"}]}"),
        "actions[0]: unknown action type");
    assert_string_equal(
        compile_error("{\"name\":\"r\",\"event\":\"message.received\","
                      "\"actions\":[{\"type\":\"set_priority\","
                      "\"priority\":9}]}"),
        "actions[0]: priority is 0..4");
    assert_string_equal(
        compile_error("{\"name\":\"r\",\"event\":\"message.received\","
                      "\"conditions\":" LEAF(
                          "text", "like",
                          "\"x\"") ","
                                   "\"actions\":[{\"type\":\"resolve\"}]}"),
        "conditions: operator 'like' does not apply to 'text'");
    assert_string_equal(
        compile_error("{\"name\":\"r\",\"event\":\"message.received\","
                      "\"conditions\":" LEAF(
                          "priority", "contains",
                          "\"x\"") ","
                                   "\"actions\":[{\"type\":\"resolve\"}]}"),
        "conditions: operator 'contains' does not apply to 'priority'");
    assert_non_null(strstr(
        compile_error("{\"name\":\"r\",\"event\":\"message.received\","
                      "\"conditions\":" LEAF(
                          "text", "matches",
                          "\"(a\"") ","
                                    "\"actions\":[{\"type\":\"resolve\"}]}"),
        "bad regular expression"));
    assert_string_equal(
        compile_error("{\"name\":\"r\",\"event\":\"message.received\","
                      "\"conditions\":" LEAF(
                          "nope", "equals",
                          "\"x\"") ","
                                   "\"actions\":[{\"type\":\"resolve\"}]}"),
        "conditions: unknown field 'nope'");
}

/* A pathological pattern on a long input hits the match limit and counts
 * as no match instead of running for minutes. */
static void test_regex_limit(void **state)
{
    char text[64];
    memset(text, 'a', sizeof text - 2);
    text[sizeof text - 2] = '!';
    text[sizeof text - 1] = '\0';
    struct auto_facts f = message_facts(text);

    assert_false(cond_matches(LEAF("text", "matches", "\"^(a+)+$\""), &f));
}

static void test_render(void **state)
{
    struct auto_facts f = message_facts("order 42");
    json_t *attrs = json_pack("{s:s}", "city", "Seoul");
    const char *caps[] = {"order 42", "42"};

    f.contact_name = "Ana";
    f.contact_attributes = attrs;
    char *s = auto_render("Hi {{contact.name}} from {{ contact.city }}, "
                          "#{{match.1}} ({{message.text}}) {{contact.nick|"
                          "friend}} {{unknown}}{{match.9|-}}",
                          &f, caps, 2);
    assert_string_equal(s, "Hi Ana from Seoul, #42 (order 42) friend -");
    free(s);
    f.contact_name = "";
    s = auto_render("Hi {{contact.name|there}} {{ unterminated", &f, NULL, 0);
    assert_string_equal(s, "Hi there {{ unterminated");
    free(s);
    json_decref(attrs);
}

/* The menu flow's lookup: a regex capture ends up in the reply. */
static void test_plan_renders_captures(void **state)
{
    struct auto_ruleset rs;
    struct auto_plan plan;
    struct auto_facts f = message_facts("It is A-1234 thanks");

    f.flow_step = "await_order";
    compile(
        "[{\"id\":9,\"name\":\"lookup\",\"event\":\"message.received\","
        "\"conditions\":{\"all\":[" LEAF(
            "flow_step", "equals",
            "\"await_order\"") "," LEAF("text", "matches",
                                        "\"([A-Z]-\\\\d{4})\"") "]},"
                                                                "\"actions\":[{"
                                                                "\"type\":"
                                                                "\"reply\","
                                                                "\"text\":"
                                                                "\"Track: "
                                                                "https://"
                                                                "t.example/"
                                                                "{{match.1}}\"}"
                                                                ",{\"type\":"
                                                                "\"set_step\","
                                                                "\"step\":\"\"}"
                                                                "]}]",
        &rs);
    assert_int_equal(auto_evaluate(&rs, &f, &plan), 1);
    assert_int_equal(plan.count, 2);
    assert_int_equal(plan.actions[0].rule_id, 9);
    assert_string_equal(plan.actions[0].rule_name, "lookup");
    assert_string_equal(
        json_string_value(json_object_get(plan.actions[0].action, "text")),
        "Track: https://t.example/A-1234");
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
}

static const char order_rules[] =
    "[{\"id\":1,\"name\":\"first\",\"position\":2,\"event\":\"message."
    "received\",\"actions\":[{\"type\":\"add_label\",\"label\":\"a\"}]},"
    "{\"id\":2,\"name\":\"stopper\",\"position\":1,\"stop\":%s,\"event\":"
    "\"message.received\",\"actions\":[{\"type\":\"reply\",\"text\":\"x\"}]},"
    "{\"id\":3,\"name\":\"off\",\"position\":0,\"enabled\":false,\"event\":"
    "\"message.received\",\"actions\":[{\"type\":\"resolve\"}]}]";

/* Rules run in position order; a disabled rule is skipped; stop ends the
 * evaluation after a match. */
static void test_order_and_stop(void **state)
{
    char text[1024];
    struct auto_ruleset rs;
    struct auto_plan plan;
    struct auto_facts f = message_facts("x");

    snprintf(text, sizeof text, order_rules, "false");
    compile(text, &rs);
    assert_int_equal(auto_evaluate(&rs, &f, &plan), 2);
    assert_int_equal(plan.count, 2);
    assert_int_equal(plan.actions[0].rule_id, 2);
    assert_int_equal(plan.actions[1].rule_id, 1);
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);

    snprintf(text, sizeof text, order_rules, "true");
    compile(text, &rs);
    assert_int_equal(auto_evaluate(&rs, &f, &plan), 1);
    assert_int_equal(plan.count, 1);
    assert_int_equal(plan.actions[0].rule_id, 2);
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
}

/* The loop guard: messages sent by automation trigger nothing. */
static void test_loop_guard(void **state)
{
    struct auto_ruleset rs;
    struct auto_plan plan;
    struct auto_facts f = message_facts("x");

    compile("[{\"name\":\"echo\",\"event\":\"message.received\","
            "\"actions\":[{\"type\":\"reply\",\"text\":\"x\"}]}]",
            &rs);
    f.sender_type = "automation";
    assert_int_equal(auto_evaluate(&rs, &f, &plan), 0);
    assert_int_equal(plan.count, 0);
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
}

static int64_t last_reply_at(int64_t rule_id, void *arg)
{
    return rule_id == 5 ? *(int64_t *)arg : 0;
}

/* The flood guard: within reply_period_s of the rule's last reply in the
 * conversation, its replies are dropped but its other actions still run. */
static void test_reply_period(void **state)
{
    struct auto_ruleset rs;
    struct auto_plan plan;
    struct auto_facts f = message_facts("x");
    int64_t last = f.now - 30000;

    f.last_reply = last_reply_at;
    f.last_reply_arg = &last;
    f.trace = true;
    compile("[{\"id\":5,\"name\":\"hours\",\"event\":\"message.received\","
            "\"reply_period_s\":60,\"actions\":[{\"type\":\"reply\","
            "\"text\":\"closed\"},{\"type\":\"add_label\",\"label\":"
            "\"after-hours\"}]}]",
            &rs);
    auto_evaluate(&rs, &f, &plan);
    assert_int_equal(plan.count, 1);
    assert_string_equal(
        json_string_value(json_object_get(plan.actions[0].action, "type")),
        "add_label");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(plan.trace, 0), "suppressed")),
                        "reply_period");
    auto_plan_free(&plan);

    last = f.now - 61000;
    auto_evaluate(&rs, &f, &plan);
    assert_int_equal(plan.count, 2);
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
}

/* The tester's trace names every applicable rule, matched or not. */
static void test_trace(void **state)
{
    struct auto_ruleset rs;
    struct auto_plan plan;
    struct auto_facts f = message_facts("hello");

    f.trace = true;
    compile("[{\"id\":1,\"name\":\"a\",\"event\":\"message.received\","
            "\"conditions\":" LEAF(
                "text", "contains",
                "\"bye\"") ","
                           "\"actions\":[{\"type\":\"resolve\"}]},"
                           "{\"id\":2,\"name\":\"b\",\"event\":\"message."
                           "received\","
                           "\"actions\":[{\"type\":\"resolve\"}]}]",
            &rs);
    auto_evaluate(&rs, &f, &plan);
    assert_int_equal(json_array_size(plan.trace), 2);
    assert_false(json_is_true(
        json_object_get(json_array_get(plan.trace, 0), "matched")));
    assert_true(json_is_true(
        json_object_get(json_array_get(plan.trace, 1), "matched")));
    auto_plan_free(&plan);
    auto_ruleset_free(&rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_conditions),
        cmocka_unit_test(test_keywords_unicode),
        cmocka_unit_test(test_message_fact_conditions),
        cmocka_unit_test(test_conversation_conditions),
        cmocka_unit_test(test_contact_conditions),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_all_actions_compile),
        cmocka_unit_test(test_bad_rules_refused),
        cmocka_unit_test(test_regex_limit),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_plan_renders_captures),
        cmocka_unit_test(test_order_and_stop),
        cmocka_unit_test(test_loop_guard),
        cmocka_unit_test(test_reply_period),
        cmocka_unit_test(test_trace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

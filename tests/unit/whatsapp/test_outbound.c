/*
 * Tests for outbound validation, Graph send bodies and template parameter
 * checks: each message type valid and invalid, with the field named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whatsapp/outbound.h"

/* Validates msg, which it consumes; returns the error ("" when valid). */
static const char *validate_json(json_t *msg)
{
    static char err[256];

    assert_non_null(msg);
    err[0] = '\0';
    if (wa_outbound_validate(msg, err, sizeof err) == 0)
        err[0] = '\0';
    else if (!err[0])
        fail_msg("failed without a reason");
    json_decref(msg);
    return err;
}

/* Validates a JSON text; returns the error ("" when valid). */
static const char *validate(const char *text)
{
    json_error_t jerr;
    json_t *msg = json_loads(text, 0, &jerr);

    if (!msg)
        fail_msg("bad test JSON: %s: %s", jerr.text, text);
    return validate_json(msg);
}

#define assert_valid(text)         assert_string_equal(validate(text), "")
#define assert_invalid(text, want) assert_string_equal(validate(text), want)

/* A string of n copies of the UTF-8 sequence u. */
static char *repeat(const char *u, size_t n)
{
    size_t len = strlen(u);
    char *s = malloc(len * n + 1);

    for (size_t i = 0; i < n; i++)
        memcpy(s + i * len, u, len);
    s[len * n] = '\0';
    return s;
}

static void text_limits_count_code_points(void **state)
{
    char *body = repeat("\xc3\xa9", 4096), msg[16384];

    assert_valid("{\"type\":\"text\",\"text\":{\"body\":\"hi\","
                 "\"preview_url\":true}}");
    /* 4096 two-byte characters: 8192 bytes but within the limit. */
    snprintf(msg, sizeof msg, "{\"type\":\"text\",\"text\":{\"body\":\"%s\"}}",
             body);
    assert_valid(msg);
    snprintf(msg, sizeof msg, "{\"type\":\"text\",\"text\":{\"body\":\"%sx\"}}",
             body);
    assert_invalid(msg, "text.body is longer than 4096 characters");
    free(body);

    assert_invalid("{\"type\":\"text\",\"text\":{}}", "text.body is required");
    assert_invalid("{\"type\":\"text\",\"text\":{\"body\":\"\"}}",
                   "text.body must not be empty");
    assert_invalid("{\"type\":\"text\",\"text\":{\"body\":1}}",
                   "text.body must be a string");
    assert_invalid("{\"type\":\"text\",\"text\":{\"body\":\"a\","
                   "\"preview_url\":\"yes\"}}",
                   "text.preview_url must be true or false");
    assert_invalid("{\"type\":\"text\",\"text\":{\"body\":\"a\",\"bdy\":1}}",
                   "text.bdy is not a known field");
    assert_invalid("{\"type\":\"text\"}", "text must be an object");
}

static void envelope_rules(void **state)
{
    assert_invalid("[]", "message must be a JSON object");
    assert_invalid("{}", "type is required");
    assert_invalid("{\"type\":\"poll\",\"poll\":{}}",
                   "type \"poll\" cannot be sent");
    assert_valid("{\"type\":\"text\",\"text\":{\"body\":\"a\"},\"context\":"
                 "{\"message_id\":\"wamid.Q\"},\"biz_opaque_callback_data\":"
                 "\"t-1\"}");
    assert_invalid("{\"type\":\"text\",\"text\":{\"body\":\"a\"},\"context\":"
                   "{}}",
                   "context.message_id is required");
    assert_invalid("{\"type\":\"text\",\"text\":{\"body\":\"a\"},\"to\":\"1\"}",
                   "to is not a known field");
    assert_invalid("{\"type\":\"reaction\",\"reaction\":{\"message_id\":\"w\","
                   "\"emoji\":\"x\"},\"context\":{\"message_id\":\"w\"}}",
                   "context is not allowed on a reaction");
}

static void media_types(void **state)
{
    char msg[2048], *caption = repeat("c", 1025);

    assert_valid("{\"type\":\"image\",\"image\":{\"id\":\"123\","
                 "\"caption\":\"look\"}}");
    assert_valid("{\"type\":\"document\",\"document\":{\"link\":"
                 "\"https://example.com/a.pdf\",\"filename\":\"a.pdf\"}}");
    assert_valid("{\"type\":\"audio\",\"audio\":{\"id\":\"1\",\"voice\":"
                 "true}}");
    assert_valid("{\"type\":\"sticker\",\"sticker\":{\"id\":\"1\"}}");
    assert_invalid("{\"type\":\"video\",\"video\":{}}",
                   "video needs exactly one of id and link");
    assert_invalid("{\"type\":\"video\",\"video\":{\"id\":\"1\",\"link\":"
                   "\"https://x.io/v\"}}",
                   "video needs exactly one of id and link");
    assert_invalid("{\"type\":\"image\",\"image\":{\"link\":\"ftp://x/y\"}}",
                   "image.link must be an http(s) URL");
    assert_invalid("{\"type\":\"audio\",\"audio\":{\"id\":\"1\",\"caption\":"
                   "\"x\"}}",
                   "audio.caption is not allowed");
    assert_invalid("{\"type\":\"image\",\"image\":{\"id\":\"1\",\"filename\":"
                   "\"x\"}}",
                   "image.filename is only for documents");
    snprintf(msg, sizeof msg,
             "{\"type\":\"image\",\"image\":{\"id\":\"1\",\"caption\":"
             "\"%s\"}}",
             caption);
    assert_invalid(msg, "image.caption is longer than 1024 characters");
    free(caption);
}

static void location_contacts_reaction(void **state)
{
    assert_valid("{\"type\":\"location\",\"location\":{\"latitude\":37.48,"
                 "\"longitude\":-122.14,\"name\":\"HQ\"}}");
    assert_invalid("{\"type\":\"location\",\"location\":{\"latitude\":\"37\","
                   "\"longitude\":1}}",
                   "location.latitude must be a number");
    assert_invalid("{\"type\":\"location\",\"location\":{\"latitude\":91,"
                   "\"longitude\":1}}",
                   "location.latitude must be between -90 and 90");

    assert_valid("{\"type\":\"contacts\",\"contacts\":[{\"name\":{"
                 "\"formatted_name\":\"Ann\"},\"phones\":[{\"phone\":\"+1\"}]}"
                 "]}");
    assert_invalid("{\"type\":\"contacts\",\"contacts\":[]}",
                   "contacts must be a non-empty array");
    assert_invalid("{\"type\":\"contacts\",\"contacts\":[{\"name\":{}}]}",
                   "contacts[0].name.formatted_name is required");

    assert_valid("{\"type\":\"reaction\",\"reaction\":{\"message_id\":\"w\","
                 "\"emoji\":\"\xf0\x9f\x91\x8d\"}}");
    assert_valid("{\"type\":\"reaction\",\"reaction\":{\"message_id\":\"w\","
                 "\"emoji\":\"\"}}");
    assert_invalid("{\"type\":\"reaction\",\"reaction\":{\"message_id\":"
                   "\"w\"}}",
                   "reaction.emoji must be a string (\"\" removes)");
}

/* A button message with n reply buttons of the given ids and titles. */
static json_t *buttons_msg(size_t n, const char *const *ids,
                           const char *const *titles)
{
    json_t *buttons = json_array();

    for (size_t i = 0; i < n; i++)
        json_array_append_new(buttons, json_pack("{s:s,s:{s:s,s:s}}", "type",
                                                 "reply", "reply", "id", ids[i],
                                                 "title", titles[i]));
    return json_pack("{s:s,s:{s:s,s:{s:s},s:{s:o}}}", "type", "interactive",
                     "interactive", "type", "button", "body", "text", "Pick",
                     "action", "buttons", buttons);
}

static void interactive_buttons(void **state)
{
    static const char *const ids[] = {"a", "b", "c", "d"};
    static const char *const same[] = {"a", "a"};
    static const char *const titles[] = {"Yes", "No", "Maybe", "Later"};
    static const char *const long_title[] = {"This title is too long!"};

    assert_valid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                 "\"button\",\"header\":{\"type\":\"text\",\"text\":\"H\"},"
                 "\"body\":{\"text\":\"Pick\"},\"footer\":{\"text\":\"f\"},"
                 "\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{"
                 "\"id\":\"a\",\"title\":\"Yes\"}}]}}}");
    assert_string_equal(validate_json(buttons_msg(3, ids, titles)), "");
    assert_string_equal(validate_json(buttons_msg(4, ids, titles)),
                        "interactive.action.buttons has 4 buttons (at most 3)");
    assert_string_equal(validate_json(buttons_msg(1, ids, long_title)),
                        "interactive.action.buttons[0].reply.title is longer "
                        "than 20 characters");
    assert_string_equal(validate_json(buttons_msg(2, same, titles)),
                        "interactive.action.buttons[1].reply.id repeats an "
                        "earlier button's id");
    assert_string_equal(validate_json(buttons_msg(0, ids, titles)),
                        "interactive.action.buttons must be a non-empty "
                        "array");
    assert_invalid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                   "\"button\",\"action\":{\"buttons\":[]}}}",
                   "interactive.body must be an object");
    assert_invalid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                   "\"carousel\"}}",
                   "interactive.type must be button, list or cta_url");
}

/* A list message whose sections hold rows[i] rows each, numbered from 1
 * across sections; sections are titled when titled is true. */
static json_t *list_msg(size_t n, const size_t *rows, bool titled)
{
    json_t *sections = json_array();
    int next = 1;

    for (size_t i = 0; i < n; i++) {
        json_t *list = json_array(), *sec;
        char id[16];

        for (size_t r = 0; r < rows[i]; r++, next++) {
            snprintf(id, sizeof id, "%d", next);
            json_array_append_new(
                list, json_pack("{s:s,s:s}", "id", id, "title", "Row"));
        }
        sec = json_pack("{s:o}", "rows", list);
        if (titled)
            json_object_set_new(sec, "title", json_string("Section"));
        json_array_append_new(sections, sec);
    }
    return json_pack("{s:s,s:{s:s,s:{s:s},s:{s:s,s:o}}}", "type", "interactive",
                     "interactive", "type", "list", "body", "text", "Choose",
                     "action", "button", "Menu", "sections", sections);
}

static void interactive_lists(void **state)
{
    static const size_t two[] = {2}, split[] = {1, 1}, eleven[] = {6, 5};

    assert_string_equal(validate_json(list_msg(1, two, false)), "");
    assert_string_equal(validate_json(list_msg(2, split, true)), "");
    assert_string_equal(validate_json(list_msg(2, split, false)),
                        "interactive.action.sections[0].title is required");
    assert_string_equal(validate_json(list_msg(2, eleven, true)),
                        "interactive.action.sections[1].rows[4] is one row "
                        "too many (at most 10 in all sections)");

    assert_invalid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                   "\"list\",\"body\":{\"text\":\"x\"},\"action\":{"
                   "\"button\":\"b\",\"sections\":[{\"rows\":[{\"id\":\"1\","
                   "\"title\":\"t\"},{\"id\":\"1\",\"title\":\"u\"}]}]}}}",
                   "interactive.action.sections[0].rows[1].id repeats an "
                   "earlier row's id");

    assert_invalid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                   "\"list\",\"body\":{\"text\":\"x\"},\"action\":{"
                   "\"button\":\"b\",\"sections\":[{\"rows\":[{\"id\":\"1\","
                   "\"title\":\"A row title that is too long\"}]}]}}}",
                   "interactive.action.sections[0].rows[0].title is longer "
                   "than 24 characters");
    assert_invalid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                   "\"list\",\"header\":{\"type\":\"image\",\"image\":{"
                   "\"id\":\"1\"}},\"body\":{\"text\":\"x\"},\"action\":{"
                   "\"button\":\"b\",\"sections\":[{\"rows\":[{\"id\":\"1\","
                   "\"title\":\"t\"}]}]}}}",
                   "interactive.header.type \"image\" is not allowed here");
}

static void interactive_cta_url(void **state)
{
    assert_valid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                 "\"cta_url\",\"header\":{\"type\":\"image\",\"image\":{"
                 "\"link\":\"https://x.io/i.png\"}},\"body\":{\"text\":\"See"
                 "\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{"
                 "\"display_text\":\"Open\",\"url\":\"https://x.io\"}}}}");
    assert_invalid("{\"type\":\"interactive\",\"interactive\":{\"type\":"
                   "\"cta_url\",\"body\":{\"text\":\"See\"},\"action\":{"
                   "\"name\":\"cta_url\",\"parameters\":{\"display_text\":"
                   "\"Open\",\"url\":\"javascript:alert(1)\"}}}}",
                   "interactive.action.parameters.url must be an http(s) URL");
}

static void template_messages(void **state)
{
    assert_valid("{\"type\":\"template\",\"template\":{\"name\":\"order\","
                 "\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":"
                 "\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"J\"},"
                 "{\"type\":\"currency\",\"currency\":{\"fallback_value\":"
                 "\"$1\",\"code\":\"USD\",\"amount_1000\":1000}}]}]}}");
    assert_invalid("{\"type\":\"template\",\"template\":{\"name\":\"order\"}}",
                   "template.language must be an object");
    assert_invalid("{\"type\":\"template\",\"template\":{\"name\":\"o\","
                   "\"language\":{\"code\":\"en\"},\"components\":[{\"type\":"
                   "\"body\",\"parameters\":[{\"type\":\"text\"}]}]}}",
                   "template.components[0].parameters[0].text is required");
}

static void builds_graph_body(void **state)
{
    json_t *msg = json_loads("{\"type\":\"text\",\"text\":{\"body\":\"hi\"},"
                             "\"context\":{\"message_id\":\"wamid.Q\"}}",
                             0, NULL);
    char err[256];
    json_t *body = wa_outbound_build(msg, "+1 (650) 555-1234", "US.42",
                                     "ticket-9", err, sizeof err);

    assert_non_null(body);
    assert_string_equal(
        json_string_value(json_object_get(body, "messaging_product")),
        "whatsapp");
    assert_string_equal(json_string_value(json_object_get(body, "to")),
                        "+1 (650) 555-1234");
    assert_string_equal(json_string_value(json_object_get(body, "recipient")),
                        "US.42");
    assert_string_equal(json_string_value(json_object_get(body, "type")),
                        "text");
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(body, "text"), "body")),
                        "hi");
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(body, "context"), "message_id")),
                        "wamid.Q");
    assert_string_equal(
        json_string_value(json_object_get(body, "biz_opaque_callback_data")),
        "ticket-9");
    json_decref(body);

    assert_null(wa_outbound_build(msg, NULL, NULL, NULL, err, sizeof err));
    assert_string_equal(err,
                        "a recipient (phone number or user id) is required");
    assert_null(wa_outbound_build(msg, "call me", NULL, NULL, err, sizeof err));
    assert_string_equal(err, "to is not a phone number");
    assert_null(wa_outbound_build(msg, NULL, "us.1", NULL, err, sizeof err));
    assert_string_equal(err, "recipient is not a WhatsApp user id");
    body = wa_outbound_build(msg, NULL, "US.13491208655302741918", NULL, err,
                             sizeof err);
    assert_null(json_object_get(body, "to"));
    assert_null(json_object_get(body, "biz_opaque_callback_data"));
    json_decref(body);
    json_decref(msg);
}

static void read_and_typing_bodies(void **state)
{
    json_t *r = wa_outbound_read_body("wamid.IN");
    json_t *t = wa_outbound_typing_body("wamid.IN");

    assert_string_equal(json_string_value(json_object_get(r, "status")),
                        "read");
    assert_string_equal(json_string_value(json_object_get(r, "message_id")),
                        "wamid.IN");
    assert_null(json_object_get(r, "typing_indicator"));
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(t, "typing_indicator"), "type")),
                        "text");
    json_decref(r);
    json_decref(t);
}

static const char positional_template[] =
    "{\"name\":\"order_update\",\"parameter_format\":\"POSITIONAL\","
    "\"components\":[{\"type\":\"HEADER\",\"format\":\"IMAGE\"},{\"type\":"
    "\"BODY\",\"text\":\"Hi {{1}}, order {{2}} shipped. {{1}}!\"},{\"type\":"
    "\"BUTTONS\",\"buttons\":[{\"type\":\"QUICK_REPLY\",\"text\":\"Stop\"},"
    "{\"type\":\"URL\",\"text\":\"Track\",\"url\":\"https://x.com/t/{{1}}\"}"
    "]}]}";

static void counts_template_parameters(void **state)
{
    json_t *tmpl = json_loads(positional_template, 0, NULL);
    struct wa_template_params p;
    char err[256];

    assert_int_equal(wa_template_count_params(tmpl, &p, err, sizeof err), 0);
    assert_false(p.named);
    assert_int_equal(p.header, 1);
    assert_int_equal(p.body, 2);
    assert_int_equal(p.n_buttons, 2);
    assert_int_equal(p.buttons[0], 0);
    assert_int_equal(p.buttons[1], 1);
    json_decref(tmpl);

    tmpl = json_loads("{\"name\":\"x\"}", 0, NULL);
    assert_int_equal(wa_template_count_params(tmpl, &p, err, sizeof err), -1);
    assert_string_equal(err, "template has no components array");
    json_decref(tmpl);
}

/* Checks a send's components text against a template text. */
static const char *check_send(const char *tmpl_text, const char *send_text)
{
    static char err[256];
    json_t *tmpl = json_loads(tmpl_text, 0, NULL);
    json_t *send = json_loads(send_text, 0, NULL);

    assert_non_null(tmpl);
    assert_non_null(send);
    err[0] = '\0';
    if (wa_template_check_send(tmpl, send, err, sizeof err) == 0)
        err[0] = '\0';
    json_decref(tmpl);
    json_decref(send);
    return err;
}

#define P(t) "{\"type\":\"text\",\"text\":\"" t "\"}"
#define IMG  "{\"type\":\"image\",\"image\":{\"id\":\"9\"}}"

static void checks_send_against_template(void **state)
{
    assert_string_equal(
        check_send(positional_template,
                   "{\"components\":[{\"type\":\"header\",\"parameters\":[" IMG
                   "]},{\"type\":\"body\",\"parameters\":[" P("Jane") "," P(
                       "A-77") "]},{\"type\":\"button\",\"sub_type\":\"url\","
                               "\"index\":\"1\",\"parameters\":[" P(
                                   "A77") "]},"
                                          "{\"type\":\"button\",\"sub_type\":"
                                          "\"quick_reply\",\"index\":0,"
                                          "\"parameters\":[{"
                                          "\"type\":\"payload\",\"payload\":"
                                          "\"S\"}]}]}"),
        "");
    assert_string_equal(
        check_send(positional_template,
                   "{\"components\":[{\"type\":\"header\",\"parameters\":[" IMG
                   "]},{\"type\":\"body\",\"parameters\":[" P("Jane") "]}]}"),
        "template body needs 2 parameters, got 1");
    assert_string_equal(
        check_send(
            positional_template,
            "{\"components\":[{\"type\":\"header\",\"parameters\":[" IMG
            "]},{\"type\":\"body\",\"parameters\":[" P("J") "," P("A") "]}]}"),
        "template button needs 1 parameter, got 0");
    assert_string_equal(
        check_send(positional_template,
                   "{\"components\":[{\"type\":\"button\",\"sub_type\":\"url\","
                   "\"index\":\"7\",\"parameters\":[]}]}"),
        "template button index is not one of the template's 2 buttons");
}

static void checks_named_parameters(void **state)
{
    static const char tmpl[] =
        "{\"name\":\"n\",\"parameter_format\":\"NAMED\",\"components\":[{"
        "\"type\":\"BODY\",\"text\":\"Hi {{first_name}}, {{order_id}}\"}]}";

    assert_string_equal(
        check_send(tmpl, "{\"components\":[{\"type\":\"body\",\"parameters\":"
                         "[{\"type\":\"text\",\"parameter_name\":\"order_id\","
                         "\"text\":\"A\"},{\"type\":\"text\","
                         "\"parameter_name\":\"first_name\",\"text\":\"J\"}]}"
                         "]}"),
        "");
    assert_string_equal(
        check_send(tmpl, "{\"components\":[{\"type\":\"body\",\"parameters\":"
                         "[{\"type\":\"text\",\"parameter_name\":\"orderid\","
                         "\"text\":\"A\"},{\"type\":\"text\","
                         "\"parameter_name\":\"first_name\",\"text\":\"J\"}]}"
                         "]}"),
        "template body has no parameter named \"orderid\"");
    assert_string_equal(
        check_send(tmpl, "{\"components\":[{\"type\":\"body\",\"parameters\":"
                         "[" P("A") "," P("B") "]}]}"),
        "template body parameter 1 needs a parameter_name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_limits_count_code_points),
        cmocka_unit_test(envelope_rules),
        cmocka_unit_test(media_types),
        cmocka_unit_test(location_contacts_reaction),
        cmocka_unit_test(interactive_buttons),
        cmocka_unit_test(interactive_lists),
        cmocka_unit_test(interactive_cta_url),
        cmocka_unit_test(template_messages),
        cmocka_unit_test(builds_graph_body),
        cmocka_unit_test(read_and_typing_bodies),
        cmocka_unit_test(counts_template_parameters),
        cmocka_unit_test(checks_send_against_template),
        cmocka_unit_test(checks_named_parameters),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

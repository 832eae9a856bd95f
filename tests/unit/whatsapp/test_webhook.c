/*
 * Tests for the webhook parser against every real payload in the shared
 * pywa fixtures, plus inline cases for batching, duplicates, BSUID-only
 * senders, status ordering and malformed input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whatsapp/webhook.h"

static json_t *load_fixture(const char *file)
{
    const char *shared = getenv("PARLEY_SHARED");
    char path[1024];
    json_error_t jerr;
    json_t *doc;

    assert_non_null(shared);
    snprintf(path, sizeof path, "%s/fixtures/whatsapp/pywa/%s", shared, file);
    doc = json_load_file(path, 0, &jerr);
    if (!doc)
        fail_msg("cannot load %s: %s", path, jerr.text);
    return doc;
}

/* Parses one named case of a fixture file; fails the test on error. */
static struct wa_batch *parse_case(const char *file, const char *name)
{
    json_t *doc = load_fixture(file);
    json_t *body = json_object_get(doc, name);
    char err[256] = "", *text;
    struct wa_batch *b = NULL;

    if (!body)
        fail_msg("no case %s in %s", name, file);
    text = json_dumps(body, JSON_COMPACT);
    if (wa_webhook_parse(text, strlen(text), &b, err, sizeof err) != 0)
        fail_msg("%s/%s: %s", file, name, err);
    free(text);
    json_decref(doc);
    return b;
}

static struct wa_batch *parse_text(const char *text)
{
    char err[256] = "";
    struct wa_batch *b = NULL;

    if (wa_webhook_parse(text, strlen(text), &b, err, sizeof err) != 0)
        fail_msg("parse failed: %s", err);
    return b;
}

/* The single message of a one-message case. */
static const struct wa_message *only_message(const struct wa_batch *b)
{
    assert_int_equal(b->n_messages, 1);
    assert_int_equal(b->n_unparsed, 0);
    return &b->messages[0];
}

static const char *cstr(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void every_fixture_case_parses_with_items(void **state)
{
    const char *shared = getenv("PARLEY_SHARED");
    char dir[1024];
    struct dirent *de;
    DIR *d;
    int files = 0;

    snprintf(dir, sizeof dir, "%s/fixtures/whatsapp/pywa", shared);
    d = opendir(dir);
    assert_non_null(d);
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        const char *name;
        json_t *doc, *body;

        if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0)
            continue;
        doc = load_fixture(de->d_name);
        json_object_foreach(doc, name, body)
        {
            struct wa_batch *b = parse_case(de->d_name, name);
            size_t items = b->n_messages + b->n_statuses + b->n_templates +
                           b->n_preferences + b->n_others;

            if (b->n_unparsed || items == 0)
                fail_msg("%s/%s: %zu unparsed, %zu items", de->d_name, name,
                         b->n_unparsed, items);
            wa_batch_free(b);
        }
        json_decref(doc);
        files++;
    }
    closedir(d);
    assert_true(files >= 18);
}

static void text_keeps_envelope_sender_and_body(void **state)
{
    struct wa_batch *b = parse_case("message.json", "text");
    const struct wa_message *m = only_message(b);

    assert_string_equal(m->change->field, "messages");
    assert_string_equal(m->change->waba_id, "1234567890987654321");
    assert_string_equal(m->change->phone_number_id, "1122334455667");
    assert_string_equal(m->change->display_phone_number, "972123456789");
    assert_string_equal(m->wamid, "wamid.xyzxyz");
    assert_string_equal(m->from, "972987654321");
    assert_string_equal(m->from_user_id, "US.13491208655302741918");
    assert_string_equal(m->profile_name, "Test Name");
    assert_null(m->username);
    assert_int_equal(m->timestamp_ms, 1697043223000LL);
    assert_string_equal(m->type, "text");
    assert_string_equal(cstr(m->content, "body"), "Body Text");
    assert_null(m->context);
    assert_null(m->referral);
    assert_null(m->errors);
    assert_string_equal(wa_message_contact_key(m), "US.13491208655302741918");
    wa_batch_free(b);
}

static void media_members_are_kept_as_given(void **state)
{
    struct wa_batch *b = parse_case("message.json", "media_with_url");
    const struct wa_message *m = only_message(b);

    assert_string_equal(m->type, "image");
    assert_string_equal(cstr(m->content, "id"), "65463453");
    assert_string_equal(cstr(m->content, "mime_type"), "image/jpeg");
    assert_string_equal(cstr(m->content, "sha256"), "4654+8g=");
    assert_true(strncmp(cstr(m->content, "url"), "https://lookaside", 17) == 0);
    wa_batch_free(b);

    b = parse_case("message.json", "document");
    m = only_message(b);
    assert_string_equal(cstr(m->content, "filename"), "filename.pdf");
    assert_string_equal(cstr(m->content, "caption"), "caption");
    assert_true(json_is_true(json_object_get(m->context, "forwarded")));
    wa_batch_free(b);

    b = parse_case("message.json", "video");
    m = only_message(b);
    assert_string_equal(cstr(m->content, "mime_type"), "video/mp4");
    assert_string_equal(cstr(m->content, "caption"), "caption");
    wa_batch_free(b);
}

static void audio_voice_and_sticker_animated_flags(void **state)
{
    static const struct {
        const char *name, *flag;
        int value;
    } cases[] = {{"audio", "voice", 0},
                 {"voice", "voice", 1},
                 {"static_sticker", "animated", 0},
                 {"animated_sticker", "animated", 1}};

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct wa_batch *b = parse_case("message.json", cases[i].name);
        const struct wa_message *m = only_message(b);
        json_t *flag = json_object_get(m->content, cases[i].flag);

        assert_true(json_is_boolean(flag));
        assert_int_equal(json_is_true(flag), cases[i].value);
        assert_non_null(cstr(m->content, "id"));
        wa_batch_free(b);
    }
}

static void reaction_and_both_removal_forms(void **state)
{
    static const char *const removals[] = {"unreaction_empty",
                                           "unreaction_no_emoji"};
    struct wa_batch *b = parse_case("message.json", "reaction");
    const struct wa_message *m = only_message(b);

    assert_string_equal(cstr(m->content, "message_id"), "wamid.yzxyzx=");
    assert_string_equal(cstr(m->content, "emoji"), "\xf0\x9f\x98\xae");
    assert_true(json_is_false(json_object_get(m->content, "removed")));
    wa_batch_free(b);

    for (int i = 0; i < 2; i++) {
        b = parse_case("message.json", removals[i]);
        m = only_message(b);
        assert_string_equal(cstr(m->content, "message_id"), "wamid.yzxyzx=");
        assert_true(json_is_null(json_object_get(m->content, "emoji")));
        assert_true(json_is_true(json_object_get(m->content, "removed")));
        wa_batch_free(b);
    }
}

static void locations_and_contacts(void **state)
{
    struct wa_batch *b = parse_case("message.json", "current_location");
    const struct wa_message *m = only_message(b);

    assert_float_equal(json_real_value(json_object_get(m->content, "latitude")),
                       12.25089, 1e-9);
    assert_null(json_object_get(m->content, "name"));
    wa_batch_free(b);

    b = parse_case("message.json", "chosen_location");
    m = only_message(b);
    assert_float_equal(
        json_real_value(json_object_get(m->content, "longitude")), -122.2164385,
        1e-9);
    assert_string_equal(cstr(m->content, "name"), "Facebook HQ");
    wa_batch_free(b);

    b = parse_case("message.json", "contacts");
    m = only_message(b);
    json_t *list = json_object_get(m->content, "contacts");
    assert_int_equal(json_array_size(list), 3);
    assert_string_equal(cstr(json_object_get(json_array_get(list, 0), "name"),
                             "formatted_name"),
                        "Chandler Bing");
    wa_batch_free(b);
}

static void order_quantities_become_integers(void **state)
{
    struct wa_batch *b = parse_case("message.json", "order");
    const struct wa_message *m = only_message(b);
    json_t *items = json_object_get(m->content, "product_items");

    assert_string_equal(cstr(m->content, "catalog_id"), "354160437058781");
    assert_int_equal(json_array_size(items), 3);
    assert_int_equal(json_integer_value(
                         json_object_get(json_array_get(items, 0), "quantity")),
                     3);
    wa_batch_free(b);

    b = parse_text(
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\","
        "\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[{"
        "\"from\":\"1\",\"id\":\"wamid.o\",\"timestamp\":\"5\",\"type\":"
        "\"order\",\"order\":{\"catalog_id\":\"9\",\"product_items\":[{"
        "\"product_retailer_id\":\"A\",\"quantity\":\"7\",\"item_price\":1,"
        "\"currency\":\"EUR\"}]}}]}}]}]}");
    m = only_message(b);
    items = json_object_get(m->content, "product_items");
    assert_int_equal(json_integer_value(
                         json_object_get(json_array_get(items, 0), "quantity")),
                     7);
    wa_batch_free(b);
}

static void unsupported_keeps_raw_and_errors(void **state)
{
    struct wa_batch *b = parse_case("message.json", "unsupported_with_type");
    const struct wa_message *m = only_message(b);

    assert_string_equal(m->type, "unsupported");
    assert_string_equal(cstr(m->content, "unsupported_type"), "pool");
    assert_string_equal(cstr(json_object_get(m->content, "raw"), "id"),
                        "wamid.xyzxyz");
    assert_int_equal(json_integer_value(
                         json_object_get(json_array_get(m->errors, 0), "code")),
                     131051);
    assert_string_equal(cstr(json_array_get(m->errors, 0), "details"),
                        "Message type is currently not supported.");
    wa_batch_free(b);

    /* A stub message with value-level errors keeps both. */
    b = parse_case("message.json", "interactive_message_with_err");
    m = only_message(b);
    assert_string_equal(m->type, "interactive");
    assert_non_null(json_object_get(m->content, "raw"));
    assert_int_equal(b->n_errors, 1);
    assert_int_equal(b->errors[0].error.code, 131000);
    assert_string_equal(b->errors[0].error.details,
                        "Unsupported webhook payload");
    wa_batch_free(b);
}

static void context_and_referral(void **state)
{
    struct wa_batch *b = parse_case("message.json", "reply");
    const struct wa_message *m = only_message(b);

    assert_string_equal(cstr(m->context, "id"), "wamid.xyzxyz==");
    assert_string_equal(cstr(m->context, "from"), "972123456789");
    wa_batch_free(b);

    b = parse_case("message.json", "forwarded_many_times");
    m = only_message(b);
    assert_true(
        json_is_true(json_object_get(m->context, "frequently_forwarded")));
    wa_batch_free(b);

    b = parse_case("message.json", "referral");
    m = only_message(b);
    assert_string_equal(cstr(m->referral, "ctwa_clid"), "CTWA_CLID");
    assert_string_equal(cstr(m->referral, "headline"), "AD_TITLE");
    assert_string_equal(cstr(m->content, "body"), "BODY");
    wa_batch_free(b);
}

static void interactive_replies_and_template_buttons(void **state)
{
    struct wa_batch *b = parse_case("callback_button.json", "button");
    const struct wa_message *m = only_message(b);

    assert_string_equal(cstr(m->content, "type"), "button_reply");
    assert_string_equal(cstr(m->content, "id"), "callback_data");
    assert_string_equal(cstr(m->content, "title"), "title");
    wa_batch_free(b);

    b = parse_case("callback_button.json", "quick_reply_without_context");
    m = only_message(b);
    assert_string_equal(m->type, "button");
    assert_string_equal(cstr(m->content, "payload"), "callback_data");
    assert_string_equal(cstr(m->content, "text"), "title");
    assert_null(m->context);
    wa_batch_free(b);

    b = parse_case("callback_selection.json", "description");
    m = only_message(b);
    assert_string_equal(cstr(m->content, "type"), "list_reply");
    assert_string_equal(cstr(m->content, "description"), "description");
    wa_batch_free(b);

    b = parse_case("call_permission_update.json", "accept");
    m = only_message(b);
    assert_string_equal(cstr(m->content, "type"), "call_permission_reply");
    assert_string_equal(
        cstr(json_object_get(m->content, "call_permission_reply"), "response"),
        "accept");
    wa_batch_free(b);
}

static void flow_reply_keeps_string_and_parsed_json(void **state)
{
    struct wa_batch *b = parse_case("flow_completion.json", "completion");
    const struct wa_message *m = only_message(b);
    json_t *resp = json_object_get(m->content, "response");

    assert_string_equal(cstr(m->content, "type"), "nfm_reply");
    assert_string_equal(cstr(m->content, "name"), "flow");
    assert_non_null(strstr(cstr(m->content, "response_json"), "flow_token"));
    assert_string_equal(cstr(resp, "flow_token"),
                        "AQAAAAACS5FpgQ_cAAAAAD0QI3s.");
    assert_string_equal(cstr(resp, "delivery_rating"), "4");
    wa_batch_free(b);
}

static void system_messages(void **state)
{
    struct wa_batch *b = parse_case("system.json", "phone_number_change");
    const struct wa_message *m = only_message(b);

    assert_string_equal(cstr(m->content, "type"), "user_changed_number");
    assert_string_equal(cstr(m->content, "wa_id"), "972912345678");
    assert_null(m->profile_name); /* that payload has no contacts[] */
    wa_batch_free(b);

    b = parse_case("system.json", "identity_change");
    m = only_message(b);
    assert_string_equal(cstr(m->content, "type"), "customer_identity_changed");
    assert_true(json_is_true(json_object_get(
        json_object_get(m->content, "identity"), "acknowledged")));
    assert_string_equal(m->profile_name, "User A");
    wa_batch_free(b);
}

static void edit_and_revoke(void **state)
{
    struct wa_batch *b = parse_case("edited_message.json", "image");
    const struct wa_message *m = only_message(b);
    json_t *inner = json_object_get(m->content, "message");

    assert_string_equal(m->type, "edit");
    assert_true(strncmp(cstr(m->content, "original_message_id"),
                        "wamid.HBgLMTQxMjU1NTA4MjkV", 26) == 0);
    assert_string_equal(cstr(inner, "type"), "image");
    assert_string_equal(cstr(json_object_get(inner, "content"), "caption"),
                        "Updated image caption");
    assert_string_equal(cstr(json_object_get(inner, "context"), "id"), "M0");
    wa_batch_free(b);

    b = parse_case("deleted_message.json", "revoke");
    m = only_message(b);
    assert_string_equal(cstr(m->content, "original_message_id"),
                        "<ORIGINAL_WHATSAPP_MESSAGE_ID>");
    wa_batch_free(b);
}

static void statuses_from_fixtures(void **state)
{
    static const struct {
        const char *name;
        enum wa_status_rank rank;
    } cases[] = {{"sent", WA_STATUS_SENT},
                 {"delivered", WA_STATUS_DELIVERED},
                 {"read", WA_STATUS_READ},
                 {"played", WA_STATUS_PLAYED},
                 {"failed", WA_STATUS_FAILED}};

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct wa_batch *b = parse_case("message_status.json", cases[i].name);

        assert_int_equal(b->n_statuses, 1);
        assert_int_equal(b->n_messages, 0);
        assert_string_equal(b->statuses[0].status, cases[i].name);
        assert_int_equal(b->statuses[0].rank, cases[i].rank);
        assert_string_equal(b->statuses[0].wamid, "wamid.xyzxyz");
        /* The fixture's contacts[] supplies the BSUID the status lacks. */
        assert_string_equal(b->statuses[0].recipient_id, "972987654321");
        assert_string_equal(wa_status_contact_key(&b->statuses[0]),
                            "US.13491208655302741918");
        wa_batch_free(b);
    }
}

static void sent_status_carries_pricing_and_conversation(void **state)
{
    struct wa_batch *b = parse_case("message_status.json", "with_tracker");
    const struct wa_status *s = &b->statuses[0];

    assert_string_equal(s->biz_opaque_callback_data, "some data");
    assert_string_equal(s->conversation_id, "7270432eae37498234f4444b35ffc5");
    assert_string_equal(s->conversation_origin, "service");
    assert_int_equal(s->conversation_expiration_ms, 1698339900000LL);
    assert_string_equal(s->pricing_model, "CBP");
    assert_string_equal(s->pricing_category, "service");
    assert_int_equal(s->billable, 1);
    assert_int_equal(s->timestamp_ms, 1698266945000LL);
    assert_int_equal(s->n_errors, 0);
    wa_batch_free(b);
}

static void failed_status_has_errors(void **state)
{
    struct wa_batch *b = parse_case("message_status.json", "failed");
    const struct wa_status *s = &b->statuses[0];

    assert_int_equal(s->n_errors, 1);
    assert_int_equal(s->errors[0].code, 130472);
    assert_string_equal(s->errors[0].title,
                        "User's number is part of an experiment");
    assert_non_null(strstr(s->errors[0].details, "experiment"));
    assert_int_equal(s->billable, -1);
    wa_batch_free(b);
}

static void template_updates(void **state)
{
    struct wa_batch *b = parse_case("template_status_update.json", "rejected");
    const struct wa_template_event *t = &b->templates[0];

    assert_int_equal(b->n_templates, 1);
    assert_int_equal(t->template_id, 1689556908129835LL);
    assert_string_equal(t->name, "abandoned_cart");
    assert_string_equal(t->language, "en");
    assert_string_equal(t->event, "REJECTED");
    assert_string_equal(t->reason, "INVALID_FORMAT");
    assert_string_equal(t->category, "MARKETING");
    assert_int_equal(t->change->entry_time_ms, 1751247548000LL);
    wa_batch_free(b);

    b = parse_case("template_quality_update.json", "yellow");
    t = &b->templates[0];
    assert_int_equal(t->template_id, 806312974732579LL);
    assert_string_equal(t->previous_quality, "GREEN");
    assert_string_equal(t->new_quality, "YELLOW");
    assert_null(t->event);
    wa_batch_free(b);

    b = parse_case("template_category_update.json", "marketing");
    t = &b->templates[0];
    assert_string_equal(t->new_category, "MARKETING");
    assert_string_equal(t->change->field, "template_category_update");
    wa_batch_free(b);
}

static void preferences_and_other_fields(void **state)
{
    struct wa_batch *b =
        parse_case("user_marketing_preferences.json", "resume");
    const struct wa_preference *p = &b->preferences[0];

    assert_int_equal(b->n_preferences, 1);
    assert_string_equal(p->wa_id, "16505551234");
    assert_string_equal(p->value, "resume");
    assert_string_equal(p->category, "marketing_messages");
    assert_int_equal(p->timestamp_ms, 1731705721000LL);
    assert_string_equal(wa_preference_contact_key(p), "16505551234");
    wa_batch_free(b);

    b = parse_case("account_update.json", "account_restriction");
    assert_int_equal(b->n_others, 1);
    assert_string_equal(b->others[0].change->field, "account_update");
    assert_string_equal(cstr(b->others[0].value, "event"),
                        "ACCOUNT_RESTRICTION");
    assert_int_equal(json_array_size(json_object_get(b->others[0].value,
                                                     "restriction_info")),
                     2);
    wa_batch_free(b);

    b = parse_case("call_terminate.json", "call_terminate");
    assert_int_equal(b->n_others, 1);
    assert_string_equal(b->others[0].change->field, "calls");
    assert_int_equal(b->n_errors, 1);
    assert_int_equal(b->errors[0].error.code, 12455);
    wa_batch_free(b);
}

static void business_app_echoes(void **state)
{
    struct wa_batch *b = parse_case("outgoing_message.json", "text");
    const struct wa_message *m = only_message(b);

    assert_true(m->echo);
    assert_string_equal(m->from, "<BUSINESS_DISPLAY_PHONE_NUMBER>");
    assert_string_equal(m->to, "<WHATSAPP_USER_PHONE_NUMBER>");
    assert_string_equal(m->to_user_id, "<BSUID>");
    assert_string_equal(cstr(m->content, "body"), "Test message");
    assert_string_equal(wa_message_contact_key(m), "<BSUID>");
    assert_int_equal(b->n_others, 0);
    wa_batch_free(b);

    b = parse_case("outgoing_message.json", "edit");
    m = only_message(b);
    assert_true(m->echo);
    assert_string_equal(m->to, "972123456789");
    assert_string_equal(wa_message_contact_key(m), "972123456789");
    assert_string_equal(
        cstr(json_object_get(json_object_get(m->content, "message"), "content"),
             "body"),
        "Text was edited");
    wa_batch_free(b);

    /* Inbound messages are not echoes. */
    b = parse_case("message.json", "text");
    assert_false(b->messages[0].echo);
    assert_null(b->messages[0].to);
    wa_batch_free(b);
}

#define ENVELOPE_OPEN "{\"object\":\"whatsapp_business_account\",\"entry\":["

/* Two entries; the first has two changes (two numbers), the second a
 * change with two statuses. */
static const char batch_body[] =
    "{\"object\":\"whatsapp_business_account\",\"entry\":["
    "{\"id\":\"W1\",\"changes\":["
    "{\"field\":\"messages\",\"value\":{"
    "\"metadata\":{\"phone_number_id\":\"P1\"},\"messages\":["
    "{\"from\":\"111\",\"id\":\"wamid.1\",\"type\":\"text\","
    "\"text\":{\"body\":\"a\"}},"
    "{\"from\":\"222\",\"id\":\"wamid.2\",\"type\":\"text\","
    "\"text\":{\"body\":\"b\"}}]}},"
    "{\"field\":\"messages\",\"value\":{"
    "\"metadata\":{\"phone_number_id\":\"P2\"},\"messages\":["
    "{\"from\":\"111\",\"id\":\"wamid.3\",\"type\":\"text\","
    "\"text\":{\"body\":\"c\"}}]}}]},"
    "{\"id\":\"W2\",\"changes\":["
    "{\"field\":\"messages\",\"value\":{\"statuses\":["
    "{\"id\":\"wamid.9\",\"status\":\"read\",\"recipient_id\":\"333\"},"
    "{\"id\":\"wamid.8\",\"status\":\"delivered\","
    "\"recipient_id\":\"333\"}]}}]}]}";

static void batches_iterate_every_level(void **state)
{
    struct wa_batch *b = parse_text(batch_body);

    assert_int_equal(b->n_changes, 3);
    assert_int_equal(b->n_messages, 3);
    assert_int_equal(b->n_statuses, 2);
    assert_int_equal(b->n_unparsed, 0);
    assert_string_equal(b->messages[1].wamid, "wamid.2");
    assert_string_equal(b->messages[1].change->phone_number_id, "P1");
    assert_string_equal(b->messages[2].change->phone_number_id, "P2");
    assert_int_equal(b->messages[2].timestamp_ms, 0); /* absent */
    assert_string_equal(b->statuses[1].wamid, "wamid.8");
    assert_string_equal(b->statuses[1].change->waba_id, "W2");
    assert_string_equal(wa_message_contact_key(&b->messages[0]),
                        wa_message_contact_key(&b->messages[2]));
    assert_string_equal(wa_status_contact_key(&b->statuses[0]), "333");
    wa_batch_free(b);
}

/* The same message twice in one change, as a retried delivery might. */
static const char duplicate_body[] =
    ENVELOPE_OPEN "{\"id\":\"W\",\"changes\":[{\"field\":\"messages\","
                  "\"value\":{\"messages\":["
                  "{\"from\":\"111\",\"id\":\"wamid.d\",\"timestamp\":\"100\","
                  "\"type\":\"text\",\"text\":{\"body\":\"hi\"}},"
                  "{\"from\":\"111\",\"id\":\"wamid.d\",\"timestamp\":\"100\","
                  "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}";

static void duplicates_are_reported_each_time(void **state)
{
    /* Dedupe is the processor's job (idempotent on wamid); the parser must
     * report every copy identically so that it can, within one body and
     * across redeliveries of the same body. */
    struct wa_batch *b = parse_text(duplicate_body);
    struct wa_batch *again = parse_text(duplicate_body);

    assert_int_equal(b->n_messages, 2);
    assert_string_equal(b->messages[0].wamid, b->messages[1].wamid);
    assert_true(json_equal(b->messages[0].content, b->messages[1].content));
    assert_int_equal(b->messages[0].timestamp_ms, 100000);
    assert_string_equal(again->messages[0].wamid, b->messages[0].wamid);
    assert_int_equal(again->messages[0].timestamp_ms,
                     b->messages[0].timestamp_ms);
    assert_string_equal(wa_message_contact_key(&again->messages[0]),
                        wa_message_contact_key(&b->messages[0]));
    wa_batch_free(again);
    wa_batch_free(b);
}

static void bsuid_only_sender(void **state)
{
    struct wa_batch *b = parse_text(
        ENVELOPE_OPEN
        "{\"id\":\"W\",\"changes\":[{\"field\":\"messages\",\"value\":{"
        "\"contacts\":[{\"profile\":{\"name\":\"Sheena\",\"username\":"
        "\"sheena\"},\"user_id\":\"US.42\"}],\"messages\":[{\"from_user_id\":"
        "\"US.42\",\"id\":\"wamid.b\",\"timestamp\":\"7\",\"type\":\"text\","
        "\"text\":{\"body\":\"hey\"}}],\"statuses\":[{\"id\":\"wamid.s\","
        "\"status\":\"delivered\",\"recipient_user_id\":\"US.42\"}]}}]}]}");
    const struct wa_message *m = &b->messages[0];

    assert_null(m->from);
    assert_string_equal(m->from_user_id, "US.42");
    assert_string_equal(m->profile_name, "Sheena");
    assert_string_equal(m->username, "sheena");
    assert_string_equal(wa_message_contact_key(m), "US.42");
    assert_null(b->statuses[0].recipient_id);
    assert_string_equal(wa_status_contact_key(&b->statuses[0]), "US.42");
    wa_batch_free(b);
}

static void status_rank_never_goes_backwards(void **state)
{
    /* Arrival order seen in the wild: read before delivered, repeats. */
    static const char *const arrivals[] = {"sent", "read", "delivered",
                                           "sent", "read", "bogus"};
    const char *current = "queued";

    for (size_t i = 0; i < sizeof arrivals / sizeof *arrivals; i++)
        if (wa_status_may_replace(current, arrivals[i]))
            current = arrivals[i];
    assert_string_equal(current, "read");

    assert_true(wa_status_may_replace("read", "played"));
    assert_true(wa_status_may_replace("sent", "failed"));
    assert_true(wa_status_may_replace(NULL, "sent"));
    assert_false(wa_status_may_replace("failed", "delivered"));
    assert_false(wa_status_may_replace("failed", "failed"));
    assert_false(wa_status_may_replace("delivered", "delivered"));
    assert_false(wa_status_may_replace("sent", "deleted"));
    assert_int_equal(wa_status_rank("played"), WA_STATUS_PLAYED);
    assert_int_equal(wa_status_rank(NULL), WA_STATUS_UNKNOWN);
}

static void envelope_errors_fail_clearly(void **state)
{
    static const struct {
        const char *body, *want;
    } cases[] = {
        {"", "body is empty"},
        {"not json", "not valid JSON"},
        {"[1,2]", "not a JSON object"},
        {"{\"entry\":[]}", "\"object\" is missing"},
        {"{\"object\":\"page\",\"entry\":[]}", "not \"whatsapp_business"},
        {"{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
         "\"entry\" is not an array"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct wa_batch *b = (void *)1;
        char err[128] = "";

        assert_int_equal(wa_webhook_parse(cases[i].body, strlen(cases[i].body),
                                          &b, err, sizeof err),
                         -1);
        assert_null(b);
        if (!strstr(err, cases[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].want);
    }
}

/* One good message among bad items at every level: messages without id,
 * without type, not an object; a status without status; a change without
 * value; a change that is a string; an entry that is a number. */
static const char bad_items_body[] =
    ENVELOPE_OPEN "{\"id\":\"W\",\"changes\":["
                  "{\"field\":\"messages\",\"value\":{\"messages\":["
                  "{\"type\":\"text\"},"
                  "{\"id\":\"wamid.t\"},"
                  "{\"from\":\"1\",\"id\":\"wamid.ok\",\"type\":\"text\","
                  "\"text\":{\"body\":\"hi\"}},"
                  "7],"
                  "\"statuses\":[{\"id\":\"x\"}]}},"
                  "{\"field\":\"messages\"},"
                  "\"junk\"]},"
                  "3]}";

static void bad_items_are_unparsed_not_fatal(void **state)
{
    struct wa_batch *b = parse_text(bad_items_body);

    assert_int_equal(b->n_messages, 1);
    assert_string_equal(b->messages[0].wamid, "wamid.ok");
    assert_int_equal(b->n_unparsed, 7);
    assert_string_equal(b->unparsed[0].reason, "message has no id");
    assert_string_equal(b->unparsed[1].reason, "message has no type");
    assert_string_equal(cstr(b->unparsed[1].raw, "id"), "wamid.t");
    assert_string_equal(b->unparsed[2].reason, "message is not an object");
    assert_string_equal(b->unparsed[3].reason, "status has no status");
    assert_null(b->unparsed[4].change);
    assert_string_equal(b->unparsed[6].reason, "entry lacks a changes array");
    wa_batch_free(b);
    wa_batch_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_fixture_case_parses_with_items),
        cmocka_unit_test(text_keeps_envelope_sender_and_body),
        cmocka_unit_test(media_members_are_kept_as_given),
        cmocka_unit_test(audio_voice_and_sticker_animated_flags),
        cmocka_unit_test(reaction_and_both_removal_forms),
        cmocka_unit_test(locations_and_contacts),
        cmocka_unit_test(order_quantities_become_integers),
        cmocka_unit_test(unsupported_keeps_raw_and_errors),
        cmocka_unit_test(context_and_referral),
        cmocka_unit_test(interactive_replies_and_template_buttons),
        cmocka_unit_test(flow_reply_keeps_string_and_parsed_json),
        cmocka_unit_test(system_messages),
        cmocka_unit_test(edit_and_revoke),
        cmocka_unit_test(statuses_from_fixtures),
        cmocka_unit_test(sent_status_carries_pricing_and_conversation),
        cmocka_unit_test(failed_status_has_errors),
        cmocka_unit_test(template_updates),
        cmocka_unit_test(preferences_and_other_fields),
        cmocka_unit_test(business_app_echoes),
        cmocka_unit_test(batches_iterate_every_level),
        cmocka_unit_test(duplicates_are_reported_each_time),
        cmocka_unit_test(bsuid_only_sender),
        cmocka_unit_test(status_rank_never_goes_backwards),
        cmocka_unit_test(envelope_errors_fail_clearly),
        cmocka_unit_test(bad_items_are_unparsed_not_fatal),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

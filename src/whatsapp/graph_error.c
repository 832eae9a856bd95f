/*
 * Graph send responses and the retry policy per error code. The policy is
 * one table below, from the contract's error list (§2.5); nothing else in
 * Parley branches on Graph error codes.
 */
#include "whatsapp/graph_error.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define SEC  1000LL
#define MIN  (60 * SEC)
#define HOUR (60 * MIN)

/* One policy row covering codes lo..hi. The delay before attempt n is
 * base_ms * growth^n, capped at cap_ms. */
struct policy {
    int64_t lo, hi;
    enum wa_retry retry;
    int64_t base_ms;
    int growth;
    int64_t cap_ms;
    int max_attempts;
    const char *text;
};

static const char text_unavailable[] =
    "WhatsApp is temporarily unavailable; the message will be retried.";
static const char text_permission[] =
    "The WhatsApp account lacks a permission for this; an administrator "
    "must grant it.";
static const char text_template_quality[] =
    "The template is paused or disabled for low quality; use another one.";

static const struct policy policies[] = {
    {0, 0, WA_RETRY_NEVER, 0, 1, 0, 0,
     "WhatsApp rejected Parley's access token; an administrator must "
     "update it."},
    {1, 1, WA_RETRY_NOW, 2 * SEC, 2, 10 * SEC, 2,
     "WhatsApp could not process the request; it will be tried once more."},
    {2, 2, WA_RETRY_LATER, 30 * SEC, 2, 10 * MIN, 5, text_unavailable},
    {3, 3, WA_RETRY_NEVER, 0, 1, 0, 0, text_permission},
    {4, 4, WA_RETRY_LATER, 5 * MIN, 2, HOUR, 6,
     "WhatsApp's API call limit for this app was reached; sending resumes "
     "automatically."},
    {10, 10, WA_RETRY_NEVER, 0, 1, 0, 0, text_permission},
    {33, 33, WA_RETRY_NEVER, 0, 1, 0, 0,
     "This business phone number was deleted from WhatsApp."},
    {100, 100, WA_RETRY_NEVER, 0, 1, 0, 0,
     "WhatsApp rejected the message as invalid."},
    {190, 190, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The WhatsApp access token has expired; an administrator must renew "
     "it."},
    {200, 299, WA_RETRY_NEVER, 0, 1, 0, 0, text_permission},
    {368, 368, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The WhatsApp account is temporarily blocked for a policy violation."},
    {80007, 80007, WA_RETRY_LATER, 5 * MIN, 2, HOUR, 6,
     "The WhatsApp Business Account's rate limit was reached; sending "
     "resumes automatically."},
    {130429, 130429, WA_RETRY_LATER, 1 * SEC, 2, MIN, 10,
     "Too many messages per second on this number; sending resumes "
     "shortly."},
    {130472, 130472, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The customer's number is part of a Meta experiment; the message was "
     "not delivered."},
    {130497, 130497, WA_RETRY_NEVER, 0, 1, 0, 0,
     "Messaging customers in this country is restricted for the account."},
    {131000, 131000, WA_RETRY_NOW, 5 * SEC, 2, MIN, 3,
     "Something went wrong at WhatsApp; the message will be retried."},
    {131005, 131005, WA_RETRY_NEVER, 0, 1, 0, 0,
     "WhatsApp denied access for this request."},
    {131008, 131008, WA_RETRY_NEVER, 0, 1, 0, 0,
     "A required part of the message is missing."},
    {131009, 131009, WA_RETRY_NEVER, 0, 1, 0, 0,
     "A value in the message is invalid (a reaction's message may be too "
     "old)."},
    {131016, 131016, WA_RETRY_LATER, 30 * SEC, 2, 10 * MIN, 5,
     text_unavailable},
    {131021, 131021, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The recipient is this business number itself."},
    {131026, 131026, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The message could not be delivered to this number (not on WhatsApp, "
     "or an outdated app)."},
    {131031, 131031, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The WhatsApp account is locked; contact Meta support."},
    {131037, 131037, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The number's display name is not approved yet."},
    {131042, 131042, WA_RETRY_NEVER, 0, 1, 0, 0,
     "There is a payment problem with the WhatsApp account."},
    {131045, 131045, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The phone number's registration is invalid; it must be registered "
     "again."},
    {131047, 131047, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The customer's 24-hour window has closed; send a template instead."},
    {131048, 131048, WA_RETRY_NEVER, 0, 1, 0, 0,
     "Sending is restricted after spam reports; reduce volume and check "
     "quality."},
    {131049, 131049, WA_RETRY_LATER, 24 * HOUR, 1, 24 * HOUR, 1,
     "Meta held this message back to protect engagement; try again no "
     "sooner than tomorrow."},
    {131050, 131050, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The customer has stopped marketing messages."},
    {131051, 131051, WA_RETRY_NEVER, 0, 1, 0, 0,
     "This message type is not supported."},
    {131052, 131052, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The customer's media could not be downloaded; ask them to send it "
     "again."},
    {131053, 131053, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The media could not be processed; check its type and size."},
    {131056, 131056, WA_RETRY_LATER, 1 * SEC, 4, 20 * MIN, 6,
     "Too many messages to this customer in a short time; the message will "
     "be retried."},
    {131057, 131057, WA_RETRY_LATER, MIN, 1, MIN, 5,
     "The WhatsApp account is in maintenance; sending resumes in about a "
     "minute."},
    {132000, 132000, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The number of template parameters does not match the template."},
    {132001, 132001, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The template does not exist in this language or is not approved."},
    {132005, 132005, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The template text is too long once its parameters are filled in."},
    {132007, 132007, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The template content violates WhatsApp policy."},
    {132012, 132012, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The template parameters have the wrong format."},
    {132015, 132016, WA_RETRY_NEVER, 0, 1, 0, 0, text_template_quality},
    {132068, 132068, WA_RETRY_NEVER, 0, 1, 0, 0, "The flow is blocked."},
    {132069, 132069, WA_RETRY_LATER, MIN, 2, 30 * MIN, 4,
     "The flow is throttled; the message will be retried."},
    {133004, 133004, WA_RETRY_LATER, 30 * SEC, 2, 10 * MIN, 5,
     text_unavailable},
    {133010, 133010, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The business phone number is not registered with WhatsApp."},
    {133016, 133016, WA_RETRY_LATER, HOUR, 1, HOUR, 3,
     "Too many registration attempts; try again in an hour."},
    {135000, 135000, WA_RETRY_NEVER, 0, 1, 0, 0,
     "WhatsApp rejected the request's parameters."},
    {2388019, 2388019, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The account has reached its template limit."},
    {2388040, 2388040, WA_RETRY_NEVER, 0, 1, 0, 0,
     "A template field is too long."},
    {2388072, 2388072, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The template body is not in a valid format."},
    {2388293, 2388293, WA_RETRY_NEVER, 0, 1, 0, 0,
     "The template has too many parameters for its length."},
    {2494100, 2494100, WA_RETRY_LATER, 5 * MIN, 1, 5 * MIN, 5,
     "The number is in maintenance; sending resumes in a few minutes."},
};

static const struct policy unknown_policy = {
    -1,
    -1,
    WA_RETRY_NEVER,
    0,
    1,
    0,
    0,
    "WhatsApp refused the message; see the error details."};

/* The row covering code, or the unknown-code row. */
static const struct policy *find_policy(int64_t code)
{
    for (size_t i = 0; i < sizeof policies / sizeof *policies; i++)
        if (code >= policies[i].lo && code <= policies[i].hi)
            return &policies[i];
    return &unknown_policy;
}

/* base * growth^attempt, capped, without overflowing on large attempts. */
static int64_t delay_for(const struct policy *p, int attempt)
{
    int64_t d = p->base_ms;

    for (int i = 0; p->growth > 1 && i < attempt && d < p->cap_ms; i++)
        d *= p->growth;
    return d < p->cap_ms ? d : p->cap_ms;
}

/* The public view of a row for the given attempt (negative counts as 0). */
static struct wa_error_class class_of(const struct policy *p, int attempt)
{
    struct wa_error_class c = {p->retry,
                               delay_for(p, attempt < 0 ? 0 : attempt),
                               p->max_attempts, p->text};

    return c;
}

struct wa_error_class wa_graph_classify(int64_t code, int attempt)
{
    return class_of(find_policy(code), attempt);
}

struct wa_error_class wa_graph_classify_http(int http_status, int attempt)
{
    static const struct policy no_answer = {
        0,
        0,
        WA_RETRY_NOW,
        2 * SEC,
        2,
        MIN,
        5,
        "WhatsApp did not answer; the message will be retried."};
    static const struct policy throttled = {
        0, 0, WA_RETRY_LATER, 30 * SEC, 2, 10 * MIN, 5, text_unavailable};

    if (http_status == 0)
        return class_of(&no_answer, attempt);
    if (http_status == 429 || http_status >= 500)
        return class_of(&throttled, attempt);
    return class_of(&unknown_policy, attempt);
}

/* A copy of obj[key] if it is a string, else NULL; the caller frees it. */
static char *dup_str(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));

    return s ? xstrdup(s) : NULL;
}

static int64_t int_of(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);

    return json_is_integer(v) ? json_integer_value(v) : 0;
}

int wa_send_result_parse(const char *body, size_t len,
                         struct wa_send_result *out, char *err, size_t errlen)
{
    json_t *root = json_loadb(body, len, 0, NULL);
    json_t *msg = json_array_get(json_object_get(root, "messages"), 0);
    json_t *contact = json_array_get(json_object_get(root, "contacts"), 0);
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!root) {
        snprintf(err, errlen, "send response is not valid JSON");
        goto out;
    }
    if (!json_is_string(json_object_get(msg, "id"))) {
        snprintf(err, errlen, "send response has no messages[0].id");
        goto out;
    }
    out->wamid = dup_str(msg, "id");
    out->message_status = dup_str(msg, "message_status");
    out->input = dup_str(contact, "input");
    out->wa_id = dup_str(contact, "wa_id");
    out->user_id = dup_str(contact, "user_id");
    rc = 0;
out:
    json_decref(root);
    return rc;
}

void wa_send_result_clear(struct wa_send_result *r)
{
    free(r->wamid);
    free(r->message_status);
    free(r->input);
    free(r->wa_id);
    free(r->user_id);
    memset(r, 0, sizeof *r);
}

int wa_graph_error_parse(const char *body, size_t len,
                         struct wa_graph_error *out)
{
    json_t *root = json_loadb(body, len, 0, NULL);
    json_t *e = json_object_get(root, "error");
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (!json_is_object(e))
        goto out;
    out->code = int_of(e, "code");
    out->subcode = int_of(e, "error_subcode");
    out->type = dup_str(e, "type");
    out->message = dup_str(e, "message");
    out->details = dup_str(json_object_get(e, "error_data"), "details");
    out->fbtrace_id = dup_str(e, "fbtrace_id");
    rc = 0;
out:
    json_decref(root);
    return rc;
}

void wa_graph_error_clear(struct wa_graph_error *e)
{
    free(e->type);
    free(e->message);
    free(e->details);
    free(e->fbtrace_id);
    memset(e, 0, sizeof *e);
}

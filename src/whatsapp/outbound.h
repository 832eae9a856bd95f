/*
 * Outbound messages: validation of what Parley's REST API accepts (the
 * Cloud API message shapes, checked against the Cloud API limits with an
 * error naming the field), the Graph send body built from it, the
 * mark-as-read and typing-indicator bodies, and template parameter checks.
 *
 * Accepted message: {"type": T, T: {...}, "context": {"message_id"}?,
 * "biz_opaque_callback_data"?} for T in text, image, video, document,
 * audio, sticker, location, contacts, reaction, interactive (button, list,
 * cta_url) and template. Lengths are Unicode code points.
 */
#ifndef PARLEY_WHATSAPP_OUTBOUND_H
#define PARLEY_WHATSAPP_OUTBOUND_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Checks msg (borrowed). Returns 0, or -1 with one sentence in err that
 * names the offending field, e.g. "text.body is longer than 4096
 * characters" or "interactive.action.buttons[3] is one too many (at most
 * 3)". Assumes strings are valid UTF-8 (jansson guarantees it).
 */
int wa_outbound_validate(const json_t *msg, char *err, size_t errlen);

/*
 * Validates msg and builds the body of POST /<PNID>/messages for a
 * recipient: `to` (a phone number, '+', spaces, dashes and parentheses
 * allowed) and/or `recipient` (a BSUID such as "US.1349..."); at least one.
 * biz_opaque (may be NULL) overrides the message's
 * biz_opaque_callback_data. Returns a new object the caller json_decref()s,
 * or NULL with err set.
 */
json_t *wa_outbound_build(const json_t *msg, const char *to,
                          const char *recipient, const char *biz_opaque,
                          char *err, size_t errlen);

/* The mark-as-read body for an inbound wamid (not NULL); the caller
 * decrefs it. */
json_t *wa_outbound_read_body(const char *wamid);

/* Mark-as-read plus the typing indicator (shown up to 25 s). */
json_t *wa_outbound_typing_body(const char *wamid);

#define WA_TEMPLATE_MAX_BUTTONS 10

/*
 * What a template's components expect, from the template JSON of the WABA
 * list endpoint ({"name","language","parameter_format","components"}).
 * Counts are distinct placeholders ({{1}} or {{name}}); a media or
 * location header counts as one parameter; button[i] counts the
 * placeholders of button i (URL suffix, or 1 for a copy-code button).
 */
struct wa_template_params {
    bool named; /* parameter_format NAMED */
    int header;
    int body;
    int n_buttons;
    int buttons[WA_TEMPLATE_MAX_BUTTONS];
};

/* Fills *out from tmpl (borrowed). Returns 0, or -1 with err set when
 * tmpl has no components array or a component is malformed. */
int wa_template_count_params(const json_t *tmpl, struct wa_template_params *out,
                             char *err, size_t errlen);

/*
 * Checks the components of a template send (the "template" member of an
 * outbound message) against tmpl: the right number of header, body and
 * per-button parameters, and for NAMED templates a parameter_name on each
 * that the template uses. Returns 0, or -1 with err naming the component.
 */
int wa_template_check_send(const json_t *tmpl, const json_t *send, char *err,
                           size_t errlen);

/* Number of Unicode code points in the UTF-8 string s. */
size_t wa_utf8_length(const char *s);

#endif

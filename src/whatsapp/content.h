/*
 * Normalisation of one Cloud API message object (inbound, or the new
 * version inside an edit) into the JSON content Parley stores and its REST
 * API returns. The shapes per type are listed in webhook.h.
 */
#ifndef PARLEY_WHATSAPP_CONTENT_H
#define PARLEY_WHATSAPP_CONTENT_H

#include <jansson.h>

/*
 * Returns a new object (the caller owns the reference) holding the
 * normalised content of msg, whose "type" member names its kind. Never
 * returns NULL: a type this code does not know, or a known type whose
 * member is missing or malformed, yields {"raw": <copy of msg>} plus
 * "unsupported_type" / "unsupported_reason" when known, so nothing is lost.
 */
json_t *wa_content_normalise(const json_t *msg);

/*
 * Returns a new object with the normalised context (quoted id and from,
 * forwarded flags, referred product), or NULL if ctx is not an object.
 */
json_t *wa_content_context(const json_t *ctx);

/*
 * Returns a new array of {"code","title","message","details"} built from a
 * Cloud API errors[] array, or NULL if errors is not a non-empty array.
 */
json_t *wa_content_errors(const json_t *errors);

#endif

/*
 * Graph API responses to a send: the success body (wamid, pacing status,
 * resolved contact) and the error body, plus the retry policy for error
 * codes, kept in one table: retry now, retry later after a delay, or
 * never; with a short sentence an agent can act on.
 */
#ifndef PARLEY_WHATSAPP_GRAPH_ERROR_H
#define PARLEY_WHATSAPP_GRAPH_ERROR_H

#include <stddef.h>
#include <stdint.h>

/* A successful send. Strings are owned; free with wa_send_result_clear(). */
struct wa_send_result {
    char *wamid;
    char *message_status; /* "accepted", "held_for_quality_assessment" or
                             NULL (only template sends carry it) */
    char *input;          /* contacts[0].input: what we sent as "to" */
    char *wa_id;          /* contacts[0].wa_id; NULL for BSUID-only */
    char *user_id;        /* contacts[0].user_id; NULL before BSUIDs */
};

/* An error response. Strings are owned; free with wa_graph_error_clear(). */
struct wa_graph_error {
    int64_t code; /* 0 if the body carried none */
    int64_t subcode;
    char *type;       /* "OAuthException", ...; may be NULL */
    char *message;    /* human text for logs; may be NULL */
    char *details;    /* error_data.details; may be NULL */
    char *fbtrace_id; /* for Meta support; may be NULL */
};

/*
 * Parses a 2xx body of POST /<PNID>/messages. Returns 0, or -1 with a
 * reason in err when the body is not JSON or has no messages[0].id.
 * out is zeroed first either way, so clearing it is always safe.
 */
int wa_send_result_parse(const char *body, size_t len,
                         struct wa_send_result *out, char *err, size_t errlen);
void wa_send_result_clear(struct wa_send_result *r);

/*
 * Parses a Graph error body {"error":{...}}. Returns 0, or -1 when the
 * body is not such an object (then out stays zeroed; classify by HTTP
 * status with wa_graph_classify_http()).
 */
int wa_graph_error_parse(const char *body, size_t len,
                         struct wa_graph_error *out);
void wa_graph_error_clear(struct wa_graph_error *e);

enum wa_retry {
    WA_RETRY_NOW,   /* transient: retry after delay_ms, a few times */
    WA_RETRY_LATER, /* rate or maintenance: retry after delay_ms */
    WA_RETRY_NEVER, /* fix the request, token, template or recipient */
};

struct wa_error_class {
    enum wa_retry retry;
    int64_t delay_ms;       /* suggested wait before the next attempt */
    int max_attempts;       /* worth trying at most this many times */
    const char *agent_text; /* short sentence for agents; static */
};

/*
 * Classifies a Graph error code (from a response or a failed status) for
 * the attempt-th retry (0 for the first failure). The delay grows with
 * attempt where Meta says so (131056: 4^attempt seconds). Unknown codes
 * are WA_RETRY_NEVER with a generic sentence: retrying what we do not
 * understand risks duplicate messages.
 */
struct wa_error_class wa_graph_classify(int64_t code, int attempt);

/*
 * Classification when there is no Graph error body (proxy, timeout):
 * 429 and 5xx retry later, 0 (no response) retries now, the rest never.
 */
struct wa_error_class wa_graph_classify_http(int http_status, int attempt);

#endif

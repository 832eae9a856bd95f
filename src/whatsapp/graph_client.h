/*
 * The Graph API client: one thread drives many concurrent HTTPS requests
 * through libcurl's multi interface, reusing connections per host, each
 * with a timeout. Callers submit a request and get a callback, or block
 * for the answer. Only whatsapp/ calls it; it knows HTTP, not Graph JSON.
 */
#ifndef PARLEY_WHATSAPP_GRAPH_CLIENT_H
#define PARLEY_WHATSAPP_GRAPH_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wa_graph;

/*
 * One request. Everything is copied at submit, nothing kept. token is the
 * bearer token (never logged). A request carries either json_body (POST
 * with application/json), or a file (POST multipart/form-data with the
 * fields messaging_product=whatsapp, type=<file_mime> and file), or
 * neither (GET, or a bodiless POST when method is "POST").
 */
struct wa_graph_request {
    const char *method; /* "GET" or "POST" */
    const char *url;
    const char *token;
    const char *json_body;
    const void *file_data;
    size_t file_len;
    const char *file_mime;
    const char *file_name;
    long timeout_ms; /* 0 means 30 s */
    bool fresh;      /* own connection, not kept (see wa_graph_call) */
};

/* The answer. http_status is 0 when no response came (connect failure,
 * timeout, shutdown); error then says why. body is owned (NUL-ended). */
struct wa_graph_response {
    long http_status;
    char *body;
    size_t len;
    char error[256];
};
void wa_graph_response_clear(struct wa_graph_response *r);

/* Called on the client thread when a request finishes; takes ownership
 * of resp's body (clear it). Must be quick and must not block. */
typedef void (*wa_graph_done_cb)(struct wa_graph_response *resp, void *arg);

/* Start a client thread. max_per_host bounds connections to one host
 * (0 means 16). Returns NULL on failure (logged). */
struct wa_graph *wa_graph_new(int max_per_host);

/* Stop the thread: requests still in flight complete with http_status 0.
 * NULL is harmless. */
void wa_graph_free(struct wa_graph *g);

/* Queue r; done(resp, arg) runs once, always (also at shutdown).
 * Returns 0, or -1 when the client is stopping (done is not called). */
int wa_graph_submit(struct wa_graph *g, const struct wa_graph_request *r,
                    wa_graph_done_cb done, void *arg);

/*
 * Run r and wait for its answer in *out (clear it after). Returns 0 when
 * a response came (any status), -1 otherwise with out->error set. The
 * call uses a connection of its own: the caller may be a thread of the
 * server that answers (the in-process simulator), and a pooled keep-alive
 * connection could be served by that very thread, now blocked here.
 */
int wa_graph_call(struct wa_graph *g, const struct wa_graph_request *r,
                  struct wa_graph_response *out);

/* Requests finished since start, for /metrics and tests. */
uint64_t wa_graph_completed(struct wa_graph *g);

#endif

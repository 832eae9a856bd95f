/*
 * Inboxes: an account's WhatsApp business numbers. Each holds the Graph
 * API coordinates of one number and three secrets (access token, app
 * secret, verify token), sealed at rest with a key derived from the master
 * key and never returned by the API.
 */
#ifndef PARLEY_CORE_INBOX_H
#define PARLEY_CORE_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "store/store.h"

#define INBOX_DEFAULT_GRAPH_URL     "https://graph.facebook.com"
#define INBOX_DEFAULT_GRAPH_VERSION "v23.0"

struct inbox {
    int64_t id;
    int64_t account_id;
    char *name;
    char *phone_number_id;
    char *waba_id;
    char *display_phone_number;
    char *graph_base_url;
    char *graph_version;
    int64_t throughput_mps; /* 20, 80 or 1000 */
    int64_t team_id;        /* default team for new conversations, or 0 */
    int64_t created_at;
    int64_t updated_at;
};

/* The clear secrets of an inbox; free with inbox_secrets_clear(), which
 * also wipes them. */
struct inbox_secrets {
    char *access_token;
    char *app_secret;
    char *verify_token;
};

/* For create: every field. For update: NULL (or 0) keeps a field. */
struct inbox_input {
    const char *name;
    const char *phone_number_id;
    const char *waba_id;
    const char *display_phone_number;
    const char *graph_base_url;
    const char *graph_version;
    int64_t throughput_mps;
    int64_t team_id; /* -1 clears it on update */
    const char *access_token;
    const char *app_secret;
    const char *verify_token;
};

/* Whether mps is a throughput WhatsApp offers (20, 80 or 1000). */
int inbox_throughput_valid(int64_t mps);

/* STORE_CONSTRAINT when another inbox has the phone-number id. */
enum store_rc inbox_create(struct db *db, const uint8_t master[CRYPTO_KEY_LEN],
                           int64_t account_id, const struct inbox_input *in,
                           int64_t *id);
enum store_rc inbox_update(struct db *db, const uint8_t master[CRYPTO_KEY_LEN],
                           int64_t account_id, int64_t id,
                           const struct inbox_input *in);
enum store_rc inbox_delete(struct db *db, int64_t account_id, int64_t id);

enum store_rc inbox_get(struct db *db, int64_t account_id, int64_t id,
                        struct inbox *out);

/* Installation-wide lookup, to route a webhook to its inbox. */
enum store_rc inbox_find_by_phone(struct db *db, const char *phone_number_id,
                                  struct inbox *out);

/* Inboxes of an account (account_id 0: all), by id; free with
 * inbox_list_free(). */
enum store_rc inbox_list(struct db *db, int64_t account_id, struct inbox **out,
                         size_t *count);
void inbox_list_free(struct inbox *v, size_t count);

/* Unseal an inbox's secrets (missing ones come back as ""). */
enum store_rc inbox_secrets_get(struct db *db,
                                const uint8_t master[CRYPTO_KEY_LEN],
                                int64_t inbox_id, struct inbox_secrets *out);
void inbox_secrets_clear(struct inbox_secrets *s);

void inbox_clear(struct inbox *in);

#endif

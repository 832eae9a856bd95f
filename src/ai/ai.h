/*
 * The local AI: language, intent, sentiment and reply suggestions for
 * customer messages, computed in-process on the CPU. A model is loaded once
 * and is read-only afterwards, so any number of threads may classify with
 * it at the same time. See docs/ai.md for how it works and how to retrain.
 */
#ifndef PARLEY_AI_H
#define PARLEY_AI_H

#include <stddef.h>
#include <stdint.h>

struct db;

enum ai_rc {
    AI_OK = 0,
    AI_EMPTY = -1,     /* no text, or only spaces and punctuation */
    AI_INVALID = -2,   /* not valid UTF-8, or a NUL byte inside */
    AI_TOO_LONG = -3,  /* longer than AI_MAX_TEXT bytes */
    AI_NO_MODEL = -4,  /* the model file is missing or damaged */
    AI_ERROR = -5,     /* storage or I/O failure, logged */
    AI_NOT_FOUND = -6, /* no such row for this account */
    AI_EXISTS = -7,    /* a custom intent of that name already exists */
};

/* Messages longer than this are refused (WhatsApp caps text at 4096). */
#define AI_MAX_TEXT 65536

enum ai_sentiment { AI_NEGATIVE = -1, AI_NEUTRAL = 0, AI_POSITIVE = 1 };

/* The result of ai_annotate(). Strings point into static tables or into
 * the model and stay valid while the model is loaded. */
struct ai_annotation {
    char language[8];   /* ISO 639-1: "en", "ko", "zh", ...; "und" */
    const char *intent; /* an intent id, or "none" */
    double confidence;  /* 0..1, calibrated probability of intent */
    enum ai_sentiment sentiment;
    double score; /* -1 (very negative) .. +1 (very positive) */
    int custom;   /* 1 if an account's own example decided */
};

struct ai_model;

/*
 * Load a model: from path, or the one built into the binary when path is
 * NULL. Returns AI_OK and sets *out (free with ai_model_free), or
 * AI_NO_MODEL with the reason logged.
 */
enum ai_rc ai_model_load(const char *path, struct ai_model **out);
void ai_model_free(struct ai_model *m);

/* The default model built into the binary, loaded on first use (thread
 * safe). Returns NULL if the binary carries none. Never freed. */
const struct ai_model *ai_default_model(void);

/* Number of intents the model knows, and the id of intent i. */
int ai_model_intents(const struct ai_model *m);
const char *ai_model_intent(const struct ai_model *m, int i);

/* Human-readable message for a status. */
const char *ai_strerror(enum ai_rc rc);

/*
 * Annotate one customer message: language, intent with confidence and
 * sentiment. text need not be NUL-terminated. Returns AI_OK, or AI_EMPTY,
 * AI_INVALID or AI_TOO_LONG with *out set to language "und", intent
 * "none" and neutral sentiment. Thread safe.
 */
enum ai_rc ai_annotate(const struct ai_model *m, const char *text, size_t len,
                       struct ai_annotation *out);

/* Language only; out gets an ISO 639-1 code or "und". */
enum ai_rc ai_language(const char *text, size_t len, char out[8]);

/* Sentiment only, for a known language (NULL: detect it). */
enum ai_rc ai_sentiment(const char *text, size_t len, const char *language,
                        enum ai_sentiment *label, double *score);

/* --- reply suggestions ------------------------------------------------ */

/* One canned reply offered to ai_suggest(); all borrowed. */
struct ai_reply {
    int64_t id;
    const char *shortcut; /* "refund-policy"; may be NULL */
    const char *text;
    const char *intent; /* intent it answers, or NULL */
};

struct ai_suggestion {
    int index;    /* into the replies array */
    double score; /* 0..1 */
};

/*
 * Rank replies for a message (or for what the agent is typing): intent
 * agreement, word and character overlap, and a shortcut that starts with
 * the typed text. Writes up to max suggestions, best first, with score
 * > 0 into out and returns how many (0 on empty or invalid text).
 */
int ai_suggest(const struct ai_model *m, const char *text, size_t len,
               const struct ai_reply *replies, int n, struct ai_suggestion *out,
               int max);

/* --- per-account intents and corrections ------------------------------ */

/*
 * An account's own layer over the default model: its custom intents and
 * corrected examples, compared by nearest neighbour. Built with
 * ai_account_load() from storage, or by ai_account_new() + ai_account_add()
 * in memory. Read-only once built; free with ai_account_free().
 */
struct ai_account;

struct ai_account *ai_account_new(const struct ai_model *m);
/* Add an example; text is copied. Returns AI_OK or an input error. */
enum ai_rc ai_account_add(struct ai_account *a, const char *intent,
                          const char *text);
void ai_account_free(struct ai_account *a);

/* Like ai_annotate(), but an account example that is close enough to the
 * message overrides the default intent (out->custom is then 1). a may be
 * NULL. */
enum ai_rc ai_annotate_account(const struct ai_model *m,
                               const struct ai_account *a, const char *text,
                               size_t len, struct ai_annotation *out);

/*
 * Annotate a message of an account with the default model and that
 * account's own layer, kept in a cache (see account_cache.c). This is
 * what the channel calls for every customer message.
 */
enum ai_rc ai_annotate_for_account(struct db *db, int64_t account_id,
                                   const char *text, size_t len,
                                   struct ai_annotation *out);

/* The account's intents or examples changed: rebuild its cached layer on
 * next use. The storage functions below call it themselves. */
void ai_account_changed(int64_t account_id);

/* Storage (tables in migration 010_ai.sql). Every call is scoped by
 * account_id and runs on the caller's connection. */
enum ai_rc ai_account_load(struct db *db, int64_t account_id,
                           const struct ai_model *m, struct ai_account **out);

/* A custom intent: name is [a-z0-9_], 1-64 bytes. *id_out may be NULL. */
enum ai_rc ai_intent_add(struct db *db, int64_t account_id, const char *name,
                         const char *description, int64_t *id_out);
enum ai_rc ai_intent_delete(struct db *db, int64_t account_id,
                            const char *name);

typedef void (*ai_intent_cb)(int64_t id, const char *name,
                             const char *description, void *arg);
enum ai_rc ai_intent_list(struct db *db, int64_t account_id, ai_intent_cb fn,
                          void *arg);

/* An example phrase for intent (a custom intent or a built-in one);
 * source is "custom" or "correction". created_by may be 0 (none). */
enum ai_rc ai_example_add(struct db *db, int64_t account_id, const char *intent,
                          const char *text, const char *source,
                          int64_t created_by, int64_t *id_out);
enum ai_rc ai_example_delete(struct db *db, int64_t account_id, int64_t id);

typedef void (*ai_example_cb)(int64_t id, const char *intent, const char *text,
                              const char *source, int64_t created_by,
                              int64_t created_at, void *arg);
/* intent NULL lists every example of the account. */
enum ai_rc ai_example_list(struct db *db, int64_t account_id,
                           const char *intent, ai_example_cb fn, void *arg);

/* An agent corrected the intent of a message: keep the text as a training
 * example and update the stored annotation of message_id (if any). */
enum ai_rc ai_correct(struct db *db, int64_t account_id, int64_t message_id,
                      const char *text, const char *intent, int64_t user_id);

/* Store the annotation of a message (insert or replace). */
enum ai_rc ai_annotation_save(struct db *db, int64_t account_id,
                              int64_t message_id,
                              const struct ai_annotation *a);

#endif

/*
 * A cache of accounts' own AI layers (custom intents, corrections), so
 * that classifying a message does not reread every example of its
 * account. An entry is rebuilt when this process changed the account's
 * examples, and at least every CACHE_TTL_MS so that changes made on other
 * nodes are picked up.
 */
#include <pthread.h>
#include <stdlib.h>

#include "ai/ai.h"
#include "base/clock.h"
#include "base/mem.h"

#define CACHE_TTL_MS 30000
#define CACHE_SLOTS  64

struct cached_layer {
    int64_t account_id;
    int64_t loaded_at;
    unsigned generation;      /* of the account when loaded */
    struct ai_account *layer; /* NULL: the account has no examples */
    int refs;                 /* the cache's own plus borrowers' */
};

static struct cached_layer *slots[CACHE_SLOTS];
static unsigned generations[CACHE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned slot_of(int64_t account_id)
{
    return (unsigned)((uint64_t)account_id % CACHE_SLOTS);
}

/* Drop one reference; the last frees. Lock held. */
static void unref(struct cached_layer *c)
{
    if (c && --c->refs == 0) {
        ai_account_free(c->layer);
        free(c);
    }
}

void ai_account_changed(int64_t account_id)
{
    pthread_mutex_lock(&lock);
    generations[slot_of(account_id)]++;
    pthread_mutex_unlock(&lock);
}

/* The entry for account_id if it is still good; a reference is taken. */
static struct cached_layer *lookup(int64_t account_id, int64_t now)
{
    unsigned i = slot_of(account_id);
    struct cached_layer *c;

    pthread_mutex_lock(&lock);
    c = slots[i];
    if (c && (c->account_id != account_id || c->generation != generations[i] ||
              now - c->loaded_at > CACHE_TTL_MS))
        c = NULL;
    if (c)
        c->refs++;
    pthread_mutex_unlock(&lock);
    return c;
}

/* Load from storage and publish in the cache; a reference is taken. */
static struct cached_layer *load(struct db *db, const struct ai_model *m,
                                 int64_t account_id, int64_t now)
{
    unsigned i = slot_of(account_id);
    struct cached_layer *c = xcalloc(1, sizeof *c);
    unsigned generation;

    pthread_mutex_lock(&lock);
    generation = generations[i];
    pthread_mutex_unlock(&lock);
    if (ai_account_load(db, account_id, m, &c->layer) != AI_OK)
        c->layer = NULL;
    c->account_id = account_id;
    c->loaded_at = now;
    c->generation = generation;
    c->refs = 2; /* the cache's and the caller's */
    pthread_mutex_lock(&lock);
    unref(slots[i]);
    slots[i] = c;
    pthread_mutex_unlock(&lock);
    return c;
}

enum ai_rc ai_annotate_for_account(struct db *db, int64_t account_id,
                                   const char *text, size_t len,
                                   struct ai_annotation *out)
{
    const struct ai_model *m = ai_default_model();
    int64_t now = clock_now_ms();
    struct cached_layer *c;
    enum ai_rc rc;

    if (!m)
        return AI_INVALID;
    c = lookup(account_id, now);
    if (!c)
        c = load(db, m, account_id, now);
    rc = ai_annotate_account(m, c->layer, text, len, out);
    pthread_mutex_lock(&lock);
    unref(c);
    pthread_mutex_unlock(&lock);
    return rc;
}

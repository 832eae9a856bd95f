/*
 * Ephemeral presence signals and the online list; see presence.h.
 *
 * A small open-addressed table in memory remembers, per user, when each
 * kind was last announced and which conversation they view. It is per
 * node and lossy by design: a full table forgets the oldest entry.
 */
#include "core/presence.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "core/events.h"

#define SLOTS 1024

struct seen {
    int64_t user_id;
    int64_t account_id;
    int64_t viewing_at, typing_at;
    int64_t conversation_id;
};

static struct seen table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The slot of user, claiming one (the stalest in its probe run) if new.
 * Locked by the caller. */
static struct seen *slot_of(int64_t user_id)
{
    struct seen *stalest = NULL;

    for (int i = 0; i < 8; i++) {
        struct seen *s = &table[(user_id + i) % SLOTS];
        if (s->user_id == user_id)
            return s;
        int64_t last =
            s->viewing_at > s->typing_at ? s->viewing_at : s->typing_at;
        if (!stalest || s->user_id == 0 ||
            last < (stalest->viewing_at > stalest->typing_at
                        ? stalest->viewing_at
                        : stalest->typing_at))
            stalest = s;
        if (s->user_id == 0)
            break;
    }
    memset(stalest, 0, sizeof *stalest);
    stalest->user_id = user_id;
    return stalest;
}

/* Note the announcement; false when it comes too soon after the last. */
static bool note(int64_t account_id, int64_t user_id, int64_t conversation_id,
                 bool typing, int64_t now)
{
    bool ok;

    pthread_mutex_lock(&lock);
    struct seen *s = slot_of(user_id);
    int64_t *at = typing ? &s->typing_at : &s->viewing_at;
    ok = now - *at >= PRESENCE_MIN_INTERVAL_MS ||
         (!typing && s->conversation_id != conversation_id);
    if (ok) {
        *at = now;
        s->account_id = account_id;
        if (!typing)
            s->conversation_id = conversation_id;
    }
    pthread_mutex_unlock(&lock);
    return ok;
}

bool presence_announce(int64_t account_id, int64_t user_id, const char *name,
                       int64_t conversation_id, const char *kind,
                       int64_t *until)
{
    int64_t now = clock_now_ms();
    json_t *payload;
    char *text;

    if (!note(account_id, user_id, conversation_id, !strcmp(kind, "typing"),
              now))
        return false;
    *until = now + PRESENCE_TTL_MS;
    payload =
        json_pack("{sI sI ss sI}", "conversation_id",
                  (json_int_t)conversation_id, "user_id", (json_int_t)user_id,
                  "name", name, "until", (json_int_t)*until);
    text = json_dumps(payload, JSON_COMPACT);
    struct event ev = {.id = 0,
                       .account_id = account_id,
                       .user_id = 0,
                       .min_role = ROLE_AGENT,
                       .type = kind,
                       .payload = text,
                       .created_at = now};
    events_publish_ephemeral(&ev);
    free(text);
    json_decref(payload);
    return true;
}

/* What this node remembers of user: last announcement and conversation. */
static void remembered(int64_t account_id, int64_t user_id, int64_t *at,
                       int64_t *conversation_id)
{
    *at = *conversation_id = 0;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < 8; i++) {
        struct seen *s = &table[(user_id + i) % SLOTS];
        if (s->user_id == user_id && s->account_id == account_id) {
            *at = s->viewing_at > s->typing_at ? s->viewing_at : s->typing_at;
            if (clock_now_ms() - s->viewing_at < PRESENCE_TTL_MS)
                *conversation_id = s->conversation_id;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
}

static bool in_list(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

enum store_rc presence_list(struct db *db, int64_t account_id,
                            const int64_t *streaming, size_t n_streaming,
                            json_t **out)
{
    struct db_stmt *st;
    int64_t now = clock_now_ms();
    enum store_rc rc = db_prepare(
        db,
        "SELECT u.id, u.name, COALESCE(MAX(s.last_seen_at), 0) FROM users u "
        "LEFT JOIN sessions s ON s.user_id = u.id AND s.expires_at > $2 "
        "WHERE u.account_id = $1 AND u.disabled = 0 GROUP BY u.id, u.name "
        "ORDER BY u.id",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, now);
    *out = json_array();
    while ((rc = db_step(st)) == STORE_ROW) {
        int64_t uid = db_col_int64(st, 0), seen = db_col_int64(st, 2), at, conv;
        bool live = in_list(streaming, n_streaming, uid);
        remembered(account_id, uid, &at, &conv);
        seen = at > seen ? at : seen;
        if (!live && now - seen > PRESENCE_ONLINE_MS)
            continue;
        json_array_append_new(
            *out, json_pack("{sI ss sI sb so}", "user_id", (json_int_t)uid,
                            "name", db_col_text(st, 1), "last_seen_at",
                            (json_int_t)seen, "streaming", live, "viewing",
                            conv ? json_integer(conv) : json_null()));
    }
    db_done(st);
    if (rc != STORE_DONE) {
        json_decref(*out);
        return rc;
    }
    return STORE_OK;
}

void presence_reset(void)
{
    pthread_mutex_lock(&lock);
    memset(table, 0, sizeof table);
    pthread_mutex_unlock(&lock);
}

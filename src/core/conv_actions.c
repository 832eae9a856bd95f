/*
 * Conversation actions, activity lines and the snooze wake-up; see
 * conv_actions.h.
 */
#include "core/conv_actions.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "core/conversation.h"
#include "core/events.h"
#include "core/conv_list.h"
#include "core/message.h"
#include "core/sql.h"
#include "jobs/jobs.h"

#define WAKE_BATCH       200
#define WAKE_INTERVAL_MS 10000

/* Is id an enabled user (or team, when team is true) of the account? */
static enum store_rc check_ref(struct db *db, int64_t account_id, int64_t id,
                               bool team)
{
    struct db_stmt *st;
    int64_t one;
    enum store_rc rc = db_prepare(
        db,
        team ? "SELECT 1 FROM teams WHERE account_id = $1 AND id = $2"
             : "SELECT 1 FROM users WHERE account_id = $1 AND id = $2 "
               "AND disabled = 0",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, id);
    return sql_int64(st, &one);
}

enum store_rc conv_json_full(struct db *db, int64_t account_id, int64_t id,
                             json_t **out)
{
    struct conversation c;
    json_t *labels;
    enum store_rc rc = conversation_get(db, account_id, id, &c);

    if (rc == STORE_OK)
        rc = conv_list_labels(db, account_id, id, &labels);
    if (rc)
        return rc;
    *out = conversation_json(&c);
    json_object_set_new(*out, "labels", labels);
    return STORE_OK;
}

/* Emit conversation.updated with the conversation as it now is. */
static enum store_rc emit_updated(struct db *db, int64_t account_id, int64_t id)
{
    json_t *j;
    enum store_rc rc = conv_json_full(db, account_id, id, &j);

    if (rc)
        return rc;
    return events_emit(db, account_id, "conversation.updated", 0, ROLE_AGENT, j,
                       NULL);
}

/*
 * Add the activity line {action, from, to} to conversation c and emit
 * message.created for it. Takes from and to.
 */
static enum store_rc add_activity(struct db *db, const struct conv_actor *who,
                                  const struct conversation *c,
                                  const char *action, json_t *from, json_t *to)
{
    json_t *content =
        json_pack("{ss so so}", "action", action, "from", from, "to", to);
    char *text = json_dumps(content, JSON_COMPACT);
    struct message_input in = {
        .account_id = who->account_id,
        .conversation_id = c->id,
        .inbox_id = c->inbox_id,
        .contact_id = c->contact_id,
        .direction = "out",
        .sender_type = who->user_id ? "user" : "system",
        .sender_id = who->user_id,
        .type = "activity",
        .content = text,
        .text = "",
        .private_note = true,
        .status = "sent",
    };
    int64_t mid;
    bool dup;
    json_t *m;
    enum store_rc rc = message_insert(db, &in, &mid, &dup);

    free(text);
    json_decref(content);
    if (rc == STORE_OK)
        rc = message_get_json(db, who->account_id, mid, &m);
    if (rc == STORE_OK)
        rc = events_emit(db, who->account_id, "message.created", 0, ROLE_AGENT,
                         m, NULL);
    return rc;
}

static json_t *id_json(int64_t v)
{
    return v ? json_integer(v) : json_null();
}

/* The conversation after the change: the fields conv_apply writes. */
struct conv_next {
    const char *status;
    int priority;
    int64_t assignee_id, team_id, snoozed_until, resolved_at;
};

/* Work out the new state of c under ch, or refuse it with *why. */
static enum store_rc plan_change(const struct conversation *c,
                                 const struct conv_change *ch,
                                 struct conv_next *n, const char **why)
{
    int64_t now = clock_now_ms();

    n->status = ch->status ? ch->status : c->status;
    if (!ch->status && ch->set_snooze && ch->snoozed_until)
        n->status = "snoozed";
    n->priority = ch->priority >= 0 ? ch->priority : c->priority;
    n->assignee_id = ch->set_assignee ? ch->assignee_id : c->assignee_id;
    n->team_id = ch->set_team ? ch->team_id : c->team_id;
    n->snoozed_until = ch->set_snooze ? ch->snoozed_until : c->snoozed_until;
    if (strcmp(n->status, "snoozed") != 0) {
        if (ch->set_snooze && ch->snoozed_until) {
            *why = "snoozed_until goes with status snoozed";
            return STORE_CONSTRAINT;
        }
        n->snoozed_until = 0;
    } else if (n->snoozed_until <= now) {
        *why = "snoozed_until must be a time in the future";
        return STORE_CONSTRAINT;
    }
    n->resolved_at = c->resolved_at;
    if (!strcmp(n->status, "resolved") && strcmp(c->status, "resolved"))
        n->resolved_at = now;
    else if (strcmp(n->status, "resolved") != 0)
        n->resolved_at = 0;
    return STORE_OK;
}

static void bind_id(struct db_stmt *st, int idx, int64_t v)
{
    if (v)
        db_bind_int64(st, idx, v);
    else
        db_bind_null(st, idx);
}

/* Store the planned state n of conversation id (and attributes when not
 * NULL); STORE_NOT_FOUND when the account has no such conversation. */
static enum store_rc write_change(struct db *db, const struct conv_actor *who,
                                  int64_t id, const struct conv_next *n,
                                  const char *attributes)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db,
        "UPDATE conversations SET status = $3, priority = $4, "
        "assignee_id = $5, team_id = $6, snoozed_until = $7, "
        "resolved_at = $8, attributes = COALESCE(CAST($9 AS TEXT), "
        "attributes), updated_at = $10 WHERE account_id = $1 AND id = $2",
        &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, who->account_id);
    db_bind_int64(st, 2, id);
    db_bind_text(st, 3, n->status, -1);
    db_bind_int64(st, 4, n->priority);
    bind_id(st, 5, n->assignee_id);
    bind_id(st, 6, n->team_id);
    bind_id(st, 7, n->snoozed_until);
    bind_id(st, 8, n->resolved_at);
    db_bind_text(st, 9, attributes, -1);
    db_bind_int64(st, 10, clock_now_ms());
    return sql_run_changed(st);
}

/* One activity line per field that changed; counts them in *count. */
static enum store_rc record_activities(struct db *db,
                                       const struct conv_actor *who,
                                       const struct conversation *c,
                                       const struct conv_next *n, int *count)
{
    enum store_rc rc = STORE_OK;

    *count = 0;
    if (strcmp(c->status, n->status) != 0 && ++*count)
        rc = add_activity(db, who, c, "status", json_string(c->status),
                          json_string(n->status));
    if (rc == STORE_OK && c->priority != n->priority && ++*count)
        rc = add_activity(db, who, c, "priority", json_integer(c->priority),
                          json_integer(n->priority));
    if (rc == STORE_OK && c->assignee_id != n->assignee_id && ++*count)
        rc = add_activity(db, who, c, "assignee", id_json(c->assignee_id),
                          id_json(n->assignee_id));
    if (rc == STORE_OK && c->team_id != n->team_id && ++*count)
        rc = add_activity(db, who, c, "team", id_json(c->team_id),
                          id_json(n->team_id));
    if (rc == STORE_OK && c->snoozed_until != n->snoozed_until &&
        n->snoozed_until && ++*count)
        rc = add_activity(db, who, c, "snoozed_until",
                          id_json(c->snoozed_until), id_json(n->snoozed_until));
    return rc;
}

/*
 * When attributes (the merged object text) differs from what conversation
 * c stores, add an "attributes" activity line with both objects and count
 * it in *count.
 */
static enum store_rc record_attributes(struct db *db,
                                       const struct conv_actor *who,
                                       const struct conversation *c,
                                       const char *attributes, int *count)
{
    struct db_stmt *st;
    json_t *before = NULL, *after;
    enum store_rc rc = db_prepare(
        db, "SELECT attributes FROM conversations WHERE id = $1", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, c->id);
    rc = db_step(st);
    if (rc == STORE_ROW)
        before = json_loads(db_col_text(st, 0), 0, NULL);
    db_done(st);
    if (rc != STORE_ROW) {
        json_decref(before);
        return rc == STORE_DONE ? STORE_NOT_FOUND : rc;
    }
    after = json_loads(attributes, 0, NULL);
    if (!before)
        before = json_object();
    if (!after || json_equal(before, after)) {
        json_decref(before);
        json_decref(after);
        return STORE_OK;
    }
    ++*count;
    return add_activity(db, who, c, "attributes", before, after);
}

enum store_rc conv_change_check(struct db *db, int64_t account_id,
                                const struct conv_change *ch, const char **why)
{
    enum store_rc rc;

    *why = NULL;
    if (ch->set_assignee && ch->assignee_id &&
        (rc = check_ref(db, account_id, ch->assignee_id, false))) {
        *why = "assignee_id is not an enabled user of this account";
        return rc == STORE_NOT_FOUND ? STORE_CONSTRAINT : rc;
    }
    if (ch->set_team && ch->team_id &&
        (rc = check_ref(db, account_id, ch->team_id, true))) {
        *why = "team_id is not a team of this account";
        return rc == STORE_NOT_FOUND ? STORE_CONSTRAINT : rc;
    }
    return STORE_OK;
}

enum store_rc conv_apply(struct db *db, const struct conv_actor *who,
                         int64_t id, const struct conv_change *ch,
                         bool *changed, const char **why)
{
    struct conversation c;
    struct conv_next n;
    int count = 0;
    enum store_rc rc = conversation_get(db, who->account_id, id, &c);

    *changed = false;
    *why = NULL;
    if (rc || (rc = conv_change_check(db, who->account_id, ch, why)))
        return rc;
    if ((rc = plan_change(&c, ch, &n, why)) ||
        (rc = record_activities(db, who, &c, &n, &count)) ||
        (ch->attributes &&
         (rc = record_attributes(db, who, &c, ch->attributes, &count))))
        return rc;
    if (count == 0)
        return STORE_OK;
    if ((rc = write_change(db, who, id, &n, ch->attributes)))
        return rc;
    *changed = true;
    return emit_updated(db, who->account_id, id);
}

/* The name of a label of the account, for the activity line. */
static enum store_rc label_name(struct db *db, int64_t account_id,
                                int64_t label_id, json_t **name)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "SELECT name FROM labels WHERE account_id = $1 AND id = $2", &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_int64(st, 2, label_id);
    rc = db_step(st);
    if (rc == STORE_ROW) {
        *name = json_pack("{sI ss}", "id", (json_int_t)label_id, "name",
                          db_col_text(st, 0));
        rc = STORE_OK;
    } else if (rc == STORE_DONE) {
        rc = STORE_NOT_FOUND;
    }
    db_done(st);
    return rc;
}

enum store_rc conv_label(struct db *db, const struct conv_actor *who,
                         int64_t id, int64_t label_id, bool add, bool *changed)
{
    struct conversation c;
    struct db_stmt *st;
    json_t *label = NULL;
    enum store_rc rc = conversation_get(db, who->account_id, id, &c);

    *changed = false;
    if (rc || (rc = label_name(db, who->account_id, label_id, &label)))
        return rc;
    rc = db_prepare(db,
                    add ? "INSERT INTO conversation_labels (account_id, "
                          "conversation_id, label_id) VALUES ($1, $2, $3) "
                          "ON CONFLICT DO NOTHING"
                        : "DELETE FROM conversation_labels WHERE "
                          "account_id = $1 AND conversation_id = $2 AND "
                          "label_id = $3",
                    &st);
    if (rc) {
        json_decref(label);
        return rc;
    }
    db_bind_int64(st, 1, who->account_id);
    db_bind_int64(st, 2, id);
    db_bind_int64(st, 3, label_id);
    rc = sql_run_changed(st);
    if (rc == STORE_NOT_FOUND) { /* already so: nothing to record */
        json_decref(label);
        return STORE_OK;
    }
    if (rc == STORE_OK)
        rc = add_activity(db, who, &c, add ? "label_added" : "label_removed",
                          add ? json_null() : json_incref(label),
                          add ? json_incref(label) : json_null());
    json_decref(label);
    if (rc == STORE_OK)
        rc = emit_updated(db, who->account_id, id);
    *changed = rc == STORE_OK;
    return rc;
}

/* Wake one conversation that is due. */
static enum store_rc wake_one(struct db *db, int64_t account_id, int64_t id)
{
    struct conv_actor system = {account_id, 0};
    struct conv_change ch = {.status = "open", .priority = -1};
    bool changed;
    const char *why;

    return conv_apply(db, &system, id, &ch, &changed, &why);
}

enum store_rc conv_wake_snoozed(struct db *db, int64_t now, int *woken)
{
    struct db_stmt *st;
    int64_t ids[WAKE_BATCH][2];
    int n = 0;
    enum store_rc rc = db_prepare(
        db,
        "SELECT account_id, id FROM conversations WHERE status = 'snoozed' "
        "AND snoozed_until <= $1 ORDER BY snoozed_until LIMIT $2",
        &st);

    *woken = 0;
    if (rc)
        return rc;
    db_bind_int64(st, 1, now);
    db_bind_int64(st, 2, WAKE_BATCH);
    while ((rc = db_step(st)) == STORE_ROW) {
        ids[n][0] = db_col_int64(st, 0);
        ids[n][1] = db_col_int64(st, 1);
        n++;
    }
    db_done(st);
    if (rc != STORE_DONE)
        return rc;
    for (int i = 0; i < n; i++) {
        if ((rc = wake_one(db, ids[i][0], ids[i][1])))
            return rc;
    }
    *woken = n;
    return STORE_OK;
}

static enum store_rc wake_tx(struct db *db, void *arg)
{
    return conv_wake_snoozed(db, clock_now_ms(), arg);
}

/* The recurring job: wake what is due in one transaction; a storage
 * failure is retried by the queue with its backoff. */
static enum job_result on_wake_job(struct db *db, struct job *job, void *arg)
{
    int woken = 0;
    enum store_rc rc = store_tx(db, wake_tx, &woken);

    (void)arg;
    if (rc != STORE_OK) {
        jobs_set_error(job, "waking snoozed conversations failed");
        return JOB_RETRY;
    }
    if (woken)
        log_info("inbox_snoozed_woken", "count=%d", woken);
    return JOB_DONE;
}

int conv_jobs_register(struct jobs *j)
{
    if (jobs_register(j, "inbox.wake_snoozed", on_wake_job, NULL) != 0 ||
        jobs_every(j, "inbox.wake_snoozed", WAKE_INTERVAL_MS) != STORE_OK)
        return -1;
    return 0;
}

/*
 * SLA state from conversation times; see sla.h.
 */
#include "automation/sla.h"

#include <string.h>

const char *sla_state_name(enum sla_state s)
{
    static const char *const names[] = {"none", "met", "on_track", "at_risk",
                                        "breached"};
    return s <= SLA_BREACHED ? names[s] : "none";
}

/* The instant `ms` of (business or calendar) time after start. */
static int64_t deadline(const struct sla_policy *p,
                        const struct business_hours *bh, int64_t start,
                        int64_t ms)
{
    if (p->business_hours_only && bh) {
        int64_t at = bh_add_open_ms(bh, start, ms);
        return at < 0 ? INT64_MAX : at;
    }
    return start + ms;
}

/*
 * One target that runs from start until stop (0: still running), with
 * target_ms to meet.
 */
static void target(const struct sla_policy *p, const struct business_hours *bh,
                   int64_t start, int64_t stop, int64_t target_ms, int64_t now,
                   struct sla_target_status *out)
{
    int pct = p->at_risk_pct > 0 && p->at_risk_pct < 100 ? p->at_risk_pct : 80;

    memset(out, 0, sizeof *out);
    if (target_ms <= 0 || start <= 0)
        return;
    out->due_at = deadline(p, bh, start, target_ms);
    out->at_risk_at = deadline(p, bh, start, target_ms * pct / 100);
    if (stop > 0)
        out->state = stop <= out->due_at ? SLA_MET : SLA_BREACHED;
    else if (now >= out->due_at)
        out->state = SLA_BREACHED;
    else if (now >= out->at_risk_at)
        out->state = SLA_AT_RISK;
    else
        out->state = SLA_ON_TRACK;
}

/* Fold a target into the overall state and the next change time. */
static void fold(struct sla_status *out, const struct sla_target_status *t,
                 int64_t now)
{
    if (t->state > out->overall)
        out->overall = t->state;
    if (t->state != SLA_ON_TRACK && t->state != SLA_AT_RISK)
        return;
    int64_t next = t->state == SLA_ON_TRACK ? t->at_risk_at : t->due_at;
    if (next > now && next != INT64_MAX &&
        (out->next_change_at == 0 || next < out->next_change_at))
        out->next_change_at = next;
}

void sla_evaluate(const struct sla_policy *p, const struct sla_times *t,
                  const struct business_hours *bh, int64_t now,
                  struct sla_status *out)
{
    memset(out, 0, sizeof *out);
    target(p, bh, t->started_at, t->first_reply_at, p->first_response_ms, now,
           &out->first_response);
    /* Next response runs only after a first reply, while the customer
     * waits again. */
    if (t->first_reply_at > 0 && t->waiting_since > t->first_reply_at &&
        t->resolved_at == 0)
        target(p, bh, t->waiting_since, 0, p->next_response_ms, now,
               &out->next_response);
    target(p, bh, t->started_at, t->resolved_at, p->resolution_ms, now,
           &out->resolution);
    fold(out, &out->first_response, now);
    fold(out, &out->next_response, now);
    fold(out, &out->resolution, now);
}

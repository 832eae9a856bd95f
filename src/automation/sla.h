/*
 * SLA policies and the live SLA state of a conversation, computed from
 * its times: first response (from start until our first reply), next
 * response (from when the customer started waiting again until our
 * reply) and resolution (from start until resolved). Targets may count
 * business hours only. Pure functions; the runtime schedules a job at
 * next_change_at to emit at-risk and breach events.
 */
#ifndef PARLEY_AUTOMATION_SLA_H
#define PARLEY_AUTOMATION_SLA_H

#include <stdbool.h>
#include <stdint.h>

#include "automation/hours.h"

struct sla_policy {
    int64_t id;
    int64_t first_response_ms; /* 0: no such target */
    int64_t next_response_ms;
    int64_t resolution_ms;
    bool business_hours_only;
    int at_risk_pct; /* at risk once this share of a target is used;
                        0 means 80 */
};

enum sla_state {
    SLA_NONE,     /* no target, or nothing to measure now */
    SLA_MET,      /* done within the target */
    SLA_ON_TRACK, /* running, under the at-risk share */
    SLA_AT_RISK,  /* running, past the at-risk share */
    SLA_BREACHED, /* past the target (running or done late) */
};

/* The conversation times an SLA looks at; 0 means "not yet". */
struct sla_times {
    int64_t started_at; /* when the policy began to apply */
    int64_t first_reply_at;
    int64_t waiting_since; /* customer waiting for us since */
    int64_t resolved_at;
};

struct sla_target_status {
    enum sla_state state;
    int64_t at_risk_at; /* 0 when not applicable */
    int64_t due_at;     /* 0 when not applicable */
};

struct sla_status {
    struct sla_target_status first_response;
    struct sla_target_status next_response;
    struct sla_target_status resolution;
    enum sla_state overall; /* the worst of the three */
    int64_t next_change_at; /* when a running target changes state;
                               0 if none will */
};

/*
 * Compute the state of each target at now. bh counts business hours only
 * when the policy says so and bh is not NULL (else calendar time).
 */
void sla_evaluate(const struct sla_policy *p, const struct sla_times *t,
                  const struct business_hours *bh, int64_t now,
                  struct sla_status *out);

/* "none", "met", "on_track", "at_risk", "breached". */
const char *sla_state_name(enum sla_state s);

#endif

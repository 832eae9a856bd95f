/*
 * Routing decisions as pure functions: which agent takes a conversation
 * (round-robin, or least-loaded under a per-agent capacity, among online
 * agents with the needed skills) and how long a waiting customer should
 * expect to wait. The runtime (assign.c) gathers the facts from storage.
 */
#ifndef PARLEY_AUTOMATION_ROUTING_H
#define PARLEY_AUTOMATION_ROUTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum route_mode { ROUTE_ROUND_ROBIN, ROUTE_LEAST_LOADED };

/* Parse "round_robin" / "least_loaded"; -1 if neither. */
int route_mode_parse(const char *s, enum route_mode *out);
const char *route_mode_name(enum route_mode m);

struct route_agent {
    int64_t user_id;
    bool online;    /* presence: a session seen recently */
    bool qualified; /* has every required skill and language */
    int open_count; /* open conversations assigned now */
};

/*
 * Pick an agent: among the online, qualified agents with open_count below
 * capacity (capacity <= 0: no limit), round-robin takes the next user id
 * after last_user_id (wrapping), least-loaded the one with the fewest open
 * conversations (ties: the next after last_user_id, so that equal loads
 * still take turns). Returns the user id, or 0 when nobody can take it.
 */
int64_t route_pick(enum route_mode mode, const struct route_agent *agents,
                   size_t n, int capacity, int64_t last_user_id);

/*
 * Expected wait (ms) for the customer at 1-based position in the queue.
 * With a live service rate (served_last_hour conversations taken and
 * answered in the last hour) each place in the queue costs an hour over
 * that rate. Without one, it falls back to handling_ms per conversation
 * shared by the online agents. Returns -1 when neither is known (nobody
 * online and nothing served).
 */
int64_t route_expected_wait_ms(int position, int served_last_hour,
                               int online_agents, int64_t handling_ms);

/*
 * Whether the estimate moved enough to tell the customer again: by more
 * than pct percent of what they were told and by at least a minute.
 * told_ms < 0 (never told) always counts as changed.
 */
bool route_wait_changed(int64_t told_ms, int64_t now_ms, int pct);

#endif

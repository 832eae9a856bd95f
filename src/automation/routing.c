/*
 * Routing decisions; see routing.h.
 */
#include "automation/routing.h"

#include <string.h>

int route_mode_parse(const char *s, enum route_mode *out)
{
    if (s && !strcmp(s, "round_robin"))
        *out = ROUTE_ROUND_ROBIN;
    else if (s && !strcmp(s, "least_loaded"))
        *out = ROUTE_LEAST_LOADED;
    else
        return -1;
    return 0;
}

const char *route_mode_name(enum route_mode m)
{
    return m == ROUTE_LEAST_LOADED ? "least_loaded" : "round_robin";
}

static bool eligible(const struct route_agent *a, int capacity)
{
    return a->online && a->qualified &&
           (capacity <= 0 || a->open_count < capacity);
}

/* Whether candidate a comes before b in turn order after last: ids above
 * last come first, in ascending order, then the ones at or below it. */
static bool before_in_turn(int64_t a, int64_t b, int64_t last)
{
    bool a_after = a > last, b_after = b > last;

    if (a_after != b_after)
        return a_after;
    return a < b;
}

int64_t route_pick(enum route_mode mode, const struct route_agent *agents,
                   size_t n, int capacity, int64_t last_user_id)
{
    const struct route_agent *best = NULL;

    for (size_t i = 0; i < n; i++) {
        const struct route_agent *a = &agents[i];
        if (!eligible(a, capacity))
            continue;
        if (!best) {
            best = a;
            continue;
        }
        if (mode == ROUTE_LEAST_LOADED && a->open_count != best->open_count) {
            if (a->open_count < best->open_count)
                best = a;
            continue;
        }
        if (before_in_turn(a->user_id, best->user_id, last_user_id))
            best = a;
    }
    return best ? best->user_id : 0;
}

int64_t route_expected_wait_ms(int position, int served_last_hour,
                               int online_agents, int64_t handling_ms)
{
    if (position < 1)
        return 0;
    if (served_last_hour > 0)
        return (int64_t)position * 3600000LL / served_last_hour;
    if (online_agents > 0 && handling_ms > 0)
        return (int64_t)position * handling_ms / online_agents;
    return -1;
}

bool route_wait_changed(int64_t told_ms, int64_t now_ms, int pct)
{
    if (told_ms < 0)
        return true;
    int64_t diff = now_ms > told_ms ? now_ms - told_ms : told_ms - now_ms;
    return diff >= 60000 && diff * 100 > (int64_t)pct * told_ms;
}

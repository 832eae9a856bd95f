/*
 * Automation at run time: rules triggered by domain events and by timers,
 * routing and the waiting queue, SLA timers, outbound webhooks, the REST
 * API of rules, policies, hours and SLAs, and the demo seed.
 *
 * Start-up follows the channel's two phases: automation_init() before the
 * job workers start (subscribes to events, registers job handlers),
 * automation_start() after (its hand-off thread and recurring sweep),
 * automation_stop() after the workers stopped.
 */
#ifndef PARLEY_AUTOMATION_H
#define PARLEY_AUTOMATION_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "store/store.h"

struct wa_channel;

/* Phase one; ch->store and ch->jobs must be set. Returns 0 or -1. */
int automation_init(struct wa_channel *ch);

/* Phase two. Returns 0 or -1 (logged). */
int automation_start(struct wa_channel *ch);

/* Stop the hand-off thread (what it still holds is enqueued first) and
 * drop the compiled rules. Safe when never started. */
void automation_stop(void);

/* The routes of docs/api/automation.md; a static table. */
const struct http_route *automation_routes(size_t *count);

/*
 * Seed the demo account's automation on a fresh demo install, inside the
 * caller's transaction or its own: business hours, an SLA policy,
 * routing policies and skills (Korean Desk needs "lang:ko"), canned
 * replies, and rules for the order-status menu and lookup (English and
 * Korean), the out-of-hours reply, "talk to a person" and Korean routing.
 * Does nothing when the account already has rules.
 */
enum store_rc automation_seed_demo(struct db *db, int64_t account_id);

#endif

/*
 * Outbound pacing: a token bucket per business number (its messages per
 * second) and one per recipient (the pair rate: about one message per 6 s
 * with bursts borrowing future quota), plus a back-off wall a recipient
 * sits behind after a pair-rate error. Pure functions over caller-owned
 * state, so the dispatcher and the tests share them.
 */
#ifndef PARLEY_WHATSAPP_PACING_H
#define PARLEY_WHATSAPP_PACING_H

#include <stdint.h>

/* The Cloud API's pair rate: one per 6 s sustained, bursts up to 45. */
#define WA_PAIR_INTERVAL_MS 6000
#define WA_PAIR_BURST       45

struct wa_bucket {
    double tokens;
    double capacity;
    double per_ms;         /* refill rate */
    int64_t last_ms;       /* when tokens was last brought up to date */
    int64_t blocked_until; /* no token before this (error back-off) */
};

/* A full bucket of capacity tokens refilled at rate_per_s, as of now. */
void wa_bucket_init(struct wa_bucket *b, double rate_per_s, double capacity,
                    int64_t now_ms);

/*
 * Take one token at now_ms. Returns 0 when taken, else how many ms until
 * one is available (at least 1); nothing is taken then.
 */
int64_t wa_bucket_take(struct wa_bucket *b, int64_t now_ms);

/* Give back a token taken for a send that was not made. */
void wa_bucket_refund(struct wa_bucket *b);

/* Refuse tokens until until_ms (a rate error's back-off). */
void wa_bucket_block(struct wa_bucket *b, int64_t until_ms);

/* Whether b is full and unblocked at now_ms: it can be forgotten. */
int wa_bucket_idle(struct wa_bucket *b, int64_t now_ms);

#endif

/*
 * Token buckets for outbound pacing; see pacing.h.
 */
#include "whatsapp/pacing.h"

/* Bring tokens up to date with the time passed since last_ms. */
static void refill(struct wa_bucket *b, int64_t now_ms)
{
    if (now_ms > b->last_ms) {
        b->tokens += (double)(now_ms - b->last_ms) * b->per_ms;
        if (b->tokens > b->capacity)
            b->tokens = b->capacity;
        b->last_ms = now_ms;
    }
}

void wa_bucket_init(struct wa_bucket *b, double rate_per_s, double capacity,
                    int64_t now_ms)
{
    b->capacity = capacity < 1 ? 1 : capacity;
    b->tokens = b->capacity;
    b->per_ms = rate_per_s / 1000.0;
    b->last_ms = now_ms;
    b->blocked_until = 0;
}

int64_t wa_bucket_take(struct wa_bucket *b, int64_t now_ms)
{
    int64_t wait;

    if (now_ms < b->blocked_until)
        return b->blocked_until - now_ms;
    refill(b, now_ms);
    if (b->tokens >= 1.0) {
        b->tokens -= 1.0;
        return 0;
    }
    wait = (int64_t)((1.0 - b->tokens) / b->per_ms) + 1;
    return wait > 0 ? wait : 1;
}

void wa_bucket_refund(struct wa_bucket *b)
{
    b->tokens += 1.0;
    if (b->tokens > b->capacity)
        b->tokens = b->capacity;
}

void wa_bucket_block(struct wa_bucket *b, int64_t until_ms)
{
    if (until_ms > b->blocked_until)
        b->blocked_until = until_ms;
    /* Quota spent during the wall is not there after it either. */
    b->tokens = 0;
    b->last_ms = until_ms;
}

int wa_bucket_idle(struct wa_bucket *b, int64_t now_ms)
{
    refill(b, now_ms);
    return now_ms >= b->blocked_until && b->tokens >= b->capacity;
}

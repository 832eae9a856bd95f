/*
 * What evaluating 1,000 rules against one customer message costs: a mix
 * of keyword lists, contains, starts-with, regular expressions and
 * conversation conditions, none of which match until the last rule, so
 * every rule is evaluated. Prints the median and p99 of many runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation/engine.h"
#include "base/buf.h"
#include "base/clock.h"

#define RULES 1000
#define RUNS  2000

static int cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Rule i: one of four condition shapes, none matching the sample. */
static void add_rule(struct buf *b, int i)
{
    static const char *const shapes[] = {
        "{\"field\":\"text\",\"op\":\"keywords\",\"value\":[\"refund%d\","
        "\"환불%d\",\"cancel%d\"]}",
        "{\"field\":\"text\",\"op\":\"contains\",\"value\":\"invoice %d\"}",
        "{\"all\":[{\"field\":\"priority\",\"op\":\"gt\",\"value\":3},"
        "{\"field\":\"text\",\"op\":\"starts_with\",\"value\":\"q%d\"}]}",
        "{\"field\":\"text\",\"op\":\"matches\",\"value\":\"ticket-%d-\\\\d+"
        "\"}",
    };
    char cond[256];

    snprintf(cond, sizeof cond, shapes[i % 4], i, i, i);
    buf_printf(b,
               "%s{\"id\":%d,\"name\":\"r%d\",\"position\":%d,\"event\":"
               "\"message.received\",\"conditions\":%s,\"actions\":[{"
               "\"type\":\"reply\",\"text\":\"hi {{contact.name}}\"}]}",
               i ? "," : "", i + 1, i, i, cond);
}

int main(void)
{
    struct buf b = BUF_INIT;
    struct auto_ruleset rs;
    char err[256];
    static int64_t t[RUNS];
    struct auto_facts f = {.event = "message.received",
                           .sender_type = "contact",
                           .message_type = "text",
                           .text = "안녕하세요, where is my order A-1234? "
                                   "It has been a week.",
                           .status = "open",
                           .contact_name = "Ana"};

    buf_puts(&b, "[");
    for (int i = 0; i < RULES; i++)
        add_rule(&b, i);
    buf_puts(&b, "]");
    json_t *docs = json_loads(b.data, 0, NULL);
    int64_t c0 = clock_mono_us();
    if (!docs || auto_ruleset_compile(docs, &rs, err, sizeof err)) {
        fprintf(stderr, "compile: %s\n", docs ? err : "bad json");
        return 1;
    }
    int64_t compile_us = clock_mono_us() - c0;
    for (int r = 0; r < RUNS; r++) {
        struct auto_plan plan;
        int64_t s = clock_mono_us();
        auto_evaluate(&rs, &f, &plan);
        t[r] = clock_mono_us() - s;
        auto_plan_free(&plan);
    }
    qsort(t, RUNS, sizeof *t, cmp);
    printf("rules=%d compile_ms=%.1f eval_p50_us=%lld eval_p99_us=%lld\n",
           RULES, compile_us / 1000.0, (long long)t[RUNS / 2],
           (long long)t[RUNS * 99 / 100]);
    auto_ruleset_free(&rs);
    json_decref(docs);
    buf_free(&b);
    return 0;
}

/*
 * Latency and memory of the local AI: classifies every held-out phrasing
 * (language + intent + sentiment, ai_annotate) many times on one thread and
 * prints p50/p99/max in microseconds, plus resident memory after loading
 * the built-in model and after the run. Built and run by bench/ai/run.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ai/ai.h"

#define MAX_MSGS 4096
#define ROUNDS   20

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;

    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "VmRSS:", 6) == 0)
            kib = atol(line + 6);
    if (f != NULL)
        fclose(f);
    return kib;
}

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Read "intent<TAB>text" lines from each file into msgs. */
static int load(int argc, char **argv, char **msgs)
{
    int n = 0;

    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        char line[4096];
        while (f != NULL && n < MAX_MSGS && fgets(line, sizeof line, f)) {
            char *tab = strchr(line, '\t');
            if (line[0] == '#' || tab == NULL)
                continue;
            tab[strcspn(tab, "\r\n")] = '\0';
            msgs[n++] = strdup(tab + 1);
        }
        if (f != NULL)
            fclose(f);
    }
    return n;
}

int main(int argc, char **argv)
{
    static char *msgs[MAX_MSGS];
    long rss0 = rss_kib(), rss_load;
    const struct ai_model *m = ai_default_model();
    int n = load(argc, argv, msgs), total = 0;
    double *lat, *best;
    struct ai_annotation a;

    rss_load = rss_kib();
    if (m == NULL || n == 0) {
        fprintf(stderr, "bench_ai: no model or no messages\n");
        return 1;
    }
    lat = malloc(sizeof *lat * (size_t)n * ROUNDS);
    best = malloc(sizeof *best * (size_t)n);
    for (int i = 0; i < n; i++)
        best[i] = 1e18;
    for (int i = 0; i < n; i++) /* warm up: first touch of model pages */
        ai_annotate(m, msgs[i], strlen(msgs[i]), &a);
    for (int r = 0; r < ROUNDS; r++)
        for (int i = 0; i < n; i++) {
            double t0 = now_us();
            ai_annotate(m, msgs[i], strlen(msgs[i]), &a);
            lat[total] = now_us() - t0;
            best[i] = lat[total] < best[i] ? lat[total] : best[i];
            total++;
        }
    qsort(lat, (size_t)total, sizeof *lat, cmp_double);
    printf("messages      %d x %d rounds\n", n, ROUNDS);
    printf("latency_us    p50 %.1f  p99 %.1f  max %.1f\n", lat[total / 2],
           lat[(size_t)(total * 0.99)], lat[total - 1]);
    /* Each message's fastest round: what it costs when no other process
     * takes the core away (the machine is shared). */
    qsort(best, (size_t)n, sizeof *best, cmp_double);
    printf("best_of_%d_us  p50 %.1f  p99 %.1f  max %.1f\n", ROUNDS,
           best[n / 2], best[(size_t)(n * 0.99)], best[n - 1]);
    printf("rss_kib       start %ld  after_load %ld  after_run %ld\n", rss0,
           rss_load, rss_kib());
    free(lat);
    free(best);
    for (int i = 0; i < n; i++)
        free(msgs[i]);
    return 0;
}

/*
 * Checks of the hand-written phrasings in data/intents: every line is
 * well formed and names an intent of the shipped model, every intent has
 * enough training phrasings in every language, and no held-out phrasing
 * appears in training once normalised (which would make the evaluation
 * dishonest).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ai/ai_internal.h"
#include "base/buf.h"
#include "base/mem.h"

static const char *const langs[] = {"en", "ko", "zh", "ja", "es",
                                    "pt", "id", "hi", "ar"};
#define NLANGS (sizeof langs / sizeof langs[0])

/* The least number of training phrasings per intent and language. */
#define MIN_TRAIN_PER_INTENT 25

struct phrase {
    char *key; /* normalised tokens joined by one space */
    char *line;
    int intent; /* index into the model's intents */
};

struct phrases {
    struct phrase *v;
    size_t n, cap;
};

/* The normalised form of text: its tokens joined by single spaces, so
 * that case, accents, width, punctuation and spacing do not count.
 * Returns NULL for text with no token. Caller frees. */
static char *normalise(const char *text)
{
    struct ai_text t;
    struct buf b = {0};

    if (ai_text_init(&t, text, strlen(text)) != AI_OK)
        return NULL;
    for (int i = 0; i < t.ntok; i++) {
        if (i)
            buf_append(&b, " ", 1);
        buf_append(&b, t.tok[i].p, (size_t)t.tok[i].len);
    }
    ai_text_free(&t);
    return buf_steal(&b);
}

static int intent_index(const char *name)
{
    const struct ai_model *m = ai_default_model();

    for (int i = 0; i < ai_model_intents(m); i++)
        if (!strcmp(ai_model_intent(m, i), name))
            return i;
    return -1;
}

/* Parse one "intent<TAB>text" line into out; fails the test when the
 * line is malformed or names an unknown intent. */
static void parse_line(const char *path, int lineno, char *line,
                       struct phrases *out)
{
    char *tab = strchr(line, '\t');
    struct phrase p;

    if (!tab)
        fail_msg("%s:%d: no tab", path, lineno);
    *tab = '\0';
    p.intent = intent_index(line);
    if (p.intent < 0)
        fail_msg("%s:%d: unknown intent '%s'", path, lineno, line);
    p.key = normalise(tab + 1);
    if (!p.key)
        fail_msg("%s:%d: text the classifier refuses", path, lineno);
    p.line = xasprintf("%s:%d", path, lineno);
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        out->v = xrealloc(out->v, out->cap * sizeof *out->v);
    }
    out->v[out->n++] = p;
}

/* Read data/intents/<dir>/<lang>.tsv, skipping comments and blank lines. */
static void read_file(const char *dir, const char *lang, struct phrases *out)
{
    const char *root = getenv("PARLEY_SOURCE_ROOT");
    char *path =
        xasprintf("%s/data/intents/%s/%s.tsv", root ? root : ".", dir, lang);
    FILE *f = fopen(path, "r");
    char line[8192];
    int lineno = 0;

    if (!f)
        fail_msg("cannot open %s", path);
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        parse_line(path, lineno, line, out);
    }
    fclose(f);
    free(path);
}

static void phrases_free(struct phrases *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].key);
        free(p->v[i].line);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct phrase *)a)->key,
                  ((const struct phrase *)b)->key);
}

static void test_train_and_test_disjoint(void **state)
{
    struct phrases train = {0}, test = {0};
    int shared = 0;

    (void)state;
    for (size_t l = 0; l < NLANGS; l++) {
        read_file("train", langs[l], &train);
        read_file("test", langs[l], &test);
    }
    assert_true(train.n > 0 && test.n > 0);
    qsort(train.v, train.n, sizeof *train.v, by_key);
    for (size_t i = 0; i < test.n; i++) {
        struct phrase *hit =
            bsearch(&test.v[i], train.v, train.n, sizeof *train.v, by_key);
        if (hit) {
            print_error("held-out %s is also training %s (\"%s\")\n",
                        test.v[i].line, hit->line, hit->key);
            shared++;
        }
    }
    assert_int_equal(shared, 0);
    phrases_free(&train);
    phrases_free(&test);
}

static void test_enough_training_per_intent(void **state)
{
    const struct ai_model *m = ai_default_model();
    int n = ai_model_intents(m), short_intents = 0;

    (void)state;
    for (size_t l = 0; l < NLANGS; l++) {
        struct phrases train = {0};
        int *count = xcalloc((size_t)n, sizeof *count);

        read_file("train", langs[l], &train);
        for (size_t i = 0; i < train.n; i++)
            count[train.v[i].intent]++;
        for (int i = 0; i < n; i++)
            if (count[i] < MIN_TRAIN_PER_INTENT) {
                print_error("%s: only %d training phrasings for %s\n", langs[l],
                            count[i], ai_model_intent(m, i));
                short_intents++;
            }
        free(count);
        phrases_free(&train);
    }
    assert_int_equal(short_intents, 0);
}

/* The check above must be able to fail: a test line copied into training
 * with other case and punctuation normalises to the same key. */
static void test_normalise_catches_light_edits(void **state)
{
    char *a = normalise("Where is my ORDER??");
    char *b = normalise("where is  my order");
    char *c = normalise("where is my parcel");

    (void)state;
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise_catches_light_edits),
        cmocka_unit_test(test_train_and_test_disjoint),
        cmocka_unit_test(test_enough_training_per_intent),
    };

    if (!ai_default_model()) {
        fprintf(stderr, "no model built into the binary\n");
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The calls other modules make: annotate a message (language, intent,
 * sentiment), annotate it for an account whose own examples may override
 * the default intent, and rank canned replies for a message.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai_internal.h"
#include "base/mem.h"

/* An account example must be at least this close (cosine of feature
 * vectors) to decide; a corrected message sent again scores 1. */
#define ACCOUNT_MIN_SIM  0.5
#define ACCOUNT_SURE_SIM 0.8

struct ai_account {
    const struct ai_model *m;
    int n, cap;
    char **intent;
    struct ai_vec *vec;
};

const char *ai_strerror(enum ai_rc rc)
{
    switch (rc) {
    case AI_OK:
        return "ok";
    case AI_EMPTY:
        return "empty text";
    case AI_INVALID:
        return "invalid UTF-8 or NUL byte in text";
    case AI_TOO_LONG:
        return "text too long";
    case AI_NO_MODEL:
        return "no usable model";
    case AI_NOT_FOUND:
        return "not found";
    default:
        return "error";
    }
}

static void clear(struct ai_annotation *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->language, sizeof out->language, "und");
    out->intent = "none";
    out->sentiment = AI_NEUTRAL;
}

/* Intent of t's features v: the best class, or "none" below the model's
 * threshold. */
static void classify(const struct ai_model *m, const struct ai_vec *v,
                     struct ai_annotation *out)
{
    double stack[128], *prob = stack;
    int best;

    if (m->nclass > 128)
        prob = xmalloc((size_t)m->nclass * sizeof *prob);
    best = ai_model_score(m, v, prob);
    out->confidence = prob[best];
    out->intent = prob[best] >= m->threshold ? m->label[best] : "none";
    if (prob != stack)
        free(prob);
}

/*
 * Annotate text with the model, and with account a's examples when given.
 * Returns AI_OK or the input error, with out cleared to "und"/"none".
 */
enum ai_rc ai_annotate_account(const struct ai_model *m,
                               const struct ai_account *a, const char *text,
                               size_t len, struct ai_annotation *out)
{
    struct ai_text t;
    struct ai_vec v = {0};
    enum ai_rc rc;

    clear(out);
    if (m == NULL)
        return AI_NO_MODEL;
    rc = ai_text_init(&t, text, len);
    if (rc != AI_OK)
        return rc;
    ai_lang_detect(&t, out->language);
    ai_features(&t, out->language, m->bits, &v);
    classify(m, &v, out);
    ai_sentiment_text(&t, out->language, &out->sentiment, &out->score);

    /* The account's nearest example overrides when it is close. */
    for (int i = 0, best = -1; a != NULL && i < a->n; i++) {
        double s = ai_vec_dot(&v, &a->vec[i]);
        bool takes = s >= ACCOUNT_MIN_SIM &&
                     (s >= ACCOUNT_SURE_SIM || s > out->confidence ||
                      strcmp(out->intent, "none") == 0);
        if (takes && (best < 0 || s > out->confidence)) {
            best = i;
            out->intent = a->intent[i];
            out->confidence = s;
            out->custom = 1;
        }
    }
    ai_vec_free(&v);
    ai_text_free(&t);
    return AI_OK;
}

enum ai_rc ai_annotate(const struct ai_model *m, const char *text, size_t len,
                       struct ai_annotation *out)
{
    return ai_annotate_account(m, NULL, text, len, out);
}

struct ai_account *ai_account_new(const struct ai_model *m)
{
    struct ai_account *a = xcalloc(1, sizeof *a);

    a->m = m;
    return a;
}

enum ai_rc ai_account_add(struct ai_account *a, const char *intent,
                          const char *text)
{
    struct ai_text t;
    char lang[8];
    enum ai_rc rc = ai_text_init(&t, text, text ? strlen(text) : 0);

    if (rc != AI_OK)
        return rc;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->intent = xrealloc(a->intent, (size_t)a->cap * sizeof *a->intent);
        a->vec = xrealloc(a->vec, (size_t)a->cap * sizeof *a->vec);
    }
    ai_lang_detect(&t, lang);
    memset(&a->vec[a->n], 0, sizeof a->vec[a->n]);
    ai_features(&t, lang, a->m->bits, &a->vec[a->n]);
    a->intent[a->n++] = xstrdup(intent);
    ai_text_free(&t);
    return AI_OK;
}

void ai_account_free(struct ai_account *a)
{
    if (a == NULL)
        return;
    for (int i = 0; i < a->n; i++) {
        free(a->intent[i]);
        ai_vec_free(&a->vec[i]);
    }
    free(a->intent);
    free(a->vec);
    free(a);
}

/* --- suggestions ------------------------------------------------------ */

static int cmp_suggestion(const void *x, const void *y)
{
    const struct ai_suggestion *a = x, *b = y;

    if (a->score != b->score)
        return a->score < b->score ? 1 : -1;
    return a->index - b->index;
}

/* Score one reply: 0.5 for answering the message's intent (times the
 * confidence), 0.4 for text overlap, 0.3 when the agent is typing its
 * shortcut ("/ref" for "refund-policy"). */
static double reply_score(const struct ai_model *m, const struct ai_vec *v,
                          const struct ai_annotation *ann, const char *typed,
                          size_t typed_len, const struct ai_reply *r)
{
    double s = 0;
    struct ai_text t;
    struct ai_vec rv = {0};

    if (r->intent != NULL && strcmp(r->intent, ann->intent) == 0 &&
        strcmp(ann->intent, "none") != 0)
        s += 0.5 * ann->confidence;
    if (r->text != NULL &&
        ai_text_init(&t, r->text, strlen(r->text)) == AI_OK) {
        ai_features(&t, ann->language, m->bits, &rv);
        s += 0.4 * ai_vec_dot(v, &rv);
        ai_vec_free(&rv);
        ai_text_free(&t);
    }
    if (r->shortcut != NULL && typed_len > 1 && typed[0] == '/' &&
        strncmp(r->shortcut, typed + 1, typed_len - 1) == 0)
        s += 0.3;
    return s > 1 ? 1 : s;
}

int ai_suggest(const struct ai_model *m, const char *text, size_t len,
               const struct ai_reply *replies, int n, struct ai_suggestion *out,
               int max)
{
    struct ai_annotation ann;
    struct ai_suggestion *all;
    struct ai_text t;
    struct ai_vec v = {0};
    int k = 0;

    if (m == NULL || n <= 0 || max <= 0 ||
        ai_annotate(m, text, len, &ann) != AI_OK)
        return 0;
    if (ai_text_init(&t, text, len) != AI_OK)
        return 0;
    ai_features(&t, ann.language, m->bits, &v);
    all = xmalloc((size_t)n * sizeof *all);
    for (int i = 0; i < n; i++) {
        double s = reply_score(m, &v, &ann, text, len, &replies[i]);
        if (s > 0)
            all[k++] = (struct ai_suggestion){.index = i, .score = s};
    }
    qsort(all, (size_t)k, sizeof *all, cmp_suggestion);
    k = k < max ? k : max;
    memcpy(out, all, (size_t)k * sizeof *out);
    free(all);
    ai_vec_free(&v);
    ai_text_free(&t);
    return k;
}

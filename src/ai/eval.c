/*
 * Measuring the classifier honestly: accuracy and macro-F1 of a model on
 * labelled phrasings, per language and overall, and the choice of the
 * confidence threshold below which a message is "none" (handed to a
 * person), made on data the model was not trained on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai_eval.h"
#include "base/mem.h"

/* Predicted intent id of every example of d (NULL when the text does not
 * tokenise) and its confidence. Arrays have d->n entries, caller frees. */
void ai_predict_all(const struct ai_model *m, const struct ai_dataset *d,
                    const char ***pred, double **conf)
{
    double *prob = xmalloc((size_t)m->nclass * sizeof *prob);

    *pred = xcalloc((size_t)d->n, sizeof **pred);
    *conf = xcalloc((size_t)d->n, sizeof **conf);
    for (int i = 0; i < d->n; i++) {
        struct ai_text t;
        struct ai_vec v = {0};
        char lang[8];
        const char *text = d->ex[i].text;
        if (ai_text_init(&t, text, strlen(text)) != AI_OK)
            continue;
        ai_lang_detect(&t, lang);
        ai_features(&t, lang, m->bits, &v);
        int best = ai_model_score(m, &v, prob);
        (*pred)[i] = m->label[best];
        (*conf)[i] = prob[best];
        ai_vec_free(&v);
        ai_text_free(&t);
    }
    free(prob);
}

/* The label after thresholding. */
static const char *decide(const char *pred, double conf, double threshold)
{
    return pred == NULL || conf < threshold ? "none" : pred;
}

/*
 * Threshold in 0.02 steps that maximises accuracy over d, where "none"
 * (gold label none_label) is right when the confidence falls below the
 * threshold. balanced weighs the "none" examples as much as all the others
 * together (the mean of in-scope accuracy and out-of-scope recall), for
 * benchmarks that report both; otherwise each example counts once, as the
 * held-out figures do.
 */
double ai_pick_threshold(const struct ai_dataset *d, const char **pred,
                         const double *conf, const char *none_label,
                         bool balanced)
{
    double best_t = 0, best = -1;

    for (double t = 0; t < 0.95; t += 0.02) {
        int in = 0, in_ok = 0, out = 0, out_ok = 0;
        for (int i = 0; i < d->n; i++) {
            const char *gold = d->label[d->ex[i].label];
            const char *p = decide(pred[i], conf[i], t);
            bool is_none = strcmp(gold, none_label) == 0;
            in += !is_none;
            out += is_none;
            in_ok += !is_none && strcmp(p, gold) == 0;
            out_ok += is_none &&
                      (strcmp(p, "none") == 0 || strcmp(p, none_label) == 0);
        }
        double s = balanced && out > 0 && in > 0
                       ? (double)in_ok / in / 2 + (double)out_ok / out / 2
                       : (double)(in_ok + out_ok) / (in + out ? in + out : 1);
        if (s > best + 1e-9) {
            best = s;
            best_t = t;
        }
    }
    return best_t;
}

/* Macro-F1 over the labels that occur (gold or predicted) among the
 * examples selected by keep. */
static double macro_f1(const struct ai_dataset *d, const char **p,
                       const bool *keep)
{
    double sum = 0;
    int nl = 0;

    for (int l = 0; l < d->nlabel; l++) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < d->n; i++) {
            if (!keep[i])
                continue;
            bool g = d->ex[i].label == l;
            bool q = strcmp(p[i], d->label[l]) == 0;
            tp += g && q;
            fp += !g && q;
            fn += g && !q;
        }
        if (tp + fp + fn == 0)
            continue;
        sum += 2.0 * tp / (2.0 * tp + fp + fn);
        nl++;
    }
    return nl ? sum / nl : 0;
}

/*
 * Accuracy and macro-F1 of m on d, for examples in language lang (NULL:
 * all) after the model's threshold. Returns the number of examples.
 */
int ai_score_set(const struct ai_model *m, const struct ai_dataset *d,
                 const char **pred, const double *conf, const char *lang,
                 double *acc, double *f1)
{
    const char **p = xcalloc((size_t)d->n, sizeof *p);
    bool *keep = xcalloc((size_t)d->n, sizeof *keep);
    int n = 0, ok = 0;

    for (int i = 0; i < d->n; i++) {
        p[i] = decide(pred[i], conf[i], m->threshold);
        keep[i] = lang == NULL || strcmp(d->ex[i].lang, lang) == 0;
        if (!keep[i])
            continue;
        n++;
        ok += strcmp(p[i], d->label[d->ex[i].label]) == 0;
    }
    *acc = n ? (double)ok / n : 0;
    *f1 = macro_f1(d, p, keep);
    free(p);
    free(keep);
    return n;
}

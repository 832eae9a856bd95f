/*
 * `parley ai ...`: classify messages from the shell, train the shipped
 * model, and evaluate it and the method on the public benchmarks. Paths
 * are relative to the repository root, where these commands are run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ai/ai_eval.h"
#include "base/clock.h"
#include "base/mem.h"
#include "cmd/cmd.h"

#define DEFAULT_BITS 20
#define DEFAULT_C    10.0

struct ai_opts {
    const char *model;  /* --model */
    const char *data;   /* --data: the project's phrasings */
    const char *shared; /* --shared: ../shared */
    const char *out;    /* --out */
    int bits;
    double c;
    int quick;        /* eval: skip CLINC150 and BANKING77 */
    double threshold; /* eval: override the model's; < 0 keeps it */
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: parley ai <command> [options]\n\n"
            "commands:\n"
            "  classify [TEXT...]  annotate TEXT, or each line of stdin, as "
            "JSON\n"
            "  train               build the intent model from data/intents "
            "and Bitext\n"
            "  eval                held-out figures, CLINC150 and "
            "BANKING77\n\n"
            "options:\n"
            "  --model PATH   model file (default: the one built in)\n"
            "  --data DIR     phrasings (default: data/intents)\n"
            "  --shared DIR   shared datasets folder (default: "
            "$PARLEY_SHARED or ../shared)\n"
            "  --out PATH     train: where to write the model\n"
            "  --bits N       train: hash width (default %d)\n"
            "  --c C          train: liblinear cost (default %.0f)\n"
            "  --quick        eval: held-out phrasings only\n"
            "  --threshold T  eval: use T instead of the model's threshold\n",
            DEFAULT_BITS, DEFAULT_C);
}

/* Parse options after the subcommand; the rest stay in argv from
 * *first. Returns 0, or 2 on a bad option. */
static int parse_opts(int argc, char **argv, struct ai_opts *o, int *first)
{
    const char *env = getenv("PARLEY_SHARED");
    int i = 2;

    *o = (struct ai_opts){.data = "data/intents",
                          .shared = env && *env ? env : "../shared",
                          .bits = DEFAULT_BITS,
                          .threshold = -1,
                          .c = DEFAULT_C};
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--quick") == 0) {
            o->quick = 1;
            continue;
        }
        if (v == NULL)
            return 2;
        if (strcmp(a, "--model") == 0)
            o->model = v;
        else if (strcmp(a, "--data") == 0)
            o->data = v;
        else if (strcmp(a, "--shared") == 0)
            o->shared = v;
        else if (strcmp(a, "--out") == 0)
            o->out = v;
        else if (strcmp(a, "--bits") == 0)
            o->bits = atoi(v);
        else if (strcmp(a, "--c") == 0)
            o->c = atof(v);
        else if (strcmp(a, "--threshold") == 0)
            o->threshold = atof(v);
        else
            return 2;
        i++;
    }
    *first = i;
    return o->bits >= 10 && o->bits <= 24 && o->c > 0 ? 0 : 2;
}

/* The model named by --model, or the built-in one; NULL if neither. */
static struct ai_model *open_model(const struct ai_opts *o)
{
    struct ai_model *m = NULL;

    if (ai_model_load(o->model, &m) != AI_OK)
        fprintf(stderr, "parley ai: no usable model%s%s\n",
                o->model ? " in " : "", o->model ? o->model : "");
    return m;
}

static const char *sentiment_name(enum ai_sentiment s)
{
    return s == AI_POSITIVE   ? "positive"
           : s == AI_NEGATIVE ? "negative"
                              : "neutral";
}

/* Print one message's annotation (or its error) as a JSON line. */
static int classify_one(const struct ai_model *m, const char *text, size_t len)
{
    struct ai_annotation a;
    enum ai_rc rc = ai_annotate(m, text, len, &a);
    json_t *o;
    char *s;

    if (rc != AI_OK)
        o = json_pack("{s:s}", "error", ai_strerror(rc));
    else
        o = json_pack(
            "{s:s,s:s,s:f,s:s,s:f}", "language", a.language, "intent", a.intent,
            "confidence", (double)(int)(a.confidence * 1000 + 0.5) / 1000,
            "sentiment", sentiment_name(a.sentiment), "score",
            (double)(int)(a.score * 1000 + (a.score < 0 ? -0.5 : 0.5)) / 1000);
    s = json_dumps(o,
                   JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3));
    puts(s);
    free(s);
    json_decref(o);
    return rc == AI_OK ? 0 : 1;
}

static int cmd_classify(const struct ai_opts *o, int argc, char **argv,
                        int first)
{
    struct ai_model *m = open_model(o);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;

    if (m == NULL)
        return 1;
    for (int i = first; i < argc; i++)
        rc |= classify_one(m, argv[i], strlen(argv[i]));
    while (first == argc && (n = getline(&line, &cap, stdin)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        rc |= classify_one(m, line, (size_t)n);
    }
    free(line);
    ai_model_free(m);
    return rc;
}

/*
 * The project's training phrasings, each counted OWN_REPEAT times, plus
 * at most BITEXT_CAP Bitext utterances per intent, evenly spread: Bitext
 * is English and templated, and at full size it drowns the eight other
 * languages (their messages drift to whichever class has the most
 * non-English examples).
 */
#define OWN_REPEAT 3
#define BITEXT_CAP 300

static int load_training(const struct ai_opts *o, struct ai_dataset *d)
{
    struct ai_dataset bx = {0};
    char path[1024];
    int rc = -1;

    snprintf(path, sizeof path, "%s/train", o->data);
    if (ai_read_tsv_dir(path, d) != AI_OK)
        return -1;
    for (int i = 0; i < d->n; i++)
        d->ex[i].repeat = OWN_REPEAT;
    snprintf(path, sizeof path,
             "%s/datasets/bitext-customer-service/utterances.csv", o->shared);
    if (ai_read_bitext(path, &bx) != AI_OK)
        goto out;
    for (int l = 0; l < bx.nlabel; l++) {
        int n = 0, k = 0;
        for (int i = 0; i < bx.n; i++)
            n += bx.ex[i].label == l;
        for (int i = 0; i < bx.n; i++)
            if (bx.ex[i].label == l && (k++ * BITEXT_CAP) % n < BITEXT_CAP)
                ai_dataset_add(d, bx.ex[i].text, bx.label[l], "en");
    }
    rc = 0;
out:
    ai_dataset_free(&bx);
    return rc;
}

/* Split d into a training part and every seventh example for choosing
 * the threshold. */
static void split_dev(const struct ai_dataset *d, struct ai_dataset *fit,
                      struct ai_dataset *dev)
{
    for (int i = 0; i < d->nlabel; i++) { /* same label numbers */
        ai_dataset_label(fit, d->label[i]);
        ai_dataset_label(dev, d->label[i]);
    }
    for (int i = 0; i < d->n; i++) {
        struct ai_dataset *to = i % 7 == 3 ? dev : fit;
        ai_dataset_add(to, d->ex[i].text, d->label[d->ex[i].label],
                       d->ex[i].lang);
        to->ex[to->n - 1].repeat = d->ex[i].repeat;
    }
}

/* Train on all but a dev part, pick the threshold there (for accuracy),
 * then train on everything with it; or, given a dev set, train once and
 * pick the balanced threshold on it. Returns the final model or NULL. */
static struct ai_model *train_calibrated(const struct ai_dataset *d,
                                         const char *none_label,
                                         const struct ai_dataset *dev_in,
                                         int bits, double c)
{
    struct ai_dataset fit = {0}, dev = {0};
    const struct ai_dataset *cal = dev_in;
    struct ai_model *m;
    const char **pred;
    double *conf, t;

    if (cal == NULL) {
        split_dev(d, &fit, &dev);
        cal = &dev;
    }
    m = ai_train(cal == &dev ? &fit : d, bits, c, 0);
    if (m == NULL)
        return NULL;
    ai_predict_all(m, cal, &pred, &conf);
    t = ai_pick_threshold(cal, pred, conf, none_label, dev_in != NULL);
    free(pred);
    free(conf);
    if (cal == &dev) {
        ai_model_free(m);
        m = ai_train(d, bits, c, (float)t);
    } else {
        m->threshold = (float)t;
    }
    ai_dataset_free(&fit);
    ai_dataset_free(&dev);
    return m;
}

static int cmd_train(const struct ai_opts *o)
{
    struct ai_dataset d = {0};
    struct ai_model *m = NULL;
    int64_t t0 = clock_mono_us();
    int rc = 1;

    if (o->out == NULL) {
        fprintf(stderr, "parley ai train: --out PATH is required\n");
        return 2;
    }
    if (load_training(o, &d) != 0)
        goto out;
    m = train_calibrated(&d, "none", NULL, o->bits, o->c);
    if (m == NULL || ai_model_write(m, o->out) != AI_OK)
        goto out;
    printf("trained %d intents on %d phrasings in %.1f s: %u weights, "
           "threshold %.2f -> %s\n",
           m->nclass, d.n, (double)(clock_mono_us() - t0) / 1e6, m->nrow,
           m->threshold, o->out);
    rc = 0;
out:
    ai_model_free(m);
    ai_dataset_free(&d);
    return rc;
}

/* Held-out phrasings: accuracy and macro-F1 per language and overall. */
static int eval_heldout(const struct ai_opts *o, const struct ai_model *m)
{
    static const char *const langs[] = {"en", "ko", "zh", "ja", "es",
                                        "pt", "id", "hi", "ar", NULL};
    struct ai_dataset d = {0};
    const char **pred;
    double *conf, acc, f1;
    char path[1024];

    snprintf(path, sizeof path, "%s/test", o->data);
    if (ai_read_tsv_dir(path, &d) != AI_OK)
        return 1;
    ai_predict_all(m, &d, &pred, &conf);
    printf("held-out phrasings (%s)\n  lang      n  accuracy  macro-F1\n",
           path);
    for (int i = 0; langs[i] != NULL; i++) {
        int n = ai_score_set(m, &d, pred, conf, langs[i], &acc, &f1);
        if (n > 0)
            printf("  %-4s  %5d    %.3f     %.3f\n", langs[i], n, acc, f1);
    }
    int n = ai_score_set(m, &d, pred, conf, NULL, &acc, &f1);
    printf("  all   %5d    %.3f     %.3f\n", n, acc, f1);
    free(pred);
    free(conf);
    ai_dataset_free(&d);
    return 0;
}

/* CLINC150: train on train, threshold on val (with its out-of-scope
 * part), report in-scope accuracy and out-of-scope recall on test. */
static int eval_clinc(const struct ai_opts *o)
{
    struct ai_dataset tr = {0}, val = {0}, te = {0};
    struct ai_model *m;
    const char **pred;
    double *conf;
    char path[1024];
    int in = 0, in_ok = 0, in_top = 0, out = 0, out_ok = 0;
    int64_t t0 = clock_mono_us();

    snprintf(path, sizeof path, "%s/datasets/clinc150/data_full.json",
             o->shared);
    if (ai_read_clinc(path, "train", &tr) || ai_read_clinc(path, "val", &val) ||
        ai_read_clinc(path, "oos_val", &val) ||
        ai_read_clinc(path, "test", &te) ||
        ai_read_clinc(path, "oos_test", &te))
        return 1;
    m = train_calibrated(&tr, "oos", &val, o->bits, o->c);
    if (m == NULL)
        return 1;
    ai_predict_all(m, &te, &pred, &conf);
    for (int i = 0; i < te.n; i++) {
        bool oos = strcmp(te.label[te.ex[i].label], "oos") == 0;
        bool none = pred[i] == NULL || conf[i] < m->threshold;
        in += !oos;
        out += oos;
        bool right =
            pred[i] != NULL && strcmp(pred[i], te.label[te.ex[i].label]) == 0;
        in_top += !oos && right;
        in_ok += !oos && !none && right;
        out_ok += oos && none;
    }
    printf("CLINC150 (train %d, %.0f s)\n"
           "  in-scope accuracy      %.3f (%d, best intent, no threshold)\n"
           "  with threshold %.2f (chosen on val for the mean of both):\n"
           "  in-scope accuracy      %.3f\n"
           "  out-of-scope recall    %.3f (%d)\n",
           tr.n, (double)(clock_mono_us() - t0) / 1e6, (double)in_top / in, in,
           m->threshold, (double)in_ok / in, (double)out_ok / out, out);
    free(pred);
    free(conf);
    ai_model_free(m);
    ai_dataset_free(&tr);
    ai_dataset_free(&val);
    ai_dataset_free(&te);
    return 0;
}

static int eval_banking(const struct ai_opts *o)
{
    struct ai_dataset tr = {0}, te = {0};
    struct ai_model *m;
    const char **pred;
    double *conf;
    char path[1024];
    int ok = 0;
    int64_t t0 = clock_mono_us();

    snprintf(path, sizeof path, "%s/datasets/banking77/train.csv", o->shared);
    if (ai_read_banking(path, &tr) != AI_OK)
        return 1;
    snprintf(path, sizeof path, "%s/datasets/banking77/test.csv", o->shared);
    if (ai_read_banking(path, &te) != AI_OK)
        return 1;
    m = ai_train(&tr, o->bits, o->c, 0);
    if (m == NULL)
        return 1;
    ai_predict_all(m, &te, &pred, &conf);
    for (int i = 0; i < te.n; i++)
        ok += pred[i] && strcmp(pred[i], te.label[te.ex[i].label]) == 0;
    printf("BANKING77 (train %d, %.0f s)\n  test accuracy          %.3f "
           "(%d)\n",
           tr.n, (double)(clock_mono_us() - t0) / 1e6, (double)ok / te.n, te.n);
    free(pred);
    free(conf);
    ai_model_free(m);
    ai_dataset_free(&tr);
    ai_dataset_free(&te);
    return 0;
}

static int cmd_eval(const struct ai_opts *o)
{
    struct ai_model *m = open_model(o);
    int rc;

    if (m == NULL)
        return 1;
    if (o->threshold >= 0)
        m->threshold = (float)o->threshold;
    rc = eval_heldout(o, m);
    ai_model_free(m);
    fflush(stdout);
    if (rc == 0 && !o->quick)
        rc = eval_clinc(o);
    fflush(stdout);
    if (rc == 0 && !o->quick)
        rc = eval_banking(o);
    return rc;
}

int cmd_ai(int argc, char **argv)
{
    struct ai_opts o;
    int first;
    const char *sub = argc > 1 ? argv[1] : "--help";

    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
        strcmp(sub, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (parse_opts(argc, argv, &o, &first) != 0) {
        usage(stderr);
        return 2;
    }
    if (strcmp(sub, "classify") == 0)
        return cmd_classify(&o, argc, argv, first);
    if (strcmp(sub, "train") == 0)
        return cmd_train(&o);
    if (strcmp(sub, "eval") == 0)
        return cmd_eval(&o);
    usage(stderr);
    return 2;
}

/*
 * Training: read the data sets (the project's own TSV phrasings, Bitext,
 * BANKING77, CLINC150), hash their features, fit one-vs-rest logistic
 * regression with liblinear and turn the weights into a model. Buckets
 * are renumbered densely for liblinear, which keeps a weight per feature
 * and class in memory.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <linear.h>

#include "ai/ai_internal.h"
#include "base/log.h"
#include "base/mem.h"

int ai_dataset_label(struct ai_dataset *d, const char *name)
{
    for (int i = 0; i < d->nlabel; i++)
        if (strcmp(d->label[i], name) == 0)
            return i;
    d->label = xrealloc(d->label, (size_t)(d->nlabel + 1) * sizeof *d->label);
    d->label[d->nlabel] = xstrdup(name);
    return d->nlabel++;
}

void ai_dataset_add(struct ai_dataset *d, const char *text, const char *label,
                    const char *lang)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->ex = xrealloc(d->ex, (size_t)d->cap * sizeof *d->ex);
    }
    d->ex[d->n].text = xstrdup(text);
    d->ex[d->n].label = ai_dataset_label(d, label);
    snprintf(d->ex[d->n].lang, sizeof d->ex[d->n].lang, "%s", lang ? lang : "");
    d->ex[d->n].repeat = 1;
    d->n++;
}

void ai_dataset_free(struct ai_dataset *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->ex[i].text);
    for (int i = 0; i < d->nlabel; i++)
        free(d->label[i]);
    free(d->ex);
    free(d->label);
    memset(d, 0, sizeof *d);
}

/* --- readers ---------------------------------------------------------- */

/* One "intent<TAB>text" file; lang from the file name (es.tsv). */
static enum ai_rc read_tsv(const char *path, const char *lang,
                           struct ai_dataset *d)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (f == NULL) {
        log_error("ai_data_open", "path=%s", path);
        return AI_ERROR;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        char *tab = strchr(line, '\t');
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (line[0] == '#' || tab == NULL || tab[1] == '\0')
            continue;
        *tab = '\0';
        ai_dataset_add(d, tab + 1, line, lang);
    }
    free(line);
    fclose(f);
    return AI_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum ai_rc ai_read_tsv_dir(const char *dir, struct ai_dataset *d)
{
    DIR *dh = opendir(dir);
    struct dirent *e;
    char *names[64];
    int n = 0;
    enum ai_rc rc = AI_OK;

    if (dh == NULL) {
        log_error("ai_data_open", "path=%s", dir);
        return AI_ERROR;
    }
    while ((e = readdir(dh)) != NULL && n < 64) {
        size_t l = strlen(e->d_name);
        if (l > 4 && l < 12 && strcmp(e->d_name + l - 4, ".tsv") == 0)
            names[n++] = xstrdup(e->d_name);
    }
    closedir(dh);
    qsort(names, (size_t)n, sizeof *names, cmp_str); /* stable order */
    for (int i = 0; i < n; i++) {
        char path[1024], lang[8];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(lang, sizeof lang, "%.*s", (int)strlen(names[i]) - 4,
                 names[i]);
        if (rc == AI_OK)
            rc = read_tsv(path, lang, d);
        free(names[i]);
    }
    return rc;
}

/*
 * Split one CSV record in place into at most max fields (double quotes
 * around a field, "" inside one). Returns the number of fields.
 */
static int csv_fields(char *s, char **field, int max)
{
    int n = 0;

    while (n < max) {
        char *o = s;
        field[n++] = s;
        if (*s == '"') {
            char *r = s + 1;
            for (; *r; r++) {
                if (*r == '"' && r[1] == '"')
                    *o++ = *r++;
                else if (*r == '"')
                    break;
                else
                    *o++ = *r;
            }
            s = *r ? r + 1 : r;
        } else {
            while (*s && *s != ',')
                *o++ = *s++;
        }
        if (*s != ',') {
            *o = '\0';
            break;
        }
        s++;
        *o = '\0';
    }
    return n;
}

/* Bitext intents outside the taxonomy are folded into the nearest one
 * or left out (NULL). */
static const char *bitext_map(const char *intent)
{
    static const char *const fold[][2] = {
        {"check_invoice", "get_invoice"},
        {"check_invoices", "get_invoice"},
        {"contact_customer_service", "contact_human_agent"},
        {"set_up_shipping_address", "change_shipping_address"},
        {"registration_problems", "create_account"},
        {"check_cancellation_fee", "cancel_order"},
    };
    static const char *const drop[] = {
        "delete_account",          "edit_account", "switch_account",
        "newsletter_subscription", "review",
    };

    for (size_t i = 0; i < sizeof fold / sizeof fold[0]; i++)
        if (strcmp(intent, fold[i][0]) == 0)
            return fold[i][1];
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        if (strcmp(intent, drop[i]) == 0)
            return NULL;
    return intent;
}

/* Read a CSV whose text is column text_col and label label_col; the
 * first line is a header. map, if given, renames or drops labels. */
static enum ai_rc read_csv(const char *path, int text_col, int label_col,
                           const char *(*map)(const char *),
                           struct ai_dataset *d)
{
    FILE *f = fopen(path, "r");
    char *line = NULL, *field[8];
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;

    if (f == NULL) {
        log_error("ai_data_open", "path=%s", path);
        return AI_ERROR;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (lineno++ == 0)
            continue;
        int nf = csv_fields(line, field, 8);
        if (nf <= text_col || nf <= label_col || field[text_col][0] == '\0')
            continue;
        const char *label = map ? map(field[label_col]) : field[label_col];
        if (label != NULL)
            ai_dataset_add(d, field[text_col], label, "en");
    }
    free(line);
    fclose(f);
    return AI_OK;
}

enum ai_rc ai_read_bitext(const char *path, struct ai_dataset *d)
{
    return read_csv(path, 1, 3, bitext_map, d);
}

enum ai_rc ai_read_banking(const char *path, struct ai_dataset *d)
{
    return read_csv(path, 0, 1, NULL, d);
}

/* One split of CLINC150's data_full.json ("train", "oos_val", ...). */
enum ai_rc ai_read_clinc(const char *path, const char *split,
                         struct ai_dataset *d)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err), *arr, *pair;
    size_t i;

    if (root == NULL) {
        log_error("ai_data_open", "path=%s line=%d", path, err.line);
        return AI_ERROR;
    }
    arr = json_object_get(root, split);
    json_array_foreach(arr, i, pair)
    {
        const char *text = json_string_value(json_array_get(pair, 0));
        const char *label = json_string_value(json_array_get(pair, 1));
        if (text != NULL && label != NULL)
            ai_dataset_add(d, text, label, "en");
    }
    json_decref(root);
    return AI_OK;
}

/* --- training --------------------------------------------------------- */

/* Features of every example; lang from the set, else detected. An
 * example that does not tokenise gets an empty vector. */
static struct ai_vec *featurise(const struct ai_dataset *d, int bits)
{
    struct ai_vec *v = xcalloc((size_t)d->n, sizeof *v);

    for (int i = 0; i < d->n; i++) {
        struct ai_text t;
        char lang[8];
        if (ai_text_init(&t, d->ex[i].text, strlen(d->ex[i].text)) != AI_OK)
            continue;
        if (d->ex[i].lang[0] != '\0')
            snprintf(lang, sizeof lang, "%s", d->ex[i].lang);
        else
            ai_lang_detect(&t, lang);
        ai_features(&t, lang, bits, &v[i]);
        ai_text_free(&t);
    }
    return v;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return x < y ? -1 : x > y;
}

/* The distinct bucket ids used by v[0..n), ascending; count in *nids. */
static uint32_t *used_ids(const struct ai_vec *v, int n, uint32_t *nids)
{
    size_t total = 0, k = 0;
    uint32_t *ids;

    for (int i = 0; i < n; i++)
        total += (size_t)v[i].n;
    ids = xmalloc((total + 1) * sizeof *ids);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < v[i].n; j++)
            ids[k++] = v[i].id[j];
    qsort(ids, k, sizeof *ids, cmp_u32);
    *nids = 0;
    for (size_t i = 0; i < k; i++)
        if (*nids == 0 || ids[*nids - 1] != ids[i])
            ids[(*nids)++] = ids[i];
    return ids;
}

static uint32_t dense_index(const uint32_t *ids, uint32_t n, uint32_t id)
{
    uint32_t *p = bsearch(&id, ids, n, sizeof *ids, cmp_u32);

    return (uint32_t)(p - ids) + 1;
}

/* The liblinear problem over dense indexes 1..nids, plus a bias node. */
static void make_problem(const struct ai_dataset *d, const struct ai_vec *v,
                         const uint32_t *ids, uint32_t nids, struct problem *p,
                         struct feature_node **pool)
{
    size_t total = 0, k = 0, rows = 0, r = 0;

    for (int i = 0; i < d->n; i++) {
        total += (size_t)v[i].n + 2;
        rows += (size_t)d->ex[i].repeat;
    }
    *pool = xmalloc(total * sizeof **pool);
    p->l = (int)rows;
    p->n = (int)nids + 1;
    p->bias = 1;
    p->y = xmalloc(rows * sizeof *p->y);
    p->x = xmalloc(rows * sizeof *p->x);
    for (int i = 0; i < d->n; i++) {
        /* A weighted example is the same row several times over. */
        for (int j = 0; j < d->ex[i].repeat; j++, r++) {
            p->y[r] = d->ex[i].label;
            p->x[r] = *pool + k;
        }
        for (int j = 0; j < v[i].n; j++)
            (*pool)[k++] = (struct feature_node){
                (int)dense_index(ids, nids, v[i].id[j]), v[i].val[j]};
        (*pool)[k++] = (struct feature_node){(int)nids + 1, 1.0};
        (*pool)[k++] = (struct feature_node){-1, 0};
    }
}

/* liblinear's weights into rows by bucket and class by dataset label. */
static struct ai_model *to_model(const struct ai_dataset *d,
                                 const struct model *lm, const uint32_t *ids,
                                 uint32_t nids, int bits, float threshold)
{
    int nc = d->nlabel, lc = lm->nr_class;
    int cols = lc == 2 ? 1 : lc;
    double *w = xcalloc((size_t)nids * (size_t)nc, sizeof *w);
    double *bias = xcalloc((size_t)nc, sizeof *bias);
    struct ai_model *m;

    for (int c = 0; c < lc; c++) {
        int label = lm->label[c];
        double sign = lc == 2 && c == 1 ? -1 : 1;
        int col = lc == 2 ? 0 : c;
        for (uint32_t f = 0; f < nids; f++)
            w[f * (size_t)nc + label] = sign * lm->w[f * cols + col];
        bias[label] = sign * lm->w[(size_t)nids * cols + col];
    }
    for (int c = 0; c < nc; c++) /* a label with no example never wins */
        if (bias[c] == 0)
            bias[c] = -30;
    m = ai_model_build(nc, d->label, bits, threshold, nids, ids, w, bias);
    free(w);
    free(bias);
    return m;
}

static void quiet(const char *s)
{
    (void)s;
}

struct ai_model *ai_train(const struct ai_dataset *d, int bits, double c,
                          float threshold)
{
    struct ai_vec *v = featurise(d, bits);
    struct parameter param = {.solver_type = L2R_LR, .eps = 0.01, .C = c};
    struct problem p;
    struct feature_node *pool;
    struct model *lm;
    struct ai_model *m = NULL;
    uint32_t nids;
    uint32_t *ids = used_ids(v, d->n, &nids);

    make_problem(d, v, ids, nids, &p, &pool);
    set_print_string_function(quiet);
    lm = train(&p, &param);
    if (lm != NULL)
        m = to_model(d, lm, ids, nids, bits, threshold);
    free_and_destroy_model(&lm);
    for (int i = 0; i < d->n; i++)
        ai_vec_free(&v[i]);
    free(v);
    free(ids);
    free(pool);
    free(p.x);
    free(p.y);
    return m;
}

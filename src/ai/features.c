/*
 * Feature hashing for the intent model: Snowball-stemmed words and word
 * pairs where a stemmer exists, character n-grams inside words (they carry
 * misspellings and Korean particles), character n-grams over Chinese,
 * Japanese and Thai runs, which have no spaces, and emoji. Every feature is
 * hashed into 2^bits buckets, so the model needs no vocabulary.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "ai/ai_internal.h"
#include "base/mem.h"

/* Snowball algorithms by ISO 639-1 code. */
static const char *const stem_lang[][2] = {
    {"en", "english"},    {"es", "spanish"}, {"pt", "portuguese"},
    {"id", "indonesian"}, {"hi", "hindi"},   {"ar", "arabic"},
    {"fr", "french"},     {"de", "german"},  {"it", "italian"},
    {"ru", "russian"},
};
#define NSTEM (sizeof stem_lang / sizeof stem_lang[0])

/* A stemmer keeps state between calls, so each thread has its own set,
 * made on first use and freed when the thread ends. */
static pthread_key_t stem_key;
static pthread_once_t stem_once = PTHREAD_ONCE_INIT;

static void free_stemmers(void *p)
{
    struct sb_stemmer **set = p;

    for (size_t i = 0; i < NSTEM; i++)
        if (set[i] != NULL)
            sb_stemmer_delete(set[i]);
    free(set);
}

static void make_key(void)
{
    pthread_key_create(&stem_key, free_stemmers);
}

/* This thread's stemmer for lang, or NULL if Snowball has none. */
static struct sb_stemmer *stemmer_for(const char *lang)
{
    struct sb_stemmer **set;

    pthread_once(&stem_once, make_key);
    set = pthread_getspecific(stem_key);
    if (set == NULL) {
        set = xcalloc(NSTEM, sizeof *set);
        pthread_setspecific(stem_key, set);
    }
    for (size_t i = 0; i < NSTEM; i++) {
        if (strcmp(lang, stem_lang[i][0]) != 0)
            continue;
        if (set[i] == NULL)
            set[i] = sb_stemmer_new(stem_lang[i][1], "UTF_8");
        return set[i];
    }
    return NULL;
}

static uint32_t fnv(uint32_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 16777619u;
    }
    return h;
}

static void vec_push(struct ai_vec *v, uint32_t h, int bits, float val)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->id = xrealloc(v->id, (size_t)v->cap * sizeof *v->id);
        v->val = xrealloc(v->val, (size_t)v->cap * sizeof *v->val);
    }
    v->id[v->n] = (h & ((1u << bits) - 1)) + 1;
    v->val[v->n++] = val;
}

/* Hash of a template tag and one or two byte strings. */
static uint32_t hash2(char tag, const char *a, size_t na, const char *b,
                      size_t nb)
{
    uint32_t h = fnv(2166136261u, &tag, 1);

    h = fnv(h, a, na);
    if (b != NULL) {
        h = fnv(h, "|", 1);
        h = fnv(h, b, nb);
    }
    return h;
}

/* Byte offsets of each code point of s[0..n) into off (n+1 entries at
 * most); returns the count of code points. */
static int cp_offsets(const char *s, int n, int *off)
{
    int k = 0, i = 0;

    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, &c);
        off[k++] = i;
        i += l > 0 ? (int)l : 1;
    }
    off[k] = n;
    return k;
}

/*
 * Character n-grams of lengths lo..hi over a token, with the token's edges
 * marked so that a prefix or suffix counts as such.
 */
static void char_ngrams(const struct ai_token *tk, int lo, int hi, int bits,
                        float weight, struct ai_vec *v)
{
    char buf[260];
    int off[260], n;

    if (tk->len > 250)
        return;
    buf[0] = '<';
    memcpy(buf + 1, tk->p, (size_t)tk->len);
    buf[tk->len + 1] = '>';
    n = cp_offsets(buf, tk->len + 2, off);
    for (int len = lo; len <= hi; len++)
        for (int i = 0; i + len <= n; i++) {
            if (len == 1 && (i == 0 || i == n - 1))
                continue;
            vec_push(v,
                     hash2('c', buf + off[i], (size_t)(off[i + len] - off[i]),
                           NULL, 0),
                     bits, weight);
        }
}

/* The word form used for word features: its stem when lang has a
 * stemmer, "0" for numbers, else the token itself. */
static void word_form(const struct ai_token *tk, struct sb_stemmer *st,
                      const char **p, int *len)
{
    *p = tk->p;
    *len = tk->len;
    if (tk->digits) {
        *p = "0";
        *len = 1;
    } else if (st != NULL && tk->script != SCRIPT_EMOJI) {
        const sb_symbol *s =
            sb_stemmer_stem(st, (const sb_symbol *)tk->p, tk->len);
        if (s != NULL) {
            *p = (const char *)s;
            *len = sb_stemmer_length(st);
        }
    }
}

/* Sort by id and add up duplicates; then scale to unit length. */
static int cmp_pair(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;

    return (*x >> 32) < (*y >> 32) ? -1 : (*x >> 32) > (*y >> 32);
}

static void vec_finish(struct ai_vec *v)
{
    uint64_t *pair = xmalloc((size_t)(v->n + 1) * sizeof *pair);
    double norm = 0;
    int k = 0;

    for (int i = 0; i < v->n; i++) {
        float f = v->val[i];
        uint32_t bitsf;
        memcpy(&bitsf, &f, sizeof bitsf);
        pair[i] = (uint64_t)v->id[i] << 32 | bitsf;
    }
    qsort(pair, (size_t)v->n, sizeof *pair, cmp_pair);
    for (int i = 0; i < v->n; i++) {
        uint32_t id = (uint32_t)(pair[i] >> 32), bitsf = (uint32_t)pair[i];
        float f;
        memcpy(&f, &bitsf, sizeof f);
        if (k > 0 && v->id[k - 1] == id) {
            v->val[k - 1] += f;
            continue;
        }
        v->id[k] = id;
        v->val[k++] = f;
    }
    v->n = k;
    for (int i = 0; i < k; i++) {
        v->val[i] = sqrtf(v->val[i]); /* damp repeats */
        norm += (double)v->val[i] * v->val[i];
    }
    norm = norm > 0 ? sqrt(norm) : 1;
    for (int i = 0; i < k; i++)
        v->val[i] = (float)(v->val[i] / norm);
    free(pair);
}

/*
 * Features of one token: its word form and the pair it makes with the
 * previous one, plus character n-grams suited to its script.
 */
static void token_features(const struct ai_token *tk, struct sb_stemmer *st,
                           const char *prev, int prevlen, int bits,
                           struct ai_vec *v, const char **form, int *flen)
{
    bool cjk = tk->script == SCRIPT_HAN || tk->script == SCRIPT_KANA ||
               tk->script == SCRIPT_THAI;

    word_form(tk, cjk ? NULL : st, form, flen);
    /* *form may be the stemmer's buffer, valid until its next call: the
     * caller copies it before the next token. */
    vec_push(v, hash2('w', *form, (size_t)*flen, NULL, 0), bits, 1.0f);
    vec_push(v, hash2('b', prev, (size_t)prevlen, *form, (size_t)*flen), bits,
             0.7f);
    if (tk->script == SCRIPT_EMOJI || tk->digits)
        return;
    if (cjk)
        char_ngrams(tk, 1, 3, bits, 0.6f, v);
    else if (tk->script == SCRIPT_HANGUL)
        char_ngrams(tk, 1, 3, bits, 0.5f, v);
    else
        char_ngrams(tk, 3, 5, bits, 0.35f, v);
}

void ai_features(const struct ai_text *t, const char *lang, int bits,
                 struct ai_vec *v)
{
    struct sb_stemmer *st = stemmer_for(lang != NULL ? lang : "");
    char prev[128] = "^";
    int prevlen = 1;
    enum ai_sentiment label;
    double score;

    v->n = 0;
    for (int k = 0; k < t->ntok; k++) {
        const char *form;
        int flen;
        token_features(&t->tok[k], st, prev, prevlen, bits, v, &form, &flen);
        prevlen = flen < (int)sizeof prev ? flen : (int)sizeof prev - 1;
        memcpy(prev, form, (size_t)prevlen);
    }
    vec_push(v, hash2('b', prev, (size_t)prevlen, "$", 1), bits, 0.7f);

    /* The lexicon's verdict is a feature too: anger with no clearer cue
     * is a complaint, warmth a thank-you. */
    ai_sentiment_text(t, lang, &label, &score);
    if (label != AI_NEUTRAL)
        vec_push(v, hash2('s', label > 0 ? "+" : "-", 1, NULL, 0), bits,
                 (float)fabs(score));
    vec_finish(v);
}

double ai_vec_dot(const struct ai_vec *a, const struct ai_vec *b)
{
    double s = 0;
    int i = 0, j = 0;

    while (i < a->n && j < b->n) {
        if (a->id[i] < b->id[j]) {
            i++;
        } else if (a->id[i] > b->id[j]) {
            j++;
        } else {
            s += (double)a->val[i++] * b->val[j++];
        }
    }
    return s;
}

void ai_vec_free(struct ai_vec *v)
{
    free(v->id);
    free(v->val);
    memset(v, 0, sizeof *v);
}

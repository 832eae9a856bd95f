/*
 * What the files of src/ai/ share and nobody else sees: text
 * normalisation and tokens, feature hashing, the model layout, language
 * and sentiment internals, and training.
 */
#ifndef PARLEY_AI_INTERNAL_H
#define PARLEY_AI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ai/ai.h"

enum ai_script {
    SCRIPT_NONE,
    SCRIPT_LATIN,
    SCRIPT_CYRILLIC,
    SCRIPT_GREEK,
    SCRIPT_HEBREW,
    SCRIPT_ARABIC,
    SCRIPT_DEVANAGARI,
    SCRIPT_THAI,
    SCRIPT_HANGUL,
    SCRIPT_KANA,
    SCRIPT_HAN,
    SCRIPT_EMOJI,
    SCRIPT_COUNT
};

/* One token: a run of letters/digits of one script, or one emoji. Points
 * into the normalised text that produced it. */
struct ai_token {
    const char *p;
    int len;
    enum ai_script script;
    bool digits; /* only digits */
};

/* A message after normalisation (NFKC, case folded, accents dropped from
 * Latin letters), its tokens and letter counts per script. Free with
 * ai_text_free(). */
struct ai_text {
    char *s;
    size_t len;
    struct ai_token *tok;
    int ntok;
    int letters[SCRIPT_COUNT];
};

/* Validate and normalise text. Returns AI_OK, AI_EMPTY, AI_INVALID or
 * AI_TOO_LONG; on error *t is left empty and needs no freeing. */
enum ai_rc ai_text_init(struct ai_text *t, const char *text, size_t len);
void ai_text_free(struct ai_text *t);

/* Script of one code point. */
enum ai_script ai_script_of(int32_t cp);

/* Language of normalised text: writes an ISO 639-1 code or "und". */
void ai_lang_detect(const struct ai_text *t, char out[8]);

/* --- features --------------------------------------------------------- */

/* A sparse, L2-normalised feature vector; ids are 1-based hash buckets. */
struct ai_vec {
    uint32_t *id;
    float *val;
    int n, cap;
};

void ai_vec_free(struct ai_vec *v);

/* Hashed word (stemmed for lang), word-bigram, character n-gram and emoji
 * features of t into v (reset first). bits is the hash width. */
void ai_features(const struct ai_text *t, const char *lang, int bits,
                 struct ai_vec *v);

/* Cosine of two normalised vectors (ids sorted ascending). */
double ai_vec_dot(const struct ai_vec *a, const struct ai_vec *b);

/* --- the intent model --------------------------------------------------- */

struct ai_model {
    int nclass;
    char **label;    /* nclass intent ids */
    int bits;        /* hash width */
    float threshold; /* below this confidence: "none" */
    float *bias;     /* nclass */
    float *scale;    /* nclass, dequantisation */
    uint32_t nrow;   /* features with weights, ids ascending */
    uint32_t *row_id;
    int8_t *w;         /* nrow * nclass */
    void *blob;        /* owned image, or NULL if built in */
    const void *image; /* the whole image, for ai_model_write() */
    size_t image_len;
};

/* Probabilities of every class for v into prob[nclass]; returns the best
 * class index. */
int ai_model_score(const struct ai_model *m, const struct ai_vec *v,
                   double *prob);

/* Parse a model image (the file format is in model.c). The model keeps
 * pointers into data, which must outlive it. */
enum ai_rc ai_model_parse(const void *data, size_t len, struct ai_model *m);

/* Adopt a malloc'd image (freed on failure too) as a model. */
enum ai_rc ai_model_image(void *img, size_t len, struct ai_model **out);

/* A model from sparse rows: row_id[nrow] ascending, weights
 * w[r * nclass + c] and bias[nclass]; NULL if it cannot be built. */
struct ai_model *ai_model_build(int nclass, char *const *label, int bits,
                                float threshold, uint32_t nrow,
                                const uint32_t *row_id, const double *w,
                                const double *bias);

/* Write m's image to path. Returns AI_OK or AI_ERROR (logged). */
enum ai_rc ai_model_write(const struct ai_model *m, const char *path);

/* --- sentiment ---------------------------------------------------------- */

void ai_sentiment_text(const struct ai_text *t, const char *lang,
                       enum ai_sentiment *label, double *score);

/* --- training and evaluation (parley ai train / eval) ------------------- */

struct ai_example {
    char *text;
    int label;
    char lang[8]; /* language the set says, or "" */
    int repeat;   /* times it counts in training (1 unless weighted) */
};

struct ai_dataset {
    struct ai_example *ex;
    int n, cap;
    char **label; /* label names, index = label */
    int nlabel;
};

int ai_dataset_label(struct ai_dataset *d, const char *name);
void ai_dataset_add(struct ai_dataset *d, const char *text, const char *label,
                    const char *lang);
void ai_dataset_free(struct ai_dataset *d);

/* Readers; each returns AI_OK or AI_ERROR (logged). */
enum ai_rc ai_read_tsv_dir(const char *dir, struct ai_dataset *d);
enum ai_rc ai_read_bitext(const char *path, struct ai_dataset *d);
enum ai_rc ai_read_banking(const char *path, struct ai_dataset *d);
enum ai_rc ai_read_clinc(const char *path, const char *split,
                         struct ai_dataset *d);

/* Train a logistic-regression model over d; the result is a loaded model
 * (free with ai_model_free). C is liblinear's cost. */
struct ai_model *ai_train(const struct ai_dataset *d, int bits, double c,
                          float threshold);

#endif

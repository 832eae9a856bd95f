/*
 * The intent model: its file format, loading (from a file or from the copy
 * built into the binary), saving, and scoring a feature vector.
 *
 * File layout, little-endian, every array 4-byte aligned:
 *   "PRLYAIM1"  u32 nclass  u32 bits  f32 threshold  u32 nrow
 *   nclass labels, each u8 length + bytes; zero padding to 4
 *   f32 bias[nclass]  f32 scale[nclass]  u32 row_id[nrow] ascending
 *   i8 w[nrow][nclass]   (weight = w * scale[class])
 * Only hash buckets that some training text reached have a row, which
 * keeps a 2^20-bucket model at a few MB.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai_internal.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/mem.h"

#define MAGIC  "PRLYAIM1"
#define HEADER 24

/* The default model, linked in by ai_model_blob.S. */
extern const unsigned char parley_ai_model_blob[];
extern const unsigned char parley_ai_model_blob_end[];

static size_t pad4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static void free_labels(struct ai_model *m)
{
    if (m->label != NULL)
        for (int i = 0; i < m->nclass; i++)
            free(m->label[i]);
    free(m->label);
    m->label = NULL;
}

/* Read the labels that follow the header; returns the offset after their
 * padding, or 0 if they run past len. */
static size_t parse_labels(const unsigned char *b, size_t len,
                           struct ai_model *m)
{
    size_t off = HEADER;

    m->label = xcalloc((size_t)m->nclass, sizeof *m->label);
    for (int i = 0; i < m->nclass; i++) {
        if (off >= len || off + 1 + b[off] > len || b[off] == 0)
            return 0;
        m->label[i] = xstrndup((const char *)b + off + 1, b[off]);
        off += 1 + (size_t)b[off];
    }
    return pad4(off);
}

/*
 * Check and map a model image. Returns AI_OK with m pointing into data
 * (labels are copied), or AI_NO_MODEL, with nothing left to free, if the
 * image is short, of another format or inconsistent.
 */
enum ai_rc ai_model_parse(const void *data, size_t len, struct ai_model *m)
{
    const unsigned char *b = data;
    size_t off, need;
    float thr;

    memset(m, 0, sizeof *m);
    if (len < HEADER || memcmp(b, MAGIC, 8) != 0 || ((uintptr_t)b & 3))
        return AI_NO_MODEL;
    m->nclass = (int)rd32(b + 8);
    m->bits = (int)rd32(b + 12);
    memcpy(&thr, b + 16, 4);
    m->threshold = thr;
    m->nrow = rd32(b + 20);
    if (m->nclass < 2 || m->nclass > 4096 || m->bits < 8 || m->bits > 26 ||
        m->nrow > (1u << m->bits))
        return AI_NO_MODEL;
    off = parse_labels(b, len, m);
    need = off + (size_t)m->nclass * 8 + (size_t)m->nrow * 4 +
           (size_t)m->nrow * (size_t)m->nclass;
    if (off == 0 || need > len) {
        free_labels(m);
        return AI_NO_MODEL;
    }
    m->bias = (float *)(b + off);
    m->scale = m->bias + m->nclass;
    m->row_id = (uint32_t *)(m->scale + m->nclass);
    m->w = (int8_t *)(m->row_id + m->nrow);
    m->image = data;
    m->image_len = need;
    return AI_OK;
}

/* Whole file into a fresh buffer; NULL (logged) on failure. */
static void *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    void *data = NULL;
    long n;

    if (f == NULL) {
        log_error("ai_model_open", "path=%s err=%s", path, strerror(errno));
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
        fseek(f, 0, SEEK_SET) == 0) {
        data = xmalloc((size_t)n);
        if (fread(data, 1, (size_t)n, f) != (size_t)n) {
            free(data);
            data = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return data;
}

enum ai_rc ai_model_load(const char *path, struct ai_model **out)
{
    struct ai_model *m;
    enum ai_rc rc;
    void *data;
    size_t len = 0;

    *out = NULL;
    if (path != NULL) {
        data = read_file(path, &len);
        rc = data ? ai_model_image(data, len, out) : AI_NO_MODEL;
        if (rc != AI_OK)
            log_error("ai_model_invalid", "path=%s", path);
        return rc;
    }
    m = xcalloc(1, sizeof *m);
    rc = ai_model_parse(
        parley_ai_model_blob,
        (size_t)(parley_ai_model_blob_end - parley_ai_model_blob), m);
    if (rc != AI_OK) {
        log_warn("ai_model_missing", "where=built-in");
        free_labels(m);
        free(m);
        return rc;
    }
    *out = m;
    return AI_OK;
}

void ai_model_free(struct ai_model *m)
{
    if (m == NULL)
        return;
    free_labels(m);
    free(m->blob);
    free(m);
}

static struct ai_model *default_model;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
    if (ai_model_load(NULL, &default_model) != AI_OK)
        default_model = NULL;
}

const struct ai_model *ai_default_model(void)
{
    pthread_once(&default_once, load_default);
    return default_model;
}

int ai_model_intents(const struct ai_model *m)
{
    return m->nclass;
}

const char *ai_model_intent(const struct ai_model *m, int i)
{
    return i >= 0 && i < m->nclass ? m->label[i] : NULL;
}

/* Row of bucket id, by binary search; -1 if no training text reached it. */
static long find_row(const struct ai_model *m, uint32_t id)
{
    long lo = 0, hi = (long)m->nrow - 1;

    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        if (m->row_id[mid] == id)
            return mid;
        if (m->row_id[mid] < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/*
 * Decision values of every class, then one-vs-rest logistic
 * probabilities normalised to sum to one (as liblinear does). Returns the
 * best class; prob holds nclass values.
 */
int ai_model_score(const struct ai_model *m, const struct ai_vec *v,
                   double *prob)
{
    double sum = 0;
    int best = 0;

    for (int c = 0; c < m->nclass; c++)
        prob[c] = 0;
    for (int i = 0; i < v->n; i++) {
        long r = find_row(m, v->id[i]);
        if (r < 0)
            continue;
        const int8_t *w = m->w + (size_t)r * (size_t)m->nclass;
        for (int c = 0; c < m->nclass; c++)
            prob[c] += v->val[i] * w[c];
    }
    for (int c = 0; c < m->nclass; c++) {
        double d = prob[c] * m->scale[c] + m->bias[c];
        prob[c] = 1.0 / (1.0 + exp(-d));
        sum += prob[c];
        if (prob[c] > prob[best])
            best = c;
    }
    for (int c = 0; c < m->nclass; c++)
        prob[c] /= sum;
    return best;
}

/* Append a u32 or f32 in file order. */
static void put32(struct buf *b, const void *p)
{
    buf_append(b, p, 4);
}

/* Largest |weight| of each class over 127, the 8-bit step. */
static float *class_scales(int nclass, uint32_t nrow, const double *w)
{
    float *scale = xcalloc((size_t)nclass, sizeof *scale);

    for (size_t r = 0; r < nrow; r++)
        for (int c = 0; c < nclass; c++) {
            float a = (float)fabs(w[r * (size_t)nclass + c]) / 127.0f;
            scale[c] = a > scale[c] ? a : scale[c];
        }
    for (int c = 0; c < nclass; c++)
        scale[c] = scale[c] > 0 ? scale[c] : 1;
    return scale;
}

/*
 * Build a model image from sparse rows: row_id[nrow] ascending bucket
 * ids and w[r * nclass + c], quantised per class to 8 bits. Returns a
 * loaded model owning its image, or NULL if it does not parse.
 */
struct ai_model *ai_model_build(int nclass, char *const *label, int bits,
                                float threshold, uint32_t nrow,
                                const uint32_t *row_id, const double *w,
                                const double *bias)
{
    struct buf b = BUF_INIT;
    float *scale = class_scales(nclass, nrow, w);
    uint32_t hdr[2] = {(uint32_t)nclass, (uint32_t)bits};
    int8_t *q = xmalloc((size_t)nclass);
    struct ai_model *m = NULL;
    size_t len;

    buf_append(&b, MAGIC, 8);
    buf_append(&b, hdr, 8);
    put32(&b, &threshold);
    put32(&b, &nrow);
    for (int i = 0; i < nclass; i++) {
        unsigned char n = (unsigned char)strlen(label[i]);
        buf_append(&b, &n, 1);
        buf_append(&b, label[i], n);
    }
    buf_append(&b, "\0\0\0", pad4(b.len) - b.len);
    for (int c = 0; c < nclass; c++)
        put32(&b, &(float){(float)bias[c]});
    for (int c = 0; c < nclass; c++)
        put32(&b, &scale[c]);
    buf_append(&b, row_id, (size_t)nrow * 4);
    for (size_t r = 0; r < nrow; r++) {
        for (int c = 0; c < nclass; c++)
            q[c] = (int8_t)lround(w[r * (size_t)nclass + c] / scale[c]);
        buf_append(&b, q, (size_t)nclass);
    }
    len = b.len;
    if (ai_model_image(buf_steal(&b), len, &m) != AI_OK)
        m = NULL;
    free(scale);
    free(q);
    return m;
}

/* Adopt a malloc'd model image; frees it on failure. */
enum ai_rc ai_model_image(void *img, size_t len, struct ai_model **out)
{
    struct ai_model *m = xcalloc(1, sizeof *m);
    enum ai_rc rc = ai_model_parse(img, len, m);

    if (rc != AI_OK) {
        free_labels(m);
        free(m);
        free(img);
        *out = NULL;
        return rc;
    }
    m->blob = img;
    *out = m;
    return AI_OK;
}

/* Write the model's image to path. Returns AI_OK or AI_ERROR (logged). */
enum ai_rc ai_model_write(const struct ai_model *m, const char *path)
{
    FILE *f = fopen(path, "wb");
    int err;

    if (f == NULL) {
        log_error("ai_model_write", "path=%s err=%s", path, strerror(errno));
        return AI_ERROR;
    }
    err = fwrite(m->image, 1, m->image_len, f) != m->image_len;
    if (fclose(f) != 0 || err) {
        log_error("ai_model_write", "path=%s err=short_write", path);
        return AI_ERROR;
    }
    return AI_OK;
}

/*
 * libFuzzer target for the local AI's text path: normalisation, the
 * tokenizer, language, features, intent and sentiment on arbitrary bytes.
 * Every input must end in AI_OK or a clear refusal, never a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ai/ai_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct ai_model *m = ai_default_model();
    struct ai_annotation a;
    struct ai_text t;
    struct ai_vec v = {0};
    enum ai_rc rc;

    rc = ai_text_init(&t, (const char *)data, size);
    if (rc == AI_OK) {
        char lang[8];
        /* Tokens must lie inside the normalised text. */
        for (int i = 0; i < t.ntok; i++)
            if (t.tok[i].p < t.s || t.tok[i].len <= 0 ||
                t.tok[i].p + t.tok[i].len > t.s + t.len)
                abort();
        ai_lang_detect(&t, lang);
        ai_features(&t, lang, 20, &v);
        ai_vec_free(&v);
        ai_text_free(&t);
    } else if (rc != AI_EMPTY && rc != AI_INVALID && rc != AI_TOO_LONG) {
        abort();
    }
    if (m != NULL)
        ai_annotate(m, (const char *)data, size, &a);
    return 0;
}

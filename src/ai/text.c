/*
 * Text normalisation and tokens for the local AI. Every stage works on the
 * same normalised form: valid UTF-8, NFKC, case folded, accents dropped
 * from Latin letters (customers type "cancelacion" as often as
 * "cancelación"), and split into runs of one script.
 */
#include <string.h>
#include <utf8proc.h>

#include "ai/ai_internal.h"
#include "base/mem.h"

/* Script of a code point, by Unicode block; SCRIPT_NONE for everything
 * that is not a letter of a script we tell apart. */
enum ai_script ai_script_of(int32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
        (c >= 0x1E00 && c <= 0x1EFF))
        return SCRIPT_LATIN;
    if (c >= 0x370 && c <= 0x3FF)
        return SCRIPT_GREEK;
    if (c >= 0x400 && c <= 0x52F)
        return SCRIPT_CYRILLIC;
    if (c >= 0x590 && c <= 0x5FF)
        return SCRIPT_HEBREW;
    if ((c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) ||
        (c >= 0x8A0 && c <= 0x8FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return SCRIPT_ARABIC;
    if (c >= 0x900 && c <= 0x97F)
        return SCRIPT_DEVANAGARI;
    if (c >= 0xE00 && c <= 0xE7F)
        return SCRIPT_THAI;
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
        (c >= 0xAC00 && c <= 0xD7AF))
        return SCRIPT_HANGUL;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
        (c >= 0xFF66 && c <= 0xFF9F))
        return SCRIPT_KANA;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF))
        return SCRIPT_HAN;
    return SCRIPT_NONE;
}

/* Emoji and pictographs: each one is a token of its own, since customers
 * use them as words ("👍", "😡"). */
static bool is_emoji(int32_t c)
{
    return (c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x1F000 && c <= 0x1F2FF) || c == 0x2764 || c == 0x2B50;
}

/* Check that text is UTF-8 without NUL bytes. Returns AI_OK,
 * AI_INVALID or AI_TOO_LONG. */
static enum ai_rc check_utf8(const char *text, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t i = 0;

    if (len > AI_MAX_TEXT)
        return AI_TOO_LONG;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, len - i, &c);
        if (n <= 0 || c == 0)
            return AI_INVALID;
        i += (size_t)n;
    }
    return AI_OK;
}

/*
 * Decompose (compatibility, case folded), drop combining marks that follow
 * a Latin letter, recompose. Returns the code points (caller frees) and
 * their count in *n, or NULL if utf8proc refuses the text.
 */
static int32_t *fold(const char *text, size_t len, size_t *n)
{
    int opt = UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
              UTF8PROC_STRIPCC | UTF8PROC_LUMP | UTF8PROC_STABLE;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t need, got;
    int32_t *cp;
    size_t k = 0;
    bool latin = false;

    need = utf8proc_decompose(p, (utf8proc_ssize_t)len, NULL, 0,
                              opt | UTF8PROC_DECOMPOSE);
    if (need < 0)
        return NULL;
    cp = xmalloc(((size_t)need + 1) * sizeof *cp);
    got = utf8proc_decompose(p, (utf8proc_ssize_t)len, cp, need,
                             opt | UTF8PROC_DECOMPOSE);
    if (got < 0 || got > need) {
        free(cp);
        return NULL;
    }
    for (utf8proc_ssize_t i = 0; i < got; i++) {
        int cat = utf8proc_category(cp[i]);
        if (cat == UTF8PROC_CATEGORY_MN && latin)
            continue;
        if (cat != UTF8PROC_CATEGORY_MN)
            latin = ai_script_of(cp[i]) == SCRIPT_LATIN;
        cp[k++] = cp[i];
    }
    got = utf8proc_normalize_utf32(cp, (utf8proc_ssize_t)k,
                                   UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    *n = got < 0 ? 0 : (size_t)got;
    return cp;
}

static void push_token(struct ai_text *t, int cap, const char *p, int len,
                       enum ai_script s, bool digits)
{
    if (t->ntok == cap || len <= 0)
        return;
    t->tok[t->ntok++] =
        (struct ai_token){.p = p, .len = len, .script = s, .digits = digits};
}

/*
 * Encode cps into t->s and cut it into tokens: letters, marks and digits
 * of one script make a run; an emoji is a run of its own; anything else
 * separates. Marks and digits join the run they follow.
 */
static void tokenise(struct ai_text *t, const int32_t *cp, size_t n)
{
    int cap = (int)n + 1;
    size_t o = 0, start = 0;
    enum ai_script run = SCRIPT_NONE;
    bool in = false, digits = true;

    t->s = xmalloc(n * 4 + 1);
    t->tok = xmalloc((size_t)cap * sizeof *t->tok);
    for (size_t i = 0; i < n; i++) {
        int cat = utf8proc_category(cp[i]);
        enum ai_script s = ai_script_of(cp[i]);
        bool num = cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
        bool mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
        bool letter =
            cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        bool cjk = (s == SCRIPT_HAN || s == SCRIPT_KANA) &&
                   (run == SCRIPT_HAN || run == SCRIPT_KANA);
        bool joins =
            in && (mark || num ||
                   (letter && (s == run || cjk || run == SCRIPT_NONE)));

        if (in && !joins) {
            push_token(t, cap, t->s + start, (int)(o - start), run, digits);
            in = false;
        }
        if (!in && (letter || num || is_emoji(cp[i]))) {
            in = true;
            start = o;
            run = is_emoji(cp[i]) ? SCRIPT_EMOJI : s;
            digits = num;
        } else if (in && run == SCRIPT_NONE && s != SCRIPT_NONE) {
            run = s; /* digits first, then letters: "2x" */
        }
        if (in)
            digits = digits && num;
        if (letter && s != SCRIPT_NONE)
            t->letters[s]++;
        if (is_emoji(cp[i]))
            t->letters[SCRIPT_EMOJI]++;
        o += (size_t)utf8proc_encode_char(cp[i], (utf8proc_uint8_t *)t->s + o);
        if (in && run == SCRIPT_EMOJI) {
            push_token(t, cap, t->s + start, (int)(o - start), run, false);
            in = false;
        }
    }
    if (in)
        push_token(t, cap, t->s + start, (int)(o - start), run, digits);
    t->s[o] = '\0';
    t->len = o;
}

/*
 * Validate, normalise and tokenise text. Returns AI_OK with t filled,
 * AI_INVALID for bad UTF-8 or a NUL byte, AI_TOO_LONG, or AI_EMPTY when no
 * token remains. On error t holds nothing to free.
 */
enum ai_rc ai_text_init(struct ai_text *t, const char *text, size_t len)
{
    enum ai_rc rc;
    int32_t *cp = NULL;
    size_t n = 0;

    memset(t, 0, sizeof *t);
    if (text == NULL || len == 0)
        return AI_EMPTY;
    rc = check_utf8(text, len);
    if (rc != AI_OK)
        return rc;
    cp = fold(text, len, &n);
    if (cp == NULL)
        return AI_INVALID;
    tokenise(t, cp, n);
    rc = t->ntok > 0 ? AI_OK : AI_EMPTY;
    if (rc != AI_OK)
        ai_text_free(t);
    free(cp);
    return rc;
}

void ai_text_free(struct ai_text *t)
{
    free(t->s);
    free(t->tok);
    memset(t, 0, sizeof *t);
}

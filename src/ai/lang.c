/*
 * Language of a customer message. The script decides first: Hangul is
 * Korean, kana Japanese, Han alone Chinese, and so on. Only where a script
 * is shared (Latin, Cyrillic) does libexttextcat choose, among the
 * languages of that script alone, helped on very short messages by a list
 * of the words customers type most in each language (fingerprints of
 * character n-grams say little about "hola?" or "oi").
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libexttextcat/fingerprint.h>

#include "ai/ai_internal.h"
#include "base/log.h"
#include "base/mem.h"

/* The textcat fingerprints come with Debian's libexttextcat-data; the
 * environment variable points elsewhere when they live somewhere else. */
#define TEXTCAT_DIR "/usr/share/libexttextcat"
#define NGRAMS      400

struct cand {
    const char *code;
    enum ai_script script;
    const char *words; /* space-separated, normalised (no accents) */
};

/* Latin and Cyrillic languages textcat chooses between. Romanised Hindi
 * has no fingerprint, so it is found by its words only. */
static const struct cand cands[] = {
    {"en", SCRIPT_LATIN,
     " the i my is are you your to of and it me what where when how can "
     "please not do have want thanks thank hi hello this that with for yet "
     "still why need a an was be will did does got im dont pls plz "},
    {"es", SCRIPT_LATIN,
     " el la los las mi mis es que y por favor quiero donde cuando como "
     "pedido gracias hola tengo puedo necesito con para una esta estoy "
     "todavia hace ya buenas muchas porque mas pero del al lo le me se "
     "hay llega sigue "},
    {"pt", SCRIPT_LATIN,
     " o os meu minha nao voce obrigado obrigada ola oi quero onde quando "
     "ainda preciso posso tem vc pra cade bom dia do da dos das um uma "
     "esta estou com para que e pedido ate chegou ja seu sua pelo pela "
     "nem "},
    {"id", SCRIPT_LATIN,
     " saya aku pesanan tidak gak ga nggak yang dan di ke apa kapan "
     "bagaimana gimana bisa mau sudah udah belum terima kasih makasih kak "
     "min tolong dong ya nya ini itu barang sampai kok gan sih mohon "
     "pesan kirim dengan untuk "},
    {"hi", SCRIPT_LATIN,
     " mera meri mujhe kab kya hai nahi nahin kaise kahan aayega bhai ji "
     "hoga karna karo kr ho gaya raha tha kyu kyun abhi tak ka ki ke ko "
     "hua paisa wapas chahiye dhanyavad shukriya namaste aap apna "},
    {"fr", SCRIPT_LATIN,
     " je le les mon ma est pas vous merci bonjour commande ou quand "
     "suis avec pour une des "},
    {"de", SCRIPT_LATIN,
     " ich der die das mein meine nicht ist bestellung danke hallo wo "
     "wann bitte und ein eine "},
    {"it", SCRIPT_LATIN,
     " il mio mia non grazie ciao ordine dove quando sono che per "
     "un "},
    {"ru", SCRIPT_CYRILLIC, " "},
    {"uk", SCRIPT_CYRILLIC, " "},
};
#define NCAND (sizeof cands / sizeof cands[0])

static void *fingerprint[NCAND];
static pthread_once_t fp_once = PTHREAD_ONCE_INIT;

/* Load the fingerprints once; a missing one leaves its language to the
 * word lists. */
static void load_fingerprints(void)
{
    const char *dir = getenv("PARLEY_TEXTCAT_DIR");
    int loaded = 0;

    if (dir == NULL || *dir == '\0')
        dir = TEXTCAT_DIR;
    for (size_t i = 0; i < NCAND; i++) {
        char path[512];
        void *fp = fp_Init(cands[i].code);
        snprintf(path, sizeof path, "%s/%s.lm", dir, cands[i].code);
        if (fp != NULL && fp_Read(fp, path, NGRAMS) == 1) {
            fingerprint[i] = fp;
            loaded++;
        } else if (fp != NULL) {
            fp_Done(fp);
        }
    }
    if (loaded == 0)
        log_warn("ai_textcat_missing", "dir=%s", dir);
}

/* How many tokens of t are in the word list of candidate i. */
static int word_hits(const struct ai_text *t, size_t i)
{
    int hits = 0;

    for (int k = 0; k < t->ntok; k++) {
        char w[40];
        if (t->tok[k].len + 3 > (int)sizeof w)
            continue;
        snprintf(w, sizeof w, " %.*s ", t->tok[k].len, t->tok[k].p);
        if (strstr(cands[i].words, w) != NULL)
            hits++;
    }
    return hits;
}

/*
 * Choose among the candidates of script: word hits decide a short text
 * when one language leads; otherwise the closest fingerprint; "und" when
 * nothing can tell.
 */
static const char *choose(const struct ai_text *t, enum ai_script script)
{
    int best_hits = 0, second = 0, best_dist = INT_MAX;
    const char *by_words = NULL, *by_fp = NULL;
    void *unknown = NULL;

    pthread_once(&fp_once, load_fingerprints);
    for (size_t i = 0; i < NCAND; i++) {
        int h = cands[i].script == script ? word_hits(t, i) : 0;
        if (h > best_hits) {
            second = best_hits;
            best_hits = h;
            by_words = cands[i].code;
        } else if (h > second) {
            second = h;
        }
    }
    if (by_words != NULL && best_hits > second &&
        (t->len < 60 || best_hits >= second + 2))
        return by_words;

    unknown = fp_Init("unknown");
    fp_SetProperty(unknown, TCPROP_UTF8AWARE, TC_TRUE);
    fp_SetProperty(unknown, TCPROP_MINIMUM_DOCUMENT_SIZE, 1);
    if (fp_Create(unknown, t->s, (uint4)t->len, NGRAMS) == 1) {
        for (size_t i = 0; i < NCAND; i++) {
            if (cands[i].script != script || fingerprint[i] == NULL)
                continue;
            int d = fp_Compare(fingerprint[i], unknown, best_dist);
            if (d < best_dist) {
                best_dist = d;
                by_fp = cands[i].code;
            }
        }
    }
    fp_Done(unknown);
    if (by_fp != NULL)
        return by_fp;
    return by_words != NULL ? by_words : "und";
}

/*
 * Dominant script: letters counted per script, with an ideograph or a
 * syllable worth three Latin letters (one carries about a word), and
 * Latin losing to any other script that has at least two letters, since
 * customers in Seoul or Riyadh mix in English brand names, not the
 * reverse.
 */
static enum ai_script dominant(const struct ai_text *t)
{
    enum ai_script best = SCRIPT_NONE;
    int best_w = 0;

    for (int s = SCRIPT_CYRILLIC; s < SCRIPT_EMOJI; s++) {
        int w = t->letters[s] * (s >= SCRIPT_HANGUL ? 3 : 1);
        if (s == SCRIPT_HAN && t->letters[SCRIPT_KANA] > 0)
            w += t->letters[SCRIPT_KANA] * 3; /* Japanese mixes both */
        if (w > best_w) {
            best_w = w;
            best = (enum ai_script)s;
        }
    }
    if (best != SCRIPT_NONE && t->letters[best] >= 2)
        return best;
    if (t->letters[SCRIPT_LATIN] > best_w)
        return SCRIPT_LATIN;
    return best != SCRIPT_NONE ? best : SCRIPT_NONE;
}

void ai_lang_detect(const struct ai_text *t, char out[8])
{
    const char *code = "und";

    switch (dominant(t)) {
    case SCRIPT_LATIN:
    case SCRIPT_CYRILLIC:
        code = choose(t, dominant(t));
        break;
    case SCRIPT_GREEK:
        code = "el";
        break;
    case SCRIPT_HEBREW:
        code = "he";
        break;
    case SCRIPT_ARABIC:
        code = "ar";
        break;
    case SCRIPT_DEVANAGARI:
        code = "hi";
        break;
    case SCRIPT_THAI:
        code = "th";
        break;
    case SCRIPT_HANGUL:
        code = "ko";
        break;
    case SCRIPT_KANA:
        code = "ja";
        break;
    case SCRIPT_HAN:
        code = t->letters[SCRIPT_KANA] > 0 ? "ja" : "zh";
        break;
    default:
        break;
    }
    snprintf(out, 8, "%s", code);
}

enum ai_rc ai_language(const char *text, size_t len, char out[8])
{
    struct ai_text t;
    enum ai_rc rc = ai_text_init(&t, text, len);

    snprintf(out, 8, "und");
    if (rc != AI_OK)
        return rc;
    ai_lang_detect(&t, out);
    ai_text_free(&t);
    return AI_OK;
}

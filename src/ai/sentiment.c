/*
 * Sentiment of a customer message from small hand-written lexicons (one
 * per language, plus emoji), with negation: a negator shortly before a
 * word, or a negative ending after it in Japanese and Korean, turns its
 * polarity around. The sum is squashed to -1..+1 and cut into negative,
 * neutral and positive.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ai/ai_internal.h"

/* "word:weight" entries separated by spaces; a word ending in '*' matches
 * as a prefix (inflected forms, Korean endings). Texts are normalised
 * first, so entries are lower case without Latin accents. */
struct lexicon {
    const char *lang;
    const char *words;
    const char *negators;
    const char *boosters;
};

static const struct lexicon lexicons[] = {
    {"en",
     "thanks:1.5 thank:1.5 thx:1.2 ty:1 great:2 good:1.2 love:2 loved:2 "
     "excellent:2.5 amazing:2.5 perfect:2 awesome:2.5 happy:1.5 nice:1.2 "
     "best:2 helpful:1.5 appreciate*:1.5 fast:1 wonderful:2.5 ok:0.4 "
     "okay:0.4 glad:1.5 fantastic:2.5 quick:1 satisf*:1.5 cool:1 "
     "worst:-3 terrible:-2.5 awful:-2.5 bad:-1.5 angry:-2 disappoint*:-2 "
     "useless:-2.5 scam:-3 fraud:-3 late:-1 broken:-1.5 damaged:-1.5 "
     "wrong:-1.2 ridiculous:-2 horrible:-2.5 hate:-2.5 poor:-1.5 "
     "unacceptable:-2.5 annoy*:-1.5 frustrat*:-2 upset:-2 rude:-2 "
     "slow:-1 never:-0.5 waste:-2 sucks:-2.5 problem:-0.8 issue:-0.6 "
     "missing:-1 delayed:-1.2 fake:-2 cheated:-2.5 complain*:-1.5 "
     "furious:-3 mad:-1.5 unhappy:-2 sad:-1.5 crap:-2.5 lousy:-2",
     " not no never dont don didnt didn isnt isn wasnt wasn doesnt doesn "
     "cant cannot wont aint t nothing ",
     " very so really super extremely too totally "},
    {"es",
     "gracias:1.5 genial:2 bueno:1.2 buena:1.2 buen:1.2 excelente:2.5 "
     "perfecto:2 encanta:2 encanto:2 feliz:1.5 rapido:1 amable:1.5 "
     "increible:2 mejor:1.5 vale:0.4 super:1 contento:1.5 contenta:1.5 "
     "malo:-1.5 mala:-1.5 mal:-1.2 pesimo:-3 pesima:-3 horrible:-2.5 "
     "terrible:-2.5 enojado:-2 enojada:-2 molest*:-1.5 decepcion*:-2 "
     "estafa:-3 fraude:-3 tarde:-0.8 roto:-1.5 rota:-1.5 danad*:-1.5 "
     "inaceptable:-2.5 odio:-2.5 fatal:-2.5 queja:-1.5 lento:-1 "
     "harto:-2 harta:-2 verguenza:-2 nunca:-0.5 problema:-0.8 "
     "basura:-2.5 robo:-2.5 incompetentes:-2.5 frustr*:-2",
     " no nunca ni tampoco sin nada ",
     " muy tan super muchisimo demasiado re "},
    {"pt",
     "obrigado:1.5 obrigada:1.5 obg:1.2 vlw:1.2 valeu:1.2 otimo:2 "
     "otima:2 bom:1.2 boa:1.2 excelente:2.5 perfeito:2 amei:2 adorei:2 "
     "feliz:1.5 rapido:1 top:1.5 show:1.2 maravilh*:2.5 legal:1 "
     "ruim:-1.5 pessimo:-3 pessima:-3 horrivel:-2.5 terrivel:-2.5 "
     "raiva:-2 irritad*:-2 decepcion*:-2 golpe:-3 fraude:-3 "
     "atrasad*:-1.2 quebrad*:-1.5 danificad*:-1.5 inaceitavel:-2.5 "
     "odeio:-2.5 absurdo:-2 reclama*:-1.5 lento:-1 cansad*:-1 "
     "vergonha:-2 nunca:-0.5 problema:-0.8 lixo:-2.5 palhacada:-2.5 "
     "enganad*:-2.5 descaso:-2.5 demora:-1",
     " nao nunca nem sem nada ", " muito tao super demais bem "},
    {"id",
     "terima:0.5 kasih:1 makasih:1.5 terimakasih:1.5 thanks:1.5 "
     "mantap:2 bagus:1.5 baik:1 puas:2 senang:1.5 cepat:1 keren:2 "
     "ramah:1.5 sip:1 oke:0.4 ok:0.4 suka:1.5 top:1.5 "
     "kecewa:-2 buruk:-2 jelek:-2 parah:-2 lambat:-1 lama:-0.8 "
     "marah:-2 kesal:-2 kesel:-2 penipu*:-3 tipu*:-3 rusak:-1.5 "
     "cacat:-1.5 salah:-1.2 payah:-2 benci:-2.5 lelet:-1.5 "
     "komplain:-1.5 ngecewain:-2 zonk:-2 nyesel:-2 masalah:-0.8",
     " tidak gak ga nggak enggak ngga bukan belum tak kurang ",
     " sangat banget sekali bgt amat terlalu "},
    {"hi",
     "धन्यवाद:1.5 शुक्रिया:1.5 अच्छा:1.2 अच्छी:1.2 बढ़िया:2 "
     "शानदार:2.5 खुश:1.5 बेहतरीन:2.5 तेज:1 मस्त:2 "
     "खराब:-2 बेकार:-2.5 गुस्सा:-2 नाराज:-2 धोखा:-3 धोखाधड़ी:-3 "
     "परेशान:-1.5 टूटा:-1.5 टूटी:-1.5 गलत:-1.2 घटिया:-2.5 बकवास:-2.5 "
     "निराश:-2 शिकायत:-1.5 देर:-1 "
     "thanks:1.5 thank:1.5 shukriya:1.5 dhanyavad:1.5 accha:1.2 "
     "acha:1.2 badhiya:2 mast:2 khush:1.5 kharab:-2 bekar:-2.5 "
     "bakwas:-2.5 gussa:-2 naraz:-2 dhokha:-3 ghatiya:-2.5 "
     "pareshan:-1.5 galat:-1.2",
     " नहीं न मत नही nahi nahin na mat ", " बहुत काफी bahut bohot bht "},
    {"ar",
     "شكرا:1.5 شكراً:1.5 مشكور:1.5 ممتاز:2.5 رائع:2.5 جميل:1.5 "
     "حلو:1.5 سعيد:1.5 سريع:1 تمام:1 ممتازة:2.5 احسن:1.5 "
     "سيء:-2 سيئ:-2 سيئة:-2 زفت:-2.5 غاضب:-2 زعلان:-2 نصب:-3 "
     "احتيال:-3 متأخر:-1.2 مكسور:-1.5 تالف:-1.5 خطأ:-1.2 غلط:-1.2 "
     "اسوأ:-3 أسوأ:-3 فاشل:-2.5 مزعج:-1.5 شكوى:-1.5 بطيء:-1 "
     "حرام:-1.5 خايس:-2.5 مقرف:-2.5",
     " لا لم لن ليس ما مش مو مب غير ", " جدا جداً كثير مرة مره "},
    {"ko",
     "감사*:1.5 고마*:1.5 고맙*:1.5 좋*:1.5 최고*:2.5 만족*:2 빠르*:1 "
     "빨리:0.3 친절*:1.5 훌륭*:2.5 완벽*:2 행복*:1.5 괜찮*:0.8 "
     "짱:2 굿:1.5 "
     "최악*:-3 별로*:-1.5 나쁘*:-2 나빠*:-2 화나*:-2 화가*:-2 짜증*:-2 "
     "실망*:-2 사기*:-3 늦*:-1 고장*:-1.5 파손*:-1.5 불량*:-2 엉망*:-2.5 "
     "불만*:-1.5 황당*:-2 어이없*:-2 답답*:-1.5 환불:-0.3 문제*:-0.8 "
     "싫*:-2",
     " 안 못 ", " 너무 진짜 정말 완전 매우 엄청 "},
    {"ja",
     "ありがとう:1.5 ありがと:1.5 感謝:1.5 助かり:1.5 助かる:1.5 "
     "良い:1.2 よい:1.2 いい:1 素晴らしい:2.5 最高:2.5 満足:2 嬉しい:1.5 "
     "うれしい:1.5 早い:1 丁寧:1.5 完璧:2 "
     "最悪:-3 ひどい:-2.5 酷い:-2.5 悪い:-2 怒:-2 腹が立:-2 がっかり:-2 "
     "詐欺:-3 遅い:-1 遅れ:-1 壊れ:-1.5 破損:-1.5 不良:-2 不満:-1.5 "
     "残念:-1.5 困っ:-1.2 ふざけ:-2.5 迷惑:-2 苦情:-1.5 問題:-0.8",
     " ない なかった ません なく ", " とても 本当に すごく 非常に めっちゃ "},
    {"zh",
     "谢谢:1.5 感谢:1.5 谢啦:1.5 多谢:1.5 好:1 很好:1.5 满意:2 "
     "棒:2 赞:2 优秀:2 完美:2 开心:1.5 高兴:1.5 快:0.6 喜欢:1.5 "
     "不错:1.5 给力:2 "
     "差:-1.5 太差:-2.5 垃圾:-2.5 糟糕:-2.5 生气:-2 气死:-2.5 失望:-2 "
     "骗:-3 骗子:-3 慢:-1 坏了:-1.5 破损:-1.5 错:-1.2 投诉:-1.5 "
     "最差:-3 烂:-2 恶心:-2.5 无语:-2 不满:-1.5 问题:-0.8 麻烦:-0.8",
     " 不 没 沒 别 別 无 無 ", " 很 非常 太 特别 超 真 "},
};
#define NLEX (sizeof lexicons / sizeof lexicons[0])

/* The emoji customers use as verdicts, with their weight. */
static const struct {
    const char *e;
    float v;
} emoji[] = {
    {"😡", -2.5}, {"🤬", -3}, {"😠", -2},   {"😤", -1.5},  {"😢", -1.5},
    {"😭", -1.5}, {"👎", -2},    {"😞", -1.5}, {"🙁", -1}, {"☹", -1},
    {"😒", -1},   {"💩", -2},    {"😩", -1.5}, {"😫", -1.5},  {"😔", -1},
    {"😊", 1.5},  {"🙂", 1},  {"😀", 1.5},  {"😃", 1.5},   {"😄", 1.5},
    {"😍", 2},    {"❤", 2},     {"👍", 1.5},  {"🙏", 1},     {"🥰", 2},
    {"👌", 1},    {"🎉", 1.5},   {"💯", 1},    {"⭐", 1},     {"😁", 1.5},
    {"😘", 1.5},  {"🤩", 2},  {"💖", 2},    {"😂", 0.3},
};

/* Look up word w (n bytes) in a space-separated "w:v" list; returns its
 * weight or 0. */
static float lookup(const char *list, const char *w, int n)
{
    const char *p = list;

    while (*p) {
        const char *colon = strchr(p, ':'), *end;
        if (colon == NULL)
            break;
        int len = (int)(colon - p);
        bool prefix = len > 0 && p[len - 1] == '*';
        int cmp = prefix ? len - 1 : len;
        if ((prefix ? n >= cmp : n == cmp) && memcmp(p, w, (size_t)cmp) == 0)
            return (float)atof(colon + 1);
        end = strchr(colon, ' ');
        if (end == NULL)
            break;
        p = end + 1;
    }
    return 0;
}

/* "not good" is plainly negative; "not bad" only mildly positive. */
static float negate(float v)
{
    return v > 0 ? -v : -0.5f * v;
}

/* Whether token k is in a " a b c " list. */
static bool in_list(const char *list, const struct ai_token *tk)
{
    char w[64];

    if (tk->len + 3 > (int)sizeof w)
        return false;
    snprintf(w, sizeof w, " %.*s ", tk->len, tk->p);
    return strstr(list, w) != NULL;
}

/* Sum of the lexicon entries found inside one unspaced run (Chinese,
 * Japanese), each turned around by a negator just before it (Chinese) or
 * a negative ending just after it (Japanese). */
static float scan_run(const struct lexicon *lx, const struct ai_token *tk)
{
    const char *p = lx->words;
    float sum = 0;

    while (*p) {
        const char *colon = strchr(p, ':'), *end, *hit;
        char word[48];
        int len = colon ? (int)(colon - p) : 0;
        if (colon == NULL || len >= (int)sizeof word)
            break;
        snprintf(word, sizeof word, "%.*s", len, p);
        hit = memmem(tk->p, (size_t)tk->len, word, (size_t)len);
        if (hit != NULL) {
            float v = (float)atof(colon + 1);
            const char *after = hit + len, *stop = tk->p + tk->len;
            bool neg = hit - tk->p >= 3 && (memcmp(hit - 3, "不", 3) == 0 ||
                                            memcmp(hit - 3, "没", 3) == 0 ||
                                            memcmp(hit - 3, "別", 3) == 0);
            for (int i = 0; !neg && i < 4 && after < stop; i++, after += 3)
                neg =
                    memcmp(after, "な", 3) == 0 || memcmp(after, "ま", 3) == 0;
            sum += neg ? negate(v) : v;
        }
        end = strchr(colon, ' ');
        if (end == NULL)
            break;
        p = end + 1;
    }
    return sum;
}

/* Weight of a word in the language's lexicon, else in any other: short
 * messages are often put in the wrong one of two close languages
 * ("servicio pesimo" reads as Portuguese), and customers mix. */
static float lookup_any(const struct lexicon *lx, const struct ai_token *tk)
{
    float v = lookup(lx->words, tk->p, tk->len);

    for (size_t i = 0; v == 0 && i < NLEX; i++)
        if (&lexicons[i] != lx)
            v = lookup(lexicons[i].words, tk->p, tk->len);
    return v;
}

static const struct lexicon *lexicon_for(const char *lang)
{
    for (size_t i = 0; i < NLEX; i++)
        if (lang != NULL && strcmp(lexicons[i].lang, lang) == 0)
            return &lexicons[i];
    return &lexicons[0];
}

static float emoji_weight(const struct ai_token *tk)
{
    for (size_t i = 0; i < sizeof emoji / sizeof emoji[0]; i++)
        if (strlen(emoji[i].e) == (size_t)tk->len &&
            memcmp(emoji[i].e, tk->p, (size_t)tk->len) == 0)
            return emoji[i].v;
    return 0;
}

/* Korean negates after the stem too: "좋지 않아요", "만족 못 해요". */
static bool korean_negated(const struct ai_text *t, int k)
{
    const struct ai_token *tk = &t->tok[k];

    if (memmem(tk->p, (size_t)tk->len, "않", 3) ||
        memmem(tk->p, (size_t)tk->len, "없", 3))
        return true;
    return k + 1 < t->ntok &&
           (memmem(t->tok[k + 1].p, (size_t)t->tok[k + 1].len, "않", 3) !=
            NULL);
}

/*
 * Score t: each lexicon word or emoji adds its weight, doubled half again
 * after a booster, turned around (and softened) within three tokens of a
 * negator. The sum is squashed with tanh(sum / 2).
 */
void ai_sentiment_text(const struct ai_text *t, const char *lang,
                       enum ai_sentiment *label, double *score)
{
    const struct lexicon *lx = lexicon_for(lang);
    float sum = 0, boost = 1;
    int since_neg = 99;

    for (int k = 0; k < t->ntok; k++) {
        const struct ai_token *tk = &t->tok[k];
        float v = 0;
        if (tk->script == SCRIPT_EMOJI) {
            sum += emoji_weight(tk);
            continue;
        }
        if (in_list(lx->negators, tk)) {
            since_neg = 0;
            continue;
        }
        if (in_list(lx->boosters, tk)) {
            boost = 1.5f;
            continue;
        }
        if (tk->script == SCRIPT_HAN || tk->script == SCRIPT_KANA)
            v = scan_run(lx, tk);
        else
            v = lookup_any(lx, tk);
        if (v != 0 && lx->lang[0] == 'k' && korean_negated(t, k))
            since_neg = 0;
        if (v != 0 && since_neg <= 3)
            v = negate(v);
        sum += v * boost;
        boost = v != 0 ? 1 : boost;
        since_neg++;
    }
    *score = tanh(sum / 2.0);
    *label = *score >= 0.3    ? AI_POSITIVE
             : *score <= -0.3 ? AI_NEGATIVE
                              : AI_NEUTRAL;
}

enum ai_rc ai_sentiment(const char *text, size_t len, const char *language,
                        enum ai_sentiment *label, double *score)
{
    struct ai_text t;
    char lang[8];
    enum ai_rc rc = ai_text_init(&t, text, len);

    *label = AI_NEUTRAL;
    *score = 0;
    if (rc != AI_OK)
        return rc;
    if (language == NULL) {
        ai_lang_detect(&t, lang);
        language = lang;
    }
    ai_sentiment_text(&t, language, label, score);
    ai_text_free(&t);
    return AI_OK;
}

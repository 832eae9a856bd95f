/*
 * Unit tests of the local AI, stage by stage: text normalisation and its
 * refusals (empty, huge, binary, invalid UTF-8), language, features, the
 * model file, intent, sentiment, suggestions, the account layer, and
 * classification from several threads at once.
 */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ai/ai_internal.h"

static const struct ai_model *model(void)
{
    const struct ai_model *m = ai_default_model();

    assert_non_null(m);
    return m;
}

static enum ai_rc annotate(const char *s, struct ai_annotation *a)
{
    return ai_annotate(model(), s, strlen(s), a);
}

/* --- text ------------------------------------------------------------- */

static void test_text_refuses_bad_input(void **state)
{
    struct ai_annotation a;
    char *huge = malloc(AI_MAX_TEXT + 2);

    assert_int_equal(ai_annotate(model(), "", 0, &a), AI_EMPTY);
    assert_int_equal(ai_annotate(model(), NULL, 0, &a), AI_EMPTY);
    assert_int_equal(annotate("   ?!... ", &a), AI_EMPTY);
    assert_string_equal(a.intent, "none");
    assert_string_equal(a.language, "und");
    assert_int_equal(annotate("caf\xc3", &a), AI_INVALID); /* cut */
    assert_int_equal(annotate("\xed\xa0\x80 x", &a),
                     AI_INVALID);                           /* surrogate */
    assert_int_equal(annotate("\xc0\xaf", &a), AI_INVALID); /* overlong */
    assert_int_equal(ai_annotate(model(), "ab\0cd", 5, &a), AI_INVALID);
    memset(huge, 'a', AI_MAX_TEXT + 1);
    huge[AI_MAX_TEXT + 1] = '\0';
    assert_int_equal(annotate(huge, &a), AI_TOO_LONG);
    free(huge);
}

static void test_text_survives_binary(void **state)
{
    unsigned char buf[512];
    struct ai_annotation a;
    unsigned seed = 7;

    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(rand_r(&seed) % (int)sizeof buf);
        for (size_t i = 0; i < n; i++)
            buf[i] = (unsigned char)rand_r(&seed);
        enum ai_rc rc = ai_annotate(model(), (char *)buf, n, &a);
        assert_true(rc == AI_OK || rc == AI_INVALID || rc == AI_EMPTY);
        assert_non_null(a.intent);
    }
}

static void test_text_huge_valid(void **state)
{
    struct ai_annotation a;
    size_t n = AI_MAX_TEXT - 16, k = 0;
    char *s = malloc(n + 1);
    const char *word = "pedido 주문 ";

    while (k + strlen(word) < n) {
        memcpy(s + k, word, strlen(word));
        k += strlen(word);
    }
    s[k] = '\0';
    assert_int_equal(ai_annotate(model(), s, k, &a), AI_OK);
    free(s);
}

static void test_text_normalises(void **state)
{
    struct ai_text t;
    const char *s = "CANCELACIÓN Ｐｅｄｉｄｏ 주문했는데 😡 42";

    assert_int_equal(ai_text_init(&t, s, strlen(s)), AI_OK);
    assert_string_equal(t.s, "cancelacion pedido 주문했는데 😡 42");
    assert_int_equal(t.ntok, 5);
    assert_int_equal(t.tok[2].script, SCRIPT_HANGUL);
    assert_int_equal(t.tok[3].script, SCRIPT_EMOJI);
    assert_true(t.tok[4].digits);
    ai_text_free(&t);
}

/* --- language --------------------------------------------------------- */

static void test_language(void **state)
{
    static const char *const cases[][2] = {
        {"where is my order, it has been a week", "en"},
        {"hola, mi pedido todavía no llega", "es"},
        {"oi, meu pedido ainda não chegou", "pt"},
        {"kak, pesanan saya belum sampai", "id"},
        {"주문한 물건이 아직 안 왔어요", "ko"},
        {"我的订单还没到", "zh"},
        {"注文した商品がまだ届きません", "ja"},
        {"मेरा ऑर्डर अभी तक नहीं आया", "hi"},
        {"الطلب لسه ما وصل", "ar"},
        {"주문 status 알려주세요", "ko"},
        {"12345 !!", "und"},
    };
    char lang[8];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(ai_language(cases[i][0], strlen(cases[i][0]), lang),
                         AI_OK);
        assert_string_equal(lang, cases[i][1]);
    }
}

/* --- features and model ----------------------------------------------- */

static void test_features_normalised(void **state)
{
    struct ai_text t;
    struct ai_vec v = {0}, w = {0};
    double norm = 0;
    const char *s = "where is my order order order";

    assert_int_equal(ai_text_init(&t, s, strlen(s)), AI_OK);
    ai_features(&t, "en", 20, &v);
    ai_features(&t, "en", 20, &w);
    assert_true(v.n > 10);
    for (int i = 0; i < v.n; i++) {
        norm += (double)v.val[i] * v.val[i];
        assert_true(i == 0 || v.id[i - 1] < v.id[i]);
        assert_true(v.id[i] >= 1 && v.id[i] <= (1u << 20));
    }
    assert_true(fabs(norm - 1) < 1e-4);
    assert_true(fabs(ai_vec_dot(&v, &w) - 1) < 1e-4);
    ai_vec_free(&v);
    ai_vec_free(&w);
    ai_text_free(&t);
}

static void test_model_rejects_damage(void **state)
{
    const struct ai_model *m = model();
    struct ai_model bad;
    unsigned char *img = malloc(m->image_len);

    memcpy(img, m->image, m->image_len);
    assert_int_equal(ai_model_parse(img, 10, &bad), AI_NO_MODEL);
    assert_int_equal(ai_model_parse(img, m->image_len - 1, &bad), AI_NO_MODEL);
    assert_null(bad.label);
    img[0] = 'X';
    assert_int_equal(ai_model_parse(img, m->image_len, &bad), AI_NO_MODEL);
    free(img);
}

static void test_model_file_roundtrip(void **state)
{
    char path[] = "/tmp/parley-ai-test-XXXXXX";
    int fd = mkstemp(path);
    struct ai_model *copy = NULL;
    struct ai_annotation a, b;

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ai_model_write(model(), path), AI_OK);
    assert_int_equal(ai_model_load(path, &copy), AI_OK);
    assert_int_equal(ai_model_intents(copy), ai_model_intents(model()));
    assert_int_equal(annotate("I want to cancel my order", &a), AI_OK);
    assert_int_equal(ai_annotate(copy, "I want to cancel my order", 25, &b),
                     AI_OK);
    assert_string_equal(a.intent, b.intent);
    assert_true(fabs(a.confidence - b.confidence) < 1e-9);
    ai_model_free(copy);
    unlink(path);
    assert_int_equal(ai_model_load("/nonexistent/model", &copy), AI_NO_MODEL);
    assert_null(copy);
}

/* --- intent ----------------------------------------------------------- */

static void test_intent_examples(void **state)
{
    static const char *const cases[][2] = {
        {"where is my order??", "track_order"},
        {"I want to cancel my order", "cancel_order"},
        {"quiero cancelar mi pedido", "cancel_order"},
        {"주문 취소해주세요", "cancel_order"},
        {"我要退款", "get_refund"},
        {"esqueci minha senha", "recover_password"},
        {"terima kasih kak", "thanks"},
        {"can I talk to a human", "contact_human_agent"},
    };
    struct ai_annotation a;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(annotate(cases[i][0], &a), AI_OK);
        assert_string_equal(a.intent, cases[i][1]);
        assert_true(a.confidence > 0 && a.confidence <= 1);
    }
}

/* --- sentiment -------------------------------------------------------- */

static void check_sentiment(const char *s, enum ai_sentiment want)
{
    enum ai_sentiment got;
    double score;

    assert_int_equal(ai_sentiment(s, strlen(s), NULL, &got, &score), AI_OK);
    if (got != want)
        fail_msg("sentiment of \"%s\": got %d (%.2f), want %d", s, got, score,
                 want);
    assert_true(score >= -1 && score <= 1);
}

static void test_sentiment(void **state)
{
    check_sentiment("thank you so much, great service", AI_POSITIVE);
    check_sentiment("this is the worst, terrible", AI_NEGATIVE);
    check_sentiment("where is my order", AI_NEUTRAL);
    check_sentiment("the product is not good", AI_NEGATIVE);
    check_sentiment("not bad at all", AI_POSITIVE);
    check_sentiment("👍👍", AI_POSITIVE);
    check_sentiment("pedido 123 😡", AI_NEGATIVE);
    check_sentiment("servicio pésimo", AI_NEGATIVE);
    check_sentiment("obrigada, adorei", AI_POSITIVE);
    check_sentiment("kecewa banget", AI_NEGATIVE);
    check_sentiment("정말 감사합니다", AI_POSITIVE);
    check_sentiment("좋지 않아요", AI_NEGATIVE);
    check_sentiment("服务太差了", AI_NEGATIVE);
    check_sentiment("不好", AI_NEGATIVE);
    check_sentiment("最悪です", AI_NEGATIVE);
    check_sentiment("شكرا جزيلا", AI_POSITIVE);
    check_sentiment("बहुत खराब सर्विस", AI_NEGATIVE);
}

/* --- suggestions and accounts ------------------------------------------ */

static void test_suggest(void **state)
{
    const struct ai_reply replies[] = {
        {1, "hours", "We are open 9 to 6, Monday to Saturday.", NULL},
        {2, "refund-policy", "You can ask for a refund within 30 days.",
         "check_refund_policy"},
        {3, "track", "You can follow your order with the tracking link.",
         "track_order"},
    };
    struct ai_suggestion out[3];
    const char *msg = "where is my order";
    int n = ai_suggest(model(), msg, strlen(msg), replies, 3, out, 3);

    assert_true(n >= 1);
    assert_int_equal(out[0].index, 2);
    for (int i = 1; i < n; i++)
        assert_true(out[i - 1].score >= out[i].score);
    n = ai_suggest(model(), "/refund", 7, replies, 3, out, 1);
    assert_int_equal(n, 1);
    assert_int_equal(out[0].index, 1);
    assert_int_equal(ai_suggest(model(), "\xff", 1, replies, 3, out, 3), 0);
}

static void test_account_layer(void **state)
{
    struct ai_account *acct = ai_account_new(model());
    struct ai_annotation a;
    const char *msg = "is the loyalty card still valid";

    assert_int_equal(
        ai_account_add(acct, "loyalty_card", "is my loyalty card still valid"),
        AI_OK);
    assert_int_equal(ai_account_add(acct, "loyalty_card",
                                    "how many loyalty points do I have"),
                     AI_OK);
    assert_int_equal(ai_account_add(acct, "x", "\xff"), AI_INVALID);
    assert_int_equal(ai_annotate_account(model(), acct, msg, strlen(msg), &a),
                     AI_OK);
    assert_string_equal(a.intent, "loyalty_card");
    assert_int_equal(a.custom, 1);
    /* Far from every example: the default model decides. */
    msg = "I want to cancel my order";
    assert_int_equal(ai_annotate_account(model(), acct, msg, strlen(msg), &a),
                     AI_OK);
    assert_string_equal(a.intent, "cancel_order");
    assert_int_equal(a.custom, 0);
    ai_account_free(acct);
    ai_account_free(NULL);
}

/* --- threads ----------------------------------------------------------- */

static void *classify_many(void *arg)
{
    const char *msgs[] = {"where is my order", "주문 취소해주세요", "我要退款",
                          "quiero mi dinero de vuelta"};
    long bad = 0;
    struct ai_annotation a, first[4];

    for (int i = 0; i < 4; i++)
        ai_annotate(model(), msgs[i], strlen(msgs[i]), &first[i]);
    for (int round = 0; round < 300; round++) {
        int i = round % 4;
        ai_annotate(model(), msgs[i], strlen(msgs[i]), &a);
        bad += strcmp(a.intent, first[i].intent) != 0 ||
               a.confidence != first[i].confidence;
    }
    return (void *)bad;
}

static void test_threads(void **state)
{
    pthread_t th[4];

    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, classify_many, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *bad;
        pthread_join(th[i], &bad);
        assert_int_equal((long)bad, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_refuses_bad_input),
        cmocka_unit_test(test_text_survives_binary),
        cmocka_unit_test(test_text_huge_valid),
        cmocka_unit_test(test_text_normalises),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_features_normalised),
        cmocka_unit_test(test_model_rejects_damage),
        cmocka_unit_test(test_model_file_roundtrip),
        cmocka_unit_test(test_intent_examples),
        cmocka_unit_test(test_sentiment),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_account_layer),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Media at rest without a database: sealed files round-trip, hold no
 * plaintext, open only for their own account and id, refuse tampering and
 * paths outside the media tree; and the sniffing and naming rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "whatsapp/media_internal.h"

static const unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
static const char secret_text[] = "%PDF-1.4\n% the plaintext marker\n%%EOF\n";

struct fixture {
    char dir[64];
    uint8_t key[CRYPTO_KEY_LEN];
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    uint8_t master[CRYPTO_KEY_LEN];

    snprintf(f->dir, sizeof f->dir, "/tmp/parley-media-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    crypto_random(master, sizeof master);
    wa_media_key(master, f->key);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(f);
    return 0;
}

/* The whole content of a file in the fixture's directory. */
static struct buf slurp(const struct fixture *f, const char *rel)
{
    struct buf b = {0};
    char *path = xasprintf("%s/%s", f->dir, rel);
    FILE *fp = fopen(path, "rb");
    char chunk[4096];
    size_t n;

    assert_non_null(fp);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        buf_append(&b, chunk, n);
    fclose(fp);
    free(path);
    return b;
}

static void sealed_file_round_trips_without_plaintext(void **state)
{
    struct fixture *f = *state;
    struct buf plain = {0}, disk;
    char *rel = NULL;

    assert_int_equal(wa_media_file_write(f->key, f->dir, 7, 42, secret_text,
                                         strlen(secret_text), &rel),
                     0);
    assert_string_equal(rel, "media/7/42");
    disk = slurp(f, rel);
    assert_true(disk.len > strlen(secret_text));
    assert_null(memmem(disk.data, disk.len, "plaintext marker", 16));
    assert_null(memmem(disk.data, disk.len, "%PDF", 4));
    assert_int_equal(wa_media_file_read(f->key, f->dir, rel, 7, 42, &plain), 0);
    assert_int_equal(plain.len, strlen(secret_text));
    assert_memory_equal(plain.data, secret_text, plain.len);
    buf_free(&plain);
    buf_free(&disk);
    free(rel);
}

static void no_temporary_file_is_left(void **state)
{
    struct fixture *f = *state;
    char *rel = NULL, *dir = xasprintf("%s/media/3", f->dir);
    struct dirent *e;
    int files = 0;

    assert_int_equal(
        wa_media_file_write(f->key, f->dir, 3, 1, png, sizeof png, &rel), 0);
    /* writing again replaces the file whole */
    free(rel);
    assert_int_equal(
        wa_media_file_write(f->key, f->dir, 3, 1, png, sizeof png, &rel), 0);
    DIR *d = opendir(dir);
    assert_non_null(d);
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            assert_string_equal(e->d_name, "1");
            files++;
        }
    closedir(d);
    assert_int_equal(files, 1);
    free(dir);
    free(rel);
}

static void a_file_opens_only_for_its_own_row_and_key(void **state)
{
    struct fixture *f = *state;
    struct buf out = {0};
    uint8_t other[CRYPTO_KEY_LEN];
    char *rel = NULL;

    assert_int_equal(
        wa_media_file_write(f->key, f->dir, 1, 5, png, sizeof png, &rel), 0);
    assert_int_equal(wa_media_file_read(f->key, f->dir, rel, 1, 6, &out), -1);
    assert_int_equal(wa_media_file_read(f->key, f->dir, rel, 2, 5, &out), -1);
    crypto_random(other, sizeof other);
    assert_int_equal(wa_media_file_read(other, f->dir, rel, 1, 5, &out), -1);
    assert_int_equal(out.len, 0);
    buf_free(&out);
    free(rel);
}

static void a_tampered_or_missing_file_does_not_open(void **state)
{
    struct fixture *f = *state;
    struct buf out = {0};
    char *rel = NULL;

    assert_int_equal(
        wa_media_file_write(f->key, f->dir, 1, 9, png, sizeof png, &rel), 0);
    char *path = xasprintf("%s/%s", f->dir, rel);
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    fseek(fp, 30, SEEK_SET);
    fputc(0x55 ^ fgetc(fp), fp);
    fclose(fp);
    assert_int_equal(wa_media_file_read(f->key, f->dir, rel, 1, 9, &out), -1);
    assert_int_equal(wa_media_file_remove(f->dir, rel), 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(wa_media_file_read(f->key, f->dir, rel, 1, 9, &out), -1);
    /* removing what is gone is fine */
    assert_int_equal(wa_media_file_remove(f->dir, rel), 0);
    buf_free(&out);
    free(path);
    free(rel);
}

static void paths_outside_the_media_tree_are_refused(void **state)
{
    struct fixture *f = *state;
    struct buf out = {0};

    assert_int_equal(wa_media_file_read(f->key, f->dir,
                                        "media/../../etc/passwd", 1, 1, &out),
                     -1);
    assert_int_equal(
        wa_media_file_read(f->key, f->dir, "/etc/passwd", 1, 1, &out), -1);
    assert_int_equal(wa_media_file_read(f->key, f->dir, NULL, 1, 1, &out), -1);
    assert_int_equal(wa_media_file_remove(f->dir, "parley.db"), -1);
    buf_free(&out);
}

static void sniffing_finds_the_content_type(void **state)
{
    char *t = wa_media_sniff(png, sizeof png);

    (void)state;
    assert_string_equal(t, "image/png");
    free(t);
    t = wa_media_sniff(secret_text, strlen(secret_text));
    assert_string_equal(t, "application/pdf");
    free(t);
}

static void declared_and_sniffed_types_agree_only_when_alike(void **state)
{
    (void)state;
    assert_true(wa_media_types_agree("image/png", "image/png"));
    assert_true(wa_media_types_agree("Image/PNG; x=1", "image/png"));
    assert_true(
        wa_media_types_agree("audio/ogg; codecs=opus", "application/ogg"));
    assert_true(wa_media_types_agree(
        "application/vnd.openxmlformats-officedocument.wordprocessingml."
        "document",
        "application/zip"));
    assert_true(wa_media_types_agree("text/plain", "text/csv"));
    assert_false(wa_media_types_agree("text/csv", "text/plain"));
    assert_false(wa_media_types_agree("image/png", "application/pdf"));
    assert_false(wa_media_types_agree("image/jpeg", "image/png"));
    assert_false(wa_media_types_agree("application/zip", "application/pdf"));
    assert_false(wa_media_types_agree("", "image/png"));
    assert_false(wa_media_types_agree("image/png", NULL));
}

static void file_names_are_cleaned(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"report.pdf", "report.pdf"},
        {"../../etc/passwd", "passwd"},
        {"C:\\Users\\me\\a.doc", "a.doc"},
        {".htaccess", "_htaccess"},
        {"a\"b;c\r\nd.txt", "a_b_c__d.txt"},
        {"caf\xc3\xa9.pdf", "caf\xc3\xa9.pdf"},
        {"bad\xff\xfe.pdf", "bad__.pdf"},
        {NULL, ""},
        {"dir/", ""},
    };
    char *s;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        s = wa_media_clean_filename(cases[i].in);
        assert_string_equal(s, cases[i].out);
        free(s);
    }
    char longname[400];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    s = wa_media_clean_filename(longname);
    assert_int_equal(strlen(s), 200);
    free(s);
}

static void only_media_browsers_show_safely_is_inline(void **state)
{
    (void)state;
    assert_true(wa_media_inline_ok("image/png"));
    assert_true(wa_media_inline_ok("audio/ogg"));
    assert_true(wa_media_inline_ok("video/mp4"));
    assert_false(wa_media_inline_ok("image/svg+xml"));
    assert_false(wa_media_inline_ok("text/html"));
    assert_false(wa_media_inline_ok("application/pdf"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            sealed_file_round_trips_without_plaintext, setup, teardown),
        cmocka_unit_test_setup_teardown(no_temporary_file_is_left, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            a_file_opens_only_for_its_own_row_and_key, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_tampered_or_missing_file_does_not_open, setup, teardown),
        cmocka_unit_test_setup_teardown(
            paths_outside_the_media_tree_are_refused, setup, teardown),
        cmocka_unit_test(sniffing_finds_the_content_type),
        cmocka_unit_test(declared_and_sniffed_types_agree_only_when_alike),
        cmocka_unit_test(file_names_are_cleaned),
        cmocka_unit_test(only_media_browsers_show_safely_is_inline),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The media part against a real database: download rows and jobs are
 * added once, a download that cannot reach the Graph API is visible as
 * failed and scheduled again, uploads are checked and read back only by
 * their account, messages list their media, and retention removes files
 * no row names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "core/account.h"
#include "core/contact.h"
#include "core/conversation.h"
#include "core/inbox.h"
#include "core/message.h"
#include "jobs/jobs.h"
#include "testdb.h"
#include "whatsapp/channel.h"
#include "whatsapp/media.h"

static const unsigned char png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
static const char pdf[] = "%PDF-1.4\n% test\n%%EOF\n";

struct fixture {
    struct testdb t;
    struct db *db;
    struct jobs *jobs;
    struct wa_channel ch;
    char dir[64];
    uint8_t master[CRYPTO_KEY_LEN];
    int64_t account, inbox, conv, message;
};

/* An inbound image message to hang media on. */
static int add_message(struct fixture *f)
{
    int64_t contact;
    bool created, dup;
    struct message_input m = {.account_id = f->account,
                              .inbox_id = f->inbox,
                              .direction = "in",
                              .sender_type = "contact",
                              .type = "image",
                              .content = "{}",
                              .text = "",
                              .wamid = "wamid.test-1",
                              .status = "received",
                              .created_at = 1000};

    if (contact_resolve(f->db, f->account, "15550001", NULL, "Ann", 1000,
                        &contact) ||
        conversation_for_inbound(f->db, f->account, f->inbox, contact, 0, 1000,
                                 &f->conv, &created))
        return -1;
    m.conversation_id = f->conv;
    m.contact_id = contact;
    return message_insert(f->db, &m, &f->message, &dup) ? -1 : 0;
}

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    /* nothing listens on port 9 of loopback: every Graph call fails */
    struct inbox_input in = {.name = "Main",
                             .phone_number_id = "1001",
                             .waba_id = "2001",
                             .display_phone_number = "15550001",
                             .graph_base_url = "http://127.0.0.1:9",
                             .graph_version = "v23.0",
                             .throughput_mps = 80,
                             .access_token = "token",
                             .app_secret = "secret",
                             .verify_token = "verify"};

    snprintf(f->dir, sizeof f->dir, "/tmp/parley-media-db-XXXXXX");
    if (!mkdtemp(f->dir) || testdb_open(&f->t, 2) != 0)
        return -1;
    f->db = store_acquire(f->t.store);
    crypto_random(f->master, sizeof f->master);
    if (account_create(f->db, "Acme", &f->account) ||
        inbox_create(f->db, f->master, f->account, &in, &f->inbox) ||
        add_message(f))
        return -1;
    f->jobs = jobs_new(f->t.store, "test", 1);
    f->ch = (struct wa_channel){.store = f->t.store,
                                .jobs = f->jobs,
                                .master_key = f->master,
                                .data_dir = f->dir,
                                .node_id = "test"};
    if (wa_media_init(&f->ch) != 0)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);

    wa_media_stop(&f->ch);
    jobs_free(f->jobs);
    store_release(f->db);
    testdb_close(&f->t);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(f);
    return 0;
}

/* The media array of the fixture's message, as the API shows it. */
static json_t *message_media(struct fixture *f)
{
    json_t *msg = NULL;

    assert_int_equal(message_get_json(f->db, f->account, f->message, &msg),
                     STORE_OK);
    json_t *media = json_incref(json_object_get(msg, "media"));
    json_decref(msg);
    assert_non_null(media);
    return media;
}

static void a_download_is_queued_once(void **state)
{
    struct fixture *f = *state;
    int64_t a = 0, b = 0;
    bool ran = false;

    assert_int_equal(wa_media_enqueue_download_id(
                         f->db, f->account, f->inbox, f->message, "777",
                         "image/png", NULL, "p.png", NULL, &a),
                     STORE_OK);
    assert_int_equal(wa_media_enqueue_download_id(
                         f->db, f->account, f->inbox, f->message, "777",
                         "image/png", NULL, "p.png", NULL, &b),
                     STORE_OK);
    assert_true(a > 0);
    assert_int_equal(a, b);
    json_t *media = message_media(f);
    assert_int_equal(json_array_size(media), 1);
    json_t *m = json_array_get(media, 0);
    assert_string_equal(json_string_value(json_object_get(m, "state")),
                        "pending");
    assert_string_equal(json_string_value(json_object_get(m, "filename")),
                        "p.png");
    json_decref(media);
    /* one job ran; a second one does not exist */
    assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
    assert_true(ran);
    assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
    assert_false(ran);
    assert_int_equal(wa_media_enqueue_download(f->db, f->account, f->inbox,
                                               f->message, "", NULL, NULL, NULL,
                                               NULL),
                     STORE_CONSTRAINT);
}

static void an_unreachable_graph_api_shows_failed_and_retries(void **state)
{
    struct fixture *f = *state;
    struct wa_media_file file;
    int64_t id;
    bool ran = false;

    assert_int_equal(wa_media_enqueue_download_id(f->db, f->account, f->inbox,
                                                  f->message, "778", NULL, NULL,
                                                  NULL, NULL, &id),
                     STORE_OK);
    assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
    assert_true(ran);
    json_t *media = message_media(f);
    json_t *m = json_array_get(media, 0);
    assert_string_equal(json_string_value(json_object_get(m, "state")),
                        "failed");
    assert_non_null(strstr(json_string_value(json_object_get(m, "error")),
                           "lookup failed"));
    json_decref(media);
    /* not readable, and the job waits for its next attempt */
    assert_int_equal(
        wa_media_read(f->db, f->master, f->dir, f->account, id, &file),
        STORE_NOT_FOUND);
    assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
    assert_false(ran);
    /* an agent's retry makes it due now, pending again */
    assert_int_equal(wa_media_retry(f->db, f->account, id), STORE_OK);
    media = message_media(f);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(media, 0), "state")),
        "pending");
    json_decref(media);
    assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
    assert_true(ran);
    assert_int_equal(wa_media_retry(f->db, f->account + 1, id),
                     STORE_NOT_FOUND);
}

static void uploads_are_checked_and_read_back_by_their_account(void **state)
{
    struct fixture *f = *state;
    struct wa_media_upload_info info;
    struct wa_media_file file;
    char err[256];

    assert_int_equal(wa_media_store_upload(f->db, f->master, f->dir, f->account,
                                           f->inbox, png, sizeof png,
                                           "image/png", "a.png", &info, err,
                                           sizeof err),
                     WA_MEDIA_UPLOAD_OK);
    assert_string_equal(info.kind, "image");
    assert_int_equal(info.size, sizeof png);
    assert_int_equal(
        wa_media_read(f->db, f->master, f->dir, f->account, info.id, &file),
        STORE_OK);
    assert_int_equal(file.size, sizeof png);
    assert_memory_equal(file.data, png, sizeof png);
    assert_string_equal(file.direction, "out");
    assert_string_equal(file.mime_type, "image/png");
    wa_media_file_free(&file);
    assert_int_equal(
        wa_media_read(f->db, f->master, f->dir, f->account + 1, info.id, &file),
        STORE_NOT_FOUND);
    assert_int_equal(wa_media_read(f->db, f->master, f->dir, 0, info.id, &file),
                     STORE_NOT_FOUND);
    /* attached once, to a message of the same inbox */
    assert_int_equal(
        wa_media_attach(f->db, f->account, f->inbox, info.id, f->message),
        STORE_OK);
    assert_int_equal(
        wa_media_attach(f->db, f->account, f->inbox, info.id, f->message),
        STORE_NOT_FOUND);
    assert_int_equal(wa_media_set_remote_id(f->db, f->account, info.id, "9"),
                     STORE_OK);
    json_t *media = message_media(f);
    assert_int_equal(json_array_size(media), 1);
    json_decref(media);
    wa_media_upload_info_free(&info);
}

static void bad_uploads_are_refused_and_leave_nothing(void **state)
{
    struct fixture *f = *state;
    struct wa_media_upload_info info;
    char err[256];

    assert_int_equal(wa_media_store_upload(f->db, f->master, f->dir, f->account,
                                           f->inbox, pdf, strlen(pdf),
                                           "image/png", NULL, &info, err,
                                           sizeof err),
                     WA_MEDIA_UPLOAD_MISMATCH);
    assert_non_null(strstr(err, "application/pdf"));
    assert_int_equal(wa_media_store_upload(
                         f->db, f->master, f->dir, f->account, f->inbox, png,
                         sizeof png, "image/gif", NULL, &info, err, sizeof err),
                     WA_MEDIA_UPLOAD_BAD_TYPE);
    assert_int_equal(wa_media_store_upload(f->db, f->master, f->dir, f->account,
                                           f->inbox, png, 0, "image/png", NULL,
                                           &info, err, sizeof err),
                     WA_MEDIA_UPLOAD_INVALID);
    assert_int_equal(wa_media_store_upload(f->db, f->master, f->dir, f->account,
                                           f->inbox + 100, png, sizeof png,
                                           "image/png", NULL, &info, err,
                                           sizeof err),
                     WA_MEDIA_UPLOAD_INVALID);
    size_t big = 5 * 1024 * 1024 + 1;
    unsigned char *huge = xcalloc(1, big);
    memcpy(huge, png, sizeof png);
    assert_int_equal(wa_media_store_upload(f->db, f->master, f->dir, f->account,
                                           f->inbox, huge, big, "image/png",
                                           NULL, &info, err, sizeof err),
                     WA_MEDIA_UPLOAD_TOO_BIG);
    free(huge);
    /* no row and no file came of any of them */
    char *dir = xasprintf("%s/media", f->dir);
    assert_int_equal(access(dir, F_OK), -1);
    free(dir);
}

static void retention_removes_files_no_row_names(void **state)
{
    struct fixture *f = *state;
    struct wa_media_upload_info info;
    struct job_spec spec = {.kind = WA_MEDIA_JOB_RETENTION};
    char err[256];
    bool ran = false;

    assert_int_equal(wa_media_store_upload(
                         f->db, f->master, f->dir, f->account, f->inbox, png,
                         sizeof png, "image/png", NULL, &info, err, sizeof err),
                     WA_MEDIA_UPLOAD_OK);
    char *kept = xasprintf("%s/media/%lld/%lld", f->dir, (long long)f->account,
                           (long long)info.id);
    char *orphan =
        xasprintf("%s/media/%lld/999999", f->dir, (long long)f->account);
    char *foreign =
        xasprintf("%s/media/%lld/notes.txt", f->dir, (long long)f->account);
    FILE *fp = fopen(orphan, "w");
    fputs("x", fp);
    fclose(fp);
    fp = fopen(foreign, "w");
    fclose(fp);
    assert_int_equal(jobs_enqueue(f->db, &spec, NULL), STORE_OK);
    assert_int_equal(jobs_run_one(f->jobs, &ran), STORE_OK);
    assert_true(ran);
    assert_int_equal(access(kept, F_OK), 0);
    assert_int_equal(access(orphan, F_OK), -1);
    assert_int_equal(access(foreign, F_OK), 0);
    free(kept);
    free(orphan);
    free(foreign);
    wa_media_upload_info_free(&info);
}

int main(int argc, char **argv)
{
    int rc = testdb_init(argc > 1 ? argv[1] : NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_download_is_queued_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            an_unreachable_graph_api_shows_failed_and_retries, setup, teardown),
        cmocka_unit_test_setup_teardown(
            uploads_are_checked_and_read_back_by_their_account, setup,
            teardown),
        cmocka_unit_test_setup_teardown(
            bad_uploads_are_refused_and_leave_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(retention_removes_files_no_row_names,
                                        setup, teardown),
    };

    if (rc)
        return rc;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * parley doctor: check an installation and say plainly what is wrong.
 * Each check prints one line, "ok" or "FAIL" with what to do; the exit
 * status is 1 when any check failed.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/opts.h"
#include "cmd/cmd.h"
#include "cmd/common.h"
#include "core/account.h"
#include "core/inbox.h"
#include "whatsapp/number_check.h"

struct doctor_config {
    const char *data;
    const char *database;
    const char *master_key;
};

#define OFF(f) offsetof(struct doctor_config, f)

static const struct opt doctor_opts[] = {
    {"data", "PARLEY_DATA", OPT_STRING, "./parley-data", OFF(data),
     "directory of the SQLite database", "DIR"},
    {"database", "PARLEY_DATABASE", OPT_STRING, NULL, OFF(database),
     "PostgreSQL URL instead of SQLite", "postgres://..."},
    {"master-key", "PARLEY_MASTER_KEY", OPT_STRING, NULL, OFF(master_key),
     "the master key, when not in DIR/master.key", "HEX"},
};

static int report(bool ok, const char *what, const char *detail)
{
    printf("%-5s %s%s%s\n", ok ? "ok" : "FAIL", what, detail ? ": " : "",
           detail ? detail : "");
    return ok ? 0 : 1;
}

static int check_storage(struct doctor_config *c, struct store **s)
{
    char detail[300];

    if (!c->database && access(c->data, W_OK) != 0) {
        snprintf(detail, sizeof detail, "%s is missing or not writable",
                 c->data);
        return report(false, "data directory", detail);
    }
    if (cmd_open_store(c->data, c->database, 1, s))
        return report(false, "storage",
                      "cannot open or migrate; see the messages above");
    snprintf(detail, sizeof detail, "%s, schema version %d",
             store_dialect(*s) == STORE_POSTGRES ? "PostgreSQL" : "SQLite",
             store_schema_version(*s));
    return report(store_ping(*s) == STORE_OK, "storage", detail);
}

static int check_accounts(struct store *s)
{
    struct db *db = store_acquire(s);
    int64_t n = 0;
    char detail[64];
    enum store_rc rc = account_count(db, &n);

    store_release(db);
    snprintf(detail, sizeof detail, "%lld", (long long)n);
    if (rc == STORE_OK && n == 0)
        return report(false, "accounts",
                      "none yet; create one with 'parley admin "
                      "create-account'");
    return report(rc == STORE_OK, "accounts", detail);
}

/* One line per inbox: can its token reach its number? */
static int check_inbox(struct db *db, const uint8_t *key,
                       const struct inbox *in)
{
    struct inbox_secrets sec;
    struct wa_number_check res;
    char what[160], detail[512];

    snprintf(what, sizeof what, "inbox %lld (+%s, account %lld)",
             (long long)in->id, in->display_phone_number,
             (long long)in->account_id);
    if (inbox_secrets_get(db, key, in->id, &sec) != STORE_OK)
        return report(false, what,
                      "cannot unseal its secrets: is this the master key "
                      "the installation was set up with?");
    wa_number_check(in->graph_base_url, in->graph_version, in->phone_number_id,
                    sec.access_token, &res);
    inbox_secrets_clear(&sec);
    if (res.ok)
        snprintf(detail, sizeof detail, "token valid, number reachable%s%s",
                 res.verified_name[0] ? " as " : "", res.verified_name);
    else
        snprintf(detail, sizeof detail, "%s", res.problem);
    return report(res.ok, what, detail);
}

static int check_inboxes(struct store *s, const uint8_t *key)
{
    struct db *db = store_acquire(s);
    struct inbox *v;
    size_t n;
    int failed = 0;

    if (inbox_list(db, 0, &v, &n) != STORE_OK) {
        store_release(db);
        return report(false, "inboxes", "cannot list them");
    }
    if (n == 0)
        report(true, "inboxes", "none configured yet");
    for (size_t i = 0; i < n; i++)
        failed += check_inbox(db, key, &v[i]);
    inbox_list_free(v, n);
    store_release(db);
    return failed;
}

int cmd_doctor(int argc, char **argv)
{
    struct doctor_config c;
    uint8_t key[CRYPTO_KEY_LEN];
    struct store *s = NULL;
    int failed = 0, rc;

    memset(&c, 0, sizeof c);
    log_set_level(LOG_ERROR);
    rc =
        opts_parse(doctor_opts, sizeof doctor_opts / sizeof doctor_opts[0], &c,
                   argc, argv, NULL, 0, NULL, "usage: parley doctor [options]");
    if (rc)
        return rc == 1 ? 0 : 2;
    failed += check_storage(&c, &s);
    bool have_key = cmd_master_key(c.master_key, c.data, key) == 0;
    failed += report(have_key, "master key", NULL);
    if (s) {
        failed += check_accounts(s);
        if (have_key)
            failed += check_inboxes(s, key);
        store_close(s);
    }
    return failed ? 1 : 0;
}

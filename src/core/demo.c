/*
 * Seeding the demo account; see demo.h.
 */
#include "core/demo.h"

#include <stdlib.h>

#include "base/log.h"
#include "core/account.h"
#include "core/inbox.h"
#include "core/team.h"
#include "core/user.h"

struct demo_person {
    const char *email;
    const char *name;
    enum role role;
};

static const struct demo_person people[] = {
    {DEMO_ADMIN_EMAIL, "Ada Admin", ROLE_ADMINISTRATOR},
    {"supervisor@demo.test", "Sam Supervisor", ROLE_SUPERVISOR},
    {"agent1@demo.test", "Alex Agent", ROLE_AGENT},
    {"agent2@demo.test", "Jiwoo Agent", ROLE_AGENT},
};

struct seed_args {
    const char *password;
    bool seeded;
    int64_t account_id;
};

/* Every step in one transaction: a half-seeded demo is never left behind. */
static enum store_rc seed_tx(struct db *db, void *arg)
{
    struct seed_args *a = arg;
    int64_t count, ids[4], support, korean;
    enum store_rc rc;

    a->seeded = false;
    if ((rc = account_count(db, &count)) || count > 0)
        return rc;
    if ((rc = account_create(db, "Demo Shop", &a->account_id)))
        return rc;
    for (int i = 0; i < 4; i++) {
        struct user_input in = {a->account_id, people[i].email, people[i].name,
                                people[i].role, a->password};
        if ((rc = user_create(db, &in, &ids[i])))
            return rc;
    }
    if ((rc = team_create(db, a->account_id, "Support",
                          "Orders, deliveries and returns", &support)) ||
        (rc = team_create(db, a->account_id, "Korean Desk",
                          "Customers writing in Korean", &korean)) ||
        (rc = team_add_member(db, a->account_id, support, ids[2])) ||
        (rc = team_add_member(db, a->account_id, support, ids[3])) ||
        (rc = team_add_member(db, a->account_id, korean, ids[3])))
        return rc;
    a->seeded = true;
    return STORE_OK;
}

enum store_rc demo_seed(struct db *db, const char *password, bool *seeded,
                        int64_t *account_id)
{
    struct seed_args a = {password, false, 0};
    enum store_rc rc = store_tx(db, seed_tx, &a);

    *seeded = rc == STORE_OK && a.seeded;
    *account_id = *seeded ? a.account_id : 0;
    if (*seeded)
        log_info("demo_seeded", "account=%lld", (long long)a.account_id);
    return rc;
}

struct inbox_args {
    const uint8_t *master;
    const struct demo_inbox *in;
};

static enum store_rc seed_inbox_tx(struct db *db, void *arg)
{
    struct inbox_args *a = arg;
    struct inbox existing;
    struct user admin;
    char *hash = NULL;
    int64_t id;
    struct inbox_input in = {
        .name = "WhatsApp (demo)",
        .phone_number_id = DEMO_PHONE_NUMBER_ID,
        .waba_id = DEMO_WABA_ID,
        .display_phone_number = DEMO_DISPLAY_NUMBER,
        .graph_base_url = a->in->graph_base_url,
        .graph_version = INBOX_DEFAULT_GRAPH_VERSION,
        .throughput_mps = 80,
        .access_token = a->in->access_token,
        .app_secret = a->in->app_secret,
        .verify_token = a->in->verify_token,
    };
    enum store_rc rc = inbox_find_by_phone(db, DEMO_PHONE_NUMBER_ID, &existing);

    if (rc == STORE_OK) {
        rc = inbox_update(db, a->master, existing.account_id, existing.id, &in);
        inbox_clear(&existing);
        return rc;
    }
    if (rc != STORE_NOT_FOUND)
        return rc;
    rc = user_find_for_login(db, DEMO_ADMIN_EMAIL, &admin, &hash);
    free(hash);
    if (rc == STORE_NOT_FOUND)
        return STORE_OK;
    if (rc)
        return rc;
    rc = inbox_create(db, a->master, admin.account_id, &in, &id);
    user_clear(&admin);
    return rc;
}

enum store_rc demo_seed_inbox(struct db *db,
                              const uint8_t master[CRYPTO_KEY_LEN],
                              const struct demo_inbox *in)
{
    struct inbox_args a = {master, in};

    return store_tx(db, seed_inbox_tx, &a);
}

enum store_rc demo_account(struct db *db, int64_t *account_id)
{
    struct user admin;
    char *hash = NULL;
    enum store_rc rc = user_find_for_login(db, DEMO_ADMIN_EMAIL, &admin, &hash);

    free(hash);
    if (rc == STORE_OK) {
        *account_id = admin.account_id;
        user_clear(&admin);
    }
    return rc;
}

/*
 * Seeding the demo account; see demo.h.
 */
#include "core/demo.h"

#include "base/log.h"
#include "core/account.h"
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

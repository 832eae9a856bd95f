/*
 * The demo account that `parley serve --demo` seeds on an empty
 * installation, so that a newcomer can sign in and try everything.
 */
#ifndef PARLEY_CORE_DEMO_H
#define PARLEY_CORE_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "base/crypto.h"
#include "store/store.h"

#define DEMO_ADMIN_EMAIL "admin@demo.test"

/*
 * On an installation with no account yet, create the demo account with
 * admin@, supervisor@, agent1@ and agent2@demo.test (all with password),
 * and two teams. Sets *seeded to whether it did anything and *account_id
 * to the demo account (0 when the installation was not empty).
 */
enum store_rc demo_seed(struct db *db, const char *password, bool *seeded,
                        int64_t *account_id);

/* The demo account's id; STORE_NOT_FOUND when there is none. */
enum store_rc demo_account(struct db *db, int64_t *account_id);

#define DEMO_PHONE_NUMBER_ID "100000000000001"
#define DEMO_DISPLAY_NUMBER  "15550000001"
#define DEMO_WABA_ID         "100000000000002"

struct demo_inbox {
    const char *graph_base_url; /* the in-process simulator */
    const char *access_token;
    const char *app_secret;
    const char *verify_token;
};

/*
 * Make sure the demo account has its WhatsApp inbox (phone-number id
 * DEMO_PHONE_NUMBER_ID) pointing at graph_base_url with these secrets;
 * the simulator's port can change from run to run. Does nothing when the
 * installation has no demo account.
 */
enum store_rc demo_seed_inbox(struct db *db,
                              const uint8_t master[CRYPTO_KEY_LEN],
                              const struct demo_inbox *in);

#endif

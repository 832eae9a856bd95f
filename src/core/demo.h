/*
 * The demo account that `parley serve --demo` seeds on an empty
 * installation, so that a newcomer can sign in and try everything.
 */
#ifndef PARLEY_CORE_DEMO_H
#define PARLEY_CORE_DEMO_H

#include <stdbool.h>
#include <stdint.h>

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

#endif

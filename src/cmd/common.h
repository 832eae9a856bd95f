/*
 * What several subcommands need: opening storage from --data/--database
 * and loading the master key that protects secrets at rest.
 */
#ifndef PARLEY_CMD_COMMON_H
#define PARLEY_CMD_COMMON_H

#include <stdint.h>

#include "base/crypto.h"
#include "store/store.h"

/* Open (and migrate) the store: PostgreSQL when url is set, else SQLite
 * under data_dir. Returns 0, or 1 after printing why to stderr. */
int cmd_open_store(const char *data_dir, const char *url, int pool_size,
                   struct store **out);

/*
 * The master key: from hex (64 hex digits, e.g. PARLEY_MASTER_KEY) when
 * given, else from <data_dir>/master.key, created (mode 0600) on first
 * use. Every node of one installation must use the same key. Returns 0, or
 * 1 after printing why.
 */
int cmd_master_key(const char *hex, const char *data_dir,
                   uint8_t key[CRYPTO_KEY_LEN]);

#endif

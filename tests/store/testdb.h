/*
 * A fresh, private database for each test, on either backend, for any
 * store-backed test suite. On SQLite it is a new temporary data directory;
 * on PostgreSQL (PARLEY_TEST_PG_URL) a new schema in that database, found
 * first on the search_path, so tests running at the same time never see
 * each other's rows. Both are removed by testdb_close().
 *
 * Use from another module's tests/unit/<module>/meson.build:
 *
 *   executable(..., ['test_x.c', meson.project_source_root() /
 *                    'tests/store/testdb.c'],
 *              include_directories: [inc, include_directories('../../store')],
 *              ...)
 *   test('x/sqlite', exe, args: ['sqlite'], suite: 'unit', ...)
 *   test('x/pg', exe, args: ['postgres'], suite: 'store-pg', ...)
 *
 * and in main(): `int rc = testdb_init(argc > 1 ? argv[1] : NULL);
 * if (rc) return rc;` (77 tells meson the test was skipped).
 */
#ifndef PARLEY_TESTDB_H
#define PARLEY_TESTDB_H

#include <stdbool.h>

#include "store/store.h"

struct testdb {
    struct store *store; /* open, migrated; owned by the testdb */
    int pool_size;
    char *dir;    /* SQLite: the temporary data directory */
    char *schema; /* PostgreSQL: the private schema */
    char *url;    /* PostgreSQL: the URL that selects that schema */
};

/*
 * Choose the backend: "sqlite", "postgres", or NULL for PostgreSQL when
 * PARLEY_TEST_PG_URL is set and SQLite otherwise. Returns 0; 77 (skip)
 * when "postgres" is asked for and PARLEY_TEST_PG_URL is unset; 2 for an
 * unknown name.
 */
int testdb_init(const char *backend);

/* The backend testdb_init() chose. */
bool testdb_is_postgres(void);

/*
 * Create a fresh database and open a store on it (pool_size 0 = default).
 * Returns 0, or -1 with the reason printed on stderr.
 */
int testdb_open(struct testdb *t, int pool_size);

/* Create the fresh database only: t->store stays NULL (for tests of
 * store_open() itself). Returns 0 or -1. */
int testdb_create(struct testdb *t, int pool_size);

/* Fill opt to open t's database with store_open(); borrowed from t. */
void testdb_options(const struct testdb *t, struct store_options *opt);

/* Close t->store and open the same database again, migrating as
 * store_open() does. Returns 0 or -1; on -1 t->store is NULL. */
int testdb_reopen(struct testdb *t);

/* Close the store and remove the database. Harmless on a zeroed t. */
void testdb_close(struct testdb *t);

#endif

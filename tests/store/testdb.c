/*
 * Fresh databases for tests: a temporary directory per SQLite test, a
 * schema per PostgreSQL test. See testdb.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "testdb.h"

static bool use_postgres;
static const char *pg_url;
static int next_schema;

int testdb_init(const char *backend)
{
    pg_url = getenv("PARLEY_TEST_PG_URL");
    if (pg_url && !*pg_url)
        pg_url = NULL;
    if (!backend)
        use_postgres = pg_url != NULL;
    else if (!strcmp(backend, "postgres") || !strcmp(backend, "pg"))
        use_postgres = true;
    else if (!strcmp(backend, "sqlite"))
        use_postgres = false;
    else {
        fprintf(stderr, "testdb: unknown backend %s\n", backend);
        return 2;
    }
    if (use_postgres && !pg_url) {
        fprintf(stderr, "testdb: PARLEY_TEST_PG_URL is not set: skipping\n");
        return 77;
    }
    return 0;
}

bool testdb_is_postgres(void)
{
    return use_postgres;
}

/* Run one statement on the shared database itself (not the test's
 * schema), through a one-connection store that does not migrate. */
static int admin_exec(const char *sql)
{
    struct store_options opt = {
        .url = pg_url, .pool_size = 1, .no_migrate = true};
    struct store *s = NULL;
    struct db *db;
    enum store_rc rc;

    if (store_open(&opt, &s) != STORE_OK)
        return -1;
    db = store_acquire(s);
    rc = db_exec(db, sql);
    store_release(db);
    store_close(s);
    return rc == STORE_OK ? 0 : -1;
}

/* libpq's "options" sets search_path for every connection of the pool. */
static int create_schema(struct testdb *t)
{
    char *sql;
    int rc;

    t->schema = xasprintf("t_%ld_%d", (long)getpid(), ++next_schema);
    sql = xasprintf("CREATE SCHEMA %s", t->schema);
    rc = admin_exec(sql);
    free(sql);
    if (rc != 0) {
        fprintf(stderr, "testdb: cannot create schema %s\n", t->schema);
        return -1;
    }
    t->url = xasprintf("%s%coptions=-csearch_path%%3D%s", pg_url,
                       strchr(pg_url, '?') ? '&' : '?', t->schema);
    return 0;
}

static int create_dir(struct testdb *t)
{
    const char *tmp = getenv("TMPDIR");

    t->dir = xasprintf("%s/parley-store-test-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(t->dir)) {
        perror("testdb: mkdtemp");
        free(t->dir);
        t->dir = NULL;
        return -1;
    }
    return 0;
}

int testdb_create(struct testdb *t, int pool_size)
{
    memset(t, 0, sizeof(*t));
    t->pool_size = pool_size;
    if ((use_postgres ? create_schema(t) : create_dir(t)) != 0) {
        testdb_close(t);
        return -1;
    }
    return 0;
}

int testdb_open(struct testdb *t, int pool_size)
{
    if (testdb_create(t, pool_size) != 0)
        return -1;
    return testdb_reopen(t);
}

void testdb_options(const struct testdb *t, struct store_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->url = t->url;
    opt->data_dir = t->dir;
    opt->pool_size = t->pool_size;
}

int testdb_reopen(struct testdb *t)
{
    struct store_options opt;

    testdb_options(t, &opt);
    store_close(t->store);
    t->store = NULL;
    if (store_open(&opt, &t->store) != STORE_OK) {
        fprintf(stderr, "testdb: store_open failed\n");
        t->store = NULL;
        return -1;
    }
    return 0;
}

/* Remove the SQLite files (the database, its WAL and shared memory) and
 * the directory; nothing else is ever created there. */
static void remove_dir(const char *dir)
{
    static const char *const names[] = {"parley.db", "parley.db-wal",
                                        "parley.db-shm", "parley.db-journal"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *path = xasprintf("%s/%s", dir, names[i]);

        unlink(path);
        free(path);
    }
    if (rmdir(dir) != 0)
        perror("testdb: rmdir");
}

void testdb_close(struct testdb *t)
{
    store_close(t->store);
    t->store = NULL;
    if (t->schema) {
        char *sql = xasprintf("DROP SCHEMA %s CASCADE", t->schema);

        if (admin_exec(sql) != 0)
            fprintf(stderr, "testdb: cannot drop schema %s\n", t->schema);
        free(sql);
    }
    if (t->dir)
        remove_dir(t->dir);
    free(t->schema);
    free(t->url);
    free(t->dir);
    memset(t, 0, sizeof(*t));
}

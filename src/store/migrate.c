/*
 * The migration runner. Migrations are the files src/store/migrations/
 * NNN_name.sql, embedded at build time by scripts/embed.py. Each runs once,
 * in its own transaction, recorded in schema_migrations; a database that
 * has applied a migration this binary lacks is refused.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/backend.h"

struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};

/* Generated from src/store/migrations/meson.build's file list. */
extern const struct embedded_file store_migrations_files[];

static const char create_table_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

/*
 * The number in front of "NNN_name.sql", or -1 if the name does not have
 * that shape.
 */
static int migration_number(const char *name)
{
    int n = 0;
    const char *p = name;

    if (!isdigit((unsigned char)*p))
        return -1;
    for (; isdigit((unsigned char)*p) && n < 100000; p++)
        n = n * 10 + (*p - '0');
    return *p == '_' ? n : -1;
}

/* Check the embedded list: well-named, strictly increasing numbers. */
static enum store_rc check_embedded(int *highest)
{
    int last = 0;

    for (const struct embedded_file *f = store_migrations_files; f->name; f++) {
        int n = migration_number(f->name);

        if (n <= last) {
            log_error("store_migration_bad_name", "file=%s", f->name);
            return STORE_ERROR;
        }
        last = n;
    }
    *highest = last;
    return STORE_OK;
}

static bool is_embedded(int64_t version)
{
    for (const struct embedded_file *f = store_migrations_files; f->name; f++) {
        if (migration_number(f->name) == version)
            return true;
    }
    return false;
}

/*
 * A line "-- @sqlite" or "-- @postgres" opens a block that only that
 * backend runs, up to a line "-- @end" (the one place where the engines'
 * SQL differs, e.g. full-text search). At p, the start of a line, skip
 * such a block when it is for the other backend; returns where to go on.
 */
static const char *skip_other_dialect(const struct store_backend *be,
                                      const char *p)
{
    const char *tag = NULL;

    if (strncmp(p, "-- @sqlite\n", 11) == 0)
        tag = "sqlite";
    else if (strncmp(p, "-- @postgres\n", 13) == 0)
        tag = "postgres";
    if (!tag)
        return p;
    p = strchr(p, '\n') + 1;
    if (strcmp(tag, be->name) == 0)
        return p;
    const char *end = strstr(p, "\n-- @end");
    return end ? end + 1 : p + strlen(p);
}

/* Replace every @PK@ and @BLOB@ with the backend's types and drop blocks
 * for the other backend; caller frees. */
static char *substitute(const struct store_backend *be, const char *text)
{
    struct buf b = BUF_INIT;
    const char *p = text;

    while (*p) {
        if (p == text || p[-1] == '\n')
            p = skip_other_dialect(be, p);
        if (!*p)
            break;
        if (strncmp(p, "@PK@", 4) == 0) {
            buf_puts(&b, be->pk_sql);
            p += 4;
        } else if (strncmp(p, "@BLOB@", 6) == 0) {
            buf_puts(&b, be->blob_sql);
            p += 6;
        } else {
            buf_putc(&b, *p++);
        }
    }
    return buf_steal(&b);
}

static enum store_rc create_table(struct db *db, void *arg)
{
    enum store_rc rc = db->be->lock_migrations(db);

    return rc == STORE_OK ? db_exec(db, create_table_sql) : rc;
}

/*
 * Refuse a database that has applied a migration we do not have: running
 * old code on a newer schema could silently lose or corrupt data.
 */
static enum store_rc check_not_newer(struct db *db, int highest)
{
    struct db_stmt *st;
    enum store_rc rc =
        db_prepare(db, "SELECT version FROM schema_migrations", &st);

    if (rc != STORE_OK)
        return rc;
    while ((rc = db_step(st)) == STORE_ROW) {
        int64_t v = db_col_int64(st, 0);

        if (!is_embedded(v)) {
            log_error("store_schema_too_new",
                      "applied=%lld known=%d reason=\"the database was "
                      "migrated by a newer parley; upgrade this binary\"",
                      (long long)v, highest);
            rc = STORE_ERROR;
            break;
        }
    }
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Has version been applied? Sets *applied. */
static enum store_rc is_applied(struct db *db, int version, bool *applied)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(
        db, "SELECT 1 FROM schema_migrations WHERE version = $1", &st);

    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, version);
    rc = db_step(st);
    *applied = rc == STORE_ROW;
    db_done(st);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

static enum store_rc record(struct db *db, int version, const char *name)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db,
                                  "INSERT INTO schema_migrations"
                                  " (version, name, applied_at)"
                                  " VALUES ($1, $2, $3)",
                                  &st);

    if (rc != STORE_OK)
        return rc;
    db_bind_int64(st, 1, version);
    db_bind_text(st, 2, name, -1);
    db_bind_int64(st, 3, clock_now_ms());
    rc = db_step(st);
    db_done(st);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/*
 * One migration, as a store_tx callback: take the lock, look again (another
 * node may have applied it while we waited), run it and record it.
 */
static enum store_rc apply_one(struct db *db, void *arg)
{
    const struct embedded_file *f = arg;
    int version = migration_number(f->name);
    bool applied = false;
    char *sql;
    enum store_rc rc = db->be->lock_migrations(db);

    if (rc == STORE_OK)
        rc = is_applied(db, version, &applied);
    if (rc != STORE_OK || applied)
        return rc;
    sql = substitute(db->be, (const char *)f->data);
    rc = db_exec(db, sql);
    free(sql);
    if (rc == STORE_OK)
        rc = record(db, version, f->name);
    if (rc == STORE_OK)
        log_info("store_migrated", "version=%d file=%s", version, f->name);
    return rc;
}

enum store_rc store_migrate(struct db *db, int *version)
{
    int highest = 0;
    enum store_rc rc = check_embedded(&highest);

    if (rc == STORE_OK)
        rc = store_tx(db, create_table, NULL);
    if (rc == STORE_OK)
        rc = check_not_newer(db, highest);
    for (const struct embedded_file *f = store_migrations_files;
         f->name && rc == STORE_OK; f++)
        rc = store_tx(db, apply_one, (void *)f);
    if (rc != STORE_OK) {
        log_error("store_migration_failed", "backend=%s", db->be->name);
        return STORE_ERROR;
    }
    *version = store_read_version(db);
    return *version >= 0 ? STORE_OK : STORE_ERROR;
}

int store_read_version(struct db *db)
{
    struct db_stmt *st;
    int v = -1;

    if (db_prepare(db, "SELECT MAX(version) FROM schema_migrations", &st) !=
        STORE_OK)
        return -1;
    if (db_step(st) == STORE_ROW)
        v = (int)db_col_int64(st, 0);
    db_done(st);
    return v;
}

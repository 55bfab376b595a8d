/* sqlite.c - the SQLite backend of store.h.
 *
 * Opens the database in WAL mode with foreign keys on and a busy timeout;
 * keeps compiled statements in a small hash keyed by the SQL's address. */
#include "store/backend.h"
#include "util/embed.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DATE_PARAMS 8

typedef struct sqlite_stmt {
    stmt base;
    sqlite3_stmt *st;
    struct sqlite_store *db;
    char dates[MAX_DATE_PARAMS][DATE_TEXT_SIZE]; /* text of bound dates */
} sqlite_stmt;

typedef struct sqlite_store {
    store base;
    sqlite3 *conn;
    char *path;      /* what it was opened with, for another connection */
    stmt_cache cache;
    str error;       /* the last error, when ours rather than SQLite's */
    int64_t changes_at_begin; /* sqlite3_total_changes64 when the transaction began */
    int64_t quiet_changes;    /* rows changed since then in quiet tables */
    bool loud_change;         /* a row of any other table changed since then */
} sqlite_store;

static void set_error(sqlite_store *db, const char *msg)
{
    str_clear(&db->error);
    str_puts(&db->error, msg);
}

static const char *sq_error(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    return db->error.len ? str_cstr(&db->error) : sqlite3_errmsg(db->conn);
}

static int exec_sql(sqlite_store *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
        set_error(db, msg ? msg : "unknown SQLite error");
        sqlite3_free(msg);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* Tables no page or report shows: a login or logout (a session and its
 * audit line) must not make every cached answer stale. A page that comes to
 * show one of these must take it off this list. */
static bool quiet_table(const char *table)
{
    return strcmp(table, "sessions") == 0 || strcmp(table, "audit_log") == 0;
}

/* SQLite's update hook: tells quiet changes from the others. It is not
 * called for WITHOUT ROWID tables or a whole-table DELETE, which therefore
 * count as loud (see store_commit). */
static void on_update(void *cls, int op, const char *dbname, const char *table,
                      sqlite3_int64 rowid)
{
    (void)op, (void)dbname, (void)rowid;
    sqlite_store *db = cls;
    if (db->loud_change)
        return;
    if (quiet_table(table))
        db->quiet_changes++;
    else
        db->loud_change = true;
}

static pthread_once_t configured = PTHREAD_ONCE_INIT;

/* Process-wide SQLite configuration, before its first use: no memory
 * statistics (a global mutex on every allocation otherwise). */
static void configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* The pragmas every connection runs. Right after a crash the first
 * connection to open recovers the WAL, and another may meet SQLITE_BUSY here
 * at once, busy timeout or not (a server thread then answered 503): so a
 * busy or locked database is tried again for up to two seconds. */
static int configure_connection(sqlite_store *db)
{
    for (int attempt = 0;; attempt++) {
        if (exec_sql(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                         "PRAGMA synchronous=FULL; PRAGMA cache_size=-65536;") == STORE_OK)
            return STORE_OK;
        int code = sqlite3_errcode(db->conn) & 0xff;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || attempt >= 200)
            return STORE_ERROR;
        sqlite3_sleep(10);
    }
}

static const store_ops sqlite_ops;
static void sq_close(store *db_);

int sqlite_open(const char *target, store **out, str *err)
{
    *out = NULL;
    pthread_once(&configured, configure);
    sqlite_store *db = calloc(1, sizeof *db);
    if (!db || !(db->path = strdup(target))) {
        free(db);
        str_puts(err, "out of memory");
        return STORE_ERROR;
    }
    if (sqlite3_open_v2(target, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        str_printf(err, "%s: %s", target, db->conn ? sqlite3_errmsg(db->conn) : "cannot open");
        sq_close(&db->base);
        return STORE_ERROR;
    }
    db->base.ops = &sqlite_ops;
    sqlite3_busy_timeout(db->conn, 10000);
    sqlite3_update_hook(db->conn, on_update, db);
    if (configure_connection(db) != STORE_OK) {
        str_printf(err, "%s: %s", target, str_cstr(&db->error));
        sq_close(&db->base);
        return STORE_ERROR;
    }
    *out = &db->base;
    return STORE_OK;
}

static void free_stmt(stmt *s)
{
    sqlite3_finalize(((sqlite_stmt *)s)->st);
    free(s);
}

static void sq_close(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    if (!db)
        return;
    stmt_cache_free(&db->cache, free_stmt);
    str_free(&db->error);
    sqlite3_close(db->conn);
    free(db->path);
    free(db);
}

/* A bulk load also gets a larger page cache, worker threads for sorts and,
 * when no other connection is open, a rollback journal instead of the WAL:
 * the new pages are then written once rather than to the WAL and again to
 * the database, equally safe. With other connections open the database
 * stays in WAL mode (SQLite refuses the switch). */
static int sq_bulk_begin(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    if (exec_sql(db, "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144; "
                     "PRAGMA threads=2") != STORE_OK)
        return STORE_ERROR;
    sqlite3_exec(db->conn, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    return STORE_OK;
}

static void sq_bulk_end(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    exec_sql(db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA threads=0; "
                 "PRAGMA journal_mode=WAL");
}

static int sq_begin(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    db->changes_at_begin = sqlite3_total_changes64(db->conn);
    db->quiet_changes = 0;
    db->loud_change = false;
    return exec_sql(db, "BEGIN IMMEDIATE");
}

/* True once migration 003 has made the data_version table. */
static bool has_data_version(sqlite_store *db)
{
    return sqlite3_table_column_metadata(db->conn, "main", "data_version", "version", NULL, NULL,
                                         NULL, NULL, NULL) == SQLITE_OK;
}

/* A transaction that changed rows other than quiet ones bumps the data
 * version before it commits, so the version changes when the data the
 * pages show does, for every connection and process (caches key on it; see
 * store_data_version). Changes the hook did not see (more changes than the
 * quiet ones it counted) count as loud. */
static int sq_commit(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    int64_t changed = sqlite3_total_changes64(db->conn) - db->changes_at_begin;
    if ((db->loud_change || changed > db->quiet_changes) && has_data_version(db)) {
        stmt *s = store_prepare(&db->base, "UPDATE data_version SET version = version + 1");
        if (!s || stmt_exec(s) != STORE_OK)
            return STORE_ERROR;
    }
    return exec_sql(db, "COMMIT");
}


static void sq_release_memory(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    sqlite3_db_release_memory(db->conn);
}


static void sq_rollback(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}

static stmt *sq_prepare(store *db_, const char *sql)
{
    sqlite_store *db = (sqlite_store *)db_;
    str_clear(&db->error);
    sqlite_stmt *known = (sqlite_stmt *)stmt_cache_find(&db->cache, sql);
    if (known) {
        sqlite3_reset(known->st);
        sqlite3_clear_bindings(known->st);
        return &known->base;
    }
    if (!stmt_cache_reserve(&db->cache)) {
        set_error(db, "out of memory");
        return NULL;
    }
    sqlite_stmt *fresh = calloc(1, sizeof *fresh);
    if (!fresh) {
        set_error(db, "out of memory");
        return NULL;
    }
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &fresh->st, NULL) !=
        SQLITE_OK) {
        free(fresh);
        return NULL;
    }
    fresh->base.ops = &sqlite_ops;
    fresh->base.sql = sql;
    fresh->db = db;
    stmt_cache_add(&db->cache, &fresh->base);
    return &fresh->base;
}

static void sq_bind_int(stmt *s_, int idx, int64_t v)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    sqlite3_bind_int64(s->st, idx, v);
}

/* Bound text is not copied (SQLITE_STATIC): callers bind and step at once,
 * while their strings live (see store.h). */
static void sq_bind_text(stmt *s_, int idx, const char *text)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (text)
        sqlite3_bind_text(s->st, idx, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s->st, idx);
}

static void sq_bind_null(stmt *s_, int idx)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    sqlite3_bind_null(s->st, idx);
}

static void sq_bind_date(stmt *s_, int idx, date_t d)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (d == DATE_NONE) {
        sqlite3_bind_null(s->st, idx);
        return;
    }
    if (idx < 1 || idx > MAX_DATE_PARAMS) {
        char text[DATE_TEXT_SIZE];
        date_format(d, text);
        sqlite3_bind_text(s->st, idx, text, 10, SQLITE_TRANSIENT);
        return;
    }
    date_format(d, s->dates[idx - 1]);
    sqlite3_bind_text(s->st, idx, s->dates[idx - 1], 10, SQLITE_STATIC);
}

static int sq_step(stmt *s_)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(s->st);
        return STORE_DONE;
    }
    set_error(s->db, sqlite3_errmsg(s->db->conn));
    sqlite3_reset(s->st);
    return (rc & 0xff) == SQLITE_CONSTRAINT ? STORE_CONSTRAINT : STORE_ERROR;
}

static int64_t sq_int(stmt *s_, int col)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    return sqlite3_column_int64(s->st, col);
}

static const char *sq_text(stmt *s_, int col)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    const unsigned char *t = sqlite3_column_text(s->st, col);
    return t ? (const char *)t : "";
}

static bool sq_null(stmt *s_, int col)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    return sqlite3_column_type(s->st, col) == SQLITE_NULL;
}


static void sq_done(stmt *s_)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    sqlite3_reset(s->st);
}


static int sq_backup(store *db_, const char *path)
{
    sqlite_store *db = (sqlite_store *)db_;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn, "VACUUM INTO ?", -1, &st, NULL) != SQLITE_OK)
        return STORE_ERROR;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        set_error(db, sqlite3_errmsg(db->conn));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

static int sq_restore(store *db_, const char *path)
{
    sqlite_store *db = (sqlite_store *)db_;
    sqlite3 *from;
    if (sqlite3_open_v2(path, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        set_error(db, sqlite3_errmsg(from));
        sqlite3_close(from);
        return STORE_CONSTRAINT;
    }
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(from, "SELECT max(version) FROM schema_migrations", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (version <= 0) {
        set_error(db, "not a groeipad database");
        sqlite3_close(from);
        return STORE_CONSTRAINT;
    }
    int64_t before = has_data_version(db) ? store_data_version(&db->base) : 0;
    sqlite3_backup *b = sqlite3_backup_init(db->conn, "main", from, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b)
        sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        set_error(db, sqlite3_errmsg(db->conn));
    sqlite3_close(from);
    if (rc != SQLITE_DONE)
        return STORE_ERROR;
    /* The copy carries its own, older data version: move past the one the
     * replaced data had, or caches would take the copy for that data. */
    if (has_data_version(db)) {
        stmt *s = store_prepare(&db->base, "UPDATE data_version SET version = max(version, ?) + 1");
        if (!s)
            return STORE_ERROR;
        stmt_bind_int(s, 1, before);
        if (stmt_exec(s) != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}


static int64_t sq_last_id(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    return sqlite3_last_insert_rowid(db->conn);
}

static int sq_changes(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    return sqlite3_changes(db->conn);
}

static int sq_schema_version(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(db->conn, "SELECT max(version) FROM schema_migrations", -1, &st,
                           NULL) != SQLITE_OK)
        return 0; /* no table yet: an empty database */
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return version;
}

static int sq_migrate(store *db_, int *applied)
{
    sqlite_store *db = (sqlite_store *)db_;
    *applied = 0;
    if (exec_sql(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        return STORE_ERROR;
    /* Each migration not yet applied, whatever the newest applied one: a
     * database made between two releases may miss an older number. */
    for (const struct embedded_file *m = embedded_migrations; m->name; m++) {
        int version = atoi(m->name);
        stmt *done = store_prepare(&db->base, "SELECT count(*) FROM schema_migrations "
                                              "WHERE version = ?");
        if (!done)
            return STORE_ERROR;
        stmt_bind_int(done, 1, version);
        int64_t there = stmt_step(done) == STORE_ROW ? stmt_int(done, 0) : -1;
        stmt_done(done);
        if (there < 0)
            return STORE_ERROR;
        if (there > 0)
            continue;
        if (sq_begin(&db->base) != STORE_OK)
            return STORE_ERROR;
        if (exec_sql(db, (const char *)m->data) != STORE_OK) {
            str msg = STR_INIT;
            str_printf(&msg, "migration %s: %s", m->name, str_cstr(&db->error));
            set_error(db, str_cstr(&msg));
            str_free(&msg);
            sq_rollback(&db->base);
            return STORE_ERROR;
        }
        stmt *s = store_prepare(&db->base, "INSERT INTO schema_migrations(version, name, applied_at) "
                                    "VALUES (?, ?, CURRENT_TIMESTAMP)");
        if (!s) {
            sq_rollback(&db->base);
            return STORE_ERROR;
        }
        stmt_bind_int(s, 1, version);
        stmt_bind_text(s, 2, m->name);
        if (stmt_exec(s) != STORE_OK || sq_commit(&db->base) != STORE_OK) {
            sq_rollback(&db->base);
            return STORE_ERROR;
        }
        (*applied)++;
    }
    return STORE_OK;
}

/* A SQLite file is one organisation: there is no other to turn to. */
static int sq_use_org(store *db_, const char *org)
{
    (void)org;
    set_error((sqlite_store *)db_, "a SQLite file holds one organisation");
    return STORE_ERROR;
}

static int sq_open_again(store *db_, store **out, str *err)
{
    return sqlite_open(((sqlite_store *)db_)->path, out, err);
}

static int sq_exec_once(store *db_, const char *sql)
{
    return exec_sql((sqlite_store *)db_, sql);
}

/* SQLite writes as fast one row at a time: nothing to hold back. */
static int sq_exec_bulk(stmt *s)
{
    return stmt_exec(s);
}

static const store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .error = sq_error,
    .migrate = sq_migrate,
    .schema_version = sq_schema_version,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .release_memory = sq_release_memory,
    .bulk_begin = sq_bulk_begin,
    .bulk_end = sq_bulk_end,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .bind_date = sq_bind_date,
    .step = sq_step,
    .exec_bulk = sq_exec_bulk,
    .column_int = sq_int,
    .column_text = sq_text,
    .column_null = sq_null,
    .done = sq_done,
    .backup = sq_backup,
    .restore = sq_restore,
    .last_id = sq_last_id,
    .changes = sq_changes,
    .exec_once = sq_exec_once,
    .use_org = sq_use_org,
    .open_again = sq_open_again,
};

/* sqlite.c - the SQLite backend of store.h.
 *
 * Opens the database in WAL mode with foreign keys on and a busy timeout;
 * keeps compiled statements in a small hash keyed by the SQL's address. */
#include "util/i18n.h"
#include "store/backend.h"
#include "store/schema.h"
#include "util/embed.h"
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DATE_PARAMS 8
#define BATCH_ROWS 512         /* rows kept before one INSERT writes them in a bulk load */
#define BATCH_MAX_PARAMS 256   /* wider INSERTs are not batched */

/* A value bound to a batched INSERT, kept until its batch is written. */
typedef struct batch_value {
    int64_t i;
    uint32_t off, len;         /* text: its bytes in the statement's texts */
    int8_t kind;               /* 0 NULL, 1 integer, 2 text */
} batch_value;

typedef struct sqlite_stmt {
    stmt base;
    sqlite3_stmt *st;
    struct sqlite_store *db;
    char dates[MAX_DATE_PARAMS][DATE_TEXT_SIZE]; /* text of bound dates */
    /* A plain INSERT ... VALUES (?, ...) of NPARAMS values: in a bulk load its
     * rows are kept and written up to BATCH_ROWS at a time by FEED (see
     * "Batched inserts" below). */
    int nparams;
    bool batch_checked;        /* prepare_batching has looked at it */
    int fill;                  /* rows kept, not yet written */
    sqlite3_stmt *feed;        /* INSERT ... SELECT ... FROM gp_kept(this statement) */
    batch_value *vals;         /* [BATCH_ROWS][nparams] */
    str texts;
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
    bool bulk;                /* between bulk_begin and bulk_end */
    sqlite_stmt *batching;    /* the INSERT whose rows are kept, or NULL */
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

/* The pragmas every connection runs. The page cache is 8 MB: the pages a
 * report reads come from the operating system's cache as fast, and a larger
 * one only made each command fill fresh memory (8 % of a report's time).
 * Right after a crash the first
 * connection to open recovers the WAL, and another may meet SQLITE_BUSY here
 * at once, busy timeout or not (a server thread then answered 503): so a
 * busy or locked database is tried again for up to two seconds. */
static int configure_connection(sqlite_store *db)
{
    for (int attempt = 0;; attempt++) {
        if (exec_sql(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                         "PRAGMA synchronous=FULL; PRAGMA cache_size=-8192;") == STORE_OK)
            return STORE_OK;
        int code = sqlite3_errcode(db->conn) & 0xff;
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || attempt >= 200)
            return STORE_ERROR;
        sqlite3_sleep(10);
    }
}

static const store_ops sqlite_ops;
static void sq_close(store *db_);
static int flush_batch(sqlite_store *db);
static void drop_batch(sqlite_store *db);
static const sqlite3_module kept_module;

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
    if (sqlite3_create_module_v2(db->conn, "gp_kept", &kept_module, NULL, NULL) != SQLITE_OK) {
        str_printf(err, "%s: %s", target, sqlite3_errmsg(db->conn));
        sq_close(&db->base);
        return STORE_ERROR;
    }
    sqlite3_update_hook(db->conn, on_update, db);
    if (configure_connection(db) != STORE_OK) {
        str_printf(err, "%s: %s", target, str_cstr(&db->error));
        sq_close(&db->base);
        return STORE_ERROR;
    }
    *out = &db->base;
    return STORE_OK;
}

static void free_stmt(stmt *s_)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    sqlite3_finalize(s->st);
    sqlite3_finalize(s->feed);
    free(s->vals);
    str_free(&s->texts);
    stmt_base_free(&s->base);
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
    db->bulk = true;
    if (exec_sql(db, "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-32768; "
                     "PRAGMA threads=2") != STORE_OK)
        return STORE_ERROR;
    sqlite3_exec(db->conn, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    return STORE_OK;
}

/* Gives back what S kept for batches: a bulk load is rare in a connection's
 * life (a server's lives long), and the next one prepares it again. */
static void unprepare_batching(stmt *s_)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    sqlite3_finalize(s->feed);
    s->feed = NULL;
    free(s->vals);
    s->vals = NULL;
    str_free(&s->texts);
    s->nparams = 0;
    s->batch_checked = false;
}

static void sq_bulk_end(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    drop_batch(db); /* committed or rolled back by now: nothing is kept */
    db->bulk = false;
    stmt_cache_each(&db->cache, unprepare_batching);
    exec_sql(db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-8192; PRAGMA threads=0; "
                 "PRAGMA journal_mode=WAL");
}

/* A bulk load checks no foreign key on SQLite (sq_bulk_begin): nothing to do. */
static int sq_deleting_many(store *db_, const char *table)
{
    (void)db_;
    (void)table;
    return STORE_OK;
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
    if (flush_batch(db) != STORE_OK)
        return STORE_ERROR;
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
    drop_batch(db);
    if (!sqlite3_get_autocommit(db->conn))
        sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
}


/* ---- Batched inserts ----
 * SQLite spends about as much on executing a statement (reset, halt, the
 * per-step checks) and on binding its values as on inserting its row. So
 * during a bulk load the rows of a plain INSERT ... VALUES (?, ...) run
 * through stmt_exec_bulk are kept, and written up to BATCH_ROWS at a time by
 * one INSERT ... SELECT from the virtual table gp_kept, which hands SQLite
 * each kept value where it lies: nothing is bound but the statement whose
 * rows it reads. Kept rows are written before any other statement runs, and
 * before the commit, so every read sees them and writes keep their order; a
 * rollback drops them. */

/* The number of `?` of SQL when it is a plain INSERT ... VALUES (?, ..., ?)
 * (nothing after the list), else 0. *VALUES: where " VALUES (" starts. */
static int plain_insert_params(const char *sql, const char **values)
{
    if (strncmp(sql, "INSERT INTO ", 12) != 0)
        return 0;
    const char *v = strstr(sql, " VALUES (");
    if (!v || strstr(v + 1, " VALUES ("))
        return 0;
    int n = 0;
    const char *p = v + 9;
    for (; *p && *p != ')'; p++) {
        if (*p == '?')
            n++;
        else if (*p != ',' && *p != ' ')
            return 0; /* ?N, a literal, a function: not plain */
    }
    if (*p != ')')
        return 0;
    for (p++; *p == ' ' || *p == ';'; p++)
        ;
    *values = v;
    return *p == '\0' && n <= BATCH_MAX_PARAMS ? n : 0;
}

/* gp_kept(stmt): the rows a statement keeps, one column per value (c0 ...),
 * the statement given as a pointer in the hidden column `src`. */
typedef struct kept_cursor {
    sqlite3_vtab_cursor base;
    const sqlite_stmt *s;
    int row;
} kept_cursor;

/* Declares the table: BATCH_MAX_PARAMS value columns and the hidden src. */
static int kept_connect(sqlite3 *conn, void *aux, int argc, const char *const *argv,
                        sqlite3_vtab **out, char **err)
{
    (void)aux, (void)argc, (void)argv, (void)err;
    str sql = STR_INIT;
    str_puts(&sql, "CREATE TABLE x(");
    for (int i = 0; i < BATCH_MAX_PARAMS; i++)
        str_printf(&sql, "c%d, ", i);
    str_puts(&sql, "src HIDDEN)");
    int rc = str_ok(&sql) ? sqlite3_declare_vtab(conn, str_cstr(&sql)) : SQLITE_NOMEM;
    str_free(&sql);
    if (rc != SQLITE_OK)
        return rc;
    *out = sqlite3_malloc(sizeof **out);
    if (!*out)
        return SQLITE_NOMEM;
    memset(*out, 0, sizeof **out);
    return SQLITE_OK;
}

/* Frees what kept_connect allocated. */
static int kept_disconnect(sqlite3_vtab *t)
{
    sqlite3_free(t);
    return SQLITE_OK;
}

/* Only a read given its statement (src = ?) is possible. */
static int kept_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
    (void)t;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &info->aConstraint[i];
        if (c->iColumn == BATCH_MAX_PARAMS && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
            info->aConstraintUsage[i].argvIndex = 1;
            info->aConstraintUsage[i].omit = 1;
            info->estimatedCost = 1;
            info->estimatedRows = BATCH_ROWS;
            return SQLITE_OK;
        }
    }
    return SQLITE_CONSTRAINT;
}

/* A cursor over one statement's kept rows; kept_close frees it. */
static int kept_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
    (void)t;
    kept_cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int kept_close(sqlite3_vtab_cursor *c)
{
    sqlite3_free(c);
    return SQLITE_OK;
}

/* Starts a read of the statement given as argument: an error, not an
 * empty table, when there is none (its rows would be lost without a word). */
static int kept_filter(sqlite3_vtab_cursor *c_, int idx, const char *idx_str, int argc,
                       sqlite3_value **argv)
{
    (void)idx, (void)idx_str;
    kept_cursor *c = (kept_cursor *)c_;
    c->s = argc == 1 ? sqlite3_value_pointer(argv[0], "gp_kept") : NULL;
    c->row = 0;
    if (c->s)
        return SQLITE_OK;
    sqlite3_free(c_->pVtab->zErrMsg);
    c_->pVtab->zErrMsg = sqlite3_mprintf("gp_kept: no statement to read");
    return SQLITE_ERROR;
}

/* The next kept row, and whether the last one is behind (kept_eof). */
static int kept_next(sqlite3_vtab_cursor *c_)
{
    ((kept_cursor *)c_)->row++;
    return SQLITE_OK;
}

static int kept_eof(sqlite3_vtab_cursor *c_)
{
    const kept_cursor *c = (const kept_cursor *)c_;
    return c->row >= c->s->fill;
}

/* Value I of the current row, as kept (its text not copied: the kept texts
 * stay put while the INSERT runs); NULL past the statement's values. */
static int kept_column(sqlite3_vtab_cursor *c_, sqlite3_context *ctx, int i)
{
    const kept_cursor *c = (const kept_cursor *)c_;
    const sqlite_stmt *s = c->s;
    if (i >= s->nparams) {
        sqlite3_result_null(ctx);
        return SQLITE_OK;
    }
    const batch_value *v = &s->vals[c->row * s->nparams + i];
    if (v->kind == 1)
        sqlite3_result_int64(ctx, v->i);
    else if (v->kind == 2)
        sqlite3_result_text(ctx, v->len ? s->texts.p + v->off : "", (int)v->len, SQLITE_STATIC);
    else
        sqlite3_result_null(ctx);
    return SQLITE_OK;
}

/* The row's place in the batch. */
static int kept_rowid(sqlite3_vtab_cursor *c_, sqlite3_int64 *rowid)
{
    *rowid = ((const kept_cursor *)c_)->row;
    return SQLITE_OK;
}

/* An eponymous-only table (no xCreate): it exists in every connection that
 * registers it, and cannot be made with CREATE VIRTUAL TABLE. */
static const sqlite3_module kept_module = {
    .xConnect = kept_connect,
    .xBestIndex = kept_best_index,
    .xDisconnect = kept_disconnect,
    .xOpen = kept_open,
    .xClose = kept_close,
    .xFilter = kept_filter,
    .xNext = kept_next,
    .xEof = kept_eof,
    .xColumn = kept_column,
    .xRowid = kept_rowid,
};

/* Prepares S's INSERT ... SELECT from its kept rows; false when it cannot
 * (then S runs row by row: no error, batching is only faster). */
static bool make_feed(sqlite_stmt *s)
{
    const char *values;
    plain_insert_params(s->base.sql, &values);
    str sql = STR_INIT;
    str_append(&sql, s->base.sql, (size_t)(values - s->base.sql));
    for (int i = 0; i < s->nparams; i++)
        str_printf(&sql, i ? ", c%d" : " SELECT c%d", i);
    str_puts(&sql, " FROM gp_kept(?)");
    bool ok = str_ok(&sql) && sqlite3_prepare_v3(s->db->conn, str_cstr(&sql), -1,
                                                 SQLITE_PREPARE_PERSISTENT, &s->feed,
                                                 NULL) == SQLITE_OK;
    str_free(&sql);
    return ok;
}

/* True when S's binds are kept for a batch rather than bound now. */
static bool keeping(const sqlite_stmt *s)
{
    return s->db->bulk && s->vals;
}

/* The kept value IDX (1-based) of S's current row. */
static batch_value *kept(sqlite_stmt *s, int idx)
{
    return &s->vals[s->fill * s->nparams + idx - 1];
}

static void keep_text(sqlite_stmt *s, int idx, const char *text, size_t len)
{
    batch_value *v = kept(s, idx);
    v->kind = 2;
    v->off = (uint32_t)s->texts.len;
    v->len = (uint32_t)len;
    str_append(&s->texts, text, len);
}

static int step_done(sqlite_store *db, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    set_error(db, sqlite3_errmsg(db->conn));
    return (rc & 0xff) == SQLITE_CONSTRAINT ? STORE_CONSTRAINT : STORE_ERROR;
}

/* Writes the rows S keeps, by its INSERT ... SELECT. */
static int write_kept(sqlite_stmt *s)
{
    int rc = STORE_OK;
    if (s->texts.err) {
        set_error(s->db, "out of memory");
        rc = STORE_ERROR;
    } else if (s->texts.len > INT_MAX) {
        /* every text's offset and length fit in a batch_value and an int */
        set_error(s->db, "the texts of a batch of rows are over 2 GB");
        rc = STORE_ERROR;
    } else if (s->fill && sqlite3_bind_pointer(s->feed, 1, s, "gp_kept", NULL) != SQLITE_OK) {
        set_error(s->db, sqlite3_errmsg(s->db->conn));
        rc = STORE_ERROR;
    } else if (s->fill) {
        rc = step_done(s->db, s->feed);
    }
    s->fill = 0;
    str_clear(&s->texts);
    s->texts.err = false;
    if (s->db->batching == s)
        s->db->batching = NULL;
    return rc;
}

/* Writes whatever rows the connection keeps; before anything else runs. */
static int flush_batch(sqlite_store *db)
{
    return db->batching ? write_kept(db->batching) : STORE_OK;
}

/* Forgets the kept rows (a rollback). */
static void drop_batch(sqlite_store *db)
{
    if (!db->batching)
        return;
    db->batching->fill = 0;
    str_clear(&db->batching->texts);
    db->batching->texts.err = false;
    db->batching = NULL;
}

/* Gives S, a plain INSERT, what it needs to keep rows; it simply runs row by
 * row when that fails (out of memory): batching is only faster. */
static void prepare_batching(sqlite_stmt *s)
{
    s->batch_checked = true;
    const char *values;
    int n = plain_insert_params(s->base.sql, &values);
    if (n == 0 || n != sqlite3_bind_parameter_count(s->st))
        return;
    s->nparams = n;
    if (!make_feed(s))
        return;
    s->vals = calloc((size_t)BATCH_ROWS * (size_t)n, sizeof *s->vals);
}

static stmt *sq_prepare(store *db_, const char *sql)
{
    sqlite_store *db = (sqlite_store *)db_;
    str_clear(&db->error);
    sqlite_stmt *known = (sqlite_stmt *)stmt_cache_find(&db->cache, sql);
    if (known) {
        if (db->bulk && !known->batch_checked)
            prepare_batching(known); /* first used in a bulk load now */
        if (keeping(known)) {
            /* Its rows are bound when written: unbound values are NULL. */
            memset(kept(known, 1), 0, (size_t)known->nparams * sizeof *known->vals);
            return &known->base;
        }
        sqlite3_reset(known->st);
        sqlite3_clear_bindings(known->st);
        return &known->base;
    }
    if (!stmt_cache_reserve(&db->cache)) {
        set_error(db, "out of memory");
        return NULL;
    }
    sqlite_stmt *fresh = calloc(1, sizeof *fresh);
    if (!fresh || !stmt_base_init(&fresh->base, &sqlite_ops, sql)) {
        free(fresh);
        set_error(db, "out of memory");
        return NULL;
    }
    if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &fresh->st, NULL) !=
        SQLITE_OK) {
        stmt_base_free(&fresh->base);
        free(fresh);
        return NULL;
    }
    fresh->db = db;
    if (db->bulk)
        prepare_batching(fresh);
    stmt_cache_add(&db->cache, &fresh->base);
    return &fresh->base;
}

static void sq_bind_int(stmt *s_, int idx, int64_t v)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (keeping(s) && idx >= 1 && idx <= s->nparams)
        *kept(s, idx) = (batch_value){v, 0, 0, 1};
    else
        sqlite3_bind_int64(s->st, idx, v);
}

/* Bound text is not copied (SQLITE_STATIC): callers bind and step at once,
 * while their strings live (see store.h). */
static void sq_bind_text(stmt *s_, int idx, const char *text)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (keeping(s) && idx >= 1 && idx <= s->nparams) {
        if (text)
            keep_text(s, idx, text, strlen(text));
        else
            *kept(s, idx) = (batch_value){0, 0, 0, 0};
    } else if (text) {
        sqlite3_bind_text(s->st, idx, text, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(s->st, idx);
    }
}

static void sq_bind_null(stmt *s_, int idx)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (keeping(s) && idx >= 1 && idx <= s->nparams)
        *kept(s, idx) = (batch_value){0, 0, 0, 0};
    else
        sqlite3_bind_null(s->st, idx);
}

static void sq_bind_date(stmt *s_, int idx, date_t d)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (d == DATE_NONE) {
        sq_bind_null(s_, idx);
        return;
    }
    if (keeping(s) && idx >= 1 && idx <= s->nparams) {
        char text[DATE_TEXT_SIZE];
        date_format(d, text);
        keep_text(s, idx, text, 10);
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
    if (keeping(s)) {
        /* A batched INSERT run by plain stmt_exec: the rows kept before it,
         * then this one. (flush_batch writes another statement's rows.) */
        int rc = STORE_OK;
        if (s->db->batching && s->db->batching != s)
            rc = flush_batch(s->db);
        s->fill++;
        s->db->batching = s;
        rc = rc == STORE_OK ? write_kept(s) : rc;
        if (rc != STORE_OK)
            drop_batch(s->db);
        return rc == STORE_OK ? STORE_DONE : rc;
    }
    if (s->db->batching && flush_batch(s->db) != STORE_OK)
        return STORE_ERROR;
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


/* Appends to the arena array *ROWS of *N the first column of every row
 * of SQL on CONN, as text; false on an error or out of memory. */
static bool read_column(sqlite3 *conn, const char *sql, arena *a, const char ***rows, size_t *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
        return false;
    size_t cap = 0;
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char **slot = arena_push(a, rows, n, &cap, sizeof *slot);
        const unsigned char *text = sqlite3_column_text(st, 0);
        ok = slot && text && (*slot = arena_strdup(a, (const char *)text)) != NULL;
    }
    sqlite3_finalize(st);
    return ok && rc == SQLITE_DONE;
}

/* Which table that CONN's applied migrations made CONN lacks: 1 none, 0 one
 * (its name put in MISSING), -1 when the catalogue cannot be read. *VERSION:
 * the newest migration applied. */
static int find_missing_table(sqlite3 *conn, str *missing, int64_t *version)
{
    arena a = ARENA_INIT;
    const char **versions = NULL, **tables = NULL;
    size_t n_versions = 0, n_tables = 0;
    int found = -1;
    *version = 0;
    if (read_column(conn, "SELECT version FROM schema_migrations", &a, &versions, &n_versions) &&
        read_column(conn, "SELECT name FROM sqlite_master WHERE type = 'table'", &a, &tables,
                    &n_tables)) {
        int64_t *numbers = arena_alloc(&a, (n_versions + 1) * sizeof *numbers);
        for (size_t i = 0; numbers && i < n_versions; i++) {
            numbers[i] = strtoll(versions[i], NULL, 10);
            if (numbers[i] > *version)
                *version = numbers[i];
        }
        if (numbers)
            found = schema_missing_table(embedded_migrations, numbers, n_versions, tables,
                                         n_tables, missing);
    }
    arena_free(&a);
    return found;
}

/* STORE_OK when the database holds every table of its migrations; else
 * STORE_ERROR naming the missing one (a backup without it would restore as
 * a database without its rows). */
static int sq_check_tables(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    if (flush_batch(db) != STORE_OK)
        return STORE_ERROR;
    str missing = STR_INIT, msg = STR_INIT;
    int64_t version;
    int found = find_missing_table(db->conn, &missing, &version);
    if (found == 0)
        str_printf(&msg, "the database lacks its table %s (schema %lld): it is "
                         "damaged", str_cstr(&missing), (long long)version);
    else if (found < 0)
        str_printf(&msg, "cannot read the database's tables: %s", sqlite3_errmsg(db->conn));
    if (found != 1)
        set_error(db, msg.err ? "out of memory" : str_cstr(&msg));
    str_free(&missing);
    str_free(&msg);
    return found == 1 ? STORE_OK : STORE_ERROR;
}

/* STORE_OK when the backup FROM holds every table of its migrations; else
 * STORE_CONSTRAINT naming the one it lacks: a copy without it would leave
 * the restored database without that table (the schema's number says it
 * is there, so no migration would make it again). */
static int check_backup_complete(sqlite_store *db, sqlite3 *from)
{
    str missing = STR_INIT, msg = STR_INIT;
    int64_t version;
    int found = find_missing_table(from, &missing, &version);
    if (found == 0)
        str_printf(&msg, "the backup lacks the table %s (every table of schema %lld must be "
                         "in it); nothing was changed", str_cstr(&missing), (long long)version);
    else if (found < 0)
        str_printf(&msg, "cannot read the backup's tables: %s", sqlite3_errmsg(from));
    if (found != 1)
        set_error(db, msg.err ? "out of memory" : str_cstr(&msg));
    str_free(&missing);
    str_free(&msg);
    return found == 1 ? STORE_OK : found == 0 ? STORE_CONSTRAINT : STORE_ERROR;
}

static int sq_backup(store *db_, const char *path)
{
    sqlite_store *db = (sqlite_store *)db_;
    if (sq_check_tables(db_) != STORE_OK)
        return STORE_ERROR;
    /* Made empty first, readable by its owner only (it holds the badge
     * signing keys, calendar tokens and password hashes): VACUUM INTO
     * fills an empty file and keeps its mode. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || close(fd) != 0) {
        str msg = STR_INIT;
        str_printf(&msg, "cannot create the backup file: %s", strerror(errno));
        set_error(db, msg.err ? "cannot create the backup file" : str_cstr(&msg));
        str_free(&msg);
        return STORE_ERROR;
    }
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->conn, "VACUUM INTO ?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
    }
    if (rc != SQLITE_DONE) {
        set_error(db, sqlite3_errmsg(db->conn));
        remove(path);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* Opens the backup at PATH read-only into *FROM, checked as a restore
 * needs it (a groeipad database, not newer than this build, complete):
 * STORE_OK, else STORE_CONSTRAINT (or STORE_ERROR) with *FROM closed. */
static int open_backup(sqlite_store *db, const char *path, sqlite3 **from)
{
    if (sqlite3_open_v2(path, from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        set_error(db, sqlite3_errmsg(*from));
        sqlite3_close(*from);
        return STORE_CONSTRAINT;
    }
    sqlite3_stmt *st;
    int version = 0;
    if (sqlite3_prepare_v2(*from, "SELECT max(version) FROM schema_migrations", -1, &st, NULL) ==
        SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (version <= 0) {
        set_error(db, _("not a groeipad database"));
        sqlite3_close(*from);
        return STORE_CONSTRAINT;
    }
    /* Refused before anything is replaced (after, this database would be
     * one this groeipad may not open). */
    str newer = STR_INIT;
    if (schema_too_new(embedded_migrations, version, "the backup", &newer)) {
        set_error(db, newer.err ? "out of memory" : str_cstr(&newer));
        str_free(&newer);
        sqlite3_close(*from);
        return STORE_CONSTRAINT;
    }
    int complete = check_backup_complete(db, *from);
    if (complete != STORE_OK)
        sqlite3_close(*from);
    return complete;
}

static int sq_restore_check(store *db_, const char *path, bool other_org)
{
    (void)other_org; /* a file is one organisation: there is no other */
    sqlite3 *from;
    int rc = open_backup((sqlite_store *)db_, path, &from);
    if (rc == STORE_OK)
        sqlite3_close(from);
    return rc;
}

static int sq_restore(store *db_, const char *path, bool other_org)
{
    (void)other_org; /* a file is one organisation: there is no other */
    sqlite_store *db = (sqlite_store *)db_;
    sqlite3 *from;
    int checked = open_backup(db, path, &from);
    if (checked != STORE_OK)
        return checked;
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
    if (flush_batch(db) != STORE_OK)
        return -1;
    return sqlite3_last_insert_rowid(db->conn);
}

static int sq_changes(store *db_)
{
    sqlite_store *db = (sqlite_store *)db_;
    if (flush_batch(db) != STORE_OK)
        return -1;
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
    str newer = STR_INIT;
    if (schema_too_new(embedded_migrations, sq_schema_version(db_), "this database", &newer)) {
        set_error(db, newer.err ? "out of memory" : str_cstr(&newer));
        str_free(&newer);
        return STORE_CONSTRAINT;
    }
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
    sqlite_store *db = (sqlite_store *)db_;
    return flush_batch(db) == STORE_OK ? exec_sql(db, sql) : STORE_ERROR;
}

/* A plain INSERT's row is kept for its batch (see "Batched inserts"); any
 * other statement runs at once. */
static int sq_exec_bulk(stmt *s_)
{
    sqlite_stmt *s = (sqlite_stmt *)s_;
    if (!keeping(s))
        return stmt_exec(s_);
    sqlite_store *db = s->db;
    if (db->batching != s) {
        int rc = flush_batch(db);
        if (rc != STORE_OK)
            return rc;
        db->batching = s;
    }
    if (++s->fill == BATCH_ROWS)
        return write_kept(s);
    return STORE_OK;
}

static const store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .error = sq_error,
    .migrate = sq_migrate,
    .schema_version = sq_schema_version,
    .check_tables = sq_check_tables,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .release_memory = sq_release_memory,
    .bulk_begin = sq_bulk_begin,
    .bulk_end = sq_bulk_end,
    .deleting_many = sq_deleting_many,
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
    .restore_check = sq_restore_check,
    .last_id = sq_last_id,
    .changes = sq_changes,
    .exec_once = sq_exec_once,
    .use_org = sq_use_org,
    .open_again = sq_open_again,
};

/* pg.c - the PostgreSQL backend of store.h, on libpq.
 *
 * A site keeps its organisations in the schema "registry" and each
 * organisation's tables in the schema org_<slug> (DESIGN §6). A connection
 * for an organisation sets search_path to that schema only, so the same SQL
 * as on SQLite reaches its tables. Statements are written for both backends
 * with '?' placeholders (store.h); they are numbered $1.. here and prepared
 * once per connection, keyed by the SQL's address as on SQLite. Parameters
 * and results travel as text: dates are 'YYYY-MM-DD' text columns on both
 * backends, so a value reads the same from either.
 *
 * Rows written with stmt_exec_bulk during a bulk load are streamed in one
 * COPY per table; the COPY ends before any other statement runs. Rows of a
 * read marked by store_prepare_many come the other way, from a COPY ... TO
 * STDOUT read row by row (pg_rows.h), in binary form when its columns are
 * whole numbers and text. */
#include "store/backend.h"
#include "store/orgs.h"
#include "store/pg_rows.h"
#include "store/schema.h"
#include "store/url.h"
#include "util/embed.h"
#include "util/i18n.h"
#include <libpq-fe.h>
#include <pthread.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 64
#define INT_TEXT_SIZE 24
#define COPY_FLUSH_BYTES (1 << 20)
/* The memory a bulk load's index builds may sort in (see restore_indexes). */
#define PG_INDEX_BUILD_MEMORY "256MB"

/* What a parameter was bound as: integers stay numbers until a statement
 * is sent (a bulk load writes them to a binary COPY as they are). */
enum { BOUND_NULL = 0, BOUND_INT, BOUND_TEXT };

/* How a plain INSERT's rows travel in a bulk load's COPY, found once per
 * statement (every organisation's schema has the same tables): in binary
 * form when every column is a BIGINT or TEXT, so the server parses no text;
 * with the rows' ids given by us when the table has an identity id that the
 * INSERT leaves out, so the server calls no sequence per row (see
 * ids_begin). */
typedef struct copy_plan {
    char table[64];             /* "" when the name is not a plain one */
    bool binary;
    bool int_col[MAX_PARAMS];   /* BIGINT, else TEXT (binary only) */
    bool ids;                   /* an identity id we may give */
} copy_plan;

typedef struct pg_stmt {
    stmt base;
    struct pg_store *db;
    char name[16];
    int nparams;
    const char *values[MAX_PARAMS];
    char text[MAX_PARAMS][INT_TEXT_SIZE]; /* bound integers and dates */
    int64_t ints[MAX_PARAMS];             /* bound integers */
    unsigned char bound[MAX_PARAMS];      /* BOUND_* */
    PGresult *res;   /* the rows being read, or NULL */
    int row, nrows;  /* the current row; row = -1 before the first */
    bool loud;       /* writes rows that pages show (see quiet_table) */
    bool durable;    /* writes rows that must survive a crash (all but a cache) */
    char *copy_sql;  /* "COPY t(cols) FROM STDIN" for a plain INSERT, else NULL */
    copy_plan *plan; /* made at its first COPY */
    PGresult *early; /* the answer of a started statement (pg_start), not yet stepped */
    bool has_early;
    bool unprepared; /* the connection was made again since it was prepared */
    bool many;       /* a read of many rows (store_prepare_many): streamed */
    bool streamed;   /* its rows being read come from a COPY (in rows) */
    copy_rows *rows; /* made at its first COPY */
    str ahead_sql;   /* for the thread that sends it (start_stream): the */
    str ahead_query; /* statement that sets its values, and its query */
    const char *ahead_values[MAX_PARAMS];
    int ahead_nvalues;
    int ncolumns;    /* its columns (-1: not asked since it was prepared) */
    Oid column_type[COPY_ROWS_MAX_COLUMNS]; /* their types, for the binary form */
    Oid param_type[MAX_PARAMS]; /* the types the server gave its parameters */
} pg_stmt;


typedef struct pg_store {
    store base;
    PGconn *conn;
    char *url, *org; /* org NULL for a site connection (the registry) */
    bool schema_unsure; /* a SET search_path to org failed: set it again */
    stmt_cache cache;
    unsigned next_name;
    str error;
    char error_state[6]; /* the SQLSTATE of the last failed statement, or "" */
    int64_t changes;
    bool loud_change; /* this transaction changed rows that pages show */
    bool durable_change; /* it wrote more than a cache (see pg_commit) */
    bool has_data_version; /* known once migration 003 made the table */
    bool bulk;        /* between store_bulk_begin and store_bulk_end */
    bool in_tx;       /* between store_begin and its commit or rollback */
    bool reconnecting; /* connection_back is setting a fresh connection up */
    pg_stmt *copying; /* the statement whose rows a COPY in progress takes */
    int pipelined;    /* statements sent in pipeline mode, results not yet read */
    str deferred;     /* CREATE INDEX of indexes dropped for a bulk load, made
                       * again before the commit (see defer_indexes) */
    bool key_deferred; /* a primary key is among them: made again when the
                        * COPY in progress ends */
    str deferred_fks;  /* foreign keys dropped for a mass delete (pg_deleting_many),
                        * made again after the rest of deferred */
    str copy_buf;
    bool copy_binary; /* the COPY in progress is in binary form */
    /* The next id the COPY in progress gives to a row of ids_table (0: the
     * server numbers them); see ids_begin and ids_end. */
    char ids_table[64];
    int64_t next_id;
    /* A statement sent by pg_start whose answer the thread reader is
     * reading into started_answer; NULL when none. */
    struct pg_stmt *started;
    pthread_t reader;
    PGresult *started_answer;
    /* The statement whose COPY of rows (store_prepare_many) is in progress
     * on the connection; NULL when none. */
    struct pg_stmt *streaming;
    /* The streamed statement whose rows still to come the reader thread
     * reads before it sends the started one's COPY (start_stream). */
    struct pg_stmt *ahead_of;
} pg_store;

static const store_ops pg_ops;

/* The started statement's reader: reads its answer (the first result; an
 * error comes first) until libpq has no more, so the connection is free. */
static void read_ahead(pg_store *db);

static void *read_started(void *arg)
{
    pg_store *db = arg;
    if (db->started->many) { /* its rows, from a COPY, into its memory */
        if (db->ahead_of)
            read_ahead(db);
        else
            copy_rows_keep(db->started->rows);
        return NULL;
    }
    PGresult *res, *first = NULL;
    while ((res = PQgetResult(db->conn)))
        if (!first)
            first = res;
        else
            PQclear(res);
    db->started_answer = first;
    return NULL;
}

/* Waits for the started statement's answer and gives it to the statement. */
static void started_join(pg_store *db)
{
    if (!db->started)
        return;
    pthread_join(db->reader, NULL);
    if (db->started->many) { /* its rows wait in its memory (streamed) */
        db->started = NULL;
        db->ahead_of = NULL;
        return;
    }
    db->started->early = db->started_answer;
    db->started->has_early = true;
    db->started = NULL;
    db->started_answer = NULL;
}

/* The connection, once no started statement's reader is using it and no
 * streamed read's rows are still coming on it (they are read into memory
 * for their statement, which goes on reading them from there): every use
 * goes through here, so that nothing can talk over either. */
static PGconn *conn_of(pg_store *db)
{
    started_join(db);
    if (db->streaming) {
        copy_rows_keep(db->streaming->rows);
        db->streaming = NULL;
    }
    return db->conn;
}

static void set_error(pg_store *db, const char *msg)
{
    str_clear(&db->error);
    str_puts(&db->error, msg);
    /* libpq's messages end in a newline */
    while (db->error.len && db->error.p[db->error.len - 1] == '\n')
        db->error.p[--db->error.len] = '\0';
}

static const char *pg_error(store *db_)
{
    pg_store *db = (pg_store *)db_;
    return db->error.len ? str_cstr(&db->error) : "unknown PostgreSQL error";
}

/* Keeps RES's error (if any) and clears it; true when RES says WANT. */
static bool result_is(pg_store *db, PGresult *res, ExecStatusType want)
{
    ExecStatusType got = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (got != want && got != PGRES_COMMAND_OK && got != PGRES_TUPLES_OK) {
        set_error(db, res ? PQresultErrorMessage(res) : PQerrorMessage(conn_of(db)));
        const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        snprintf(db->error_state, sizeof db->error_state, "%s", state ? state : "");
    }
    bool ok = got == want || (want == PGRES_COMMAND_OK && got == PGRES_TUPLES_OK);
    if (!ok && db->error.len == 0)
        set_error(db, "unexpected answer from PostgreSQL");
    return ok;
}

/* The store's status for a failed statement: a violated constraint (SQLSTATE
 * class 23) is the caller's to report, anything else is a storage error. */
static int failure_of(PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    return state && strncmp(state, "23", 2) == 0 ? STORE_CONSTRAINT : STORE_ERROR;
}

static int bulk_flush(pg_store *db);
static int restore_indexes(pg_store *db);
static int ids_end(pg_store *db);
static void values_clear(pg_stmt *s);

static bool connection_back(pg_store *db);

/* Runs SQL without parameters or rows (set-up, transactions). */
static int exec_sql(pg_store *db, const char *sql)
{
    if (bulk_flush(db) != STORE_OK)
        return STORE_ERROR;
    /* Anything but a transaction's bounds or a setting may write (DDL, a
     * TRUNCATE): the transaction then commits durably. */
    if (strncmp(sql, "BEGIN", 5) != 0 && strncmp(sql, "SET ", 4) != 0)
        db->durable_change = true;
    PGresult *res = PQexec(conn_of(db), sql);
    /* A transaction's start or a setting that met a closed connection had
     * done nothing yet: it is sent again on a fresh one. */
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQstatus(db->conn) == CONNECTION_BAD &&
        (strncmp(sql, "BEGIN", 5) == 0 || strncmp(sql, "SET ", 4) == 0) &&
        !strstr(sql, "COMMIT") && connection_back(db)) {
        PQclear(res);
        res = PQexec(conn_of(db), sql);
    }
    bool ok = result_is(db, res, PGRES_COMMAND_OK);
    int rc = ok ? STORE_OK : failure_of(res);
    PQclear(res);
    if (strstr(sql, "COMMIT") || strncmp(sql, "ROLLBACK", 8) == 0)
        db->in_tx = false; /* ended, or lost with its connection */
    return rc;
}

/* ---- COPY for bulk inserts ---- */

/* Appends TEXT to the COPY buffer in COPY's text form. */
static void copy_escape(str *buf, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '\\': str_puts(buf, "\\\\"); break;
        case '\t': str_puts(buf, "\\t"); break;
        case '\n': str_puts(buf, "\\n"); break;
        case '\r': str_puts(buf, "\\r"); break;
        default: str_putc(buf, *p);
        }
    }
}

static int copy_send(pg_store *db)
{
    if (db->copy_buf.len == 0)
        return STORE_OK;
    if (db->copy_buf.err || PQputCopyData(conn_of(db), db->copy_buf.p, (int)db->copy_buf.len) != 1) {
        set_error(db, db->copy_buf.err ? "out of memory" : PQerrorMessage(conn_of(db)));
        return STORE_ERROR;
    }
    str_clear(&db->copy_buf);
    return STORE_OK;
}

/* Reads the results of the statements sent in pipeline mode and leaves it:
 * the first failure is the store's error. */
static int pipeline_finish(pg_store *db)
{
    if (PQpipelineStatus(conn_of(db)) == PQ_PIPELINE_OFF)
        return STORE_OK;
    int rc = PQpipelineSync(conn_of(db)) == 1 ? STORE_OK : STORE_ERROR;
    if (rc != STORE_OK)
        set_error(db, PQerrorMessage(conn_of(db)));
    for (;;) {
        PGresult *res = PQgetResult(conn_of(db));
        if (!res)
            continue; /* the end of one statement's results */
        ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            break;
        }
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && rc == STORE_OK) {
            set_error(db, PQresultErrorMessage(res));
            rc = status == PGRES_PIPELINE_ABORTED ? STORE_ERROR : failure_of(res);
        }
        PQclear(res);
    }
    db->pipelined = 0;
    if (PQexitPipelineMode(conn_of(db)) != 1 && rc == STORE_OK) {
        set_error(db, PQerrorMessage(conn_of(db)));
        rc = STORE_ERROR;
    }
    return rc;
}

/* Ends what a bulk load left pending: the COPY in progress (its rows are then
 * in the table) or the statements sent in pipeline mode; their first error
 * is the store's error. */
static int bulk_flush(pg_store *db)
{
    if (pipeline_finish(db) != STORE_OK) {
        db->copying = NULL;
        return STORE_ERROR;
    }
    if (!db->copying)
        return STORE_OK;
    db->copying = NULL;
    if (db->copy_binary)
        str_append(&db->copy_buf, "\xff\xff", 2); /* the end of a binary COPY */
    int rc = copy_send(db);
    if (PQputCopyEnd(conn_of(db), rc == STORE_OK ? NULL : "groeipad: bulk load abandoned") != 1)
        rc = STORE_ERROR;
    PGresult *res;
    while ((res = PQgetResult(conn_of(db)))) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == STORE_OK) {
            set_error(db, PQresultErrorMessage(res));
            rc = failure_of(res);
        }
        PQclear(res);
    }
    str_clear(&db->copy_buf);
    if (rc == STORE_OK)
        rc = ids_end(db);
    db->next_id = 0;
    /* A primary key dropped for this COPY is wanted by what follows (an
     * upsert of learning_totals by another file of the same import). */
    if (rc == STORE_OK && db->key_deferred) {
        db->key_deferred = false;
        rc = restore_indexes(db);
    }
    return rc;
}

/* For "INSERT INTO t(a, b) VALUES (?, ?)" with only placeholders, the COPY
 * that takes the same rows; NULL for any other statement. */
static char *copy_sql_of(const char *sql)
{
    const char *p = sql;
    while (*p == ' ')
        p++;
    if (strncmp(p, "INSERT INTO ", 12) != 0 || strstr(p, "ON CONFLICT") || strstr(p, "SELECT"))
        return NULL;
    const char *values = strstr(p, " VALUES (");
    const char *close = values ? strchr(values, ')') : NULL;
    if (!values || !close)
        return NULL;
    for (const char *q = values + 9; q < close; q++)
        if (*q != '?' && *q != ',' && *q != ' ')
            return NULL;
    while (close[1] == ' ')
        close++;
    if (close[1] != '\0')
        return NULL;
    str copy = STR_INIT;
    str_puts(&copy, "COPY ");
    str_append(&copy, p + 12, (size_t)(values - (p + 12)));
    str_puts(&copy, " FROM STDIN");
    if (copy.err) {
        str_free(&copy);
        return NULL;
    }
    return str_steal(&copy);
}

/* ---- connections ---- */

/* Notices (a table that already exists, a cascade) are not for the user. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* The URL without its password, for messages (every form of it: see
 * store_redact_target). */
static void describe_url(const char *url, str *out)
{
    store_redact_target(url, out);
}

static int connect_to(pg_store *db, str *err)
{
    if (!pg_url_check(db->url, err)) /* libpq's reason could quote the password */
        return STORE_ERROR;
    db->conn = PQconnectdb(db->url); /* conn_of not yet */
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        str where = STR_INIT;
        describe_url(db->url, &where);
        const char *why = db->conn ? PQerrorMessage(db->conn) : "out of memory";
        str_printf(err, _("cannot connect to PostgreSQL at %s: "), str_cstr(&where));
        pg_redact_message(db->url, why, err);
        str_free(&where);
        return STORE_ERROR;
    }
    PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    return STORE_OK;
}

static void pg_close(store *db_);

/* Points the connection at the organisation's schema, or at the registry for
 * a site connection. */
static int use_schema(pg_store *db, str *err)
{
    str sql = STR_INIT;
    if (db->org)
        str_printf(&sql, "SET search_path TO org_%s", db->org);
    else
        str_puts(&sql, "SET search_path TO registry");
    int rc = sql.err ? STORE_ERROR : exec_sql(db, str_cstr(&sql));
    if (rc != STORE_OK)
        str_printf(err, "%s", pg_error(&db->base));
    str_free(&sql);
    return rc;
}

int pg_open(const char *url, const char *org, store **out, str *err)
{
    *out = NULL;
    if (org && !org_slug_valid(org)) {
        str_printf(err, "'%s' is not an organisation: a slug is 1 to 40 of a-z, 0-9 and _", org);
        return STORE_ERROR;
    }
    pg_store *db = calloc(1, sizeof *db);
    if (!db || !(db->url = strdup(url)) || (org && !(db->org = strdup(org)))) {
        if (db)
            free(db->url);
        free(db);
        str_puts(err, "out of memory");
        return STORE_ERROR;
    }
    db->base.ops = &pg_ops;
    if (connect_to(db, err) != STORE_OK ||
        exec_sql(db, "SET client_min_messages TO warning") != STORE_OK) {
        if (conn_of(db) && !err->len)
            str_puts(err, pg_error(&db->base));
        pg_close(&db->base);
        return STORE_ERROR;
    }
    if (org) {
        int known = orgs_exists(&db->base, org);
        if (known != 1) {
            if (known == 0)
                str_printf(err, _("no organisation '%s' on this site (groeipad --pg URL org list "
                                  "shows them; org add %s --name NAME makes it)"), org, org);
            else
                str_printf(err, "%s", pg_error(&db->base));
            pg_close(&db->base);
            return STORE_ERROR;
        }
    }
    if (use_schema(db, err) != STORE_OK) {
        pg_close(&db->base);
        return STORE_ERROR;
    }
    *out = &db->base;
    return STORE_OK;
}

static bool pg_reachable(store *db_)
{
    pg_store *db = (pg_store *)db_;
    return db->conn && PQstatus(db->conn) == CONNECTION_OK;
}

static int pg_open_again(store *db_, store **out, str *err)
{
    pg_store *db = (pg_store *)db_;
    return pg_open(db->url, db->org, out, err);
}

static void stmt_free(stmt *s_)
{
    pg_stmt *s = (pg_stmt *)s_;
    PQclear(s->res);
    PQclear(s->early);
    if (s->rows)
        copy_rows_free(s->rows);
    free(s->rows);
    str_free(&s->ahead_sql);
    str_free(&s->ahead_query);
    free(s->copy_sql);
    free(s->plan);
    stmt_base_free(&s->base);
    free(s);
}

static void pg_close(store *db_)
{
    pg_store *db = (pg_store *)db_;
    if (!db)
        return;
    started_join(db);
    db->streaming = NULL; /* its rows are dropped with the connection */
    if (db->conn && PQstatus(db->conn) == CONNECTION_OK)
        bulk_flush(db);
    stmt_cache_free(&db->cache, stmt_free);
    str_free(&db->error);
    str_free(&db->copy_buf);
    str_free(&db->deferred);
    str_free(&db->deferred_fks);
    PQfinish(db->conn);
    free(db->url);
    free(db->org);
    free(db);
}

/* ---- a lost connection ---- */

static bool prepare_on_server(pg_store *db, pg_stmt *s);
static void stmt_reset(pg_stmt *s);

/* True when SQL only reads: sent again on a fresh connection, it can have
 * done nothing twice. */
static bool reads_only(const char *sql)
{
    return strncmp(sql, "SELECT", 6) == 0 || strncmp(sql, "WITH", 4) == 0;
}

/* Gives DB a fresh connection when the server closed the old one (it
 * restarted, or an operator ended the connection) and nothing depended on
 * it: no transaction, bulk load or started read. The fresh one gets the
 * same settings and schema; every cached statement is prepared again under
 * its name at its next use (callers may hold them). So a long-running server loses
 * at most the request that met the closed connection, instead of failing
 * until it is restarted. True when the connection is usable. */
static bool connection_back(pg_store *db)
{
    /* a started read's thread may be using the connection: not even its
     * status is read then (and it is not made again under the thread) */
    if (db->started)
        return true;
    if (!db->conn || PQstatus(db->conn) == CONNECTION_OK)
        return true;
    if (db->in_tx || db->bulk || db->copying || db->reconnecting)
        return false;
    PQreset(db->conn);
    if (PQstatus(db->conn) != CONNECTION_OK) {
        set_error(db, PQerrorMessage(db->conn));
        return false;
    }
    db->pipelined = 0;
    str err = STR_INIT;
    db->reconnecting = true; /* its settings, lost again, are not retried */
    bool ok = exec_sql(db, "SET client_min_messages TO warning") == STORE_OK &&
              use_schema(db, &err) == STORE_OK;
    db->reconnecting = false;
    str_free(&err);
    /* prepared again at their next use: a site's statements name the
     * tables of whichever organisation the connection serves then. Rows a
     * caller is reading stay theirs (store.h: until its next step). */
    for (size_t i = 0; i < db->cache.cap; i++) {
        pg_stmt *s = (pg_stmt *)db->cache.slots[i];
        if (s)
            s->unprepared = true;
    }
    return ok;
}

/* True when S is prepared on the connection as it is now (see
 * connection_back). */
static bool ready_on_server(pg_stmt *s)
{
    /* as for a new statement, a COPY in progress ends first (prepare_new) */
    if (s->unprepared && bulk_flush(s->db) == STORE_OK &&
        (prepare_on_server(s->db, s) ||
         /* the fresh connection was closed in turn before its first use */
         (PQstatus(s->db->conn) == CONNECTION_BAD && connection_back(s->db) &&
          prepare_on_server(s->db, s))))
        s->unprepared = false;
    return !s->unprepared;
}

/* ---- transactions ---- */

static int pg_begin(store *db_)
{
    pg_store *db = (pg_store *)db_;
    db->loud_change = false;
    db->durable_change = false;
    if (!connection_back(db))
        return STORE_ERROR;
    int rc = exec_sql(db, "BEGIN");
    /* A bulk load (an import) drops indexes and makes them again before its
     * commit, locking tables exclusively in the order it meets them: two in
     * one organisation at once deadlocked. The second waits for the first
     * instead, on the lock a migration of the schema takes. */
    if (rc == STORE_OK && db->bulk && db->org) {
        PGresult *res = PQexec(conn_of(db), "SELECT pg_advisory_xact_lock(hashtext("
                                            "current_schema()))");
        rc = result_is(db, res, PGRES_TUPLES_OK) ? STORE_OK : STORE_ERROR;
        PQclear(res);
        if (rc != STORE_OK) /* a failed begin leaves no transaction open */
            PQclear(PQexec(conn_of(db), "ROLLBACK"));
    }
    db->in_tx = rc == STORE_OK;
    return rc;
}

/* As on SQLite (store_commit in sqlite.c): a transaction that changed rows
 * which pages show moves the data version on before it commits. */
/* True when SQL, a query of one boolean, answers true; false when it
 * answers false or fails. */
static bool answers_true(pg_store *db, const char *sql)
{
    PGresult *res = PQexec(conn_of(db), sql);
    if (PQresultStatus(res) != PGRES_TUPLES_OK && PQstatus(db->conn) == CONNECTION_BAD &&
        connection_back(db)) { /* a read: asked again on a fresh connection */
        PQclear(res);
        res = PQexec(conn_of(db), sql);
    }
    bool yes = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
               strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return yes;
}

static int pg_commit(store *db_)
{
    pg_store *db = (pg_store *)db_;
    if (bulk_flush(db) != STORE_OK || restore_indexes(db) != STORE_OK)
        return STORE_ERROR;
    /* A statement failed in this transaction, and the caller did not hear
     * of it (a streamed read ended early drops the rest of its answer):
     * PostgreSQL would answer the COMMIT with a rollback, quietly. */
    if (PQtransactionStatus(conn_of(db)) == PQTRANS_INERROR) {
        set_error(db, "a statement of this transaction failed: nothing was written");
        return STORE_ERROR;
    }
    if (db->loud_change && db->org && !db->has_data_version)
        db->has_data_version = answers_true(db, "SELECT to_regclass('data_version') IS NOT NULL");
    if (db->loud_change && db->has_data_version) {
        stmt *s = store_prepare(db_, "UPDATE data_version SET version = version + 1");
        if (!s || stmt_exec(s) != STORE_OK)
            return STORE_ERROR;
    }
    db->loud_change = false;
    /* A transaction that only kept a cache's rows (sector_figures) need not
     * wait for the disk: lost in a crash, they are computed again. The
     * transaction stays in_tx until its COMMIT went (exec_sql), so that a
     * COMMIT is never sent again on a fresh connection. */
    return exec_sql(db, db->durable_change ? "COMMIT"
                                           : "SET LOCAL synchronous_commit TO off; COMMIT");
}

static void pg_rollback(store *db_)
{
    pg_store *db = (pg_store *)db_;
    db->key_deferred = false; /* no key to build for rows about to go */
    bulk_flush(db);
    if (PQtransactionStatus(conn_of(db)) != PQTRANS_IDLE) {
        PGresult *res = PQexec(conn_of(db), "ROLLBACK");
        PQclear(res);
    }
    str_clear(&db->deferred); /* the rollback brought the dropped indexes back */
    str_clear(&db->deferred_fks);
    db->key_deferred = false;
    db->in_tx = false;

    db->loud_change = false;
}

static void pg_release_memory(store *db_)
{
    (void)db_;
}

/* Foreign keys stay checked on PostgreSQL (they cost little there); a bulk
 * load only lets inserts travel by COPY. */
static int pg_bulk_begin(store *db_)
{
    ((pg_store *)db_)->bulk = true;
    return STORE_OK;
}

static void pg_bulk_end(store *db_)
{
    pg_store *db = (pg_store *)db_;
    bulk_flush(db);
    db->bulk = false;
}

/* ---- statements ---- */

/* The table that keeps figures computed from the others (a cache). */
static bool cache_table(const char *name, size_t len)
{
    return len == 14 && strncmp(name, "sector_figures", 14) == 0;
}

/* Tables no page shows: see quiet_table in sqlite.c. */
static bool quiet_table(const char *name, size_t len)
{
    return (len == 8 && strncmp(name, "sessions", 8) == 0) ||
           (len == 9 && strncmp(name, "audit_log", 9) == 0) || cache_table(name, len);
}

/* The table SQL writes (its name's length in *LEN), or NULL when SQL is not
 * an INSERT, UPDATE or DELETE. */
static const char *written_table(const char *sql, size_t *len)
{
    while (*sql == ' ')
        sql++;
    const char *table = NULL;
    if (strncmp(sql, "INSERT INTO ", 12) == 0)
        table = sql + 12;
    else if (strncmp(sql, "UPDATE ", 7) == 0)
        table = sql + 7;
    else if (strncmp(sql, "DELETE FROM ", 12) == 0)
        table = sql + 12;
    if (table)
        *len = strcspn(table, " (");
    return table;
}

/* True when SQL writes rows that must survive a crash: any statement but a
 * read or a write of a cache (a CTE may write: to be safe, it does). */
static bool writes_durably(const char *sql)
{
    size_t len;
    const char *table = written_table(sql, &len);
    if (table)
        return !cache_table(table, len);
    while (*sql == ' ')
        sql++;
    return strncmp(sql, "SELECT", 6) != 0;
}

/* True when SQL changes rows of a table that pages show. */
static bool writes_loudly(const char *sql)
{
    size_t len;
    const char *table = written_table(sql, &len);
    if (table)
        return !quiet_table(table, len);
    while (*sql == ' ')
        sql++;
    return strncmp(sql, "WITH", 4) == 0; /* a CTE that writes, to be safe */
}

/* The SQL name of a parameter's type a streamed read can pass (see
 * put_placeholder), or NULL. */
static const char *param_type_name(Oid type)
{
    switch (type) {
    case 20: return "bigint";
    case 23: return "integer";
    case 21: return "smallint";
    case 16: return "boolean";
    case 25: return "text";
    case 1043: return "varchar";
    case 1700: return "numeric";
    default: return NULL;
    }
}

/* Writes placeholder N into OUT: $N, or when S is given (a streamed read,
 * whose COPY takes no parameters) the setting its value was put in (see
 * stream_parameters), as the type the server gave the parameter when S
 * was prepared, so that it means what it means there. */
static void put_placeholder(str *out, int n, const struct pg_stmt *s)
{
    if (!s) {
        str_printf(out, "$%d", n);
        return;
    }
    const char *type = n >= 1 && n <= MAX_PARAMS ? param_type_name(s->param_type[n - 1]) : NULL;
    if (n < 1 || n > MAX_PARAMS || s->bound[n - 1] == BOUND_NULL)
        str_printf(out, "CAST(NULL AS %s)", type ? type : "text");
    else
        str_printf(out, "CAST(current_setting('groeipad.p%d') AS %s)", n, type ? type : "text");
}

/* SQL with its '?' and '?N' placeholders written $1.. (or for STREAM, as
 * put_placeholder says), outside quotes, into OUT; the number of parameters, or
 * -1 when there are too many. USED[n - 1] tells whether $n appears (a
 * statement may skip one, as SQLite allows). */
static int number_placeholders(const char *sql, str *out, bool used[MAX_PARAMS],
                               const struct pg_stmt *stream)
{
    int next = 0, most = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            str_putc(out, *p);
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            str_putc(out, *p);
        } else if (*p == '?') {
            int n;
            if (p[1] >= '1' && p[1] <= '9') {
                n = (int)strtol(p + 1, (char **)&p, 10);
                p--;
            } else {
                n = ++next;
            }
            if (n > most)
                most = n;
            if (n >= 1 && n <= MAX_PARAMS)
                used[n - 1] = true;
            put_placeholder(out, n, stream);
        } else {
            str_putc(out, *p);
        }
    }
    return most > MAX_PARAMS ? -1 : most;
}

/* Forgets the rows S was reading. */
static void stmt_reset(pg_stmt *s)
{
    if (s->db->started == s)
        started_join(s->db);
    PQclear(s->early);
    s->early = NULL;
    s->has_early = false;
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    if (s->streamed) {
        if (s->db->streaming == s)
            s->db->streaming = NULL;
        if (!copy_rows_kept_all(s->rows)) /* the reader thread is keeping them */
            started_join(s->db);
        copy_rows_end(s->rows);
        s->streamed = false;
    }
}

#define TEXT_OID 25

/* The parameter whose type the server could not tell (SQLSTATE 42P08 or 42P18,
 * "could not determine data type of parameter $N"), or 0. */
static int indeterminate_parameter(const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *dollar = msg ? strrchr(msg, '$') : NULL;
    if (!state || (strcmp(state, "42P08") != 0 && strcmp(state, "42P18") != 0) || !dollar)
        return 0;
    return atoi(dollar + 1);
}

/* Prepares S (its SQL, nparams and name set) on the server under its name;
 * false when the server refused it (the reason in the connection's error). */
static bool prepare_on_server(pg_store *db, pg_stmt *s)
{
    str text = STR_INIT;
    bool used[MAX_PARAMS] = {false};
    Oid types[MAX_PARAMS] = {0};
    s->nparams = number_placeholders(s->base.sql, &text, used, NULL);
    s->ncolumns = -1;
    if (s->nparams < 0 || text.err) {
        set_error(db, s->nparams < 0 ? "too many parameters in one statement" : "out of memory");
        str_free(&text);
        return false;
    }
    /* The server infers each parameter's type from its use; one that is not
     * used anywhere, or only where nothing tells its type (? IS NULL), is
     * text, as every value we send is. */
    for (int i = 0; i < s->nparams; i++)
        types[i] = used[i] ? 0 : TEXT_OID;
    PGresult *res;
    for (;;) {
        res = PQprepare(conn_of(db), s->name, str_cstr(&text), s->nparams, types);
        int unknown = indeterminate_parameter(res);
        if (unknown < 1 || unknown > s->nparams || types[unknown - 1] == TEXT_OID)
            break;
        types[unknown - 1] = TEXT_OID;
        PQclear(res);
    }
    str_free(&text);
    bool ok = result_is(db, res, PGRES_COMMAND_OK);
    PQclear(res);
    return ok;
}

/* Prepares SQL on the server under a fresh name; a new statement or NULL. */
static pg_stmt *prepare_new(pg_store *db, const char *sql)
{
    pg_stmt *s = calloc(1, sizeof *s);
    if (!s || !stmt_base_init(&s->base, &pg_ops, sql)) {
        free(s);
        set_error(db, "out of memory");
        return NULL;
    }
    s->db = db;
    s->row = -1;
    snprintf(s->name, sizeof s->name, "g%u", db->next_name++);
    if (!prepare_on_server(db, s)) {
        stmt_base_free(&s->base);
        free(s);
        return NULL;
    }
    s->loud = writes_loudly(sql);
    s->durable = writes_durably(sql);
    s->copy_sql = copy_sql_of(sql);
    return s;
}

static stmt *pg_prepare(store *db_, const char *sql)
{
    pg_store *db = (pg_store *)db_;
    str_clear(&db->error);
    if (!connection_back(db))
        return NULL;
    pg_stmt *s = (pg_stmt *)stmt_cache_find(&db->cache, sql);
    if (s) {
        if (!ready_on_server(s))
            return NULL;
        if (s != db->copying)
            stmt_reset(s);
        values_clear(s);
        return &s->base;
    }
    if (bulk_flush(db) != STORE_OK)
        return NULL;
    if (!stmt_cache_reserve(&db->cache)) {
        set_error(db, "out of memory");
        return NULL;
    }
    if (!(s = prepare_new(db, sql)) &&
        !(PQstatus(db->conn) == CONNECTION_BAD && connection_back(db) &&
          (s = prepare_new(db, sql)))) /* its first use met a closed connection */
        return NULL;
    stmt_cache_add(&db->cache, &s->base);
    return &s->base;
}

/* A statement started (pg_start) and bound anew runs again with the new
 * values at its first step: the answer to the old ones is dropped. */
static void forget_start(pg_stmt *s)
{
    if (s->has_early || s->db->started == s || s->streamed)
        stmt_reset(s);
}

static void pg_bind_int(stmt *s_, int idx, int64_t v)
{
    pg_stmt *s = (pg_stmt *)s_;
    forget_start(s);
    if (idx < 1 || idx > s->nparams)
        return;
    s->ints[idx - 1] = v;
    s->bound[idx - 1] = BOUND_INT;
    s->values[idx - 1] = NULL; /* written as text by values_ready, if sent so */
}

/* Bound text is not copied (see store.h). */
static void pg_bind_text(stmt *s_, int idx, const char *text)
{
    pg_stmt *s = (pg_stmt *)s_;
    forget_start(s);
    if (idx >= 1 && idx <= s->nparams) {
        s->values[idx - 1] = text;
        s->bound[idx - 1] = text ? BOUND_TEXT : BOUND_NULL;
    }
}

static void pg_bind_null(stmt *s_, int idx)
{
    pg_bind_text(s_, idx, NULL);
}

static void pg_bind_date(stmt *s_, int idx, date_t d)
{
    pg_stmt *s = (pg_stmt *)s_;
    forget_start(s); /* before its text changes: a reader thread may send it */
    if (idx < 1 || idx > s->nparams)
        return;
    if (d == DATE_NONE) {
        pg_bind_text(s_, idx, NULL);
        return;
    }
    date_format(d, s->text[idx - 1]);
    pg_bind_text(s_, idx, s->text[idx - 1]);
}

/* Writes V in decimal at OUT (at least INT_TEXT_SIZE bytes), NUL-ended;
 * its length. Faster than snprintf, which a bulk load would call millions
 * of times. */
static size_t int_text(int64_t v, char *out)
{
    char digits[INT_TEXT_SIZE];
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    size_t n = 0, len = 0;
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        out[len++] = '-';
    while (n)
        out[len++] = digits[--n];
    out[len] = '\0';
    return len;
}

/* Gives every integer S holds its text, as the server takes parameters. */
static void values_ready(pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++)
        if (s->bound[i] == BOUND_INT) {
            int_text(s->ints[i], s->text[i]);
            s->values[i] = s->text[i];
        }
}

/* Forgets the values bound to S. */
static void values_clear(pg_stmt *s)
{
    memset(s->values, 0, sizeof s->values);
    memset(s->bound, 0, sizeof s->bound);
}

static int answer(pg_stmt *s, PGresult *res);

/* RC, the answer to S, or when S is a read (outside a transaction) that met
 * a closed connection, its answer asked again on a fresh one: the caller
 * never sees the server's restart. */
static int asked_again(pg_stmt *s, int rc)
{
    pg_store *db = s->db;
    if (rc == STORE_ERROR && PQstatus(db->conn) == CONNECTION_BAD && reads_only(s->base.sql) &&
        connection_back(db) && ready_on_server(s))
        rc = answer(s, PQexecPrepared(conn_of(db), s->name, s->nparams, s->values, NULL, NULL, 0));
    return rc;
}

/* Runs S with its bound values; STORE_ROW/STORE_DONE as stmt_step. */
static int run(pg_stmt *s)
{
    pg_store *db = s->db;
    if (bulk_flush(db) != STORE_OK)
        return STORE_ERROR;
    values_ready(s);
    if (!ready_on_server(s)) /* made again since the caller took it */
        return STORE_ERROR;
    return asked_again(s, answer(s, PQexecPrepared(conn_of(db), s->name, s->nparams, s->values,
                                                   NULL, NULL, 0)));
}

/* Takes RES, S's answer: its rows to step through, or its count of changed
 * rows, or its error; STORE_ROW/STORE_DONE as stmt_step. */
static int answer(pg_stmt *s, PGresult *res)
{
    pg_store *db = s->db;
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK) {
        s->res = res;
        s->nrows = PQntuples(res);
        s->row = 0;
        return s->nrows > 0 ? STORE_ROW : (stmt_reset(s), STORE_DONE);
    }
    if (s->durable)
        db->durable_change = true;
    if (status == PGRES_COMMAND_OK) {
        db->changes = strtoll(PQcmdTuples(res), NULL, 10);
        if (s->loud && db->changes > 0)
            db->loud_change = true;
        PQclear(res);
        return STORE_DONE;
    }
    set_error(db, res ? PQresultErrorMessage(res) : PQerrorMessage(conn_of(db)));
    int rc = failure_of(res);
    PQclear(res);
    return rc;
}

/* ---- reads of many rows, streamed (store_prepare_many) ---- */

/* Writes into s->ahead_sql the statement that puts S's bound values (in
 * s->ahead_values, s->ahead_nvalues of them) into the session's settings
 * (see stream_parameters); false when out of memory. */
static bool parameters_sql(pg_stmt *s)
{
    str_clear(&s->ahead_sql);
    str_puts(&s->ahead_sql, "SELECT 1");
    s->ahead_nvalues = 0;
    for (int i = 0; i < s->nparams; i++)
        if (s->bound[i] != BOUND_NULL) {
            str_printf(&s->ahead_sql, ", set_config('groeipad.p%d', $%d, false)", i + 1,
                       s->ahead_nvalues + 1);
            s->ahead_values[s->ahead_nvalues++] = s->values[i];
        }
    if (str_ok(&s->ahead_sql))
        return true;
    set_error(s->db, "out of memory");
    return false;
}

/* Writes into s->ahead_query S's SQL as its COPY reads it (see
 * put_placeholder); false when out of memory. */
static bool copy_query(pg_stmt *s)
{
    bool used[MAX_PARAMS] = {false};
    str_clear(&s->ahead_query);
    number_placeholders(s->base.sql, &s->ahead_query, used, s);
    if (str_ok(&s->ahead_query))
        return true;
    set_error(s->db, "out of memory");
    return false;
}

/* Runs on CONN the statement parameters_sql wrote for S; its answer. The
 * caller's thread, or the reader thread (read_ahead), which holds CONN. */
static PGresult *send_parameters(PGconn *conn, const pg_stmt *s)
{
    return PQexecParams(conn, str_cstr(&s->ahead_sql), s->ahead_nvalues, NULL, s->ahead_values,
                        NULL, NULL, 0);
}

/* Puts the values bound to S into the session's settings groeipad.p1..,
 * where its COPY reads them (see put_placeholder): a COPY takes no
 * parameters, and a value is never written into SQL. STORE_OK or
 * STORE_ERROR. */
static int stream_parameters(pg_stmt *s)
{
    if (!parameters_sql(s))
        return STORE_ERROR;
    if (s->ahead_nvalues == 0)
        return STORE_OK;
    PGresult *res = send_parameters(conn_of(s->db), s);
    int rc = result_is(s->db, res, PGRES_TUPLES_OK) ? STORE_OK : STORE_ERROR;
    PQclear(res);
    return rc;
}

/* Learns the types of S's columns (once after it is prepared), so that
 * its rows can come in binary form; STORE_OK or STORE_ERROR. */
static int stream_types(pg_stmt *s)
{
    if (s->ncolumns >= 0)
        return STORE_OK;
    PGresult *res = PQdescribePrepared(conn_of(s->db), s->name);
    if (!result_is(s->db, res, PGRES_COMMAND_OK)) {
        PQclear(res);
        return STORE_ERROR;
    }
    s->ncolumns = PQnfields(res);
    for (int i = 0; i < s->ncolumns && i < COPY_ROWS_MAX_COLUMNS; i++)
        s->column_type[i] = PQftype(res, i);
    for (int i = 0; i < s->nparams && i < PQnparams(res); i++)
        s->param_type[i] = PQparamtype(res, i);
    PQclear(res);
    return STORE_OK;
}

/* Gives S the memory its rows are read into, once; false when there is
 * none. */
static bool rows_made(pg_stmt *s)
{
    if (s->rows)
        return true;
    if (!(s->rows = malloc(sizeof *s->rows)) || !copy_rows_init(s->rows)) {
        free(s->rows);
        s->rows = NULL;
        set_error(s->db, "out of memory");
        return false;
    }
    return true;
}

/* Starts the COPY of S's rows, its values bound; STORE_OK or STORE_ERROR. */
static int stream_send(pg_stmt *s)
{
    pg_store *db = s->db;
    if (!rows_made(s))
        return STORE_ERROR;
    if (!ready_on_server(s) || stream_types(s) != STORE_OK || stream_parameters(s) != STORE_OK ||
        !copy_query(s))
        return STORE_ERROR;
    int rc = copy_rows_begin(s->rows, conn_of(db), str_cstr(&s->ahead_query), s->column_type,
                             s->ncolumns);
    if (rc != STORE_OK) {
        set_error(db, str_cstr(&s->rows->error));
        return STORE_ERROR;
    }
    s->streamed = true;
    db->streaming = s;
    return STORE_OK;
}

/* The next row of S's COPY, as stmt_step answers. */
static int stream_next(pg_stmt *s)
{
    int rc = copy_rows_next(s->rows);
    if (rc == STORE_ROW)
        return STORE_ROW;
    if (rc == STORE_ERROR)
        set_error(s->db, str_cstr(&s->rows->error));
    stmt_reset(s);
    return rc;
}

/* Runs S, a read marked by store_prepare_many, as a COPY of its rows; its
 * first row as stmt_step answers. A read that meets a closed connection is
 * sent again on a fresh one, as run does. */
static int stream_run(pg_stmt *s)
{
    pg_store *db = s->db;
    if (bulk_flush(db) != STORE_OK)
        return STORE_ERROR;
    values_ready(s);
    int rc = stream_send(s);
    if (rc != STORE_OK && PQstatus(db->conn) == CONNECTION_BAD && reads_only(s->base.sql) &&
        connection_back(db))
        rc = stream_send(s);
    return rc == STORE_OK ? stream_next(s) : rc;
}

static int pg_step(stmt *s_)
{
    pg_stmt *s = (pg_stmt *)s_;
    if (s->streamed) /* kept, or being kept by the reader thread: read as they come */
        return stream_next(s);
    if (!s->res && s->db->started == s)
        started_join(s->db);
    if (s->many)
        return stream_run(s);
    if (!s->res && s->has_early) {
        PGresult *res = s->early;
        s->early = NULL;
        s->has_early = false;
        return asked_again(s, answer(s, res));
    }
    if (!s->res)
        return run(s);
    if (++s->row < s->nrows)
        return STORE_ROW;
    stmt_reset(s);
    return STORE_DONE;
}

/* The reader thread's work for a read started while another streamed
 * read's rows were still coming (start_ahead): the rest of those, as the
 * caller reads them, then this one's COPY, its rows kept as they come. It
 * uses the connection alone: the caller touches it only after joining
 * (conn_of), and reads both statements' rows from their memory. */
static void read_ahead(pg_store *db)
{
    pg_stmt *first = db->ahead_of, *s = db->started;
    copy_rows_keep(first->rows);
    if (s->ahead_nvalues > 0) {
        PGresult *res = send_parameters(db->conn, s);
        if (!res || PQresultStatus(res) != PGRES_TUPLES_OK)
            copy_rows_fail(s->rows, res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn));
        PQclear(res);
    }
    if (!s->rows->failed)
        copy_rows_begin(s->rows, db->conn, str_cstr(&s->ahead_query), s->column_type,
                        s->ncolumns);
    copy_rows_keep(s->rows); /* after a failure: only says the rows are all there */
}

/* Starts S (pg_start of a read of many rows) while the rows of the streamed
 * read in progress are still coming: a thread reads the rest of them, then
 * sends S's COPY and reads its rows, while the caller goes through the
 * first read's rows as they come and then S's. The server thus makes S's
 * rows while the caller works on the first ones, and is never kept waiting
 * for the caller (10 to 25 % of a report of 100,000 people). False when S
 * needs the connection first (prepared again, or its columns not yet
 * known): then it starts as without a read in progress. */
static bool start_ahead(pg_stmt *s)
{
    pg_store *db = s->db;
    pg_stmt *first = db->streaming;
    if (s->unprepared || s->ncolumns < 0 || !rows_made(s) || !parameters_sql(s) ||
        !copy_query(s))
        return false;
    copy_rows_share(first->rows);
    copy_rows_share(s->rows);
    s->streamed = true;
    db->streaming = NULL;
    db->ahead_of = first;
    db->started = s;
    if (pthread_create(&db->reader, NULL, read_started, db) != 0) {
        read_started(db); /* no thread: all of it here, then read */
        db->started = NULL;
        db->ahead_of = NULL;
    }
    return true;
}

/* pg_start of S, a read of many rows: its COPY is sent now and its rows
 * read into its memory by a thread of their own. Rows of another streamed
 * read still to come are read into that one's memory first (conn_of). */
static int start_stream(pg_stmt *s)
{
    pg_store *db = s->db;
    if (db->streaming && start_ahead(s))
        return STORE_OK;
    if (stream_send(s) != STORE_OK) {
        if (PQstatus(db->conn) == CONNECTION_BAD && reads_only(s->base.sql))
            return STORE_OK; /* not started: its first step asks on a fresh connection */
        return STORE_ERROR;
    }
    copy_rows_share(s->rows); /* read as the thread keeps them */
    db->streaming = NULL;
    db->started = s;
    if (pthread_create(&db->reader, NULL, read_started, db) != 0) {
        db->started = NULL; /* no thread: read here */
        copy_rows_keep(s->rows);
    }
    return STORE_OK;
}

/* Sends S (a read, its values bound) now, and reads its answer in a thread
 * of its own while the caller reads the rows of another statement: the
 * server makes S's rows meanwhile instead of after. Its first pg_step takes
 * the answer; any other use of the connection waits for it first (conn_of).
 * Outside a bulk load and with nothing else in flight only; else S simply
 * runs at its first step. */
static int pg_start(stmt *s_)
{
    pg_stmt *s = (pg_stmt *)s_;
    pg_store *db = s->db;
    stmt_reset(s); /* rows or an answer not taken belong to an earlier run */
    /* (the connection itself, not conn_of: a streamed read in progress
     * stays so for start_ahead) */
    if (db->started || db->bulk || db->copying || db->pipelined ||
        PQpipelineStatus(db->conn) != PQ_PIPELINE_OFF)
        return STORE_OK;
    values_ready(s);
    if (s->many)
        return start_stream(s);
    if (PQsendQueryPrepared(conn_of(db), s->name, s->nparams, s->values, NULL, NULL, 0) != 1) {
        if (PQstatus(db->conn) == CONNECTION_BAD && reads_only(s->base.sql))
            return STORE_OK; /* not started: its first step asks on a fresh connection */
        set_error(db, PQerrorMessage(db->conn));
        return STORE_ERROR;
    }
    db->started = s;
    if (pthread_create(&db->reader, NULL, read_started, db) != 0) {
        /* No thread: read the answer here; it waits for the first step. */
        db->started = NULL;
        read_started(db);
        s->early = db->started_answer;
        s->has_early = true;
        db->started_answer = NULL;
    }
    return STORE_OK;
}

/* Sends S in pipeline mode, its result read later (pipeline_finish): many
 * small writes then cost one round trip per thousand, not one each. */
static int send_pipelined(pg_stmt *s)
{
    pg_store *db = s->db;
    if (db->copying && bulk_flush(db) != STORE_OK)
        return STORE_ERROR;
    if (PQpipelineStatus(conn_of(db)) == PQ_PIPELINE_OFF && PQenterPipelineMode(conn_of(db)) != 1) {
        set_error(db, PQerrorMessage(conn_of(db)));
        return STORE_ERROR;
    }
    values_ready(s);
    if (PQsendQueryPrepared(conn_of(db), s->name, s->nparams, s->values, NULL, NULL, 0) != 1) {
        set_error(db, PQerrorMessage(conn_of(db)));
        return STORE_ERROR;
    }
    values_clear(s);
    if (s->loud)
        db->loud_change = true;
    db->durable_change = true;
    /* Bounded: the server's answers wait in the socket meanwhile. */
    if (++db->pipelined >= 1000)
        return pipeline_finish(db);
    return STORE_OK;
}

static bool table_name_ok(const char *name);

/* The tables whose primary key a load into them, when empty, also builds at
 * the end, with the foreign keys that point at it: the load gives each key
 * once (ids of ours; one sum per key), and nothing finds their rows by key
 * before the COPY ends, when the key is built again (bulk_flush). Growing
 * the key row by row took 0.39 s of a COPY of 1,000,000 records; building
 * it afterwards takes 0.13 s. Other tables keep theirs: an import looks rows
 * up by id after adding them. */
static bool key_built_after(const char *table)
{
    return strcmp(table, "learning_records") == 0 || strcmp(table, "learning_totals") == 0;
}

/* Takes at once the locks that dropping a key (rows of RES with o 0 and 2:
 * its table, then those whose foreign keys point at it) needs, or none:
 * without NOWAIT the import would take them one by one, and a request that
 * holds one of those tables and then writes to the key's table (confirming a
 * claim reads learning_claims, then adds to learning_records) would make a
 * deadlock. 1 when taken; 0 when one is held by another transaction (the
 * key then stays, as on any table; the server logs that the lock was not
 * obtained); -1 with the store's error when the transaction failed. */
static int lock_key_tables(pg_store *db, const PGresult *res)
{
    str sql = STR_INIT;
    str_puts(&sql, "LOCK TABLE ");
    const char *sep = "";
    for (int i = 0; i < PQntuples(res); i++)
        if (!PQgetisnull(res, i, 3)) {
            str_printf(&sql, "%s%s", sep, PQgetvalue(res, i, 3));
            sep = ", ";
        }
    str_puts(&sql, " IN ACCESS EXCLUSIVE MODE NOWAIT");
    if (!str_ok(&sql)) {
        str_free(&sql);
        return 0;
    }
    /* The savepoint keeps the transaction alive when the LOCK fails. */
    if (exec_sql(db, "SAVEPOINT groeipad_keys") != STORE_OK) {
        str_free(&sql);
        return -1;
    }
    PGresult *locked = PQexec(conn_of(db), str_cstr(&sql));
    str_free(&sql);
    bool ok = PQresultStatus(locked) == PGRES_COMMAND_OK;
    PQclear(locked);
    if (!ok && exec_sql(db, "ROLLBACK TO SAVEPOINT groeipad_keys") != STORE_OK)
        return -1;
    return exec_sql(db, "RELEASE SAVEPOINT groeipad_keys") == STORE_OK ? ok : -1;
}

/* A bulk load into an empty table builds its secondary indexes once at the
 * end, which is several times faster than growing them row by row: they are
 * dropped here, inside the load's transaction, and made again by pg_commit
 * (a rollback brings them back by itself). Unique indexes stay: they keep
 * their constraint; so does the primary key, except of key_built_after's
 * tables. What is made again is kept in order: the key, the indexes, then
 * the foreign keys that need the key (dropped with it, by CASCADE; adding
 * them again checks every row that points at the table). A dropped key
 * comes back as soon as the COPY ends (bulk_flush), the rest at the
 * commit. */
static int defer_indexes(pg_store *db, const char *table)
{
    if (!*table || PQtransactionStatus(conn_of(db)) != PQTRANS_INTRANS)
        return STORE_OK;
    const char *key = key_built_after(table) ? "true" : "false";
    str sql = STR_INIT;
    str_printf(&sql,
               "SELECT o, drop_sql, make_sql, rel FROM ("
               "SELECT 0 AS o, 'ALTER TABLE %s DROP CONSTRAINT ' || quote_ident(conname) || "
               "' CASCADE' AS drop_sql, 'ALTER TABLE %s ADD CONSTRAINT ' || quote_ident(conname) "
               "|| ' ' || pg_get_constraintdef(oid) AS make_sql, '%s' AS rel FROM pg_constraint "
               "WHERE %s AND conrelid = '%s'::regclass AND contype = 'p' "
               "UNION ALL SELECT 1, 'DROP INDEX ' || quote_ident(indexname), indexdef, NULL "
               "FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '%s' "
               "AND indexdef NOT LIKE 'CREATE UNIQUE%%' "
               "UNION ALL SELECT 2, NULL, 'ALTER TABLE ' || conrelid::regclass || "
               "' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid), "
               "conrelid::regclass::text FROM pg_constraint WHERE %s AND confrelid = "
               "'%s'::regclass AND contype = 'f'"
               ") AS d WHERE NOT EXISTS (SELECT 1 FROM %s) ORDER BY o",
               table, table, table, key, table, table, key, table, table);
    PGresult *res = str_ok(&sql) ? PQexec(conn_of(db), str_cstr(&sql)) : NULL;
    str_free(&sql);
    int rc = result_is(db, res, PGRES_TUPLES_OK) ? STORE_OK : STORE_ERROR;
    /* The key's rows come first (o 0), the foreign keys' last (o 2). */
    bool with_key =
        rc == STORE_OK && PQntuples(res) > 0 && strcmp(PQgetvalue(res, 0, 0), "0") == 0;
    if (with_key) {
        int locked = lock_key_tables(db, res);
        with_key = locked == 1;
        if (locked < 0)
            rc = STORE_ERROR;
    }
    for (int i = 0; rc == STORE_OK && i < PQntuples(res); i++) {
        if (!with_key && strcmp(PQgetvalue(res, i, 0), "1") != 0)
            continue;
        if (!PQgetisnull(res, i, 1))
            rc = exec_sql(db, PQgetvalue(res, i, 1));
        str_printf(&db->deferred, "%s;", PQgetvalue(res, i, 2));
    }
    db->key_deferred = rc == STORE_OK && with_key;
    PQclear(res);
    return rc == STORE_OK && !str_ok(&db->deferred) ? STORE_ERROR : rc;
}

/* Makes the indexes defer_indexes dropped again, then the foreign keys
 * pg_deleting_many dropped (they may need a key among the first). */
static int restore_indexes(pg_store *db)
{
    if (db->deferred.len == 0 && db->deferred_fks.len == 0)
        return STORE_OK;
    /* An index of millions of rows sorts in memory rather than on disk
     * (PostgreSQL's default is 64 MB); for this transaction only. */
    int rc = exec_sql(db, "SET LOCAL maintenance_work_mem TO '" PG_INDEX_BUILD_MEMORY "'");
    if (rc == STORE_OK && db->deferred.len)
        rc = exec_sql(db, str_cstr(&db->deferred));
    if (rc == STORE_OK && db->deferred_fks.len && !db->key_deferred)
        rc = exec_sql(db, str_cstr(&db->deferred_fks));
    str_clear(&db->deferred);
    if (!db->key_deferred)
        str_clear(&db->deferred_fks);
    return rc;
}

/* See store_deleting_many. The foreign keys that point at TABLE fire a
 * check for every deleted row (a DELETE of 1,500,000 records took 52 s for
 * its ten foreign keys, 3 to 7 s each); dropped inside the transaction and
 * added again at its end, each is checked by one join. A rollback brings
 * them back by itself. */
static int pg_deleting_many(store *db_, const char *table)
{
    pg_store *db = (pg_store *)db_;
    if (!table_name_ok(table) || PQtransactionStatus(conn_of(db)) != PQTRANS_INTRANS)
        return STORE_OK;
    str sql = STR_INIT;
    /* the layout of defer_indexes' rows, for lock_key_tables: o, drop, make, rel */
    str_printf(&sql,
               "SELECT 2, 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || "
               "quote_ident(conname), 'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' "
               "|| quote_ident(conname) || ' ' || pg_get_constraintdef(oid), "
               "conrelid::regclass::text FROM pg_constraint WHERE confrelid = '%s'::regclass AND "
               "contype = 'f' UNION ALL SELECT 0, NULL, NULL, '%s' ORDER BY 1",
               table, table);
    PGresult *res = str_ok(&sql) ? PQexec(conn_of(db), str_cstr(&sql)) : NULL;
    str_free(&sql);
    int rc = result_is(db, res, PGRES_TUPLES_OK) ? STORE_OK : STORE_ERROR;
    int locked = rc == STORE_OK && PQntuples(res) > 1 ? lock_key_tables(db, res) : 0;
    if (locked < 0)
        rc = STORE_ERROR;
    for (int i = 0; rc == STORE_OK && locked == 1 && i < PQntuples(res); i++) {
        if (PQgetisnull(res, i, 1))
            continue;
        rc = exec_sql(db, PQgetvalue(res, i, 1));
        str_printf(&db->deferred_fks, "%s;", PQgetvalue(res, i, 2));
    }
    PQclear(res);
    return rc == STORE_OK && !str_ok(&db->deferred_fks) ? STORE_ERROR : rc;
}

#define INT8_OID 20

/* Runs SQL (made by us from checked names) that answers one row; the answer
 * or NULL with the store's error. */
static PGresult *query_row(pg_store *db, const str *sql)
{
    PGresult *res = str_ok(sql) ? PQexec(conn_of(db), str_cstr(sql)) : NULL;
    if (!result_is(db, res, PGRES_TUPLES_OK) || PQntuples(res) != 1) {
        if (res && PQresultStatus(res) == PGRES_TUPLES_OK)
            set_error(db, "unexpected answer from PostgreSQL");
        PQclear(res);
        return NULL;
    }
    return res;
}

/* Finds how S's rows travel (copy_plan) from the types of its columns and
 * whether its table has an identity id it leaves out. */
static int plan_copy(pg_store *db, pg_stmt *s)
{
    copy_plan *plan = calloc(1, sizeof *plan);
    if (!plan) {
        set_error(db, "out of memory");
        return STORE_ERROR;
    }
    s->plan = plan;
    const char *target = s->copy_sql + 5; /* "COPY t(cols) FROM STDIN" */
    const char *open = strchr(target, '('), *close = open ? strchr(open, ')') : NULL;
    size_t n = open ? (size_t)(open - target) : 0;
    if (!close || n == 0 || n >= sizeof plan->table)
        return STORE_OK;
    memcpy(plan->table, target, n);
    plan->table[n] = '\0';
    if (!table_name_ok(plan->table)) {
        plan->table[0] = '\0';
        return STORE_OK;
    }
    /* The columns' types, and whether the table has an identity "id" that
     * the statement leaves to its default. */
    str sql = STR_INIT;
    str_printf(&sql, "SELECT %.*s, (SELECT count(*) FROM pg_attribute WHERE attrelid = "
                     "'%s'::regclass AND attname = 'id' AND attidentity <> '' AND NOT "
                     "attisdropped) FROM (SELECT 1) AS one LEFT JOIN %s ON false",
               (int)(close - open - 1), open + 1, plan->table, plan->table);
    PGresult *res = query_row(db, &sql);
    str_free(&sql);
    if (!res)
        return STORE_ERROR;
    int ncols = PQnfields(res) - 1;
    plan->binary = ncols == s->nparams;
    bool has_id = false;
    for (int i = 0; i < ncols && i < MAX_PARAMS; i++) {
        Oid type = PQftype(res, i);
        plan->int_col[i] = type == INT8_OID;
        if (type != INT8_OID && type != TEXT_OID)
            plan->binary = false;
        if (strcmp(PQfname(res, i), "id") == 0)
            has_id = true;
    }
    plan->ids = plan->binary && !has_id && strcmp(PQgetvalue(res, 0, ncols), "1") == 0;
    PQclear(res);
    return STORE_OK;
}

/* Moves the sequence of the table the COPY just ended numbered past the ids
 * it gave, so that a later INSERT's default follows them. */
static int ids_end(pg_store *db)
{
    if (db->next_id <= 0)
        return STORE_OK;
    str sql = STR_INIT;
    str_printf(&sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), %lld)", db->ids_table,
               (long long)db->next_id - 1);
    db->next_id = 0;
    PGresult *res = query_row(db, &sql);
    str_free(&sql);
    PQclear(res);
    return res ? STORE_OK : STORE_ERROR;
}

/* Starts giving ids to the rows of PLAN's table in the COPY about to begin:
 * locks the table against other writers until the commit (as a SQLite write
 * transaction would), and starts past its largest id and its sequence's
 * last value. Does nothing outside a transaction (nothing would hold the
 * lock) or for a table without an identity id. */
static int ids_begin(pg_store *db, const copy_plan *plan)
{
    db->next_id = 0;
    if (!plan->ids || PQtransactionStatus(conn_of(db)) != PQTRANS_INTRANS)
        return STORE_OK;
    str sql = STR_INIT;
    str_printf(&sql, "LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE; SELECT GREATEST((SELECT "
                     "coalesce(max(id), 0) FROM %s), coalesce(pg_sequence_last_value("
                     "pg_get_serial_sequence('%s', 'id')::regclass), 0)) + 1",
               plan->table, plan->table, plan->table);
    PGresult *res = query_row(db, &sql);
    str_free(&sql);
    if (!res)
        return STORE_ERROR;
    db->next_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    snprintf(db->ids_table, sizeof db->ids_table, "%s", plan->table);
    return db->next_id > 0 ? STORE_OK : STORE_ERROR;
}

/* The header of a binary COPY: its signature, no flags, no extension. */
static const char copy_binary_header[19] = "PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

/* Starts the COPY that takes S's rows (the previous one has ended). */
static int copy_begin(pg_store *db, pg_stmt *s)
{
    if (!s->plan && plan_copy(db, s) != STORE_OK)
        return STORE_ERROR;
    const copy_plan *plan = s->plan;
    if (defer_indexes(db, plan->table) != STORE_OK || ids_begin(db, plan) != STORE_OK)
        return STORE_ERROR;
    bool ids = db->next_id > 0;
    str sql = STR_INIT;
    const char *cols = strchr(s->copy_sql, '(');
    if (ids)
        str_printf(&sql, "COPY %s(id, %s", plan->table, cols + 1);
    else
        str_puts(&sql, s->copy_sql);
    if (plan->binary)
        str_puts(&sql, " (FORMAT binary)");
    PGresult *res = str_ok(&sql) ? PQexec(conn_of(db), str_cstr(&sql)) : NULL;
    str_free(&sql);
    bool ok = result_is(db, res, PGRES_COPY_IN);
    PQclear(res);
    if (!ok)
        return STORE_ERROR;
    db->copying = s;
    db->copy_binary = plan->binary;
    db->loud_change = true;
    db->durable_change = true;
    if (plan->binary)
        str_append(&db->copy_buf, copy_binary_header, sizeof copy_binary_header);
    return STORE_OK;
}

/* Writes V's N low bytes at P, most significant first (COPY's order). */
static char *put_be(char *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--)
        *p++ = (char)(v >> (8 * i));
    return p;
}

/* Reads TEXT whole as an integer into *V; false when it is not one. */
static bool text_int(const char *text, int64_t *v)
{
    char *end;
    errno = 0;
    long long x = strtoll(text, &end, 10);
    *v = x;
    return *text && !*end && errno == 0;
}

/* Appends S's bound row to the binary COPY (with the next id when the rows
 * are numbered by us). */
static int copy_row_binary(pg_store *db, pg_stmt *s)
{
    const copy_plan *plan = s->plan;
    bool ids = db->next_id > 0;
    char ints[MAX_PARAMS][INT_TEXT_SIZE];
    size_t lens[MAX_PARAMS];
    size_t need = 2 + (ids ? 12 : 0);
    for (int i = 0; i < s->nparams; i++) {
        if (s->bound[i] == BOUND_NULL)
            lens[i] = 0;
        else if (plan->int_col[i])
            lens[i] = 8;
        else if (s->bound[i] == BOUND_INT)
            lens[i] = int_text(s->ints[i], ints[i]);
        else
            lens[i] = strlen(s->values[i]);
        need += 4 + lens[i];
    }
    str *buf = &db->copy_buf;
    if (!str_reserve(buf, need)) {
        set_error(db, "out of memory");
        return STORE_ERROR;
    }
    char *p = put_be(buf->p + buf->len, (uint64_t)(s->nparams + (ids ? 1 : 0)), 2);
    if (ids) {
        p = put_be(p, 8, 4);
        p = put_be(p, (uint64_t)db->next_id++, 8);
    }
    for (int i = 0; i < s->nparams; i++) {
        int64_t v = s->ints[i];
        if (s->bound[i] == BOUND_NULL) {
            p = put_be(p, 0xffffffffu, 4);
        } else if (plan->int_col[i]) {
            if (s->bound[i] == BOUND_TEXT && !text_int(s->values[i], &v)) {
                set_error(db, "a number was expected");
                return STORE_ERROR;
            }
            p = put_be(put_be(p, 8, 4), (uint64_t)v, 8);
        } else {
            p = put_be(p, lens[i], 4);
            memcpy(p, s->bound[i] == BOUND_INT ? ints[i] : s->values[i], lens[i]);
            p += lens[i];
        }
    }
    buf->len = (size_t)(p - buf->p);
    buf->p[buf->len] = '\0';
    return STORE_OK;
}

/* Appends S's bound row to the COPY in its text form. */
static int copy_row_text(pg_store *db, pg_stmt *s)
{
    char digits[INT_TEXT_SIZE];
    for (int i = 0; i < s->nparams; i++) {
        if (i)
            str_putc(&db->copy_buf, '\t');
        if (s->bound[i] == BOUND_INT)
            str_append(&db->copy_buf, digits, int_text(s->ints[i], digits));
        else if (s->bound[i] == BOUND_TEXT)
            copy_escape(&db->copy_buf, s->values[i]);
        else
            str_puts(&db->copy_buf, "\\N");
    }
    str_putc(&db->copy_buf, '\n');
    return STORE_OK;
}

/* During a bulk load a plain INSERT's row joins the COPY of its table, and
 * any other write is pipelined. */
static int pg_exec_bulk(stmt *s_)
{
    pg_stmt *s = (pg_stmt *)s_;
    pg_store *db = s->db;
    if (!db->bulk)
        return stmt_exec(s_);
    if (!s->copy_sql)
        return send_pipelined(s);
    if (db->copying != s && (bulk_flush(db) != STORE_OK || copy_begin(db, s) != STORE_OK))
        return STORE_ERROR;
    int rc = db->copy_binary ? copy_row_binary(db, s) : copy_row_text(db, s);
    values_clear(s);
    if (rc != STORE_OK)
        return rc;
    if (db->copy_buf.len >= COPY_FLUSH_BYTES || db->copy_buf.err)
        return copy_send(db);
    return STORE_OK;
}

/* The text of column COL of S's current row ("" for NULL, as libpq gives
 * it), or NULL when S has no row or no such column; *IS_NULL tells NULL. */
static const char *value_at(pg_stmt *s, int col, bool *is_null)
{
    *is_null = true;
    if (s->streamed) {
        const char *text = copy_rows_text(s->rows, col);
        *is_null = !text || s->rows->null[col];
        return text;
    }
    if (!s->res || col < 0 || col >= PQnfields(s->res))
        return NULL;
    *is_null = PQgetisnull(s->res, s->row, col);
    return PQgetvalue(s->res, s->row, col);
}

/* The integer a column's text holds. A report reads a million of them, so
 * the plain decimal form the server sends is read here digit by digit;
 * anything else (a boolean, a long or odd number) goes to strtoll. NULL
 * (an empty value) reads as 0, as on SQLite. */
static int64_t pg_column_int(stmt *s_, int col)
{
    pg_stmt *s = (pg_stmt *)s_;
    if (s->streamed && col >= 0 && col < s->rows->nfields && s->rows->is_int[col])
        return s->rows->number[col]; /* came in binary form */
    bool is_null;
    const char *v = value_at(s, col, &is_null);
    if (!v)
        return 0; /* as SQLite answers a column that is not there */
    if (v[0] == 't' && v[1] == '\0')
        return 1; /* PostgreSQL answers booleans as t and f; SQLite's are 1 and 0 */
    const char *p = v + (v[0] == '-');
    int64_t x = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 18)
        x = x * 10 + (*p++ - '0'), digits++;
    if (*p == '\0')
        return v[0] == '-' ? -x : x;
    return strtoll(v, NULL, 10);
}

static const char *pg_column_text(stmt *s_, int col)
{
    bool is_null;
    const char *v = value_at((pg_stmt *)s_, col, &is_null);
    return v ? v : "";
}

static bool pg_column_null(stmt *s_, int col)
{
    bool is_null;
    value_at((pg_stmt *)s_, col, &is_null);
    return is_null;
}

/* Marks S (store_prepare_many) when it can stream: a read of no more
 * columns than a COPY's row is read into, whose parameters are of types
 * put_placeholder can pass. Otherwise, and when the server cannot describe
 * it (its first step then says why), it stays an ordinary read. */
static void pg_many_rows(stmt *s_)
{
    pg_stmt *s = (pg_stmt *)s_;
    s->many = false;
    if (!reads_only(s->base.sql) || stream_types(s) != STORE_OK || s->ncolumns < 1 ||
        s->ncolumns > COPY_ROWS_MAX_COLUMNS)
        return;
    for (int i = 0; i < s->nparams; i++)
        if (!param_type_name(s->param_type[i]))
            return;
    s->many = true;
}

static void pg_done(stmt *s_)
{
    stmt_reset((pg_stmt *)s_);
}

static int64_t pg_last_id(store *db_)
{
    pg_store *db = (pg_store *)db_;
    /* A COPY in progress whose rows we number: the last statement was its
     * row (any other would have ended it), whose id we gave. */
    if (db->copying && db->next_id > 0)
        return db->next_id - 1;
    if (bulk_flush(db) != STORE_OK)
        return -1;
    PGresult *res = PQexec(conn_of(db), "SELECT lastval()");
    int64_t id = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1
                     ? strtoll(PQgetvalue(res, 0, 0), NULL, 10)
                     : -1;
    PQclear(res);
    return id;
}

static int pg_changes(store *db_)
{
    return (int)((pg_store *)db_)->changes;
}

/* ---- migrations ---- */

/* True (1) when migration VERSION is in the schema's schema_migrations. */
static int has_migration(pg_store *db, int version)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM schema_migrations WHERE version = %d", version);
    PGresult *res = PQexec(conn_of(db), sql);
    int there = PQresultStatus(res) == PGRES_TUPLES_OK ? atoi(PQgetvalue(res, 0, 0)) > 0 : -1;
    PQclear(res);
    return there;
}

static int applied_version(pg_store *db)
{
    PGresult *res = PQexec(conn_of(db), "SELECT coalesce(max(version), 0) FROM schema_migrations");
    int version = PQresultStatus(res) == PGRES_TUPLES_OK ? atoi(PQgetvalue(res, 0, 0)) : 0;
    PQclear(res);
    return version;
}

static int pg_schema_version(store *db_)
{
    pg_store *db = (pg_store *)db_;
    if (bulk_flush(db) != STORE_OK)
        return 0;
    /* Without the table (a schema registered, not yet made) 0, asked first
     * rather than failing: the mail sender asks every 30 s of every
     * organisation, and each failure is a line in the server's log. */
    return answers_true(db, "SELECT to_regclass('schema_migrations') IS NOT NULL")
               ? applied_version(db) : 0;
}

/* Applies the MIGRATIONS newer than the schema's, each in its own
 * transaction with its line in schema_migrations; an advisory lock keeps two
 * processes from migrating one schema at once. */
/* True when every one of MIGRATIONS is among the versions in RES's rows
 * whose column 0 is SCHEMA (column 1: the version). */
static bool versions_hold(const PGresult *res, const char *schema,
                          const struct embedded_file *migrations)
{
    bool all = true;
    for (const struct embedded_file *m = migrations; all && m->name; m++) {
        int version = atoi(m->name);
        bool found = false;
        for (int i = 0; !found && i < PQntuples(res); i++)
            found = strcmp(PQgetvalue(res, i, 0), schema) == 0 &&
                    atoi(PQgetvalue(res, i, 1)) == version;
        all = found;
    }
    /* One this build does not know: the long way says why it stops. */
    int newest = schema_newest(migrations);
    for (int i = 0; all && i < PQntuples(res); i++)
        all = strcmp(PQgetvalue(res, i, 0), schema) != 0 || atoi(PQgetvalue(res, i, 1)) <= newest;
    return all;
}

/* True when every one of MIGRATIONS is in the schema's schema_migrations
 * (which exists): one round trip, so that opening an organisation that is
 * up to date costs no transaction per migration. */
static bool all_applied(pg_store *db, const struct embedded_file *migrations)
{
    PGresult *res = PQexec(conn_of(db), "SELECT '', version FROM schema_migrations");
    bool all = PQresultStatus(res) == PGRES_TUPLES_OK && versions_hold(res, "", migrations);
    PQclear(res); /* when it failed, apply_migrations says why */
    return all;
}

/* True when the registry and, for an organisation's connection, its schema
 * hold every migration already: the usual case, which every command meets
 * first. Two round trips that only read, so that a user whose role may read
 * but not make schemas or tables can run reports (making sure of each
 * schema and table the long way takes seven, and CREATE ... IF NOT EXISTS
 * asks for the right to create first). False when anything is missing or
 * not clear: the long way then decides and says why. */
static bool all_up_to_date(pg_store *db)
{
    if (PQtransactionStatus(conn_of(db)) != PQTRANS_IDLE)
        return false;
    str sql = STR_INIT;
    /* The slug was checked at pg_open: only a-z, 0-9 and _ reach this SQL. */
    str_puts(&sql, "SELECT to_regclass('registry.schema_migrations') IS NOT NULL");
    if (db->org)
        str_printf(&sql, " AND to_regclass('org_%s.schema_migrations') IS NOT NULL", db->org);
    bool made = !sql.err && answers_true(db, str_cstr(&sql));
    str_clear(&sql);
    str_puts(&sql, "SELECT 'registry', version FROM registry.schema_migrations");
    if (db->org)
        str_printf(&sql, " UNION ALL SELECT 'org', version FROM org_%s.schema_migrations",
                   db->org);
    PGresult *res = made && !sql.err ? PQexec(conn_of(db), str_cstr(&sql)) : NULL;
    bool all = PQresultStatus(res) == PGRES_TUPLES_OK &&
               versions_hold(res, "registry", embedded_registry_migrations) &&
               (!db->org || versions_hold(res, "org", embedded_pg_migrations));
    PQclear(res);
    str_free(&sql);
    return all;
}

static int apply_migrations(pg_store *db, const struct embedded_file *migrations,
                            int *applied)
{
    if (exec_sql(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY "
                     "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)") != STORE_OK)
        return STORE_ERROR;
    str what = STR_INIT, newer = STR_INIT;
    if (db->org && migrations == embedded_pg_migrations)
        str_printf(&what, "organisation %s", db->org);
    else
        str_puts(&what, "the site's registry");
    bool too_new = schema_too_new(migrations, applied_version(db), str_cstr(&what), &newer);
    if (too_new)
        set_error(db, newer.err ? "out of memory" : str_cstr(&newer));
    str_free(&what);
    str_free(&newer);
    if (too_new)
        return STORE_CONSTRAINT;
    if (all_applied(db, migrations))
        return STORE_OK;
    for (const struct embedded_file *m = migrations; m->name; m++) {
        int version = atoi(m->name);
        if (pg_begin(&db->base) != STORE_OK ||
            exec_sql(db, "SELECT pg_advisory_xact_lock(hashtext(current_schema()))") != STORE_OK)
            return STORE_ERROR;
        /* Each migration not yet applied, whatever the newest applied one. */
        int there = has_migration(db, version);
        if (there != 0) {
            pg_rollback(&db->base);
            if (there < 0)
                return STORE_ERROR;
            continue;
        }
        if (exec_sql(db, (const char *)m->data) != STORE_OK) {
            str msg = STR_INIT;
            str_printf(&msg, "migration %s: %s", m->name, str_cstr(&db->error));
            set_error(db, str_cstr(&msg));
            str_free(&msg);
            pg_rollback(&db->base);
            return STORE_ERROR;
        }
        stmt *s = store_prepare(&db->base, "INSERT INTO schema_migrations(version, name, "
                                           "applied_at) VALUES (?, ?, ?)");
        char now[TIME_TEXT_SIZE];
        time_text(TIME_STAMP, 0, now);
        if (s) {
            stmt_bind_int(s, 1, version);
            stmt_bind_text(s, 2, m->name);
            stmt_bind_text(s, 3, now);
        }
        db->loud_change = true;
        if (!s || stmt_exec(s) != STORE_OK || pg_commit(&db->base) != STORE_OK) {
            pg_rollback(&db->base);
            return STORE_ERROR;
        }
        (*applied)++;
    }
    return STORE_OK;
}

/* The registry first (an organisation's schema refers to it), then, for an
 * organisation's connection, its own schema. */
static int pg_migrate(store *db_, int *applied)
{
    pg_store *db = (pg_store *)db_;
    *applied = 0;
    int registry_applied = 0;
    if (all_up_to_date(db))
        return STORE_OK;
    if (exec_sql(db, "CREATE SCHEMA IF NOT EXISTS registry") != STORE_OK ||
        exec_sql(db, "SET search_path TO registry") != STORE_OK)
        return STORE_ERROR;
    int rc = apply_migrations(db, embedded_registry_migrations, &registry_applied);
    str err = STR_INIT;
    if (use_schema(db, &err) != STORE_OK)
        rc = STORE_ERROR;
    str_free(&err);
    if (rc == STORE_OK && db->org)
        rc = apply_migrations(db, embedded_pg_migrations, applied);
    else
        *applied = registry_applied;
    return rc;
}

/* ---- backup and restore ----
 *
 * A backup of an organisation is a text file: a header line, the schema's
 * migration number, then each table (in the order they were made, which is
 * the order their foreign keys allow) as "table NAME", its rows in COPY's
 * text form and a line "\.". One repeatable-read transaction sees every
 * table at the same moment. */

#define BACKUP_MAGIC "groeipad-pg-backup 1"

/* True when NAME can stand in SQL as a table's name (we build COPY and
 * TRUNCATE from names read back from a backup file). */
static bool table_name_ok(const char *name)
{
    if (!*name || strlen(name) > 63)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

/* The organisation's tables, each after the tables its foreign keys point
 * to (a backup loads them in this order), else in the order they were made.
 * The order made alone is not enough: a table made again after it was lost
 * (rebuild_lost_tables) comes after the tables that point to it. */
static PGresult *list_tables(pg_store *db)
{
    PGresult *res = PQexec(
        conn_of(db),
        "WITH RECURSIVE t AS (SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'), "
        "fk AS (SELECT DISTINCT k.conrelid AS child, k.confrelid AS parent FROM pg_constraint k "
        "JOIN t ON t.oid = k.conrelid WHERE k.contype = 'f' AND k.conrelid <> k.confrelid), "
        "depth AS (SELECT t.oid, 0 AS d FROM t UNION ALL SELECT fk.child, depth.d + 1 FROM depth "
        "JOIN fk ON fk.parent = depth.oid WHERE depth.d < 64) "
        "SELECT t.relname FROM t JOIN depth ON depth.oid = t.oid GROUP BY t.oid, t.relname "
        "ORDER BY max(depth.d), t.oid");
    if (!result_is(db, res, PGRES_TUPLES_OK)) {
        PQclear(res);
        return NULL;
    }
    return res;
}

/* Writes to OUT the line HEADER, then what COPY_SQL (a COPY ... TO STDOUT)
 * gives, then the line "\.". */
static int copy_out(pg_store *db, const char *header, const char *copy_sql, FILE *out)
{
    PGresult *res = PQexec(conn_of(db), copy_sql);
    bool ok = result_is(db, res, PGRES_COPY_OUT);
    PQclear(res);
    if (!ok)
        return STORE_ERROR;
    fprintf(out, "%s\n", header);
    char *line;
    int n;
    while ((n = PQgetCopyData(conn_of(db), &line, 0)) > 0) {
        fwrite(line, 1, (size_t)n, out);
        PQfreemem(line);
    }
    fputs("\\.\n", out);
    res = PQgetResult(conn_of(db));
    ok = n == -1 && result_is(db, res, PGRES_COMMAND_OK);
    PQclear(res);
    while ((res = PQgetResult(conn_of(db))))
        PQclear(res);
    return ok ? STORE_OK : STORE_ERROR;
}

/* Which table that the schema's applied migrations made is not among
 * PRESENT (N names): 1 none, 0 one (its name put in MISSING), -1 an error
 * (said in db->error). */
static int find_missing_table(pg_store *db, const char *const *present, size_t n, str *missing)
{
    PGresult *res = PQexec(conn_of(db), "SELECT version FROM schema_migrations");
    if (!result_is(db, res, PGRES_TUPLES_OK)) {
        PQclear(res);
        return -1;
    }
    size_t rows = (size_t)PQntuples(res);
    int64_t *versions = calloc(rows ? rows : 1, sizeof *versions);
    for (size_t i = 0; versions && i < rows; i++)
        versions[i] = strtoll(PQgetvalue(res, (int)i, 0), NULL, 10);
    PQclear(res);
    const struct embedded_file *migrations =
        db->org ? embedded_pg_migrations : embedded_registry_migrations;
    int found = versions ? schema_missing_table(migrations, versions, rows, present, n, missing)
                         : -1;
    free(versions);
    if (found < 0)
        set_error(db, "out of memory");
    return found;
}

/* STORE_OK when the schema holds every table of its migrations (TABLES:
 * list_tables's answer); else STORE_ERROR naming the missing one (a
 * backup without it would restore as an organisation without its rows). */
static int check_schema_complete(pg_store *db, PGresult *tables)
{
    size_t n = (size_t)PQntuples(tables);
    const char **names = calloc(n ? n : 1, sizeof *names);
    if (!names) {
        set_error(db, "out of memory");
        return STORE_ERROR;
    }
    for (size_t i = 0; i < n; i++)
        names[i] = PQgetvalue(tables, (int)i, 0);
    str missing = STR_INIT;
    int found = find_missing_table(db, names, n, &missing);
    free(names);
    if (found == 0) {
        str msg = STR_INIT;
        if (db->org)
            str_printf(&msg, "organisation %s lacks its table %s (schema %d): its schema "
                             "org_%s is damaged", db->org, str_cstr(&missing),
                       applied_version(db), db->org);
        else
            str_printf(&msg, "the site's registry lacks its table %s (schema %d): it is "
                             "damaged", str_cstr(&missing), applied_version(db));
        set_error(db, msg.err ? "out of memory" : str_cstr(&msg));
        str_free(&msg);
    }
    str_free(&missing);
    return found == 1 ? STORE_OK : STORE_ERROR;
}

static int pg_check_tables(store *db_)
{
    pg_store *db = (pg_store *)db_;
    PGresult *tables = bulk_flush(db) == STORE_OK ? list_tables(db) : NULL;
    int rc = tables ? check_schema_complete(db, tables) : STORE_ERROR;
    PQclear(tables);
    return rc;
}

/* The logins of the organisation and their roles, for its backup (a
 * section "logins" after the tables: login, role, employee number). */
#define BACKUP_LOGINS_SQL \
    "COPY (SELECT a.login, m.role, m.employee FROM registry.memberships m JOIN " \
    "registry.accounts a ON a.id = m.account_id WHERE m.org = registry.current_org() " \
    "ORDER BY a.login) TO STDOUT"

static int pg_backup(store *db_, const char *path)
{
    pg_store *db = (pg_store *)db_;
    if (!db->org) {
        set_error(db, "a backup is of one organisation: name it with --org");
        return STORE_ERROR;
    }
    /* Readable by its owner only: it holds the badge signing keys and the
     * calendar tokens. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        if (fd >= 0) {
            close(fd);
            remove(path);
        }
        str msg = STR_INIT;
        str_printf(&msg, "cannot create the backup file: %s", strerror(errno));
        set_error(db, msg.err ? "cannot create the backup file" : str_cstr(&msg));
        str_free(&msg);
        return STORE_ERROR;
    }
    int rc = exec_sql(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    db->in_tx = rc == STORE_OK; /* one snapshot: never continued on a fresh connection */
    PGresult *tables = rc == STORE_OK ? list_tables(db) : NULL;
    if (tables)
        rc = check_schema_complete(db, tables);
    if (tables && rc == STORE_OK) {
        /* The organisation after the schema: older readers take the
         * number and ignore the rest. */
        fprintf(out, "%s\nschema %d organisation %s\n", BACKUP_MAGIC, applied_version(db),
                db->org);
        for (int i = 0; rc == STORE_OK && i < PQntuples(tables); i++) {
            char header[96], sql[96];
            snprintf(header, sizeof header, "table %s", PQgetvalue(tables, i, 0));
            snprintf(sql, sizeof sql, "COPY %s TO STDOUT", PQgetvalue(tables, i, 0));
            rc = copy_out(db, header, sql, out);
        }
        /* Who has which role here lives in the site's registry: without
         * it, the way back after 'org remove' left nobody able to log in. */
        if (rc == STORE_OK)
            rc = copy_out(db, "logins", BACKUP_LOGINS_SQL, out);
        fputs("end\n", out);
    } else if (!tables) {
        rc = STORE_ERROR;
    }
    PQclear(tables);
    pg_rollback(db_);
    if (fclose(out) != 0 && rc == STORE_OK) {
        set_error(db, "cannot write the backup file");
        rc = STORE_ERROR;
    }
    if (rc != STORE_OK)
        remove(path);
    return rc;
}

/* Reads one line of IN into LINE (without its newline); false at the end. */
static bool read_line(FILE *in, str *line)
{
    str_clear(line);
    int c;
    while ((c = getc(in)) != EOF && c != '\n')
        str_putc(line, (char)c);
    return !line->err && (c == '\n' || line->len > 0);
}

/* Empties every table of the organisation's schema at once (their foreign
 * keys point only among them). */
static int empty_tables(pg_store *db)
{
    PGresult *tables = list_tables(db);
    if (!tables)
        return STORE_ERROR;
    str sql = STR_INIT;
    str_puts(&sql, "TRUNCATE ");
    int n = 0;
    for (int i = 0; i < PQntuples(tables); i++) {
        const char *name = PQgetvalue(tables, i, 0);
        if (strcmp(name, "schema_migrations") == 0)
            continue;
        str_printf(&sql, "%s%s", n++ ? ", " : "", name);
    }
    PQclear(tables);
    int rc = sql.err ? STORE_ERROR : n ? exec_sql(db, str_cstr(&sql)) : STORE_OK;
    str_free(&sql);
    return rc;
}

/* True when the server refused a row of table NAME that a backup file
 * brought (RES: the COPY's answer): a value it cannot take, a key twice,
 * a reference to nothing (SQLSTATE classes 22 and 23). The message then
 * names the table and the row's line within it, and not the row, which
 * holds a person's data. */
static bool row_refused(pg_store *db, const PGresult *res, const char *name)
{
    bool logins = strcmp(name, "backup_logins") == 0;
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (!state || (strncmp(state, "22", 2) != 0 && strncmp(state, "23", 2) != 0))
        return false;
    const char *context = PQresultErrorField(res, PG_DIAG_CONTEXT);
    const char *at = context ? strstr(context, ", line ") : NULL;
    long row = at ? strtol(at + 7, NULL, 10) : 0;
    /* A data exception's message may quote the value (a name where a
     * number belongs): only a constraint's is said as the server says it. */
    const char *why = strncmp(state, "23", 2) == 0
                          ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
                          : "a value that does not fit its column";
    str msg = STR_INIT;
    if (logins)
        str_puts(&msg, "the backup's logins section is damaged");
    else
        str_printf(&msg, "the backup's table %s is damaged", name);
    if (row > 0)
        str_printf(&msg, " at its row %ld", row);
    str_printf(&msg, " (%s); nothing was changed", why ? why : "refused");
    set_error(db, msg.err ? "out of memory" : str_cstr(&msg));
    str_free(&msg);
    return true;
}

/* Loads one table's rows from IN (up to the line "\.") through COPY into
 * table NAME of SCHEMA (named, so that no other schema on the search path,
 * pg_catalog above all, can take a name a backup file gives). */
static int copy_in(pg_store *db, const char *schema, const char *name, FILE *in, str *line)
{
    char sql[160];
    snprintf(sql, sizeof sql, "COPY %s.%s FROM STDIN", schema, name);
    PGresult *res = PQexec(conn_of(db), sql);
    bool ok = result_is(db, res, PGRES_COPY_IN);
    PQclear(res);
    if (!ok)
        return STORE_ERROR;
    bool ended = false;
    while (ok && read_line(in, line)) {
        if (strcmp(str_cstr(line), "\\.") == 0) {
            ended = true;
            break;
        }
        str_putc(line, '\n');
        ok = !line->err && PQputCopyData(conn_of(db), line->p, (int)line->len) == 1;
    }
    PQputCopyEnd(conn_of(db), ok && ended ? NULL : "groeipad: the backup file ends early");
    res = PQgetResult(conn_of(db));
    ok = result_is(db, res, PGRES_COMMAND_OK) && ended;
    bool damaged = !ok && ended && row_refused(db, res, name);
    PQclear(res);
    while ((res = PQgetResult(conn_of(db))))
        PQclear(res);
    if (!ended && db->error.len == 0)
        set_error(db, "the backup file ends early");
    return ok ? STORE_OK : damaged ? STORE_CONSTRAINT : STORE_ERROR;
}

/* Moves every identity column's sequence past the largest id restored. */
static int reset_identities(pg_store *db)
{
    return exec_sql(db, "DO $$ DECLARE t record; BEGIN FOR t IN SELECT table_name, "
                        "column_name FROM information_schema.columns WHERE table_schema = "
                        "current_schema() AND is_identity = 'YES' LOOP EXECUTE format("
                        "'SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) "
                        "+ 1, false) FROM %I', t.table_name, t.column_name, t.column_name, "
                        "t.table_name); END LOOP; END $$");
}

/* Reads the names of the tables in the backup IN, from where it is (after
 * its header) to its line "end", into the arena array *NAMES of *N, and
 * goes back to where it began; STORE_CONSTRAINT, with the reason, when IN
 * is no backup's tables or cannot be read twice (a pipe). */
static int scan_backup(pg_store *db, FILE *in, arena *a, const char ***names, size_t *n)
{
    long start = ftell(in);
    if (start < 0) {
        set_error(db, "the backup must be a file that can be read twice, not a pipe");
        return STORE_CONSTRAINT;
    }
    str line = STR_INIT;
    size_t cap = 0;
    int rc = STORE_CONSTRAINT;
    set_error(db, "the backup file ends early");
    while (read_line(in, &line)) {
        const char *text = str_cstr(&line);
        if (strcmp(text, "end") == 0) {
            rc = STORE_OK;
            break;
        }
        if (strcmp(text, "logins") == 0) {
            while (read_line(in, &line) && strcmp(str_cstr(&line), "\\.") != 0)
                ;
            continue;
        }
        if (strncmp(text, "table ", 6) != 0 || !table_name_ok(text + 6)) {
            set_error(db, _("not a groeipad backup of an organisation"));
            break;
        }
        const char **slot = arena_push(a, names, n, &cap, sizeof *slot);
        if (!slot || !(*slot = arena_strdup(a, text + 6))) {
            set_error(db, "out of memory");
            rc = STORE_ERROR;
            break;
        }
        while (read_line(in, &line) && strcmp(str_cstr(&line), "\\.") != 0)
            ;
    }
    str_free(&line);
    if (fseek(in, start, SEEK_SET) != 0 && rc == STORE_OK) {
        set_error(db, "cannot read the backup file again");
        rc = STORE_ERROR;
    }
    return rc;
}

/* The numbers of the organisation migrations up to VERSION, in *OUT (arena
 * A), for schema_tables; false when out of memory. */
static bool versions_upto(int version, arena *a, int64_t **out, size_t *n)
{
    *n = 0;
    for (const struct embedded_file *m = embedded_pg_migrations; m->name; m++)
        *n += atoi(m->name) <= version;
    *out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
    for (size_t i = 0; *out && i < *n; i++)
        (*out)[i] = atoi(embedded_pg_migrations[i].name);
    return *out != NULL;
}

/* STORE_OK when the backup IN (after its header) of schema VERSION holds
 * every table of that schema and no other, read before anything changes;
 * else STORE_CONSTRAINT naming the table: one it lacks (loading it would
 * empty that table and keep rows that point into it), or one no
 * organisation has (a file made by hand could name the users view, whose
 * rows are the site's logins, or a table of the system's catalogue). */
static int check_backup_complete(pg_store *db, FILE *in, int version)
{
    arena a = ARENA_INIT;
    const char **tables = NULL, **expected = NULL;
    size_t n = 0, n_expected = 0, n_versions = 0;
    int64_t *versions = NULL;
    int rc = scan_backup(db, in, &a, &tables, &n);
    if (rc == STORE_OK && (!versions_upto(version, &a, &versions, &n_versions) ||
                           !schema_tables(embedded_pg_migrations, versions, n_versions, &a,
                                          &expected, &n_expected))) {
        set_error(db, "out of memory");
        rc = STORE_ERROR;
    }
    str msg = STR_INIT;
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        bool known = strcmp(tables[i], "schema_migrations") == 0;
        for (size_t k = 0; !known && k < n_expected; k++)
            known = strcmp(tables[i], expected[k]) == 0;
        if (!known) {
            str_printf(&msg, "the backup holds a table %s, which an organisation at schema %d "
                             "does not have; nothing was changed", tables[i], version);
            rc = STORE_CONSTRAINT;
        }
    }
    str missing = STR_INIT;
    int found = rc == STORE_OK ? schema_missing_table(embedded_pg_migrations, versions,
                                                      n_versions, tables, n, &missing)
                               : 1;
    if (found == 0) {
        str_printf(&msg, "the backup lacks the table %s (every table of schema %d must be in "
                         "it); nothing was changed", str_cstr(&missing), version);
        rc = STORE_CONSTRAINT;
    } else if (found < 0) {
        str_puts(&msg, "out of memory");
        rc = STORE_ERROR;
    }
    if (msg.len || msg.err)
        set_error(db, msg.err ? "out of memory" : str_cstr(&msg));
    str_free(&msg);
    str_free(&missing);
    arena_free(&a);
    return rc;
}

/* Reads the tables of the backup IN into the emptied SCHEMA (the
 * organisation's, or the one an older backup is brought up to date in). */
static int load_backup(pg_store *db, FILE *in, const char *schema)
{
    str line = STR_INIT;
    int rc = STORE_OK;
    bool complete = false;
    while (rc == STORE_OK && read_line(in, &line)) {
        const char *text = str_cstr(&line);
        if (strcmp(text, "end") == 0) {
            complete = true;
            break;
        }
        if (strcmp(text, "logins") == 0) { /* given back by give_back_logins */
            rc = copy_in(db, "pg_temp", "backup_logins", in, &line);
            continue;
        }
        if (strncmp(text, "table ", 6) != 0 || !table_name_ok(text + 6)) {
            set_error(db, _("not a groeipad backup of an organisation"));
            rc = STORE_CONSTRAINT;
            break;
        }
        char name[64];
        snprintf(name, sizeof name, "%s", text + 6);
        if (strcmp(name, "schema_migrations") == 0) {
            while (read_line(in, &line) && strcmp(str_cstr(&line), "\\.") != 0)
                ;
            continue;
        }
        rc = copy_in(db, schema, name, in, &line);
    }
    if (rc == STORE_OK && !complete) {
        set_error(db, "the backup file ends early");
        rc = STORE_CONSTRAINT;
    }
    str_free(&line);
    return rc;
}

/* Checks the header of IN: a backup of an organisation at the schema this
 * build makes; STORE_CONSTRAINT with the reason when not. */
/* Reads a backup's second line, "schema N" (older backups) or "schema N
 * organisation SLUG", into *VERSION and ORG ("" for an older one); false
 * for anything else, so that no odd line passes as an older backup. */
static bool read_schema_line(const char *line, int *version, char org[41])
{
    int end = 0;
    org[0] = '\0';
    if (sscanf(line, "schema %d%n", version, &end) != 1 || *version <= 0)
        return false;
    const char *rest = line + end;
    if (*rest == '\0')
        return true;
    const char *tag = " organisation ";
    if (strncmp(rest, tag, strlen(tag)) != 0)
        return false;
    rest += strlen(tag);
    if (strlen(rest) > 40 || !org_slug_valid(rest))
        return false;
    memcpy(org, rest, strlen(rest) + 1);
    return true;
}

static int check_backup_header(pg_store *db, FILE *in, bool other_org, int *backup_version)
{
    str line = STR_INIT;
    int version = -1;
    char org[41] = "";
    bool magic = read_line(in, &line) && strcmp(str_cstr(&line), BACKUP_MAGIC) == 0;
    bool known = magic && read_line(in, &line) && read_schema_line(str_cstr(&line), &version, org);
    str_free(&line);
    if (!known) {
        set_error(db, _("not a groeipad backup of an organisation"));
        return STORE_CONSTRAINT;
    }
    /* A backup names its organisation (older ones do not): another's would
     * bring its calendar feeds, badge keys and audit trail along, and a
     * mistyped --org would replace the wrong employer. */
    if (*org && (!db->org || strcmp(org, db->org) != 0) && !other_org) {
        str msg = STR_INIT;
        str_printf(&msg, _("the backup is of organisation %s, not %s (restore it with --org %s, "
                           "or add --from-other-organisation to copy it here)"), org,
                   db->org ? db->org : _("the site"), org);
        set_error(db, str_cstr(&msg));
        str_free(&msg);
        return STORE_CONSTRAINT;
    }
    /* A copy drops what is the original's own (COPY_DROPS_SQL): asked of
     * the organisation's own backup, that would be its own badges. */
    if (*org && db->org && strcmp(org, db->org) == 0 && other_org) {
        set_error(db, "the backup is of this organisation: restore it without "
                      "--from-other-organisation (a copy leaves the original's badges, keys "
                      "and calendar addresses behind)");
        return STORE_CONSTRAINT;
    }
    /* An older backup is brought up to date as it is restored (an
     * organisation is migrated when it is opened, before the restore). */
    *backup_version = version;
    if (version > applied_version(db)) {
        str msg = STR_INIT;
        str_printf(&msg, "the backup is of schema %d, made by a newer groeipad than this one "
                         "(this organisation is at %d): restore it with that version", version,
                   applied_version(db));
        set_error(db, str_cstr(&msg));
        str_free(&msg);
        return STORE_CONSTRAINT;
    }
    return STORE_OK;
}

/* What rebuild_lost_tables runs with the complete schema SRC (made from
 * the migrations) beside the organisation's schema DST (its two %s: the
 * organisation's slug): it makes in DST each table of SRC that DST lacks, with its
 * columns, defaults, checks, identities, keys and indexes under their own
 * names, the foreign keys from and to it, and the views and triggers that
 * went with it (DROP ... CASCADE takes them along). The definitions are
 * read while SRC is the search path, so that they name their tables
 * without a schema, and run while DST is. */
#define REBUILD_SQL \
    "DO $rebuild$ DECLARE src TEXT := 'rebuild_%s'; dst TEXT := 'org_%s'; steps TEXT[] := '{}'; " \
    "lost TEXT[]; r RECORD; sql TEXT; BEGIN " \
    "SELECT coalesce(array_agg(c.relname::TEXT ORDER BY c.oid), '{}') INTO lost FROM pg_class c " \
    "WHERE c.relnamespace = src::regnamespace AND c.relkind IN ('r', 'v') AND NOT EXISTS " \
    "(SELECT 1 FROM pg_class d WHERE d.relnamespace = dst::regnamespace AND d.relname = " \
    "c.relname); " \
    "PERFORM set_config('search_path', src, true); " \
    "FOR r IN SELECT c.relname FROM pg_class c WHERE c.relnamespace = src::regnamespace AND " \
    "c.relkind = 'r' AND c.relname = ANY (lost) ORDER BY c.oid LOOP " \
    "steps := steps || format('CREATE TABLE %%I (LIKE %%I.%%I INCLUDING ALL EXCLUDING INDEXES)', " \
    "r.relname, src, r.relname); END LOOP; " \
    "FOR r IN SELECT k.conrelid::regclass::TEXT AS rel, k.conname, pg_get_constraintdef(k.oid) " \
    "AS def FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.connamespace = " \
    "src::regnamespace AND k.contype IN ('p', 'u', 'x') AND c.relname = ANY (lost) " \
    "ORDER BY k.oid LOOP " \
    "steps := steps || format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', r.rel, r.conname, r.def); " \
    "END LOOP; " \
    "FOR r IN SELECT regexp_replace(pg_get_indexdef(i.indexrelid), ' ON (ONLY )?' || src || " \
    "'\\.', ' ON \\1') AS def FROM pg_index i JOIN pg_class c ON " \
    "c.oid = i.indrelid WHERE c.relnamespace = src::regnamespace AND c.relname = ANY (lost) AND " \
    "NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) " \
    "ORDER BY i.indexrelid LOOP steps := steps || r.def; END LOOP; " \
    "FOR r IN SELECT k.conrelid::regclass::TEXT AS rel, c.relname, k.conname, " \
    "pg_get_constraintdef(k.oid) AS def FROM pg_constraint k JOIN pg_class c ON c.oid = " \
    "k.conrelid JOIN pg_class f ON f.oid = k.confrelid WHERE k.connamespace = " \
    "src::regnamespace AND k.contype = 'f' AND (c.relname = ANY (lost) OR f.relname = ANY " \
    "(lost)) ORDER BY k.oid LOOP " \
    "IF NOT EXISTS (SELECT 1 FROM pg_constraint d JOIN pg_class t ON t.oid = d.conrelid WHERE " \
    "t.relnamespace = dst::regnamespace AND t.relname = r.relname AND d.conname = r.conname) " \
    "THEN steps := steps || format('ALTER TABLE %%s ADD CONSTRAINT %%I %%s', r.rel, r.conname, " \
    "r.def); END IF; END LOOP; " \
    "FOR r IN SELECT c.relname, pg_get_viewdef(c.oid) AS def FROM pg_class c WHERE " \
    "c.relnamespace = src::regnamespace AND c.relkind = 'v' AND c.relname = ANY (lost) " \
    "ORDER BY c.oid LOOP steps := steps || format('CREATE VIEW %%I AS %%s', r.relname, r.def); " \
    "END LOOP; " \
    "FOR r IN SELECT pg_get_triggerdef(g.oid, true) AS def FROM pg_trigger g JOIN pg_class c ON " \
    "c.oid = g.tgrelid WHERE c.relnamespace = src::regnamespace AND NOT g.tgisinternal AND " \
    "c.relname = ANY (lost) ORDER BY g.oid LOOP steps := steps || r.def; END LOOP; " \
    "PERFORM set_config('search_path', dst, true); " \
    "FOREACH sql IN ARRAY steps LOOP EXECUTE sql; END LOOP; END $rebuild$"

/* Makes again the tables an organisation lost (a DROP TABLE by hand, a
 * damaged schema), so that a backup can be restored over it: inside the
 * restore's transaction, the applied migrations are run in a schema of
 * their own, what the organisation lacks is made after it, and that schema
 * goes again. Nothing to do, and no cost beyond two reads, when no table
 * is missing. STORE_OK, or STORE_ERROR saying why. */
static int rebuild_lost_tables(pg_store *db)
{
    PGresult *tables = list_tables(db);
    if (!tables)
        return STORE_ERROR;
    size_t n = (size_t)PQntuples(tables);
    const char **names = calloc(n ? n : 1, sizeof *names);
    for (size_t i = 0; names && i < n; i++)
        names[i] = PQgetvalue(tables, (int)i, 0);
    str missing = STR_INIT;
    int found = names ? find_missing_table(db, names, n, &missing) : -1;
    if (!names)
        set_error(db, "out of memory");
    free(names);
    PQclear(tables);
    str_free(&missing);
    if (found != 0)
        return found == 1 ? STORE_OK : STORE_ERROR;
    PGresult *res = PQexec(conn_of(db), "SELECT version FROM schema_migrations");
    if (!result_is(db, res, PGRES_TUPLES_OK)) {
        PQclear(res);
        return STORE_ERROR;
    }
    /* The slug was checked at pg_open: only a-z, 0-9 and _ reach this SQL. */
    str sql = STR_INIT;
    str_printf(&sql, "CREATE SCHEMA rebuild_%s", db->org);
    int rc = sql.err ? STORE_ERROR : exec_sql(db, str_cstr(&sql));
    str_clear(&sql);
    str_printf(&sql, "SET LOCAL search_path TO rebuild_%s", db->org);
    if (rc == STORE_OK)
        rc = sql.err ? STORE_ERROR : exec_sql(db, str_cstr(&sql));
    for (const struct embedded_file *m = embedded_pg_migrations; rc == STORE_OK && m->name; m++) {
        bool applied = false;
        for (int i = 0; !applied && i < PQntuples(res); i++)
            applied = atoi(PQgetvalue(res, i, 0)) == atoi(m->name);
        if (applied)
            rc = exec_sql(db, (const char *)m->data);
    }
    PQclear(res);
    str_clear(&sql);
    str_printf(&sql, REBUILD_SQL, db->org, db->org);
    str_printf(&sql, "; DROP SCHEMA rebuild_%s CASCADE; SET LOCAL search_path TO org_%s",
               db->org, db->org);
    if (rc == STORE_OK)
        rc = sql.err ? STORE_ERROR : exec_sql(db, str_cstr(&sql));
    str_free(&sql);
    return rc;
}

/* Runs in the current schema, inside the restore's transaction, the
 * organisation migrations numbered above FROM and up to UPTO. */
static int run_migrations_between(pg_store *db, int from, int upto)
{
    int rc = STORE_OK;
    for (const struct embedded_file *m = embedded_pg_migrations; rc == STORE_OK && m->name; m++)
        if (atoi(m->name) > from && atoi(m->name) <= upto)
            rc = exec_sql(db, (const char *)m->data);
    return rc;
}

/* Copies, in the order their foreign keys allow, every table of the
 * organisation (but schema_migrations) from schema restore_<slug>, column
 * by column by name. */
#define COPY_BACK_SQL \
    "DO $back$ DECLARE src TEXT := 'restore_%s'; dst TEXT := 'org_%s'; t TEXT; cols TEXT; " \
    "BEGIN FOREACH t IN ARRAY %s LOOP " \
    "SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols FROM " \
    "pg_attribute a WHERE a.attrelid = format('%%I.%%I', dst, t)::regclass AND a.attnum > 0 " \
    "AND NOT a.attisdropped AND a.attgenerated = ''; " \
    "EXECUTE format('INSERT INTO %%I.%%I (%%s) SELECT %%s FROM %%I.%%I', dst, t, cols, cols, " \
    "src, t); END LOOP; END $back$"

/* Restores the backup IN of the older schema VERSION into the emptied
 * organisation: its tables are made at that schema in a schema of their
 * own (restore_<slug>), emptied of what the migrations put in, loaded,
 * brought up to this build's migrations there as the organisation once
 * was, and copied over; that schema then goes. All inside the restore's
 * transaction. */
static int restore_older(pg_store *db, FILE *in, int version)
{
    PGresult *tables = list_tables(db);
    if (!tables)
        return STORE_ERROR;
    /* The slug was checked at pg_open, the table names come from the
     * catalogue: only a-z, 0-9 and _ reach this SQL. */
    str sql = STR_INIT, names = STR_INIT, schema = STR_INIT;
    str_puts(&names, "ARRAY[");
    for (int i = 0, k = 0; i < PQntuples(tables); i++)
        if (strcmp(PQgetvalue(tables, i, 0), "schema_migrations") != 0)
            str_printf(&names, "%s'%s'", k++ ? ", " : "", PQgetvalue(tables, i, 0));
    str_puts(&names, "]::TEXT[]");
    PQclear(tables);
    str_printf(&schema, "restore_%s", db->org);
    str_printf(&sql, "CREATE SCHEMA restore_%s; SET LOCAL search_path TO restore_%s", db->org,
               db->org);
    int rc = sql.err || names.err || schema.err ? STORE_ERROR : exec_sql(db, str_cstr(&sql));
    if (rc == STORE_OK)
        rc = run_migrations_between(db, 0, version);
    if (rc == STORE_OK) /* without the rows the migrations put in */
        rc = empty_tables(db);
    if (rc == STORE_OK)
        rc = load_backup(db, in, str_cstr(&schema));
    if (rc == STORE_OK)
        rc = run_migrations_between(db, version, INT_MAX);
    str_clear(&sql);
    str_printf(&sql, "SET LOCAL search_path TO org_%s; ", db->org);
    str_printf(&sql, COPY_BACK_SQL, db->org, db->org, str_cstr(&names));
    str_printf(&sql, "; DROP SCHEMA restore_%s CASCADE", db->org);
    if (rc == STORE_OK)
        rc = sql.err ? STORE_ERROR : exec_sql(db, str_cstr(&sql));
    str_free(&sql);
    str_free(&names);
    str_free(&schema);
    return rc;
}

/* After a restore, the site's registry holds the public addresses of the
 * organisation's badges and feeds as they are now (orgs_keep_address notes
 * each as it is written; the restore's COPY does not). A copy of another
 * organisation has none of the original's (COPY_DROPS_SQL). */
#define REFILL_ADDRESSES_SQL \
    "DELETE FROM registry.public_addresses WHERE org = registry.current_org(); " \
    "INSERT INTO registry.public_addresses(kind, public_id, org) SELECT 'badge', b.public_id, " \
    "registry.current_org() FROM badges b ON CONFLICT DO NOTHING; " \
    "INSERT INTO registry.public_addresses(kind, public_id, org) SELECT 'calendar', token, " \
    "registry.current_org() FROM calendar_feeds ON CONFLICT DO NOTHING"
/* What a copy of another organisation (restore --from-other-organisation)
 * drops, as the original's own and no data of the people's: its calendar
 * feed addresses (each person's next look at their sessions makes one; the
 * old ones would open the copy's calendars), its badges and the keys that
 * signed them (the copy issued none: its /badges/<org>/<id> would vouch for
 * the original's under the copy's name, and a revocation by the original
 * would not reach it; a badge the copy issues is signed by a key of its
 * own), the mail still queued (the original sends it), its mail server
 * with its login and password (mail waits in the copy's outbox until its
 * admin sets its own) and the address the original is reached at (the
 * copy's badges and calendars would name it). Sessions and API tokens are
 * the site's, per organisation, and not in a backup. */
#define COPY_DROPS_SETTINGS \
    "('smtp_host', 'smtp_port', 'smtp_starttls', 'smtp_login', 'smtp_password', 'smtp_from', " \
    "'smtp_cafile', 'public_url')"
#define COPY_DROPS_SQL \
    "DELETE FROM calendar_feeds; DELETE FROM badges; DELETE FROM signing_keys; " \
    "DELETE FROM outbox WHERE state = 'queued'; DELETE FROM settings WHERE key IN " \
    COPY_DROPS_SETTINGS

/* What COPY_DROPS_SQL is about to drop, into OUT as JSON: each by number,
 * the settings by name. STORE_ERROR on failure. */
static int copy_drops_counted(pg_store *db, str *out)
{
    stmt *s = store_prepare(
        &db->base,
        "SELECT json_build_object('badges', (SELECT count(*) FROM badges), 'signing_keys', "
        "(SELECT count(*) FROM signing_keys), 'calendar_feeds', (SELECT count(*) FROM "
        "calendar_feeds), 'queued_mail', (SELECT count(*) FROM outbox WHERE state = 'queued'), "
        "'settings', (SELECT coalesce(json_agg(key ORDER BY key), '[]') FROM settings WHERE key "
        "IN " COPY_DROPS_SETTINGS "))::text");
    if (!s || stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    bool kept = str_puts(out, stmt_text(s, 0));
    return stmt_step(s) == STORE_DONE && kept ? STORE_OK : STORE_ERROR;
}

/* Writes in the copy's audit log what it dropped (DROPPED, JSON): the
 * badges issued stay in the log without the badges, and this line says
 * why. After the identities restart, which the log's id is one of. */
static int audit_copy_drops(pg_store *db, const str *dropped)
{
    stmt *s = store_prepare(&db->base,
                            "INSERT INTO audit_log(at, actor, action, entity, entity_key, before, "
                            "after) VALUES (?, 'restore', 'drop', 'copy of another organisation', "
                            "registry.current_org(), ?, NULL)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, now);
    stmt_bind_text(s, 2, str_cstr(dropped));
    return stmt_exec(s);
}

/* Gives each login of the backup (read into backup_logins) that the site
 * still has its role again, each in the organisation's audit log, when
 * nobody has a role in the organisation (the way back after 'org remove';
 * a restore over a living organisation keeps its roles as they are now,
 * also those taken away since the backup). A login the site no longer has
 * stays out (a backup holds no password), and so does a sector account.
 * An employee that a backup from before registry/004 links to several
 * logins goes to the oldest of them only (one login per employee).
 * STORE_CONSTRAINT for a section no backup writes: a role that is none, a
 * login twice. */
static int give_back_logins(pg_store *db)
{
    int64_t odd = store_count(&db->base, "SELECT count(*) FROM pg_temp.backup_logins b WHERE "
                                         "b.role IS NULL OR b.role NOT IN ('admin', 'manager', "
                                         "'employee', 'mentor', 'representative') OR (SELECT "
                                         "count(*) FROM pg_temp.backup_logins c WHERE c.login = "
                                         "b.login) > 1");
    if (odd != 0) {
        if (odd > 0)
            set_error(db, "the backup's logins section is damaged (a role that is none, or a "
                          "login twice); nothing was changed");
        return odd > 0 ? STORE_CONSTRAINT : STORE_ERROR;
    }
    stmt *s = store_prepare(
        &db->base,
        "WITH given AS (INSERT INTO registry.memberships(account_id, org, role, employee) "
        "SELECT a.id, registry.current_org(), b.role, CASE WHEN a.id = (SELECT min(o.id) FROM "
        "pg_temp.backup_logins c JOIN registry.accounts o ON o.login = c.login WHERE "
        "o.sector = 0 AND c.employee = b.employee) THEN b.employee END "
        "FROM pg_temp.backup_logins b "
        "JOIN registry.accounts a ON a.login = b.login WHERE a.sector = 0 AND NOT EXISTS "
        "(SELECT 1 FROM registry.memberships x WHERE x.org = registry.current_org()) "
        "ON CONFLICT (account_id, org) DO NOTHING RETURNING account_id, role) "
        "INSERT INTO audit_log(at, actor, action, entity, entity_key, before, after) "
        "SELECT ?, 'restore', 'grant', 'user', a.login, NULL, g.role FROM given g "
        "JOIN registry.accounts a ON a.id = g.account_id");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, now);
    return stmt_exec(s);
}

/* After a restore the organisation keeps the name the site knows it by: a
 * backup's `name` setting (an older name, another organisation's for a copy,
 * a SQLite file's) would otherwise disagree with the registry's, which the
 * switcher and the sector reports show. The change has an audit line. */
static int keep_site_name(pg_store *db)
{
    stmt *s = store_prepare(
        &db->base,
        "WITH was AS (SELECT value FROM settings WHERE key = 'name'), "
        "kept AS (UPDATE settings SET value = o.name FROM registry.organisations o "
        "WHERE o.slug = registry.current_org() AND settings.key = 'name' AND "
        "settings.value <> o.name RETURNING settings.value) "
        "INSERT INTO audit_log(at, actor, action, entity, entity_key, before, after) "
        "SELECT ?, 'restore', 'set', 'setting', 'name', was.value, kept.value FROM was, kept");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, now);
    return stmt_exec(s);
}

/* Replaces the organisation with the backup IN (its header and tables
 * checked, positioned after the header), at schema VERSION, in one
 * transaction; BEFORE: the data version it replaces. */
static int restore_once(pg_store *db, FILE *in, int version, bool other_org, int64_t before)
{
    int rc = pg_begin(&db->base);
    if (rc == STORE_OK)
        rc = exec_sql(db, "CREATE TEMPORARY TABLE backup_logins (login TEXT, role TEXT, "
                          "employee TEXT) ON COMMIT DROP");
    if (rc == STORE_OK)
        rc = empty_tables(db);
    if (rc == STORE_OK)
        rc = rebuild_lost_tables(db);
    if (rc == STORE_OK) {
        char schema[48];
        snprintf(schema, sizeof schema, "org_%s", db->org);
        rc = version < applied_version(db) ? restore_older(db, in, version)
                                           : load_backup(db, in, schema);
    }
    /* A copy of another organisation is another organisation: it keeps
     * none of what is the original's own (COPY_DROPS_SQL), before the
     * identities restart (its first signing key is its key 1). */
    str dropped = STR_INIT;
    if (rc == STORE_OK && other_org && (rc = copy_drops_counted(db, &dropped)) == STORE_OK)
        rc = exec_sql(db, COPY_DROPS_SQL);
    if (rc == STORE_OK)
        rc = reset_identities(db);
    if (rc == STORE_OK && other_org)
        rc = audit_copy_drops(db, &dropped);
    str_free(&dropped);
    if (rc == STORE_OK)
        rc = exec_sql(db, REFILL_ADDRESSES_SQL);
    if (rc == STORE_OK)
        rc = keep_site_name(db);
    /* A copy's people are given their roles there by the site's operator. */
    if (rc == STORE_OK && !other_org)
        rc = give_back_logins(db);
    /* The copy carries its own data version: move past the replaced one. */
    stmt *s = rc == STORE_OK ? store_prepare(&db->base, "UPDATE data_version SET version = "
                                                        "GREATEST(version, ?) + 1")
                             : NULL;
    if (s) {
        stmt_bind_int(s, 1, before);
        rc = stmt_exec(s);
    } else if (rc == STORE_OK) {
        rc = STORE_ERROR;
    }
    if (rc == STORE_OK)
        return exec_sql(db, "COMMIT");
    pg_rollback(&db->base);
    return rc;
}

/* Opens the backup at PATH into *IN, read past its checked header and
 * contents (*VERSION: its schema): STORE_OK, else STORE_CONSTRAINT (or
 * STORE_ERROR) with the reason, *IN then closed (NULL). */
static int open_backup(pg_store *db, const char *path, bool other_org, FILE **in, int *version)
{
    *version = 0;
    if (!(*in = fopen(path, "r"))) {
        set_error(db, "cannot open the backup file");
        return STORE_CONSTRAINT;
    }
    int rc = check_backup_header(db, *in, other_org, version);
    if (rc == STORE_OK)
        rc = check_backup_complete(db, *in, *version);
    if (rc != STORE_OK) {
        fclose(*in);
        *in = NULL;
    }
    return rc;
}

static int pg_restore_check(store *db_, const char *path, bool other_org)
{
    FILE *in;
    int version;
    int rc = open_backup((pg_store *)db_, path, other_org, &in, &version);
    if (in)
        fclose(in);
    return rc;
}

static int pg_restore(store *db_, const char *path, bool other_org)
{
    pg_store *db = (pg_store *)db_;
    FILE *in;
    int version;
    int rc = open_backup(db, path, other_org, &in, &version);
    if (rc != STORE_OK)
        return rc;
    long start = ftell(in);
    if (start < 0) {
        set_error(db, "cannot read the backup file again");
        rc = STORE_ERROR;
    }
    int64_t before = rc == STORE_OK ? store_data_version(db_) : 0;
    /* Emptying the tables takes each one's lock in turn, while the pages
     * served meanwhile take theirs in another order: the server may then
     * end the restore's transaction to end a deadlock. It is run again,
     * from the start of the file, a few times. */
    for (int attempt = 0; rc == STORE_OK; attempt++) {
        db->error_state[0] = '\0';
        rc = restore_once(db, in, version, other_org, before);
        if (rc == STORE_OK || strcmp(db->error_state, "40P01") != 0 || attempt == 4 ||
            fseek(in, start, SEEK_SET) != 0)
            break;
        rc = STORE_OK;
    }
    fclose(in);
    return rc;
}

/* Serves another organisation of the site (or the registry) from now on;
 * nothing to do when the connection is there already. */
static int pg_use_org(store *db_, const char *org)
{
    pg_store *db = (pg_store *)db_;
    if (!connection_back(db))
        return STORE_ERROR;
    if (!db->schema_unsure &&
        ((!org && !db->org) || (org && db->org && strcmp(org, db->org) == 0)))
        return STORE_OK;
    if (org && !org_slug_valid(org)) {
        set_error(db, "not an organisation");
        return STORE_ERROR;
    }
    char *fresh = org ? strdup(org) : NULL;
    if (org && !fresh) {
        set_error(db, "out of memory");
        return STORE_ERROR;
    }
    free(db->org);
    db->org = fresh;
    db->has_data_version = false;
    str err = STR_INIT;
    int rc = use_schema(db, &err);
    str_free(&err);
    /* Failed, the connection may still serve the organisation before: the
     * next call must not take it for ORG's. */
    db->schema_unsure = rc != STORE_OK;
    return rc;
}

static int pg_exec_once(store *db_, const char *sql)
{
    return exec_sql((pg_store *)db_, sql);
}

static const store_ops pg_ops = {
    .name = "pg",
    .close = pg_close,
    .error = pg_error,
    .migrate = pg_migrate,
    .schema_version = pg_schema_version,
    .check_tables = pg_check_tables,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .release_memory = pg_release_memory,
    .bulk_begin = pg_bulk_begin,
    .bulk_end = pg_bulk_end,
    .deleting_many = pg_deleting_many,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_date = pg_bind_date,
    .step = pg_step,
    .start = pg_start,
    .many_rows = pg_many_rows,
    .exec_bulk = pg_exec_bulk,
    .column_int = pg_column_int,
    .column_text = pg_column_text,
    .column_null = pg_column_null,
    .done = pg_done,
    .backup = pg_backup,
    .restore = pg_restore,
    .restore_check = pg_restore_check,
    .last_id = pg_last_id,
    .changes = pg_changes,
    .exec_once = pg_exec_once,
    .use_org = pg_use_org,
    .open_again = pg_open_again,
    .reachable = pg_reachable,
};

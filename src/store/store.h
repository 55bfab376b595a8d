/* store.h - the storage interface: the only door to SQL in groeipad.
 *
 * The interface knows no backend: callers prepare SQL written to be accepted
 * by both SQLite and PostgreSQL, with '?' placeholders, and read columns by
 * index. Statements are cached per connection, keyed by the SQL text's
 * address, so a string literal is compiled once. A connection is used by one
 * thread at a time.
 *
 * Every function that can fail returns STORE_ERROR (or NULL) and leaves the
 * message in store_error(). */
#ifndef GP_STORE_H
#define GP_STORE_H
#include <stdbool.h>
#include <stdint.h>
#include "util/arena.h"
#include "util/date.h"
#include "util/str.h"

typedef struct store store;
typedef struct stmt stmt;

enum {
    STORE_OK = 0,
    STORE_ROW = 1,
    STORE_DONE = 2,
    STORE_ERROR = -1,
    STORE_CONSTRAINT = -2 /* a unique or foreign key was violated */
};

/* Opens (creating if needed) the database at TARGET: a SQLite file, or a
 * PostgreSQL site when TARGET is a postgresql:// URL (then the site's
 * registry, without an organisation). On failure *out is NULL and ERR holds
 * why. */
int store_open(const char *target, store **out, str *err);
/* Another connection to what DB is connected to (for work side by side). */
int store_open_again(store *db, store **out, str *err);
/* True when TARGET is a postgresql:// URL rather than a file. */
bool store_target_is_pg(const char *target);
/* Appends TARGET to OUT as messages show it: every password it carries
 * (postgresql://user:PASSWORD@..., ?password= or &password= in a URL,
 * password=... in a key/value string) replaced by "***". Every message
 * that shows a site's address goes through here (url.c). */
void store_redact_target(const char *target, str *out);
/* The same for organisation ORG of a PostgreSQL site (its schema org_ORG,
 * which must be registered: see store/orgs.h); ORG NULL is store_open. */
int store_open_org(const char *target, const char *org, store **out, str *err);
/* "sqlite" or "pg": for messages and tests, never for choosing SQL. */
const char *store_backend(store *db);
void store_close(store *db);
const char *store_error(store *db);

/* Applies the compiled-in migrations not yet applied; *applied counts them. */
int store_migrate(store *db, int *applied);
/* The number of the newest applied migration (0 for an empty database). */
int store_schema_version(store *db);
/* False when the database server does not answer: the connection was lost
 * and could not be made again (a SQLite file always answers). What failed
 * then is the server's absence, not the request. */
bool store_reachable(store *db);
/* STORE_OK when the database holds every table its applied migrations
 * made; STORE_ERROR naming the one that is gone (a damaged schema, which
 * the migrations' numbers alone do not show). */
int store_check_tables(store *db);

/* A transaction is store_begin, the work, and store_end with the work's
 * status: the one way to write, so that no path forgets its rollback. */
int store_begin(store *db);
/* Ends the transaction store_begin opened: commits when RC is STORE_OK and
 * returns the commit's status; otherwise rolls back and returns RC. */
int store_end(store *db, int rc);
/* The two halves of store_end, for the few that must commit or roll back
 * on their own terms (an import keeps its problems and rolls back). */
int store_commit(store *db);
void store_rollback(store *db);
/* The data's version: a counter that every committed transaction which
 * changed rows moves forward, seen alike by every connection and process.
 * -1 on error or before migration 003. */
int64_t store_data_version(store *db);
/* Frees what the connection's page cache holds unused (after large work). */
void store_release_memory(store *db);

/* Bulk loading. The foreign keys are not checked between store_bulk_begin
 * and store_bulk_end (the caller has checked every reference itself); the
 * transaction is the caller's, begun after store_bulk_begin. */
int store_bulk_begin(store *db);
void store_bulk_end(store *db);
/* In a bulk load, before deleting many rows of TABLE whose referencing rows
 * the caller has already let go of (deleted or pointed elsewhere): the
 * backend then need not check each deleted row's references one by one.
 * On PostgreSQL the foreign keys that point at TABLE are made again, and so
 * checked once, at the commit; if the tables cannot be locked at once, the
 * rows are checked one by one as usual. STORE_OK or STORE_ERROR. */
int store_deleting_many(store *db, const char *table);

/* A cached statement for SQL, reset and ready to bind; NULL on error. */
stmt *store_prepare(store *db, const char *sql);
/* store_prepare for a read that may give many rows (a table's every row):
 * on PostgreSQL they come as the server makes them (a COPY), instead of all
 * at once into memory first. A read whose parameters or columns a COPY
 * cannot carry stays an ordinary one. Binding it anew in the middle of its
 * rows starts it again at its next step. The same SQL must always be
 * prepared the same way. */
stmt *store_prepare_many(store *db, const char *sql);
void stmt_bind_int(stmt *s, int idx, int64_t v);
/* NULL text binds SQL NULL. Text is not copied: it must stay as it is until
 * the statement has been stepped. */
void stmt_bind_text(stmt *s, int idx, const char *text);
void stmt_bind_null(stmt *s, int idx);
/* DATE_NONE binds NULL. */
void stmt_bind_date(stmt *s, int idx, date_t d);
/* STORE_ROW, STORE_DONE, STORE_CONSTRAINT or STORE_ERROR. */
int stmt_step(stmt *s);
/* Starts S, a read with its values bound, ahead of its first stmt_step, so
 * that the server can work on it while the caller reads another statement's
 * rows (the two reads of a report). The caller runs nothing else on the
 * connection until it steps S (anything that does waits for S first).
 * STORE_OK or an error; a backend that gains nothing from it (SQLite) does
 * nothing. */
int stmt_start(stmt *s);
/* A copy in A of the text in column COL, or NULL when it is SQL NULL (or
 * out of memory). */
const char *stmt_text_copy(stmt *s, int col, arena *a);
/* Fills ITEM from the current row of S, strings copied into A; false when
 * out of memory. */
typedef bool (*row_reader)(stmt *s, arena *a, void *item);
/* Steps S to its end, appending one ITEM_SIZE element per row, filled by READ,
 * to the arena array *ITEMS of *N (empty: NULL and 0). STORE_OK at the end,
 * else STORE_ERROR with the statement finished. */
int stmt_collect(stmt *s, arena *a, void *items, size_t *n, size_t item_size, row_reader read);
int64_t stmt_int(stmt *s, int col);
/* Column text, "" for NULL; valid until the next step. */
const char *stmt_text(stmt *s, int col);
bool stmt_null(stmt *s, int col);
/* DATE_NONE for NULL or an unreadable date. */
date_t stmt_date(stmt *s, int col);
/* Resets the statement (ends a read early). */
void stmt_done(stmt *s);
/* Steps a statement that returns no rows; STORE_OK or an error. */
int stmt_exec(stmt *s);
/* stmt_exec for a change of one row that may not be there: STORE_DONE when
 * S changed no row (the caller answers "not found" without writing its
 * audit line), else as stmt_exec. */
int store_exec_changing(store *db, stmt *s);
/* stmt_exec for a write whose outcome (a new row's id, the rows changed)
 * nobody reads, between store_bulk_begin and store_bulk_end: the backend may
 * hold it and send it with the next ones (PostgreSQL streams plain INSERTs
 * in one COPY and pipelines the rest), so an error can surface at a later
 * statement or at the commit instead. Outside a bulk load, stmt_exec. */
int stmt_exec_bulk(stmt *s);

/* Writes a consistent copy of the whole database to the new file PATH. */
int store_backup(store *db, const char *path);
/* Replaces the whole database with the groeipad database at PATH, checked
 * first (it must open and carry groeipad's migrations); STORE_CONSTRAINT
 * when PATH is not such a database, or (on a site) is a backup of another
 * organisation and OTHER_ORG does not say that is meant. */
int store_restore(store *db, const char *path, bool other_org);
/* Checks PATH as store_restore does before it replaces anything, and
 * changes nothing: STORE_OK when a restore of it may go on, else as
 * store_restore answers (so that a person is told before being asked). */
int store_restore_check(store *db, const char *path, bool other_org);

/* The single integer that SQL (a query without parameters, such as a
 * count) returns, or -1 on error. */
int64_t store_count(store *db, const char *sql);
/* The integer in the first column of the row SQL finds for its one
 * parameter KEY, 0 when it finds none, -1 on error: the "which row is it,
 * whose is it" lookup (ids are never 0). */
int64_t store_int_by_id(store *db, const char *sql, int64_t key);
int64_t store_int_by_text(store *db, const char *sql, const char *key);

/* Runs SQL that the store built itself from checked names (a schema, a
 * table: what PostgreSQL takes no parameter for), without parameters, rows
 * or caching. Never for data. */
int store_exec_once(store *db, const char *sql);

/* The id of the row the last INSERT made; also right after a stmt_exec_bulk
 * of a plain INSERT (PostgreSQL then answers without a round trip: its COPY
 * numbers the rows itself). */
int64_t store_last_id(store *db);
int store_changes(store *db);

#endif

/* backend.h - what a storage backend implements behind store.h.
 *
 * store.c holds the public functions of store.h and calls the backend through
 * the table of operations that every connection and statement carries first;
 * sqlite.c and pg.c each fill one table. Nothing outside store/ includes
 * this file. */
#ifndef GP_STORE_BACKEND_H
#define GP_STORE_BACKEND_H
#include "store/store.h"

typedef struct store_ops {
    const char *name; /* "sqlite" or "pg" */
    void (*close)(store *db);
    const char *(*error)(store *db);
    int (*migrate)(store *db, int *applied);
    int (*schema_version)(store *db);
    int (*check_tables)(store *db);
    int (*begin)(store *db);
    int (*commit)(store *db);
    void (*rollback)(store *db);
    void (*release_memory)(store *db);
    int (*bulk_begin)(store *db);
    void (*bulk_end)(store *db);
    int (*deleting_many)(store *db, const char *table);
    stmt *(*prepare)(store *db, const char *sql);
    void (*bind_int)(stmt *s, int idx, int64_t v);
    void (*bind_text)(stmt *s, int idx, const char *text);
    void (*bind_null)(stmt *s, int idx);
    void (*bind_date)(stmt *s, int idx, date_t d);
    int (*step)(stmt *s);
    int (*start)(stmt *s); /* NULL: nothing to start early */
    void (*many_rows)(stmt *s); /* NULL: rows come one at a time anyway */
    int (*exec_bulk)(stmt *s);
    int64_t (*column_int)(stmt *s, int col);
    const char *(*column_text)(stmt *s, int col);
    bool (*column_null)(stmt *s, int col);
    void (*done)(stmt *s);
    int (*backup)(store *db, const char *path);
    int (*restore)(store *db, const char *path, bool other_org);
    int (*restore_check)(store *db, const char *path, bool other_org);
    int64_t (*last_id)(store *db);
    int (*changes)(store *db);
    int (*exec_once)(store *db, const char *sql);
    int (*use_org)(store *db, const char *org);
    int (*open_again)(store *db, store **out, str *err);
    bool (*reachable)(store *db); /* NULL: always */
} store_ops;

/* The first member of every backend's connection and statement. */
struct store {
    const store_ops *ops;
};
struct stmt {
    const store_ops *ops;
    const char *key; /* the caller's string's address: the cache's key */
    char *sql;       /* a copy of its text, owned (stmt_base_init) */
};

/* Sets up the base of a new statement for SQL: OPS, the key, a copy of the
 * text (freed by stmt_base_free). False when out of memory. */
bool stmt_base_init(stmt *s, const store_ops *ops, const char *sql);
void stmt_base_free(stmt *s);

/* A connection's compiled statements, keyed by the address of their SQL
 * (store.h: a string literal is compiled once) and checked against its
 * text, so that SQL written in a buffer that later holds other SQL (a
 * test's, a second call's) never meets the first's statement: open
 * addressing, the capacity a power of two; a statement stays where it was
 * allocated, so callers may hold it. */
typedef struct stmt_cache {
    stmt **slots;
    size_t cap, used;
} stmt_cache;

/* The statement cached for SQL, or NULL. */
stmt *stmt_cache_find(const stmt_cache *c, const char *sql);
/* Makes room for one more statement; false when out of memory. */
bool stmt_cache_reserve(stmt_cache *c);
/* Adds S (after stmt_cache_reserve) under s->key. */
void stmt_cache_add(stmt_cache *c, stmt *s);
/* Calls EACH on every cached statement. */
void stmt_cache_each(stmt_cache *c, void (*each)(stmt *s));
/* Frees every statement with FREE_STMT, then the cache. */
void stmt_cache_free(stmt_cache *c, void (*free_stmt)(stmt *s));

int sqlite_open(const char *path, store **out, str *err);
int pg_open(const char *url, const char *org, store **out, str *err);

#endif

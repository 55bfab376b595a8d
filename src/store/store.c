/* store.c - the public face of store.h: picks the backend a target names and
 * passes every call on to it (backend.h); what is the same on every backend
 * (a transaction's end, a count, a date column) is written here once. */
#include "store/backend.h"
#include <stdlib.h>
#include <string.h>

bool store_target_is_pg(const char *target)
{
    return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

int store_open(const char *target, store **out, str *err)
{
    return store_open_org(target, NULL, out, err);
}

int store_open_org(const char *target, const char *org, store **out, str *err)
{
    if (store_target_is_pg(target))
        return pg_open(target, org, out, err);
    if (org) {
        *out = NULL;
        str_puts(err, "--org needs a PostgreSQL site (--pg URL); a SQLite file holds one "
                      "organisation");
        return STORE_ERROR;
    }
    return sqlite_open(target, out, err);
}

int store_open_again(store *db, store **out, str *err)
{
    return db->ops->open_again(db, out, err);
}

const char *store_backend(store *db)
{
    return db->ops->name;
}

void store_close(store *db)
{
    if (db)
        db->ops->close(db);
}

const char *store_error(store *db) { return db->ops->error(db); }
int store_migrate(store *db, int *applied) { return db->ops->migrate(db, applied); }
int store_schema_version(store *db) { return db->ops->schema_version(db); }
bool store_reachable(store *db) { return !db->ops->reachable || db->ops->reachable(db); }
int store_check_tables(store *db) { return db->ops->check_tables(db); }
int store_begin(store *db) { return db->ops->begin(db); }
int store_commit(store *db) { return db->ops->commit(db); }
void store_rollback(store *db) { db->ops->rollback(db); }
void store_release_memory(store *db) { db->ops->release_memory(db); }
int store_bulk_begin(store *db) { return db->ops->bulk_begin(db); }
void store_bulk_end(store *db) { db->ops->bulk_end(db); }
int store_deleting_many(store *db, const char *table) { return db->ops->deleting_many(db, table); }
stmt *store_prepare(store *db, const char *sql) { return db->ops->prepare(db, sql); }
stmt *store_prepare_many(store *db, const char *sql)
{
    stmt *s = store_prepare(db, sql);
    if (s && s->ops->many_rows)
        s->ops->many_rows(s);
    return s;
}
int store_backup(store *db, const char *path) { return db->ops->backup(db, path); }
int store_restore(store *db, const char *path, bool other_org)
{
    return db->ops->restore(db, path, other_org);
}

int store_restore_check(store *db, const char *path, bool other_org)
{
    return db->ops->restore_check(db, path, other_org);
}
int64_t store_last_id(store *db) { return db->ops->last_id(db); }
int store_changes(store *db) { return db->ops->changes(db); }
int store_exec_once(store *db, const char *sql) { return db->ops->exec_once(db, sql); }

void stmt_bind_int(stmt *s, int idx, int64_t v) { s->ops->bind_int(s, idx, v); }
void stmt_bind_text(stmt *s, int idx, const char *text) { s->ops->bind_text(s, idx, text); }
void stmt_bind_null(stmt *s, int idx) { s->ops->bind_null(s, idx); }
void stmt_bind_date(stmt *s, int idx, date_t d) { s->ops->bind_date(s, idx, d); }
int stmt_step(stmt *s) { return s->ops->step(s); }
int stmt_start(stmt *s) { return s->ops->start ? s->ops->start(s) : STORE_OK; }
int64_t stmt_int(stmt *s, int col) { return s->ops->column_int(s, col); }
const char *stmt_text(stmt *s, int col) { return s->ops->column_text(s, col); }
bool stmt_null(stmt *s, int col) { return s->ops->column_null(s, col); }
void stmt_done(stmt *s) { s->ops->done(s); }

int store_end(store *db, int rc)
{
    if (rc == STORE_OK && (rc = store_commit(db)) == STORE_OK)
        return STORE_OK;
    store_rollback(db);
    return rc;
}

date_t stmt_date(stmt *s, int col)
{
    const char *t = stmt_text(s, col);
    date_t d;
    if (stmt_null(s, col) || !date_parse(t, strlen(t), &d))
        return DATE_NONE;
    return d;
}

int stmt_exec(stmt *s)
{
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        stmt_done(s);
        return STORE_OK;
    }
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_exec_changing(store *db, stmt *s)
{
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    return store_changes(db) == 0 ? STORE_DONE : STORE_OK;
}

int stmt_exec_bulk(stmt *s)
{
    return s->ops->exec_bulk(s);
}

int64_t store_count(store *db, const char *sql)
{
    stmt *s = store_prepare(db, sql);
    if (!s || stmt_step(s) != STORE_ROW)
        return -1;
    int64_t n = stmt_int(s, 0);
    stmt_done(s);
    return n;
}

/* The first column of S's first row (its parameter bound), 0 without one. */
static int64_t first_int(stmt *s)
{
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? 0 : -1;
    int64_t v = stmt_int(s, 0);
    stmt_done(s);
    return v;
}

int64_t store_int_by_id(store *db, const char *sql, int64_t key)
{
    stmt *s = store_prepare(db, sql);
    if (!s)
        return -1;
    stmt_bind_int(s, 1, key);
    return first_int(s);
}

int64_t store_int_by_text(store *db, const char *sql, const char *key)
{
    stmt *s = store_prepare(db, sql);
    if (!s)
        return -1;
    stmt_bind_text(s, 1, key);
    return first_int(s);
}

int64_t store_data_version(store *db)
{
    return store_count(db, "SELECT version FROM data_version");
}

static size_t slot_of(const char *sql, size_t cap)
{
    uintptr_t h = (uintptr_t)sql;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (cap - 1);
}

bool stmt_base_init(stmt *s, const store_ops *ops, const char *sql)
{
    s->ops = ops;
    s->key = sql;
    s->sql = strdup(sql);
    return s->sql != NULL;
}

void stmt_base_free(stmt *s)
{
    free(s->sql);
    s->sql = NULL;
}

stmt *stmt_cache_find(const stmt_cache *c, const char *sql)
{
    if (!c->cap)
        return NULL;
    for (size_t i = slot_of(sql, c->cap); c->slots[i]; i = (i + 1) & (c->cap - 1))
        if (c->slots[i]->key == sql && strcmp(c->slots[i]->sql, sql) == 0)
            return c->slots[i];
    return NULL;
}

static void put(stmt **slots, size_t cap, stmt *s)
{
    size_t i = slot_of(s->key, cap);
    while (slots[i])
        i = (i + 1) & (cap - 1);
    slots[i] = s;
}

bool stmt_cache_reserve(stmt_cache *c)
{
    if ((c->used + 1) * 2 <= c->cap)
        return true;
    size_t cap = c->cap ? c->cap * 2 : 64;
    stmt **fresh = calloc(cap, sizeof *fresh);
    if (!fresh)
        return false;
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i])
            put(fresh, cap, c->slots[i]);
    free(c->slots);
    c->slots = fresh;
    c->cap = cap;
    return true;
}

void stmt_cache_add(stmt_cache *c, stmt *s)
{
    put(c->slots, c->cap, s);
    c->used++;
}

void stmt_cache_each(stmt_cache *c, void (*each)(stmt *s))
{
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i])
            each(c->slots[i]);
}

void stmt_cache_free(stmt_cache *c, void (*free_stmt)(stmt *s))
{
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i])
            free_stmt(c->slots[i]);
    free(c->slots);
    *c = (stmt_cache){0};
}

/* orgs.c - the registry of a PostgreSQL site: its organisations. */
#include "store/orgs.h"
#include "store/backend.h"
#include "store/data.h"
#include "util/text.h"
#include <stdio.h>
#include <string.h>

bool org_slug_valid(const char *slug)
{
    size_t n = strlen(slug);
    if (n == 0 || n > 40)
        return false;
    for (const char *p = slug; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

bool org_name_valid(const char *name)
{
    return text_is_name(name, ORG_NAME_MAX);
}

/* A SQLite file is one organisation: there is no registry to ask. */
static bool has_registry(store *db)
{
    return strcmp(store_backend(db), "pg") == 0;
}

/* 1 when the site's registry of organisations is made, 0 when not yet,
 * -1 when the server does not answer. to_regclass, not the pg_tables view:
 * every command asks this first, and planning that view on a fresh
 * connection cost 1.3 ms of a 10 ms command. */
static int registry_made(store *db)
{
    int64_t made = store_count(db, "SELECT count(*) FROM (SELECT "
                                   "to_regclass('registry.organisations') AS t) r "
                                   "WHERE t IS NOT NULL");
    return made < 0 ? -1 : made > 0;
}

int orgs_exists(store *db, const char *slug)
{
    if (!has_registry(db))
        return 0;
    int made = registry_made(db);
    if (made <= 0)
        return made;
    stmt *s = store_prepare(db, "SELECT count(*) FROM registry.organisations WHERE slug = ?");
    if (!s)
        return -1;
    stmt_bind_text(s, 1, slug);
    if (stmt_step(s) != STORE_ROW)
        return -1;
    int found = stmt_int(s, 0) > 0;
    stmt_done(s);
    return found;
}

int orgs_add(store *db, const char *slug, const char *name)
{
    if (!has_registry(db) || !org_slug_valid(slug) || !org_name_valid(name))
        return STORE_ERROR;
    int rc = store_begin(db);
    if (rc != STORE_OK)
        return rc;
    stmt *s = store_prepare(db, "INSERT INTO registry.organisations(slug, name, created_at) "
                                "VALUES (?, ?, ?)");
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    if (!s)
        return store_end(db, STORE_ERROR);
    stmt_bind_text(s, 1, slug);
    stmt_bind_text(s, 2, name);
    stmt_bind_text(s, 3, now);
    rc = stmt_exec(s);
    if (rc == STORE_OK) {
        /* The slug was checked above: only a-z, 0-9 and _ reach this SQL. */
        char sql[96];
        snprintf(sql, sizeof sql, "CREATE SCHEMA org_%s", slug);
        rc = store_exec_once(db, sql);
    }
    return store_end(db, rc);
}

int orgs_size(store *db, const char *slug, int64_t *employees, int64_t *logins)
{
    *logins = -1;
    if (employees)
        *employees = -1;
    if (!has_registry(db) || !org_slug_valid(slug))
        return STORE_ERROR;
    /* The slug was checked above: only a-z, 0-9 and _ reach this SQL. */
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM org_%s.employees", slug);
    if (employees && (*employees = store_count(db, sql)) < 0)
        return STORE_ERROR;
    stmt *s = store_prepare(db, "SELECT count(*) FROM registry.memberships WHERE org = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, slug);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *logins = stmt_int(s, 0);
    stmt_done(s);
    return STORE_OK;
}

/* A row's first column as text, for stmt_collect into an array of texts. */
static bool read_text(stmt *s, arena *a, void *item)
{
    const char **text = item;
    *text = stmt_text_copy(s, 0, a);
    return *text != NULL;
}

int orgs_only_logins(store *db, arena *a, const char *slug, const char ***logins, size_t *n)
{
    *logins = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT a.login FROM registry.accounts a JOIN "
                                "registry.memberships m ON m.account_id = a.id WHERE m.org = ? "
                                "AND NOT EXISTS (SELECT 1 FROM registry.memberships o WHERE "
                                "o.account_id = a.id AND o.org <> ?) ORDER BY a.login");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, slug);
    stmt_bind_text(s, 2, slug);
    return stmt_collect(s, a, logins, n, sizeof **logins, read_text);
}

/* Marks the sessions working in organisation SLUG (named NAME) as having
 * lost it, before it goes (see orgs_remove). */
static int sessions_lose(store *db, const char *slug, const char *name)
{
    stmt *s = store_prepare(db, "UPDATE registry.sessions SET lost = ? WHERE org = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, name);
    stmt_bind_text(s, 2, slug);
    return stmt_exec(s);
}

int orgs_remove(store *db, const char *actor, const char *slug)
{
    if (!has_registry(db) || !org_slug_valid(slug))
        return STORE_ERROR;
    int rc = store_begin(db);
    if (rc != STORE_OK)
        return rc;
    arena a = ARENA_INIT;
    const char *name = orgs_name(db, &a, slug);
    if (!name) {
        arena_free(&a);
        return store_end(db, STORE_DONE);
    }
    /* Its memberships and tokens go with it (ON DELETE CASCADE); its
     * logins stay, as they may belong to other organisations, and the
     * sessions in it go back to choosing one (SET NULL), saying which they
     * lost. */
    rc = sessions_lose(db, slug, name);
    stmt *s = rc == STORE_OK
                  ? store_prepare(db, "DELETE FROM registry.organisations WHERE slug = ?")
                  : NULL;
    if (s) {
        stmt_bind_text(s, 1, slug);
        rc = stmt_exec(s);
    } else {
        rc = STORE_ERROR;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "DROP SCHEMA org_%s CASCADE", slug);
    if (rc == STORE_OK)
        rc = store_exec_once(db, sql);
    if (rc == STORE_OK)
        rc = audit_write(db, actor, "remove", "organisation", slug, name, NULL);
    arena_free(&a);
    return store_end(db, rc);
}

const char *orgs_name(store *db, arena *a, const char *slug)
{
    stmt *s = store_prepare(db, "SELECT name FROM registry.organisations WHERE slug = ?");
    if (!s)
        return NULL;
    stmt_bind_text(s, 1, slug);
    const char *name = stmt_step(s) == STORE_ROW ? stmt_text_copy(s, 0, a) : NULL;
    stmt_done(s);
    return name;
}

static bool read_org(stmt *s, arena *a, void *item)
{
    organisation *o = item;
    o->slug = stmt_text_copy(s, 0, a);
    o->name = stmt_text_copy(s, 1, a);
    o->created_at = stmt_text_copy(s, 2, a);
    return o->slug && o->name && o->created_at;
}

int orgs_list(store *db, arena *a, organisation **orgs, size_t *n)
{
    *orgs = NULL;
    *n = 0;
    if (!has_registry(db))
        return STORE_ERROR;
    int made = registry_made(db);
    if (made <= 0)
        return made < 0 ? STORE_ERROR : STORE_OK; /* no registry yet: no organisations */
    stmt *s = store_prepare(db, "SELECT slug, name, created_at FROM registry.organisations "
                                "ORDER BY slug");
    return s ? stmt_collect(s, a, orgs, n, sizeof **orgs, read_org) : STORE_ERROR;
}

int orgs_holding_address(store *db, arena *a, const char *kind, const char *public_id,
                         const char ***slugs, size_t *n)
{
    *slugs = NULL;
    *n = 0;
    if (!has_registry(db))
        return STORE_ERROR;
    stmt *s = store_prepare(db, "SELECT org FROM registry.public_addresses WHERE kind = ? AND "
                                "public_id = ? ORDER BY org");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, kind);
    stmt_bind_text(s, 2, public_id);
    return stmt_collect(s, a, slugs, n, sizeof **slugs, read_text);
}

int orgs_keep_address(store *db, const char *kind, const char *gone, const char *public_id)
{
    if (!has_registry(db))
        return STORE_OK;
    if (gone) {
        stmt *d = store_prepare(db, "DELETE FROM registry.public_addresses WHERE kind = ? AND "
                                    "public_id = ? AND org = registry.current_org()");
        if (!d)
            return STORE_ERROR;
        stmt_bind_text(d, 1, kind);
        stmt_bind_text(d, 2, gone);
        if (stmt_exec(d) != STORE_OK)
            return STORE_ERROR;
    }
    stmt *s = store_prepare(db, "INSERT INTO registry.public_addresses(kind, public_id, org) "
                                "VALUES (?, ?, registry.current_org()) ON CONFLICT DO NOTHING");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, kind);
    stmt_bind_text(s, 2, public_id);
    return stmt_exec(s);
}

/* site.c - a multi-organisation site's sessions and memberships. */
#include "store/site.h"
#include "store/backend.h"
#include "store/data.h"
#include <string.h>

int site_token_org(store *db, arena *a, const char *token_hash, bool bearer, const char **org,
                   const char **name, int *orgs, const char **lost)
{
    *org = *name = *lost = NULL;
    *orgs = 0;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_ISO, 0, now);
    /* The organisation's name and how many the login has come with it: a
     * request on a site asks the registry once. */
    stmt *s = bearer
                  ? store_prepare(db, "SELECT t.org, o.name, (SELECT count(*) FROM "
                                      "registry.memberships m WHERE m.account_id = t.user_id), "
                                      "NULL FROM registry.api_tokens t LEFT JOIN "
                                      "registry.organisations o ON o.slug = t.org "
                                      "WHERE t.token_hash = ?")
                  : store_prepare(db, "SELECT t.org, o.name, (SELECT count(*) FROM "
                                      "registry.memberships m WHERE m.account_id = t.user_id), "
                                      "t.lost FROM registry.sessions t LEFT JOIN "
                                      "registry.organisations o ON o.slug = t.org "
                                      "WHERE t.token_hash = ? AND t.expires_at > ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, token_hash);
    if (!bearer)
        stmt_bind_text(s, 2, now);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    *org = stmt_text_copy(s, 0, a);
    *name = stmt_text_copy(s, 1, a);
    *orgs = (int)stmt_int(s, 2);
    *lost = stmt_null(s, 3) ? NULL : stmt_text_copy(s, 3, a);
    stmt_done(s);
    return STORE_ROW;
}

int store_use_org(store *db, const char *org)
{
    return db->ops->use_org(db, org);
}

static bool read_membership(stmt *s, arena *a, void *item)
{
    membership *m = item;
    m->org = stmt_text_copy(s, 0, a);
    m->name = stmt_text_copy(s, 1, a);
    m->role = stmt_text_copy(s, 2, a);
    return m->org && m->name && m->role;
}

int site_memberships(store *db, arena *a, const char *token_hash, membership **list, size_t *n)
{
    *list = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT m.org, o.name, m.role FROM registry.sessions s "
                                "JOIN registry.memberships m ON m.account_id = s.user_id "
                                "JOIN registry.organisations o ON o.slug = m.org "
                                "WHERE s.token_hash = ? ORDER BY o.name, m.org");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, token_hash);
    return stmt_collect(s, a, list, n, sizeof **list, read_membership);
}

int site_session_choose(store *db, const char *actor, const char *token_hash, const char *org)
{
    stmt *s = store_prepare(db, "UPDATE registry.sessions SET org = ?, lost = NULL WHERE "
                                "token_hash = ? AND "
                                "EXISTS (SELECT 1 FROM registry.memberships m WHERE "
                                "m.account_id = registry.sessions.user_id AND m.org = ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, org);
    stmt_bind_text(s, 2, token_hash);
    stmt_bind_text(s, 3, org);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) != 1)
        return STORE_DONE;
    /* In the site's log, not the organisation's the session was in: that
     * one travels in its backup, and would tell it the person's others. */
    return audit_write_site(db, actor, "choose", "session", org, NULL, NULL);
}

int site_grant(store *db, const char *actor, const char *login, const char *role,
               const char *employee_number)
{
    if (strcmp(store_backend(db), "pg") != 0)
        return STORE_DONE; /* a SQLite file has no site and no other login */
    /* A sector account reads the sector reports and nothing else: it never
     * gets a role in an organisation (it would read its people). */
    stmt *s = store_prepare(db, "INSERT INTO registry.memberships(account_id, org, role, "
                                "employee) SELECT id, registry.current_org(), ?, ? FROM "
                                "registry.accounts WHERE login = ? AND sector = 0");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, role);
    stmt_bind_text(s, 2, employee_number);
    stmt_bind_text(s, 3, login);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) != 1)
        return STORE_DONE;
    return audit_write(db, actor, "grant", "user", login, NULL, role);
}

const char *site_org_name(store *db, arena *a)
{
    if (strcmp(store_backend(db), "pg") != 0)
        return NULL; /* a SQLite file has no site */
    stmt *s = store_prepare(db, "SELECT name FROM registry.organisations WHERE slug = "
                                "registry.current_org()");
    if (!s)
        return NULL;
    const char *name = stmt_step(s) == STORE_ROW ? stmt_text_copy(s, 0, a) : NULL;
    stmt_done(s);
    return name;
}

int site_rename_org(store *db, const char *actor, const char *name)
{
    if (strcmp(store_backend(db), "pg") != 0)
        return STORE_OK; /* a SQLite file has no site */
    /* the FROM reads the row as it was: the old name, for the log */
    stmt *s = store_prepare(db, "UPDATE registry.organisations o SET name = ? FROM (SELECT slug, "
                                "name FROM registry.organisations WHERE slug = "
                                "registry.current_org()) was WHERE o.slug = was.slug AND "
                                "was.name <> ? RETURNING o.slug, was.name");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, name);
    stmt_bind_text(s, 2, name);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_OK : rc; /* the same name, or the registry itself */
    arena a = ARENA_INIT;
    const char *slug = stmt_text_copy(s, 0, &a), *was = stmt_text_copy(s, 1, &a);
    stmt_done(s);
    /* The site's own log says it too, with both names: every member sees
     * the new one, and the old one is in no organisation's log. */
    rc = slug && was ? audit_write_site(db, actor, "rename", "organisation", slug, was, name)
                     : STORE_ERROR;
    arena_free(&a);
    return rc;
}

/* Reads account LOGIN of the site: its password hash into *HASH (copied into
 * A, when HASH) and whether it is a sector account into *SECTOR (when
 * SECTOR). STORE_ROW, STORE_DONE when there is no such login. */
static int read_account(store *db, arena *a, const char *login, const char **hash, bool *sector)
{
    stmt *s = store_prepare(db, "SELECT password_hash, sector FROM registry.accounts "
                                "WHERE login = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, login);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    if (sector)
        *sector = stmt_int(s, 1) == 1;
    if (hash && !(*hash = stmt_text_copy(s, 0, a)))
        rc = STORE_ERROR;
    stmt_done(s);
    return rc;
}

int site_account_hash(store *db, arena *a, const char *login, const char **hash)
{
    *hash = NULL;
    if (strcmp(store_backend(db), "pg") != 0)
        return STORE_DONE; /* a SQLite file has no site */
    return read_account(db, a, login, hash, NULL);
}

int site_sector_account_add(store *db, const char *actor, const char *login,
                            const char *password_hash)
{
    stmt *s = store_prepare(db, "INSERT INTO registry.accounts(login, password_hash, sector, "
                                "created_at) VALUES (?, ?, 1, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, login);
    stmt_bind_text(s, 2, password_hash);
    stmt_bind_text(s, 3, now);
    int rc = stmt_exec(s);
    return rc == STORE_OK ? audit_write(db, actor, "create", "sector_account", login, NULL, NULL)
                          : rc;
}

int site_is_sector_account(store *db, const char *login)
{
    bool sector = false;
    int rc = read_account(db, NULL, login, NULL, &sector);
    return rc == STORE_ROW && !sector ? STORE_DONE : rc;
}

int site_login_shared(store *db, const char *login)
{
    if (strcmp(store_backend(db), "pg") != 0)
        return 0; /* a SQLite file: one organisation, its own logins */
    /* Only a login of this organisation: another's is "no such user" here,
     * and saying it belongs elsewhere would tell that it exists. */
    stmt *s = store_prepare(db, "SELECT count(*) FROM registry.accounts a JOIN "
                                "registry.memberships m ON m.account_id = a.id WHERE "
                                "a.login = ? AND m.org IS DISTINCT FROM registry.current_org() "
                                "AND EXISTS (SELECT 1 FROM registry.memberships h WHERE "
                                "h.account_id = a.id AND h.org = registry.current_org())");
    if (!s)
        return -1;
    stmt_bind_text(s, 1, login);
    if (stmt_step(s) != STORE_ROW)
        return -1;
    int shared = stmt_int(s, 0) > 0;
    stmt_done(s);
    return shared;
}

int site_end_unchosen_sessions(store *db, const char *login)
{
    if (strcmp(store_backend(db), "pg") != 0)
        return STORE_OK; /* a SQLite file: every session is the file's */
    stmt *s = store_prepare(db, "DELETE FROM registry.sessions WHERE org IS NULL AND user_id = "
                                "(SELECT a.id FROM registry.accounts a JOIN registry.memberships "
                                "m ON m.account_id = a.id WHERE a.login = ? AND "
                                "m.org = registry.current_org())");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, login);
    return stmt_exec(s);
}

int sector_figures_get(store *db, int year, int dimension, arena *a, const char **figures)
{
    *figures = NULL;
    /* Only a row of the data's present version: any change since moved the
     * version on and the row no longer joins. */
    stmt *s = store_prepare(db, "SELECT f.figures FROM sector_figures f JOIN data_version v "
                                "ON v.version = f.version WHERE f.year = ? AND f.dimension = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    stmt_bind_int(s, 2, dimension);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        *figures = arena_strdup(a, stmt_text(s, 0));
        stmt_done(s);
        if (!*figures)
            return STORE_ERROR;
    }
    return rc;
}

int sector_figures_put(store *db, int year, int dimension, int64_t version, const char *figures)
{
    int rc = store_begin(db);
    if (rc != STORE_OK)
        return rc;
    stmt *s = store_prepare(db, "INSERT INTO sector_figures(year, dimension, version, figures) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (year, dimension) DO UPDATE "
                                "SET version = excluded.version, figures = excluded.figures");
    if (s) {
        stmt_bind_int(s, 1, year);
        stmt_bind_int(s, 2, dimension);
        stmt_bind_int(s, 3, version);
        stmt_bind_text(s, 4, figures);
    }
    return store_end(db, s ? stmt_exec(s) : STORE_ERROR);
}

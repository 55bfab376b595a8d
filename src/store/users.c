/* users.c - user accounts, browser sessions and API tokens. */
#include "store/data.h"
#include "store/site.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define USER_COLS "u.id, u.login, u.role, u.employee_id, e.employee_id, u.lang"
#define USER_FROM " FROM users u LEFT JOIN employees e ON e.id = u.employee_id "

/* Reads the USER_COLS at column FIRST of S into *u, strings copied into A. */
static int read_user(stmt *s, int first, arena *a, user *u)
{
    memset(u, 0, sizeof *u);
    u->id = stmt_int(s, first);
    u->login = arena_strdup(a, stmt_text(s, first + 1));
    u->role = role_from_name(stmt_text(s, first + 2));
    u->employee_row = stmt_int(s, first + 3);
    u->employee_id = stmt_text_copy(s, first + 4, a);
    u->lang = stmt_text_copy(s, first + 5, a);
    if (!u->login || (!u->employee_id && !stmt_null(s, first + 4)))
        return STORE_ERROR;
    return STORE_ROW;
}

int users_add(store *db, const char *actor, const char *login, const char *password_hash,
              int role, const char *employee_id)
{
    int64_t emp = 0;
    if (employee_id && (emp = employees_row(db, employee_id)) <= 0)
        return emp < 0 ? STORE_ERROR : STORE_CONSTRAINT;
    if (emp) { /* one login per employee */
        arena a = ARENA_INIT;
        const char *has = NULL;
        int linked = users_of_employee(db, &a, employee_id, &has);
        arena_free(&a);
        if (linked != STORE_DONE)
            return linked == STORE_ROW ? STORE_CONSTRAINT : STORE_ERROR;
    }
    stmt *s = store_prepare(db, "INSERT INTO users(login, password_hash, role, employee_id, "
                                "created_at) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, login);
    stmt_bind_text(s, 2, password_hash);
    stmt_bind_text(s, 3, role_name(role));
    if (emp)
        stmt_bind_int(s, 4, emp);
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 5, now);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    json_t *j = json_pack("{s:s, s:s, s:s?}", "login", login, "role", role_name(role),
                          "employee_id", employee_id);
    char *after = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    rc = after ? audit_write(db, actor, "create", "user", login, NULL, after) : STORE_ERROR;
    free(after);
    json_decref(j);
    return rc;
}

int users_of_employee(store *db, arena *a, const char *employee_id, const char **login)
{
    *login = NULL;
    stmt *s = store_prepare(db, "SELECT u.login FROM users u JOIN employees e ON e.id = "
                                "u.employee_id WHERE e.employee_id = ? ORDER BY u.login LIMIT 1");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, employee_id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    *login = stmt_text_copy(s, 0, a);
    stmt_done(s);
    return *login ? STORE_ROW : STORE_ERROR;
}

int users_find(store *db, arena *a, const char *login, user *u, str *password_hash)
{
    stmt *s = store_prepare(db, "SELECT " USER_COLS ", u.password_hash" USER_FROM
                                "WHERE u.login = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, login);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    rc = read_user(s, 0, a, u);
    if (password_hash) {
        str_clear(password_hash);
        str_puts(password_hash, stmt_text(s, 6));
    }
    stmt_done(s);
    return rc;
}

int users_set_lang(store *db, int64_t user_id, const char *lang)
{
    stmt *s = store_prepare(db, "UPDATE users SET lang = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, lang);
    stmt_bind_int(s, 2, user_id);
    return stmt_exec(s);
}

static bool read_user_item(stmt *s, arena *a, void *item)
{
    return read_user(s, 0, a, item) == STORE_ROW;
}

int users_list(store *db, arena *a, user **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT " USER_COLS USER_FROM "ORDER BY u.login");
    if (!s)
        return STORE_ERROR;
    return stmt_collect(s, a, out, n, sizeof **out, read_user_item);
}

int users_set_password(store *db, const char *actor, const char *login, const char *hash,
                       bool site_wide)
{
    /* An organisation's user, or a site's account (the person's in every
     * organisation): the same change in the organisation's tables or in
     * the registry's. */
    static const char *const sql[2][3] = {
        {"UPDATE users SET password_hash = ? WHERE login = ?",
         "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE login = ?)",
         "DELETE FROM api_tokens WHERE user_id = (SELECT id FROM users WHERE login = ?)"},
        {"UPDATE registry.accounts SET password_hash = ? WHERE login = ?",
         "DELETE FROM registry.sessions WHERE user_id = "
         "(SELECT id FROM registry.accounts WHERE login = ?)",
         "DELETE FROM registry.api_tokens WHERE user_id = "
         "(SELECT id FROM registry.accounts WHERE login = ?)"}};
    const char *const *q = sql[site_wide];
    stmt *s = store_prepare(db, q[0]);
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, hash);
    stmt_bind_text(s, 2, login);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    /* A new password logs the old sessions out and revokes the API tokens
     * made with the old one. */
    for (size_t i = 1; i < 3; i++) {
        if (!(s = store_prepare(db, q[i])))
            return STORE_ERROR;
        stmt_bind_text(s, 1, login);
        if ((rc = stmt_exec(s)) != STORE_OK)
            return rc;
    }
    /* On a site, a session that has not chosen an organisation yet is in
     * none of them, so not in the organisation's sessions above. */
    if (!site_wide && (rc = site_end_unchosen_sessions(db, login)) != STORE_OK)
        return rc;
    return audit_write(db, actor, "password", "user", login, NULL, NULL);
}

int sessions_add(store *db, int64_t user_id, const char *token_hash, const char *csrf,
                 int lifetime_seconds)
{
    /* Expired sessions go when a new one comes, so the table stays small. */
    char now[TIME_TEXT_SIZE], expires[TIME_TEXT_SIZE];
    time_text(TIME_ISO, 0, now);
    time_text(TIME_ISO, lifetime_seconds, expires);
    stmt *old = store_prepare(db, "DELETE FROM sessions WHERE expires_at <= ?");
    if (!old)
        return STORE_ERROR;
    stmt_bind_text(old, 1, now);
    if (stmt_exec(old) != STORE_OK)
        return STORE_ERROR;
    stmt *s = store_prepare(db, "INSERT INTO sessions(token_hash, user_id, csrf, created_at, "
                                "expires_at) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, token_hash);
    stmt_bind_int(s, 2, user_id);
    stmt_bind_text(s, 3, csrf);
    stmt_bind_text(s, 4, now);
    stmt_bind_text(s, 5, expires);
    return stmt_exec(s);
}

int sessions_find(store *db, arena *a, const char *token_hash, user *u, str *csrf)
{
    stmt *s = store_prepare(db, "SELECT s.csrf, " USER_COLS " FROM sessions s "
                                "JOIN users u ON u.id = s.user_id "
                                "LEFT JOIN employees e ON e.id = u.employee_id "
                                "WHERE s.token_hash = ? AND "
                                "s.expires_at > ?");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_ISO, 0, now);
    stmt_bind_text(s, 1, token_hash);
    stmt_bind_text(s, 2, now);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    str_clear(csrf);
    str_puts(csrf, stmt_text(s, 0));
    rc = read_user(s, 1, a, u);
    stmt_done(s);
    return rc;
}

int sessions_delete(store *db, const char *token_hash)
{
    stmt *s = store_prepare(db, "DELETE FROM sessions WHERE token_hash = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, token_hash);
    return stmt_exec(s);
}

int tokens_add(store *db, int64_t user_id, const char *token_hash)
{
    stmt *s = store_prepare(db, "INSERT INTO api_tokens(token_hash, user_id, created_at) "
                                "VALUES (?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, token_hash);
    stmt_bind_int(s, 2, user_id);
    stmt_bind_text(s, 3, now);
    return stmt_exec(s);
}

int tokens_find(store *db, arena *a, const char *token_hash, user *u)
{
    stmt *s = store_prepare(db, "SELECT " USER_COLS " FROM api_tokens t "
                                "JOIN users u ON u.id = t.user_id "
                                "LEFT JOIN employees e ON e.id = u.employee_id "
                                "WHERE t.token_hash = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, token_hash);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    rc = read_user(s, 0, a, u);
    stmt_done(s);
    return rc;
}

/* Failed logins live in the audit log (entity "session", key the login name,
 * action "login_failed", after {"address": ...}), next to the successful ones
 * (action "login"); the index on (entity, entity_key) finds them. */

int logins_failed_add(store *db, const char *login, const char *address)
{
    json_t *j = json_pack("{s:s?}", "address", address);
    char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
    int rc = after ? audit_write(db, "anonymous", "login_failed", "session", login, NULL, after)
                   : STORE_ERROR;
    free(after);
    json_decref(j);
    return rc;
}

int logins_failed_recent(store *db, const char *login, int window_seconds, int64_t *count,
                         int64_t *retry_after)
{
    stmt *s = store_prepare(
        db, "SELECT count(*), min(at) FROM audit_log "
            "WHERE entity = 'session' AND entity_key = ? AND action = 'login_failed' "
            "AND at > ? AND id > coalesce("
            "(SELECT max(id) FROM audit_log WHERE entity = 'session' AND entity_key = ? "
            "AND action = 'login'), 0)");
    if (!s)
        return STORE_ERROR;
    char since[TIME_TEXT_SIZE];
    time_text(TIME_ISO_Z, -window_seconds, since);
    stmt_bind_text(s, 1, login);
    stmt_bind_text(s, 2, since);
    stmt_bind_text(s, 3, login);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_ERROR : rc;
    *count = stmt_int(s, 0);
    /* The first failure in the window lifts the throttle when it leaves it. */
    int64_t first = stmt_null(s, 1) ? -1 : time_parse(stmt_text(s, 1));
    *retry_after = first < 0 ? 0 : first + window_seconds - (int64_t)time(NULL);
    stmt_done(s);
    return STORE_OK;
}

int logins_failed_before_last(store *db, arena *a, const char *login, int64_t *count,
                              const char **last_at, const char **last_address)
{
    *count = 0;
    *last_at = *last_address = NULL;
    stmt *s = store_prepare(
        db, "WITH logins AS (SELECT id FROM audit_log WHERE entity = 'session' AND "
            "entity_key = ? AND action = 'login' ORDER BY id DESC LIMIT 2) "
            "SELECT count(*) OVER (), at, after FROM audit_log "
            "WHERE entity = 'session' AND entity_key = ? AND action = 'login_failed' "
            "AND id < (SELECT max(id) FROM logins) AND id > (SELECT CASE WHEN count(*) = 2 "
            "THEN min(id) ELSE 0 END FROM logins) ORDER BY id DESC LIMIT 1");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, login);
    stmt_bind_text(s, 2, login);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_OK : rc;
    *count = stmt_int(s, 0);
    *last_at = stmt_text_copy(s, 1, a);
    /* The address is in the line's JSON (logins_failed_add). */
    json_t *after = json_loads(stmt_text(s, 2), 0, NULL);
    const char *address = json_string_value(json_object_get(after, "address"));
    *last_address = address ? arena_strdup(a, address) : NULL;
    json_decref(after);
    stmt_done(s);
    return *last_at ? STORE_OK : STORE_ERROR;
}

/* Serialises the changes that may leave the organisation without an admin:
 * on a site two admins demoting each other at once would otherwise both see
 * the other one still there (a SQLite file's write transactions are one at a
 * time already). In the caller's transaction. */
static int lock_admins(store *db)
{
    if (strcmp(store_backend(db), "pg") != 0)
        return STORE_OK;
    stmt *s = store_prepare(db, "SELECT pg_advisory_xact_lock(hashtext('users of ' || "
                                "current_schema()))");
    if (!s)
        return STORE_ERROR;
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return STORE_ERROR;
    stmt_done(s);
    return STORE_OK;
}

/* Finds LOGIN of this organisation into *U (strings in A) and says in
 * *LAST whether they are its only admin, with the admins locked
 * (lock_admins). STORE_ROW, STORE_DONE when there is no such user. */
static int find_for_change(store *db, arena *a, const char *login, user *u, bool *last)
{
    int rc = lock_admins(db);
    if (rc == STORE_OK)
        rc = users_find(db, a, login, u, NULL);
    if (rc != STORE_ROW)
        return rc;
    int64_t others = users_admins_besides(db, login);
    if (others < 0)
        return STORE_ERROR;
    *last = u->role == ROLE_ADMIN && others == 0;
    return STORE_ROW;
}

int64_t users_admins_besides(store *db, const char *login)
{
    return store_int_by_text(db, "SELECT count(*) FROM users WHERE role = 'admin' AND login <> ?",
                             login);
}

/* Writes the audit line of a change to user LOGIN: BEFORE and AFTER are
 * JSON objects or NULL (taken over: this frees them). */
static int audit_user(store *db, const char *actor, const char *action, const char *login,
                      json_t *before, json_t *after)
{
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *f = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int rc = (before && !b) || (after && !f) ? STORE_ERROR
                                             : audit_write(db, actor, action, "user", login, b, f);
    free(b);
    free(f);
    json_decref(before);
    json_decref(after);
    return rc;
}

int users_set_role(store *db, const char *actor, const char *login, int role)
{
    arena a = ARENA_INIT;
    user u;
    bool last = false;
    int rc = find_for_change(db, &a, login, &u, &last);
    if (rc == STORE_ROW && u.role == role)
        rc = STORE_OK; /* nothing to change, nothing to log */
    else if (rc == STORE_ROW && last)
        rc = STORE_CONSTRAINT;
    else if (rc == STORE_ROW) {
        stmt *s = store_prepare(db, "UPDATE users SET role = ? WHERE id = ?");
        if (s) {
            stmt_bind_text(s, 1, role_name(role));
            stmt_bind_int(s, 2, u.id);
        }
        rc = s ? store_exec_changing(db, s) : STORE_ERROR;
        if (rc == STORE_OK)
            rc = audit_user(db, actor, "update", login,
                            json_pack("{s:s}", "role", role_name(u.role)),
                            json_pack("{s:s}", "role", role_name(role)));
    }
    arena_free(&a);
    return rc;
}

int users_set_employee(store *db, const char *actor, const char *login, int64_t employee_row)
{
    arena a = ARENA_INIT;
    user u;
    int rc = users_find(db, &a, login, &u, NULL);
    if (rc == STORE_ROW) {
        stmt *s = store_prepare(db, "UPDATE users SET employee_id = ? WHERE id = ?");
        if (s) {
            stmt_bind_int(s, 1, employee_row);
            stmt_bind_int(s, 2, u.id);
        }
        rc = s ? store_exec_changing(db, s) : STORE_ERROR;
        user now; /* the employee's number, as the audit names people */
        if (rc == STORE_OK && users_find(db, &a, login, &now, NULL) != STORE_ROW)
            rc = STORE_ERROR;
        if (rc == STORE_OK)
            rc = audit_user(db, actor, "update", login,
                            json_pack("{s:s?}", "employee_id", u.employee_id),
                            json_pack("{s:s?}", "employee_id", now.employee_id));
    }
    arena_free(&a);
    return rc;
}

int users_elsewhere(store *db, const char *login, int64_t *others)
{
    *others = -1;
    if (strcmp(store_backend(db), "pg") != 0)
        return STORE_OK;
    *others = store_int_by_text(db, "SELECT count(*) FROM registry.memberships m JOIN "
                                    "registry.accounts a ON a.id = m.account_id WHERE a.login = "
                                    "? AND m.org IS DISTINCT FROM registry.current_org()", login);
    return *others < 0 ? STORE_ERROR : STORE_OK;
}

int users_remove(store *db, const char *actor, const char *login, int64_t *others)
{
    *others = -1;
    arena a = ARENA_INIT;
    user u;
    bool last = false;
    int rc = find_for_change(db, &a, login, &u, &last);
    if (rc == STORE_ROW)
        rc = last ? STORE_CONSTRAINT : users_elsewhere(db, login, others);
    /* Their sessions and tokens here end, their calendar address closes;
     * then the user (on a site: the role here; the login itself goes with
     * its last organisation, pg/001_init.sql users_write). The sessions of
     * a login that works for other organisations of the site go back to
     * choosing one, saying which they lost (registry 005), instead of
     * logging its person out without a word. */
    static const char *const sql[] = {
        "DELETE FROM sessions WHERE user_id = ?",
        "DELETE FROM api_tokens WHERE user_id = ?",
        "DELETE FROM calendar_feeds WHERE user_id = ?",
        "DELETE FROM users WHERE id = ?"};
    static const char *const lose_sessions =
        "UPDATE registry.sessions SET org = NULL, lost = (SELECT name FROM "
        "registry.organisations WHERE slug = registry.current_org()) WHERE user_id = ? AND "
        "org = registry.current_org()";
    for (size_t i = 0; rc == STORE_OK && i < sizeof sql / sizeof *sql; i++) {
        const char *q = i == 0 && *others > 0 ? lose_sessions : sql[i];
        stmt *s = store_prepare(db, q);
        if (!s) {
            rc = STORE_ERROR;
            break;
        }
        stmt_bind_int(s, 1, u.id);
        rc = i + 1 < sizeof sql / sizeof *sql ? stmt_exec(s) : store_exec_changing(db, s);
    }
    if (rc == STORE_OK)
        rc = audit_user(db, actor, "delete", login,
                        json_pack("{s:s, s:s, s:s?}", "login", login, "role", role_name(u.role),
                                  "employee_id", u.employee_id),
                        NULL);
    /* the login went with its last organisation: the site's log says so
     * (the name is free again, and older lines elsewhere still name it) */
    if (rc == STORE_OK && *others == 0)
        rc = audit_write_site(db, actor, "delete", "account", login, NULL, NULL);
    arena_free(&a);
    return rc;
}

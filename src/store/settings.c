/* settings.c - organisation settings: a key-value table. */
#include "store/data.h"
#include "store/site.h"
#include <string.h>

int settings_get(store *db, const char *key, str *out)
{
    stmt *s = store_prepare(db, "SELECT value FROM settings WHERE key = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, key);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        str_clear(out);
        str_puts(out, stmt_text(s, 0));
        stmt_done(s);
        return str_ok(out) ? STORE_ROW : STORE_ERROR;
    }
    return rc;
}

int settings_set(store *db, const char *actor, const char *key, const char *value)
{
    str before = STR_INIT;
    int had = settings_get(db, key, &before);
    stmt *s = value ? store_prepare(db, "INSERT INTO settings(key, value) VALUES (?, ?) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                    : store_prepare(db, "DELETE FROM settings WHERE key = ?");
    int rc = had == STORE_ERROR || !s ? STORE_ERROR : STORE_OK;
    if (rc == STORE_OK) {
        stmt_bind_text(s, 1, key);
        if (value)
            stmt_bind_text(s, 2, value);
        rc = stmt_exec(s);
    }
    /* On a site the organisation's name is the registry's too; an unset name
     * leaves the registry's as it is, which then shows. */
    if (rc == STORE_OK && value && strcmp(key, "name") == 0)
        rc = site_rename_org(db, actor, value);
    if (rc == STORE_OK)
        rc = audit_write(db, actor, value ? "set" : "unset", "setting", key,
                         had == STORE_ROW ? str_cstr(&before) : NULL, value);
    str_free(&before);
    return rc;
}

int settings_each(store *db, void (*each)(const char *, const char *, void *), void *ctx)
{
    stmt *s = store_prepare(db, "SELECT key, value FROM settings ORDER BY key");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        each(stmt_text(s, 0), stmt_text(s, 1), ctx);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* audit.c - the audit log: who changed what, when, from what to what. */
#include "store/data.h"

/* Writes one line into TABLE's audit log (SQL is its INSERT). */
static int audit_insert(store *db, const char *sql, const char *actor, const char *action,
                        const char *entity, const char *key, const char *before,
                        const char *after)
{
    stmt *s = store_prepare(db, sql);
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_ISO_Z, 0, now);
    stmt_bind_text(s, 1, now);
    stmt_bind_text(s, 2, actor);
    stmt_bind_text(s, 3, action);
    stmt_bind_text(s, 4, entity);
    stmt_bind_text(s, 5, key);
    stmt_bind_text(s, 6, before);
    stmt_bind_text(s, 7, after);
    return stmt_exec(s);
}

int audit_write(store *db, const char *actor, const char *action, const char *entity,
                const char *key, const char *before, const char *after)
{
    return audit_insert(db, "INSERT INTO audit_log(at, actor, action, entity, entity_key, "
                            "before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        actor, action, entity, key, before, after);
}

int audit_write_site(store *db, const char *actor, const char *action, const char *entity,
                     const char *key, const char *before, const char *after)
{
    return audit_insert(db, "INSERT INTO registry.audit_log(at, actor, action, entity, "
                            "entity_key, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        actor, action, entity, key, before, after);
}

int64_t audit_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM audit_log");
}

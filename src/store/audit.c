/* audit.c - the audit log: who changed what, when, from what to what. */
#include "store/data.h"

int audit_write(store *db, const char *actor, const char *action, const char *entity,
                const char *key, const char *before, const char *after)
{
    stmt *s = store_prepare(db, "INSERT INTO audit_log(at, actor, action, entity, entity_key, "
                                "before, after) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                                "?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, actor);
    stmt_bind_text(s, 2, action);
    stmt_bind_text(s, 3, entity);
    stmt_bind_text(s, 4, key);
    stmt_bind_text(s, 5, before);
    stmt_bind_text(s, 6, after);
    return stmt_exec(s);
}

int64_t audit_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM audit_log");
}

/* claims.c - informal learning an employee logs themself, confirmed (into
 * the learning record) or declined by their manager or HR. */
#include "store/data.h"
#include <stdio.h>
#include <string.h>

int claims_add(store *db, const char *actor, int64_t employee_row, const learning_claim *c)
{
    stmt *s = store_prepare(db, "INSERT INTO learning_claims(employee_id, title, form, "
                                "start_date, hours, working_time, note, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_text(s, 2, c->title);
    stmt_bind_text(s, 3, vocab_name(&vocab_form, c->form));
    stmt_bind_date(s, 4, c->start_date);
    stmt_bind_int(s, 5, c->hours);
    if (c->working_time >= 0)
        stmt_bind_int(s, 6, c->working_time);
    stmt_bind_text(s, 7, c->note && *c->note ? c->note : NULL);
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 8, now);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)store_last_id(db));
    return audit_write(db, actor, "create", "learning_claim", key, NULL, c->title);
}

static bool read_claim(stmt *s, arena *a, void *item)
{
    learning_claim *c = item;
    const char *form = stmt_text(s, 4);
    c->id = stmt_int(s, 0);
    c->employee_id = arena_strdup(a, stmt_text(s, 1));
    c->employee_name = arena_strdup(a, stmt_text(s, 2));
    c->title = arena_strdup(a, stmt_text(s, 3));
    c->form = vocab_find(&vocab_form, form, strlen(form));
    c->start_date = stmt_date(s, 5);
    c->hours = stmt_int(s, 6);
    c->working_time = stmt_null(s, 7) ? -1 : (int)stmt_int(s, 7);
    c->note = stmt_text_copy(s, 8, a);
    c->status = arena_strdup(a, stmt_text(s, 9));
    return c->employee_id && c->employee_name && c->title && c->status &&
           (c->note || stmt_null(s, 8));
}

int claims_list(store *db, arena *a, int64_t employee_row, int64_t team_of, bool pending_only,
                learning_claim **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE "
                                "manager_id = ?2 UNION SELECT x.id FROM employees x JOIN team t "
                                "ON x.manager_id = t.id) "
                                "SELECT c.id, e.employee_id, e.first_name || ' ' || e.last_name, "
                                "c.title, c.form, c.start_date, c.hours, c.working_time, c.note, "
                                "c.status FROM learning_claims c "
                                "JOIN employees e ON e.id = c.employee_id "
                                "WHERE (?1 = 0 OR c.employee_id = ?1) AND (?2 = 0 OR "
                                "c.employee_id IN (SELECT id FROM team)) AND "
                                "(?3 = 0 OR c.status = 'pending') "
                                "ORDER BY c.start_date DESC, c.id DESC LIMIT 500");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, team_of);
    stmt_bind_int(s, 3, pending_only);
    return stmt_collect(s, a, out, n, sizeof **out, read_claim);
}

int64_t claims_employee(store *db, int64_t id)
{
    return store_int_by_id(db, "SELECT employee_id FROM learning_claims WHERE id = ?", id);
}

int claims_decide(store *db, const char *actor, int64_t id, bool confirm, int64_t *employee_row)
{
    stmt *s = store_prepare(db, "SELECT employee_id, title, start_date, hours, working_time "
                                "FROM learning_claims WHERE id = ? AND status = 'pending'");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    char title[1024];
    bool fits = copy_text(title, sizeof title, stmt_text(s, 1));
    learning_record r = {0};
    *employee_row = stmt_int(s, 0);
    r.own_type = r.type = TYPE_INFORMAL;
    r.title = title;
    r.start_date = r.end_date = stmt_date(s, 2);
    r.hours = stmt_int(s, 3);
    r.working_time = stmt_null(s, 4) ? -1 : (int)stmt_int(s, 4);
    r.result = RESULT_COMPLETED;
    stmt_done(s);
    if (!fits)
        return STORE_ERROR;
    int64_t record = 0;
    if (confirm) {
        if ((rc = learning_insert(db, &r, *employee_row, 0)) != STORE_OK)
            return rc;
        record = store_last_id(db);
    }
    s = store_prepare(db, "UPDATE learning_claims SET status = ?, decided_by = ?, "
                          "decided_at = ?, record_id = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, confirm ? "confirmed" : "declined");
    stmt_bind_text(s, 2, actor);
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 3, now);
    if (record)
        stmt_bind_int(s, 4, record);
    stmt_bind_int(s, 5, id);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return audit_write(db, actor, confirm ? "confirm" : "decline", "learning_claim", key,
                       "pending", confirm ? "confirmed" : "declined");
}

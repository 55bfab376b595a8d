/* certifications.c (store) - see certifications.h. */
#include "store/certifications.h"
#include "store/data.h"
#include <string.h>

/* Every employee with what rule 5 reads: dates, function, department and
 * manager, in employee_id order. */
static int load_people(store *db, arena *a, cert_facts *f)
{
    int64_t count = employees_count(db);
    if (count < 0)
        return STORE_ERROR;
    f->people = arena_alloc(a, ((size_t)count + 1) * sizeof *f->people);
    if (!f->people)
        return STORE_ERROR;
    stmt *s = store_prepare(db, "SELECT e.id, e.employee_id, e.hire_date, e.exit_date, fn.name, "
                                "d.name, m.employee_id, e.first_name, e.last_name "
                                "FROM employees e "
                                "JOIN functions fn ON fn.id = e.function_id "
                                "JOIN departments d ON d.id = e.department_id "
                                "LEFT JOIN employees m ON m.id = e.manager_id "
                                "ORDER BY e.employee_id");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && f->npeople < (size_t)count) {
        employee *e = &f->people[f->npeople];
        memset(e, 0, sizeof *e);
        e->id = stmt_int(s, 0);
        e->employee_id = stmt_text_copy(s, 1, a);
        e->hire_date = stmt_date(s, 2);
        e->exit_date = stmt_date(s, 3);
        e->function = stmt_text_copy(s, 4, a);
        e->department = stmt_text_copy(s, 5, a);
        e->manager_id = stmt_text_copy(s, 6, a);
        e->first_name = stmt_text_copy(s, 7, a);
        e->last_name = stmt_text_copy(s, 8, a);
        e->born_abroad = e->disability = ANSWER_NONE;
        e->shift = SHIFT_NONE;
        if (!e->employee_id || !e->function || !e->department || !e->first_name ||
            !e->last_name) {
            stmt_done(s);
            return STORE_ERROR;
        }
        f->npeople++;
    }
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

int cert_facts_load(store *db, arena *a, date_t day, cert_facts *f)
{
    memset(f, 0, sizeof *f);
    if (load_people(db, a, f) != STORE_OK)
        return STORE_ERROR;
    activity *all;
    size_t nall;
    if (activities_list(db, a, &all, &nall) != STORE_OK)
        return STORE_ERROR;
    f->acts = arena_alloc(a, (nall + 1) * sizeof *f->acts);
    if (!f->acts)
        return STORE_ERROR;
    for (size_t i = 0; i < nall; i++)
        if (cert_certifies(&all[i]) || all[i].mandatory)
            f->acts[f->nacts++] = all[i];
    if (f->nacts == 0)
        return STORE_OK;
    /* Row ids to indexes: people by a table over the row ids, activities
     * (few) by a scan. */
    int64_t max_row = 0;
    for (size_t i = 0; i < f->npeople; i++)
        if (f->people[i].id > max_row)
            max_row = f->people[i].id;
    int32_t *index_of = arena_alloc(a, (size_t)(max_row + 1) * sizeof *index_of);
    if (!index_of)
        return STORE_ERROR;
    memset(index_of, 0xff, (size_t)(max_row + 1) * sizeof *index_of);
    for (size_t i = 0; i < f->npeople; i++)
        index_of[f->people[i].id] = (int32_t)i;
    /* The pre-filter of certifications_on (core/certifications.c): only
     * completed records of these activities dated on or before the day, the
     * latest per pair. */
    stmt *s = store_prepare(db, "SELECT r.employee_id, r.activity_id, "
                                "max(coalesce(r.end_date, r.start_date)) "
                                "FROM learning_records r JOIN activities x ON x.id = r.activity_id "
                                "WHERE (x.validity_months > 0 OR x.mandatory = 1) "
                                "AND r.result = 'completed' "
                                "AND coalesce(r.end_date, r.start_date) <= ? "
                                "GROUP BY r.employee_id, r.activity_id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, day);
    size_t cap = 0;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        int64_t row = stmt_int(s, 0), act = stmt_int(s, 1);
        if (row < 1 || row > max_row || index_of[row] < 0)
            continue;
        size_t k = 0;
        while (k < f->nacts && f->acts[k].id != act)
            k++;
        if (k == f->nacts)
            continue;
        cert_record *c = arena_push(a, (void **)&f->recs, &f->nrecs, &cap, sizeof *c);
        if (!c) {
            stmt_done(s);
            return STORE_ERROR;
        }
        *c = (cert_record){(size_t)index_of[row], k, stmt_date(s, 2), DATE_NONE,
                           RESULT_COMPLETED};
    }
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

int cert_reminders_add(store *db, int64_t employee_row, int64_t activity_row, date_t achieved,
                       int step, date_t valid_until, date_t sent_on, bool *added)
{
    *added = false;
    stmt *s = store_prepare(db, "INSERT INTO cert_reminders(employee_id, activity_id, achieved, "
                                "step, valid_until, sent_on) VALUES (?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (employee_id, activity_id, achieved, step) "
                                "DO NOTHING");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, activity_row);
    stmt_bind_date(s, 3, achieved);
    stmt_bind_int(s, 4, step);
    stmt_bind_date(s, 5, valid_until);
    stmt_bind_date(s, 6, sent_on);
    int rc = stmt_exec(s);
    if (rc == STORE_OK)
        *added = store_changes(db) > 0;
    return rc;
}

static bool read_reminder(stmt *s, arena *a, void *item)
{
    cert_reminder *r = item;
    r->employee_id = stmt_text_copy(s, 0, a);
    r->employee_name = stmt_text_copy(s, 1, a);
    r->activity_code = stmt_text_copy(s, 2, a);
    r->activity_title = stmt_text_copy(s, 3, a);
    r->achieved = stmt_date(s, 4);
    r->valid_until = stmt_date(s, 5);
    r->sent_on = stmt_date(s, 6);
    r->step = (int)stmt_int(s, 7);
    return r->employee_id && r->employee_name && r->activity_code && r->activity_title;
}

int cert_reminders_list(store *db, arena *a, int64_t employee_row, int64_t team_of,
                        date_t since, int limit, cert_reminder **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE "
                                "manager_id = ? UNION SELECT x.id FROM employees x JOIN team t "
                                "ON x.manager_id = t.id) "
                                "SELECT e.employee_id, e.first_name || ' ' || e.last_name, "
                                "x.code, x.title, c.achieved, c.valid_until, c.sent_on, c.step "
                                "FROM cert_reminders c JOIN employees e ON e.id = c.employee_id "
                                "JOIN activities x ON x.id = c.activity_id "
                                "WHERE c.sent_on >= ? AND ((? = 0 AND ? = 0) "
                                "OR c.employee_id = ? "
                                "OR c.employee_id IN (SELECT id FROM team)) "
                                "ORDER BY c.sent_on DESC, e.employee_id, x.code, c.step "
                                "LIMIT ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, team_of > 0 ? team_of : -1);
    stmt_bind_date(s, 2, since);
    stmt_bind_int(s, 3, employee_row);
    stmt_bind_int(s, 4, team_of);
    stmt_bind_int(s, 5, employee_row > 0 ? employee_row : -1);
    stmt_bind_int(s, 6, limit);
    return stmt_collect(s, a, out, n, sizeof **out, read_reminder);
}

int64_t cert_reminders_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM cert_reminders");
}

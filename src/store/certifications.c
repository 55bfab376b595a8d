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
    /* Activity row ids to indexes into f->acts (few, so a table over the
     * row ids). */
    int64_t max_act = 0;
    for (size_t k = 0; k < f->nacts; k++)
        if (f->acts[k].id > max_act)
            max_act = f->acts[k].id;
    int32_t *act_of = arena_alloc(a, (size_t)(max_act + 1) * sizeof *act_of);
    if (!act_of)
        return STORE_ERROR;
    memset(act_of, 0xff, (size_t)(max_act + 1) * sizeof *act_of);
    for (size_t k = 0; k < f->nacts; k++)
        act_of[f->acts[k].id] = (int32_t)k;
    /* The pre-filter of certifications_on (core/certifications.c): per pair
     * the latest date of a completed record dated on or before the day, from
     * cert_records (migration 010), read in the order of its key: the last
     * row of a pair is its latest. (A plain scan; SQLite's GROUP BY with
     * max() over the same rows took five times as long.) */
    stmt *s = store_prepare(db, "SELECT employee_id, activity_id, achieved FROM cert_records "
                                "WHERE achieved <= ? "
                                "ORDER BY employee_id, activity_id, achieved");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, day);
    size_t cap = 0;
    int64_t last_row = 0, last_act = 0;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        int64_t row = stmt_int(s, 0), act = stmt_int(s, 1);
        if (row < 1 || row > max_row || index_of[row] < 0 || act < 1 || act > max_act ||
            act_of[act] < 0)
            continue;
        if (f->nrecs && row == last_row && act == last_act) {
            f->recs[f->nrecs - 1].start_date = stmt_date(s, 2);
            continue;
        }
        cert_record *c = arena_push(a, (void **)&f->recs, &f->nrecs, &cap, sizeof *c);
        if (!c) {
            stmt_done(s);
            return STORE_ERROR;
        }
        *c = (cert_record){(size_t)index_of[row], (size_t)act_of[act], stmt_date(s, 2),
                           DATE_NONE, RESULT_COMPLETED};
        last_row = row;
        last_act = act;
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

/* ---- cert_records ---- */

/* The rows cert_records holds for the learning records the caller's WHERE
 * adds to (after "AND "): the completed ones of an activity that certifies
 * or is mandatory, by their date (end_date, else start_date: the SQL of
 * cert_record_date in core). Keep the condition the one of migration 010. */
#define CERT_RECORDS_FROM                                                                    \
    "INSERT INTO cert_records(employee_id, activity_id, achieved) "                          \
    "SELECT DISTINCT r.employee_id, r.activity_id, coalesce(r.end_date, r.start_date) "      \
    "FROM learning_records r JOIN activities x ON x.id = r.activity_id "                     \
    "WHERE (x.validity_months > 0 OR x.mandatory = 1) AND r.result = 'completed' AND "
#define CERT_RECORDS_KEEP " ON CONFLICT (employee_id, activity_id, achieved) DO NOTHING"

/* Runs SQL with KEY bound to its one parameter (an integer). */
static int exec_with(store *db, const char *sql, int64_t key)
{
    stmt *s = store_prepare(db, sql);
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, key);
    return stmt_exec(s);
}

int cert_records_add(store *db, int64_t employee_row, int64_t activity_row, int result,
                     date_t start_date, date_t end_date)
{
    if (activity_row <= 0 || result != RESULT_COMPLETED)
        return STORE_OK;
    stmt *s = store_prepare(db, "INSERT INTO cert_records(employee_id, activity_id, achieved) "
                                "SELECT CAST(? AS INTEGER), id, CAST(? AS TEXT) FROM activities "
                                "WHERE id = ? AND (validity_months > 0 OR mandatory = 1)"
                                CERT_RECORDS_KEEP);
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_date(s, 2, cert_record_date(start_date, end_date));
    stmt_bind_int(s, 3, activity_row);
    return stmt_exec_bulk(s); /* inside a bulk load as the record's own INSERT */
}

int cert_records_add_after(store *db, int64_t after_id)
{
    return exec_with(db, CERT_RECORDS_FROM "r.id > ?" CERT_RECORDS_KEEP, after_id);
}

int cert_records_empty(store *db)
{
    int64_t any = store_count(db, "SELECT count(*) FROM (SELECT 1 FROM cert_records LIMIT 1) x");
    return any < 0 ? -1 : any == 0;
}

int cert_activities_each(store *db, int (*each)(void *ctx, int64_t row), void *ctx)
{
    stmt *s = store_prepare(db, "SELECT id FROM activities "
                                "WHERE validity_months > 0 OR mandatory = 1");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        if (each(ctx, stmt_int(s, 0)) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

int cert_records_insert(store *db, int64_t employee_row, int64_t activity_row, date_t achieved)
{
    stmt *s = store_prepare(db, "INSERT INTO cert_records(employee_id, activity_id, achieved) "
                                "VALUES (?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, activity_row);
    stmt_bind_date(s, 3, achieved);
    return stmt_exec_bulk(s); /* batched: kept rows to one statement, or COPY */
}

int cert_records_refresh_employee(store *db, int64_t employee_row)
{
    int rc = exec_with(db, "DELETE FROM cert_records WHERE employee_id = ?", employee_row);
    return rc == STORE_OK ? exec_with(db, CERT_RECORDS_FROM "r.employee_id = ?", employee_row)
                          : rc;
}

int cert_records_refresh_year(store *db, int year)
{
    int rc = exec_with(db, "DELETE FROM cert_records WHERE employee_id IN "
                           "(SELECT employee_id FROM learning_totals WHERE year = ?)", year);
    return rc == STORE_OK ? exec_with(db, CERT_RECORDS_FROM "r.employee_id IN (SELECT "
                                          "employee_id FROM learning_totals WHERE year = ?)",
                                      year)
                          : rc;
}

int cert_records_refresh_activity(store *db, int64_t activity_row)
{
    int rc = exec_with(db, "DELETE FROM cert_records WHERE activity_id = ?", activity_row);
    return rc == STORE_OK ? exec_with(db, CERT_RECORDS_FROM "r.activity_id = ?", activity_row)
                          : rc;
}

int cert_records_rebuild(store *db)
{
    stmt *s = store_prepare(db, "DELETE FROM cert_records");
    if (!s || stmt_exec(s) != STORE_OK)
        return STORE_ERROR;
    s = store_prepare(db, CERT_RECORDS_FROM "1 = 1");
    return s ? stmt_exec(s) : STORE_ERROR;
}

int64_t learning_last_id(store *db)
{
    return store_count(db, "SELECT coalesce(max(id), 0) FROM learning_records");
}

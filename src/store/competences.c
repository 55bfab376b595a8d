/* competences.c (store) - see competences.h. */
#include "store/competences.h"
#include <string.h>

int competences_upsert(store *db, const competence *c, int64_t *row, int *outcome)
{
    stmt *s = store_prepare(db, "SELECT id FROM competences WHERE code = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, c->code);
    int rc = stmt_step(s);
    int64_t existing = rc == STORE_ROW ? stmt_int(s, 0) : 0;
    if (rc == STORE_ROW)
        stmt_done(s);
    else if (rc != STORE_DONE)
        return STORE_ERROR;
    s = existing ? store_prepare(db, "UPDATE competences SET name = ?2, kind = ?3, "
                                     "description = ?4 WHERE code = ?1 AND "
                                     "(name IS DISTINCT FROM ?2 OR kind IS DISTINCT FROM ?3 OR "
                                     "description IS DISTINCT FROM ?4)")
                 : store_prepare(db, "INSERT INTO competences(code, name, kind, description) "
                                     "VALUES (?1, ?2, ?3, ?4)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, c->code);
    stmt_bind_text(s, 2, c->name);
    stmt_bind_text(s, 3, vocab_name(&vocab_competence_kind, c->kind));
    stmt_bind_text(s, 4, c->description && *c->description ? c->description : NULL);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    *row = existing ? existing : store_last_id(db);
    *outcome = !existing ? UPSERT_CREATED : store_changes(db) ? UPSERT_UPDATED : UPSERT_UNCHANGED;
    return STORE_OK;
}

static bool read_competence(stmt *s, arena *a, void *item)
{
    competence *c = item;
    const char *kind = stmt_text(s, 3);
    c->id = stmt_int(s, 0);
    c->code = arena_strdup(a, stmt_text(s, 1));
    c->name = arena_strdup(a, stmt_text(s, 2));
    c->kind = vocab_find(&vocab_competence_kind, kind, strlen(kind));
    c->description = stmt_text_copy(s, 4, a);
    return c->code && c->name && (c->description || stmt_null(s, 4));
}

int competences_list(store *db, arena *a, competence **out, size_t *n)
{
    stmt *s = store_prepare(db, "SELECT id, code, name, kind, description FROM competences "
                                "ORDER BY code");
    *out = NULL;
    *n = 0;
    return s ? stmt_collect(s, a, out, n, sizeof **out, read_competence) : STORE_ERROR;
}

int competences_get(store *db, arena *a, const char *code, competence *c)
{
    stmt *s = store_prepare(db, "SELECT id, code, name, kind, description FROM competences "
                                "WHERE code = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, code);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_DONE : STORE_ERROR;
    bool ok = read_competence(s, a, c);
    stmt_done(s);
    return ok ? STORE_ROW : STORE_ERROR;
}

int competences_each_brief(store *db, int (*each)(void *ctx, const char *code, int64_t row),
                           void *ctx)
{
    stmt *s = store_prepare(db, "SELECT code, id FROM competences ORDER BY code");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        if (each(ctx, stmt_text(s, 0), stmt_int(s, 1)) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

int profiles_upsert(store *db, int64_t function_row, int64_t competence_row, int level_now,
                    int level_future, int *outcome)
{
    stmt *s = store_prepare(db, "SELECT level_now, level_future FROM function_profiles "
                                "WHERE function_id = ? AND competence_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, function_row);
    stmt_bind_int(s, 2, competence_row);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        bool same = stmt_int(s, 0) == level_now && stmt_int(s, 1) == level_future;
        stmt_done(s);
        *outcome = same ? UPSERT_UNCHANGED : UPSERT_UPDATED;
        if (same)
            return STORE_OK;
    } else if (rc == STORE_DONE) {
        *outcome = UPSERT_CREATED;
    } else {
        return STORE_ERROR;
    }
    s = store_prepare(db, "INSERT INTO function_profiles(function_id, competence_id, level_now, "
                          "level_future) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (function_id, competence_id) DO UPDATE SET "
                          "level_now = excluded.level_now, level_future = excluded.level_future");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, function_row);
    stmt_bind_int(s, 2, competence_row);
    stmt_bind_int(s, 3, level_now);
    stmt_bind_int(s, 4, level_future);
    return stmt_exec(s);
}

int profiles_delete(store *db, const char *function, const char *code)
{
    stmt *s = store_prepare(db, "DELETE FROM function_profiles WHERE function_id = "
                                "(SELECT id FROM functions WHERE name = ?) AND competence_id = "
                                "(SELECT id FROM competences WHERE code = ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, function);
    stmt_bind_text(s, 2, code);
    int rc = stmt_exec(s);
    return rc != STORE_OK ? rc : store_changes(db) ? STORE_OK : STORE_DONE;
}

static bool read_profile(stmt *s, arena *a, void *item)
{
    profile_line *p = item;
    p->function = arena_strdup(a, stmt_text(s, 0));
    p->competence = arena_strdup(a, stmt_text(s, 1));
    p->level_now = (int)stmt_int(s, 2);
    p->level_future = (int)stmt_int(s, 3);
    return p->function && p->competence;
}

int profiles_list(store *db, arena *a, profile_line **out, size_t *n)
{
    stmt *s = store_prepare(db, "SELECT f.name, c.code, p.level_now, p.level_future "
                                "FROM function_profiles p "
                                "JOIN functions f ON f.id = p.function_id "
                                "JOIN competences c ON c.id = p.competence_id "
                                "ORDER BY f.name, c.code");
    *out = NULL;
    *n = 0;
    return s ? stmt_collect(s, a, out, n, sizeof **out, read_profile) : STORE_ERROR;
}

int assessments_insert(store *db, const assessment *x, int64_t employee_row,
                       int64_t competence_row, const char *created_by, int64_t *id)
{
    stmt *s = store_prepare(db, "INSERT INTO assessments(employee_id, competence_id, level, "
                                "assessed_on, assessor, source, note, created_at, created_by) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, competence_row);
    stmt_bind_int(s, 3, x->level);
    stmt_bind_date(s, 4, x->assessed_on);
    stmt_bind_text(s, 5, x->assessor && *x->assessor ? x->assessor : NULL);
    stmt_bind_text(s, 6, vocab_name(&vocab_assessment_source, x->source));
    stmt_bind_text(s, 7, x->note && *x->note ? x->note : NULL);
    stmt_bind_text(s, 8, now);
    stmt_bind_text(s, 9, created_by ? created_by : "cli");
    int rc = stmt_exec(s);
    if (rc == STORE_OK && id)
        *id = store_last_id(db);
    return rc;
}

static bool read_assessment(stmt *s, arena *a, void *item)
{
    assessment *x = item;
    const char *source = stmt_text(s, 6);
    x->id = stmt_int(s, 0);
    x->employee_id = arena_strdup(a, stmt_text(s, 1));
    x->competence = arena_strdup(a, stmt_text(s, 2));
    x->level = (int)stmt_int(s, 3);
    x->assessed_on = stmt_date(s, 4);
    x->assessor = stmt_text_copy(s, 5, a);
    x->source = vocab_find(&vocab_assessment_source, source, strlen(source));
    x->note = stmt_text_copy(s, 7, a);
    x->created_by = stmt_text_copy(s, 8, a);
    return x->employee_id && x->competence && (x->assessor || stmt_null(s, 5)) &&
           (x->note || stmt_null(s, 7));
}

int assessments_of(store *db, arena *a, int64_t employee_row, assessment **out, size_t *n)
{
    stmt *s = store_prepare(db, "SELECT x.id, e.employee_id, c.code, x.level, x.assessed_on, "
                                "x.assessor, x.source, x.note, x.created_by FROM assessments x "
                                "JOIN employees e ON e.id = x.employee_id "
                                "JOIN competences c ON c.id = x.competence_id "
                                "WHERE x.employee_id = ? "
                                "ORDER BY x.assessed_on DESC, x.id DESC LIMIT 2000");
    *out = NULL;
    *n = 0;
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    return stmt_collect(s, a, out, n, sizeof **out, read_assessment);
}

int assessments_each(store *db, int (*each)(void *ctx, const assessment *x), void *ctx)
{
    stmt *s = store_prepare(db, "SELECT x.id, e.employee_id, c.code, x.level, x.assessed_on, "
                                "x.assessor, x.source, x.note, x.created_by FROM assessments x "
                                "JOIN employees e ON e.id = x.employee_id "
                                "JOIN competences c ON c.id = x.competence_id ORDER BY x.id");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        const char *source = stmt_text(s, 6);
        assessment x = {stmt_int(s, 0), stmt_text(s, 1), stmt_text(s, 2), (int)stmt_int(s, 3),
                        stmt_date(s, 4), stmt_null(s, 5) ? NULL : stmt_text(s, 5),
                        vocab_find(&vocab_assessment_source, source, strlen(source)),
                        stmt_null(s, 7) ? NULL : stmt_text(s, 7), NULL};
        if (each(ctx, &x) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    }
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

int64_t assessments_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM assessments");
}

static bool read_gap_person(stmt *s, arena *a, void *item)
{
    employee *e = item;
    memset(e, 0, sizeof *e);
    e->id = stmt_int(s, 0);
    e->employee_id = arena_strdup(a, stmt_text(s, 1));
    e->first_name = arena_strdup(a, stmt_text(s, 2));
    e->last_name = arena_strdup(a, stmt_text(s, 3));
    e->hire_date = stmt_date(s, 4);
    e->exit_date = stmt_date(s, 5);
    e->department = arena_strdup(a, stmt_text(s, 6));
    e->function = arena_strdup(a, stmt_text(s, 7));
    e->manager_id = stmt_text_copy(s, 8, a);
    e->born_abroad = e->disability = ANSWER_NONE;
    e->shift = SHIFT_NONE;
    return e->employee_id && e->first_name && e->last_name && e->department && e->function &&
           (e->manager_id || stmt_null(s, 8));
}

int gap_people_load(store *db, arena *a, employee **out, size_t *n)
{
    stmt *s = store_prepare(db, "SELECT e.id, e.employee_id, e.first_name, e.last_name, "
                                "e.hire_date, e.exit_date, d.name, f.name, m.employee_id "
                                "FROM employees e JOIN departments d ON d.id = e.department_id "
                                "JOIN functions f ON f.id = e.function_id "
                                "LEFT JOIN employees m ON m.id = e.manager_id "
                                "ORDER BY e.employee_id");
    *out = NULL;
    *n = 0;
    return s ? stmt_collect(s, a, out, n, sizeof **out, read_gap_person) : STORE_ERROR;
}

int assessments_latest_each(store *db, date_t day,
                            int (*each)(void *ctx, int64_t employee_row, int64_t competence_row,
                                        int level, date_t on, int64_t id),
                            void *ctx)
{
    /* In the order of the covering index assessments_latest: each run of one
     * employee and competence ends with the assessment that counts. */
    stmt *s = store_prepare(db, "SELECT employee_id, competence_id, assessed_on, id, level "
                                "FROM assessments WHERE assessed_on <= ? "
                                "ORDER BY employee_id, competence_id, assessed_on, id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, day);
    int rc;
    int64_t emp = -1, comp = -1, id = 0;
    int level = 0;
    date_t on = DATE_NONE;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        int64_t e = stmt_int(s, 0), c = stmt_int(s, 1);
        if ((e != emp || c != comp) && emp >= 0 && each(ctx, emp, comp, level, on, id) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
        emp = e;
        comp = c;
        on = stmt_date(s, 2);
        id = stmt_int(s, 3);
        level = (int)stmt_int(s, 4);
    }
    if (rc != STORE_DONE)
        return STORE_ERROR;
    if (emp >= 0 && each(ctx, emp, comp, level, on, id) != 0)
        return STORE_ERROR;
    return STORE_OK;
}

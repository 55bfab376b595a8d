/* competences.c (store) - see competences.h. */
#include "store/competences.h"
#include <stdio.h>
#include <string.h>

void competence_values_of(const competence *c, const char *values[COMPETENCE_VALUES])
{
    values[0] = c->code;
    values[1] = c->name;
    values[2] = vocab_name(&vocab_competence_kind, c->kind);
    values[3] = c->description && *c->description ? c->description : NULL;
}

int competences_insert_values(store *db, const char *const *values)
{
    /* Placeholders only: a bulk load streams it (COPY on PostgreSQL). */
    stmt *s = store_prepare(db, "INSERT INTO competences(code, name, kind, description) "
                                "VALUES (?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    for (int i = 0; i < COMPETENCE_VALUES; i++)
        stmt_bind_text(s, i + 1, values[i]);
    return stmt_exec_bulk(s);
}

int competences_update_values(store *db, const char *const *values)
{
    stmt *s = store_prepare(db, "UPDATE competences SET name = ?2, kind = ?3, "
                                "description = ?4 WHERE code = ?1 AND "
                                "(name IS DISTINCT FROM ?2 OR kind IS DISTINCT FROM ?3 OR "
                                "description IS DISTINCT FROM ?4)");
    if (!s)
        return STORE_ERROR;
    for (int i = 0; i < COMPETENCE_VALUES; i++)
        stmt_bind_text(s, i + 1, values[i]);
    return stmt_exec_bulk(s);
}

int competences_each_stored(store *db, int (*each)(void *ctx, const char *const *values),
                            void *ctx)
{
    stmt *s = store_prepare(db, "SELECT code, name, kind, description FROM competences");
    if (!s)
        return STORE_ERROR;
    int rc;
    const char *v[COMPETENCE_VALUES];
    while ((rc = stmt_step(s)) == STORE_ROW) {
        for (int i = 0; i < COMPETENCE_VALUES; i++)
            v[i] = stmt_null(s, i) ? NULL : stmt_text(s, i);
        if (each(ctx, v) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    }
    return rc == STORE_DONE ? STORE_OK : rc;
}

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
    const char *v[COMPETENCE_VALUES];
    competence_values_of(c, v);
    if ((rc = existing ? competences_update_values(db, v) : competences_insert_values(db, v)) !=
        STORE_OK)
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
    return profiles_set(db, function_row, competence_row, level_now, level_future);
}

int profiles_set(store *db, int64_t function_row, int64_t competence_row, int level_now,
                 int level_future)
{
    stmt *s = store_prepare(db, "INSERT INTO function_profiles(function_id, competence_id, "
                                "level_now, level_future) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT (function_id, competence_id) DO UPDATE SET "
                                "level_now = excluded.level_now, "
                                "level_future = excluded.level_future");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, function_row);
    stmt_bind_int(s, 2, competence_row);
    stmt_bind_int(s, 3, level_now);
    stmt_bind_int(s, 4, level_future);
    return stmt_exec_bulk(s);
}

int profiles_each_stored(store *db,
                         int (*each)(void *ctx, int64_t function_row, int64_t competence_row,
                                     int64_t level_now, int64_t level_future),
                         void *ctx)
{
    stmt *s = store_prepare(db, "SELECT function_id, competence_id, level_now, level_future "
                                "FROM function_profiles");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        if (each(ctx, stmt_int(s, 0), stmt_int(s, 1), stmt_int(s, 2), stmt_int(s, 3)) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    return rc == STORE_DONE ? STORE_OK : rc;
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
    /* Without an id to answer, the row may travel with the next ones (an
     * import's COPY on PostgreSQL). */
    int rc = id ? stmt_exec(s) : stmt_exec_bulk(s);
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

int assessments_latest_each(store *db, date_t day, const char *department,
                            int (*each)(void *ctx, int64_t employee_row, int64_t competence_row,
                                        int level, date_t on, int64_t id),
                            void *ctx)
{
    /* In the order of the covering index assessments_latest: each run of one
     * employee and competence ends with the assessment that counts. */
    stmt *s = department
        ? store_prepare(db, "SELECT a.employee_id, a.competence_id, a.assessed_on, a.id, "
                            "a.level FROM departments d JOIN employees e "
                            "ON e.department_id = d.id JOIN assessments a "
                            "ON a.employee_id = e.id AND a.assessed_on <= ? WHERE d.name = ? "
                            "ORDER BY a.employee_id, a.competence_id, a.assessed_on, a.id")
        : store_prepare(db, "SELECT employee_id, competence_id, assessed_on, id, level "
                            "FROM assessments WHERE assessed_on <= ? "
                            "ORDER BY employee_id, competence_id, assessed_on, id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, day);
    if (department)
        stmt_bind_text(s, 2, department);
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

/* ---- training needs ---- */

static void audit_key(int64_t id, char out[24])
{
    snprintf(out, 24, "%lld", (long long)id);
}

int needs_add(store *db, const char *actor, int role, const training_need *n, int64_t *id)
{
    stmt *s = store_prepare(db, "INSERT INTO training_needs(title, scope, employee_id, "
                                "function_id, department_id, competence_id, source, priority, "
                                "status, created_by, created_role, created_at) VALUES (?, ?, "
                                "(SELECT id FROM employees WHERE employee_id = ?), "
                                "(SELECT id FROM functions WHERE name = ?), "
                                "(SELECT id FROM departments WHERE name = ?), "
                                "(SELECT id FROM competences WHERE code = ?), ?, ?, 'open', ?, "
                                "?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_text(s, 1, n->title);
    stmt_bind_text(s, 2, vocab_name(&vocab_need_scope, n->scope));
    stmt_bind_text(s, 3, n->employee_id);
    stmt_bind_text(s, 4, n->function);
    stmt_bind_text(s, 5, n->department);
    stmt_bind_text(s, 6, n->competence);
    stmt_bind_text(s, 7, vocab_name(&vocab_need_source, n->source));
    stmt_bind_text(s, 8, vocab_name(&vocab_priority, n->priority));
    stmt_bind_text(s, 9, actor);
    stmt_bind_text(s, 10, role_name(role));
    stmt_bind_text(s, 11, now);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    *id = store_last_id(db);
    char key[24];
    audit_key(*id, key);
    return audit_write(db, actor, "create", "training_need", key, NULL, n->title);
}

#define NEED_COLUMNS                                                                          \
    "SELECT n.id, n.title, n.scope, e.employee_id, e.first_name || ' ' || e.last_name, "     \
    "f.name, d.name, c.code, n.source, n.priority, n.status, n.reason, n.initiative_id, "   \
    "i.title, p.year, n.created_by, n.created_role, n.created_at FROM training_needs n "    \
    "LEFT JOIN employees e ON e.id = n.employee_id "                                         \
    "LEFT JOIN functions f ON f.id = n.function_id "                                         \
    "LEFT JOIN departments d ON d.id = n.department_id "                                     \
    "LEFT JOIN competences c ON c.id = n.competence_id "                                     \
    "LEFT JOIN plan_initiatives i ON i.id = n.initiative_id "                                \
    "LEFT JOIN plans p ON p.id = i.plan_id "

static bool read_need(stmt *s, arena *a, void *item)
{
    training_need *n = item;
    const char *scope = stmt_text(s, 2), *source = stmt_text(s, 8);
    const char *priority = stmt_text(s, 9), *status = stmt_text(s, 10), *role = stmt_text(s, 16);
    memset(n, 0, sizeof *n);
    n->id = stmt_int(s, 0);
    n->title = arena_strdup(a, stmt_text(s, 1));
    n->scope = vocab_find(&vocab_need_scope, scope, strlen(scope));
    n->employee_id = stmt_text_copy(s, 3, a);
    n->employee_name = stmt_text_copy(s, 4, a);
    n->function = stmt_text_copy(s, 5, a);
    n->department = stmt_text_copy(s, 6, a);
    n->competence = stmt_text_copy(s, 7, a);
    n->source = vocab_find(&vocab_need_source, source, strlen(source));
    n->priority = vocab_find(&vocab_priority, priority, strlen(priority));
    n->status = vocab_find(&vocab_need_status, status, strlen(status));
    n->reason = stmt_text_copy(s, 11, a);
    n->initiative_id = stmt_null(s, 12) ? 0 : stmt_int(s, 12);
    n->initiative_title = stmt_text_copy(s, 13, a);
    n->plan_year = stmt_null(s, 14) ? 0 : (int)stmt_int(s, 14);
    n->created_by = arena_strdup(a, stmt_text(s, 15));
    n->created_role = role_from_name(role);
    n->created_at = arena_strdup(a, stmt_text(s, 17));
    return n->title && n->created_by && n->created_at;
}

int needs_list(store *db, arena *a, const need_query *q, training_need **out, size_t *n)
{
    stmt *s = store_prepare(db, "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE "
                                "manager_id = ?3 UNION SELECT x.id FROM employees x JOIN team t "
                                "ON x.manager_id = t.id) " NEED_COLUMNS
                                "WHERE (?1 < 0 OR n.status = CASE ?1 WHEN 0 THEN 'open' "
                                "WHEN 1 THEN 'planned' WHEN 2 THEN 'addressed' "
                                "ELSE 'declined' END) "
                                "AND (CAST(?2 AS TEXT) IS NULL OR n.created_by = ?2) "
                                "AND (?3 = 0 OR n.employee_id = ?3 OR "
                                "n.employee_id IN (SELECT id FROM team)) "
                                "AND (?4 = 0 OR n.employee_id = ?4) "
                                "AND (CAST(?5 AS TEXT) IS NULL OR d.name = ?5) "
                                "ORDER BY CASE n.status WHEN 'open' THEN 0 WHEN 'planned' "
                                "THEN 1 ELSE 2 END, CASE n.priority WHEN 'high' THEN 0 "
                                "WHEN 'medium' THEN 1 ELSE 2 END, n.id DESC LIMIT 1000");
    *out = NULL;
    *n = 0;
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, q->status);
    stmt_bind_text(s, 2, q->created_by);
    stmt_bind_int(s, 3, q->team_of);
    stmt_bind_int(s, 4, q->employee_row);
    stmt_bind_text(s, 5, q->department);
    return stmt_collect(s, a, out, n, sizeof **out, read_need);
}

int needs_people(store *db, int64_t id, date_t day, int64_t *people)
{
    stmt *s = store_prepare(db, "WITH RECURSIVE team(id) AS (SELECT x.id FROM employees x "
                                "JOIN training_needs n ON x.manager_id = n.employee_id "
                                "WHERE n.id = ?1 AND n.scope = 'team' UNION SELECT x.id "
                                "FROM employees x JOIN team t ON x.manager_id = t.id) "
                                "SELECT count(*) FROM employees x JOIN training_needs n "
                                "ON n.id = ?1 WHERE x.hire_date <= ?2 AND "
                                "(x.exit_date IS NULL OR x.exit_date >= ?2) AND "
                                "((n.scope = 'person' AND x.id = n.employee_id) OR "
                                "(n.scope = 'team' AND x.id IN (SELECT id FROM team)) OR "
                                "(n.scope = 'function' AND x.function_id = n.function_id) OR "
                                "(n.scope = 'department' AND x.department_id = n.department_id) "
                                "OR n.scope = 'everyone')");
    *people = 0;
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_date(s, 2, day);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *people = stmt_int(s, 0);
    stmt_done(s);
    return STORE_OK;
}

int needs_get(store *db, arena *a, int64_t id, training_need *n)
{
    stmt *s = store_prepare(db, NEED_COLUMNS "WHERE n.id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_DONE : STORE_ERROR;
    bool ok = read_need(s, a, n);
    stmt_done(s);
    return ok ? STORE_ROW : STORE_ERROR;
}

int needs_set_status(store *db, const char *actor, int64_t id, int status, const char *reason,
                     int64_t initiative_id)
{
    stmt *s = store_prepare(db, "UPDATE training_needs SET status = ?, reason = ?, "
                                "initiative_id = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, vocab_name(&vocab_need_status, status));
    stmt_bind_text(s, 2, reason && *reason ? reason : NULL);
    if (initiative_id > 0)
        stmt_bind_int(s, 3, initiative_id);
    else
        stmt_bind_null(s, 3);
    stmt_bind_int(s, 4, id);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (!store_changes(db))
        return STORE_DONE;
    char key[24];
    audit_key(id, key);
    return audit_write(db, actor, "status", "training_need", key, NULL,
                       vocab_name(&vocab_need_status, status));
}

/* ---- personal development plans ---- */

static bool read_plan(stmt *s, arena *a, void *item)
{
    dev_plan *p = item;
    p->id = stmt_int(s, 0);
    p->employee_id = arena_strdup(a, stmt_text(s, 1));
    p->employee_name = arena_strdup(a, stmt_text(s, 2));
    p->year = (int)stmt_int(s, 3);
    p->conversation_on = stmt_date(s, 4);
    p->conversation_with = stmt_text_copy(s, 5, a);
    p->notes = stmt_text_copy(s, 6, a);
    p->employee_comment = stmt_text_copy(s, 7, a);
    return p->employee_id && p->employee_name;
}

int dev_plan_get(store *db, arena *a, int64_t employee_row, int year, dev_plan *p)
{
    stmt *s = store_prepare(db, "SELECT p.id, e.employee_id, e.first_name || ' ' || e.last_name, "
                                "p.year, p.conversation_on, p.conversation_with, p.notes, "
                                "p.employee_comment FROM development_plans p "
                                "JOIN employees e ON e.id = p.employee_id "
                                "WHERE p.employee_id = ? AND p.year = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, year);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_DONE : STORE_ERROR;
    bool ok = read_plan(s, a, p);
    stmt_done(s);
    return ok ? STORE_ROW : STORE_ERROR;
}

int dev_plan_save(store *db, const char *actor, int64_t employee_row, const dev_plan *p,
                  int64_t *id)
{
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt *s = store_prepare(db, "INSERT INTO development_plans(employee_id, year, "
                                "conversation_on, conversation_with, notes, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (employee_id, year) "
                                "DO UPDATE SET conversation_on = excluded.conversation_on, "
                                "conversation_with = excluded.conversation_with, "
                                "notes = excluded.notes");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, p->year);
    stmt_bind_date(s, 3, p->conversation_on);
    stmt_bind_text(s, 4, p->conversation_with && *p->conversation_with ? p->conversation_with
                                                                        : NULL);
    stmt_bind_text(s, 5, p->notes && *p->notes ? p->notes : NULL);
    stmt_bind_text(s, 6, now);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    s = store_prepare(db, "SELECT id FROM development_plans WHERE employee_id = ? AND year = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, p->year);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *id = stmt_int(s, 0);
    stmt_done(s);
    char key[24];
    audit_key(*id, key);
    return audit_write(db, actor, "save", "development_plan", key, NULL, p->notes);
}

int dev_plan_comment(store *db, const char *actor, int64_t plan_id, const char *comment)
{
    stmt *s = store_prepare(db, "UPDATE development_plans SET employee_comment = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, comment && *comment ? comment : NULL);
    stmt_bind_int(s, 2, plan_id);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    char key[24];
    audit_key(plan_id, key);
    return audit_write(db, actor, "comment", "development_plan", key, NULL, comment);
}

int dev_item_add(store *db, const char *actor, int64_t plan_id, const dev_item *i)
{
    stmt *s = store_prepare(db, "INSERT INTO development_items(plan_id, kind, text, "
                                "competence_id, need_id, activity_id, form, target_date) "
                                "VALUES (?, ?, ?, (SELECT id FROM competences WHERE code = ?), "
                                "?, (SELECT id FROM activities WHERE code = ?), ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    stmt_bind_text(s, 2, i->kind == ITEM_GOAL ? "goal" : "action");
    stmt_bind_text(s, 3, i->text);
    stmt_bind_text(s, 4, i->competence);
    if (i->need_id > 0)
        stmt_bind_int(s, 5, i->need_id);
    else
        stmt_bind_null(s, 5);
    stmt_bind_text(s, 6, i->activity_code);
    stmt_bind_text(s, 7, i->form >= 0 ? vocab_name(&vocab_form, i->form) : NULL);
    stmt_bind_date(s, 8, i->target_date);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    char key[24];
    audit_key(plan_id, key);
    return audit_write(db, actor, "add", "development_item", key, NULL, i->text);
}

static bool read_item(stmt *s, arena *a, void *item)
{
    dev_item *i = item;
    const char *form = stmt_text(s, 6), *result = stmt_text(s, 8);
    i->id = stmt_int(s, 0);
    i->kind = strcmp(stmt_text(s, 1), "goal") == 0 ? ITEM_GOAL : ITEM_ACTION;
    i->text = arena_strdup(a, stmt_text(s, 2));
    i->competence = stmt_text_copy(s, 3, a);
    i->need_id = stmt_null(s, 4) ? 0 : stmt_int(s, 4);
    i->activity_code = stmt_text_copy(s, 5, a);
    i->form = stmt_null(s, 6) ? -1 : vocab_find(&vocab_form, form, strlen(form));
    i->target_date = stmt_date(s, 7);
    i->learned_result = stmt_null(s, 8) ? -1 : vocab_find(&vocab_result, result, strlen(result));
    i->learned_on = stmt_date(s, 9);
    return i->text != NULL;
}

int dev_items_list(store *db, arena *a, int64_t plan_id, int64_t employee_row, int year,
                   dev_item **out, size_t *n)
{
    /* Progress follows from the learning record: the latest record of the
     * action's activity that starts in the plan's year. */
    stmt *s = store_prepare(db, "SELECT i.id, i.kind, i.text, c.code, i.need_id, a.code, i.form, "
                                "i.target_date, (SELECT r.result FROM learning_records r "
                                "WHERE r.employee_id = ?2 AND r.activity_id = i.activity_id "
                                "AND r.start_date >= ?3 AND r.start_date <= ?4 "
                                "ORDER BY r.start_date DESC, r.id DESC LIMIT 1), "
                                "(SELECT r.start_date FROM learning_records r "
                                "WHERE r.employee_id = ?2 AND r.activity_id = i.activity_id "
                                "AND r.start_date >= ?3 AND r.start_date <= ?4 "
                                "ORDER BY r.start_date DESC, r.id DESC LIMIT 1) "
                                "FROM development_items i "
                                "LEFT JOIN competences c ON c.id = i.competence_id "
                                "LEFT JOIN activities a ON a.id = i.activity_id "
                                "WHERE i.plan_id = ?1 ORDER BY i.kind DESC, i.id");
    *out = NULL;
    *n = 0;
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    stmt_bind_int(s, 2, employee_row);
    stmt_bind_date(s, 3, date_from_ymd(year, 1, 1));
    stmt_bind_date(s, 4, date_from_ymd(year, 12, 31));
    return stmt_collect(s, a, out, n, sizeof **out, read_item);
}

int dev_plans_count(store *db, int year, date_t day, int64_t *with_plan, int64_t *employed)
{
    stmt *s = store_prepare(db, "SELECT count(*), count(p.id) FROM employees e "
                                "LEFT JOIN development_plans p ON p.employee_id = e.id "
                                "AND p.year = ? WHERE e.hire_date <= ? AND "
                                "(e.exit_date IS NULL OR e.exit_date >= ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    stmt_bind_date(s, 2, day);
    stmt_bind_date(s, 3, day);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *employed = stmt_int(s, 0);
    *with_plan = stmt_int(s, 1);
    stmt_done(s);
    return STORE_OK;
}

int activities_set_competences(store *db, const char *code, const char *competences)
{
    stmt *s = store_prepare(db, "UPDATE activities SET competences = ? WHERE code = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, competences);
    stmt_bind_text(s, 2, code);
    return stmt_exec(s);
}

/* onboarding.c (store) - see onboarding.h. */
#include "store/onboarding.h"
#include "core/settings.h"
#include "util/decimal.h"
#include <stdio.h>
#include <string.h>

/* The text of an id for the audit log. */
static const char *key_of(int64_t id, char buf[24])
{
    snprintf(buf, 24, "%lld", (long long)id);
    return buf;
}

/* ---- rule 7's facts ---- */

static bool read_person(stmt *s, arena *a, void *item)
{
    onboarding_person *p = item;
    p->employee_id = arena_strdup(a, stmt_text(s, 0));
    p->hire = stmt_date(s, 1);
    p->exit = stmt_date(s, 2);
    return p->employee_id != NULL;
}

int onboarding_people(store *db, arena *a, onboarding_person **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT employee_id, hire_date, exit_date FROM employees "
                                "ORDER BY employee_id");
    if (!s)
        return STORE_ERROR;
    return stmt_collect(s, a, out, n, sizeof **out, read_person);
}

static bool read_assignment(stmt *s, arena *a, void *item)
{
    mentor_assignment *m = item;
    m->id = stmt_int(s, 0);
    m->newcomer_id = arena_strdup(a, stmt_text(s, 1));
    m->mentor_id = arena_strdup(a, stmt_text(s, 2));
    m->from = stmt_date(s, 3);
    m->to = stmt_date(s, 4);
    return m->newcomer_id && m->mentor_id;
}

int mentors_all(store *db, arena *a, mentor_assignment **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT m.id, n.employee_id, t.employee_id, m.from_date, "
                                "m.to_date FROM mentor_assignments m "
                                "JOIN employees n ON n.id = m.newcomer_id "
                                "JOIN employees t ON t.id = m.mentor_id "
                                "ORDER BY n.employee_id, m.from_date, t.employee_id");
    if (!s)
        return STORE_ERROR;
    return stmt_collect(s, a, out, n, sizeof **out, read_assignment);
}

/* Setting KEY as a whole number (its default when unset or unreadable). */
static int whole_setting(store *db, const char *key, int *out)
{
    str value = STR_INIT;
    int rc = settings_get(db, key, &value);
    if (rc != STORE_ERROR)
        *out = (int)setting_decimal(key, rc == STORE_ROW ? str_cstr(&value) : NULL, 0);
    str_free(&value);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

int onboarding_settings_load(store *db, onboarding_settings *s)
{
    if (whole_setting(db, "newcomer_months", &s->newcomer_months) != STORE_OK ||
        whole_setting(db, "mentor_min_months", &s->mentor_min_months) != STORE_OK ||
        whole_setting(db, "mentor_max_newcomers", &s->mentor_max_newcomers) != STORE_OK)
        return STORE_ERROR;
    return STORE_OK;
}

/* ---- mentor assignments ---- */

int mentors_insert(store *db, int64_t newcomer_row, int64_t mentor_row, date_t from, date_t to)
{
    stmt *s = store_prepare(db, "INSERT INTO mentor_assignments(newcomer_id, mentor_id, from_date, "
                                "to_date) VALUES (?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, newcomer_row);
    stmt_bind_int(s, 2, mentor_row);
    stmt_bind_date(s, 3, from);
    stmt_bind_date(s, 4, to);
    return stmt_exec_bulk(s);
}

int mentors_set_end(store *db, int64_t id, date_t to)
{
    stmt *s = store_prepare(db, "UPDATE mentor_assignments SET to_date = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, to);
    stmt_bind_int(s, 2, id);
    return stmt_exec_bulk(s);
}

int mentors_each_stored(store *db,
                        int (*each)(void *ctx, int64_t id, int64_t newcomer_row,
                                    int64_t mentor_row, date_t from, date_t to),
                        void *ctx)
{
    stmt *s = store_prepare(db, "SELECT id, newcomer_id, mentor_id, from_date, to_date "
                                "FROM mentor_assignments");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        if (each(ctx, stmt_int(s, 0), stmt_int(s, 1), stmt_int(s, 2), stmt_date(s, 3),
                 stmt_date(s, 4)) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    return rc == STORE_DONE ? STORE_OK : rc;
}

int mentors_upsert(store *db, int64_t newcomer_row, int64_t mentor_row, date_t from, date_t to,
                   int *outcome)
{
    stmt *s = store_prepare(db, "SELECT id, to_date FROM mentor_assignments WHERE "
                                "newcomer_id = ? AND mentor_id = ? AND from_date = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, newcomer_row);
    stmt_bind_int(s, 2, mentor_row);
    stmt_bind_date(s, 3, from);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        int64_t id = stmt_int(s, 0);
        date_t old_to = stmt_date(s, 1);
        stmt_done(s);
        *outcome = old_to == to ? UPSERT_UNCHANGED : UPSERT_UPDATED;
        return old_to == to ? STORE_OK : mentors_set_end(db, id, to);
    }
    if (rc != STORE_DONE)
        return STORE_ERROR;
    *outcome = UPSERT_CREATED;
    return mentors_insert(db, newcomer_row, mentor_row, from, to);
}

int mentors_set_reserved(store *db, const char *actor, int64_t id, int64_t hours)
{
    stmt *s = store_prepare(db, "UPDATE mentor_assignments SET reserved_hours = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    if (hours >= 0)
        stmt_bind_int(s, 1, hours);
    else
        stmt_bind_null(s, 1);
    stmt_bind_int(s, 2, id);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24], after[32];
    decimal_format(hours, 2, 0, after, sizeof after);
    return audit_write(db, actor, "update", "mentor_reserved_hours", key_of(id, key), NULL,
                       hours >= 0 ? after : NULL);
}

int mentors_end(store *db, const char *actor, int64_t id, date_t to)
{
    stmt *s = store_prepare(db, "UPDATE mentor_assignments SET to_date = ? WHERE id = ? AND "
                                "from_date <= ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, to);
    stmt_bind_int(s, 2, id);
    stmt_bind_date(s, 3, to);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24], text[DATE_TEXT_SIZE];
    date_format(to, text);
    return audit_write(db, actor, "end", "mentor_assignment", key_of(id, key), NULL, text);
}

static bool read_view(stmt *s, arena *a, void *item)
{
    mentor_view *v = item;
    v->a.id = stmt_int(s, 0);
    v->a.newcomer_id = arena_strdup(a, stmt_text(s, 1));
    v->a.mentor_id = arena_strdup(a, stmt_text(s, 2));
    v->a.from = stmt_date(s, 3);
    v->a.to = stmt_date(s, 4);
    v->newcomer_row = stmt_int(s, 5);
    v->mentor_row = stmt_int(s, 6);
    v->newcomer_name = arena_strdup(a, stmt_text(s, 7));
    v->mentor_name = arena_strdup(a, stmt_text(s, 8));
    v->newcomer_hire = stmt_date(s, 9);
    v->reserved_hours = stmt_null(s, 10) ? -1 : stmt_int(s, 10);
    return v->a.newcomer_id && v->a.mentor_id && v->newcomer_name && v->mentor_name;
}

int mentors_list(store *db, arena *a, int64_t mentor_row, int64_t newcomer_row, int64_t team_of,
                 date_t on, mentor_view **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db,
        "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE manager_id = ?3 "
        "UNION SELECT x.id FROM employees x JOIN team t ON x.manager_id = t.id) "
        "SELECT m.id, n.employee_id, t.employee_id, m.from_date, m.to_date, n.id, t.id, "
        "n.first_name || ' ' || n.last_name, t.first_name || ' ' || t.last_name, n.hire_date, "
        "m.reserved_hours FROM mentor_assignments m "
        "JOIN employees n ON n.id = m.newcomer_id JOIN employees t ON t.id = m.mentor_id "
        "WHERE (?1 = 0 OR m.mentor_id = ?1) AND (?2 = 0 OR m.newcomer_id = ?2) AND "
        "(?3 = 0 OR m.newcomer_id IN (SELECT id FROM team)) AND "
        "(m.to_date IS NULL OR m.to_date >= ?4) "
        "ORDER BY n.employee_id, m.from_date, t.employee_id LIMIT 2000");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, mentor_row);
    stmt_bind_int(s, 2, newcomer_row);
    stmt_bind_int(s, 3, team_of);
    stmt_bind_date(s, 4, on);
    return stmt_collect(s, a, out, n, sizeof **out, read_view);
}

int mentors_guides(store *db, int64_t mentor_row, int64_t newcomer_row, date_t on)
{
    stmt *s = store_prepare(db, "SELECT count(*) FROM mentor_assignments WHERE mentor_id = ? "
                                "AND newcomer_id = ? AND from_date <= ? AND "
                                "(to_date IS NULL OR to_date >= ?)");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, mentor_row);
    stmt_bind_int(s, 2, newcomer_row);
    stmt_bind_date(s, 3, on);
    stmt_bind_date(s, 4, on);
    if (stmt_step(s) != STORE_ROW)
        return -1;
    int64_t k = stmt_int(s, 0);
    stmt_done(s);
    return k > 0;
}

/* ---- modules (of templates and of trajectories) ---- */

static bool read_module(stmt *s, arena *a, void *item)
{
    onboarding_module *m = item;
    m->id = stmt_int(s, 0);
    m->title = arena_strdup(a, stmt_text(s, 1));
    m->description = stmt_text_copy(s, 2, a);
    m->week = (int)stmt_int(s, 3);
    m->safety = stmt_int(s, 4) != 0;
    m->hours = stmt_int(s, 5);
    m->mentor_signed = stmt_date(s, 6);
    m->newcomer_signed = stmt_date(s, 7);
    m->record_id = stmt_null(s, 8) ? 0 : stmt_int(s, 8);
    return m->title && (m->description || stmt_null(s, 2));
}

static int template_modules(store *db, arena *a, int64_t template_id, onboarding_module **out,
                            size_t *n)
{
    stmt *s = store_prepare(db, "SELECT id, title, description, week, safety, hours, "
                                "CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS INTEGER) "
                                "FROM onboarding_template_modules WHERE template_id = ? "
                                "ORDER BY safety DESC, week, id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, template_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_module);
}

static bool read_template(stmt *s, arena *a, void *item)
{
    onboarding_template *t = item;
    t->id = stmt_int(s, 0);
    t->function = arena_strdup(a, stmt_text(s, 1));
    t->title = arena_strdup(a, stmt_text(s, 2));
    t->modules = NULL;
    t->nmodules = 0;
    return t->function && t->title;
}

int templates_list(store *db, arena *a, onboarding_template **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT t.id, f.name, t.title FROM onboarding_templates t "
                                "JOIN functions f ON f.id = t.function_id ORDER BY f.name");
    if (!s)
        return STORE_ERROR;
    int rc = stmt_collect(s, a, out, n, sizeof **out, read_template);
    for (size_t i = 0; rc == STORE_OK && i < *n; i++)
        rc = template_modules(db, a, (*out)[i].id, &(*out)[i].modules, &(*out)[i].nmodules);
    return rc;
}

int templates_ensure(store *db, const char *actor, const char *function, const char *title,
                     int64_t *id)
{
    int64_t func;
    if (functions_ensure(db, function, &func) != STORE_OK)
        return STORE_ERROR;
    stmt *s = store_prepare(db, "INSERT INTO onboarding_templates(function_id, title) "
                                "VALUES (?, ?) ON CONFLICT (function_id) DO UPDATE SET "
                                "title = excluded.title");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, func);
    stmt_bind_text(s, 2, title);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    s = store_prepare(db, "SELECT id FROM onboarding_templates WHERE function_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, func);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *id = stmt_int(s, 0);
    stmt_done(s);
    return audit_write(db, actor, "set", "onboarding_template", function, NULL, title);
}

/* Binds M's title, description, week, safety and hours from index I on. */
static void bind_module(stmt *s, int i, const onboarding_module *m)
{
    stmt_bind_text(s, i, m->title);
    stmt_bind_text(s, i + 1, m->description && *m->description ? m->description : NULL);
    stmt_bind_int(s, i + 2, m->week);
    stmt_bind_int(s, i + 3, m->safety);
    stmt_bind_int(s, i + 4, m->hours);
}

int templates_add_module(store *db, const char *actor, int64_t template_id,
                         const onboarding_module *m)
{
    stmt *s = store_prepare(db, "INSERT INTO onboarding_template_modules(template_id, title, "
                                "description, week, safety, hours) VALUES (?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, template_id);
    bind_module(s, 2, m);
    int rc = stmt_exec(s);
    char key[24];
    return rc == STORE_OK ? audit_write(db, actor, "create", "onboarding_template_module",
                                        key_of(store_last_id(db), key), NULL, m->title)
                          : rc;
}

int templates_delete_module(store *db, const char *actor, int64_t id)
{
    stmt *s = store_prepare(db, "DELETE FROM onboarding_template_modules WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24];
    return audit_write(db, actor, "delete", "onboarding_template_module", key_of(id, key), NULL,
                       NULL);
}

/* ---- trajectories ---- */

int trajectory_get(store *db, arena *a, int64_t newcomer_row, trajectory *t)
{
    memset(t, 0, sizeof *t);
    stmt *s = store_prepare(db, "SELECT j.id, e.employee_id, e.first_name || ' ' || e.last_name, "
                                "f.name, e.hire_date, j.start_date, j.document_signed_by, "
                                "j.document_signed_on FROM onboarding_trajectories j "
                                "JOIN employees e ON e.id = j.newcomer_id "
                                "JOIN functions f ON f.id = e.function_id "
                                "WHERE j.newcomer_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, newcomer_row);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    t->id = stmt_int(s, 0);
    t->newcomer_row = newcomer_row;
    t->newcomer_id = arena_strdup(a, stmt_text(s, 1));
    t->newcomer_name = arena_strdup(a, stmt_text(s, 2));
    t->function = arena_strdup(a, stmt_text(s, 3));
    t->hire = stmt_date(s, 4);
    t->start = stmt_date(s, 5);
    t->document_signed_by = stmt_text_copy(s, 6, a);
    t->document_signed_on = stmt_date(s, 7);
    stmt_done(s);
    if (!t->newcomer_id || !t->newcomer_name || !t->function)
        return STORE_ERROR;
    s = store_prepare(db, "SELECT id, title, description, week, safety, hours, mentor_signed_on, "
                          "newcomer_signed_on, record_id FROM onboarding_modules "
                          "WHERE trajectory_id = ? ORDER BY safety DESC, week, id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, t->id);
    rc = stmt_collect(s, a, &t->modules, &t->nmodules, sizeof *t->modules, read_module);
    return rc == STORE_OK ? STORE_ROW : rc;
}

int trajectory_create(store *db, const char *actor, int64_t newcomer_row, date_t start)
{
    stmt *s = store_prepare(db, "INSERT INTO onboarding_trajectories(newcomer_id, start_date) "
                                "VALUES (?, ?) ON CONFLICT (newcomer_id) DO NOTHING");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, newcomer_row);
    stmt_bind_date(s, 2, start);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) == 0)
        return STORE_CONSTRAINT;
    int64_t id = store_last_id(db);
    s = store_prepare(db, "INSERT INTO onboarding_modules(trajectory_id, title, description, "
                          "week, safety, hours) SELECT CAST(? AS INTEGER), m.title, "
                          "m.description, m.week, m.safety, m.hours FROM onboarding_template_modules m "
                          "JOIN onboarding_templates t ON t.id = m.template_id "
                          "JOIN employees e ON e.function_id = t.function_id "
                          "WHERE e.id = ? ORDER BY m.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, newcomer_row);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    char key[24], text[DATE_TEXT_SIZE];
    date_format(start, text);
    return audit_write(db, actor, "create", "onboarding_trajectory", key_of(newcomer_row, key),
                       NULL, text);
}

int trajectory_add_module(store *db, const char *actor, int64_t newcomer_row,
                          const onboarding_module *m)
{
    stmt *s = store_prepare(db, "INSERT INTO onboarding_modules(trajectory_id, title, "
                                "description, week, safety, hours) SELECT id, CAST(? AS TEXT), "
                                "CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS INTEGER), "
                                "CAST(? AS INTEGER) "
                                "FROM onboarding_trajectories WHERE newcomer_id = ?");
    if (!s)
        return STORE_ERROR;
    bind_module(s, 1, m);
    stmt_bind_int(s, 6, newcomer_row);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24];
    return audit_write(db, actor, "create", "onboarding_module", key_of(store_last_id(db), key),
                       NULL, m->title);
}

int64_t trajectory_module_newcomer(store *db, int64_t module_id)
{
    return store_int_by_id(db, "SELECT j.newcomer_id FROM onboarding_modules m "
                           "JOIN onboarding_trajectories j ON j.id = m.trajectory_id "
                           "WHERE m.id = ?", module_id);
}

/* The completed module ID becomes an informal learning record of the
 * newcomer at ROW, dated ON, when it has hours and the newcomer is employed
 * on ON (a record outside the employment is refused everywhere). */
static int module_to_record(store *db, int64_t id, int64_t row, date_t on)
{
    stmt *s = store_prepare(db, "SELECT m.title, m.hours, e.hire_date, e.exit_date "
                                "FROM onboarding_modules m, employees e "
                                "WHERE m.id = ? AND e.id = ? AND m.record_id IS NULL");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, row);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? STORE_OK : rc;
    char title[512];
    bool fits = copy_text(title, sizeof title, stmt_text(s, 0));
    int64_t hours = stmt_int(s, 1);
    bool employed = date_employed_on(stmt_date(s, 2), stmt_date(s, 3), on);
    stmt_done(s);
    if (!fits)
        return STORE_ERROR;
    if (hours <= 0 || !employed)
        return STORE_OK;
    learning_record r = {0};
    r.own_type = r.type = TYPE_INFORMAL;
    r.title = title;
    r.start_date = r.end_date = on;
    r.hours = hours;
    r.working_time = 1;
    r.result = RESULT_COMPLETED;
    if ((rc = learning_insert(db, &r, row, 0)) != STORE_OK)
        return rc;
    s = store_prepare(db, "UPDATE onboarding_modules SET record_id = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, store_last_id(db));
    stmt_bind_int(s, 2, id);
    return stmt_exec(s);
}

int trajectory_sign(store *db, const char *actor, int64_t module_id, enum signer who,
                    int64_t signer_row, date_t on)
{
    stmt *s = who == SIGN_MENTOR
        ? store_prepare(db, "UPDATE onboarding_modules SET mentor_signed_on = ?, "
                            "mentor_signed_by = ? WHERE id = ? AND mentor_signed_on IS NULL")
        : store_prepare(db, "UPDATE onboarding_modules SET newcomer_signed_on = ? "
                            "WHERE id = ? AND newcomer_signed_on IS NULL");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, on);
    if (who == SIGN_MENTOR) {
        stmt_bind_int(s, 2, signer_row);
        stmt_bind_int(s, 3, module_id);
    } else {
        stmt_bind_int(s, 2, module_id);
    }
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24];
    rc = audit_write(db, actor, who == SIGN_MENTOR ? "sign_mentor" : "sign_newcomer",
                     "onboarding_module", key_of(module_id, key), NULL, NULL);
    if (rc != STORE_OK)
        return rc;
    s = store_prepare(db, "SELECT j.newcomer_id FROM onboarding_modules m "
                          "JOIN onboarding_trajectories j ON j.id = m.trajectory_id WHERE "
                          "m.id = ? AND m.mentor_signed_on IS NOT NULL AND "
                          "m.newcomer_signed_on IS NOT NULL");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, module_id);
    rc = stmt_step(s);
    if (rc == STORE_DONE)
        return STORE_OK; /* the other has still to sign */
    if (rc != STORE_ROW)
        return STORE_ERROR;
    int64_t newcomer = stmt_int(s, 0);
    stmt_done(s);
    return module_to_record(db, module_id, newcomer, on);
}

int trajectory_sign_document(store *db, const char *actor, int64_t newcomer_row, date_t on)
{
    stmt *s = store_prepare(db, "UPDATE onboarding_trajectories SET document_signed_by = ?, "
                                "document_signed_on = ? WHERE newcomer_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, actor);
    stmt_bind_date(s, 2, on);
    stmt_bind_int(s, 3, newcomer_row);
    int rc = store_exec_changing(db, s);
    if (rc != STORE_OK)
        return rc;
    char key[24], text[DATE_TEXT_SIZE];
    date_format(on, text);
    return audit_write(db, actor, "sign", "onboarding_document", key_of(newcomer_row, key), NULL,
                       text);
}

/* ---- monthly reviews ---- */

/* TEXT, or NULL when it is empty. */
static const char *or_null(const char *text)
{
    return text && *text ? text : NULL;
}

int reviews_add(store *db, const char *actor, int64_t newcomer_row, const onboarding_review *r)
{
    stmt *s = store_prepare(db, "INSERT INTO onboarding_reviews(newcomer_id, review_date, "
                                "practised, mastered, next_plan, note, recorded_by, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    char now[TIME_TEXT_SIZE];
    time_text(TIME_STAMP, 0, now);
    stmt_bind_int(s, 1, newcomer_row);
    stmt_bind_date(s, 2, r->on);
    stmt_bind_text(s, 3, or_null(r->practised));
    stmt_bind_text(s, 4, or_null(r->mastered));
    stmt_bind_text(s, 5, or_null(r->next_plan));
    stmt_bind_text(s, 6, or_null(r->note));
    stmt_bind_text(s, 7, actor);
    stmt_bind_text(s, 8, now);
    int rc = stmt_exec(s);
    char key[24], text[DATE_TEXT_SIZE];
    date_format(r->on, text);
    return rc == STORE_OK ? audit_write(db, actor, "create", "onboarding_review",
                                        key_of(newcomer_row, key), NULL, text)
                          : rc;
}

static bool read_review(stmt *s, arena *a, void *item)
{
    onboarding_review *r = item;
    r->id = stmt_int(s, 0);
    r->on = stmt_date(s, 1);
    r->practised = stmt_text_copy(s, 2, a);
    r->mastered = stmt_text_copy(s, 3, a);
    r->next_plan = stmt_text_copy(s, 4, a);
    r->note = stmt_text_copy(s, 5, a);
    r->recorded_by = arena_strdup(a, stmt_text(s, 6));
    return r->recorded_by != NULL;
}

int reviews_list(store *db, arena *a, int64_t newcomer_row, onboarding_review **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT id, review_date, practised, mastered, next_plan, note, "
                                "recorded_by FROM onboarding_reviews WHERE newcomer_id = ? "
                                "ORDER BY review_date DESC, id DESC LIMIT 200");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, newcomer_row);
    return stmt_collect(s, a, out, n, sizeof **out, read_review);
}

/* ---- communities of practice ---- */

#define COMMUNITY_COLS                                                                      \
    "SELECT c.id, c.name, c.kind, c.rhythm, c.goals, l.employee_id, "                       \
    "l.first_name || ' ' || l.last_name, "                                                  \
    "(SELECT count(*) FROM community_members x WHERE x.community_id = c.id), "              \
    "(SELECT count(*) FROM community_meetings g WHERE g.community_id = c.id) "              \
    "FROM communities c LEFT JOIN employees l ON l.id = c.lead_id "

static bool read_community(stmt *s, arena *a, void *item)
{
    community *c = item;
    c->id = stmt_int(s, 0);
    c->name = arena_strdup(a, stmt_text(s, 1));
    c->kind = arena_strdup(a, stmt_text(s, 2));
    c->rhythm = stmt_text_copy(s, 3, a);
    c->goals = stmt_text_copy(s, 4, a);
    c->lead_id = stmt_text_copy(s, 5, a);
    c->lead_name = stmt_text_copy(s, 6, a);
    c->members = stmt_int(s, 7);
    c->meetings = stmt_int(s, 8);
    return c->name && c->kind;
}

int communities_list(store *db, arena *a, community **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, COMMUNITY_COLS "ORDER BY c.name");
    if (!s)
        return STORE_ERROR;
    return stmt_collect(s, a, out, n, sizeof **out, read_community);
}

int communities_get(store *db, arena *a, int64_t id, community *c)
{
    stmt *s = store_prepare(db, COMMUNITY_COLS "WHERE c.id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    bool ok = read_community(s, a, c);
    stmt_done(s);
    return ok ? STORE_ROW : STORE_ERROR;
}

int communities_add(store *db, const char *actor, const community *c, int64_t lead_row,
                    int64_t *id)
{
    stmt *s = store_prepare(db, "INSERT INTO communities(name, kind, lead_id, rhythm, goals) "
                                "VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, c->name);
    stmt_bind_text(s, 2, c->kind);
    if (lead_row > 0)
        stmt_bind_int(s, 3, lead_row);
    else
        stmt_bind_null(s, 3);
    stmt_bind_text(s, 4, or_null(c->rhythm));
    stmt_bind_text(s, 5, or_null(c->goals));
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    *id = store_last_id(db);
    char key[24];
    rc = audit_write(db, actor, "create", "community", key_of(*id, key), NULL, c->name);
    if (rc == STORE_OK && lead_row > 0)
        rc = communities_add_member(db, actor, *id, lead_row);
    return rc;
}

int communities_add_member(store *db, const char *actor, int64_t id, int64_t row)
{
    stmt *s = store_prepare(db, "INSERT INTO community_members(community_id, employee_id) "
                                "VALUES (?, ?) ON CONFLICT (community_id, employee_id) DO NOTHING");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, row);
    int rc = stmt_exec(s);
    if (rc != STORE_OK || store_changes(db) == 0)
        return rc;
    char key[24], who[24];
    return audit_write(db, actor, "add_member", "community", key_of(id, key), NULL,
                       key_of(row, who));
}

int communities_members(store *db, arena *a, int64_t id, group_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT e.employee_id, e.id FROM community_members m "
                                "JOIN employees e ON e.id = m.employee_id "
                                "WHERE m.community_id = ? ORDER BY e.employee_id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc;
    size_t cap = 0;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        group_count *g = arena_push(a, out, n, &cap, sizeof *g);
        if (!g || !(g->name = arena_strdup(a, stmt_text(s, 0)))) {
            stmt_done(s);
            return STORE_ERROR;
        }
        g->count = stmt_int(s, 1);
    }
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

int communities_is_member(store *db, int64_t id, int64_t row)
{
    stmt *s = store_prepare(db, "SELECT count(*) FROM communities c WHERE c.id = ? AND "
                                "(c.lead_id = ? OR EXISTS (SELECT 1 FROM community_members m "
                                "WHERE m.community_id = c.id AND m.employee_id = ?))");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, row);
    stmt_bind_int(s, 3, row);
    if (stmt_step(s) != STORE_ROW)
        return -1;
    int64_t k = stmt_int(s, 0);
    stmt_done(s);
    return k > 0;
}

/* The hire and exit date of the employee at ROW; STORE_DONE when none. */
static int employment_of(store *db, int64_t row, date_t *hire, date_t *exit)
{
    stmt *s = store_prepare(db, "SELECT hire_date, exit_date FROM employees WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    *hire = stmt_date(s, 0);
    *exit = stmt_date(s, 1);
    stmt_done(s);
    return STORE_ROW;
}

/* An informal learning record of TITLE for the employee at ROW on ON of
 * HOURS, its id in *record. */
static int informal_record(store *db, int64_t row, const char *title, date_t on, date_t end,
                           int64_t hours, int64_t *record)
{
    learning_record r = {0};
    r.own_type = r.type = TYPE_INFORMAL;
    r.title = title;
    r.start_date = on;
    r.end_date = end;
    r.hours = hours;
    r.working_time = 1;
    r.result = RESULT_COMPLETED;
    int rc = learning_insert(db, &r, row, 0);
    *record = rc == STORE_OK ? store_last_id(db) : 0;
    return rc;
}

static int add_meeting(store *db, const char *actor, int64_t id, const char *title, int form,
                       date_t on, int64_t hours, const char *topic, meeting_attendance *who);

int communities_add_meeting(store *db, const char *actor, int64_t id, date_t on, int64_t hours,
                            const char *topic, meeting_attendance *who)
{
    who->skipped = who->claimed = 0;
    arena a = ARENA_INIT;
    community c;
    int rc = communities_get(db, &a, id, &c);
    if (rc != STORE_ROW) {
        arena_free(&a);
        return rc == STORE_DONE ? STORE_DONE : STORE_ERROR;
    }
    /* The records are named after the community and the meeting's topic;
     * a claim's form is the community's kind (a learning network, ...). */
    str title = STR_INIT;
    str_printf(&title, "%s%s%s", c.name, topic && *topic ? ": " : "",
               topic && *topic ? topic : "");
    static const char community_form[] = "community_of_practice";
    const char *kind = c.kind ? c.kind : community_form;
    int form = vocab_find(&vocab_form, kind, strlen(kind));
    if (form < 0)
        form = vocab_find(&vocab_form, community_form, strlen(community_form));
    arena_free(&a);
    if (!str_ok(&title)) {
        str_free(&title);
        return STORE_ERROR;
    }
    rc = add_meeting(db, actor, id, str_cstr(&title), form, on, hours, topic, who);
    str_free(&title);
    return rc;
}

/* The attendance of the employee at ROW in MEETING: an informal record of
 * HOURS titled TITLE on ON, or (TO_CONFIRM) a pending claim of FORM; the
 * attendance points at the record, and at none for a claim. */
static int attend(store *db, const char *actor, int64_t meeting, int64_t row, bool to_confirm,
                  const char *title, int form, date_t on, int64_t hours)
{
    int64_t record = 0;
    int rc;
    if (to_confirm) {
        learning_claim claim = {0};
        claim.title = title;
        claim.form = form;
        claim.start_date = on;
        claim.hours = hours;
        claim.working_time = 1;
        rc = claims_add(db, actor, row, &claim);
    } else {
        rc = informal_record(db, row, title, on, on, hours, &record);
    }
    stmt *s = rc == STORE_OK ? store_prepare(db, "INSERT INTO community_attendance(meeting_id, "
                                                 "employee_id, record_id) VALUES (?, ?, ?) ON "
                                                 "CONFLICT (meeting_id, employee_id) DO NOTHING")
                             : NULL;
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, meeting);
    stmt_bind_int(s, 2, row);
    if (record)
        stmt_bind_int(s, 3, record);
    else
        stmt_bind_null(s, 3);
    return stmt_exec(s);
}

/* communities_add_meeting with the records' TITLE and the claims' FORM made. */
static int add_meeting(store *db, const char *actor, int64_t id, const char *title, int form,
                       date_t on, int64_t hours, const char *topic, meeting_attendance *who)
{
    stmt *s = store_prepare(db, "INSERT INTO community_meetings(community_id, meeting_date, "
                                "hours, topic) VALUES (?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_date(s, 2, on);
    stmt_bind_int(s, 3, hours);
    stmt_bind_text(s, 4, or_null(topic));
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    int64_t meeting = store_last_id(db);
    char key[24];
    rc = audit_write(db, actor, "create", "community_meeting", key_of(meeting, key), NULL, title);
    for (size_t i = 0; rc == STORE_OK && i < who->n; i++) {
        date_t hire, exit;
        int found = employment_of(db, who->rows[i], &hire, &exit);
        if (found == STORE_ERROR)
            return STORE_ERROR;
        if (found != STORE_ROW || !date_employed_on(hire, exit, on)) {
            who->skipped++;
            continue;
        }
        bool to_confirm = who->to_confirm && who->to_confirm[i];
        rc = attend(db, actor, meeting, who->rows[i], to_confirm, title, form, on, hours);
        who->claimed += rc == STORE_OK && to_confirm;
    }
    return rc;
}

static bool read_meeting(stmt *s, arena *a, void *item)
{
    community_meeting *m = item;
    m->id = stmt_int(s, 0);
    m->on = stmt_date(s, 1);
    m->hours = stmt_int(s, 2);
    m->topic = stmt_text_copy(s, 3, a);
    m->attendees = stmt_int(s, 4);
    return m->topic || stmt_null(s, 3);
}

int communities_meetings(store *db, arena *a, int64_t id, community_meeting **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT g.id, g.meeting_date, g.hours, g.topic, "
                                "(SELECT count(*) FROM community_attendance x "
                                "WHERE x.meeting_id = g.id) FROM community_meetings g "
                                "WHERE g.community_id = ? ORDER BY g.meeting_date DESC, g.id DESC "
                                "LIMIT 200");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    return stmt_collect(s, a, out, n, sizeof **out, read_meeting);
}

/* ---- the mentor's own support ---- */

int mentor_training_of(store *db, int64_t row, date_t *on)
{
    /* Our reading of "mentor training" (policy.h): a formal learning record,
     * completed, of an activity whose form is mentoring or coaching, or
     * whose title names mentors (peter, meter, mentor, parrain, marraine). */
    stmt *s = store_prepare(db, "SELECT r.start_date FROM learning_records r "
                                "LEFT JOIN activities a ON a.id = r.activity_id "
                                "WHERE r.employee_id = ? AND r.type = 'formal' AND "
                                "r.result = 'completed' AND (a.form = 'mentoring' OR "
                                "a.form = 'coaching' OR lower(coalesce(r.title, a.title)) LIKE "
                                "'%peter%' OR lower(coalesce(r.title, a.title)) LIKE '%meter%' OR "
                                "lower(coalesce(r.title, a.title)) LIKE '%mentor%' OR "
                                "lower(coalesce(r.title, a.title)) LIKE '%parrain%' OR "
                                "lower(coalesce(r.title, a.title)) LIKE '%marraine%') "
                                "ORDER BY r.start_date DESC LIMIT 1");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    *on = stmt_date(s, 0);
    stmt_done(s);
    return STORE_ROW;
}

/* ---- job rotation ---- */

int rotations_add(store *db, const char *actor, int64_t employee_row, const job_rotation *r,
                  int64_t *id)
{
    stmt *s = store_prepare(db, "INSERT INTO job_rotations(employee_id, workstation, from_date, "
                                "to_date, hours) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_text(s, 2, r->workstation);
    stmt_bind_date(s, 3, r->from);
    stmt_bind_date(s, 4, r->to);
    stmt_bind_int(s, 5, r->hours);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    *id = store_last_id(db);
    char key[24];
    return audit_write(db, actor, "create", "job_rotation", key_of(*id, key), NULL,
                       r->workstation);
}

static bool read_rotation(stmt *s, arena *a, void *item)
{
    job_rotation *r = item;
    r->id = stmt_int(s, 0);
    r->employee_row = stmt_int(s, 1);
    r->employee_id = arena_strdup(a, stmt_text(s, 2));
    r->employee_name = arena_strdup(a, stmt_text(s, 3));
    r->workstation = arena_strdup(a, stmt_text(s, 4));
    r->from = stmt_date(s, 5);
    r->to = stmt_date(s, 6);
    r->hours = stmt_int(s, 7);
    r->completed_on = stmt_date(s, 8);
    r->record_id = stmt_null(s, 9) ? 0 : stmt_int(s, 9);
    return r->employee_id && r->employee_name && r->workstation;
}

int rotations_list(store *db, arena *a, int64_t employee_row, int64_t team_of, job_rotation **out,
                   size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db,
        "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE manager_id = ?2 "
        "UNION SELECT x.id FROM employees x JOIN team t ON x.manager_id = t.id) "
        "SELECT r.id, e.id, e.employee_id, e.first_name || ' ' || e.last_name, r.workstation, "
        "r.from_date, r.to_date, r.hours, r.completed_on, r.record_id FROM job_rotations r "
        "JOIN employees e ON e.id = r.employee_id "
        "WHERE (?1 = 0 OR r.employee_id = ?1) AND (?2 = 0 OR r.employee_id IN "
        "(SELECT id FROM team)) ORDER BY r.from_date, e.employee_id LIMIT 1000");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, employee_row);
    stmt_bind_int(s, 2, team_of);
    return stmt_collect(s, a, out, n, sizeof **out, read_rotation);
}

int64_t rotations_employee(store *db, int64_t id)
{
    return store_int_by_id(db, "SELECT employee_id FROM job_rotations WHERE id = ?", id);
}

int rotations_complete(store *db, const char *actor, int64_t id, date_t on)
{
    stmt *s = store_prepare(db, "SELECT r.employee_id, r.workstation, r.from_date, r.to_date, "
                                "r.hours, e.hire_date, e.exit_date FROM job_rotations r "
                                "JOIN employees e ON e.id = r.employee_id "
                                "WHERE r.id = ? AND r.completed_on IS NULL");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    int64_t row = stmt_int(s, 0);
    /* The record is named after the workstation or department, as people
     * name it (stored data, in the organisation's own language). */
    char title[600];
    int len = snprintf(title, sizeof title, "%s", stmt_text(s, 1));
    date_t from = stmt_date(s, 2), to = stmt_date(s, 3);
    int64_t hours = stmt_int(s, 4);
    bool employed = date_employed_on(stmt_date(s, 5), stmt_date(s, 6), from);
    stmt_done(s);
    if (len < 0 || (size_t)len >= sizeof title)
        return STORE_ERROR;
    int64_t record = 0;
    if (employed && (rc = informal_record(db, row, title, from, to, hours, &record)) != STORE_OK)
        return rc;
    s = store_prepare(db, "UPDATE job_rotations SET completed_on = ?, record_id = ? WHERE id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, on);
    if (record)
        stmt_bind_int(s, 2, record);
    else
        stmt_bind_null(s, 2);
    stmt_bind_int(s, 3, id);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    char key[24];
    return audit_write(db, actor, "complete", "job_rotation", key_of(id, key), NULL, title);
}

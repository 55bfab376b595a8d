/* plans.c - see plans.h. */
#include "store/plans.h"
#include "store/data.h"
#include <stdio.h>
#include <string.h>

#define PLAN_COLS                                                                        \
    "id, year, goal, context, needs_method, new_needs, choices, mandatory, state, body, "  \
    "submitted_on, meeting_on, advice_on, advice_kind, advice_text, employer_answer, "     \
    "adopted_on, evaluated_on, evaluation_meeting_on, evaluation_notes"

int plans_get(store *db, arena *a, int year, plan *p)
{
    stmt *s = store_prepare(db, "SELECT " PLAN_COLS " FROM plans WHERE year = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    int rc = stmt_step(s);
    if (rc != STORE_ROW)
        return rc;
    p->id = stmt_int(s, 0);
    p->year = (int)stmt_int(s, 1);
    p->goal = stmt_text_copy(s, 2, a);
    p->context = stmt_text_copy(s, 3, a);
    p->needs_method = stmt_text_copy(s, 4, a);
    p->new_needs = stmt_text_copy(s, 5, a);
    p->choices = stmt_text_copy(s, 6, a);
    p->mandatory = stmt_text_copy(s, 7, a);
    p->state = stmt_vocab(s, 8, &vocab_plan_state);
    p->body = stmt_vocab(s, 9, &vocab_plan_body);
    p->submitted_on = stmt_date(s, 10);
    p->meeting_on = stmt_date(s, 11);
    p->advice_on = stmt_date(s, 12);
    p->advice_kind = stmt_vocab(s, 13, &vocab_plan_advice);
    p->advice_text = stmt_text_copy(s, 14, a);
    p->employer_answer = stmt_text_copy(s, 15, a);
    p->adopted_on = stmt_date(s, 16);
    p->evaluated_on = stmt_date(s, 17);
    p->evaluation_meeting_on = stmt_date(s, 18);
    p->evaluation_notes = stmt_text_copy(s, 19, a);
    stmt_done(s);
    return STORE_ROW;
}

int plans_years(store *db, arena *a, int **years, size_t *n)
{
    *years = NULL;
    *n = 0;
    int64_t count = store_count(db, "SELECT count(*) FROM plans");
    if (count < 0)
        return STORE_ERROR;
    size_t cap = (size_t)count;
    stmt *s;
    if (!cap)
        return STORE_OK;
    if (!(*years = arena_alloc(a, cap * sizeof **years)) ||
        !(s = store_prepare(db, "SELECT year FROM plans ORDER BY year DESC")))
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && *n < cap)
        (*years)[(*n)++] = (int)stmt_int(s, 0);
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

static int audit_plan(store *db, const char *actor, const char *action, int year,
                      const char *before, const char *after)
{
    char key[16];
    snprintf(key, sizeof key, "%d", year);
    return audit_write(db, actor, action, "plan", key, before, after);
}

int plans_create(store *db, const char *actor, int year)
{
    stmt *s = store_prepare(db, "INSERT INTO plans(year) VALUES (?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    int rc = stmt_exec(s);
    return rc == STORE_OK ? audit_plan(db, actor, "create", year, NULL, "draft") : rc;
}

int plans_copy(store *db, const char *actor, int from, int to)
{
    stmt *s = store_prepare(db, "INSERT INTO plans(year, goal, context, needs_method, new_needs, "
                                "choices, mandatory) SELECT ?2, goal, context, needs_method, "
                                "new_needs, choices, mandatory FROM plans WHERE year = ?1");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, from);
    stmt_bind_int(s, 2, to);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    if (store_changes(db) == 0)
        return STORE_DONE; /* nothing to copy from */
    int64_t id = store_last_id(db);
    /* the initiatives and the budget lines of year FROM, into plan ID */
    static const char *const copies[] = {
        "INSERT INTO plan_initiatives(plan_id, title, activity_id, form, type, target_group, "
        "attention, department_id, participants, hours, working_time, internal, cost, "
        "mandatory) SELECT ?2, i.title, i.activity_id, i.form, i.type, i.target_group, "
        "i.attention, i.department_id, i.participants, i.hours, i.working_time, i.internal, "
        "i.cost, i.mandatory FROM plan_initiatives i JOIN plans p ON p.id = i.plan_id "
        "WHERE p.year = ?1 ORDER BY i.id",
        "INSERT INTO plan_budgets(plan_id, department_id, planned) SELECT ?2, b.department_id, "
        "b.planned FROM plan_budgets b JOIN plans p ON p.id = b.plan_id WHERE p.year = ?1"};
    for (size_t i = 0; i < sizeof copies / sizeof *copies; i++) {
        if (!(s = store_prepare(db, copies[i])))
            return STORE_ERROR;
        stmt_bind_int(s, 1, from);
        stmt_bind_int(s, 2, id);
        if ((rc = stmt_exec(s)) != STORE_OK)
            return rc;
    }
    char from_text[32];
    snprintf(from_text, sizeof from_text, "copy of %d", from);
    return audit_plan(db, actor, "create", to, NULL, from_text);
}

int plans_save_texts(store *db, const char *actor, const plan *p)
{
    stmt *s = store_prepare(db, "UPDATE plans SET goal = ?, context = ?, needs_method = ?, "
                                "new_needs = ?, choices = ?, mandatory = ? WHERE year = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, p->goal);
    stmt_bind_text(s, 2, p->context);
    stmt_bind_text(s, 3, p->needs_method);
    stmt_bind_text(s, 4, p->new_needs);
    stmt_bind_text(s, 5, p->choices);
    stmt_bind_text(s, 6, p->mandatory);
    stmt_bind_int(s, 7, p->year);
    int rc = stmt_exec(s);
    return rc == STORE_OK ? audit_plan(db, actor, "update", p->year, NULL, "texts") : rc;
}

static void bind_choice(stmt *s, int idx, int v, const vocab *names)
{
    if (v < 0)
        stmt_bind_null(s, idx);
    else
        stmt_bind_text(s, idx, vocab_name(names, v));
}

int plans_save_consultation(store *db, const char *actor, const plan *p, int old_state)
{
    stmt *s = store_prepare(db, "UPDATE plans SET state = ?, body = ?, submitted_on = ?, "
                                "meeting_on = ?, advice_on = ?, advice_kind = ?, advice_text = ?, "
                                "employer_answer = ?, adopted_on = ?, evaluated_on = ?, "
                                "evaluation_meeting_on = ?, evaluation_notes = ? WHERE year = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, vocab_name(&vocab_plan_state, p->state));
    bind_choice(s, 2, p->body, &vocab_plan_body);
    stmt_bind_date(s, 3, p->submitted_on);
    stmt_bind_date(s, 4, p->meeting_on);
    stmt_bind_date(s, 5, p->advice_on);
    bind_choice(s, 6, p->advice_kind, &vocab_plan_advice);
    stmt_bind_text(s, 7, p->advice_text);
    stmt_bind_text(s, 8, p->employer_answer);
    stmt_bind_date(s, 9, p->adopted_on);
    stmt_bind_date(s, 10, p->evaluated_on);
    stmt_bind_date(s, 11, p->evaluation_meeting_on);
    stmt_bind_text(s, 12, p->evaluation_notes);
    stmt_bind_int(s, 13, p->year);
    int rc = stmt_exec(s);
    if (rc != STORE_OK)
        return rc;
    return audit_plan(db, actor, old_state == p->state ? "update" : "state", p->year,
                      vocab_name(&vocab_plan_state, old_state),
                      vocab_name(&vocab_plan_state, p->state));
}

static bool read_initiative(stmt *s, arena *a, void *item)
{
    plan_initiative *x = item;
    x->id = stmt_int(s, 0);
    x->title = arena_strdup(a, stmt_text(s, 1));
    x->activity_code = stmt_text_copy(s, 2, a);
    x->form = stmt_vocab(s, 3, &vocab_form);
    x->type = stmt_vocab(s, 4, &vocab_type);
    x->target_group = stmt_text_copy(s, 5, a);
    x->attention = 0;
    const char *att = stmt_text(s, 6);
    for (int g = 0; g < ATTENTION_COUNT; g++)
        if (strstr(att, vocab_attention.names[g]))
            x->attention |= 1u << g;
    x->department = stmt_text_copy(s, 7, a);
    x->participants = stmt_int(s, 8);
    x->hours = stmt_int(s, 9);
    x->working_time = stmt_null(s, 10) ? -1 : (int)stmt_int(s, 10);
    x->internal = stmt_null(s, 11) ? -1 : (int)stmt_int(s, 11);
    x->cost = stmt_int(s, 12);
    x->mandatory = (int)stmt_int(s, 13);
    x->realised_participants = stmt_null(s, 14) ? -1 : stmt_int(s, 14);
    x->realised_hours = stmt_null(s, 15) ? -1 : stmt_int(s, 15);
    x->realised_cost = stmt_null(s, 16) ? -1 : stmt_int(s, 16);
    return x->title != NULL;
}

int plans_initiatives(store *db, arena *a, int64_t plan_id, plan_initiative **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    stmt *s = store_prepare(db, "SELECT i.id, i.title, a.code, i.form, i.type, i.target_group, "
                                "i.attention, d.name, i.participants, i.hours, i.working_time, "
                                "i.internal, i.cost, i.mandatory, i.realised_participants, "
                                "i.realised_hours, i.realised_cost FROM plan_initiatives i "
                                "LEFT JOIN activities a ON a.id = i.activity_id "
                                "LEFT JOIN departments d ON d.id = i.department_id "
                                "WHERE i.plan_id = ? ORDER BY i.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_initiative);
}

static void bind_opt(stmt *s, int idx, int64_t v)
{
    if (v < 0)
        stmt_bind_null(s, idx);
    else
        stmt_bind_int(s, idx, v);
}

int plans_initiative_save(store *db, const char *actor, int64_t plan_id, const plan_initiative *x)
{
    int64_t activity_row = 0, department = 0;
    if (x->activity_code && (activity_row = activities_row(db, x->activity_code, NULL)) <= 0)
        return activity_row < 0 ? STORE_ERROR : STORE_CONSTRAINT;
    if (x->department && departments_ensure(db, x->department, &department) != STORE_OK)
        return STORE_ERROR;
    str attention = STR_INIT;
    for (int g = 0; g < ATTENTION_COUNT; g++)
        if (x->attention & (1u << g))
            str_printf(&attention, "%s%s", attention.len ? "|" : "", vocab_attention.names[g]);
    stmt *s = x->id
        ? store_prepare(db, "UPDATE plan_initiatives SET title = ?2, activity_id = ?3, form = ?4, "
                            "type = ?5, target_group = ?6, attention = ?7, department_id = ?8, "
                            "participants = ?9, hours = ?10, working_time = ?11, internal = ?12, "
                            "cost = ?13, mandatory = ?14, realised_participants = ?15, "
                            "realised_hours = ?16, realised_cost = ?17 "
                            "WHERE id = ?1 AND plan_id = ?18")
        : store_prepare(db, "INSERT INTO plan_initiatives(title, activity_id, form, type, "
                            "target_group, attention, department_id, participants, hours, "
                            "working_time, internal, cost, mandatory, realised_participants, "
                            "realised_hours, realised_cost, plan_id) VALUES (?2, "
                            "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                            "?18)");
    int rc = s && str_ok(&attention) ? STORE_OK : STORE_ERROR;
    if (rc == STORE_OK) {
        stmt_bind_int(s, 1, x->id);
        stmt_bind_text(s, 2, x->title);
        bind_opt(s, 3, activity_row ? activity_row : -1);
        bind_choice(s, 4, x->form, &vocab_form);
        bind_choice(s, 5, x->type, &vocab_type);
        stmt_bind_text(s, 6, x->target_group && *x->target_group ? x->target_group : NULL);
        stmt_bind_text(s, 7, attention.len ? str_cstr(&attention) : NULL);
        bind_opt(s, 8, department ? department : -1);
        stmt_bind_int(s, 9, x->participants);
        stmt_bind_int(s, 10, x->hours);
        bind_opt(s, 11, x->working_time);
        bind_opt(s, 12, x->internal);
        stmt_bind_int(s, 13, x->cost);
        stmt_bind_int(s, 14, x->mandatory);
        bind_opt(s, 15, x->realised_participants);
        bind_opt(s, 16, x->realised_hours);
        bind_opt(s, 17, x->realised_cost);
        stmt_bind_int(s, 18, plan_id);
        rc = stmt_exec(s);
    }
    str_free(&attention);
    if (rc == STORE_OK)
        rc = audit_write(db, actor, x->id ? "update" : "create", "plan_initiative", x->title,
                         NULL, NULL);
    return rc;
}

int plans_initiative_delete(store *db, const char *actor, int64_t plan_id, int64_t id)
{
    stmt *s = store_prepare(db, "DELETE FROM plan_initiatives WHERE id = ? AND plan_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, id);
    stmt_bind_int(s, 2, plan_id);
    int rc = stmt_exec(s);
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return rc == STORE_OK ? audit_write(db, actor, "delete", "plan_initiative", key, NULL, NULL)
                          : rc;
}

static bool read_budget(stmt *s, arena *a, void *item)
{
    plan_budget *b = item;
    *b = (plan_budget){arena_strdup(a, stmt_text(s, 0)), stmt_int(s, 1), stmt_int(s, 2),
                       stmt_int(s, 3)};
    return b->department != NULL;
}

/* Binds the first and last day of YEAR to S's parameters FIRST and
 * FIRST + 1: the people employed at some time of the year are those
 * hired by its last day and not gone before its first (EMPLOYED_IN below,
 * as plans_headcounts and the reports count them). */
#define EMPLOYED_IN(first, last) "e.hire_date <= " last " AND (e.exit_date IS NULL OR " \
                                 "e.exit_date >= " first ")"
static void bind_year_days(stmt *s, int first, int year)
{
    /* as dates: the statement keeps their text (a bound text must outlive
     * the step, and these are the function's own) */
    stmt_bind_date(s, first, date_from_ymd(year, 1, 1));
    stmt_bind_date(s, first + 1, date_from_ymd(year, 12, 31));
}

int plans_budgets(store *db, arena *a, int64_t plan_id, int year, plan_budget **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* Every department with a budget line or spending, by name. What was
     * spent comes from the learning totals of the year of the people
     * employed in it, summed once per department (one pass, not one per
     * department): the population of the reports and of the departments'
     * headcounts, so that no line differs from theirs by a few people. */
    stmt *s = store_prepare(db, "SELECT d.name, coalesce(b.planned, 0), coalesce(b.committed, 0), "
                                "coalesce(x.spent, 0) FROM departments d "
                                "LEFT JOIN plan_budgets b ON b.department_id = d.id AND "
                                "b.plan_id = ?1 "
                                "LEFT JOIN (SELECT e.department_id AS department_id, "
                                "sum(t.cost - t.subsidy) AS spent FROM learning_totals t "
                                "JOIN employees e ON e.id = t.employee_id WHERE t.year = ?2 AND "
                                EMPLOYED_IN("?3", "?4") " GROUP BY e.department_id) x "
                                "ON x.department_id = d.id ORDER BY d.name");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    stmt_bind_int(s, 2, year);
    bind_year_days(s, 3, year);
    return stmt_collect(s, a, out, n, sizeof **out, read_budget);
}

int plans_budget_save(store *db, const char *actor, int64_t plan_id, const char *department,
                      int64_t planned, int64_t committed)
{
    int64_t dept;
    if (departments_ensure(db, department, &dept) != STORE_OK)
        return STORE_ERROR;
    stmt *s = store_prepare(db, "INSERT INTO plan_budgets(plan_id, department_id, planned, "
                                "committed) VALUES (?, ?, ?, ?) ON CONFLICT (plan_id, "
                                "department_id) DO UPDATE SET planned = excluded.planned, "
                                "committed = excluded.committed");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    stmt_bind_int(s, 2, dept);
    stmt_bind_int(s, 3, planned);
    stmt_bind_int(s, 4, committed);
    int rc = stmt_exec(s);
    return rc == STORE_OK ? audit_write(db, actor, "update", "plan_budget", department, NULL, NULL)
                          : rc;
}

int plans_comment_add(store *db, const char *actor, const char *role, int64_t plan_id,
                      const char *text)
{
    stmt *s = store_prepare(db, "INSERT INTO plan_comments(plan_id, author, role, at, text) "
                                "VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    stmt_bind_text(s, 2, actor);
    stmt_bind_text(s, 3, role);
    char now[TIME_TEXT_SIZE];
    time_text(TIME_MINUTE, 0, now);
    stmt_bind_text(s, 4, now);
    stmt_bind_text(s, 5, text);
    int rc = stmt_exec(s);
    return rc == STORE_OK ? audit_write(db, actor, "create", "plan_comment", NULL, NULL, text) : rc;
}

static bool read_comment(stmt *s, arena *a, void *item)
{
    plan_comment *c = item;
    *c = (plan_comment){arena_strdup(a, stmt_text(s, 0)), arena_strdup(a, stmt_text(s, 1)),
                        arena_strdup(a, stmt_text(s, 2)), arena_strdup(a, stmt_text(s, 3)),
                        arena_strdup(a, stmt_text(s, 4))};
    return c->author && c->role && c->at && c->text && c->author_name;
}

int plans_comments(store *db, arena *a, int64_t plan_id, plan_comment **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* The author's name where their login is linked to an employee. */
    stmt *s = store_prepare(db, "SELECT c.author, c.role, c.at, c.text, coalesce((SELECT "
                                "e.first_name || ' ' || e.last_name FROM users u JOIN employees "
                                "e ON e.id = u.employee_id WHERE u.login = c.author), c.author) "
                                "FROM plan_comments c WHERE c.plan_id = ? ORDER BY c.id");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, plan_id);
    return stmt_collect(s, a, out, n, sizeof **out, read_comment);
}

static bool read_actual(stmt *s, arena *a, void *item)
{
    department_actual *d = item;
    *d = (department_actual){arena_strdup(a, stmt_text(s, 0)), stmt_int(s, 1), stmt_int(s, 2),
                             stmt_int(s, 3)};
    return d->department != NULL;
}

int plans_actuals(store *db, arena *a, int year, department_actual **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* The people employed in the year, as the reports count them. */
    stmt *s = store_prepare(db, "SELECT d.name, count(DISTINCT t.employee_id), sum(t.hours), "
                                "sum(t.cost) FROM learning_totals t JOIN employees e ON "
                                "e.id = t.employee_id JOIN departments d ON d.id = e.department_id "
                                "WHERE t.year = ?1 AND " EMPLOYED_IN("?2", "?3")
                                " GROUP BY d.name ORDER BY d.name");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, year);
    bind_year_days(s, 2, year);
    return stmt_collect(s, a, out, n, sizeof **out, read_actual);
}

static bool read_headcount(stmt *s, arena *a, void *item)
{
    group_count *g = item;
    *g = (group_count){arena_strdup(a, stmt_text(s, 0)), stmt_int(s, 1)};
    return g->name != NULL;
}

int plans_headcounts(store *db, arena *a, int year, group_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    /* Dates are ISO text: employed at some time of YEAR when hired by its
     * last day and not gone before its first (date_months_employed > 0). */
    stmt *s = store_prepare(db, "SELECT d.name, count(*) FROM employees e JOIN departments d "
                                "ON d.id = e.department_id WHERE " EMPLOYED_IN("?1", "?2")
                                " GROUP BY d.name ORDER BY d.name");
    if (!s)
        return STORE_ERROR;
    bind_year_days(s, 1, year);
    return stmt_collect(s, a, out, n, sizeof **out, read_headcount);
}

/* employees.c - departments, functions and employees. */
#include "store/data.h"
#include "core/sessions.h"
#include "util/decimal.h"
#include "util/text.h"
#include <stdlib.h>
#include <string.h>

/* The row of the name table read by ALL_SQL (id, name by id) whose name
 * matches NAME but for letter case and surrounding spaces
 * (text_name_key), the first stored when several do: STORE_ROW with *id,
 * STORE_DONE when none does, or STORE_ERROR. */
static int match_name(store *db, const char *all_sql, const char *name, int64_t *id)
{
    str want = STR_INIT, key = STR_INIT;
    stmt *s = text_name_key(name, strlen(name), &want) ? store_prepare(db, all_sql) : NULL;
    int rc = s ? STORE_DONE : STORE_ERROR;
    while (s && (rc = stmt_step(s)) == STORE_ROW) {
        const char *stored = stmt_text(s, 1);
        if (!text_name_key(stored, strlen(stored), &key)) {
            stmt_done(s);
            rc = STORE_ERROR;
            break;
        }
        if (key.len == want.len && memcmp(key.p, want.p, key.len) == 0) {
            *id = stmt_int(s, 0);
            stmt_done(s);
            break;
        }
    }
    str_free(&want);
    str_free(&key);
    return rc;
}

/* The row id of NAME in a name table: the row spelled so, else the one it
 * matches but for letter case and surrounding spaces (match_name: the
 * first spelling stored stays), else a new row. Three statements per
 * table, so each stays a cached literal. */
static int ensure_name(store *db, const char *select_sql, const char *all_sql,
                       const char *insert_sql, const char *name, int64_t *id)
{
    stmt *s = store_prepare(db, select_sql);
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, name);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        *id = stmt_int(s, 0);
        stmt_done(s);
        return STORE_OK;
    }
    if (rc != STORE_DONE || (rc = match_name(db, all_sql, name, id)) == STORE_ERROR)
        return STORE_ERROR;
    if (rc == STORE_ROW)
        return STORE_OK;
    if (!(s = store_prepare(db, insert_sql)))
        return STORE_ERROR;
    stmt_bind_text(s, 1, name);
    if ((rc = stmt_exec(s)) != STORE_OK)
        return rc;
    *id = store_last_id(db);
    return STORE_OK;
}

int departments_ensure(store *db, const char *name, int64_t *id)
{
    return ensure_name(db, "SELECT id FROM departments WHERE name = ?",
                       "SELECT id, name FROM departments ORDER BY id",
                       "INSERT INTO departments(name) VALUES (?)", name, id);
}

int functions_ensure(store *db, const char *name, int64_t *id)
{
    return ensure_name(db, "SELECT id FROM functions WHERE name = ?",
                       "SELECT id, name FROM functions ORDER BY id",
                       "INSERT INTO functions(name) VALUES (?)", name, id);
}

/* Every row of a name table (departments or functions) by name, through
 * the two statements given (a count and the rows). */
static int name_table(store *db, arena *a, const char *count_sql, const char *rows_sql,
                      group_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int64_t count = store_count(db, count_sql);
    if (count < 0)
        return STORE_ERROR;
    size_t cap = (size_t)count;
    stmt *s;
    if (!cap)
        return STORE_OK;
    if (!(*out = arena_alloc(a, cap * sizeof **out)) || !(s = store_prepare(db, rows_sql)))
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && *n < cap)
        (*out)[(*n)++] = (group_count){arena_strdup(a, stmt_text(s, 1)), stmt_int(s, 0)};
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

int departments_list(store *db, arena *a, group_count **out, size_t *n)
{
    return name_table(db, a, "SELECT count(*) FROM departments",
                      "SELECT id, name FROM departments ORDER BY name", out, n);
}

int functions_list(store *db, arena *a, group_count **out, size_t *n)
{
    return name_table(db, a, "SELECT count(*) FROM functions",
                      "SELECT id, name FROM functions ORDER BY name", out, n);
}

int64_t employees_row(store *db, const char *employee_id)
{
    return store_int_by_text(db, "SELECT id FROM employees WHERE employee_id = ?", employee_id);
}

int employees_number_alike(store *db, const char *text)
{
    stmt *s = store_prepare(db, "SELECT employee_id FROM employees WHERE length(employee_id) = ?");
    if (!s)
        return -1;
    stmt_bind_int(s, 1, (int64_t)strlen(text));
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        if (number_alike(text, stmt_text(s, 0))) {
            stmt_done(s);
            return 1;
        }
    return rc == STORE_DONE ? 0 : -1;
}

int64_t employees_count(store *db)
{
    return store_count(db, "SELECT count(*) FROM employees");
}

/* The text of an answer (born abroad, disability, shift), NULL when none. */
static const char *answer_text(int v, const vocab *names)
{
    return v < 0 ? NULL : vocab_name(names, v);
}

/* A date's text, NULL for DATE_NONE. */
static const char *date_text(date_t d, char out[DATE_TEXT_SIZE])
{
    if (d == DATE_NONE)
        return NULL;
    date_format(d, out);
    return out;
}

/* An integer's text, in OUT of 24 bytes (always room). */
static const char *int_value(int64_t v, char out[24])
{
    decimal_format(v, 0, 0, out, 24);
    return out;
}

void employee_values_of(const employee *e, int64_t dept, int64_t func, employee_values *out)
{
    const char **v = out->v;
    v[0] = e->employee_id;
    v[1] = e->first_name;
    v[2] = e->last_name;
    v[3] = e->email && *e->email ? e->email : NULL;
    v[4] = vocab_name(&vocab_gender, e->gender);
    v[5] = date_text(e->birth_date, out->birth);
    v[6] = date_text(e->hire_date, out->hire);
    v[7] = date_text(e->exit_date, out->exit);
    v[8] = int_value(dept, out->dept);
    v[9] = int_value(func, out->func);
    v[10] = vocab_name(&vocab_category, e->category);
    v[11] = vocab_name(&vocab_contract, e->contract);
    v[12] = int_value(e->fte, out->fte);
    v[13] = vocab_name(&vocab_education, e->education);
    v[14] = answer_text(e->born_abroad, &vocab_answer);
    v[15] = answer_text(e->disability, &vocab_answer);
    v[16] = answer_text(e->shift, &vocab_shift);
}

/* The integer columns among employee_values (department, function, fte):
 * bound as integers, as the columns hold them. */
static bool integer_value(int i)
{
    return i == 8 || i == 9 || i == 12;
}

/* Binds the EMPLOYEE_VALUES values V to S's parameters 1.. in their order. */
static void bind_values(stmt *s, const char *const *v)
{
    for (int i = 0; i < EMPLOYEE_VALUES; i++) {
        if (v[i] && integer_value(i))
            stmt_bind_int(s, i + 1, strtoll(v[i], NULL, 10));
        else
            stmt_bind_text(s, i + 1, v[i]);
    }
}

/* The columns of employee_values, in their order. */
#define EMPLOYEE_VALUE_COLUMNS                                                           \
    "employee_id, first_name, last_name, email, gender, birth_date, hire_date, "         \
    "exit_date, department_id, function_id, category, contract, fte, education, "        \
    "born_abroad, disability, shift"

int employees_insert_values(store *db, const char *const *values, int64_t *row)
{
    /* A plain INSERT of placeholders only: a bulk load streams it (COPY on
     * PostgreSQL, which gives the id itself). */
    stmt *s = store_prepare(db, "INSERT INTO employees(" EMPLOYEE_VALUE_COLUMNS ") VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    bind_values(s, values);
    int rc = stmt_exec_bulk(s);
    if (rc != STORE_OK)
        return rc;
    *row = store_last_id(db);
    return *row > 0 ? STORE_OK : STORE_ERROR;
}

int employees_update_values(store *db, const char *const *values)
{
    /* Changes nothing (and counts no change) when the row holds VALUES. */
    stmt *s = store_prepare(db, "UPDATE employees SET first_name = ?2, last_name = ?3, email = ?4, "
                                "gender = ?5, birth_date = ?6, hire_date = ?7, exit_date = ?8, "
                                "department_id = ?9, function_id = ?10, category = ?11, "
                                "contract = ?12, fte = ?13, education = ?14, born_abroad = ?15, "
                                "disability = ?16, shift = ?17 WHERE employee_id = ?1 AND ("
                                "first_name IS DISTINCT FROM ?2 OR last_name IS DISTINCT FROM ?3 OR "
                                "email IS DISTINCT FROM ?4 OR gender IS DISTINCT FROM ?5 OR "
                                "birth_date IS DISTINCT FROM ?6 OR hire_date IS DISTINCT FROM ?7 OR "
                                "exit_date IS DISTINCT FROM ?8 OR department_id IS DISTINCT FROM ?9 OR "
                                "function_id IS DISTINCT FROM ?10 OR category IS DISTINCT FROM ?11 OR "
                                "contract IS DISTINCT FROM ?12 OR fte IS DISTINCT FROM ?13 OR "
                                "education IS DISTINCT FROM ?14 OR born_abroad IS DISTINCT FROM ?15 OR "
                                "disability IS DISTINCT FROM ?16 OR shift IS DISTINCT FROM ?17)");
    if (!s)
        return STORE_ERROR;
    bind_values(s, values);
    return stmt_exec_bulk(s);
}

/* Many changed employees go through the temporary table employee_changes
 * and one UPDATE ... FROM, not one UPDATE each: on PostgreSQL the changed
 * rows then travel in one COPY, and the server joins them in one pass.
 * The table copies employees' columns (their types and, on PostgreSQL,
 * their collation), so the join compares like with like. It is made for
 * one import and dropped after it, not emptied: PostgreSQL never vacuums a
 * temporary table, so on a server's connection every emptied row would stay
 * for the next UPDATE to scan, and a connection that serves several
 * organisations gets the columns of the one it works for. */
int employees_changes_begin(store *db)
{
    if (store_exec_once(db, "DROP TABLE IF EXISTS employee_changes") != STORE_OK)
        return STORE_ERROR;
    return store_exec_once(db, "CREATE TEMP TABLE employee_changes AS SELECT "
                               EMPLOYEE_VALUE_COLUMNS " FROM employees WHERE 1 = 0");
}

int employees_change_add(store *db, const char *const *values)
{
    /* Plain placeholders: a bulk load streams such an INSERT (COPY). */
    stmt *s = store_prepare(db, "INSERT INTO employee_changes(" EMPLOYEE_VALUE_COLUMNS ") VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return STORE_ERROR;
    bind_values(s, values);
    return stmt_exec_bulk(s);
}

int employees_changes_apply(store *db)
{
    stmt *s = store_prepare(db, "UPDATE employees SET first_name = c.first_name, "
                                "last_name = c.last_name, email = c.email, gender = c.gender, "
                                "birth_date = c.birth_date, hire_date = c.hire_date, "
                                "exit_date = c.exit_date, department_id = c.department_id, "
                                "function_id = c.function_id, category = c.category, "
                                "contract = c.contract, fte = c.fte, education = c.education, "
                                "born_abroad = c.born_abroad, disability = c.disability, "
                                "shift = c.shift FROM employee_changes AS c "
                                "WHERE employees.employee_id = c.employee_id");
    if (!s || stmt_exec(s) != STORE_OK)
        return STORE_ERROR;
    return store_exec_once(db, "DROP TABLE employee_changes");
}

int employees_upsert(store *db, const employee *e, int64_t *row, int *outcome)
{
    int64_t dept, func;
    if (departments_ensure(db, e->department, &dept) != STORE_OK ||
        functions_ensure(db, e->function, &func) != STORE_OK)
        return STORE_ERROR;
    int64_t existing = employees_row(db, e->employee_id);
    if (existing < 0)
        return STORE_ERROR;
    employee_values v;
    employee_values_of(e, dept, func, &v);
    if (!existing) {
        *outcome = UPSERT_CREATED;
        return employees_insert_values(db, v.v, row);
    }
    int rc = employees_update_values(db, v.v);
    *row = existing;
    *outcome = store_changes(db) ? UPSERT_UPDATED : UPSERT_UNCHANGED;
    return rc;
}

int employees_each_stored(store *db,
                          int (*each)(void *ctx, int64_t row, int64_t manager_row,
                                      const char *const *values),
                          void *ctx)
{
    stmt *s = store_prepare(db, "SELECT " EMPLOYEE_VALUE_COLUMNS ", id, manager_id "
                                "FROM employees");
    if (!s)
        return STORE_ERROR;
    int rc;
    const char *v[EMPLOYEE_VALUES];
    while ((rc = stmt_step(s)) == STORE_ROW) {
        for (int i = 0; i < EMPLOYEE_VALUES; i++)
            v[i] = stmt_null(s, i) ? NULL : stmt_text(s, i);
        if (each(ctx, stmt_int(s, EMPLOYEE_VALUES), stmt_int(s, EMPLOYEE_VALUES + 1), v) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    }
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Manager links go the way of employees_changes_begin: many links through
 * the temporary table manager_changes and one UPDATE ... FROM. */
int employees_manager_changes_begin(store *db)
{
    if (store_exec_once(db, "DROP TABLE IF EXISTS manager_changes") != STORE_OK)
        return STORE_ERROR;
    return store_exec_once(db, "CREATE TEMP TABLE manager_changes AS SELECT id, manager_id "
                               "FROM employees WHERE 1 = 0");
}

int employees_manager_change_add(store *db, int64_t row, int64_t manager_row)
{
    stmt *s = store_prepare(db, "INSERT INTO manager_changes(id, manager_id) VALUES (?, ?)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, row);
    if (manager_row > 0)
        stmt_bind_int(s, 2, manager_row);
    else
        stmt_bind_null(s, 2);
    return stmt_exec_bulk(s);
}

int employees_manager_changes_apply(store *db)
{
    stmt *s = store_prepare(db, "UPDATE employees SET manager_id = c.manager_id FROM "
                                "manager_changes AS c WHERE employees.id = c.id");
    if (!s || stmt_exec(s) != STORE_OK)
        return STORE_ERROR;
    return store_exec_once(db, "DROP TABLE manager_changes");
}

int employees_set_manager(store *db, const char *employee_id, const char *manager_id,
                          int *changed)
{
    stmt *s = store_prepare(db, "UPDATE employees SET manager_id = "
                                "(SELECT id FROM employees WHERE employee_id = ?2) "
                                "WHERE employee_id = ?1 AND manager_id IS DISTINCT FROM "
                                "(SELECT id FROM employees WHERE employee_id = ?2)");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, employee_id);
    stmt_bind_text(s, 2, manager_id);
    int rc = stmt_exec(s);
    *changed = rc == STORE_OK && store_changes(db) > 0;
    return rc;
}

int employees_each_brief(store *db, int (*each)(void *, const char *, int64_t, date_t, date_t),
                         void *ctx)
{
    stmt *s = store_prepare(db, "SELECT employee_id, id, hire_date, exit_date FROM employees");
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW)
        if (each(ctx, stmt_text(s, 0), stmt_int(s, 1), stmt_date(s, 2), stmt_date(s, 3)) != 0) {
            stmt_done(s);
            return STORE_ERROR;
        }
    return rc == STORE_DONE ? STORE_OK : rc;
}

#define EMP_COLS                                                                        \
    "e.id, e.employee_id, e.first_name, e.last_name, e.email, e.gender, e.birth_date, " \
    "e.hire_date, e.exit_date, d.name, f.name, e.category, e.contract, e.fte, "         \
    "e.education, e.born_abroad, e.disability, m.employee_id, e.shift"
#define EMP_FROM                                                                        \
    " FROM employees e JOIN departments d ON d.id = e.department_id "                   \
    "JOIN functions f ON f.id = e.function_id LEFT JOIN employees m ON m.id = e.manager_id "

static bool read_employee(stmt *s, arena *a, void *item)
{
    employee *e = item;
    e->id = stmt_int(s, 0);
    e->employee_id = arena_strdup(a, stmt_text(s, 1));
    e->first_name = arena_strdup(a, stmt_text(s, 2));
    e->last_name = arena_strdup(a, stmt_text(s, 3));
    e->email = stmt_text_copy(s, 4, a);
    e->gender = stmt_vocab(s, 5, &vocab_gender);
    e->birth_date = stmt_date(s, 6);
    e->hire_date = stmt_date(s, 7);
    e->exit_date = stmt_date(s, 8);
    e->department = arena_strdup(a, stmt_text(s, 9));
    e->function = arena_strdup(a, stmt_text(s, 10));
    e->category = stmt_vocab(s, 11, &vocab_category);
    e->contract = stmt_vocab(s, 12, &vocab_contract);
    e->fte = (int32_t)stmt_int(s, 13);
    e->education = stmt_vocab(s, 14, &vocab_education);
    e->born_abroad = stmt_vocab(s, 15, &vocab_answer);
    e->disability = stmt_vocab(s, 16, &vocab_answer);
    e->manager_id = stmt_text_copy(s, 17, a);
    e->shift = stmt_vocab(s, 18, &vocab_shift);
    return e->employee_id && e->first_name && e->last_name && e->department && e->function;
}

/* One WHERE for the list and its count: every filter is a bound parameter
 * that is NULL or 0 when unused. A text filter's "IS NULL" test casts it, so
 * that PostgreSQL knows its type when it first meets it. */
#define TEAM_CTE                                                                  \
    "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE manager_id = ?3 " \
    "UNION SELECT x.id FROM employees x JOIN team t ON x.manager_id = t.id) "
#define EMP_WHERE                                                                         \
    "WHERE (CAST(?1 AS TEXT) IS NULL OR lower(e.first_name || ' ' || e.last_name) "       \
    "LIKE '%' || lower(?1) || '%' OR lower(e.employee_id) LIKE '%' || lower(?1) || '%') " \
    "AND (CAST(?2 AS TEXT) IS NULL OR d.name = ?2) "                                      \
    "AND (?3 = 0 OR e.id IN (SELECT id FROM team)) AND (?4 = 0 OR e.id = ?4) "            \
    "AND (CAST(?5 AS TEXT) IS NULL OR f.name = ?5) "                                      \
    "AND (CAST(?6 AS TEXT) IS NULL OR e.category = ?6) "                                  \
    "AND (CAST(?7 AS TEXT) IS NULL OR e.contract = ?7) "                                  \
    "AND (?8 = 0 OR (?8 = 1 AND e.hire_date <= ?9 AND (e.exit_date IS NULL OR "           \
    "e.exit_date >= ?9)) OR (?8 = 2 AND e.exit_date < ?9) OR (?8 = 3 AND e.hire_date > ?9)) "

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

static void bind_query(stmt *s, const employee_query *q)
{
    stmt_bind_text(s, 1, nonempty(q->search));
    stmt_bind_text(s, 2, nonempty(q->department));
    stmt_bind_int(s, 3, q->team_of);
    stmt_bind_int(s, 4, q->only);
    stmt_bind_text(s, 5, nonempty(q->function));
    stmt_bind_text(s, 6, nonempty(q->category));
    stmt_bind_text(s, 7, nonempty(q->contract));
    stmt_bind_int(s, 8, q->status);
    stmt_bind_date(s, 9, date_today());
}

int employees_list(store *db, arena *a, const employee_query *q, employee **out, size_t *n,
                   size_t *total)
{
    *out = NULL;
    *n = *total = 0;
    stmt *s = store_prepare(db, TEAM_CTE "SELECT count(*)" EMP_FROM EMP_WHERE);
    if (!s)
        return STORE_ERROR;
    bind_query(s, q);
    if (stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    *total = (size_t)stmt_int(s, 0);
    stmt_done(s);
    if (q->offset < 0)
        return STORE_OK; /* no such page */
    s = store_prepare(db, TEAM_CTE "SELECT " EMP_COLS EMP_FROM EMP_WHERE
                                   "ORDER BY e.employee_id LIMIT ?10 OFFSET ?11");
    if (!s)
        return STORE_ERROR;
    bind_query(s, q);
    stmt_bind_int(s, 10, q->limit > 0 ? q->limit : INT64_MAX); /* all: -1 is SQLite-only */
    stmt_bind_int(s, 11, q->offset);
    return stmt_collect(s, a, out, n, sizeof **out, read_employee);
}

int employees_get(store *db, arena *a, const char *employee_id, employee *e)
{
    stmt *s = store_prepare(db, "SELECT " EMP_COLS EMP_FROM "WHERE e.employee_id = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, employee_id);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        if (!read_employee(s, a, e))
            rc = STORE_ERROR;
        stmt_done(s);
    }
    return rc;
}

int employees_name_of_login(store *db, arena *a, const char *login, const char **name)
{
    stmt *s = store_prepare(db, "SELECT e.first_name, e.last_name FROM users u JOIN employees e "
                                "ON e.id = u.employee_id WHERE u.login = ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_text(s, 1, login);
    int rc = stmt_step(s);
    if (rc == STORE_ROW) {
        size_t nf = strlen(stmt_text(s, 0)), nl = strlen(stmt_text(s, 1));
        char *text = arena_alloc(a, nf + nl + 2);
        if (text) {
            memcpy(text, stmt_text(s, 0), nf);
            text[nf] = ' ';
            memcpy(text + nf + 1, stmt_text(s, 1), nl + 1);
        }
        *name = text;
        stmt_done(s);
        if (!text)
            rc = STORE_ERROR;
    }
    return rc;
}

int employees_in_team(store *db, int64_t manager, int64_t emp)
{
    stmt *s = store_prepare(db, "WITH RECURSIVE team(id) AS (SELECT id FROM employees WHERE "
                                "manager_id = ?1 UNION SELECT x.id FROM employees x JOIN team t "
                                "ON x.manager_id = t.id) SELECT 1 FROM team WHERE id = ?2");
    if (!s)
        return 0;
    stmt_bind_int(s, 1, manager);
    stmt_bind_int(s, 2, emp);
    int rc = stmt_step(s);
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ROW;
}

int departments_headcount(store *db, arena *a, date_t on, group_count **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int64_t count = store_count(db, "SELECT count(*) FROM departments");
    if (count < 0)
        return STORE_ERROR;
    size_t cap = (size_t)count;
    stmt *s;
    if (cap == 0)
        return STORE_OK;
    if (!(*out = arena_alloc(a, cap * sizeof **out)))
        return STORE_ERROR;
    s = store_prepare(db, "SELECT d.name, count(*) FROM employees e "
                          "JOIN departments d ON d.id = e.department_id "
                          "WHERE e.hire_date <= ?1 AND (e.exit_date IS NULL OR e.exit_date >= ?1) "
                          "GROUP BY d.name ORDER BY d.name");
    if (!s)
        return STORE_ERROR;
    stmt_bind_date(s, 1, on);
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && *n < cap) {
        (*out)[*n].name = arena_strdup(a, stmt_text(s, 0));
        (*out)[(*n)++].count = stmt_int(s, 1);
    }
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

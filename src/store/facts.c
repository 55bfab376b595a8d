/* facts.c - see facts.h. The learning comes from learning_totals, the
 * record summed per employee, year and type (kept in step by learning.c), so
 * a report reads one row per employee and type, not every record. */
#include "store/facts.h"
#include "store/data.h"
#include "core/policy.h"
#include "core/settings.h"
#include "util/decimal.h"
#include "util/map.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The one copy of the name T (LEN bytes) in A, made on first sight and found
 * in NAMES after; NULL when out of memory. */
static const char *intern(map *names, arena *a, const char *t, size_t len)
{
    int64_t at;
    if (map_get(names, t, len, &at))
        return (const char *)(intptr_t)at;
    char *copy = arena_strndup(a, t, len);
    if (!copy || !map_put(names, t, len, (int64_t)(intptr_t)copy))
        return NULL;
    return copy;
}

/* The people as the rules need them, with department and function names
 * shared (interned) rather than copied per employee. */
static int load_people(store *db, arena *a, facts *f)
{
    stmt *s = store_prepare(db, "SELECT count(*) FROM employees");
    if (!s || stmt_step(s) != STORE_ROW)
        return STORE_ERROR;
    size_t cap = (size_t)stmt_int(s, 0);
    stmt_done(s);
    f->people = arena_alloc(a, (cap + 1) * sizeof *f->people);
    if (!f->people)
        return STORE_ERROR;
    s = store_prepare(db, "SELECT e.id, e.employee_id, e.gender, e.birth_date, e.hire_date, "
                          "e.exit_date, d.name, fn.name, e.category, e.contract, e.fte, "
                          "e.education, e.born_abroad, e.disability FROM employees e "
                          "JOIN departments d ON d.id = e.department_id "
                          "JOIN functions fn ON fn.id = e.function_id ORDER BY e.employee_id");
    if (!s)
        return STORE_ERROR;
    map names = MAP_INIT;
    bool out_of_memory = false;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && f->npeople < cap) {
        employee *e = &f->people[f->npeople];
        const char *dept = stmt_text(s, 6), *func = stmt_text(s, 7);
        e->department = intern(&names, a, dept, strlen(dept));
        e->function = intern(&names, a, func, strlen(func));
        e->employee_id = arena_strdup(a, stmt_text(s, 1));
        if (!e->department || !e->function || !e->employee_id) {
            out_of_memory = true;
            break;
        }
        const char *g = stmt_text(s, 2);
        e->id = stmt_int(s, 0);
        e->gender = g[0] == 'F' ? GENDER_F : g[0] == 'M' ? GENDER_M : GENDER_X;
        e->birth_date = stmt_date(s, 3);
        e->hire_date = stmt_date(s, 4);
        e->exit_date = stmt_date(s, 5);
        const char *cat = stmt_text(s, 8), *con = stmt_text(s, 9), *edu = stmt_text(s, 11);
        e->category = vocab_find(&vocab_category, cat, strlen(cat));
        e->contract = vocab_find(&vocab_contract, con, strlen(con));
        e->fte = (int32_t)stmt_int(s, 10);
        e->education = vocab_find(&vocab_education, edu, strlen(edu));
        const char *ab = stmt_text(s, 12), *dis = stmt_text(s, 13);
        e->born_abroad = stmt_null(s, 12) ? ANSWER_NONE : vocab_find(&vocab_answer, ab, strlen(ab));
        e->disability = stmt_null(s, 13) ? ANSWER_NONE : vocab_find(&vocab_answer, dis, strlen(dis));
        e->first_name = e->last_name = "";
        e->shift = SHIFT_NONE;
        f->npeople++; /* counted only once whole */
    }
    if (rc == STORE_ROW)
        stmt_done(s);
    map_free(&names);
    if (out_of_memory)
        return STORE_ERROR;
    return rc == STORE_DONE || rc == STORE_ROW ? STORE_OK : STORE_ERROR;
}

int facts_load(store *db, arena *a, int first_year, int last_year, facts *f)
{
    memset(f, 0, sizeof *f);
    if (last_year < first_year || last_year - first_year >= 10)
        return STORE_ERROR;
    f->first_year = first_year;
    f->last_year = last_year;
    if (load_people(db, a, f) != STORE_OK)
        return STORE_ERROR;
    int64_t max_row = 0;
    for (size_t i = 0; i < f->npeople; i++)
        if (f->people[i].id > max_row)
            max_row = f->people[i].id;
    size_t years = (size_t)(last_year - first_year + 1);
    int32_t *index_of = arena_alloc(a, (size_t)(max_row + 1) * sizeof *index_of);
    f->totals = arena_alloc(a, (years * f->npeople + 1) * sizeof *f->totals);
    if (!index_of || !f->totals)
        return STORE_ERROR;
    for (size_t i = 0; i < f->npeople; i++)
        index_of[f->people[i].id] = (int32_t)i;
    stmt *s = store_prepare(db, "SELECT employee_id, year, type, records, hours, cost, "
                                "subsidy, right_hours FROM learning_totals "
                                "WHERE year >= ? AND year <= ?");
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, first_year);
    stmt_bind_int(s, 2, last_year);
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        int64_t row = stmt_int(s, 0);
        int year = (int)stmt_int(s, 1);
        if (row < 1 || row > max_row || year < first_year || year > last_year)
            continue;
        int type = (int)stmt_int(s, 2);
        if (type < 0 || type > 2)
            continue;
        learning_totals *t =
            &f->totals[(size_t)(year - first_year) * f->npeople + (size_t)index_of[row]];
        t->records[type] += (int32_t)stmt_int(s, 3);
        t->hours[type] += stmt_int(s, 4);
        t->cost[type] += stmt_int(s, 5);
        t->subsidy[type] += stmt_int(s, 6);
        t->right_hours += stmt_int(s, 7);
    }
    if (rc != STORE_DONE)
        return STORE_ERROR;
    /* Funding of every loaded year. */
    for (int y = first_year; y <= last_year; y++) {
        funding *list;
        size_t n;
        if (funding_list(db, a, y, &list, &n) != STORE_OK)
            return STORE_ERROR;
        funding *all = arena_alloc(a, (f->nfunding + n + 1) * sizeof *all);
        if (!all)
            return STORE_ERROR;
        if (f->nfunding)
            memcpy(all, f->funding, f->nfunding * sizeof *all);
        if (n)
            memcpy(all + f->nfunding, list, n * sizeof *all);
        f->funding = all;
        f->nfunding += n;
    }
    return STORE_OK;
}

/* The setting KEY as a decimal with SCALE places, or its default
 * (core/settings.c holds every default). */
static int decimal_setting(store *db, const char *key, int scale, int64_t *out)
{
    str v = STR_INIT;
    int rc = settings_get(db, key, &v);
    *out = setting_decimal(key, rc == STORE_ROW ? str_cstr(&v) : NULL, scale);
    str_free(&v);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

int rule_settings_load(store *db, rule_settings *s)
{
    int64_t min_group;
    if (decimal_setting(db, "hours_per_day", 2, &s->hours_per_day) != STORE_OK ||
        decimal_setting(db, "employer_size", 2, &s->employer_size) != STORE_OK ||
        decimal_setting(db, "days_per_fte", 2, &s->days_per_fte) != STORE_OK ||
        decimal_setting(db, "min_group", 0, &min_group) != STORE_OK)
        return STORE_ERROR;
    if (s->hours_per_day <= 0) /* a stored 0 would divide by zero */
        s->hours_per_day = setting_decimal("hours_per_day", NULL, 2);
    s->min_group = min_group < POLICY_MIN_GROUP ? POLICY_MIN_GROUP : (int)min_group;
    return STORE_OK;
}

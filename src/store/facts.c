/* facts.c - see facts.h. The learning comes from learning_totals, the
 * record summed per employee, year and type (kept in step by learning.c), so
 * a report reads one row per employee and type, not every record. */
#include "store/facts.h"
#include "store/data.h"
#include "core/policy.h"
#include "core/rules.h"
#include "core/settings.h"
#include "util/decimal.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A department or function: its row and name. */
typedef struct named_row {
    int64_t id;
    const char *name;
} named_row;

/* Every row of SQL (id, name, ordered by id) into *OUT, names in A. */
static int load_named(store *db, arena *a, const char *count_sql, const char *sql,
                      named_row **out, size_t *n)
{
    *n = 0;
    int64_t count = store_count(db, count_sql);
    if (count < 0 || !(*out = arena_alloc(a, ((size_t)count + 1) * sizeof **out)))
        return STORE_ERROR;
    stmt *s = store_prepare(db, sql);
    if (!s)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW && *n < (size_t)count) {
        named_row *r = &(*out)[*n];
        r->id = stmt_int(s, 0);
        if (!(r->name = arena_strdup(a, stmt_text(s, 1)))) {
            stmt_done(s);
            return STORE_ERROR;
        }
        (*n)++;
    }
    if (rc == STORE_ROW)
        stmt_done(s);
    return rc == STORE_ERROR ? STORE_ERROR : STORE_OK;
}

/* The name of row ID in LIST (N rows ordered by id); NULL when absent. */
static const char *name_of(const named_row *list, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid].id == id)
            return list[mid].name;
        if (list[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* f->people (room for *CAP) made room for MORE people. */
static bool resize_people(arena *a, facts *f, size_t *cap, size_t more)
{
    employee *grown = arena_grow(a, f->people, *cap * sizeof *grown, more * sizeof *grown);
    if (!grown)
        return false;
    f->people = grown;
    *cap = more;
    return true;
}

/* Makes room for more people in f->people (*CAP of them), twice as many
 * each time: the people are counted as they come, since counting them first
 * costs PostgreSQL a scan of its own. */
static bool grow_people(arena *a, facts *f, size_t *cap)
{
    size_t more = *cap ? *cap * 2 : 1024;
    return more <= SIZE_MAX / sizeof *f->people && resize_people(a, f, cap, more);
}

/* Gives back the room grow_people made beyond the last person, and makes
 * f->people an array even when nobody is there; false when out of memory. */
static bool fit_people(arena *a, facts *f, size_t *cap)
{
    return resize_people(a, f, cap, f->npeople ? f->npeople : 1);
}

/* What a read of the people gives beyond each person's row id, dates of
 * employment and FTE. A read gives only what its report uses: a column
 * that is not there costs neither backend anything (PostgreSQL sends no
 * column of NULLs for it). */
typedef enum person_field {
    FIELD_GENDER, FIELD_BIRTH_DATE, FIELD_DEPARTMENT, FIELD_FUNCTION, FIELD_CATEGORY,
    FIELD_CONTRACT, FIELD_EDUCATION, FIELD_BORN_ABROAD, FIELD_DISABILITY, FIELD_EMPLOYEE_ID,
    FIELD_COUNT
} person_field;

/* A read of the people: its SQL (the four columns of PEOPLE, then one per
 * field in FIELDS, in that order) and those fields. */
typedef struct people_read {
    const char *sql;
    person_field fields[FIELD_COUNT];
    int nfields;
} people_read;

#define PEOPLE "SELECT id, hire_date, exit_date, fte"
#define PEOPLE_COLUMNS 4
#define BY_ID " FROM employees ORDER BY employee_id"

/* Every field, in employee_id's order: for reports that list people. */
static const people_read EVERY_FIELD = {
    PEOPLE ", gender, birth_date, department_id, function_id, category, contract, education, "
           "born_abroad, disability, employee_id" BY_ID,
    {FIELD_GENDER, FIELD_BIRTH_DATE, FIELD_DEPARTMENT, FIELD_FUNCTION, FIELD_CATEGORY,
     FIELD_CONTRACT, FIELD_EDUCATION, FIELD_BORN_ABROAD, FIELD_DISABILITY, FIELD_EMPLOYEE_ID},
    FIELD_COUNT};
/* What the training right lists people by, and (for the pages that group
 * them so) their department. */
static const people_read RIGHT_FIELDS[2] = {
    {PEOPLE ", employee_id" BY_ID, {FIELD_EMPLOYEE_ID}, 1},
    {PEOPLE ", department_id, employee_id" BY_ID, {FIELD_DEPARTMENT, FIELD_EMPLOYEE_ID}, 2}};
/* What figures summed over groups read of the people (social balance,
 * participation by each dimension): their gender (the social balance's
 * groups) and the one field that groups them for participation; in the
 * table's order and without employee_id, so a sequential scan for
 * PostgreSQL and no id text to send. */
#define BY(column, field) {PEOPLE ", gender, " column " FROM employees", {FIELD_GENDER, field}, 2}
static const people_read PEOPLE_BY_DIM[DIM_COUNT] = {
    [DIM_GENDER] = {PEOPLE ", gender FROM employees", {FIELD_GENDER}, 1},
    [DIM_AGE] = BY("birth_date", FIELD_BIRTH_DATE),
    [DIM_EDUCATION] = BY("education", FIELD_EDUCATION),
    [DIM_CATEGORY] = BY("category", FIELD_CATEGORY),
    [DIM_CONTRACT] = BY("contract", FIELD_CONTRACT),
    [DIM_DEPARTMENT] = BY("department_id", FIELD_DEPARTMENT),
    [DIM_FUNCTION] = BY("function_id", FIELD_FUNCTION),
    [DIM_ORIGIN] = BY("born_abroad", FIELD_BORN_ABROAD),
    [DIM_DISABILITY] = BY("disability", FIELD_DISABILITY)};
#undef BY
#undef BY_ID

/* Whether READ gives FIELD. */
static bool reads_field(const people_read *read, person_field field)
{
    for (int i = 0; i < read->nfields; i++)
        if (read->fields[i] == field)
            return true;
    return false;
}

/* The name in LIST (N rows) of the id in column COL of S: "" when the
 * column is NULL, NULL when LIST has no such row. */
static const char *name_or_none(const named_row *list, size_t n, stmt *s, int col)
{
    return stmt_null(s, col) ? "" : name_of(list, n, stmt_int(s, col));
}

/* An answer (yes, no, unknown) in column COL of S; ANSWER_NONE for NULL. */
static int answer_at(stmt *s, int col)
{
    const char *t = stmt_text(s, col);
    return stmt_null(s, col) ? ANSWER_NONE : vocab_find(&vocab_answer, t, strlen(t));
}

/* The value in vocabulary V of column COL of S. */
static int word_at(const vocab *v, stmt *s, int col)
{
    const char *t = stmt_text(s, col);
    return vocab_find(v, t, strlen(t));
}

/* E as a read gives a person before its fields: what a field that is not
 * read stays. */
static void person_defaults(employee *e)
{
    e->employee_id = e->first_name = e->last_name = e->department = e->function = "";
    e->gender = GENDER_X;
    e->birth_date = DATE_NONE;
    e->category = vocab_find(&vocab_category, "", 0);
    e->contract = vocab_find(&vocab_contract, "", 0);
    e->education = vocab_find(&vocab_education, "", 0);
    e->born_abroad = e->disability = ANSWER_NONE;
    e->shift = SHIFT_NONE;
}

/* Fills E from the current row of S, read by READ; department and function
 * names from DEPTS and FUNCS, employee_id copied into A. False when out of
 * memory or when a department or function is not in its list. */
static bool read_person(stmt *s, const people_read *read, const named_row *depts, size_t ndepts,
                        const named_row *funcs, size_t nfuncs, arena *a, employee *e)
{
    person_defaults(e);
    e->id = stmt_int(s, 0);
    e->hire_date = stmt_date(s, 1);
    e->exit_date = stmt_date(s, 2);
    e->fte = (int32_t)stmt_int(s, 3);
    for (int i = 0; i < read->nfields; i++) {
        int col = PEOPLE_COLUMNS + i;
        const char *g;
        switch (read->fields[i]) {
        case FIELD_GENDER:
            g = stmt_text(s, col);
            e->gender = g[0] == 'F' ? GENDER_F : g[0] == 'M' ? GENDER_M : GENDER_X;
            break;
        case FIELD_BIRTH_DATE: e->birth_date = stmt_date(s, col); break;
        case FIELD_DEPARTMENT: e->department = name_or_none(depts, ndepts, s, col); break;
        case FIELD_FUNCTION: e->function = name_or_none(funcs, nfuncs, s, col); break;
        case FIELD_CATEGORY: e->category = word_at(&vocab_category, s, col); break;
        case FIELD_CONTRACT: e->contract = word_at(&vocab_contract, s, col); break;
        case FIELD_EDUCATION: e->education = word_at(&vocab_education, s, col); break;
        case FIELD_BORN_ABROAD: e->born_abroad = answer_at(s, col); break;
        case FIELD_DISABILITY: e->disability = answer_at(s, col); break;
        case FIELD_EMPLOYEE_ID: e->employee_id = arena_strdup(a, stmt_text(s, col)); break;
        case FIELD_COUNT: break;
        }
    }
    /* NULL: out of memory, or a row without its department */
    return e->department && e->function && e->employee_id;
}

/* The people as the rules need them, read by READ (one of those above).
 * Departments and functions, when READ needs their names, are read once (a
 * few dozen rows) and shared by name, so the people come from one scan of
 * the covering index employees_facts (migration 003) without a lookup in
 * two other tables for each of them. THEN, the read that follows (or
 * NULL), is started once the people are there, so that PostgreSQL makes
 * its rows while these are read. */
static int load_people(store *db, arena *a, const people_read *read, stmt *then, facts *f)
{
    named_row *depts = NULL, *funcs = NULL;
    size_t ndepts = 0, nfuncs = 0;
    if (reads_field(read, FIELD_DEPARTMENT) &&
        load_named(db, a, "SELECT count(*) FROM departments",
                   "SELECT id, name FROM departments ORDER BY id", &depts, &ndepts) != STORE_OK)
        return STORE_ERROR;
    if (reads_field(read, FIELD_FUNCTION) &&
        load_named(db, a, "SELECT count(*) FROM functions",
                   "SELECT id, name FROM functions ORDER BY id", &funcs, &nfuncs) != STORE_OK)
        return STORE_ERROR;
    stmt *s = store_prepare_many(db, read->sql);
    if (!s)
        return STORE_ERROR;
    bool failed = false;
    size_t cap = 0;
    int rc = stmt_step(s);
    if (rc != STORE_ERROR && then && stmt_start(then) != STORE_OK)
        failed = true;
    for (; !failed && rc == STORE_ROW; rc = stmt_step(s)) {
        if ((f->npeople == cap && !grow_people(a, f, &cap)) ||
            !read_person(s, read, depts, ndepts, funcs, nfuncs, a, &f->people[f->npeople])) {
            failed = true;
            break;
        }
        f->npeople++; /* counted only once whole */
    }
    if (rc == STORE_ROW)
        stmt_done(s);
    if (failed || !fit_people(a, f, &cap))
        return STORE_ERROR;
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

/* Loads the people, then the learning totals of F's years: every figure
 * into f->totals when ALL, otherwise only the hours that use the training
 * right into f->right_hours (8 bytes a person and year instead of 104, for
 * the training right of 100,000 people). */
/* Which of the learning totals a load reads, and in which columns (-1: not
 * read). The first two columns are always employee_id and type. A read
 * without the year is of one year only. */
typedef struct totals_read {
    const char *sql;
    int year, records, hours, cost, subsidy, right_hours;
} totals_read;

typedef enum learning_figures {
    FIGURES_ALL,   /* every figure, into f->totals */
    FIGURES_SUMS,  /* one year's, without the right hours (social balance) */
    FIGURES_TAKEN, /* one year's records and hours only (participation) */
    FIGURES_RIGHT  /* the hours that use the training right, into f->right_hours */
} learning_figures;

/* A read of several years asks for the rows in the key's order, which
 * costs SQLite nothing (the table is its key) and makes PostgreSQL walk the
 * key's range of those years instead of scanning every year the table holds
 * (training right, 100,000 people, two of five years: 51 -> 33 ms on the
 * server). One year's rows it finds by a bitmap of the key anyway. */
#define OF_YEARS " FROM learning_totals WHERE year >= ? AND year <= ?"
#define IN_KEY_ORDER " ORDER BY year, employee_id, type"
static const totals_read TOTALS_READ[] = {
    [FIGURES_ALL] = {"SELECT employee_id, type, year, records, hours, cost, subsidy, "
                     "right_hours" OF_YEARS IN_KEY_ORDER, 2, 3, 4, 5, 6, 7},
    [FIGURES_SUMS] = {"SELECT employee_id, type, records, hours, cost, subsidy" OF_YEARS,
                      -1, 2, 3, 4, 5, -1},
    [FIGURES_TAKEN] = {"SELECT employee_id, type, records, hours" OF_YEARS, -1, 2, 3, -1, -1, -1},
    [FIGURES_RIGHT] = {"SELECT employee_id, type, year, right_hours" OF_YEARS IN_KEY_ORDER, 2, -1,
                       -1, -1, -1, 3}};
#undef OF_YEARS
#undef IN_KEY_ORDER

/* Adds the figures of R's columns in S's row to T, of type TYPE. */
static void add_totals(learning_totals *t, const totals_read *r, stmt *s, int type)
{
    t->records[type] += (int32_t)stmt_int(s, r->records);
    t->hours[type] += stmt_int(s, r->hours);
    if (r->cost >= 0) {
        t->cost[type] += stmt_int(s, r->cost);
        t->subsidy[type] += stmt_int(s, r->subsidy);
    }
    if (r->right_hours >= 0)
        t->right_hours += stmt_int(s, r->right_hours);
}

static int load(store *db, arena *a, int first_year, int last_year, learning_figures what,
                const people_read *people, bool overlap, facts *f)
{
    bool all = what != FIGURES_RIGHT;
    const totals_read *r = &TOTALS_READ[what];
    memset(f, 0, sizeof *f);
    if (last_year < first_year || last_year - first_year >= 10 ||
        (r->year < 0 && last_year != first_year))
        return STORE_ERROR;
    f->first_year = first_year;
    f->last_year = last_year;
    stmt *s = store_prepare_many(db, r->sql);
    if (!s)
        return STORE_ERROR;
    stmt_bind_int(s, 1, first_year);
    stmt_bind_int(s, 2, last_year);
    if (load_people(db, a, people, overlap ? s : NULL, f) != STORE_OK) {
        stmt_done(s);
        return STORE_ERROR;
    }
    int64_t max_row = 0;
    for (size_t i = 0; i < f->npeople; i++)
        if (f->people[i].id > max_row)
            max_row = f->people[i].id;
    size_t years = (size_t)(last_year - first_year + 1);
    int32_t *index_of = arena_alloc(a, (size_t)(max_row + 1) * sizeof *index_of);
    if (all)
        f->totals = arena_alloc(a, (years * f->npeople + 1) * sizeof *f->totals);
    else
        f->right_hours = arena_alloc(a, (years * f->npeople + 1) * sizeof *f->right_hours);
    if (!index_of || (!f->totals && !f->right_hours)) {
        stmt_done(s);
        return STORE_ERROR;
    }
    for (size_t i = 0; i < f->npeople; i++)
        index_of[f->people[i].id] = (int32_t)i;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        int64_t row = stmt_int(s, 0);
        int year = r->year >= 0 ? (int)stmt_int(s, r->year) : first_year;
        if (row < 1 || row > max_row || year < first_year || year > last_year)
            continue;
        int type = (int)stmt_int(s, 1);
        if (type < 0 || type > 2)
            continue;
        size_t at = (size_t)(year - first_year) * f->npeople + (size_t)index_of[row];
        if (all)
            add_totals(&f->totals[at], r, s, type);
        else
            f->right_hours[at] += stmt_int(s, r->right_hours);
    }
    if (rc != STORE_DONE)
        return STORE_ERROR;
    /* Funding of every loaded year. */
    for (int y = first_year; all && y <= last_year; y++) {
        funding *list;
        size_t n;
        if (funding_list(db, a, y, &list, &n) != STORE_OK)
            return STORE_ERROR;
        funding *both = arena_alloc(a, (f->nfunding + n + 1) * sizeof *both);
        if (!both)
            return STORE_ERROR;
        if (f->nfunding)
            memcpy(both, f->funding, f->nfunding * sizeof *both);
        if (n)
            memcpy(both + f->nfunding, list, n * sizeof *both);
        f->funding = both;
        f->nfunding += n;
    }
    return STORE_OK;
}

int facts_load(store *db, arena *a, int first_year, int last_year, facts *f)
{
    return load(db, a, first_year, last_year, FIGURES_ALL, &EVERY_FIELD, true, f);
}

int facts_load_sums(store *db, arena *a, int year, int dim, bool overlap, facts *f)
{
    if (dim < 0 || dim >= DIM_COUNT)
        return STORE_ERROR;
    return load(db, a, year, year, FIGURES_SUMS, &PEOPLE_BY_DIM[dim], overlap, f);
}

int facts_load_taken(store *db, arena *a, int year, int dim, facts *f)
{
    if (dim < 0 || dim >= DIM_COUNT)
        return STORE_ERROR;
    return load(db, a, year, year, FIGURES_TAKEN, &PEOPLE_BY_DIM[dim], true, f);
}

int facts_load_right(store *db, arena *a, int first_year, int last_year, bool departments,
                     facts *f)
{
    return load(db, a, first_year, last_year, FIGURES_RIGHT, &RIGHT_FIELDS[departments], true,
                f);
}

int facts_load_staff(store *db, arena *a, facts *f)
{
    memset(f, 0, sizeof *f);
    /* Three columns of the covering index employees_facts, no join. */
    stmt *s = store_prepare_many(db, "SELECT id, hire_date, exit_date, fte FROM employees");
    if (!s)
        return STORE_ERROR;
    size_t cap = 0;
    int rc;
    while ((rc = stmt_step(s)) == STORE_ROW) {
        if (f->npeople == cap && !grow_people(a, f, &cap)) {
            stmt_done(s);
            return STORE_ERROR;
        }
        employee *e = &f->people[f->npeople++];
        e->id = stmt_int(s, 0);
        e->hire_date = stmt_date(s, 1);
        e->exit_date = stmt_date(s, 2);
        e->fte = (int32_t)stmt_int(s, 3);
        e->employee_id = e->first_name = e->last_name = e->department = e->function = "";
    }
    if (!fit_people(a, f, &cap))
        return STORE_ERROR;
    return rc == STORE_DONE ? STORE_OK : STORE_ERROR;
}

/* The settings the rules use, read at once (one round trip to PostgreSQL
 * for every report instead of four), each as a decimal with its places, or
 * its default (core/settings.c holds every default). */
int rule_settings_load(store *db, rule_settings *s)
{
    static const struct {
        const char *key;
        int scale;
    } wanted[] = {{"hours_per_day", 2}, {"employer_size", 2}, {"days_per_fte", 2}, {"min_group", 0}};
    enum { WANTED = sizeof wanted / sizeof wanted[0] };
    int64_t value[WANTED];
    bool stored[WANTED] = {false};
    stmt *st = store_prepare(db, "SELECT key, value FROM settings WHERE key IN "
                                 "('hours_per_day', 'employer_size', 'days_per_fte', 'min_group')");
    if (!st)
        return STORE_ERROR;
    int rc;
    while ((rc = stmt_step(st)) == STORE_ROW)
        for (int i = 0; i < WANTED; i++)
            if (strcmp(stmt_text(st, 0), wanted[i].key) == 0) {
                value[i] = setting_decimal(wanted[i].key, stmt_text(st, 1), wanted[i].scale);
                stored[i] = true;
            }
    if (rc != STORE_DONE)
        return STORE_ERROR;
    for (int i = 0; i < WANTED; i++)
        if (!stored[i])
            value[i] = setting_decimal(wanted[i].key, NULL, wanted[i].scale);
    s->hours_per_day = value[0];
    s->employer_size = value[1];
    s->days_per_fte = value[2];
    if (s->hours_per_day <= 0) /* a stored 0 would divide by zero */
        s->hours_per_day = setting_decimal("hours_per_day", NULL, 2);
    s->min_group = value[3] < POLICY_MIN_GROUP ? POLICY_MIN_GROUP : (int)value[3];
    return STORE_OK;
}

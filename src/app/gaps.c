/* gaps.c (app) - see gaps.h. */
#include "app/gaps.h"
#include "core/reports.h"
#include "store/competences.h"
#include "store/facts.h"
#include "util/i18n.h"
#include "util/map.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether PEOPLE[i] reports, directly or not, to the employee at row BOSS;
 * BY_ID maps employee_id to index. The chain is walked at most N steps, so a
 * loop in the data cannot hang it. */
static bool reports_to(const employee *people, size_t n, map *by_id, size_t i, int64_t boss)
{
    for (size_t steps = 0; steps < n && people[i].manager_id; steps++) {
        int64_t up;
        const char *m = people[i].manager_id;
        if (!map_get(by_id, m, strlen(m), &up))
            return false;
        if (people[up].id == boss)
            return true;
        i = (size_t)up;
    }
    return false;
}

/* Keeps in *PEOPLE only those the caller may see line by line: a manager
 * their direct and indirect reports, an employee themself; and, for pages,
 * only FUNCTION. The order (by employee_id) stays. */
static bool keep_visible(const gaps_query *q, employee **people, size_t *n)
{
    if (q->role == ROLE_ADMIN || q->role == ROLE_REPRESENTATIVE) {
        if (!q->function)
            return true;
    }
    map by_id = MAP_INIT;
    bool ok = true;
    for (size_t i = 0; ok && q->role == ROLE_MANAGER && i < *n; i++)
        ok = map_put(&by_id, (*people)[i].employee_id, strlen((*people)[i].employee_id),
                     (int64_t)i);
    /* Kept people are moved to the front in place; the manager chains read
     * the original order, so the test is made first for everyone. */
    bool *keep = ok ? calloc(*n + 1, sizeof *keep) : NULL;
    for (size_t i = 0; keep && i < *n; i++) {
        const employee *e = &(*people)[i];
        bool k = q->role == ROLE_ADMIN || q->role == ROLE_REPRESENTATIVE ||
                 (q->role == ROLE_MANAGER
                      ? reports_to(*people, *n, &by_id, i, q->employee_row)
                      : e->id == q->employee_row);
        keep[i] = k && (!q->function || strcmp(e->function, q->function) == 0);
    }
    size_t kept = 0;
    for (size_t i = 0; keep && i < *n; i++)
        if (keep[i])
            (*people)[kept++] = (*people)[i];
    if (keep)
        *n = kept;
    ok = keep != NULL;
    free(keep);
    map_free(&by_id);
    return ok;
}

/* The loading of assessments: rows mapped to indexes of the input. */
typedef struct loader {
    arena *a;
    int32_t *person_of;  /* employee row -> person index + 1 (0: not asked for) */
    int64_t max_person_row;
    int32_t *code_of;    /* competence row -> code index + 1 */
    int64_t max_code_row;
    gap_assessment *list; /* malloc'ed: see add_latest */
    size_t n, cap;
} loader;

static int add_latest(void *ctx, int64_t employee_row, int64_t competence_row, int level,
                      date_t on, int64_t id)
{
    loader *l = ctx;
    if (employee_row < 1 || employee_row > l->max_person_row || competence_row < 1 ||
        competence_row > l->max_code_row)
        return 0;
    int32_t person = l->person_of[employee_row], code = l->code_of[competence_row];
    if (!person || !code)
        return 0; /* not among the people asked for */
    if (l->n == l->cap) {
        /* malloc, not the arena: the list is freed as soon as the rule has
         * run (gaps_view_build), and a grown copy does not stay behind. */
        size_t cap = l->cap ? l->cap * 2 : 1024;
        gap_assessment *p = realloc(l->list, cap * sizeof *p);
        if (!p)
            return -1;
        l->list = p;
        l->cap = cap;
    }
    l->list[l->n++] = (gap_assessment){(uint32_t)(person - 1), (uint32_t)(code - 1),
                                       (int8_t)level, on, id};
    return 0;
}

/* Checks that DEPARTMENT exists; GAPS_OK, GAPS_BAD_REQUEST or GAPS_FAILED. */
static int check_department(store *db, arena *a, const char *department, str *err)
{
    group_count *list;
    size_t n;
    if (departments_list(db, a, &list, &n) != STORE_OK) {
        str_puts(err, store_error(db));
        return GAPS_FAILED;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].name, department) == 0)
            return GAPS_OK;
    str_printf(err, _("a department of the organisation (there is none named '%s')"),
               department);
    return GAPS_BAD_REQUEST;
}

static int load_input(store *db, arena *a, const gaps_query *q, gaps_input *in, str *err)
{
    employee *people;
    size_t npeople;
    competence *comps;
    size_t ncomps;
    profile_line *lines;
    size_t nlines;
    if (gap_people_load(db, a, &people, &npeople) != STORE_OK ||
        competences_list(db, a, &comps, &ncomps) != STORE_OK ||
        profiles_list(db, a, &lines, &nlines) != STORE_OK) {
        str_puts(err, store_error(db));
        return GAPS_FAILED;
    }
    if (!keep_visible(q, &people, &npeople)) {
        str_puts(err, "out of memory");
        return GAPS_FAILED;
    }
    const char **codes = arena_alloc(a, (ncomps + 1) * sizeof *codes);
    gap_profile *profiles = arena_alloc(a, (nlines + 1) * sizeof *profiles);
    loader l = {a, NULL, 0, NULL, 0, NULL, 0, 0};
    for (size_t i = 0; i < npeople; i++)
        if (people[i].id > l.max_person_row)
            l.max_person_row = people[i].id;
    for (size_t i = 0; i < ncomps; i++)
        if (comps[i].id > l.max_code_row)
            l.max_code_row = comps[i].id;
    l.person_of = arena_alloc(a, (size_t)(l.max_person_row + 1) * sizeof *l.person_of);
    l.code_of = arena_alloc(a, (size_t)(l.max_code_row + 1) * sizeof *l.code_of);
    map index_of_code = MAP_INIT;
    bool ok = codes && profiles && l.person_of && l.code_of;
    if (ok) {
        memset(l.person_of, 0, (size_t)(l.max_person_row + 1) * sizeof *l.person_of);
        memset(l.code_of, 0, (size_t)(l.max_code_row + 1) * sizeof *l.code_of);
    }
    for (size_t i = 0; ok && i < ncomps; i++) {
        codes[i] = comps[i].code;
        l.code_of[comps[i].id] = (int32_t)i + 1;
        ok = map_put(&index_of_code, comps[i].code, strlen(comps[i].code), (int64_t)i);
    }
    for (size_t i = 0; ok && i < nlines; i++) {
        int64_t c = 0;
        map_get(&index_of_code, lines[i].competence, strlen(lines[i].competence), &c);
        profiles[i] = (gap_profile){lines[i].function, (uint32_t)c, (int8_t)lines[i].level_now,
                                    (int8_t)lines[i].level_future};
    }
    for (size_t i = 0; ok && i < npeople; i++)
        l.person_of[people[i].id] = (int32_t)i + 1;
    int rc = ok ? GAPS_OK : GAPS_FAILED;
    if (!ok)
        str_puts(err, "out of memory");
    else if (assessments_latest_each(db, q->date, q->department, add_latest, &l) != STORE_OK) {
        str_puts(err, store_error(db));
        rc = GAPS_FAILED;
    }
    if (rc != GAPS_OK) {
        free(l.list);
        l.list = NULL;
        l.n = 0;
    }
    *in = (gaps_input){q->date, q->horizon, q->department, people, npeople,
                       (const char *const *)codes, ncomps, profiles, nlines, l.list, l.n};
    map_free(&index_of_code);
    return rc;
}

/* The departments of V's population: *NDEPT of them, HEADS[d] people each,
 * NEED[d * ncodes + c] of whom require competence c. False when out of
 * memory. */
static bool tally_departments(const gaps_view *v, arena *a, int64_t **heads, int64_t **need,
                              size_t *ndept)
{
    const gaps_report *r = &v->report;
    size_t ncodes = v->in.ncodes;
    *heads = arena_alloc(a, (r->npeople + 1) * sizeof **heads);
    *need = arena_alloc(a, (r->npeople * ncodes + 1) * sizeof **need);
    map index = MAP_INIT;
    bool ok = *heads && *need;
    *ndept = 0;
    for (size_t i = 0; ok && i < r->npeople; i++) {
        const char *name = v->in.people[r->people[i].person].department;
        name = name ? name : "";
        int64_t d;
        if (!map_get(&index, name, strlen(name), &d)) {
            d = (int64_t)(*ndept)++;
            memset(*need + (size_t)d * ncodes, 0, ncodes * sizeof **need);
            (*heads)[d] = 0;
            ok = map_put(&index, name, strlen(name), d);
        }
        (*heads)[d]++;
        for (size_t k = 0; k < r->people[i].nlines; k++)
            (*need)[(size_t)d * ncodes + r->people[i].lines[k].competence]++;
    }
    map_free(&index);
    return ok;
}

/* A representative's lines under gaps_line_shown: a line of one department
 * when its people requiring the competence are not few; a line of the whole
 * organisation also when the departments' lines that are hidden do not
 * together make a small group, which it would give away by subtraction.
 * The totals go whenever a line does (total_gap is their sum), and for the
 * whole organisation when its small departments together are small (their
 * own totals are hidden). False when out of memory. */
static bool protect_lines(gaps_view *v, arena *a)
{
    int64_t *heads, *need;
    size_t ndept;
    if (!tally_departments(v, a, &heads, &need, &ndept))
        return false;
    bool *shown = arena_alloc(a, (ndept + 1) * sizeof *shown);
    int64_t *column = arena_alloc(a, (ndept + 1) * sizeof *column);
    if (!shown || !column)
        return false;
    gaps_report *r = &v->report;
    bool any = false;
    for (size_t i = 0; i < r->ncompetences; i++) {
        for (size_t d = 0; d < ndept; d++)
            column[d] = need[d * v->in.ncodes + r->competences[i].competence];
        bool whole = gaps_line_shown(column, heads, ndept, v->min_group, shown);
        r->competences[i].suppressed = r->department ? !(ndept == 1 && shown[0]) : !whole;
        any |= r->competences[i].suppressed;
    }
    int64_t small = 0;
    for (size_t d = 0; d < ndept; d++)
        if (privacy_is_small(heads[d], v->min_group))
            small += heads[d];
    r->totals_suppressed = any || (!r->department && small > 0 &&
                                   privacy_is_small(small, v->min_group));
    return true;
}

int gaps_view_build(store *db, arena *a, const gaps_query *q, gaps_view *v, str *err)
{
    memset(v, 0, sizeof *v);
    if (q->date == DATE_NONE || (q->horizon != HORIZON_NOW && q->horizon != HORIZON_FUTURE)) {
        str_puts(err, _("a day and a horizon (now or future)"));
        return GAPS_BAD_REQUEST;
    }
    rule_settings s;
    if (rule_settings_load(db, &s) != STORE_OK) {
        str_puts(err, store_error(db));
        return GAPS_FAILED;
    }
    int rc = q->department ? check_department(db, a, q->department, err) : GAPS_OK;
    if (rc == GAPS_OK)
        rc = load_input(db, a, q, &v->in, err);
    if (rc == GAPS_OK && !gaps_compute(&v->in, a, &v->report)) {
        str_puts(err, "out of memory");
        rc = GAPS_FAILED;
    }
    /* The report holds what it needs of the assessments; the list goes. */
    free((void *)v->in.assessments);
    v->in.assessments = NULL;
    v->in.nassessments = 0;
    /* Rule 9: representatives see per-competence lines only, and only for a
     * population of at least min_group; never a person; and no line whose
     * own population is small (protect_lines). */
    v->min_group = s.min_group;
    v->people_visible = q->role != ROLE_REPRESENTATIVE;
    v->competences_visible = q->role != ROLE_REPRESENTATIVE ||
                             !privacy_is_small((int64_t)v->report.npeople, s.min_group);
    if (rc == GAPS_OK && q->role == ROLE_REPRESENTATIVE && !protect_lines(v, a)) {
        str_puts(err, "out of memory");
        rc = GAPS_FAILED;
    }
    return rc;
}

bool gaps_view_json(const gaps_view *v, str *out, bool pretty)
{
    return gaps_json(&v->report, &v->in, v->people_visible, v->competences_visible, out, pretty);
}


bool gaps_competence_table(const gaps_view *v, arena *a, report_table *t)
{
    static const char *const columns[] = {N_("competence"), N_("required"), N_("short"),
                                          N_("unassessed"), N_("total_gap"), N_("mean_gap"),
                                          NULL};
    size_t n = v->competences_visible ? v->report.ncompetences : 0;
    if (!table_new(a, columns, n, t))
        return false;
    for (size_t i = 0; i < n; i++) {
        const gap_competence *g = &v->report.competences[i];
        cell *c = &t->cells[i * t->ncols];
        c[0] = cell_text(v->in.codes[g->competence]);
        if (g->suppressed) { /* privacy: the code, no figure */
            for (size_t k = 1; k < t->ncols; k++)
                c[k] = cell_empty();
            continue;
        }
        c[1] = cell_number(g->required, 0);
        c[2] = cell_number(g->short_of, 0);
        c[3] = cell_number(g->unassessed, 0);
        c[4] = cell_number(g->total_gap, 0);
        c[5] = cell_fraction(g->total_gap, g->required, 2);
    }
    return true;
}

bool gaps_employee_table(const gaps_view *v, arena *a, report_table *t)
{
    static const char *const columns[] = {N_("employee_id"), N_("function"), N_("competence"),
                                          N_("required"), N_("actual"), N_("gap"),
                                          N_("assessed"), NULL};
    size_t n = 0;
    for (size_t i = 0; v->people_visible && i < v->report.npeople; i++)
        n += v->report.people[i].nlines;
    if (!table_new(a, columns, n, t))
        return false;
    size_t r = 0;
    for (size_t i = 0; v->people_visible && i < v->report.npeople; i++) {
        const gap_person *g = &v->report.people[i];
        const employee *e = &v->in.people[g->person];
        for (size_t k = 0; k < g->nlines; k++, r++) {
            const gap_line *l = &g->lines[k];
            cell *c = &t->cells[r * t->ncols];
            c[0] = cell_text(e->employee_id);
            c[1] = cell_text(e->function);
            c[2] = cell_text(v->in.codes[l->competence]);
            c[3] = cell_number(l->required, 0);
            c[4] = cell_number(l->actual, 0);
            c[5] = cell_number(l->gap, 0);
            c[6] = cell_code(l->assessed ? "yes" : "no");
        }
    }
    return true;
}

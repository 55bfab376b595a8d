/* gaps.c - see gaps.h. */
#include "core/gaps.h"
#include "core/rules.h"
#include "util/jsonw.h"
#include <stdlib.h>
#include <string.h>

static const char *const horizon_names[] = {"now", "future"};
const vocab vocab_horizon = {horizon_names, 2};

bool gap_in_population(const employee *e, date_t day, const char *department)
{
    if (!date_employed_on(e->hire_date, e->exit_date, day))
        return false;
    return !department || (e->department && strcmp(e->department, department) == 0);
}

bool gap_supersedes(const gap_assessment *a, const gap_assessment *b)
{
    return a->on != b->on ? a->on > b->on : a->seq > b->seq;
}

int gap_of(int required, int actual)
{
    return required > actual ? required - actual : 0;
}

int gap_required(const gap_profile *p, int horizon)
{
    return horizon == HORIZON_FUTURE ? p->level_future : p->level_now;
}

/* Profile lines by function name, then competence (so, by code). */
static int by_function(const void *x, const void *y)
{
    const gap_profile *a = *(const gap_profile *const *)x, *b = *(const gap_profile *const *)y;
    int c = strcmp(a->function, b->function);
    if (c)
        return c;
    return (a->competence > b->competence) - (a->competence < b->competence);
}

/* The first of the N sorted profile lines of FUNCTION, or N when none. */
static size_t first_line_of(const gap_profile *const *sorted, size_t n, const char *function)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(sorted[mid]->function, function) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(sorted[lo]->function, function) == 0 ? lo : n;
}

/* The assessments grouped by person: those of person p are
 * order[start[p] .. start[p + 1]). A counting sort, linear in their number. */
static bool group_by_person(const gaps_input *in, arena *a, uint32_t **order, size_t **start)
{
    *start = arena_alloc(a, (in->npeople + 2) * sizeof **start);
    *order = arena_alloc(a, (in->nassessments + 1) * sizeof **order);
    if (!*start || !*order)
        return false;
    memset(*start, 0, (in->npeople + 2) * sizeof **start);
    for (size_t i = 0; i < in->nassessments; i++)
        if (in->assessments[i].person < in->npeople)
            (*start)[in->assessments[i].person + 2]++;
    for (size_t p = 2; p < in->npeople + 2; p++)
        (*start)[p] += (*start)[p - 1];
    for (size_t i = 0; i < in->nassessments; i++)
        if (in->assessments[i].person < in->npeople)
            (*order)[(*start)[in->assessments[i].person + 1]++] = (uint32_t)i;
    return true;
}

bool gaps_compute(const gaps_input *in, arena *a, gaps_report *out)
{
    memset(out, 0, sizeof *out);
    out->date = in->date;
    out->horizon = in->horizon;
    out->department = in->department;
    const gap_profile **sorted = arena_alloc(a, (in->nprofiles + 1) * sizeof *sorted);
    gap_competence *per = arena_alloc(a, (in->ncodes + 1) * sizeof *per);
    /* Per competence: the latest assessment of the person being read, and
     * which person that was (so nothing is cleared between people). */
    const gap_assessment **best = arena_alloc(a, (in->ncodes + 1) * sizeof *best);
    size_t *best_of = arena_alloc(a, (in->ncodes + 1) * sizeof *best_of);
    out->people = arena_alloc(a, (in->npeople + 1) * sizeof *out->people);
    uint32_t *order;
    size_t *start;
    if (!sorted || !per || !best || !best_of || !out->people ||
        !group_by_person(in, a, &order, &start))
        return false;
    for (size_t i = 0; i < in->nprofiles; i++)
        sorted[i] = &in->profiles[i];
    qsort(sorted, in->nprofiles, sizeof *sorted, by_function);
    memset(per, 0, (in->ncodes + 1) * sizeof *per);
    for (size_t c = 0; c < in->ncodes; c++)
        best_of[c] = SIZE_MAX;
    for (size_t p = 0; p < in->npeople; p++) {
        const employee *e = &in->people[p];
        if (!gap_in_population(e, in->date, in->department))
            continue;
        for (size_t k = start[p]; k < start[p + 1]; k++) {
            const gap_assessment *x = &in->assessments[order[k]];
            if (x->on > in->date || x->competence >= in->ncodes)
                continue;
            if (best_of[x->competence] != p || gap_supersedes(x, best[x->competence])) {
                best[x->competence] = x;
                best_of[x->competence] = p;
            }
        }
        gap_person *g = &out->people[out->npeople++];
        *g = (gap_person){p, NULL, 0, 0};
        size_t first = e->function ? first_line_of(sorted, in->nprofiles, e->function)
                                   : in->nprofiles;
        size_t last = first;
        while (last < in->nprofiles && strcmp(sorted[last]->function, e->function) == 0)
            last++;
        g->lines = arena_alloc(a, (last - first + 1) * sizeof *g->lines);
        if (!g->lines)
            return false;
        for (size_t k = first; k < last; k++) {
            int required = gap_required(sorted[k], in->horizon);
            uint32_t c = sorted[k]->competence;
            if (required <= 0 || c >= in->ncodes)
                continue;
            bool assessed = best_of[c] == p;
            int actual = assessed ? best[c]->level : 0;
            gap_line *l = &g->lines[g->nlines++];
            *l = (gap_line){c, required, actual, gap_of(required, actual), assessed};
            g->total_gap += l->gap;
            per[c].required++;
            per[c].short_of += l->gap > 0;
            per[c].unassessed += !assessed;
            per[c].total_gap += l->gap;
        }
        out->with_gap += g->total_gap > 0;
        out->total_gap += g->total_gap;
    }
    out->competences = per;
    for (size_t c = 0; c < in->ncodes; c++)
        if (per[c].required > 0) {
            per[out->ncompetences] = per[c];
            per[out->ncompetences++].competence = (uint32_t)c;
        }
    return true;
}

bool gaps_line_shown(const int64_t *need, const int64_t *heads, size_t d, int min_group,
                     bool *shown)
{
    int64_t all = 0, hidden = 0;
    for (size_t i = 0; i < d; i++) {
        /* nobody needing it is no one's figure: 0 stays readable */
        shown[i] = !privacy_is_small(heads[i], min_group) &&
                   (need[i] == 0 || !privacy_is_small(need[i], min_group));
        all += need[i];
        if (!shown[i])
            hidden += need[i];
    }
    return (all == 0 || !privacy_is_small(all, min_group)) &&
           (hidden == 0 || !privacy_is_small(hidden, min_group));
}

/* The rest of a suppressed competence line: every figure null. */
static void suppressed_line(jsonw *w)
{
    static const char *const keys[] = {"required", "short", "unassessed", "total_gap",
                                       "mean_gap"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        jw_key(w, keys[k]);
        jw_null(w);
    }
    jw_key(w, "suppressed");
    jw_bool(w, true);
    jw_end(w);
}

bool gaps_json(const gaps_report *r, const gaps_input *in, bool with_people,
               bool with_competences, str *out, bool pretty)
{
    char day[DATE_TEXT_SIZE];
    date_format(r->date, day);
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "date");
    jw_string(&w, day);
    jw_key(&w, "horizon");
    jw_string(&w, vocab_name(&vocab_horizon, r->horizon));
    jw_key(&w, "department");
    jw_string(&w, r->department);
    jw_key(&w, "competences");
    jw_array(&w);
    for (size_t i = 0; with_competences && i < r->ncompetences; i++) {
        const gap_competence *c = &r->competences[i];
        jw_object(&w);
        jw_key(&w, "code");
        jw_string(&w, in->codes[c->competence]);
        if (c->suppressed) {
            suppressed_line(&w);
            continue;
        }
        jw_key(&w, "required");
        jw_int(&w, c->required);
        jw_key(&w, "short");
        jw_int(&w, c->short_of);
        jw_key(&w, "unassessed");
        jw_int(&w, c->unassessed);
        jw_key(&w, "total_gap");
        jw_int(&w, c->total_gap);
        jw_key(&w, "mean_gap");
        jw_fraction(&w, c->total_gap, c->required, 2);
        jw_end(&w);
    }
    jw_end(&w);
    jw_key(&w, "employees");
    jw_array(&w);
    for (size_t i = 0; with_people && i < r->npeople; i++) {
        const gap_person *g = &r->people[i];
        const employee *e = &in->people[g->person];
        jw_object(&w);
        jw_key(&w, "employee_id");
        jw_string(&w, e->employee_id);
        jw_key(&w, "function");
        jw_string(&w, e->function);
        jw_key(&w, "total_gap");
        jw_int(&w, g->total_gap);
        jw_key(&w, "lines");
        jw_array(&w);
        for (size_t k = 0; k < g->nlines; k++) {
            const gap_line *l = &g->lines[k];
            jw_object(&w);
            jw_key(&w, "competence");
            jw_string(&w, in->codes[l->competence]);
            jw_key(&w, "required");
            jw_int(&w, l->required);
            jw_key(&w, "actual");
            jw_int(&w, l->actual);
            jw_key(&w, "gap");
            jw_int(&w, l->gap);
            jw_key(&w, "assessed");
            jw_bool(&w, l->assessed);
            jw_end(&w);
        }
        jw_end(&w);
        jw_end(&w);
    }
    jw_end(&w);
    jw_key(&w, "totals");
    jw_object(&w);
    /* a representative's population under min_group is not shown at all,
     * not even its size (RULES §4) */
    jw_key(&w, "employees");
    if (with_competences)
        jw_int(&w, (int64_t)r->npeople);
    else
        jw_null(&w);
    bool totals = with_competences && !r->totals_suppressed;
    jw_key(&w, "with_gap");
    if (totals)
        jw_int(&w, r->with_gap);
    else
        jw_null(&w);
    jw_key(&w, "total_gap");
    if (totals)
        jw_int(&w, r->total_gap);
    else
        jw_null(&w);
    jw_end(&w);
    jw_end(&w);
    return jw_finish(&w);
}

/* onboarding.c - see onboarding.h. */
#include "core/onboarding.h"
#include "core/policy.h"
#include "core/rules.h"
#include "util/i18n.h"
#include "util/jsonw.h"
#include "util/text.h"
#include <stdlib.h>
#include <string.h>

const char *const onboarding_issue_names[ONBOARDING_ISSUES] = {"no_mentor", "late",
                                                               "inexperienced"};

bool onboarding_is_newcomer(const onboarding_person *p, date_t d, int newcomer_months)
{
    if (p->hire == DATE_NONE || !date_employed_on(p->hire, p->exit, d))
        return false;
    return p->hire <= d && d < date_add_months(p->hire, newcomer_months);
}

bool onboarding_assignment_active(const mentor_assignment *a, const onboarding_person *mentor,
                                  date_t d)
{
    if (a->from > d || (a->to != DATE_NONE && d > a->to))
        return false;
    if (!mentor || strcmp(a->mentor_id, a->newcomer_id) == 0)
        return false;
    return date_employed_on(mentor->hire, mentor->exit, d);
}

bool onboarding_inexperienced(date_t mentor_hire, date_t from, int min_months)
{
    return date_add_months(mentor_hire, min_months) > from;
}

/* The person with EMPLOYEE_ID among PEOPLE (sorted), or NULL. */
static const onboarding_person *person_find(const onboarding_person *people, size_t n,
                                            const char *employee_id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(people[mid].employee_id, employee_id);
        if (c == 0)
            return &people[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Assignments ordered by newcomer, so each newcomer's are found together. */
static int by_newcomer(const void *x, const void *y)
{
    const mentor_assignment *const *a = x, *const *b = y;
    return strcmp((*a)->newcomer_id, (*b)->newcomer_id);
}

/* Counts line L into the totals of R. */
static void count_line(onboarding_report *r, const newcomer_line *l)
{
    r->newcomers++;
    r->with_mentor += l->mentor != NULL;
    r->no_mentor += (l->issues & ISSUE_NO_MENTOR) != 0;
    r->late += (l->issues & ISSUE_LATE) != 0;
    r->inexperienced += (l->issues & ISSUE_INEXPERIENCED) != 0;
}

/* Rule 7 for the newcomer P with its assignments LIST (N) on D. */
static void judge(const onboarding_person *people, size_t npeople, const onboarding_person *p,
                  const mentor_assignment *const *list, size_t n, const onboarding_settings *s,
                  date_t d, newcomer_line *line)
{
    const mentor_assignment *chosen = NULL, *earliest = NULL;
    for (size_t i = 0; i < n; i++) {
        const mentor_assignment *a = list[i];
        if (a->from > d)
            continue; /* does not exist yet for this report */
        if (!earliest || a->from < earliest->from)
            earliest = a;
        const onboarding_person *m = person_find(people, npeople, a->mentor_id);
        if (!onboarding_assignment_active(a, m, d))
            continue;
        if (!chosen || a->from > chosen->from ||
            (a->from == chosen->from && strcmp(a->mentor_id, chosen->mentor_id) > 0))
            chosen = a;
    }
    line->mentor = chosen ? chosen->mentor_id : NULL;
    line->mentor_from = chosen ? chosen->from : DATE_NONE;
    line->issues = 0;
    if (!chosen)
        line->issues |= ISSUE_NO_MENTOR;
    if (earliest && earliest->from > p->hire)
        line->issues |= ISSUE_LATE;
    if (chosen) {
        const onboarding_person *m = person_find(people, npeople, chosen->mentor_id);
        if (m && onboarding_inexperienced(m->hire, chosen->from, s->mentor_min_months))
            line->issues |= ISSUE_INEXPERIENCED;
    }
}

bool onboarding_report_for(const onboarding_person *people, size_t n,
                           const mentor_assignment *assignments, size_t nassign,
                           const onboarding_settings *s, date_t d, arena *a,
                           onboarding_report *out)
{
    memset(out, 0, sizeof *out);
    out->date = d;
    out->newcomer_months = s->newcomer_months;
    out->lines = arena_alloc(a, (n + 1) * sizeof *out->lines);
    const mentor_assignment **sorted = arena_alloc(a, (nassign + 1) * sizeof *sorted);
    if (!out->lines || !sorted)
        return false;
    for (size_t i = 0; i < nassign; i++)
        sorted[i] = &assignments[i];
    qsort(sorted, nassign, sizeof *sorted, by_newcomer);
    size_t k = 0; /* the first assignment of the current newcomer or later */
    for (size_t i = 0; i < n; i++) {
        const onboarding_person *p = &people[i];
        while (k < nassign && strcmp(sorted[k]->newcomer_id, p->employee_id) < 0)
            k++;
        size_t end = k;
        while (end < nassign && strcmp(sorted[end]->newcomer_id, p->employee_id) == 0)
            end++;
        if (!onboarding_is_newcomer(p, d, s->newcomer_months))
            continue;
        newcomer_line *line = &out->lines[out->nlines++];
        line->person = i;
        judge(people, n, p, sorted + k, end - k, s, d, line);
        count_line(out, line);
    }
    return true;
}

void onboarding_report_keep(onboarding_report *r, const onboarding_person *people,
                            bool (*keep)(void *ctx, const onboarding_person *p), void *ctx)
{
    size_t k = 0;
    r->newcomers = r->with_mentor = r->no_mentor = r->late = r->inexperienced = 0;
    for (size_t i = 0; i < r->nlines; i++)
        if (keep(ctx, &people[r->lines[i].person])) {
            r->lines[k++] = r->lines[i];
            count_line(r, &r->lines[i]);
        }
    r->nlines = k;
}

void onboarding_report_aggregate(onboarding_report *r, int min_group)
{
    r->nlines = 0;
    r->hidden = 0;
    /* with and without a mentor add up to the newcomers: both or neither */
    if (!privacy_count_shown(r->with_mentor, r->newcomers, min_group))
        r->hidden |= ONBOARDING_HIDES_WITH_MENTOR | ONBOARDING_HIDES_NO_MENTOR;
    if (!privacy_count_shown(r->late, r->newcomers, min_group))
        r->hidden |= ONBOARDING_HIDES_LATE;
    /* an inexperienced mentor is one of the mentors: with_mentor less it
     * tells the others */
    if (!privacy_count_shown(r->inexperienced, r->newcomers, min_group) ||
        (!(r->hidden & ONBOARDING_HIDES_WITH_MENTOR) &&
         !privacy_count_shown(r->inexperienced, r->with_mentor, min_group)))
        r->hidden |= ONBOARDING_HIDES_INEXPERIENCED;
}

/* The total V (bit BIT of .hidden), or null when it is hidden. */
static void jw_count(jsonw *w, const onboarding_report *r, unsigned bit, int64_t v)
{
    if (r->hidden & bit)
        jw_null(w);
    else
        jw_int(w, v);
}

static void jw_date(jsonw *w, date_t d)
{
    char text[DATE_TEXT_SIZE];
    date_format(d, text);
    jw_string(w, d == DATE_NONE ? NULL : text);
}

bool onboarding_json(const onboarding_report *r, const onboarding_person *people, str *out,
                     bool pretty)
{
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "date");
    jw_date(&w, r->date);
    jw_key(&w, "newcomer_months");
    jw_int(&w, r->newcomer_months);
    jw_key(&w, "newcomers");
    jw_array(&w);
    for (size_t i = 0; i < r->nlines; i++) {
        const newcomer_line *l = &r->lines[i];
        jw_object(&w);
        jw_key(&w, "employee_id");
        jw_string(&w, people[l->person].employee_id);
        jw_key(&w, "hire_date");
        jw_date(&w, people[l->person].hire);
        jw_key(&w, "mentor");
        jw_string(&w, l->mentor);
        jw_key(&w, "mentor_from");
        jw_date(&w, l->mentor_from);
        jw_key(&w, "issues");
        jw_array(&w);
        for (int k = 0; k < ONBOARDING_ISSUES; k++)
            if (l->issues & (1u << k))
                jw_string(&w, onboarding_issue_names[k]);
        jw_end(&w);
        jw_end(&w);
    }
    jw_end(&w);
    jw_key(&w, "totals");
    jw_object(&w);
    jw_key(&w, "newcomers");
    jw_int(&w, r->newcomers);
    jw_key(&w, "with_mentor");
    jw_count(&w, r, ONBOARDING_HIDES_WITH_MENTOR, r->with_mentor);
    jw_key(&w, "no_mentor");
    jw_count(&w, r, ONBOARDING_HIDES_NO_MENTOR, r->no_mentor);
    jw_key(&w, "late");
    jw_count(&w, r, ONBOARDING_HIDES_LATE, r->late);
    jw_key(&w, "inexperienced");
    jw_count(&w, r, ONBOARDING_HIDES_INEXPERIENCED, r->inexperienced);
    jw_end(&w);
    jw_end(&w);
    return jw_finish(&w);
}

bool onboarding_table(const onboarding_report *r, const onboarding_person *people, arena *a,
                      report_table *t)
{
    static const char *const columns[] = {N_("employee_id"), N_("hire_date"), N_("mentor"),
                                          N_("mentor_from"), N_("issues"), NULL};
    if (!table_new(a, columns, r->nlines, t))
        return false;
    for (size_t i = 0; i < r->nlines; i++) {
        const newcomer_line *l = &r->lines[i];
        cell *c = &t->cells[i * t->ncols];
        str issues = STR_INIT;
        for (int k = 0; k < ONBOARDING_ISSUES; k++)
            if (l->issues & (1u << k))
                str_printf(&issues, "%s%s", issues.len ? "|" : "", onboarding_issue_names[k]);
        const char *text = issues.len ? arena_strdup(a, str_cstr(&issues)) : NULL;
        bool ok = str_ok(&issues) && (text || !issues.len);
        str_free(&issues);
        if (!ok)
            return false;
        c[0] = cell_text(people[l->person].employee_id);
        c[1] = cell_date(people[l->person].hire);
        c[2] = cell_text(l->mentor);
        c[3] = cell_date(l->mentor_from);
        c[4] = cell_code(text);
    }
    return true;
}

bool onboarding_totals_table(const onboarding_report *r, arena *a, report_table *t)
{
    static const char *const columns[] = {N_("total"), N_("count"), NULL};
    static const char *const names[] = {"newcomers", "with_mentor", "no_mentor", "late",
                                        "inexperienced"};
    if (!table_new(a, columns, 5, t))
        return false;
    const int64_t values[] = {r->newcomers, r->with_mentor, r->no_mentor, r->late,
                              r->inexperienced};
    for (size_t i = 0; i < 5; i++) {
        t->cells[i * 2] = cell_code(names[i]);
        t->cells[i * 2 + 1] = i > 0 && (r->hidden & (1u << (i - 1))) ? cell_empty()
                                                                       : cell_number(values[i], 0);
    }
    return true;
}

int onboarding_mentor_load(const mentor_assignment *a, size_t n, const char *mentor_id,
                           date_t d)
{
    int load = 0;
    for (size_t i = 0; i < n; i++)
        load += strcmp(a[i].mentor_id, mentor_id) == 0 && a[i].from <= d &&
                (a[i].to == DATE_NONE || d <= a[i].to);
    return load;
}

bool onboarding_module_complete(const module_signoff *m)
{
    return m->mentor_signed != DATE_NONE && m->newcomer_signed != DATE_NONE;
}

bool onboarding_trajectory_complete(const module_signoff *m, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!onboarding_module_complete(&m[i]))
            return false;
    return true;
}

int onboarding_module_order(const void *x, const void *y)
{
    const module_signoff *a = x, *b = y;
    if (a->safety != b->safety)
        return a->safety ? -1 : 1;
    return (a->week > b->week) - (a->week < b->week);
}

date_t onboarding_module_due(date_t start, int week)
{
    return start + 7 * (week < 1 ? 1 : week) - 1;
}

bool onboarding_on_schedule(const module_signoff *m, size_t n, date_t start, date_t d)
{
    for (size_t i = 0; i < n; i++)
        if (onboarding_module_due(start, m[i].week) < d && !onboarding_module_complete(&m[i]))
            return false;
    return true;
}

bool community_name_valid(const char *name)
{
    return text_is_name(name, COMMUNITY_NAME_MAX);
}

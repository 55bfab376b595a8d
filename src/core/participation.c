/* participation.c - rule 4: who takes part in learning, per group, with the
 * groups that learn noticeably less or more flagged and small groups hidden. */
#include "core/rules.h"
#include "core/policy.h"
#include "util/i18n.h"
#include "util/map.h"
#include <stdlib.h>
#include <string.h>

const char *const dimension_names[DIM_COUNT] = {
    N_("gender"), N_("age"), N_("education"), N_("category"), N_("contract"), N_("department"),
    N_("function"), N_("origin"), N_("disability")};

int dimension_find(const char *name)
{
    for (int i = 0; i < DIM_COUNT; i++)
        if (strcmp(dimension_names[i], name) == 0)
            return i;
    return -1;
}

static const char *const age_bands[] = {"<25", "25-34", "35-44", "45-54", "55+"};

static const char *age_band(date_t birth, int year)
{
    int age = date_age_on(birth, date_from_ymd(year, 12, 31));
    return age < 25 ? age_bands[0] : age < 35 ? age_bands[1] : age < 45 ? age_bands[2]
         : age < 55 ? age_bands[3] : age_bands[4];
}

/* The name of E's group in dimension DIM. */
static const char *group_of(const employee *e, int dim, int year)
{
    switch (dim) {
    case DIM_GENDER: return vocab_name(&vocab_gender, e->gender);
    case DIM_AGE: return age_band(e->birth_date, year);
    case DIM_EDUCATION: return vocab_name(&vocab_education, e->education);
    case DIM_CATEGORY: return vocab_name(&vocab_category, e->category);
    case DIM_CONTRACT: return vocab_name(&vocab_contract, e->contract);
    case DIM_DEPARTMENT: return e->department;
    case DIM_FUNCTION: return e->function;
    case DIM_ORIGIN:
        return e->born_abroad == ANSWER_YES ? "abroad" : e->born_abroad == ANSWER_NO ? "belgium"
                                                                                     : "unknown";
    default:
        return e->disability == ANSWER_YES ? "yes" : e->disability == ANSWER_NO ? "no"
                                                                               : "unknown";
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const participation_group *)a)->name, ((const participation_group *)b)->name);
}

/* -1 under, 1 over, 0 neither: the group's rate against the overall rate,
 * compared exactly: ratio = (p/h) / (P/H). */
static int flag_of(const participation_group *g, const participation_group *all)
{
    __int128 left = (__int128)g->participants * all->headcount;
    __int128 right = (__int128)g->headcount * all->participants;
    if (left * POLICY_FLAG_UNDER_DEN < right * POLICY_FLAG_UNDER_NUM)
        return -1;
    if (left * POLICY_FLAG_OVER_DEN > right * POLICY_FLAG_OVER_NUM)
        return 1;
    return 0;
}

static void add_person(participation_group *g, const employee *e, const learning_totals *t,
                       int months)
{
    g->headcount++;
    g->participants += t->records[0] + t->records[1] + t->records[2] > 0;
    g->hours += t->hours[0] + t->hours[1] + t->hours[2];
    g->fte_months += (int64_t)e->fte * months;
}

/* Hides groups below MIN and, when that hides exactly one, the smallest other
 * group too, so that no figure follows from the overall line by subtraction. */
static void suppress(participation *p, int min)
{
    size_t hidden = 0;
    for (size_t i = 0; i < p->ngroups; i++)
        if (p->groups[i].headcount < min) {
            p->groups[i].suppressed = true;
            hidden++;
        }
    if (hidden != 1)
        return;
    participation_group *smallest = NULL;
    for (size_t i = 0; i < p->ngroups; i++)
        if (!p->groups[i].suppressed &&
            (!smallest || p->groups[i].headcount < smallest->headcount))
            smallest = &p->groups[i];
    if (smallest)
        smallest->suppressed = true;
}

bool participation_for(const facts *f, int year, int dim, int min_group,
                       participation_group *groups, participation *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->dimension = dim;
    out->min_group = min_group;
    out->groups = groups;
    out->overall.name = "overall";
    bool fixed = dim == DIM_AGE || dim == DIM_EDUCATION;
    /* Age and education list their groups in a fixed order. */
    if (dim == DIM_AGE)
        for (int i = 0; i < 5; i++)
            groups[out->ngroups++] = (participation_group){.name = age_bands[i]};
    if (dim == DIM_EDUCATION)
        for (int i = 0; i < vocab_education.count; i++)
            groups[out->ngroups++] = (participation_group){.name = vocab_education.names[i]};
    map index = MAP_INIT;
    bool ok = true;
    for (size_t i = 0; i < out->ngroups; i++)
        ok &= map_put(&index, groups[i].name, strlen(groups[i].name), (int64_t)i);
    for (size_t i = 0; i < f->npeople; i++) {
        const employee *e = &f->people[i];
        int months = date_months_employed(e->hire_date, e->exit_date, year);
        if (months == 0)
            continue;
        const learning_totals *t = facts_totals(f, i, year);
        const char *name = group_of(e, dim, year);
        int64_t k;
        if (!map_get(&index, name, strlen(name), &k)) {
            k = (int64_t)out->ngroups;
            groups[out->ngroups++] = (participation_group){.name = name};
            ok &= map_put(&index, name, strlen(name), k);
        }
        add_person(&groups[k], e, t, months);
        add_person(&out->overall, e, t, months);
    }
    map_free(&index);
    /* Only groups with people are listed. */
    size_t kept = 0;
    for (size_t i = 0; i < out->ngroups; i++)
        if (groups[i].headcount > 0)
            groups[kept++] = groups[i];
    out->ngroups = kept;
    if (!fixed)
        qsort(groups, out->ngroups, sizeof *groups, by_name);
    suppress(out, min_group);
    for (size_t i = 0; i < out->ngroups; i++)
        groups[i].flag = out->overall.participants > 0 && !groups[i].suppressed
                             ? flag_of(&groups[i], &out->overall) : 0;
    return ok;
}

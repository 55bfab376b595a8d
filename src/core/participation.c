/* participation.c - rule 4: who takes part in learning, per group, with the
 * groups that learn noticeably less or more flagged, and the privacy rule
 * that keeps small groups from being seen on their own. */
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

ratio fte_of(int64_t fte_months)
{
    return (ratio){fte_months, FTE_MONTHS_PER_FTE};
}

ratio per_fte(__int128 num, __int128 den, int64_t fte_months)
{
    return (ratio){num * FTE_MONTHS_PER_FTE, den * fte_months};
}

/* Adds the figures of FROM to INTO: every figure of a line is a sum. */
static void add_figures(participation_group *into, const participation_group *from)
{
    into->headcount += from->headcount;
    into->participants += from->participants;
    into->hours += from->hours;
    into->fte_months += from->fte_months;
    into->right_used += from->right_used;
}

/* Hides every figure of G, keeping its name. */
static void suppress_group(participation_group *g)
{
    *g = (participation_group){.name = g->name, .suppressed = true};
}

/* Merges the groups marked in MEMBER (at least two) into one line in the
 * place of the first, named "A + B" in listing order; the others go. */
static bool combine(participation_group *groups, size_t *n, const bool *member, arena *a)
{
    size_t count = 0, len = 0;
    for (size_t i = 0; i < *n; i++)
        if (member[i]) {
            count++;
            len += strlen(groups[i].name) + 3;
        }
    const char **names = arena_alloc(a, count * sizeof *names);
    char *joined = arena_alloc(a, len + 1);
    if (!names || !joined)
        return false;
    participation_group line = {.members = names, .nmembers = count, .combined = true,
                                .name = joined};
    size_t first = *n, k = 0;
    for (size_t i = 0; i < *n; i++) {
        if (!member[i])
            continue;
        if (first == *n)
            first = i;
        size_t l = strlen(groups[i].name);
        if (k > 0) {
            memcpy(joined, " + ", 3);
            joined += 3;
        }
        memcpy(joined, groups[i].name, l);
        joined += l;
        names[k++] = groups[i].name;
        add_figures(&line, &groups[i]);
    }
    *joined = '\0';
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (i == first)
            groups[kept++] = line;
        else if (!member[i])
            groups[kept++] = groups[i];
    }
    *n = kept;
    return true;
}

bool privacy_is_small(int64_t headcount, int min_group)
{
    return headcount < min_group;
}

bool privacy_count_shown(int64_t count, int64_t whole, int min_group)
{
    if (count != 0 && privacy_is_small(count, min_group))
        return false;
    if (whole < 0)
        return true;
    int64_t rest = whole - count;
    return !privacy_is_small(whole, min_group) && (rest == 0 || !privacy_is_small(rest, min_group));
}

bool privacy_protect(participation_group *groups, size_t *n, int min_group, arena *a)
{
    size_t small = 0;                 /* the number of small groups */
    int64_t small_total = 0;          /* n_S, their headcount */
    size_t smallest_large = *n;       /* the smallest group that is not small */
    for (size_t i = 0; i < *n; i++) {
        if (privacy_is_small(groups[i].headcount, min_group)) {
            small++;
            small_total += groups[i].headcount;
        } else if (smallest_large == *n ||
                   groups[i].headcount < groups[smallest_large].headcount) {
            smallest_large = i; /* strictly smaller: ties keep the first listed */
        }
    }
    if (small == 0)
        return true;
    if (small_total >= min_group || smallest_large == *n) {
        for (size_t i = 0; i < *n; i++)
            if (privacy_is_small(groups[i].headcount, min_group))
                suppress_group(&groups[i]);
        return true;
    }
    bool *member = arena_alloc(a, *n * sizeof *member);
    if (!member)
        return false;
    for (size_t i = 0; i < *n; i++)
        member[i] = privacy_is_small(groups[i].headcount, min_group) || i == smallest_large;
    return combine(groups, n, member, a);
}

static bool finish_groups(participation *out, bool fixed, int min_group, arena *a);

/* The groups age and education always list, in their order; 0 for others. */
static size_t fixed_groups(int dim, participation_group *groups)
{
    size_t n = 0;
    if (dim == DIM_AGE)
        for (int i = 0; i < 5; i++)
            groups[n++] = (participation_group){.name = age_bands[i]};
    if (dim == DIM_EDUCATION)
        for (int i = 0; i < vocab_education.count; i++)
            groups[n++] = (participation_group){.name = vocab_education.names[i]};
    return n;
}

/* Starts OUT (YEAR by DIM) with room for MOST groups (in *CAP; more are
 * made as needed): the fixed ones of age and education first, each indexed
 * by name in INDEX. */
static bool groups_start(participation *out, int year, int dim, int min_group, size_t most,
                         arena *a, map *index, size_t *cap)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->dimension = dim;
    out->min_group = min_group;
    out->overall.name = "overall";
    *cap = most + 8;
    if (!(out->groups = arena_alloc(a, *cap * sizeof *out->groups)))
        return false;
    out->ngroups = fixed_groups(dim, out->groups);
    bool ok = true;
    for (size_t i = 0; i < out->ngroups; i++)
        ok &= map_put(index, out->groups[i].name, strlen(out->groups[i].name), (int64_t)i);
    return ok;
}

/* The group NAME of OUT (room for *CAP groups, grown in A), added when
 * new; NULL when out of memory. */
static participation_group *group_named(participation *out, map *index, const char *name,
                                        arena *a, size_t *cap)
{
    int64_t k;
    if (!map_get(index, name, strlen(name), &k)) {
        k = (int64_t)out->ngroups;
        participation_group *g = arena_push(a, &out->groups, &out->ngroups, cap, sizeof *g);
        if (!g)
            return NULL;
        g->name = name;
        if (!map_put(index, name, strlen(name), k))
            return NULL;
    }
    return &out->groups[k];
}

bool participation_for(const facts *f, int year, int dim, int min_group, arena *a,
                       participation *out)
{
    map index = MAP_INIT;
    /* Room for a few groups, grown as they come: not one per person (10 MB
     * to clear for 100,000 people, most of it never used). */
    size_t cap;
    bool ok = groups_start(out, year, dim, min_group, 16, a, &index, &cap);
    for (size_t i = 0; ok && i < f->npeople; i++) {
        const employee *e = &f->people[i];
        int months = date_months_employed(e->hire_date, e->exit_date, year);
        if (months == 0)
            continue;
        const learning_totals *t = facts_totals(f, i, year);
        participation_group *g = group_named(out, &index, group_of(e, dim, year), a, &cap);
        if (!(ok = g != NULL))
            break;
        add_person(g, e, t, months);
        add_person(&out->overall, e, t, months);
    }
    map_free(&index);
    return ok && finish_groups(out, dim == DIM_AGE || dim == DIM_EDUCATION, min_group, a);
}

/* Lists the groups of OUT with people (sorted by name unless FIXED), applies
 * the privacy rule and flags each against the overall line. */
static bool finish_groups(participation *out, bool fixed, int min_group, arena *a)
{
    participation_group *groups = out->groups;
    size_t kept = 0;
    for (size_t i = 0; i < out->ngroups; i++)
        if (groups[i].headcount > 0)
            groups[kept++] = groups[i];
    out->ngroups = kept;
    if (!fixed)
        qsort(groups, out->ngroups, sizeof *groups, by_name);
    if (!privacy_protect(groups, &out->ngroups, min_group, a))
        return false;
    for (size_t i = 0; i < out->ngroups; i++)
        groups[i].flag = out->overall.participants > 0 && !groups[i].suppressed
                             ? flag_of(&groups[i], &out->overall) : 0;
    return true;
}

bool participation_combine(const participation *parts, size_t n, int year, int dim,
                           int min_group, arena *a, participation *out)
{
    size_t most = 0;
    for (size_t p = 0; p < n; p++)
        most += parts[p].ngroups;
    map index = MAP_INIT;
    size_t cap;
    bool ok = groups_start(out, year, dim, min_group, most, a, &index, &cap);
    for (size_t p = 0; ok && p < n; p++) {
        add_figures(&out->overall, &parts[p].overall);
        for (size_t i = 0; ok && i < parts[p].ngroups; i++) {
            participation_group *g = group_named(out, &index, parts[p].groups[i].name, a, &cap);
            if ((ok = g != NULL))
                add_figures(g, &parts[p].groups[i]);
        }
    }
    map_free(&index);
    return ok && finish_groups(out, dim == DIM_AGE || dim == DIM_EDUCATION, min_group, a);
}

bool right_by_department(const right_report *r, const facts *f, int min_group, arena *a,
                         participation_group **out, size_t *n)
{
    /* Grown per department as they come, not sized for every person. */
    participation_group *depts = NULL;
    size_t cap = 0;
    *n = 0;
    map index = MAP_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < r->nlines; i++) {
        const employee *e = &f->people[r->lines[i].person];
        int64_t k;
        if (!map_get(&index, e->department, strlen(e->department), &k)) {
            k = (int64_t)*n;
            participation_group *g = arena_push(a, &depts, n, &cap, sizeof *g);
            if (!(ok = g != NULL))
                break;
            g->name = e->department;
            ok = map_put(&index, e->department, strlen(e->department), k);
        }
        if (!ok)
            break;
        depts[k].headcount++;
        depts[k].fte_months += (int64_t)e->fte * r->lines[i].months;
        depts[k].right_used += r->lines[i].used;
    }
    map_free(&index);
    *out = depts;
    if (!ok)
        return false;
    if (!depts && !(*out = depts = arena_alloc(a, sizeof *depts))) /* none: still a list */
        return false;
    qsort(depts, *n, sizeof *depts, by_name);
    return privacy_protect(depts, n, min_group, a);
}

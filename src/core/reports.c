/* reports.c - see reports.h. */
#include "core/reports.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>

json_t *json_fraction(__int128 num, __int128 den, int places)
{
    char buf[64];
    if (den == 0)
        return json_integer(0);
    if (!fraction_format(num, den, places, buf, sizeof buf))
        return NULL;
    return places == 0 ? json_integer(strtoll(buf, NULL, 10)) : json_real(strtod(buf, NULL));
}

cell cell_fraction(__int128 num, __int128 den, int places)
{
    __int128 scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    return cell_number(den ? (int64_t)div_round128(num * scale, den) : 0, places);
}

void right_report_keep(right_report *r, const facts *f,
                       bool (*keep)(void *ctx, const employee *e), void *ctx)
{
    size_t kept = 0;
    r->total_entitlement = r->total_used = 0;
    r->fte_months = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        const employee *e = &f->people[r->lines[i].person];
        if (!keep(ctx, e))
            continue;
        r->lines[kept++] = r->lines[i];
        r->total_entitlement += r->lines[i].entitlement;
        r->total_used += r->lines[i].used;
        r->fte_months += (int64_t)e->fte * r->lines[i].months;
    }
    r->nlines = kept;
}

/* The employer size in FTE as a number with two decimals. */
static json_t *size_json(const employer_size *size)
{
    return json_fraction(size->sum, (__int128)size->quarters * 10000, 2);
}

json_t *training_right_json(const right_report *r, const facts *f, const rule_settings *s,
                            bool with_lines)
{
    int64_t unit = right_unit(s);
    json_t *lines = json_array();
    for (size_t i = 0; with_lines && lines && i < r->nlines; i++) {
        const right_line *l = &r->lines[i];
        json_array_append_new(
            lines, json_pack("{s:s, s:o, s:o, s:o, s:o}", "employee_id",
                             f->people[l->person].employee_id, "entitlement_days",
                             json_fraction(l->entitlement, unit, 2), "used_days",
                             json_fraction(l->used, unit, 2), "carried_in_days",
                             json_fraction(l->carried_in, unit, 2), "balance_days",
                             json_fraction(l->balance, unit, 2)));
    }
    /* days per FTE actually used = used days / (fte x months / 12) */
    json_t *totals = json_pack(
        "{s:o, s:o, s:o, s:o}", "entitlement_days", json_fraction(r->total_entitlement, unit, 2),
        "used_days", json_fraction(r->total_used, unit, 2), "fte",
        json_fraction(r->fte_months, 120000, 2), "days_per_fte",
        r->fte_months ? json_fraction(r->total_used * 120000, (__int128)unit * r->fte_months, 2)
                      : json_integer(0));
    return json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}", "year", r->year, "employer_size",
                     size_json(&r->size), "days_per_fte", json_fraction(r->days_per_fte, 100, 2),
                     "hours_per_day", json_fraction(s->hours_per_day, 100, 2), "employees",
                     lines, "totals", totals);
}

static const char *const genders[3] = {"F", "M", "X"};

/* {"M": .., "F": .., "X": ..} of one figure of one type. */
static json_t *by_gender(const balance_cell *cells, int field)
{
    json_t *o = json_object();
    for (int g = 0; g < 3; g++) {
        const balance_cell *c = &cells[g];
        json_t *v;
        switch (field) {
        case 0: v = json_integer(c->participants); break;
        case 1: v = json_fraction(c->hours, 100, 2); break;
        case 2: v = json_fraction(c->gross_cost, 100, 2); break;
        case 3: v = json_fraction(c->contributions, 100, 2); break;
        case 4: v = json_fraction(c->subsidies, 100, 2); break;
        default: v = json_fraction(c->net_cost, 100, 2); break;
        }
        json_object_set_new(o, genders[g], v);
    }
    return o;
}

/* The NBB codes of the form, in its order (M then F, per type). */
typedef struct nbb_code {
    const char *code;
    int type, gender, field; /* field as in by_gender */
} nbb_code;

static const nbb_code nbb_codes[] = {
    {"5801", 0, GENDER_M, 0}, {"5802", 0, GENDER_M, 1}, {"5803", 0, GENDER_M, 5},
    {"58031", 0, GENDER_M, 2}, {"58032", 0, GENDER_M, 3}, {"58033", 0, GENDER_M, 4},
    {"5811", 0, GENDER_F, 0}, {"5812", 0, GENDER_F, 1}, {"5813", 0, GENDER_F, 5},
    {"58131", 0, GENDER_F, 2}, {"58132", 0, GENDER_F, 3}, {"58133", 0, GENDER_F, 4},
    {"5821", 1, GENDER_M, 0}, {"5822", 1, GENDER_M, 1}, {"5823", 1, GENDER_M, 5},
    {"5831", 1, GENDER_F, 0}, {"5832", 1, GENDER_F, 1}, {"5833", 1, GENDER_F, 5},
    {"5841", 2, GENDER_M, 0}, {"5842", 2, GENDER_M, 1}, {"5843", 2, GENDER_M, 5},
    {"5851", 2, GENDER_F, 0}, {"5852", 2, GENDER_F, 1}, {"5853", 2, GENDER_F, 5},
};
#define NCODES (sizeof nbb_codes / sizeof *nbb_codes)

static const char *const fields[6] = {"participants", "hours", "gross_cost", "contributions",
                                      "subsidies", "net_cost"};

/* A figure as a scaled integer: participants whole, the rest in hundredths. */
static int64_t figure(const balance_cell *c, int field)
{
    switch (field) {
    case 0: return c->participants;
    case 1: return c->hours;
    case 2: return c->gross_cost;
    case 3: return c->contributions;
    case 4: return c->subsidies;
    default: return c->net_cost;
    }
}

json_t *social_balance_json(const social_balance *b)
{
    json_t *o = json_pack("{s:i}", "year", b->year);
    for (int type = 0; o && type < 3; type++) {
        json_t *t = json_object();
        for (int field = 0; field < 6; field++)
            json_object_set_new(t, fields[field], by_gender(b->cells[type], field));
        json_object_set_new(o, vocab_type.names[type], t);
    }
    json_t *codes = json_object();
    for (size_t i = 0; i < NCODES; i++) {
        const nbb_code *c = &nbb_codes[i];
        int64_t v = figure(&b->cells[c->type][c->gender], c->field);
        json_object_set_new(codes, c->code,
                            c->field == 0 ? json_integer(v) : json_fraction(v, 100, 2));
    }
    json_object_set_new(o, "codes", codes);
    json_t *warnings = json_array();
    if (b->x_participants > 0) {
        char line[256];
        snprintf(line, sizeof line,
                 _("%lld employees of gender X took part in training; the National Bank form "
                   "has columns for men and women only, so they are not in the codes"),
                 (long long)b->x_participants);
        json_array_append_new(warnings, json_string(line));
    }
    json_object_set_new(o, "warnings", warnings);
    return o;
}

json_t *participation_json(const participation *p)
{
    const participation_group *all = &p->overall;
    json_t *groups = json_array();
    for (size_t i = 0; groups && i < p->ngroups; i++) {
        const participation_group *g = &p->groups[i];
        json_t *row;
        if (g->suppressed) {
            row = json_pack("{s:s, s:n, s:n, s:n, s:n, s:n, s:n, s:b}", "group", g->name,
                            "headcount", "participants", "rate", "hours_per_fte",
                            "ratio_to_overall", "flag", "suppressed", 1);
        } else {
            json_t *ratio = all->participants
                ? json_fraction((__int128)g->participants * all->headcount,
                                (__int128)g->headcount * all->participants, 4)
                : json_integer(0);
            row = json_pack("{s:s, s:I, s:I, s:o, s:o, s:o, s:o, s:b}", "group", g->name,
                            "headcount", (json_int_t)g->headcount, "participants",
                            (json_int_t)g->participants, "rate",
                            json_fraction(g->participants, g->headcount, 4), "hours_per_fte",
                            json_fraction((__int128)g->hours * 1200, g->fte_months, 2),
                            "ratio_to_overall", ratio, "flag",
                            g->flag < 0 ? json_string("under")
                            : g->flag > 0 ? json_string("over") : json_null(),
                            "suppressed", 0);
        }
        json_array_append_new(groups, row);
    }
    json_t *overall = json_pack(
        "{s:I, s:I, s:o, s:o}", "headcount", (json_int_t)all->headcount, "participants",
        (json_int_t)all->participants, "rate",
        all->headcount ? json_fraction(all->participants, all->headcount, 4) : json_integer(0),
        "hours_per_fte",
        all->fte_months ? json_fraction((__int128)all->hours * 1200, all->fte_months, 2)
                        : json_integer(0));
    return json_pack("{s:i, s:s, s:i, s:o, s:o}", "year", p->year, "dimension",
                     dimension_names[p->dimension], "min_group", p->min_group, "overall",
                     overall, "groups", groups);
}

/* Allocates a table of NROWS rows for COLUMNS. */
static bool table_new(arena *a, const char *const *columns, size_t nrows, report_table *t)
{
    t->columns = columns;
    t->ncols = 0;
    while (columns[t->ncols])
        t->ncols++;
    t->nrows = nrows;
    t->cells = arena_alloc(a, (nrows * t->ncols + 1) * sizeof *t->cells);
    return t->cells != NULL;
}

bool training_right_table(const right_report *r, const facts *f, const rule_settings *s,
                          arena *a, report_table *t)
{
    static const char *const columns[] = {"employee_id", "entitlement_days", "used_days",
                                          "carried_in_days", "balance_days", NULL};
    if (!table_new(a, columns, r->nlines + 1, t))
        return false;
    int64_t unit = right_unit(s);
    for (size_t i = 0; i < r->nlines; i++) {
        const right_line *l = &r->lines[i];
        cell *c = &t->cells[i * t->ncols];
        c[0] = cell_text(f->people[l->person].employee_id);
        c[1] = cell_fraction(l->entitlement, unit, 2);
        c[2] = cell_fraction(l->used, unit, 2);
        c[3] = cell_fraction(l->carried_in, unit, 2);
        c[4] = cell_fraction(l->balance, unit, 2);
    }
    cell *c = &t->cells[r->nlines * t->ncols];
    c[0] = cell_text("total");
    c[1] = cell_fraction(r->total_entitlement, unit, 2);
    c[2] = cell_fraction(r->total_used, unit, 2);
    c[3] = cell_empty();
    c[4] = cell_empty();
    return true;
}

bool social_balance_table(const social_balance *b, arena *a, report_table *t)
{
    static const char *const columns[] = {"type", "gender", "participants", "hours",
        "gross_cost", "contributions", "subsidies", "net_cost", NULL};
    if (!table_new(a, columns, 9, t))
        return false;
    static const int order[3] = {GENDER_M, GENDER_F, GENDER_X};
    for (int type = 0; type < 3; type++)
        for (int k = 0; k < 3; k++) {
            const balance_cell *bc = &b->cells[type][order[k]];
            cell *c = &t->cells[(size_t)(type * 3 + k) * t->ncols];
            c[0] = cell_text(vocab_type.names[type]);
            c[1] = cell_text(genders[order[k]]);
            c[2] = cell_number(bc->participants, 0);
            c[3] = cell_number(bc->hours, 2);
            c[4] = cell_money(bc->gross_cost);
            c[5] = cell_money(bc->contributions);
            c[6] = cell_money(bc->subsidies);
            c[7] = cell_money(bc->net_cost);
        }
    return true;
}

bool social_balance_codes_table(const social_balance *b, arena *a, report_table *t)
{
    static const char *const columns[] = {"code", "value", NULL};
    if (!table_new(a, columns, NCODES, t))
        return false;
    for (size_t i = 0; i < NCODES; i++) {
        const nbb_code *n = &nbb_codes[i];
        int64_t v = figure(&b->cells[n->type][n->gender], n->field);
        t->cells[i * 2] = cell_text(n->code);
        t->cells[i * 2 + 1] = n->field == 0 ? cell_number(v, 0)
                            : n->field == 1 ? cell_number(v, 2) : cell_money(v);
    }
    return true;
}

bool participation_table(const participation *p, arena *a, report_table *t)
{
    static const char *const columns[] = {"group", "headcount", "participants", "rate",
        "hours_per_fte", "ratio_to_overall", "flag", "suppressed", NULL};
    if (!table_new(a, columns, p->ngroups + 1, t))
        return false;
    const participation_group *all = &p->overall;
    for (size_t i = 0; i <= p->ngroups; i++) {
        const participation_group *g = i == 0 ? all : &p->groups[i - 1];
        cell *c = &t->cells[i * t->ncols];
        c[0] = cell_text(g->name);
        if (g->suppressed) {
            for (size_t k = 1; k < 7; k++)
                c[k] = cell_empty();
            c[7] = cell_text("yes");
            continue;
        }
        c[1] = cell_number(g->headcount, 0);
        c[2] = cell_number(g->participants, 0);
        c[3] = cell_fraction(g->participants, g->headcount, 4);
        c[4] = cell_fraction((__int128)g->hours * 1200, g->fte_months, 2);
        c[5] = i == 0 ? cell_empty()
             : cell_fraction((__int128)g->participants * all->headcount,
                             (__int128)g->headcount * all->participants, 4);
        c[6] = cell_text(i == 0 ? NULL : g->flag < 0 ? "under" : g->flag > 0 ? "over" : NULL);
        c[7] = cell_text("no");
    }
    return true;
}

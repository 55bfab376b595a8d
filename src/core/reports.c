/* reports.c - see reports.h. */
#include "core/reports.h"
#include "core/labels.h"
#include "util/decimal.h"
#include "util/i18n.h"
#include <stdio.h>
#include <stdlib.h>

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

bool training_right_json(const right_report *r, const facts *f, const rule_settings *s,
                         bool with_lines, str *out, bool pretty)
{
    int64_t unit = right_unit(s);
    /* One buffer for the whole answer (about 160 bytes a line) rather than
     * twenty doublings, each touching the text so far anew. */
    if (with_lines && !str_reserve(out, (r->nlines + 4) * 160))
        return false;
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "year");
    jw_int(&w, r->year);
    jw_key(&w, "employer_size");
    jw_fraction(&w, r->size.sum, (__int128)r->size.quarters * 10000, 2);
    jw_key(&w, "days_per_fte");
    jw_fraction(&w, r->days_per_fte, 100, 2);
    jw_key(&w, "hours_per_day");
    jw_fraction(&w, s->hours_per_day, 100, 2);
    jw_key(&w, "employees");
    jw_array(&w);
    for (size_t i = 0; with_lines && i < r->nlines; i++) {
        const right_line *l = &r->lines[i];
        jw_object(&w);
        jw_key(&w, "employee_id");
        jw_string(&w, f->people[l->person].employee_id);
        jw_key(&w, "entitlement_days");
        jw_fraction(&w, l->entitlement, unit, 2);
        jw_key(&w, "used_days");
        jw_fraction(&w, l->used, unit, 2);
        jw_key(&w, "carried_in_days");
        jw_fraction(&w, l->carried_in, unit, 2);
        jw_key(&w, "balance_days");
        jw_fraction(&w, l->balance, unit, 2);
        jw_end(&w);
    }
    jw_end(&w);
    jw_key(&w, "totals");
    jw_object(&w);
    jw_key(&w, "entitlement_days");
    jw_fraction(&w, r->total_entitlement, unit, 2);
    jw_key(&w, "used_days");
    jw_fraction(&w, r->total_used, unit, 2);
    jw_key(&w, "fte");
    ratio fte = fte_of(r->fte_months);
    jw_fraction(&w, fte.num, fte.den, 2);
    /* days per FTE actually used = used days / (fte x months / 12) */
    jw_key(&w, "days_per_fte");
    ratio used = per_fte(r->total_used, unit, r->fte_months);
    jw_fraction(&w, used.num, used.den, 2);
    jw_end(&w);
    jw_end(&w);
    return jw_finish(&w);
}

static const char *const genders[3] = {"F", "M", "X"};

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

/* A figure of the form as JSON: participants whole, the rest to two decimals. */
static void figure_json(jsonw *w, const balance_cell *c, int field)
{
    if (field == 0)
        jw_int(w, c->participants);
    else
        jw_fraction(w, figure(c, field), 100, 2);
}

bool social_balance_x_hidden(const social_balance *b, int min_group)
{
    return min_group > 0 && b->headcount[GENDER_X] > 0 &&
           privacy_is_small(b->headcount[GENDER_X], min_group);
}

bool social_balance_json(const social_balance *b, int min_group, str *out, bool pretty)
{
    return social_balance_json_as(b, min_group, false, out, pretty);
}

bool social_balance_json_as(const social_balance *b, int min_group, bool hide_x, str *out,
                            bool pretty)
{
    /* The form has no column for X, so X is never combined: a small X is
     * hidden (the figures of men and women are public anyway). */
    hide_x = hide_x || social_balance_x_hidden(b, min_group);
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "year");
    jw_int(&w, b->year);
    static const int order[3] = {GENDER_M, GENDER_F, GENDER_X};
    for (int type = 0; type < 3; type++) {
        jw_key(&w, vocab_type.names[type]);
        jw_object(&w);
        for (int field = 0; field < 6; field++) {
            jw_key(&w, fields[field]);
            jw_object(&w);
            for (int k = 0; k < 3; k++) {
                jw_key(&w, genders[order[k]]);
                if (hide_x && order[k] == GENDER_X)
                    jw_null(&w);
                else
                    figure_json(&w, &b->cells[type][order[k]], field);
            }
            jw_end(&w);
        }
        jw_end(&w);
    }
    jw_key(&w, "codes");
    jw_object(&w);
    for (size_t i = 0; i < NCODES; i++) {
        const nbb_code *c = &nbb_codes[i];
        jw_key(&w, c->code);
        figure_json(&w, &b->cells[c->type][c->gender], c->field);
    }
    jw_end(&w);
    jw_key(&w, "warnings");
    jw_array(&w);
    if (b->x_participants > 0 && !hide_x) {
        str line = STR_INIT;
        str_printf(&line,
                   P_("%lld employee of gender X took part in training; the National Bank form "
                      "has columns for men and women only, so they are not in the codes",
                      "%lld employees of gender X took part in training; the National Bank form "
                      "has columns for men and women only, so they are not in the codes",
                      (unsigned long)b->x_participants),
                   (long long)b->x_participants);
        jw_string(&w, str_cstr(&line));
        str_free(&line);
    }
    jw_end(&w);
    jw_end(&w);
    return jw_finish(&w);
}

/* The hours of learning per FTE of group G. */
static ratio hours_per_fte(const participation_group *g)
{
    return per_fte(g->hours, 100, g->fte_months);
}

/* G's rate against the overall rate; den 0 (overall rate 0) writes 0. */
static ratio ratio_to_overall(const participation_group *g, const participation_group *all)
{
    return (ratio){(__int128)g->participants * all->headcount,
                   all->participants ? (__int128)g->headcount * all->participants : 0};
}

static const char *flag_name(int flag)
{
    return flag < 0 ? "under" : flag > 0 ? "over" : NULL;
}

/* A participation line's figures, in the order they are written. */
static const char *const group_keys[] = {"headcount",        "participants", "rate",
                                         "hours_per_fte",    "ratio_to_overall", "flag"};

/* Writes the first N of KEYS, each null: a hidden line's figures. */
static void write_nulls(jsonw *w, const char *const *keys, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        jw_key(w, keys[k]);
        jw_null(w);
    }
}

bool participation_json(const participation *p, str *out, bool pretty)
{
    const participation_group *all = &p->overall;
    jsonw w;
    jw_init(&w, out, pretty);
    jw_object(&w);
    jw_key(&w, "year");
    jw_int(&w, p->year);
    jw_key(&w, "dimension");
    jw_string(&w, p->dimension_name ? p->dimension_name : dimension_names[p->dimension]);
    jw_key(&w, "min_group");
    jw_int(&w, p->min_group);
    jw_key(&w, "overall");
    jw_object(&w);
    ratio h = hours_per_fte(all);
    if (all->suppressed) { /* only a sector's total (app/sector.c), never an organisation's */
        write_nulls(&w, group_keys, 4);
        jw_key(&w, "suppressed");
        jw_bool(&w, true);
    } else {
        jw_key(&w, "headcount");
        jw_int(&w, all->headcount);
        jw_key(&w, "participants");
        jw_int(&w, all->participants);
        jw_key(&w, "rate");
        jw_fraction(&w, all->participants, all->headcount, 4);
        jw_key(&w, "hours_per_fte");
        jw_fraction(&w, h.num, h.den, 2);
    }
    jw_end(&w);
    jw_key(&w, "groups");
    jw_array(&w);
    for (size_t i = 0; i < p->ngroups; i++) {
        const participation_group *g = &p->groups[i];
        jw_object(&w);
        jw_key(&w, "group");
        jw_string(&w, g->name);
        if (g->combined) {
            jw_key(&w, "members");
            jw_array(&w);
            for (size_t k = 0; k < g->nmembers; k++)
                jw_string(&w, g->members[k]);
            jw_end(&w);
        }
        if (g->suppressed) {
            write_nulls(&w, group_keys, 6);
        } else {
            jw_key(&w, "headcount");
            jw_int(&w, g->headcount);
            jw_key(&w, "participants");
            jw_int(&w, g->participants);
            jw_key(&w, "rate");
            jw_fraction(&w, g->participants, g->headcount, 4);
            jw_key(&w, "hours_per_fte");
            h = hours_per_fte(g);
            jw_fraction(&w, h.num, h.den, 2);
            jw_key(&w, "ratio_to_overall");
            ratio r = ratio_to_overall(g, all);
            jw_fraction(&w, r.num, r.den, 4);
            jw_key(&w, "flag");
            jw_string(&w, flag_name(g->flag));
        }
        jw_key(&w, "suppressed");
        jw_bool(&w, g->suppressed);
        jw_key(&w, "combined");
        jw_bool(&w, g->combined);
        jw_end(&w);
    }
    jw_end(&w);
    jw_end(&w);
    return jw_finish(&w);
}

bool training_right_table(const right_report *r, const facts *f, const rule_settings *s,
                          arena *a, report_table *t)
{
    static const char *const columns[] = {N_("employee_id"), N_("entitlement_days"),
                                          N_("used_days"), N_("carried_in_days"),
                                          N_("balance_days"), NULL};
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
    c[0] = cell_code("total");
    c[1] = cell_fraction(r->total_entitlement, unit, 2);
    c[2] = cell_fraction(r->total_used, unit, 2);
    c[3] = cell_empty();
    c[4] = cell_empty();
    return true;
}

bool social_balance_table(const social_balance *b, bool hide_x, arena *a, report_table *t)
{
    static const char *const columns[] = {N_("type"), N_("gender"), N_("participants"),
        N_("hours"), N_("gross_cost"), N_("contributions"), N_("subsidies"), N_("net_cost"),
        NULL};
    if (!table_new(a, columns, 9, t))
        return false;
    static const int order[3] = {GENDER_M, GENDER_F, GENDER_X};
    for (int type = 0; type < 3; type++)
        for (int k = 0; k < 3; k++) {
            const balance_cell *bc = &b->cells[type][order[k]];
            cell *c = &t->cells[(size_t)(type * 3 + k) * t->ncols];
            c[0] = cell_code(vocab_type.names[type]);
            c[1] = cell_code(genders[order[k]]);
            if (hide_x && order[k] == GENDER_X) {
                for (size_t f = 2; f < t->ncols; f++)
                    c[f] = cell_empty();
                continue;
            }
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
    static const char *const columns[] = {N_("code"), N_("value"), NULL};
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
    static const char *const columns[] = {N_("group"), N_("headcount"), N_("participants"),
        N_("rate"), N_("hours_per_fte"), N_("ratio_to_overall"), N_("flag"), N_("suppressed"),
        N_("combined"), NULL};
    if (!table_new(a, columns, p->ngroups + 1, t))
        return false;
    const participation_group *all = &p->overall;
    /* Coded groups are shown by their labels on pages, kept as codes in files. */
    bool coded = dimension_groups_are_codes(p->dimension);
    for (size_t i = 0; i <= p->ngroups; i++) {
        const participation_group *g = i == 0 ? all : &p->groups[i - 1];
        cell *c = &t->cells[i * t->ncols];
        c[0] = i == 0 || coded ? cell_code(g->name) : cell_text(g->name);
        c[8] = cell_code(g->combined ? "yes" : "no");
        if (g->suppressed) {
            for (size_t k = 1; k < 7; k++)
                c[k] = cell_empty();
            c[7] = cell_code("yes");
            continue;
        }
        c[1] = cell_number(g->headcount, 0);
        c[2] = cell_number(g->participants, 0);
        c[3] = cell_as_percent(cell_fraction(g->participants, g->headcount, 4));
        ratio h = hours_per_fte(g), r = ratio_to_overall(g, all);
        c[4] = cell_fraction(h.num, h.den, 2);
                c[5] = i == 0 ? cell_empty() : cell_fraction(r.num, r.den, 4);
        c[6] = cell_code(i == 0 ? NULL : flag_name(g->flag));
        c[7] = cell_code("no");
    }
    return true;
}

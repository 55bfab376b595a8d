/* social_balance.c - rule 3: the training section of the social balance
 * sheet, per type of learning and gender. */
#include "core/rules.h"
#include "util/decimal.h"
#include <string.h>

void split_men_women(int64_t amount, int64_t weight_m, int64_t weight_f, int64_t *m, int64_t *w)
{
    if (weight_m + weight_f == 0) {
        *m = amount; /* the last fallback: everything to men */
        *w = 0;
        return;
    }
    *m = (int64_t)div_round128((__int128)amount * weight_m, (__int128)weight_m + weight_f);
    *w = amount - *m;
}

/* The organisation-level row of YEAR and TYPE, or zeros. */
static funding funding_of(const facts *f, int year, int type)
{
    for (size_t i = 0; i < f->nfunding; i++)
        if (f->funding[i].year == year && f->funding[i].type == type)
            return f->funding[i];
    return (funding){year, type, 0, 0};
}

void social_balance_for(const facts *f, int year, social_balance *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    int64_t headcount[3] = {0, 0, 0}; /* employed on 31 December, by gender */
    date_t last_day = date_from_ymd(year, 12, 31);
    for (size_t i = 0; i < f->npeople; i++) {
        const employee *e = &f->people[i];
        const learning_totals *t = facts_totals(f, i, year);
        if (date_employed_on(e->hire_date, e->exit_date, last_day))
            headcount[e->gender]++;
        if (date_months_employed(e->hire_date, e->exit_date, year) > 0)
            out->headcount[e->gender]++;
        int any = 0;
        for (int type = 0; type < 3; type++) {
            if (t->records[type] == 0)
                continue;
            balance_cell *c = &out->cells[type][e->gender];
            c->participants++;
            c->hours += t->hours[type];
            c->gross_cost += t->cost[type];
            c->subsidies += t->subsidy[type];
            any = 1;
        }
        if (any && e->gender == GENDER_X)
            out->x_participants++;
    }
    for (int type = 0; type < 3; type++) {
        balance_cell *m = &out->cells[type][GENDER_M], *w = &out->cells[type][GENDER_F];
        int64_t wm = m->gross_cost, ww = w->gross_cost;
        if (wm + ww == 0) {
            wm = m->hours;
            ww = w->hours;
        }
        if (wm + ww == 0) {
            wm = headcount[GENDER_M];
            ww = headcount[GENDER_F];
        }
        funding fu = funding_of(f, year, type);
        int64_t cm, cw, sm, sw;
        split_men_women(fu.contributions, wm, ww, &cm, &cw);
        split_men_women(fu.subsidies, wm, ww, &sm, &sw);
        m->contributions += cm;
        w->contributions += cw;
        m->subsidies += sm;
        w->subsidies += sw;
        for (int g = 0; g < 3; g++) {
            balance_cell *c = &out->cells[type][g];
            c->net_cost = c->gross_cost + c->contributions - c->subsidies;
        }
    }
}

void social_balance_add(social_balance *into, const social_balance *from)
{
    for (int t = 0; t < 3; t++)
        for (int g = 0; g < 3; g++) {
            balance_cell *c = &into->cells[t][g];
            const balance_cell *f = &from->cells[t][g];
            c->participants += f->participants;
            c->hours += f->hours;
            c->gross_cost += f->gross_cost;
            c->contributions += f->contributions;
            c->subsidies += f->subsidies;
            c->net_cost += f->net_cost;
        }
    into->x_participants += from->x_participants;
    for (int g = 0; g < 3; g++)
        into->headcount[g] += from->headcount[g];
}

/* employer_size.c - rule 1: the employer size, the mean FTE on four
 * quarter-ends fixed per two-year period. */
#include "core/rules.h"
#include "core/policy.h"

const learning_totals *facts_totals(const facts *f, size_t i, int year)
{
    static const learning_totals none;
    if (year < f->first_year || year > f->last_year || !f->totals)
        return &none;
    return &f->totals[(size_t)(year - f->first_year) * f->npeople + i];
}

int64_t facts_right_hours(const facts *f, size_t i, int year)
{
    if (year < f->first_year || year > f->last_year)
        return 0;
    if (f->right_hours)
        return f->right_hours[(size_t)(year - f->first_year) * f->npeople + i];
    return facts_totals(f, i, year)->right_hours;
}

employer_size employer_size_for(const facts *f, const rule_settings *s, int year)
{
    employer_size size = {0, 0, false};
    if (s->employer_size >= 0) {
        size.sum = s->employer_size * 100; /* hundredths to ten-thousandths */
        size.quarters = 1;
        size.overridden = true;
        return size;
    }
    /* The period starts in an even year; its reference quarters lie before. */
    int p = year % 2 == 0 ? year : year - 1;
    const date_t quarter_ends[4] = {
        date_from_ymd(p - 2, 12, 31), date_from_ymd(p - 1, 3, 31),
        date_from_ymd(p - 1, 6, 30), date_from_ymd(p - 1, 9, 30)};
    for (int q = 0; q < 4; q++) {
        int64_t sum = 0;
        for (size_t i = 0; i < f->npeople; i++)
            if (date_employed_on(f->people[i].hire_date, f->people[i].exit_date, quarter_ends[q]))
                sum += f->people[i].fte;
        /* Quarters without declared staff do not count. */
        if (sum > 0) {
            size.sum += sum;
            size.quarters++;
        }
    }
    return size;
}

bool employer_size_at_least(const employer_size *size, int threshold)
{
    if (size->quarters == 0)
        return threshold <= 0;
    return size->sum >= (int64_t)threshold * 10000 * size->quarters;
}

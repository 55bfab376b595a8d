/* training_right.c - rule 2: the individual training right.
 *
 * Every day figure is kept exact as an integer number of units, one unit
 * being 1/D day with D = 100 x 10000 x 12 x hours_per_day (in hundredths):
 *   entitlement = days_per_fte (hundredths) x fte (ten-thousandths) x months
 *                 x hours_per_day (hundredths)          [= dpf x fte x m/12 days]
 *   used        = hours (hundredths) x 12,000,000       [= hours / hpd days]
 * so sums, carry-over and balances need no rounding until output. */
#include "core/rules.h"
#include "core/policy.h"

#define UNIT_BASE 12000000 /* 100 x 10000 x 12 */

int64_t right_unit(const rule_settings *s)
{
    return UNIT_BASE * s->hours_per_day;
}

int64_t right_days_per_fte(const employer_size *size, const rule_settings *s, int year)
{
    if (year < POLICY_RIGHT_FIRST_YEAR)
        return 0;
    if (employer_size_at_least(size, 20)) {
        if (s->days_per_fte >= 0)
            return s->days_per_fte; /* a sector agreement */
        return year == POLICY_RIGHT_FIRST_YEAR ? 400 : 500;
    }
    if (employer_size_at_least(size, 10))
        return 100;
    return 0;
}

bool right_counts(int type, bool training_leave)
{
    return type != TYPE_INITIAL && !training_leave;
}

int right_first_year(int year)
{
    int period = policy_right_period(year);
    return period && policy_carries_over(year) ? period : year;
}

bool right_behind(const right_line *l, int year, date_t today)
{
    if (l->balance <= 0)
        return false;
    int passed = policy_months_passed(year, today);
    /* carried-in days are due only when they would lapse: a demo manager
     * saw 44 of 47 people "behind" for days they may use until 2028 */
    int64_t owed = l->entitlement + (policy_carries_over(year + 1) ? 0 : l->carried_in);
    __int128 due = (__int128)owed * passed;
    return (__int128)l->used * 12 < due; /* used < due x passed / 12, exactly */
}

bool training_right(const facts *f, const rule_settings *s, int year, right_line *lines,
                    right_report *out)
{
    int first = right_first_year(year);
    if (f->first_year > first || f->last_year < year)
        return false;
    int64_t dpf[POLICY_RIGHT_PERIOD_YEARS];
    for (int y = first; y <= year; y++) {
        employer_size size = employer_size_for(f, s, y);
        dpf[y - first] = right_days_per_fte(&size, s, y);
        if (y == year) {
            out->size = size;
            out->days_per_fte = dpf[y - first];
        }
    }
    out->year = year;
    out->lines = lines;
    out->nlines = 0;
    out->total_entitlement = out->total_used = 0;
    out->fte_months = 0;
    for (size_t i = 0; i < f->npeople; i++) {
        const employee *e = &f->people[i];
        int64_t balance = 0, entitlement = 0, used = 0, carried = 0;
        int months = 0;
        for (int y = first; y <= year; y++) {
            months = date_months_employed(e->hire_date, e->exit_date, y);
            carried = y > first && policy_carries_over(y) && balance > 0 ? balance : 0;
            entitlement = dpf[y - first] * e->fte * months * s->hours_per_day;
            used = facts_right_hours(f, i, y) * UNIT_BASE;
            balance = carried + entitlement - used;
        }
        if (months == 0)
            continue; /* not employed in the year */
        lines[out->nlines++] = (right_line){i, months, entitlement, used, carried, balance};
        out->total_entitlement += entitlement;
        out->total_used += used;
        out->fte_months += (int64_t)e->fte * months;
    }
    return true;
}

/* policy.c - see policy.h. */
#include "core/policy.h"
#include "core/incentives.h"

int policy_right_period(int year)
{
    if (year < POLICY_RIGHT_PERIOD_START)
        return 0;
    return POLICY_RIGHT_PERIOD_START +
           (year - POLICY_RIGHT_PERIOD_START) / POLICY_RIGHT_PERIOD_YEARS *
               POLICY_RIGHT_PERIOD_YEARS;
}

bool policy_carries_over(int year)
{
    int period = policy_right_period(year);
    return period != 0 && policy_right_period(year - 1) == period;
}

int policy_months_passed(int year, date_t today)
{
    int y, m, d;
    date_to_ymd(today, &y, &m, &d);
    if (year < y)
        return 12;
    if (year > y)
        return 0;
    return m - 1;
}

date_t policy_claim_deadline(int kind, date_t period_end)
{
    int y, m, d;
    date_to_ymd(period_end, &y, &m, &d);
    switch (kind) {
    case KIND_SME_WALLET:
        return period_end;
    case KIND_TRAINING_LEAVE:
        return date_from_ymd(y, 12, 31);
    default:
        return date_add_months(period_end, 12);
    }
}

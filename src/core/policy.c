/* policy.c - see policy.h. */
#include "core/policy.h"

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

/* policy.h - every place where groeipad reads the law one way rather than
 * another ("our reading" in RULES.md), named, so a lawyer can find and change
 * it. The functions live in policy.c. */
#ifndef GP_POLICY_H
#define GP_POLICY_H
#include <stdbool.h>
#include "util/date.h"

/* Rule 1: the employer size uses the FTE recorded now for past quarters too
 * (groeipad keeps no FTE history). Nothing to configure; stated here. */
#define POLICY_SIZE_USES_CURRENT_FTE 1

/* Rule 2: training-right reference periods of five years start in this year
 * (2024-2028, 2029-2033, ...). A year before it is in no period. */
#define POLICY_RIGHT_PERIOD_START 2024
#define POLICY_RIGHT_PERIOD_YEARS 5

/* Rule 2: the first year of an individual training right. */
#define POLICY_RIGHT_FIRST_YEAR 2023

/* The first year of the five-year period holding YEAR, or 0 when none. */
int policy_right_period(int year);
/* True when YEAR - 1 lies in the same reference period as YEAR, so the
 * positive balance of YEAR - 1 carries into YEAR. */
bool policy_carries_over(int year);

/* Rule 2, "behind" on the training right (a manager's and HR's view, not
 * in the law): the months of YEAR already passed on TODAY are the calendar
 * months that have ended: 0 in January, 10 on 29 November, 12 for a past
 * year, 0 for a future one. The month under way does not count yet. */
int policy_months_passed(int year, date_t today);

/* Rule 3: the organisation-level contributions and subsidies are split over
 * men and women pro rata gross cost, then hours, then headcount on 31
 * December, then all to men; men's share rounded to the cent, women the rest.
 * (The NBB form has no column for gender X.) See social_balance.c. */

/* Rule 4: the flags of the participation report. */
#define POLICY_FLAG_UNDER_NUM 4 /* ratio < 4/5 = 0.8 */
#define POLICY_FLAG_UNDER_DEN 5
#define POLICY_FLAG_OVER_NUM 5  /* ratio > 5/4 = 1.25 */
#define POLICY_FLAG_OVER_DEN 4
#define POLICY_MIN_GROUP 5      /* the default and floor of min_group */

/* Organising training (core/sessions.c). A cancellation on the day of the
 * cancellation deadline is still in time; from the day after, it is late
 * and the late fee is due. */
#define POLICY_CANCEL_DEADLINE_INCLUSIVE 1
/* An employee without a recorded shift fits a session of any shift. */
#define POLICY_NO_SHIFT_FITS_ALL 1
/* A session's cost is shared equally by those who attended (wholly or
 * partly); the learning record of each carries that share. A no-show or a
 * late cancellation carries the late fee instead, as a cost of the
 * organisation without hours. */
#define POLICY_SESSION_COST_SHARED 1

#endif

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

/* Rule 8 (incentives). The figures are data (incentive_parameters); these
 * are the readings around them. */
/* A training-leave course counts in the school year of its start date, whole,
 * also when it runs across 31 August. */
#define POLICY_LEAVE_YEAR_OF_START 1
/* A school year's training leave uses the parameters in force on its first
 * day (1 September), for every course of that year. */
#define POLICY_LEAVE_PARAMS_ON_FIRST_DAY 1
/* The occupation fraction of the cap and of the minimum occupation is the
 * employee's FTE as recorded now (as rule 1: no FTE history). */
#define POLICY_LEAVE_USES_CURRENT_FTE 1
/* A paid training-leave refund is a subsidy of the employee's formal
 * learning: it is added to the subsidy of their courses of that school year
 * that counted, pro rata the hours each counted (split_pro_rata), so that
 * the social balance's subsidy codes show it as they show a paid voucher
 * or SME-wallet claim on its own course. */
#define POLICY_LEAVE_REFUND_TO_RECORDS 1
/* SME wallet: small below 50 FTE, medium below 250 (employer size, rule 1,
 * in hundredths); a larger employer gets nothing from it. */
#define POLICY_SME_SMALL_BELOW 5000
#define POLICY_SME_MEDIUM_BELOW 25000
/* A new open-ended set of parameters that starts after an open-ended one
 * closes that one on the day before, rather than being refused as an
 * overlap: that is how next year's figures are entered. A set with an end
 * inside an open-ended one is an overlap (closing the open one would leave
 * the days after it without figures). */
#define POLICY_PARAMS_CLOSE_OPEN 1
/* The last day to file a claim of incentive KIND (enum incentive_kind) for
 * a course starting on COURSE_START in the period ending PERIOD_END: the SME
 * wallet within 14 days of the start; training leave by 31 December after
 * the school year; the rest by the end of the period's next period (one
 * year after it). */
date_t policy_claim_deadline(int kind, date_t course_start, date_t period_end);

#endif

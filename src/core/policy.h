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

/* Rule 9: the actual level is the latest assessment up to the day, whatever
 * its source: a self-assessment counts like the manager's (RULES.md §9 makes
 * no exception; the pages show the two side by side, and a manager's later
 * assessment supersedes it again). Nothing to configure; stated here. */
#define POLICY_GAPS_SELF_ASSESSMENT_COUNTS 1

/* Rule 4: the flags of the participation report. */
#define POLICY_FLAG_UNDER_NUM 4 /* ratio < 4/5 = 0.8 */
#define POLICY_FLAG_UNDER_DEN 5
#define POLICY_FLAG_OVER_NUM 5  /* ratio > 5/4 = 1.25 */
#define POLICY_FLAG_OVER_DEN 4
#define POLICY_MIN_GROUP 5      /* the default and floor of min_group */

/* Rule 7: a mentor is "experienced" when hired at least mentor_min_months
 * (a setting, default below) before the assignment starts, the months added
 * with day-of-month clamping (onboarding_inexperienced in onboarding.c). */
#define POLICY_MENTOR_MIN_MONTHS 12
/* Rule 7: how many newcomers one mentor guides at once before groeipad
 * warns (the setting mentor_max_newcomers; a warning, never a block). The
 * seeds speak of one or two; three leaves room for a busy season. */
#define POLICY_MENTOR_MAX_NEWCOMERS 3
/* Issue 14: a mentor "had mentor training" when their learning record holds
 * a completed formal record of an activity in the form mentoring or
 * coaching, or whose title names mentors (peter, meter, mentor, parrain,
 * marraine): mentor_training_of in store/onboarding.c. */
#define POLICY_MENTOR_TRAINING 1

/* Rule 6, adopting the plan (our reading; plan_adoption_problem in
 * core/plan.c). RULES.md §6: a date that breaks the timeline, and an
 * adoption without advice, get a warning, never a block. So an adoption
 * dated before the council's meeting is possible; it has no advice yet, and
 * adopting without advice needs HR to confirm it knowingly and say why (1);
 * the reason goes on the plan beside the council's comments. An adoption is
 * recorded once it happened: a day still to come is refused, as for the
 * advice (that is no date of the timeline, but one that has not been). */
#define POLICY_ADOPT_WITHOUT_ADVICE_CONFIRMED 1

/* Rule 5, reminders: a step missed on its day (the server was down) is
 * still sent, once, until the next step's day; the reminder of the expiry
 * day itself stays due this many days after it, then lapses (an expired
 * certification is on every certification page anyway). */
#define POLICY_REMINDER_LATE_DAYS 7

/* Evaluation, level 3: the manager's follow-up is due this many weeks after
 * a training's last day, unless the activity says otherwise (issue 13). */
#define POLICY_FOLLOWUP_WEEKS 8

/* Evaluation: who evaluates each level (reaction, learning, behaviour,
 * results) of an activity that agreed nothing else: the participants
 * react, the trainer tests, the manager follows up, HR measures results
 * (enum evaluator of core/evaluation.h, in that order). */
#define POLICY_EVALUATORS {3, 2, 1, 0}

/* Evaluation, level 3: a follow-up stays an open task this many days after
 * it fell due; after that it is no longer asked for (the dashboard would
 * otherwise fill with trainings of years ago). */
#define POLICY_FOLLOWUP_OPEN_DAYS 90

/* Evaluation, level 1: participants answer the questionnaire within this
 * many days after the training's last day. */
#define POLICY_REACTION_DAYS 120

/* Evaluation -> needs (issue 13): an activity's results of a year raise a
 * need or a remark for next year's plan when its mean reaction is below
 * this (hundredths of a point on the 1-5 scale: "below 3, neutral") or
 * fewer than this percentage of those tested passed at their last attempt.
 * Our reading: the issue names "a low reaction/test result" without a
 * bound. */
#define POLICY_LOW_REACTION 300
#define POLICY_LOW_PASS_PERCENT 50

/* Evaluation, level 1: reaction scores of a group (an activity, a session)
 * with fewer answers than min_group are shown to HR only; others see that
 * there are too few answers (the privacy rule of RULES.md §4, applied to
 * respondents). */

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
 * the period ending PERIOD_END: training leave by 31 December after the
 * school year; the SME wallet by the period's end (each course has its own,
 * earlier term: the scheme's dated parameter file_within_days, 14 days,
 * incentive_file_by; RULES.md §8 names no term, so it is data, not a
 * constant here); the rest by the end of the period's next period (one
 * year after it). */
date_t policy_claim_deadline(int kind, date_t period_end);

#endif

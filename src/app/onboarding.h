/* onboarding.h (app) - report onboarding (RULES.md 7, DESIGN 4) as both
 * front ends ask for it: load the facts (store), compute rule 7 (core), keep
 * what the caller's role may see, shape JSON and tables. */
#ifndef GP_APP_ONBOARDING_H
#define GP_APP_ONBOARDING_H
#include "app/reports.h"
#include "core/onboarding.h"

typedef struct onboarding_query {
    date_t date;          /* DATE_NONE: today */
    int role;             /* who asks: ROLE_ADMIN sees everything */
    int64_t employee_row; /* the caller's employee, for managers and mentors */
    int want;             /* REPORT_JSON, REPORT_TABLES or both */
    bool pretty;
} onboarding_query;

/* Builds the report Q asks for: REPORT_OK with OUT filled (str_free its
 * json; tables live in A), REPORT_FORBIDDEN for an employee, or
 * REPORT_FAILED with a message in ERR. Managers see their team's newcomers,
 * mentors their own (totals over what they see); representatives the totals
 * only, and only the headcount when there are fewer newcomers than
 * min_group. */
int onboarding_report_build(store *db, arena *a, const onboarding_query *q, report_output *out,
                            str *err);

#endif

/* plan_view.h (app) - a year's training plan with everything shown beside
 * it: initiatives, budgets, comments, the checks of rule 6 and the planned
 * effort against the training-right target. The plan page, the information
 * package and 'report plan' all read it. */
#ifndef GP_APP_PLAN_VIEW_H
#define GP_APP_PLAN_VIEW_H
#include "core/plan.h"
#include "core/rules.h"
#include "store/plans.h"

#define PLAN_MAX_WARNINGS 64

typedef struct plan_view {
    plan p;
    plan_initiative *items;
    size_t nitems;
    plan_budget *budgets;
    size_t nbudgets;
    plan_comment *comments;
    size_t ncomments;
    plan_warning warnings[PLAN_MAX_WARNINGS];
    size_t nwarnings;
    rule_settings settings;
    employer_size size;
    bool required;          /* employer size >= 20 (rule 6) */
    int64_t planned_hours;  /* hundredths */
    int64_t fte_months;     /* sum of fte x months of the plan year's staff */
    int64_t target_dpf;     /* training-right days per FTE, hundredths */
} plan_view;

/* STORE_ROW with V filled for YEAR, STORE_DONE when there is no plan. */
int plan_view_load(store *db, arena *a, int year, plan_view *v);
/* The warning W in words, in the current language (strings in A). */
const char *plan_warning_text(arena *a, const plan_view *v, const plan_warning *w);
/* The plan as JSON (report plan --format json). */
bool plan_json(const plan_view *v, str *out, bool pretty);

#endif

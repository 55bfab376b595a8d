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
/* ---- the department tables representatives see (RULES §4) ---- */

/* The lines of a department table of YEAR's plan under the privacy rule of
 * RULES §4, applied by privacy_protect as /reports applies it: every
 * department with people employed in YEAR takes part (so a table groups
 * its departments as /reports does) with the N NAMES of the table's lines.
 * A small department is combined with the smallest one that is not ("A +
 * B") or listed suppressed. A name without people in YEAR is a line of its
 * own, unless PERSONAL[i] says its line holds figures of people (from the
 * learning record): then it counts as small. Lines in strcmp order; the
 * caller sums its figures over the departments each holds
 * (plan_line_holds). STORE_OK or STORE_ERROR. */
int plan_departments_protect(store *db, arena *a, int year, int min_group,
                             const char *const *names, const bool *personal, size_t n,
                             participation_group **out, size_t *nout);
/* Whether line G of plan_departments_protect holds DEPARTMENT. */
bool plan_line_holds(const participation_group *g, const char *department);
/* The N budget lines B of YEAR's plan as representatives may see them: the
 * lines of plan_departments_protect with their figures summed, a suppressed
 * line's zeroed. Into *OUT (memory in A); STORE_OK or STORE_ERROR. */
int plan_budgets_protect(store *db, arena *a, int year, int min_group, const plan_budget *b,
                         size_t n, plan_budget **out, size_t *nout);

/* The plan as JSON (report plan --format json). */
bool plan_json(const plan_view *v, str *out, bool pretty);

#endif

/* gaps.h (app) - the competence gap report (RULES §9) as the CLI, the API
 * and the pages ask for it: load (store), keep the people the caller's role
 * may see, compute (core/gaps.h), and shape it as JSON or tables. */
#ifndef GP_APP_GAPS_H
#define GP_APP_GAPS_H
#include "core/gaps.h"
#include "store/store.h"
#include "util/table.h"

typedef struct gaps_query {
    date_t date;
    int horizon;             /* HORIZON_NOW or HORIZON_FUTURE */
    const char *department;  /* or NULL */
    const char *function;    /* pages only: only this function; NULL: all */
    int role;                /* who asks: ROLE_ADMIN sees everything */
    int64_t employee_row;    /* the caller's employee, for managers and employees */
    bool pretty;
} gaps_query;

/* What one computation holds: its input (for the names and codes) and result,
 * and what the caller may see of it. */
typedef struct gaps_view {
    gaps_input in;
    gaps_report report;
    bool people_visible;      /* the per-employee lines */
    bool competences_visible; /* the per-competence lines and totals */
    int min_group;
} gaps_view;

enum { GAPS_OK = 0, GAPS_BAD_REQUEST = 1, GAPS_FAILED = -1 };

/* Loads and computes the report Q asks for into V (memory in A). GAPS_OK, or
 * GAPS_BAD_REQUEST (an unknown department) or GAPS_FAILED with ERR set. */
int gaps_view_build(store *db, arena *a, const gaps_query *q, gaps_view *v, str *err);
/* The DESIGN §4 JSON of V. False when out of memory. */
bool gaps_view_json(const gaps_view *v, str *out, bool pretty);
/* The per-competence lines and the per-employee lines as tables (the CSV
 * and HTML of the report: the same numbers as the JSON). */
bool gaps_competence_table(const gaps_view *v, arena *a, report_table *t);
bool gaps_employee_table(const gaps_view *v, arena *a, report_table *t);

#endif

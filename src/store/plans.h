/* plans.h - the annual training plans, their initiatives, budgets and
 * comments, and the answers to the policy scans. Implemented in plans.c and
 * scans.c. Writes join the caller's transaction and are audited. */
#ifndef GP_STORE_PLANS_H
#define GP_STORE_PLANS_H
#include "core/plan.h"
#include "store/data.h"
#include "store/store.h"
#include "util/arena.h"

/* STORE_ROW with the plan of YEAR, STORE_DONE when there is none. */
int plans_get(store *db, arena *a, int year, plan *p);
/* The years that have a plan, newest first. */
int plans_years(store *db, arena *a, int **years, size_t *n);
/* Creates an empty draft for YEAR; STORE_CONSTRAINT when it exists. */
int plans_create(store *db, const char *actor, int year);
/* Creates the draft of TO from the plan of FROM: its texts, initiatives
 * (without what was realised) and planned budgets. */
int plans_copy(store *db, const char *actor, int from, int to);
/* Saves the texts of P (goal ... mandatory). */
int plans_save_texts(store *db, const char *actor, const plan *p);
/* Saves the state, the consultation and the evaluation fields of P. */
int plans_save_consultation(store *db, const char *actor, const plan *p, int old_state);

int plans_initiatives(store *db, arena *a, int64_t plan_id, plan_initiative **out, size_t *n);
/* Inserts (id 0) or updates X in the plan. */
int plans_initiative_save(store *db, const char *actor, int64_t plan_id, const plan_initiative *x);
int plans_initiative_delete(store *db, const char *actor, int64_t plan_id, int64_t id);

typedef struct plan_budget {
    const char *department;            /* or several joined: "A + B" (privacy rule) */
    int64_t planned, committed, spent; /* cents; spent from the learning record */
    bool suppressed;                   /* privacy rule: every figure hidden */
} plan_budget;

/* The budget lines of the plan of YEAR, with what was spent (the learning
 * record's costs net of subsidies) per department, also for departments
 * without a planned budget. */
int plans_budgets(store *db, arena *a, int64_t plan_id, int year, plan_budget **out, size_t *n);
int plans_budget_save(store *db, const char *actor, int64_t plan_id, const char *department,
                      int64_t planned, int64_t committed);

typedef struct plan_comment {
    const char *author, *role, *at, *text; /* author: a login */
    const char *author_name; /* the name of the employee the login is linked to, or
                              * the login: how pages name the author */
} plan_comment;

int plans_comment_add(store *db, const char *actor, const char *role, int64_t plan_id,
                      const char *text);
int plans_comments(store *db, arena *a, int64_t plan_id, plan_comment **out, size_t *n);

/* What was realised in YEAR per department, from the learning record. */
typedef struct department_actual {
    const char *department;
    int64_t participants, hours, cost; /* distinct people, hundredths, cents gross */
} department_actual;

int plans_actuals(store *db, arena *a, int year, department_actual **out, size_t *n);

/* The headcount per department in YEAR: the people employed in it at some
 * time of the year (the population of RULES §4), departments with nobody
 * left out. The privacy rule of the plan's department tables counts them. */
int plans_headcounts(store *db, arena *a, int year, group_count **out, size_t *n);

/* ---- scans.c ---- */

/* The answers of one side to one scan in one year (and function: 0 when the
 * scan is not per function): each answered statement id and whether it
 * applies. */
typedef struct scan_answer {
    const char *statement;
    int applies;
} scan_answer;

int scan_answers_get(store *db, arena *a, const char *scan, int year, const char *side,
                     int64_t function_id, scan_answer **out, size_t *n);
/* Replaces that side's answers with the N given. */
int scan_answers_save(store *db, const char *actor, const char *scan, int year,
                      const char *side, int64_t function_id, const scan_answer *answers,
                      size_t n);
/* The years in which SCAN was answered, newest first. */
int scan_years(store *db, arena *a, const char *scan, int **years, size_t *n);

#endif

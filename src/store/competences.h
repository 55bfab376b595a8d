/* competences.h (store) - the competence catalogue, function profiles,
 * assessments (append-only), training needs and development plans.
 * Writes do not open transactions: the caller wraps one change and its audit
 * entry in store_begin/store_end. */
#ifndef GP_STORE_COMPETENCES_H
#define GP_STORE_COMPETENCES_H
#include "core/competences.h"
#include "core/gaps.h"
#include "store/data.h"

/* ---- the catalogue ---- */

/* Inserts or updates (by code) C; *outcome is an upsert_outcome. */
int competences_upsert(store *db, const competence *c, int64_t *row, int *outcome);
/* What a competence row stores but its id, as text or NULL as bound: code,
 * name, kind, description (see employee_values). */
enum { COMPETENCE_VALUES = 4 };
void competence_values_of(const competence *c, const char *values[COMPETENCE_VALUES]);
/* Inserts, or updates by code, a competence of VALUES through stmt_exec_bulk. */
int competences_insert_values(store *db, const char *const *values);
int competences_update_values(store *db, const char *const *values);
/* Calls EACH with every stored competence's values. */
int competences_each_stored(store *db, int (*each)(void *ctx, const char *const *values),
                            void *ctx);
/* Every competence, by code. */
int competences_list(store *db, arena *a, competence **out, size_t *n);
/* STORE_ROW with *c, STORE_DONE when there is no competence CODE. */
int competences_get(store *db, arena *a, const char *code, competence *c);
/* Calls EACH with every competence's code and row. */
int competences_each_brief(store *db, int (*each)(void *ctx, const char *code, int64_t row),
                           void *ctx);

/* ---- function profiles ---- */

/* Sets the line (FUNCTION_ROW, COMPETENCE_ROW); *outcome is an upsert_outcome. */
int profiles_upsert(store *db, int64_t function_row, int64_t competence_row, int level_now,
                    int level_future, int *outcome);
/* Sets the line without asking what was there, through stmt_exec_bulk (an
 * import knows it from profiles_each_stored). */
int profiles_set(store *db, int64_t function_row, int64_t competence_row, int level_now,
                 int level_future);
/* Calls EACH with every stored line. */
int profiles_each_stored(store *db,
                         int (*each)(void *ctx, int64_t function_row, int64_t competence_row,
                                     int64_t level_now, int64_t level_future),
                         void *ctx);
/* Removes a line; STORE_DONE when there was none. */
int profiles_delete(store *db, const char *function, const char *code);
/* Every profile line, by function and competence code. */
int profiles_list(store *db, arena *a, profile_line **out, size_t *n);

/* ---- assessments ---- */

/* Adds S for the employee and competence at the rows given; *id is its id
 * (ID NULL: no id asked, and in a bulk load the row may travel with the next
 * through stmt_exec_bulk). */
int assessments_insert(store *db, const assessment *s, int64_t employee_row,
                       int64_t competence_row, const char *created_by, int64_t *id);
/* The assessments of the employee at ROW, newest first (by day, then entry). */
int assessments_of(store *db, arena *a, int64_t employee_row, assessment **out, size_t *n);
int64_t assessments_count(store *db);
/* Calls EACH for every assessment in the order of entry; its strings live
 * until EACH returns, which returns non-zero to stop (then STORE_ERROR). */
int assessments_each(store *db, int (*each)(void *ctx, const assessment *x), void *ctx);

/* ---- what the gap report reads (rule 9) ---- */

/* The people the gap report computes on, by employee_id: id (row),
 * employee_id, names, hire and exit dates, department, function, and the
 * manager's employee_id. */
int gap_people_load(store *db, arena *a, employee **out, size_t *n);
/* Calls EACH with, per employee row and competence row, the assessment that
 * counts on DAY: the latest with assessed_on <= DAY, the one entered last on
 * the same day. A pre-filter that follows gap_supersedes (core/gaps.h), so
 * that millions of assessments do not all travel to the rule. DEPARTMENT
 * (or NULL) keeps only the assessments of its employees, as
 * gap_in_population would. */
int assessments_latest_each(store *db, date_t day, const char *department,
                            int (*each)(void *ctx, int64_t employee_row, int64_t competence_row,
                                        int level, date_t on, int64_t id),
                            void *ctx);

/* ---- training needs ---- */

/* Adds N (its employee, function, department and competence by name or
 * code, checked by the caller) signalled by ACTOR in ROLE; *id is its id.
 * Audited. STORE_CONSTRAINT when a name is unknown. */
int needs_add(store *db, const char *actor, int role, const training_need *n, int64_t *id);

typedef struct need_query {
    int status;              /* -1: any */
    const char *created_by;  /* only those this login signalled; NULL: any */
    int64_t team_of;         /* only needs of this manager's team and its members; 0: any */
    int64_t employee_row;    /* only needs of this person; 0: any */
    const char *department;  /* only this department; NULL: any */
} need_query;

/* The needs Q selects, open ones first, then by priority and newest. */
int needs_list(store *db, arena *a, const need_query *q, training_need **out, size_t *n);
/* How many people employed on DAY need ID is about, into *PEOPLE: its
 * person, the manager's team (their reports, direct and indirect), the
 * function's or the department's people, or everyone. STORE_OK. */
int needs_people(store *db, int64_t id, date_t day, int64_t *people);
/* STORE_ROW with *n, STORE_DONE when there is no need ID. */
int needs_get(store *db, arena *a, int64_t id, training_need *n);
/* Sets the status of need ID (with a reason, and the plan initiative that
 * takes it up, 0 for none) and audits it. */
int needs_set_status(store *db, const char *actor, int64_t id, int status, const char *reason,
                     int64_t initiative_id);

/* ---- personal development plans ---- */

/* STORE_ROW with the plan of the employee at ROW for YEAR, or STORE_DONE. */
int dev_plan_get(store *db, arena *a, int64_t employee_row, int year, dev_plan *p);
/* Creates or updates the plan's conversation fields (NULL comment: kept). */
int dev_plan_save(store *db, const char *actor, int64_t employee_row, const dev_plan *p,
                  int64_t *id);
/* Sets only the employee's own comment. */
int dev_plan_comment(store *db, const char *actor, int64_t plan_id, const char *comment);
/* Adds a goal or action to plan PLAN_ID. */
int dev_item_add(store *db, const char *actor, int64_t plan_id, const dev_item *i);
/* The items of plan PLAN_ID of EMPLOYEE_ROW for YEAR, goals first, with each
 * action's latest learning record of its activity in YEAR. */
int dev_items_list(store *db, arena *a, int64_t plan_id, int64_t employee_row, int year,
                   dev_item **out, size_t *n);
/* The number of employees employed on DAY with a plan for YEAR, and all
 * employed on DAY. */
int dev_plans_count(store *db, int year, date_t day, int64_t *with_plan, int64_t *employed);
/* Names the competences (codes separated by '|') the activity CODE develops. */
int activities_set_competences(store *db, const char *code, const char *competences);

#endif

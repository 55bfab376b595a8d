/* onboarding.h (store) - mentor assignments, onboarding trajectories and
 * their templates, monthly reviews, communities of practice and job
 * rotation (migration 007). Writes do not open transactions: the caller
 * wraps one change and its audit entry in store_begin/store_end. */
#ifndef GP_STORE_ONBOARDING_H
#define GP_STORE_ONBOARDING_H
#include "core/onboarding.h"
#include "store/data.h"

/* ---- rule 7's facts ---- */

/* Every employee's id, hire and exit date, sorted by employee_id. */
int onboarding_people(store *db, arena *a, onboarding_person **out, size_t *n);
/* Every mentor assignment, with the employee_ids. */
int mentors_all(store *db, arena *a, mentor_assignment **out, size_t *n);
/* The settings of rule 7 (defaults where unset). */
int onboarding_settings_load(store *db, onboarding_settings *s);

/* ---- mentor assignments ---- */

/* Inserts or updates (key: newcomer, mentor, from) the assignment's end. */
int mentors_upsert(store *db, int64_t newcomer_row, int64_t mentor_row, date_t from, date_t to,
                   int *outcome);
/* The three writes of an import of mentors, which reads them all first;
 * through stmt_exec_bulk (in a bulk load they travel with the next). */
int mentors_insert(store *db, int64_t newcomer_row, int64_t mentor_row, date_t from, date_t to);
int mentors_set_end(store *db, int64_t id, date_t to);
/* Calls EACH with every stored assignment. */
int mentors_each_stored(store *db,
                        int (*each)(void *ctx, int64_t id, int64_t newcomer_row,
                                    int64_t mentor_row, date_t from, date_t to),
                        void *ctx);
/* Sets the time reserved for mentoring (hundredths of an hour a week, -1:
 * not said) of assignment ID; STORE_DONE when there is none. */
int mentors_set_reserved(store *db, const char *actor, int64_t id, int64_t hours);
/* Ends assignment ID on TO; STORE_DONE when there is none. */
int mentors_end(store *db, const char *actor, int64_t id, date_t to);

/* An assignment as pages show it. */
typedef struct mentor_view {
    mentor_assignment a;
    int64_t newcomer_row, mentor_row;
    const char *newcomer_name, *mentor_name;
    date_t newcomer_hire;
    int64_t reserved_hours; /* -1: not said */
} mentor_view;

/* The assignments that matter on ON (not ended before ON), of one mentor
 * (MENTOR_ROW > 0), of one newcomer (NEWCOMER_ROW > 0), of a manager's team
 * (TEAM_OF > 0) or all; by newcomer id, then from. */
int mentors_list(store *db, arena *a, int64_t mentor_row, int64_t newcomer_row, int64_t team_of,
                 date_t on, mentor_view **out, size_t *n);
/* 1 when MENTOR_ROW guides NEWCOMER_ROW on ON (an assignment with from <= ON
 * and no end before ON), 0 when not, -1 on error. */
int mentors_guides(store *db, int64_t mentor_row, int64_t newcomer_row, date_t on);

/* ---- trajectory templates ---- */

typedef struct onboarding_module {
    int64_t id;
    const char *title, *description;
    int week;
    bool safety;
    int64_t hours;            /* hundredths; 0: no learning record */
    date_t mentor_signed, newcomer_signed;
    int64_t record_id;        /* the learning record it became, or 0 */
} onboarding_module;

typedef struct onboarding_template {
    int64_t id;
    const char *function, *title;
    onboarding_module *modules; /* safety first, then by week */
    size_t nmodules;
} onboarding_template;

/* Every template with its modules, by function. */
int templates_list(store *db, arena *a, onboarding_template **out, size_t *n);
/* Makes (or retitles) the template of FUNCTION; its row in *id. */
int templates_ensure(store *db, const char *actor, const char *function, const char *title,
                     int64_t *id);
/* Adds module M to template TEMPLATE_ID. */
int templates_add_module(store *db, const char *actor, int64_t template_id,
                         const onboarding_module *m);
/* Removes module ID of a template; STORE_DONE when there is none. */
int templates_delete_module(store *db, const char *actor, int64_t id);

/* ---- trajectories ---- */

typedef struct trajectory {
    int64_t id, newcomer_row;
    const char *newcomer_id, *newcomer_name, *function;
    date_t hire, start;
    const char *document_signed_by; /* a login, or NULL */
    date_t document_signed_on;
    onboarding_module *modules;     /* safety first, then by week */
    size_t nmodules;
} trajectory;

/* STORE_ROW with the trajectory of NEWCOMER_ROW, STORE_DONE when none. */
int trajectory_get(store *db, arena *a, int64_t newcomer_row, trajectory *t);
/* Gives NEWCOMER_ROW a trajectory starting on START with the modules of its
 * function's template (none when there is no template); STORE_CONSTRAINT
 * when it has one already. */
int trajectory_create(store *db, const char *actor, int64_t newcomer_row, date_t start);
/* Adds module M to the trajectory of NEWCOMER_ROW (adjusted per person). */
int trajectory_add_module(store *db, const char *actor, int64_t newcomer_row,
                          const onboarding_module *m);
/* The newcomer's row of module ID, 0 when there is none, -1 on error. */
int64_t trajectory_module_newcomer(store *db, int64_t module_id);
/* Who signs. */
enum signer { SIGN_MENTOR, SIGN_NEWCOMER };
/* Signs module ID as WHO (SIGNER_ROW: the employee signing) on ON.
 * STORE_DONE when WHO has signed it already (nothing changes). When both
 * have signed and the module has hours, it becomes an informal learning
 * record of the newcomer (learning_insert, so the totals stay exact). */
int trajectory_sign(store *db, const char *actor, int64_t module_id, enum signer who,
                    int64_t signer_row, date_t on);
/* Records that ACTOR (the employer or the designated line manager) signed
 * the onboarding document on ON; STORE_DONE when there is no trajectory. */
int trajectory_sign_document(store *db, const char *actor, int64_t newcomer_row, date_t on);

/* ---- monthly reviews ---- */

typedef struct onboarding_review {
    int64_t id;
    date_t on;
    const char *practised, *mastered, *next_plan, *note, *recorded_by;
} onboarding_review;

int reviews_add(store *db, const char *actor, int64_t newcomer_row, const onboarding_review *r);
/* The reviews of NEWCOMER_ROW, newest first. */
int reviews_list(store *db, arena *a, int64_t newcomer_row, onboarding_review **out, size_t *n);

/* ---- communities of practice ---- */

typedef struct community {
    int64_t id;
    const char *name, *kind, *rhythm, *goals;
    const char *lead_id, *lead_name; /* NULL when no lead */
    int64_t members, meetings;
} community;

int communities_list(store *db, arena *a, community **out, size_t *n);
/* STORE_ROW with community ID, STORE_DONE when none. */
int communities_get(store *db, arena *a, int64_t id, community *c);
/* Adds a community; STORE_CONSTRAINT when the name is taken. */
int communities_add(store *db, const char *actor, const community *c, int64_t lead_row,
                    int64_t *id);
/* Adds the employee at ROW as a member (nothing when already one). */
int communities_add_member(store *db, const char *actor, int64_t id, int64_t row);
/* The members of community ID: employee_id in name, row in count. */
int communities_members(store *db, arena *a, int64_t id, group_count **out, size_t *n);
/* 1 when ROW is a member or the lead of community ID, 0 when not. */
int communities_is_member(store *db, int64_t id, int64_t row);

typedef struct community_meeting {
    int64_t id;
    date_t on;
    int64_t hours;
    const char *topic;
    int64_t attendees;
} community_meeting;

/* Who was at a meeting: the employees at ROWS (N); TO_CONFIRM (NULL: none)
 * marks those whose hours wait for someone else's confirmation. */
typedef struct meeting_attendance {
    const int64_t *rows;
    const bool *to_confirm;
    size_t n;
    size_t skipped; /* out: not employed on the day, left out */
    size_t claimed; /* out: pending claims made */
} meeting_attendance;

/* Adds a meeting of community ID on ON of HOURS with WHO attending: each
 * attendance becomes an informal learning record of the meeting's hours,
 * or, where WHO marks it to confirm, a pending claim of the person (their
 * manager or HR confirms it, as informal learning one logs oneself; the
 * attendance then points at no record). Those not employed on ON are
 * skipped. */
int communities_add_meeting(store *db, const char *actor, int64_t id, date_t on, int64_t hours,
                            const char *topic, meeting_attendance *who);
int communities_meetings(store *db, arena *a, int64_t id, community_meeting **out, size_t *n);

/* ---- job rotation ---- */

typedef struct job_rotation {
    int64_t id, employee_row;
    const char *employee_id, *employee_name, *workstation;
    date_t from, to, completed_on;
    int64_t hours;
    int64_t record_id;
} job_rotation;

/* Plans rotation R of the employee at EMPLOYEE_ROW; its row in *id. */
int rotations_add(store *db, const char *actor, int64_t employee_row, const job_rotation *r,
                  int64_t *id);
/* The rotations of one employee (EMPLOYEE_ROW > 0), a team (TEAM_OF > 0) or
 * all, by start. */
int rotations_list(store *db, arena *a, int64_t employee_row, int64_t team_of, job_rotation **out,
                   size_t *n);
/* Marks rotation ID completed on ON: it becomes an informal learning record
 * of its hours, starting on its first day. STORE_DONE when there is no such
 * rotation still open. */
int rotations_complete(store *db, const char *actor, int64_t id, date_t on);
/* The employee's row of rotation ID, 0 when none, -1 on error. */
int64_t rotations_employee(store *db, int64_t id);

/* ---- the mentor's own support ---- */

/* STORE_ROW with the date of the latest mentor training of the employee at
 * ROW (see POLICY_MENTOR_TRAINING), STORE_DONE when none. */
int mentor_training_of(store *db, int64_t row, date_t *on);

#endif

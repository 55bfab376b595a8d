/* data.h - what groeipad stores, by concept. Implemented in settings.c,
 * audit.c, users.c, employees.c and learning.c of this folder.
 *
 * Writes do not open transactions themselves unless they say so: the caller
 * wraps one person's change (and its audit entry) in store_begin/commit. */
#ifndef GP_STORE_DATA_H
#define GP_STORE_DATA_H
#include "core/model.h"
#include "store/store.h"
#include "util/arena.h"

/* The index in V of the text in column COL; -1 when it is SQL NULL or not
 * in V (rows.c). */
int stmt_vocab(stmt *s, int col, const vocab *v);

/* ---- settings (settings.c) ---- */

/* STORE_ROW with the value in OUT, STORE_DONE when unset, or STORE_ERROR. */
int settings_get(store *db, const char *key, str *out);
/* Sets KEY (NULL VALUE removes it) and audits the change. */
int settings_set(store *db, const char *actor, const char *key, const char *value);
/* Calls EACH for every setting in key order. */
int settings_each(store *db, void (*each)(const char *key, const char *value, void *ctx),
                  void *ctx);

/* ---- audit log (audit.c) ---- */

/* Records that ACTOR did ACTION on ENTITY KEY; BEFORE and AFTER are JSON or NULL. */
int audit_write(store *db, const char *actor, const char *action, const char *entity,
                const char *key, const char *before, const char *after);
/* The same line in the site's own log (registry.audit_log, PostgreSQL), from
 * a connection to any of its organisations: for what belongs to the site
 * rather than to one organisation, whose log travels in its backup. */
int audit_write_site(store *db, const char *actor, const char *action, const char *entity,
                     const char *key, const char *before, const char *after);
/* The number of entries, for tests and the admin overview. */
int64_t audit_count(store *db);

/* ---- users, sessions and tokens (users.c) ---- */

typedef struct user {
    int64_t id;
    const char *login;
    int role;
    int64_t employee_row;    /* 0 when not linked to an employee */
    const char *employee_id; /* that employee's id, or NULL */
    const char *lang;        /* chosen language, or NULL */
} user;

/* Adds a user with an already hashed password; EMPLOYEE_ID may be NULL.
 * STORE_CONSTRAINT when the login exists, the employee does not, or the
 * employee has a login here already (users_of_employee says which). */
int users_add(store *db, const char *actor, const char *login, const char *password_hash,
              int role, const char *employee_id);
/* The login of this organisation linked to the employee EMPLOYEE_ID into
 * *LOGIN (in A): STORE_ROW, STORE_DONE when none (or no such employee),
 * STORE_ERROR. One employee has one login: their learning, badges and
 * calendar are theirs under one name. */
int users_of_employee(store *db, arena *a, const char *employee_id, const char **login);
/* How many admins this organisation has besides LOGIN; -1 on error. */
int64_t users_admins_besides(store *db, const char *login);
/* STORE_ROW and *u (strings in A), STORE_DONE when unknown, or STORE_ERROR. */
int users_find(store *db, arena *a, const char *login, user *u, str *password_hash);
int users_set_lang(store *db, int64_t user_id, const char *lang);
/* Every user, by login. */
int users_list(store *db, arena *a, user **out, size_t *n);
/* Sets the password hash of LOGIN and ends its sessions and API tokens,
 * audited by ACTOR; STORE_DONE when there is no such user. SITE_WIDE: the
 * site's account (registry.accounts), so in every organisation it belongs
 * to; for the person themself (POST /account) and the site's operator
 * (user password), as an organisation's view of users refuses to change a
 * login it shares with another organisation. Else the organisation's user. */
int users_set_password(store *db, const char *actor, const char *login, const char *hash,
                       bool site_wide);
/* Gives LOGIN the role ROLE in this organisation, audited by ACTOR ("update",
 * before and after {"role": ...}); their next request has it. STORE_OK also
 * when it is their role already (nothing written), STORE_DONE when there is
 * no such user, STORE_CONSTRAINT when they are its only admin and ROLE is
 * another. In the caller's transaction. */
int users_set_role(store *db, const char *actor, const char *login, int role);
/* Links LOGIN to the employee at EMPLOYEE_ROW (a login made without one,
 * or linked to the wrong person), audited by ACTOR. STORE_DONE when there
 * is no such user, STORE_CONSTRAINT when that employee has another login
 * (one login per employee). In the caller's transaction. */
int users_set_employee(store *db, const char *actor, const char *login, int64_t employee_row);
/* Takes LOGIN out of this organisation, audited by ACTOR ("delete", before
 * their login, role and employee): their sessions, API tokens and calendar
 * address here end. On a site the login stays the person's in the other
 * organisations it belongs to, *OTHERS of them (when 0 it is gone from the
 * site); -1 on a SQLite file. STORE_DONE when there is no such user,
 * STORE_CONSTRAINT when they are the organisation's only admin. In the
 * caller's transaction. */
int users_remove(store *db, const char *actor, const char *login, int64_t *others);
/* How many organisations of the site besides the one DB serves LOGIN
 * belongs to, into *OTHERS (0: removing it here deletes the login from the
 * site); -1 on a SQLite file, which has no site. */
int users_elsewhere(store *db, const char *login, int64_t *others);

int sessions_add(store *db, int64_t user_id, const char *token_hash, const char *csrf,
                 int lifetime_seconds);
/* Finds a live session: STORE_ROW with *u and CSRF, STORE_DONE when none. */
int sessions_find(store *db, arena *a, const char *token_hash, user *u, str *csrf);
int sessions_delete(store *db, const char *token_hash);

int tokens_add(store *db, int64_t user_id, const char *token_hash);
int tokens_find(store *db, arena *a, const char *token_hash, user *u);
/* Records in the audit log a failed login as LOGIN (known or not) from
 * ADDRESS (may be NULL). */
int logins_failed_add(store *db, const char *login, const char *address);
/* The failed logins as LOGIN in the last WINDOW_SECONDS after its last
 * successful one: *count, and in *retry_after the seconds until the oldest
 * of them leaves the window. */
int logins_failed_recent(store *db, const char *login, int window_seconds, int64_t *count,
                         int64_t *retry_after);
/* The failed logins as LOGIN between its last two successful ones (what its
 * owner has not been told yet): *count, and the time and address of the
 * latest (NULL when none), copied into A. */
int logins_failed_before_last(store *db, arena *a, const char *login, int64_t *count,
                              const char **last_at, const char **last_address);

/* ---- departments, functions, employees (employees.c) ---- */

/* A name with a number: a group and its headcount, or a name and its id. */
typedef struct group_count {
    const char *name;
    int64_t count;
} group_count;

/* The row id of the department or function NAME, created when new; a name
 * that differs from a stored one only in letter case and surrounding
 * spaces is that one (text_name_key; the first spelling stored stays). */
int departments_ensure(store *db, const char *name, int64_t *id);
int functions_ensure(store *db, const char *name, int64_t *id);
/* Every function, by name: its row id in count, its name in name. */
int functions_list(store *db, arena *a, group_count **out, size_t *n);
/* Every department, by name: its row id in count. */
int departments_list(store *db, arena *a, group_count **out, size_t *n);

/* What an upsert did. */
enum upsert_outcome { UPSERT_UNCHANGED, UPSERT_CREATED, UPSERT_UPDATED };

/* Inserts or updates (by employee_id) E, without its manager; *outcome says
 * what happened. Managers are linked afterwards by employees_set_manager, so
 * a file may name a manager below the employee. */
int employees_upsert(store *db, const employee *e, int64_t *row, int *outcome);

/* What an employee row stores but its id and manager, each value as text or
 * NULL as it is bound, in the order of the columns employee_id, first_name,
 * last_name, email, gender, birth_date, hire_date, exit_date, department_id,
 * function_id, category, contract, fte, education, born_abroad, disability,
 * shift: what an import compares with the stored row (see row_images.h).
 * The values point into the struct itself: fill it where it stays. */
enum { EMPLOYEE_VALUES = 17 };
typedef struct employee_values {
    const char *v[EMPLOYEE_VALUES];
    char birth[DATE_TEXT_SIZE], hire[DATE_TEXT_SIZE], exit[DATE_TEXT_SIZE];
    char dept[24], func[24], fte[24];
} employee_values;
/* E's values with the department and function rows DEPT and FUNC. */
void employee_values_of(const employee *e, int64_t dept, int64_t func, employee_values *out);
/* Calls EACH with every stored employee's row, manager row (0: none) and
 * values. */
int employees_each_stored(store *db,
                          int (*each)(void *ctx, int64_t row, int64_t manager_row,
                                      const char *const *values),
                          void *ctx);
/* Inserts a new employee of VALUES (without a manager); its row in *row.
 * Through stmt_exec_bulk: in a bulk load the row travels with the next. */
int employees_insert_values(store *db, const char *const *values, int64_t *row);
/* Updates the employee VALUES names (by employee_id) to VALUES, through
 * stmt_exec_bulk (so the change is not counted in a bulk load). */
int employees_update_values(store *db, const char *const *values);
/* Many employees' new values at once, in a bulk load: begin, then add each
 * changed employee's EMPLOYEE_VALUES (found by its employee_id, which must
 * exist; nothing is compared), then apply writes them all; STORE_OK or an
 * error. */
int employees_changes_begin(store *db);
int employees_change_add(store *db, const char *const *values);
int employees_changes_apply(store *db);
/* Many manager links at once, in a bulk load, as employees_changes_*:
 * begin, add each link of the employee at ROW to the manager at MANAGER_ROW
 * (0: none), then apply makes them all; STORE_OK or an error. */
int employees_manager_changes_begin(store *db);
int employees_manager_change_add(store *db, int64_t row, int64_t manager_row);
int employees_manager_changes_apply(store *db);
/* Links (MANAGER_ID NULL: unlinks) the manager; *changed says whether it did. */
int employees_set_manager(store *db, const char *employee_id, const char *manager_id,
                          int *changed);
/* Calls EACH with every employee's id, row, hire and exit date. */
int employees_each_brief(store *db, int (*each)(void *ctx, const char *employee_id,
                                                int64_t row, date_t hire, date_t exit),
                         void *ctx);
/* The row id of EMPLOYEE_ID, 0 when unknown, -1 on error. */
int64_t employees_row(store *db, const char *employee_id);
/* 1 when TEXT is one of the employees' numbers with other digits
 * (number_alike: "E999" where there is an E001), 0 when not, -1 on error. */
int employees_number_alike(store *db, const char *text);
int64_t employees_count(store *db);

typedef struct employee_query {
    const char *search;     /* part of a name or id, or NULL */
    const char *department; /* exact name, or NULL */
    const char *function;   /* exact name, or NULL */
    const char *category;   /* blue_collar or white_collar, or NULL */
    const char *contract;   /* a contract type, or NULL */
    int status;             /* 0 everyone, 1 employed today, 2 left, 3 starts later */
    int64_t team_of;        /* only the direct and indirect reports of this row; 0: all */
    int64_t only;           /* only this row; 0: all */
    int offset, limit;      /* limit 0: no limit */
} employee_query;

/* Fills *out with the employees that Q selects, sorted by employee_id, and
 * *total with how many match without paging. */
int employees_list(store *db, arena *a, const employee_query *q, employee **out, size_t *n,
                   size_t *total);
/* STORE_ROW with *e, STORE_DONE when no such employee. */
int employees_get(store *db, arena *a, const char *employee_id, employee *e);
/* STORE_ROW with *NAME ("first last", in A) of the employee the user LOGIN
 * is linked to; STORE_DONE when the login is linked to none (or unknown). */
int employees_name_of_login(store *db, arena *a, const char *login, const char **name);
/* True when the employee at row EMP reports (directly or not) to row MANAGER. */
int employees_in_team(store *db, int64_t manager, int64_t emp);

/* The number of employees employed on day ON per department, by name. */
int departments_headcount(store *db, arena *a, date_t on, group_count **out, size_t *n);

/* ---- activities and the learning record (learning.c) ---- */

int activities_upsert(store *db, const activity *a, int64_t *row, int *outcome);
/* What an activity row stores but its id, each value as text or NULL as it
 * is bound, in the order of the columns code, title, type, form, provider,
 * internal, hours, cost, validity_months, mandatory, competences,
 * target_functions (see employee_values). */
enum { ACTIVITY_VALUES = 12 };
typedef struct activity_values {
    const char *v[ACTIVITY_VALUES];
    char internal[24], hours[24], cost[24], validity[24], mandatory[24];
} activity_values;
void activity_values_of(const activity *a, activity_values *out);
/* Calls EACH with every stored activity's row and values. */
int activities_each_stored(store *db, int (*each)(void *ctx, int64_t row,
                                                  const char *const *values),
                           void *ctx);
/* Inserts a new activity of VALUES, through stmt_exec_bulk. */
int activities_insert_values(store *db, const char *const *values);
/* Updates the activity VALUES names (by code) to VALUES, through
 * stmt_exec_bulk. */
int activities_update_values(store *db, const char *const *values);
/* What follows an update of the activity at ROW from the values BEFORE to
 * AFTER: its certifying dates when it starts or stops certifying, and the
 * type of the records that take it from the activity. */
int activities_after_update(store *db, int64_t row, const char *const *before,
                            const char *const *after);
/* Calls EACH with every activity's code, row and type. */
int activities_each_brief(store *db, int (*each)(void *ctx, const char *code, int64_t row,
                                                 int type), void *ctx);
int64_t activities_row(store *db, const char *code, int *type);
int activities_list(store *db, arena *a, activity **out, size_t *n);
int64_t activities_count(store *db);

/* Adds R; its employee and activity are given by row id. Keeps the yearly
 * totals in step. */
int learning_insert(store *db, const learning_record *r, int64_t employee_row,
                    int64_t activity_row);
/* Adds R without touching the totals: for bulk loads that sum in memory and
 * call learning_totals_add once per employee, year and type. */
int learning_insert_only(store *db, const learning_record *r, int64_t employee_row,
                         int64_t activity_row);

/* One record's (or many records') contribution to learning_totals. */
typedef struct learning_total {
    int64_t records, hours, cost, subsidy, right_hours;
} learning_total;

void learning_totals_of(const learning_record *r, learning_total *t);
/* Adds (SIGN 1) or takes away (-1) T in the totals of an employee, year, type. */
int learning_totals_add(store *db, int64_t employee_row, int year, int type,
                        const learning_total *t, int sign);
/* True (1) when learning_totals holds no row at all, 0 when it does, -1 on
 * error: a first load may then write new totals without looking for old. */
int learning_totals_empty(store *db);
/* Writes T as the new totals of an employee, year and type, which must not
 * have any yet (see learning_totals_empty); a bulk load's fast way. */
int learning_totals_insert(store *db, int64_t employee_row, int year, int type,
                           const learning_total *t);
/* Makes every total again from the records. */
int learning_totals_rebuild(store *db);
int64_t learning_count(store *db);
/* The learning of one employee (row), newest first. */
int learning_of(store *db, arena *a, int64_t employee_row, learning_record **out, size_t *n);
/* Calls EACH for every record starting in YEAR (0: all years), by employee
 * (row) and start date; the record's strings live until EACH returns. EACH returns
 * non-zero to stop (then STORE_ERROR). */
int learning_each(store *db, int year, int (*each)(void *ctx, const learning_record *r),
                  void *ctx);
/* The funding rows of YEAR (0: all), by year and type. */
int funding_list(store *db, arena *a, int year, funding **out, size_t *n);

int funding_upsert(store *db, const funding *f, int *outcome);

typedef struct learning_query {
    int64_t employee_row; /* only this employee; 0: any */
    int64_t team_of;      /* only this manager's reports and the manager; 0: any */
    int year;             /* 0: every year */
    int offset, limit;
} learning_query;

/* A page of the learning record, newest first, and how many match. */
int learning_list(store *db, arena *a, const learning_query *q, learning_record **out,
                  size_t *n, size_t *total);
/* STORE_ROW with the record ID and its employee's row, or STORE_DONE. */
int learning_get(store *db, arena *a, int64_t id, learning_record *r, int64_t *employee_row);
/* Deletes record ID with its yearly totals and certifying dates; what
 * points at it is the caller's (learning_remove lets go of it first; a
 * correction moves it to the new record, learning_move_ties). */
int learning_delete(store *db, int64_t id);

/* Points what points at record FROM (evaluation, claims, enrolment,
 * onboarding module, attendance, rotation) at record TO, its correction. */
int learning_move_ties(store *db, int64_t from, int64_t to);

/* What rests on one learning record (learning_ties_of). A badge or a claim
 * filed with the authorities stops its deletion; the rest is counted so the
 * confirmation can say what goes with it and what stays without it. */
typedef struct learning_ties {
    int64_t badges;        /* Open Badges issued on it and not revoked: it stays */
    int64_t claims_filed;  /* incentive claims filed or paid for it: it stays */
    int64_t claims_to_file; /* incentive claims not filed yet: deleted with it */
    int64_t evaluation;    /* reaction answers and comment, test attempts, the
                            * follow-up: deleted with it */
    int64_t logged;        /* the employee's own logged learning that was
                            * confirmed into it: declined with its deletion,
                            * so it no longer counts and gets no badge */
    int64_t history;       /* enrolments, onboarding modules, meeting
                            * attendance, rotations, refused claims: they
                            * stay, without the record */
} learning_ties;

/* Fills T for record ID; STORE_OK or STORE_ERROR. */
int learning_ties_of(store *db, int64_t id, learning_ties *t);
/* Deletes learning record ID as ACTOR, in the caller's transaction: lets go
 * of what points at it (as learning_ties says; confirmed logged learning it
 * came from is declined, each with an audit line), takes it out of the
 * yearly totals and certifying dates, and writes the audit line with its
 * values.
 * STORE_OK; STORE_DONE when there is no such record; STORE_CONSTRAINT (T
 * says why) when a badge or a filed claim rests on it, nothing changed. */
int learning_remove(store *db, const char *actor, int64_t id, learning_ties *t);
/* Adds AMOUNT (cents) to the subsidy of record ID and to its yearly totals
 * (a paid incentive claim); STORE_DONE when there is no such record. */
int learning_add_subsidy(store *db, int64_t id, int64_t amount);

/* ---- self-logged informal learning (claims.c) ---- */

typedef struct learning_claim {
    int64_t id;
    const char *employee_id, *employee_name;
    const char *title;
    int form;
    date_t start_date;
    int64_t hours;          /* hundredths */
    int working_time;       /* -1, 0, 1 */
    const char *note;
    const char *status;     /* pending, confirmed, declined */
} learning_claim;

/* Adds a pending claim of the employee at ROW. */
int claims_add(store *db, const char *actor, int64_t employee_row, const learning_claim *c);
/* The claims of one employee (EMPLOYEE_ROW) or of a manager's team (TEAM_OF),
 * pending ones only when PENDING_ONLY, newest first. */
int claims_list(store *db, arena *a, int64_t employee_row, int64_t team_of, bool pending_only,
                learning_claim **out, size_t *n);
/* Confirms (a learning record is added) or declines a pending claim; the
 * employee's row in *employee_row. STORE_DONE when there is no such pending
 * claim. */
int claims_decide(store *db, const char *actor, int64_t id, bool confirm, int64_t *employee_row);
/* The row of the employee whose claim ID is, or 0. */
int64_t claims_employee(store *db, int64_t id);
/* Deletes the learning records that start in YEAR; *deleted counts them. */
int learning_delete_year(store *db, int year, int64_t *deleted);
/* How many learning records start in YEAR (what learning_delete_year would
 * delete), or -1 on error. */
int64_t learning_count_year(store *db, int year);

#endif

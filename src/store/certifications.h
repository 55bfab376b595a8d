/* certifications.h (store) - what rule 5 computes on, and the reminders
 * sent. Implemented in certifications.c. */
#ifndef GP_STORE_CERTIFICATIONS_H
#define GP_STORE_CERTIFICATIONS_H
#include "core/certifications.h"
#include "store/store.h"

/* The facts of rule 5 (core/certifications.h, certifications_on). */
typedef struct cert_facts {
    employee *people;   /* every employee, by employee_id; manager_id and
                           department set, names empty */
    size_t npeople;
    activity *acts;     /* the activities that certify or are mandatory */
    size_t nacts;
    cert_record *recs;  /* per (employee, activity) the latest completed
                           record dated on or before the day (a pre-filter:
                           certifications_on applies the rule itself) */
    size_t nrecs;
} cert_facts;

/* Loads the facts for DAY into F, memory in A. */
int cert_facts_load(store *db, arena *a, date_t day, cert_facts *f);

/* ---- cert_records: the dates that may certify (migration 010) ----
 *
 * Per employee, activity and date, the completed records of the activities
 * that certify or are mandatory: the facts cert_facts_load reads in key
 * order. Every write of a learning record, and an activity that starts or
 * stops certifying, keeps it equal to what the same query over
 * learning_records gives (cert_records_rebuild; a test compares the two).
 * All STORE_OK or STORE_ERROR. */

/* The row RESULT, START and END of a record just added for EMPLOYEE_ROW on
 * ACTIVITY_ROW (0: none), when it may certify. */
int cert_records_add(store *db, int64_t employee_row, int64_t activity_row, int result,
                     date_t start_date, date_t end_date);
/* The rows of every record with an id above AFTER_ID (a bulk load's). */
int cert_records_add_after(store *db, int64_t after_id);
/* 1 when cert_records has no row, 0 when it has, -1 on error: a first load
 * may then insert its rows with cert_records_insert, no conflict possible. */
int cert_records_empty(store *db);
/* Calls EACH with the row of every activity whose completions cert_records
 * keeps (it certifies or is mandatory); stops at a non-zero answer. */
int cert_activities_each(store *db, int (*each)(void *ctx, int64_t row), void *ctx);
/* Adds one row to cert_records in a bulk load whose rows cannot be there yet
 * (cert_records_empty before it, duplicates dropped by the caller). */
int cert_records_insert(store *db, int64_t employee_row, int64_t activity_row, date_t achieved);
/* The employee's rows made again from their records (a record deleted or
 * its result changed). */
int cert_records_refresh_employee(store *db, int64_t employee_row);
/* The rows of the employees who have records in YEAR made again (before
 * learning_totals forgets them: it names them). */
int cert_records_refresh_year(store *db, int year);
/* The activity's rows made again (it started or stopped certifying). */
int cert_records_refresh_activity(store *db, int64_t activity_row);
/* Every row made again from learning_records. */
int cert_records_rebuild(store *db);
/* The highest learning record id (0 without records), -1 on error: where
 * a bulk load starts. */
int64_t learning_last_id(store *db);

/* One reminder sent (a certification and a step). */
typedef struct cert_reminder {
    const char *employee_id, *employee_name, *activity_code, *activity_title;
    date_t achieved, valid_until, sent_on;
    int step;
} cert_reminder;

/* Records that the reminder of STEP for the certification (employee row,
 * activity row, ACHIEVED) was sent on SENT_ON; *added is false when it had
 * been sent already (the unique key holds it). */
int cert_reminders_add(store *db, int64_t employee_row, int64_t activity_row, date_t achieved,
                       int step, date_t valid_until, date_t sent_on, bool *added);
/* The reminders sent since SINCE to the employee at EMPLOYEE_ROW, or about
 * the team of TEAM_OF (0: not asked), or all (both 0), newest first, at
 * most LIMIT. */
int cert_reminders_list(store *db, arena *a, int64_t employee_row, int64_t team_of,
                        date_t since, int limit, cert_reminder **out, size_t *n);
/* The number of reminders recorded (tests). */
int64_t cert_reminders_count(store *db);

#endif
